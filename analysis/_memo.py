"""A least-recently-used memo for functions of one text, bounded by the characters it holds.

Several instruments read the same texts' sentences, tokens and quotations (the pipeline runs
them one after another on a chunk of documents). ``functools.lru_cache`` bounds the number of
entries, which either thrashes on a chunk of many short texts or pins many long ones in memory;
this memo keeps the most recent texts up to a total number of characters instead.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")


def memoize_text(max_chars: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Memoise ``function(text, *args)`` (hashable arguments) for the most recent texts totalling
    at most ``max_chars`` characters; a longer text is kept alone (the others are dropped), so
    that the instruments reading one very long text one after another still compute its value
    once (without that, every instrument recomputed it, a step in the time per character at
    ``max_chars``). The cached value is shared between callers: return something immutable (a
    tuple)."""

    def decorate(function: Callable[..., T]) -> Callable[..., T]:
        memo: OrderedDict[tuple, T] = OrderedDict()
        lock = threading.Lock()  # Dask's default scheduler runs partitions in threads
        held = 0

        @wraps(function)
        def memoized(text: str, *args) -> T:
            nonlocal held
            key = (text, *args)
            with lock:
                if key in memo:
                    memo.move_to_end(key)
                    return memo[key]
            value = function(text, *args)
            with lock:
                if key not in memo:
                    memo[key] = value
                    held += len(text)
                    while held > max_chars and len(memo) > 1:
                        (old, *_), _ = memo.popitem(last=False)
                        held -= len(old)
            return value

        def cache_clear() -> None:
            nonlocal held
            with lock:
                memo.clear()
                held = 0

        memoized.cache_clear = cache_clear  # type: ignore[attr-defined]
        return memoized

    return decorate
