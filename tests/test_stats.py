import numpy as np
import pandas as pd
import pytest
from scipy import stats as scipy_stats

from analysis import stats
from analysis.evaluate import bootstrap_ci

Z = 1.959963984540054  # normal quantile of 0.975


# --- counts -------------------------------------------------------------------------------------

def test_precision_recall_f1_from_counts_by_hand():
    # TP 2, FP 1, FN 3: precision 2/3, recall 2/5, F1 = 2*2 / (2*2 + 1 + 3) = 1/2, which is also the
    # harmonic mean 2 (2/3)(2/5) / (2/3 + 2/5) = (8/15) / (16/15)
    assert stats.precision(2, 1) == pytest.approx(2 / 3)
    assert stats.recall(2, 3) == pytest.approx(2 / 5)
    assert stats.f1_from_counts(2, 1, 3) == pytest.approx(1 / 2)
    # nothing predicted / nothing to find: 0 (scikit-learn's zero_division=0), or the value asked for
    assert stats.precision(0, 0) == 0.0 and stats.recall(0, 0) == 0.0 and stats.f1_from_counts(0, 0, 0) == 0.0
    assert stats.f1_from_counts(0, 0, 0, zero_division=1.0) == 1.0
    # precision undefined but F1 defined: TP 0, FP 0, FN 4 -> 0
    assert stats.f1_from_counts(0, 0, 4) == 0.0
    # elementwise on arrays
    np.testing.assert_allclose(stats.f1_from_counts([2, 1], [1, 0], [3, 1]), [1 / 2, 2 / 3])


def test_confusion_matrix_and_macro_f1_by_hand():
    y = [-1, -1, 0, 1, 1, 1]
    p = [-1, 0, 0, 1, 1, -1]
    matrix = stats.confusion_matrix(y, p, labels=[-1, 0, 1])
    # rows true, columns predicted
    assert matrix.to_numpy().tolist() == [[1, 1, 0], [0, 1, 0], [1, 0, 2]]
    table = stats.f1_per_class(matrix).set_index("label")
    # class -1: TP 1, FP 1, FN 1 -> 2/4; class 0: TP 1, FP 1, FN 0 -> 2/3; class 1: TP 2, FP 0, FN 1 -> 4/5
    assert table["f1"].tolist() == pytest.approx([1 / 2, 2 / 3, 4 / 5])
    assert table.loc[1, "precision"] == 1.0 and table.loc[1, "recall"] == pytest.approx(2 / 3)
    assert table["support"].tolist() == [2, 1, 3]
    assert stats.macro_f1_from_confusion(matrix) == pytest.approx((1 / 2 + 2 / 3 + 4 / 5) / 3)
    assert stats.macro_f1(y, p) == pytest.approx((1 / 2 + 2 / 3 + 4 / 5) / 3)
    # class -1 neither true nor predicted counts 0: (0 + 0 + 2/3) / 3 = 2/9 (as scikit-learn with labels)
    assert stats.macro_f1([1, 1], [1, 0], labels=[-1, 0, 1]) == pytest.approx(2 / 9)
    # without labels only the classes seen count: class 0 F1 0, class 1 F1 2/3 -> 1/3
    assert stats.macro_f1([1, 1], [1, 0]) == pytest.approx(1 / 3)
    # string labels; a label outside ``labels`` is not counted
    m = stats.confusion_matrix(["a", "b", "x"], ["a", "a", "a"], labels=["a", "b"])
    assert m.to_numpy().tolist() == [[1, 0], [1, 0]]
    assert np.isnan(stats.macro_f1_from_confusion(np.zeros((0, 0))))


# --- Wilson -------------------------------------------------------------------------------------

