"""Statistics every reported figure rests on: bootstrap intervals, F1 and friends, Wilson, p-value adjustment.

Low in the layers: imports only numpy, scipy and pandas, so instruments, comparisons and the
benchmark package can all use it (nothing here imports ``analysis``).

- :func:`bootstrap`: interval of any metric of one or more row-aligned arrays, resampling rows
  (paired: the same rows for every array) or whole groups (documents), on
  :func:`scipy.stats.bootstrap`, BCa where it fits.
- :func:`paired_difference`: interval of ``metric(y, a) - metric(y, b)`` for two systems scored
  on the same items; :func:`paired_permutation_test`: its approximate-randomisation p-value.
- :func:`precision`, :func:`recall`, :func:`f1_from_counts`, :func:`confusion_matrix`,
  :func:`f1_per_class`, :func:`macro_f1_from_confusion`, :func:`macro_f1`.
- :func:`wilson_interval`: interval of a proportion; :func:`share_reaching`: the share of
  reference documents that reach one document's value (single-document comparisons).
- :func:`adjust_pvalues`: Benjamini-Hochberg, Bonferroni, Holm.
"""

from __future__ import annotations

import warnings
from typing import Callable, Sequence

import numpy as np
import pandas as pd
from scipy import special
from scipy import stats as _scipy_stats

__all__ = [
    "Interval",
    "bootstrap",
    "paired_difference",
    "paired_permutation_test",
    "precision",
    "recall",
    "f1_from_counts",
    "confusion_matrix",
    "f1_per_class",
    "macro_f1_from_confusion",
    "macro_f1",
    "wilson_interval",
    "share_reaching",
    "adjust_pvalues",
    "MIN_UNITS_BCA",
    "MAX_JACKKNIFE",
]

#: Fewer resampling units than this: the percentile interval is kept (BCa's acceleration comes
#: from a jackknife over the units, erratic with few of them; Efron & Tibshirani 1993, ch. 14.3).
MIN_UNITS_BCA = 20
#: More resampling units than this: the percentile interval is kept (the jackknife calls the metric
#: once per unit, which then costs more than the resamples, and BCa's corrections shrink as
#: 1/sqrt(n), so percentile and BCa agree closely at that size).
MAX_JACKKNIFE = 2000


class Interval(tuple):
    """``(estimate, low, high)``, unpackable as a 3-tuple, with the details as attributes.

    Attributes: ``estimate``, ``low``, ``high``, ``method`` (``"BCa"``, ``"percentile"``, or
    ``"percentile (BCa degenerate)"``), ``n_units`` (rows or groups resampled), ``n_boot``,
    ``level`` and ``distribution`` (the bootstrap replicates, a numpy array).
    """

    def __new__(cls, estimate: float, low: float, high: float, *, method: str = "", n_units: int = 0,
                n_boot: int = 0, level: float = 0.95, distribution: np.ndarray | None = None):
        self = super().__new__(cls, (float(estimate), float(low), float(high)))
        self.method, self.n_units, self.n_boot, self.level = method, int(n_units), int(n_boot), float(level)
        self.distribution = np.asarray([] if distribution is None else distribution, dtype=float)
        return self

    def __reduce__(self):  # pickle and copy (e.g. across worker processes) keep the details
        return (_interval, (tuple(self), self.method, self.n_units, self.n_boot, self.level, self.distribution))

    estimate = property(lambda self: self[0])
    low = property(lambda self: self[1])
    high = property(lambda self: self[2])

    def __repr__(self) -> str:
        return (f"Interval(estimate={self[0]!r}, low={self[1]!r}, high={self[2]!r}, method={self.method!r}, "
                f"n_units={self.n_units}, n_boot={self.n_boot}, level={self.level})")


def _interval(values, method, n_units, n_boot, level, distribution) -> Interval:
    return Interval(*values, method=method, n_units=n_units, n_boot=n_boot, level=level, distribution=distribution)


