import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import accuracy_score, f1_score

from analysis.data import load
from analysis.evaluate import sentiment as bench


@pytest.mark.slow
def test_benchmark_table_on_a_small_subset(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "semeval2007-affective-trial", "nltk-data")
    table = bench.run(["vader", "hu-liu"], n_boot=50, limit=40)
    assert set(table["benchmark"]) == {*bench.DEV, "semeval2007-affective-trial"}
    assert (table["n"] == 40).all()
    assert ((table["low"] <= table["estimate"]) & (table["estimate"] <= table["high"])).all()
    # The majority class of the training file is -1 (3,316 of 8,739 targets), so its accuracy on
    # the first 40 rw-dev targets is their share of -1 labels.
    rw = load("newsmtsc-rw-dev").head(40)
    majority = table.query("benchmark == 'newsmtsc-rw-dev' and system == 'majority class (-1)' and metric == 'accuracy'")
    assert majority["estimate"].item() == pytest.approx(np.mean(rw["label"] == -1))
    systems = set(table["system"])
    assert {"target model", "sentence-level vader", "sentence-level hu-liu"} <= systems
    semeval = table.query("benchmark == 'semeval2007-affective-trial'").set_index("system")
    r = semeval.loc["vader", "estimate"]
    assert -1 <= r <= 1
    difference = semeval.loc["hu-liu - vader"]
    assert difference["metric"] == "pearson_r_difference"
    assert difference["estimate"] == pytest.approx(semeval.loc["hu-liu", "estimate"] - r)
    assert "vader - vader" not in semeval.index
    rw_rows = table.query("benchmark == 'newsmtsc-rw-dev'").set_index(["system", "metric"])["estimate"]
    paired = rw_rows[("target model - sentence-level vader", "macro_f1_difference")]
    assert paired == pytest.approx(
        rw_rows[("target model", "macro_f1")] - rw_rows[("sentence-level vader", "macro_f1")]
    )


def test_macro_f1_and_accuracy_from_the_confusion_matrix():
    y = np.array([-1, -1, 0, 1, 1, 1])
    p = np.array([-1, 0, 0, 1, 1, -1])
    # by hand, F1 = 2 TP / (2 TP + FP + FN): class -1 TP 1, FP 1, FN 1 -> 2/4; class 0 TP 1,
    # FP 1, FN 0 -> 2/3; class 1 TP 2, FP 0, FN 1 -> 4/5; macro = (1/2 + 2/3 + 4/5) / 3
    assert bench.macro_f1(y, p) == pytest.approx((1 / 2 + 2 / 3 + 4 / 5) / 3)
    assert bench.macro_f1(y, p) == pytest.approx(f1_score(y, p, average="macro", labels=[-1, 0, 1], zero_division=0))
    assert bench.accuracy(y, p) == pytest.approx(4 / 6) == accuracy_score(y, p)
    # class -1 neither true nor predicted counts 0 (zero_division=0); class 0 has TP 0, FP 1
    # -> 0; class 1 TP 1, FN 1 -> 2/3; macro = 2/9, as sklearn
    y, p = np.array([1, 1]), np.array([1, 0])
    assert bench.macro_f1(y, p) == pytest.approx(2 / 9)
    assert bench.macro_f1(y, p) == pytest.approx(f1_score(y, p, average="macro", labels=[-1, 0, 1], zero_division=0))


def test_r_difference_by_hand():
    y, a, b = np.array([1.0, 2, 3]), np.array([1.0, 2, 3]), np.array([1.0, 3, 2])
    # r(a, y) = 1; b and y centred are (-1, 1, 0) and (-1, 0, 1): covariance 1, variances 2 and 2,
    # so r(b, y) = 1/2 and the difference is 1/2
    assert bench.r_difference(y, a, b) == pytest.approx(0.5)
    assert bench.r_difference(y, b, a) == pytest.approx(-0.5)


def test_f1_difference_by_hand():
    y = np.array([1, 1, -1, -1])
    # a is all right: macro-F1 over the three classes = (1 + 1 + 0) / 3 (neutral: neither true nor
    # predicted); b predicts 1 everywhere: positive F1 = 2*2 / (2*2 + 2 + 0) = 2/3, negative 0
    a, b = y.copy(), np.ones(4, dtype=int)
    assert bench.f1_difference(y, a, b) == pytest.approx(2 / 3 - 2 / 9)


def test_persent_rows_in_report_columns():
    from analysis.evaluate.report import COLUMNS

    table = pd.DataFrame([
        {"benchmark": "persent-dev", "system": "actor tone", "metric": "macro_f1", "estimate": 0.5, "low": 0.4,
         "high": 0.6, "n": 578},
        {"benchmark": "persent-dev", "system": "VADER over the entity's sentences", "metric": "macro_f1",
         "estimate": 0.35, "low": 0.3, "high": 0.4, "n": 578},
        {"benchmark": "persent-dev", "system": "actor tone - VADER over the entity's sentences",
         "metric": "macro_f1_difference", "estimate": 0.15, "low": 0.1, "high": 0.2, "n": 578},
    ])
    rows = bench.persent_results(table=table)
    assert list(rows.columns) == COLUMNS
    assert rows["role"].tolist() == ["instrument", "baseline", "instrument", "published"]
    assert (rows["instrument"] == "actor tone").all() and rows["published"].tolist() == [False] * 3 + [True]


