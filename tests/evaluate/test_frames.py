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
    # measured with the committed artefact (v3): 0.717 calibrated, 0.504 rules, 0.602 keyword list
    assert mean.round(3).to_dict() == {"calibrated model": 0.717, "rules alone": 0.504, "keyword list": 0.602}
    cv = rows[rows["benchmark"] == "narrative-frames-train (CV)"]
    assert len(cv) == 5 and cv["low"].isna().all() and (cv["n"] == 258).all()


# --- generic frames: procedures compared by nested CV --------------------------------------------

from analysis.evaluate.frames import PROCEDURES, mean_log_loss, threshold_scores  # noqa: E402


def test_threshold_scores_by_hand():
    y = np.array([1, 1, 0, 0, 0], bool)
    # repeat 1: p >= 0.5 -> 1 1 0 0 0 (perfect, 1.0); repeat 2: p >= 0.5 -> 1 0 1 0 0 (7/12, above)
    probabilities = np.array([[0.9, 0.6, 0.1, 0.2, 0.3], [0.9, 0.4, 0.7, 0.2, 0.3]])
    # threshold 0.95: nothing is called yes -> positive F1 0, negative F1 2*3/(2*3+2) = 3/4 -> 3/8
    scores = threshold_scores(y, probabilities, [0.5, 0.95])
    assert scores == pytest.approx([(1 + 7 / 12) / 2, 3 / 8])
    assert threshold_scores(y, probabilities[:1], [0.5, 0.95]) == pytest.approx([1.0, 3 / 8])


def test_mean_log_loss_by_hand():
    y = np.array([1, 0])
    # -(log 0.8 + log(1 - 0.4)) / 2 over one repeat
    assert mean_log_loss(y, np.array([[0.8, 0.4]])) == pytest.approx(-(np.log(0.8) + np.log(0.6)) / 2)
    assert mean_log_loss(y, np.array([[1.0, 0.0]])) == pytest.approx(-np.log(1 - 1e-6))  # clipped


def _inputs(good: str):
    """A hand-made outer fold: 10 training texts, 2 held out; in the inner CV the set ``good`` is
    perfect at C 0.01 for every frame, all other sets and Cs guess 0.5."""
    from analysis.framing.generic import C_GRID, CALIBRATED_FRAMES

    from analysis.evaluate.frames import PROCEDURE_FEATURE_SETS

    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0], bool)
    Y = np.repeat(y[:, None], len(CALIBRATED_FRAMES), axis=1)
    inputs = {"y": Y, "Cs": tuple(C_GRID), "oof": {}, "test": {}}
    for frame in CALIBRATED_FRAMES:
        for name in PROCEDURE_FEATURE_SETS:
            oof = np.full((len(C_GRID), 2, len(y)), 0.5)
            test = np.full((len(C_GRID), 2), 0.5)
            if name == good:
                oof[C_GRID.index(0.01)] = np.where(y, 0.8, 0.2)
                test[C_GRID.index(0.01)] = [0.9, 0.1]
            inputs["oof"][frame, name], inputs["test"][frame, name] = oof, test
    return inputs


def test_procedures_choose_what_the_inner_cross_validation_prefers():
    v2, df10_only = list(PROCEDURES)[:2]
    # v2 finds the perfect set: first held-out text yes, second no, for every frame
    assert PROCEDURES[v2](_inputs("df20")).tolist() == [[True] * 5, [False] * 5]
    # at 0.5 everywhere: all yes (threshold <= 0.5) scores (8/14 + 0) / 2 = 0.286, all no (above
    # 0.5) (0 + 12/16) / 2 = 0.375, so the first threshold above 0.5 wins and calls nothing yes
    assert PROCEDURES[df10_only](_inputs("df20")).tolist() == [[False] * 5, [False] * 5]
    # the average of rules, df>=5..40 at their least log-loss C: (0.9 + 4 x 0.5) / 5 = 0.58 for the
    # first held-out text, (0.1 + 2) / 5 = 0.42 for the second; inner averages 0.56 / 0.44 separate
    # the classes from 0.45 to 0.56: the first threshold that does so, 0.45, decides
    average = "average of rules, df>=5/10/20/40 (C by log-loss)"
    assert PROCEDURES[average](_inputs("df20")).tolist() == [[True] * 5, [False] * 5]
    # the packaged procedure (v3) averages log-odds: the good member's logits +-log(4) (0.8 / 0.2),
    # the four others 0, so the inner mean log-odds are +-log(4)/5 (p 0.569 / 0.431), first separated
    # at 0.44; held out: log(9)/5 (p 0.608) is a yes, -log(9)/5 (p 0.392) a no
    v3 = "v3 (packaged): average log-odds of rules, df>=5/10/20/40 (C by log-loss)"
    assert PROCEDURES[v3](_inputs("df20")).tolist() == [[True] * 5, [False] * 5]
    assert PROCEDURES[v3](_inputs("keywords")).tolist() == [[False] * 5, [False] * 5]  # not a member
