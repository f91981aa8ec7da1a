"""One parser per source; each registers itself under the name users pass to :func:`analysis.load`.

A loader is a function ``(accept_licence: bool) -> pandas.DataFrame`` decorated with
:func:`register`, which records the manifest datasets it reads. :func:`analysis.data.load`
fetches nothing itself: the loader calls :func:`analysis.data.fetch.fetch_dataset` for the
datasets it declared, and ``load`` checks the result's shape and attaches provenance.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd


@dataclass(frozen=True)
class Loader:
    name: str
    datasets: tuple[str, ...]
    function: Callable[..., pd.DataFrame]
    kind: str  # "corpus" (has doc_id/outlet/date/title/text), "benchmark" or "lexicon"
    description: str


LOADERS: dict[str, Loader] = {}


def register(name: str, *datasets: str, kind: str = "corpus"):
    """Register the decorated function as the loader for ``name``, reading ``datasets``."""

    def decorate(function: Callable[..., pd.DataFrame]) -> Callable[..., pd.DataFrame]:
        doc = (function.__doc__ or "").strip().splitlines()
        LOADERS[name] = Loader(name, datasets or (name,), function, kind, doc[0] if doc else "")
        return function

    return decorate
