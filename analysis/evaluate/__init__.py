"""Benchmarks for every instrument, each with a bootstrap confidence interval.

``python -m analysis.evaluate NAME`` runs the benchmark module ``analysis.evaluate.NAME``
(its ``main(argv)``). Shared here: :func:`bootstrap_ci`.
"""

from __future__ import annotations

from typing import Callable, Sequence

import numpy as np


def bootstrap_ci(
    metric: Callable[..., float],
    *arrays: Sequence,
    n_boot: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """Point estimate and percentile bootstrap interval of ``metric(*arrays)``.

    Method: the nonparametric percentile bootstrap (Efron & Tibshirani 1993, ch. 13): resample
    the items (rows shared by all ``arrays``) with replacement ``n_boot`` times, recompute the
    metric, take the ``(1-level)/2`` and ``(1+level)/2`` quantiles. Defaults: 1,000 resamples,
    95 %, seed 0 (deterministic). Caveats: items are assumed independent (sentences from one
    article are not, so resample documents where that matters); percentile intervals are
    biased for small samples and for metrics at their bounds.

    Returns ``(estimate, low, high)``.
    """
    columns = [np.asarray(a) for a in arrays]
    n = len(columns[0])
    if n == 0 or any(len(c) != n for c in columns):
        raise ValueError(f"need equally long, non-empty arrays; got lengths {[len(c) for c in columns]}")
    rng = np.random.default_rng(seed)
    estimate = float(metric(*columns))
    stats = np.empty(n_boot)
    for b in range(n_boot):
        idx = rng.integers(0, n, n)
        stats[b] = metric(*(c[idx] for c in columns))
    alpha = (1 - level) / 2
    low, high = np.nanquantile(stats, [alpha, 1 - alpha])
    return estimate, float(low), float(high)