def test_grouped_rows_resample_documents():
    # two documents: a (two paragraphs, both right) and b (one paragraph, wrong): macro-F1 over
    # the three paragraphs; the interval resamples the 2 documents, so n is 2
    y, p, groups = np.array([1, 1, 0]), np.array([1, 1, 1]), np.array(["a", "a", "b"])
    rows = bench._grouped_rows("x", "s", y, p, groups, n_boot=200)
    macro = {r["metric"]: r for r in rows}
    assert macro["accuracy"]["estimate"] == pytest.approx(2 / 3) and macro["accuracy"]["n"] == 2
    # classes -1: none (0); 0: tp 0 (0); 1: tp 2, 2 true, 3 predicted -> 4/5
    assert macro["macro_f1"]["estimate"] == pytest.approx((4 / 5) / 3)


@pytest.mark.slow
def test_previous_model_rows_and_paired_difference(require, tmp_path):
    """The current model given as the 'previous' one: the same predictions, so the same figures
    and a paired difference of exactly 0 in every resample."""
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "semeval2007-affective-trial")
    from analysis import config

    table = bench.run([], n_boot=50, limit=40, previous=config.packaged_models_dir() / "newsmtsc-target-sentiment")
    rows = table.set_index(["benchmark", "system", "metric"])
    for name in bench.DEV:
        assert rows.loc[(name, "previous target model", "macro_f1"), "estimate"] == pytest.approx(
            rows.loc[(name, "target model", "macro_f1"), "estimate"])
        difference = rows.loc[(name, "target model - previous target model", "macro_f1_difference")]
        assert (difference["estimate"], difference["low"], difference["high"]) == (0.0, 0.0, 0.0)


# Neutral is under-predicted here: the two neutral rows have p(negative) 0.5 > p(neutral) 0.45,
# so the argmax gives -1, -1, -1, 1 against 0, 0, -1, 1 (macro-F1: -1 2/4, 0 0, 1 1 -> 0.5).
_PROBA = np.array([[0.5, 0.45, 0.05], [0.5, 0.45, 0.05], [0.6, 0.3, 0.1], [0.2, 0.2, 0.6]])
_Y = np.array([0, 0, -1, 1])


def test_biased_labels_add_the_biases_to_the_log_probabilities():
    assert bench.biased_labels(_PROBA, (0.0, 0.0)).tolist() == [-1, -1, -1, 1]
    # log(0.5 / 0.45) = 0.105: a neutral bias of 0.2 turns the first two rows neutral; the third
    # needs more than log(0.6 / 0.3) = 0.69
    assert bench.biased_labels(_PROBA, (0.2, 0.0)).tolist() == [0, 0, -1, 1]
    assert bench.biased_labels(_PROBA, (0.8, 0.0)).tolist() == [0, 0, 0, 1]


def test_choose_biases_takes_the_smallest_shift_with_the_best_macro_f1():
    # 0.1 < 0.105 is not enough; 0.15 to 0.65 all reach macro-F1 1; the smallest shift wins, and
    # the positive bias stays 0 (any small one keeps row 4 positive and row 3 negative)
    assert bench.choose_biases(_PROBA, _Y) == (0.15, 0.0)
    assert bench.choose_biases(_PROBA, _Y, grid=(-0.1, 0.0, 0.1)) == (0.0, 0.0)  # nothing helps: no shift


def test_choose_blend_by_hand():
    other = np.eye(3)[_Y + 1]  # a second model that is right and sure
    # the neutral rows turn neutral once (1 - w) 0.45 + w > (1 - w) 0.5, i.e. w > 0.0476
    assert bench.choose_blend(_PROBA, other, _Y) == 0.05
    assert bench.choose_blend(_PROBA, _PROBA, _Y) == 0.0  # no gain: the smallest weight


def test_train_cv_cross_fits_the_rules_over_the_folds(monkeypatch):
    from analysis import sentiment_models

    columns = ["p_negative", "p_neutral", "p_positive"]
    # two folds, each the four rows above (the rule chosen on one fold is applied to the other)
    target = pd.DataFrame(np.vstack([_PROBA, _PROBA]), columns=columns).assign(
        sentence_id=[f"s{i}" for i in range(8)], article=[f"a{i}" for i in range(8)], fold=[0] * 4 + [1] * 4,
        label=np.r_[_Y, _Y])
    sentence = target.assign(**dict(zip(columns, np.eye(3)[np.r_[_Y, _Y] + 1].T)))
    monkeypatch.setattr(sentiment_models, "out_of_fold_proba",
                        lambda kind: target if kind == "target" else sentence)
    table = bench.train_cv(n_boot=50).set_index("system")
    assert table.loc["target model", "estimate"] == pytest.approx(0.5)
    assert table.loc["target model, class biases chosen on the other folds", "estimate"] == pytest.approx(1.0)
    assert table.loc["target model, class biases chosen on the other folds - target model",
                     "estimate"] == pytest.approx(0.5)
    assert table.loc["sentence model", "estimate"] == pytest.approx(1.0)
    chosen = bench.train_cv(n_boot=50).attrs["chosen"]
    assert [(c["bias_neutral"], c["bias_positive"], c["blend_weight"]) for c in chosen] == [(0.15, 0.0, 0.05)] * 2
