"""The evaluation layer: a benchmark for every instrument on data it was not tuned on, each
figure with a bootstrap confidence interval and a same-run baseline.

``python -m analysis.evaluate NAME`` runs the benchmark module ``analysis.evaluate.NAME``
(its ``main(argv)``). :func:`bootstrap_ci` is kept here for the existing call sites; it is a thin
view of :func:`analysis.stats.bootstrap`, where new code should go.
"""

from __future__ import annotations

from typing import Callable, Sequence

from analysis import stats


def bootstrap_ci(
    metric: Callable[..., float],
    *arrays: Sequence,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
    groups: Sequence | None = None,
    method: str = "auto",
) -> tuple[float, float, float]:
    """Point estimate and bootstrap interval of ``metric(*arrays)``: :func:`analysis.stats.bootstrap`.

    Resamples the rows shared by all ``arrays`` jointly (paired), or whole ``groups``, ``n_boot``
    times (default 1,000, 95 %, seed 0) on :func:`scipy.stats.bootstrap`; BCa (Efron 1987) with 20
    to 2,000 units, percentile (Efron & Tibshirani 1993, ch. 13) outside that range or where BCa
    is degenerate (see :func:`analysis.stats.bootstrap` for why). Caveat: rows are assumed
    independent unless ``groups`` is given; sentences of one article are not.

    Returns ``(estimate, low, high)`` (an :class:`analysis.stats.Interval`, which also records the
    method used).
    """
    return stats.bootstrap(metric, *arrays, groups=groups, n_boot=n_boot, level=level, method=method, seed=seed)
