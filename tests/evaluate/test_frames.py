import numpy as np
import pytest
from sklearn.metrics import f1_score

from analysis.evaluate.frames import (
    cross_validate_policy,
    macro_f1,
    micro_f1,
    most_frequent_frames,
    per_frame_f1,
)
from analysis.framing.policy import read_training_data

# 3 articles x 3 labels. Column 0: tp=1, fp=1, fn=0 -> F1 2/3. Column 1: tp=1, fp=0, fn=1 -> 2/3.
# Column 2: never true nor predicted -> 0. Pooled: tp=2, fp=1, fn=1 -> micro 4/6.
TRUE = np.array([[1, 1, 0], [0, 1, 0], [0, 0, 0]], dtype=bool)
PRED = np.array([[1, 1, 0], [1, 0, 0], [0, 0, 0]], dtype=bool)


def test_f1_by_hand_and_as_scikit_learn_scores_it():
    np.testing.assert_allclose(per_frame_f1(TRUE, PRED), [2 / 3, 2 / 3, 0])
    assert micro_f1(TRUE, PRED) == pytest.approx(4 / 6)
    assert macro_f1(TRUE, PRED) == pytest.approx(4 / 9)
    sklearn_macro = f1_score(TRUE, PRED, average="macro", zero_division=0)
    assert macro_f1(TRUE, PRED) == pytest.approx(sklearn_macro)
    assert micro_f1(TRUE, np.zeros_like(TRUE)) == 0.0


def test_most_frequent_frames_predicts_the_mean_number_of_top_frames():
    # label counts 3, 2, 1; mean cardinality (2 + 2 + 2) / 3 = 2 -> predict labels 0 and 1
    train = np.array([[1, 1, 0], [1, 0, 1], [1, 1, 0]], dtype=bool)
    assert most_frequent_frames(train, 2).tolist() == [[True, True, False]] * 2


def test_cross_validation_on_a_subset_is_bounded_and_reproducible(require):
    require("semeval2023-t3-frames-en")
    data = read_training_data().iloc[:60]
    runs = [
        cross_validate_policy(
            data["text"], data["frames"], data["doc_id"], n_splits=3, seed=1, n_boot=50
        )
        for _ in range(2)
    ]
    summary = runs[0].summary.dropna(subset=["low"])
    assert len(summary) == 4  # classifier and baseline, micro and macro
    values = summary[["estimate", "low", "high"]].to_numpy()
    assert ((values >= 0) & (values <= 1)).all()
    assert (summary["low"] <= summary["estimate"]).all()
    assert (summary["estimate"] <= summary["high"]).all()
    assert runs[0].summary.equals(runs[1].summary)
    assert runs[0].per_frame.equals(runs[1].per_frame)
    assert len(runs[0].per_frame) == 14 and runs[0].per_frame["support"].sum() > 0
    assert len(runs[0].predictions) == 60 and set(runs[0].predictions["fold"]) == {0, 1, 2}


# --- generic frames ------------------------------------------------------------------------------

from analysis.evaluate.frames import (  # noqa: E402
    generic_frame_results,
    keyword_rates,
    keyword_thresholds,
    mean_macro_f1,
    positive_f1,
    two_class_macro_f1,
)


def test_two_class_scores_by_hand():
    # true 1 1 0 0 0, predicted 1 0 1 0 0: positive tp=1 fp=1 fn=1 -> F1 1/2; negative tp=2 fp=1
    # fn=1 -> F1 2/3; macro (1/2 + 2/3) / 2 = 7/12
    y, p = np.array([1, 1, 0, 0, 0], bool), np.array([1, 0, 1, 0, 0], bool)
    assert positive_f1(y, p) == pytest.approx(1 / 2)
    assert two_class_macro_f1(y, p) == pytest.approx(7 / 12)
    assert two_class_macro_f1(y, p) == pytest.approx(f1_score(y, p, average="macro"))
    # a perfect column (1.0) and this one: mean (1 + 7/12) / 2
    assert mean_macro_f1(np.c_[y, y], np.c_[y, p]) == pytest.approx((1 + 7 / 12) / 2)


def test_keyword_rates_and_thresholds_by_hand():
    keywords = {"economic": ("cost", "jobs"), "conflict": ("war",)}
    rates = keyword_rates(["The cost of jobs.", "War, war and peace.", ""], keywords)
    # 4 words with 2 keywords -> 500 per 1,000; 4 words with 2 x "war" -> 500; empty -> 0
    assert rates.to_dict("list") == {"economic": [500.0, 0.0, 0.0], "conflict": [0.0, 500.0, 0.0]}
    Y = np.array([[True, False], [False, True], [False, False]])
    # the rate 500 separates both columns perfectly
    assert keyword_thresholds(rates, Y).tolist() == [500.0, 500.0]


def test_generic_frame_results_on_the_dev_split(require):
    require("narrative-frames-train", "narrative-frames-dev")
    from analysis.evaluate.report import COLUMNS

    rows = generic_frame_results(n_boot=50, topic_words_kept=False)
    assert list(rows.columns) == COLUMNS
    dev = rows[rows["benchmark"] == "narrative-frames-dev"]
    assert set(dev["system"]) == {"calibrated model", "rules alone", "keyword list"}
    assert len(dev) == 3 * 11 and (dev["n"] == 85).all()
    assert ((dev["low"] <= dev["estimate"]) & (dev["estimate"] <= dev["high"])).all()
    mean = dev[dev["metric"] == "mean_macro_f1"].set_index("system")["estimate"]
    # measured with the committed artefact (v2): 0.658 calibrated, 0.504 rules, 0.602 keyword list
    assert mean.round(3).to_dict() == {"calibrated model": 0.658, "rules alone": 0.504, "keyword list": 0.602}
    cv = rows[rows["benchmark"] == "narrative-frames-train (CV)"]
    assert len(cv) == 5 and cv["low"].isna().all() and (cv["n"] == 258).all()