def test_wilson_interval_by_hand():
    # 5 of 10: centre (0.5 + z^2/20) / (1 + z^2/10) = 0.5; half-width
    # z / (1 + z^2/10) * sqrt(0.025 + z^2/400)
    half = Z / (1 + Z**2 / 10) * np.sqrt(0.025 + Z**2 / 400)
    p, low, high = stats.wilson_interval(5, 10)
    assert p == 0.5 and low == pytest.approx(0.5 - half) and high == pytest.approx(0.5 + half)
    assert (low, high) == pytest.approx((0.2366, 0.7634), abs=1e-4)
    # 0 of 10: low 0, high z^2 / (n + z^2)
    p, low, high = stats.wilson_interval(0, 10)
    assert p == 0.0 and low == pytest.approx(0.0, abs=1e-12) and high == pytest.approx(Z**2 / (10 + Z**2))
    # 10 of 10 mirrors it
    assert stats.wilson_interval(10, 10)[1] == pytest.approx(1 - Z**2 / (10 + Z**2))
    assert all(np.isnan(stats.wilson_interval(0, 0)))
    with pytest.raises(ValueError):
        stats.wilson_interval(11, 10)


# --- p-value adjustment -------------------------------------------------------------------------

def test_adjust_pvalues_by_hand():
    p = [0.01, 0.04, 0.03, 0.20]
    # sorted 0.01, 0.03, 0.04, 0.20; BH m p / rank = 0.04, 0.06, 0.0533, 0.20; running minimum from
    # the top: 0.04, 0.0533, 0.0533, 0.20
    np.testing.assert_allclose(stats.adjust_pvalues(p, "bh"), [0.04, 0.16 / 3, 0.16 / 3, 0.20])
    np.testing.assert_allclose(stats.adjust_pvalues(p, "bonferroni"), [0.04, 0.16, 0.12, 0.80])
    # Holm: 4 x 0.01, 3 x 0.03, 2 x 0.04, 1 x 0.20 = 0.04, 0.09, 0.08, 0.20; running maximum
    # 0.04, 0.09, 0.09, 0.20
    np.testing.assert_allclose(stats.adjust_pvalues(p, "holm"), [0.04, 0.09, 0.09, 0.20])
    # capped at 1; NaN stays NaN and does not count: m = 2
    np.testing.assert_allclose(stats.adjust_pvalues([0.6, np.nan, 0.01], "bonferroni"), [1.0, np.nan, 0.02])
    np.testing.assert_allclose(stats.adjust_pvalues([0.01, np.nan, 0.04], "bh"), [0.02, np.nan, 0.04])
    assert stats.adjust_pvalues([], "bh").shape == (0,)
    with pytest.raises(ValueError):
        stats.adjust_pvalues([0.1], "fdr-magic")


# --- bootstrap ----------------------------------------------------------------------------------

def test_bootstrap_is_scipy_bca_on_the_same_draws():
    x = np.random.default_rng(1).exponential(size=50)
    result = stats.bootstrap(np.mean, x, n_boot=1000, seed=0)
    reference = scipy_stats.bootstrap((x,), np.mean, n_resamples=1000, rng=np.random.default_rng(0))
    assert result.method == "BCa" and result.n_units == 50
    assert result.estimate == pytest.approx(x.mean())
    assert (result.low, result.high) == pytest.approx(tuple(reference.confidence_interval))
    percentile = stats.bootstrap(np.mean, x, method="percentile")
    assert percentile.method == "percentile"
    # the exponential is right-skewed: BCa moves both bounds up against the percentile interval
    assert result.low > percentile.low and result.high > percentile.high


def test_bootstrap_percentile_on_three_items_by_hand():
    # a resample of three draws all three from -0.2 with chance 1/27 = 3.7 % > 2.5 %, so the 2.5 %
    # quantile is the minimum; likewise the 97.5 % quantile the maximum. Three units: percentile.
    estimate, low, high = stats.bootstrap(np.mean, [-0.2, 0.5, 0.0])
    assert (estimate, low, high) == pytest.approx((0.1, -0.2, 0.5))
    assert stats.bootstrap(np.mean, [-0.2, 0.5, 0.0]).method == "percentile"