def _row_gather(groups) -> tuple[np.ndarray, Callable[[np.ndarray], np.ndarray], int]:
    """Rows of each group (in order of first appearance) and a vectorised gather for group indices."""
    codes, uniques = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=False)
    order = np.argsort(codes, kind="stable")
    sizes = np.bincount(codes, minlength=len(uniques))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])

    def gather(idx: np.ndarray) -> np.ndarray:
        lengths = sizes[idx]
        total = int(lengths.sum())
        # position j of the output belongs to the k-th chosen group: start of that group plus the
        # offset of j inside its block
        block_starts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        return order[np.repeat(starts[idx], lengths) + np.arange(total) - block_starts]

    return codes, gather, len(uniques)


def bootstrap(
    metric: Callable[..., float],
    *arrays: Sequence,
    groups: Sequence | None = None,
    n_boot: int = 1000,
    level: float = 0.95,
    method: str = "auto",
    seed: int = 0,
    min_units_bca: int = MIN_UNITS_BCA,
    max_jackknife: int = MAX_JACKKNIFE,
) -> Interval:
    """``bootstrap(metric, *arrays, groups=None, n_boot=1000, level=0.95, method="auto", seed=0)``.

    Point estimate ``metric(*arrays)`` and a bootstrap interval over *units*: the rows shared by
    all ``arrays`` (paired resampling: one resample draws the same rows from every array, so two
    systems scored on the same items are compared on the same items), or, with ``groups`` (one
    label per row, e.g. the document id), whole groups (cluster bootstrap: a resampled document
    brings all its rows; Davison & Hinkley 1997, ch. 3.8). Use groups whenever rows share a
    document: sentences or mentions of one article are not independent and row resampling gives
    too narrow intervals.

    Method: ``"BCa"`` (bias-corrected and accelerated; Efron 1987, JASA 82; Efron & Tibshirani
    1993, ch. 14), computed by :func:`scipy.stats.bootstrap` (the units' indices are its data, so
    the jackknife for the acceleration leaves out one unit, i.e. one document, at a time);
    ``"percentile"`` (ch. 13), whose replicates are drawn here one resample at a time (scipy would
    draw all ``n_boot x units`` indices at once: 160 MB and several seconds at 20,000 units; the
    draws equal those of the earlier ``analysis.evaluate.bootstrap_ci``); or ``"auto"``
    (default): BCa when the number of units lies in ``[min_units_bca, max_jackknife]`` (defaults
    20 and 2,000), else percentile. Percentile is kept (i) with fewer than 20 units or clusters,
    where BCa's jackknife estimate of the acceleration is erratic and its bias correction
    degenerate (e.g. when most resamples equal the estimate); (ii) above 2,000 units, where the
    jackknife (one metric call per unit) costs more than the resamples for an expensive metric and
    BCa's corrections, of order 1/sqrt(n), are small. When BCa comes out undefined (all replicates
    equal, or NaN replicates, where scipy warns ``DegenerateDataWarning``), the percentile interval
    of the same replicates is returned (``method="percentile (BCa degenerate)"``). Percentile
    bounds ignore NaN replicates (a metric undefined on some resample, e.g. a correlation of a
    constant resample).

    Defaults: 1,000 resamples (scipy's default of 9,999 is slow for the metrics here; the Monte
    Carlo error of a bound falls as 1/sqrt(n_boot): raise it for figures quoted to three decimals),
    95 %, seed 0 (deterministic). Caveats: units are assumed exchangeable; with few units any
    bootstrap interval is too narrow; ``metric`` is called once per resample (not vectorised).

    Returns an :class:`Interval` (unpacks as ``estimate, low, high``). Raises ``ValueError`` for
    empty or unequal-length arrays.
    """
    columns = [np.asarray(a) for a in arrays]
    if not columns:
        raise ValueError("need at least one array")
    n = len(columns[0])
    if n == 0 or any(len(c) != n for c in columns):
        raise ValueError(f"need equally long, non-empty arrays; got lengths {[len(c) for c in columns]}")
    if method not in {"auto", "BCa", "percentile"}:
        raise ValueError(f"method must be 'auto', 'BCa' or 'percentile', not {method!r}")
    estimate = float(metric(*columns))
    if groups is None:
        n_units = n

        def statistic(idx):
            idx = np.asarray(idx, dtype=np.intp)
            return float(metric(*(c[idx] for c in columns)))
    else:
        if len(groups) != n:
            raise ValueError(f"groups has {len(groups)} labels for {n} rows")
        _, gather, n_units = _row_gather(groups)

        def statistic(idx):
            rows = gather(np.asarray(idx, dtype=np.intp))
            return float(metric(*(c[rows] for c in columns)))

    chosen = method
    if method == "auto":
        chosen = "BCa" if min_units_bca <= n_units <= max_jackknife else "percentile"
    if n_units < 2:  # scipy needs two units; one unit resamples to itself
        return Interval(estimate, estimate, estimate, method="percentile", n_units=n_units, n_boot=n_boot,
                        level=level, distribution=np.full(n_boot, estimate))
    alpha = (1 - level) / 2
    if chosen == "percentile":
        # the percentile interval needs only the replicates: drawn here, one resample at a time
        # (scipy draws all n_boot x n indices at once, which at 20,000 units costs 160 MB and
        # several times the metric's own time); the same draws as the earlier evaluate.bootstrap_ci
        rng = np.random.default_rng(seed)
        distribution = np.empty(n_boot)
        with warnings.catch_warnings():  # a metric undefined on a resample (NaN) is left out below
            warnings.simplefilter("ignore", RuntimeWarning)
            for b in range(n_boot):
                distribution[b] = statistic(rng.integers(0, n_units, n_units))
        low, high = _percentile(distribution, alpha)
    else:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", _scipy_stats.DegenerateDataWarning)
            warnings.simplefilter("ignore", RuntimeWarning)
            result = _scipy_stats.bootstrap(
                (np.arange(n_units),), statistic, n_resamples=n_boot, vectorized=False,
                confidence_level=level, method="BCa", rng=np.random.default_rng(seed),
            )
        distribution = np.asarray(result.bootstrap_distribution, dtype=float)
        low, high = result.confidence_interval
        if not (np.isfinite(low) and np.isfinite(high)):
            chosen = "percentile (BCa degenerate)"
            low, high = _percentile(distribution, alpha)
    return Interval(estimate, low, high, method=chosen, n_units=n_units, n_boot=n_boot, level=level,
                    distribution=distribution)


