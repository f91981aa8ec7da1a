"""Lexical diversity: the moving-average type-token ratio (MATTR).

:func:`mattr` reads one list of tokens; :func:`mattr_parts` gives the two sums behind it, so that
the blocks of a long document combine (:func:`analysis.pipeline.featurize` reads long documents
in blocks).
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["mattr", "mattr_parts"]


def _check(window: int) -> None:
    if isinstance(window, bool) or not isinstance(window, int) or window < 1:
        raise ValueError(f"window must be an integer of at least 1, got {window!r}")


def mattr_parts(words: Sequence[str], window: int = 100) -> tuple[float, int]:
    """``(sum of the windows' type-token ratios, number of windows)`` of :func:`mattr`.

    A text of ``window`` tokens or fewer is one window holding its plain type-token ratio; an
    empty one is ``(0.0, 0)``. MATTR is the first over the second, so the parts of consecutive
    blocks add up: the windows that would straddle a cut are the only ones lost. One pass,
    time linear in the number of tokens.
    """
    _check(window)
    if not words:
        return 0.0, 0
    if len(words) <= window:
        return len(set(words)) / len(words), 1
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    distinct = total = len(counts)
    for old, new in zip(words, words[window:]):
        counts[old] -= 1
        if counts[old] == 0:
            distinct -= 1
        counts[new] = counts.get(new, 0) + 1
        if counts[new] == 1:
            distinct += 1
        total += distinct
    return total / window, len(words) - window + 1


def mattr(words: Sequence[str], window: int = 100) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010, *Journal of Quantitative
    Linguistics* 17(2)): the mean type-token ratio of every run of ``window`` (default 100)
    consecutive tokens. Unlike the plain TTR it does not fall as a text grows, so a 300-word
    article and a 3,000-word transcript can be compared. Texts of ``window`` tokens or fewer get
    their plain TTR; an empty text gets NaN. Pass word tokens already normalised
    (:func:`analysis.tokenize.is_word`, lower-cased), as :func:`analysis.pipeline.featurize`
    does for its ``mattr`` column.
    """
    total, n = mattr_parts(words, window)
    return total / n if n else float("nan")