def test_cluster_bootstrap_resamples_whole_documents():
    values = np.array([0.0, 0.0, 0.0, 1.0])
    docs = ["a", "a", "a", "b"]
    result = stats.bootstrap(np.mean, values, groups=docs, n_boot=2000)
    # two documents: resamples aa (1/4, mean 0), ab or ba (1/2, mean 1/4), bb (1/4, mean 1)
    support, counts = np.unique(result.distribution, return_counts=True)
    assert support.tolist() == [0.0, 0.25, 1.0]
    np.testing.assert_allclose(counts / 2000, [0.25, 0.5, 0.25], atol=0.04)
    assert result.n_units == 2 and (result.low, result.high) == (0.0, 1.0)
    # resampling rows instead: all four draws the "1" with chance 1/256 < 2.5 %, at least three with
    # 13/256 = 5.1 % > 2.5 %, so the upper bound is 3/4 -- too narrow for clustered rows
    rows = stats.bootstrap(np.mean, values, n_boot=2000)
    assert rows.n_units == 4 and rows.high == 0.75


def test_groups_can_be_any_labels_and_rows_need_not_be_sorted():
    values = np.array([1.0, 5.0, 1.0, 5.0])
    docs = np.array([7, 3, 7, 3])  # document 7 has mean 1, document 3 mean 5
    result = stats.bootstrap(np.mean, values, groups=docs, n_boot=500)
    assert set(np.unique(result.distribution)) <= {1.0, 3.0, 5.0}


def test_paired_resampling_draws_the_same_items_for_both_systems():
    y = np.array([1, 0, 1, 1, 0, 1])
    identical = stats.paired_difference(stats.macro_f1, y, y, y.copy())
    assert tuple(identical) == (0.0, 0.0, 0.0)
    # b = a shifted by one item: an unpaired resample would give non-zero differences; paired
    # draws of (y, a, y) keep a - y identically 0
    a = y.copy()
    same = stats.bootstrap(lambda t, p, q: np.mean(t == p) - np.mean(t == q), y, a, y)
    assert (same.distribution == 0).all()