def _percentile(distribution: np.ndarray, alpha: float) -> tuple[float, float]:
    finite = distribution[np.isfinite(distribution)]
    if not len(finite):
        return float("nan"), float("nan")
    low, high = np.quantile(finite, [alpha, 1 - alpha])
    return float(low), float(high)


def paired_difference(
    metric: Callable[..., float],
    y_true: Sequence,
    a: Sequence,
    b: Sequence,
    *,
    groups: Sequence | None = None,
    n_boot: int = 1000,
    level: float = 0.95,
    method: str = "auto",
    seed: int = 0,
) -> Interval:
    """``paired_difference(metric, y_true, a, b, groups=None, ...)``: ``metric(y, a) - metric(y, b)``.

    Two systems' outputs ``a`` and ``b`` on the same items ``y_true``; each resample draws the same
    items (or, with ``groups``, the same documents) for both, so the interval reflects the
    difference between the systems, not the spread of the items (paired bootstrap; Koehn 2004,
    EMNLP; Berg-Kirkpatrick et al. 2012, EMNLP). Interval method and defaults as :func:`bootstrap`.
    An interval excluding 0 is the usual informal reading; :func:`paired_permutation_test` gives a
    p-value.
    """
    return bootstrap(lambda y, p, q: metric(y, p) - metric(y, q), y_true, a, b, groups=groups,
                     n_boot=n_boot, level=level, method=method, seed=seed)


