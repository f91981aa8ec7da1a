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