def test_auto_method_and_degenerate_bca():
    x = np.random.default_rng(0).normal(size=2001)
    assert stats.bootstrap(np.mean, x[:19], n_boot=200).method == "percentile"
    assert stats.bootstrap(np.mean, x[:20], n_boot=200).method == "BCa"
    assert stats.bootstrap(np.mean, x, n_boot=200).method == "percentile"
    # 20 documents of 2 rows each: 20 clusters -> BCa
    assert stats.bootstrap(np.mean, x[:40], groups=np.arange(40) // 2, n_boot=200).method == "BCa"
    constant = stats.bootstrap(np.mean, np.ones(30), n_boot=200)
    assert tuple(constant) == (1.0, 1.0, 1.0) and constant.method == "percentile (BCa degenerate)"
    # a metric undefined on some resamples (NaN) keeps a finite percentile interval
    r = stats.bootstrap(lambda a, b: np.corrcoef(a, b)[0, 1], [1.0, 2, 3], [1.0, 2, 4], n_boot=300)
    assert np.isfinite(r.low) and np.isfinite(r.high) and r.low <= r.estimate <= r.high
    assert tuple(stats.bootstrap(np.mean, [4.0])) == (4.0, 4.0, 4.0)


def test_bootstrap_rejects_bad_input():
    with pytest.raises(ValueError):
        stats.bootstrap(np.mean, [])
    with pytest.raises(ValueError):
        stats.bootstrap(lambda a, b: 0.0, [1, 2], [1])
    with pytest.raises(ValueError):
        stats.bootstrap(np.mean, [1, 2], groups=["a"])
    with pytest.raises(ValueError):
        stats.bootstrap(np.mean, [1, 2], method="studentized")


def test_bootstrap_ci_is_a_thin_view_of_stats():
    x = np.random.default_rng(2).normal(size=30)
    old = bootstrap_ci(np.mean, x, n_boot=300, level=0.9, seed=3)
    new = stats.bootstrap(np.mean, x, n_boot=300, level=0.9, seed=3)
    estimate, low, high = old
    assert (estimate, low, high) == tuple(new) and low < estimate < high


# --- paired permutation test --------------------------------------------------------------------

def test_paired_permutation_test_exact_by_hand():
    accuracy = lambda t, p: float(np.mean(t == p))  # noqa: E731
    y = np.array([1, 0, 1, 1, 0, 1])
    a = y.copy()                      # right everywhere
    b = np.array([1, 1, 0, 1, 0, 0])  # wrong on items 1, 2, 5
    # only the three discordant items move the difference (+-1/6 each); of the 2^6 = 64 swaps,
    # all three with the same sign (|d| = 3/6, as observed) in 2/8: p = 0.25 (exact enumeration)
    assert stats.paired_permutation_test(accuracy, y, a, b) == pytest.approx(0.25)
    assert stats.paired_permutation_test(accuracy, y, a, b, alternative="greater") == pytest.approx(0.125)
    # swapped per document: items 1 and 2 in one document (+-2/6 together), item 5 in another
    # (+-1/6): |d| = 3/6 in 2 of 4 sign patterns -> p = 0.5
    docs = ["d1", "d2", "d2", "d1", "d1", "d3"]
    assert stats.paired_permutation_test(accuracy, y, a, b, groups=docs) == pytest.approx(0.5)
    # identical systems: every swap gives 0, p = 1
    assert stats.paired_permutation_test(accuracy, y, a, a.copy()) == pytest.approx(1.0)
    assert np.isnan(stats.paired_permutation_test(accuracy, [], [], []))


def test_interval_unpacks_and_reports():
    interval = stats.Interval(0.5, 0.4, 0.6, method="BCa", n_units=10, n_boot=100)
    estimate, low, high = interval
    assert (estimate, low, high) == (0.5, 0.4, 0.6) == (interval.estimate, interval.low, interval.high)
    assert "BCa" in repr(interval)
    assert isinstance(pd.Series(list(interval)).sum(), float)


def test_percentile_draws_are_the_plain_resampling_loop():
    x = np.random.default_rng(5).normal(size=40)
    rng = np.random.default_rng(7)
    replicates = [x[rng.integers(0, 40, 40)].mean() for _ in range(300)]
    expected = np.quantile(replicates, [0.025, 0.975])
    result = stats.bootstrap(np.mean, x, n_boot=300, seed=7, method="percentile")
    assert (result.low, result.high) == pytest.approx(tuple(expected))
    np.testing.assert_allclose(result.distribution, replicates)


def test_macro_f1_agrees_with_scikit_learn_on_strings_and_numbers():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(3)
    y = rng.integers(0, 4, 200)
    p = np.where(rng.random(200) < 0.6, y, rng.integers(0, 4, 200))
    assert stats.macro_f1(y, p) == pytest.approx(f1_score(y, p, average="macro"))
    names = np.array(["neg", "neu", "pos", "mixed"])
    assert stats.macro_f1(names[y], names[p]) == pytest.approx(f1_score(y, p, average="macro"))
    as_lists = stats.macro_f1(list(names[y]), list(names[p].astype(object)))
    assert as_lists == pytest.approx(f1_score(y, p, average="macro"))


def test_share_reaching_by_hand():
    # 2 of the 4 non-missing reference values reach 3 (3 and 5); Wilson for 2 of 4
    result = stats.share_reaching(3, [1, 3, 5, np.nan, 2])
    assert result.estimate == 0.5 and result.n_units == 4 and result.method == "Wilson"
    assert (result.low, result.high) == pytest.approx(stats.wilson_interval(2, 4)[1:])
    half = Z / (1 + Z**2 / 4) * np.sqrt(0.25 / 4 + Z**2 / 64)
    assert result.low == pytest.approx(0.5 - half)
    # nothing reaches 9: share 0 with a Wilson upper bound z^2 / (n + z^2)
    nothing = stats.share_reaching(9, [1, 2, 3])
    assert nothing.estimate == 0.0 and nothing.high == pytest.approx(Z**2 / (3 + Z**2))
    assert np.isnan(stats.share_reaching(1, []).estimate) and np.isnan(stats.share_reaching(np.nan, [1]).estimate)


def test_interval_survives_pickle_and_copy():
    import copy
    import pickle

    result = stats.bootstrap(np.mean, [1.0, 2, 3, 4], n_boot=50)
    for clone in (pickle.loads(pickle.dumps(result)), copy.deepcopy(result)):
        assert tuple(clone) == tuple(result) and clone.method == result.method
        np.testing.assert_array_equal(clone.distribution, result.distribution)