def paired_permutation_test(
    metric: Callable[..., float],
    y_true: Sequence,
    a: Sequence,
    b: Sequence,
    *,
    groups: Sequence | None = None,
    n_resamples: int = 9999,
    alternative: str = "two-sided",
    seed: int = 0,
) -> float:
    """``paired_permutation_test(metric, y_true, a, b, groups=None, n_resamples=9999)``: p-value.

    Approximate randomisation (Noreen 1989, *Computer-Intensive Methods for Testing Hypotheses*;
    Yeh 2000, COLING; Dror et al. 2018, ACL): under the null that the two systems are
    exchangeable, swapping ``a`` and ``b`` on any item (or, with ``groups``, on all items of a
    document at once) leaves the distribution of ``metric(y, a) - metric(y, b)`` unchanged. Run on
    :func:`scipy.stats.permutation_test` (``permutation_type="samples"``), which enumerates all
    ``2**units`` swaps exactly when that is at most ``n_resamples`` (then the p-value is exact),
    else draws ``n_resamples`` random ones (p-value with the +1 correction). Valid for
    non-decomposable metrics such as F1. ``alternative``: ``"two-sided"`` (default),
    ``"greater"`` (a better than b) or ``"less"``. Returns the p-value; NaN when there is no item.
    """
    y, p, q = (np.asarray(v) for v in (y_true, a, b))
    n = len(y)
    if n == 0:
        return float("nan")
    if len(p) != n or len(q) != n:
        raise ValueError(f"need equally long arrays; got {n}, {len(p)}, {len(q)}")
    if groups is None:
        codes, n_units = np.arange(n), n
    else:
        codes, uniques = pd.factorize(pd.Series(groups, dtype=object), use_na_sentinel=False)
        n_units = len(uniques)

    def statistic(first, second):
        # ``first[u]`` is 0 where unit u keeps its systems, 1 where they are swapped
        swap = np.asarray(first)[codes] == 1
        return float(metric(y, np.where(swap, q, p)) - metric(y, np.where(swap, p, q)))

    result = _scipy_stats.permutation_test(
        (np.zeros(n_units, dtype=int), np.ones(n_units, dtype=int)), statistic,
        permutation_type="samples", vectorized=False, n_resamples=n_resamples,
        alternative=alternative, rng=np.random.default_rng(seed),
    )
    return float(result.pvalue)


def _ratio(numerator, denominator, zero_division: float):
    numerator = np.asarray(numerator, dtype=float)
    denominator = np.asarray(denominator, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(denominator > 0, numerator / np.where(denominator > 0, denominator, 1), zero_division)
    return float(out) if out.ndim == 0 else out


def precision(tp, fp, zero_division: float = 0.0):
    """``precision(tp, fp)`` = TP / (TP + FP); ``zero_division`` (default 0, as scikit-learn) when
    nothing was predicted. Scalars or arrays (elementwise). Reference: van Rijsbergen 1979,
    *Information Retrieval*, ch. 7."""
    tp = np.asarray(tp, dtype=float)
    return _ratio(tp, tp + np.asarray(fp, dtype=float), zero_division)


def recall(tp, fn, zero_division: float = 0.0):
    """``recall(tp, fn)`` = TP / (TP + FN); ``zero_division`` (default 0) when nothing was to be
    found. Scalars or arrays. Reference: van Rijsbergen 1979, ch. 7."""
    tp = np.asarray(tp, dtype=float)
    return _ratio(tp, tp + np.asarray(fn, dtype=float), zero_division)


def f1_from_counts(tp, fp, fn, zero_division: float = 0.0):
    """``f1_from_counts(tp, fp, fn)`` = 2 TP / (2 TP + FP + FN), the harmonic mean of precision and
    recall written on counts (so it is defined when one of them is 0/0); ``zero_division``
    (default 0, as scikit-learn) when TP + FP + FN = 0. Scalars or arrays. Reference: van
    Rijsbergen 1979, ch. 7 (F with beta = 1)."""
    tp = np.asarray(tp, dtype=float)
    return _ratio(2 * tp, 2 * tp + np.asarray(fp, dtype=float) + np.asarray(fn, dtype=float), zero_division)


def _codes(values: np.ndarray, labels: list) -> np.ndarray:
    """Position of each value in ``labels`` (-1 if absent); numpy search where the types allow."""
    try:
        order = np.argsort(np.asarray(labels))
        sorted_labels = np.asarray(labels)[order]
        if sorted_labels.dtype == object or values.dtype == object:
            raise TypeError
        at = np.clip(np.searchsorted(sorted_labels, values), 0, len(labels) - 1)
        return np.where(sorted_labels[at] == values, order[at], -1)
    except (TypeError, ValueError):
        position = {label: i for i, label in enumerate(labels)}
        return np.array([position.get(v, -1) for v in values.tolist()], dtype=int)


def _confusion_counts(y_true, y_pred, labels) -> tuple[list, np.ndarray]:
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if len(y_true) != len(y_pred):
        raise ValueError(f"need equally long arrays; got {len(y_true)} and {len(y_pred)}")
    if labels is None:
        try:
            labels = np.unique(np.concatenate([y_true.ravel(), y_pred.ravel()])).tolist()
        except TypeError:  # mixed types: sort by type name, then value
            both = set(y_true.tolist()) | set(y_pred.tolist())
            labels = sorted(both, key=lambda v: (type(v).__name__, v))
    labels = list(labels)
    k = len(labels)
    if k == 0:
        return labels, np.zeros((0, 0), dtype=int)
    t, p = _codes(y_true, labels), _codes(y_pred, labels)
    keep = (t >= 0) & (p >= 0)
    counts = np.bincount(t[keep] * k + p[keep], minlength=k * k).reshape(k, k)
    return labels, counts


def confusion_matrix(y_true: Sequence, y_pred: Sequence, labels: Sequence | None = None) -> pd.DataFrame:
    """``confusion_matrix(y_true, y_pred, labels=None)``: counts, rows true label, columns predicted.

    ``labels`` fixes the classes and their order (default: the sorted union of both arrays);
    pairs with a label outside ``labels`` are not counted. Returns a DataFrame indexed and
    columned by the labels (index name ``true``, columns name ``predicted``).
    """
    labels, counts = _confusion_counts(y_true, y_pred, labels)
    return pd.DataFrame(counts, index=pd.Index(labels, name="true"), columns=pd.Index(labels, name="predicted"))


def f1_per_class(matrix) -> pd.DataFrame:
    """``f1_per_class(matrix)``: per-class counts, precision, recall and F1 from a square confusion
    matrix (rows true, columns predicted; a DataFrame keeps its labels). TP is the diagonal, FP the
    column sum minus TP, FN the row sum minus TP; 0/0 gives 0 (scikit-learn's ``zero_division=0``).
    Returns columns ``label, tp, fp, fn, support, precision, recall, f1``."""
    labels = list(matrix.index) if isinstance(matrix, pd.DataFrame) else None
    m = np.asarray(matrix, dtype=float)
    if m.ndim != 2 or m.shape[0] != m.shape[1]:
        raise ValueError(f"need a square confusion matrix, got shape {m.shape}")
    tp = np.diag(m)
    fp, fn = m.sum(axis=0) - tp, m.sum(axis=1) - tp
    return pd.DataFrame({
        "label": labels if labels is not None else range(len(tp)),
        "tp": tp, "fp": fp, "fn": fn, "support": tp + fn,
        "precision": np.atleast_1d(precision(tp, fp)), "recall": np.atleast_1d(recall(tp, fn)),
        "f1": np.atleast_1d(f1_from_counts(tp, fp, fn)),
    })


def macro_f1_from_confusion(matrix) -> float:
    """``macro_f1_from_confusion(matrix)``: the unweighted mean of the per-class F1
    (:func:`f1_per_class`). A class in the matrix that is neither true nor predicted counts as F1 0
    (as scikit-learn's ``f1_score(..., labels=..., average="macro", zero_division=0)``), so fix
    the label set deliberately. Reference: Sokolova & Lapalme 2009, *Information Processing &
    Management* 45. NaN for an empty (0 x 0) matrix."""
    table = f1_per_class(matrix)
    return float(table["f1"].mean()) if len(table) else float("nan")


def macro_f1(y_true: Sequence, y_pred: Sequence, labels: Sequence | None = None) -> float:
    """``macro_f1(y_true, y_pred, labels=None)`` = :func:`macro_f1_from_confusion` of
    :func:`confusion_matrix` (labels default to the union of both arrays). Computed on the counts
    directly (no DataFrame), so it is cheap enough to bootstrap."""
    _, m = _confusion_counts(y_true, y_pred, labels)
    if m.size == 0:
        return float("nan")
    tp = np.diag(m).astype(float)
    return float(np.mean(f1_from_counts(tp, m.sum(axis=0) - tp, m.sum(axis=1) - tp)))


def wilson_interval(successes, n, level: float = 0.95) -> tuple[float, float, float]:
    """``wilson_interval(successes, n, level=0.95)``: ``(proportion, low, high)``.

    Wilson's score interval (Wilson 1927, JASA 22; recommended over the Wald interval by Brown, Cai
    & DasGupta 2001, *Statistical Science* 16): centre ``(p + z^2/2n) / (1 + z^2/n)``, half-width
    ``z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/4n^2)`` with ``z`` the normal quantile of
    ``(1+level)/2``. Stays inside [0, 1] and is informative at 0 or n successes. Caveat: assumes
    independent trials; items clustered in documents need :func:`bootstrap` with ``groups``.
    Returns NaNs for ``n = 0``.
    """
    if n is None or not np.isfinite(n) or n <= 0:
        return float("nan"), float("nan"), float("nan")
    if successes < 0 or successes > n:
        raise ValueError(f"successes must lie in [0, n]; got {successes} of {n}")
    z = float(special.ndtri((1 + level) / 2))
    p = successes / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z / denominator * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return float(p), float(max(0.0, centre - half)), float(min(1.0, centre + half))


def share_reaching(value: float, reference: Sequence, level: float = 0.95) -> Interval:
    """``share_reaching(value, reference, level=0.95)``: share of ``reference`` values >= ``value``.

    For a single document compared with a reference corpus (issue 13's rule): report the
    document's count or rate and the share of reference documents that reach it, rather than a
    percentile. Returns an :class:`Interval` ``(share, low, high)`` with the Wilson interval of
    :func:`wilson_interval` (``method="Wilson"``, ``n_units`` = reference documents used,
    ``distribution`` empty); NaN reference values are left out (and not counted in ``n_units``).
    Caveat: the interval is for the reference corpus as a sample of its population; the one
    document has no sampling error here. NaN ``value`` or no reference gives NaNs.
    """
    values = np.asarray(reference, dtype=float)
    values = values[~np.isnan(values)]
    if value is None or np.isnan(value) or len(values) == 0:
        return Interval(np.nan, np.nan, np.nan, method="Wilson", n_units=len(values), level=level)
    k = int((values >= value).sum())
    share, low, high = wilson_interval(k, len(values), level)
    return Interval(share, low, high, method="Wilson", n_units=len(values), level=level)


def adjust_pvalues(pvalues: Sequence, method: str = "bh") -> np.ndarray:
    """``adjust_pvalues(pvalues, method="bh")``: adjusted p-values, same order and length.

    Methods: ``"bh"`` (Benjamini & Hochberg 1995, JRSS B 57: controls the false discovery rate;
    adjusted ``p_(i) = min_{j>=i} m p_(j) / j``), ``"bonferroni"`` (``min(1, m p)``: family-wise
    error), ``"holm"`` (Holm 1979, *Scand. J. Statistics* 6: step-down, family-wise error,
    uniformly more powerful than Bonferroni; ``p_(i) = max_{j<=i} min(1, (m - j + 1) p_(j))``).
    Same values as R's ``p.adjust``. NaN entries stay NaN and do not count in ``m`` (a comparison
    that could not be computed is no test); report how many were looked at alongside.
    """
    p = np.asarray(pvalues, dtype=float)
    out = np.full(p.shape, np.nan)
    finite = ~np.isnan(p)
    values = p[finite]
    m = len(values)
    if m == 0:
        return out
    if ((values < 0) | (values > 1)).any():
        raise ValueError("p-values must lie in [0, 1]")
    order = np.argsort(values, kind="stable")
    ranked = values[order]
    ranks = np.arange(1, m + 1)
    if method == "bh":
        adjusted = np.minimum.accumulate((m * ranked / ranks)[::-1])[::-1]
    elif method == "bonferroni":
        adjusted = m * ranked
    elif method == "holm":
        adjusted = np.maximum.accumulate((m - ranks + 1) * ranked)
    else:
        raise ValueError(f"method must be 'bh', 'bonferroni' or 'holm', not {method!r}")
    result = np.empty(m)
    result[order] = np.minimum(adjusted, 1.0)
    out[finite] = result
    return out
