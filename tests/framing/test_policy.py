import numpy as np
import pandas as pd
import pytest

from analysis.framing.policy import (
    FRAMES,
    PolicyFrameClassifier,
    indicator_matrix,
    multilabel_folds,
    policy_frames,
    read_training_data,
)

ECONOMIC, CRIME, POLITICAL = (
    FRAMES.index(f) for f in ("Economic", "Crime_and_punishment", "Political")
)

# A tiny, sensible training set: three frames, each with its own vocabulary, four texts each.
TEXTS = [
    "The budget deficit grew as taxes fell and the economy slowed.",
    "Inflation and unemployment rose; the central bank raised interest rates.",
    "The company reported a loss of two billion dollars in revenue.",
    "Markets fell as investors worried about trade tariffs and prices.",
    "Police arrested the suspect and charged him with murder.",
    "The court sentenced the robber to ten years in prison.",
    "Detectives said the gang had committed a series of burglaries.",
    "The killer was convicted after police found the weapon.",
    "The party won the election and will form a coalition in parliament.",
    "Voters backed the opposition leader in the presidential campaign.",
    "Lawmakers voted on the bill after a long debate in the senate.",
    "The prime minister reshuffled the cabinet before the election.",
]
LABELS = [["Economic"]] * 4 + [["Crime_and_punishment"]] * 4 + [["Political"]] * 4


@pytest.fixture(scope="module")
def model():
    return PolicyFrameClassifier(threshold_folds=2).fit(TEXTS, LABELS)


def test_indicator_matrix_orders_columns_as_frames():
    Y = indicator_matrix([["Political", "Economic"], []])
    assert Y.shape == (2, 14)
    assert Y[0].nonzero()[0].tolist() == [ECONOMIC, POLITICAL]  # codebook order, not input order
    assert not Y[1].any()
    table = pd.DataFrame(Y, columns=FRAMES).iloc[:, ::-1]  # column order of a frame does not matter
    assert (indicator_matrix(table) == Y).all()


def test_indicator_matrix_rejects_bad_labels():
    with pytest.raises(ValueError, match="unknown frame 'Sports'"):
        indicator_matrix([["Sports"]])
    with pytest.raises(ValueError, match="is a string"):
        indicator_matrix(["Political"])


def test_multilabel_folds_spread_each_label_evenly():
    # 8 rows: label 0 on rows 0-3, label 1 on rows 4-5, rows 6-7 unlabelled. Two folds must each
    # receive 2 of label 0, 1 of label 1 and 4 rows in all (8 / 2), whatever the seed.
    Y = np.zeros((8, 2), dtype=bool)
    Y[:4, 0] = Y[4:6, 1] = True
    for seed in (0, 1, 2):
        folds = multilabel_folds(Y, n_splits=2, seed=seed)
        for k in (0, 1):
            assert Y[folds == k].sum(axis=0).tolist() == [2, 1]
            assert (folds == k).sum() == 4
    assert (multilabel_folds(Y, 2, seed=5) == multilabel_folds(Y, 2, seed=5)).all()
    with pytest.raises(ValueError, match="n_splits"):
        multilabel_folds(Y, n_splits=9)


def test_multilabel_folds_keep_groups_together():
    # rows 0 and 1 are copies of one article (group "a"): they must share a fold for every seed
    Y = np.array([[1, 0], [1, 0], [1, 0], [0, 1], [0, 1], [1, 1]], dtype=bool)
    groups = ["a", "a", "b", "c", "d", "e"]
    for seed in range(5):
        folds = multilabel_folds(Y, n_splits=2, seed=seed, groups=groups)
        assert folds[0] == folds[1] and set(folds) == {0, 1}


def test_fit_predict_shapes_and_label_order(model):
    new = ["Police charged the suspect with robbery; he went to prison.", "Taxes and the deficit"]
    proba = model.predict_proba(new)
    assert proba.shape == (2, 14) and list(model.classes_) == list(FRAMES)
    assert ((proba >= 0) & (proba <= 1)).all()
    predicted = model.predict(new)
    assert predicted.dtype == bool and predicted.shape == (2, 14)
    assert proba[0].argmax() == CRIME and proba[1].argmax() == ECONOMIC
    never_seen = [j for j in range(14) if j not in (ECONOMIC, CRIME, POLITICAL)]
    assert (proba[:, never_seen] == 0).all()  # frames without training examples are never predicted


def test_top_features_are_tidy_and_frame_specific(model):
    top = model.top_features(3)
    assert list(top.columns) == ["frame", "rank", "feature", "weight"]
    # only the trained frames have positive weights
    assert set(top["frame"]) == {"Economic", "Crime_and_punishment", "Political"}
    assert len(top) == 9 and (top["weight"] > 0).all()
    assert top.groupby("frame")["rank"].apply(list).map(lambda r: r == [1, 2, 3]).all()
    assert top["feature"].str.startswith("word:").all()


def test_save_and_load_give_the_same_predictions(model, tmp_path):
    model.save(tmp_path, {"note": "test"})
    assert not list(tmp_path.glob("*.pkl"))
    loaded = PolicyFrameClassifier.load(tmp_path)
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS))
    assert (loaded.thresholds_ == model.thresholds_).all()
    assert loaded.metadata_["note"] == "test"


def test_policy_frames_marks_blank_texts_and_lists_predicted_frames(model):
    out = policy_frames(["Police arrested the murder suspect.", "  "], model=model)
    assert list(out.columns) == [*FRAMES, "frames"]
    assert "Crime_and_punishment" in out.loc[0, "frames"]
    assert out.loc[1, list(FRAMES)].isna().all() and out.loc[1, "frames"] == []
    with pytest.raises(TypeError, match=r"policy_frames\(\): document 1 is NoneType; expected a text"):
        policy_frames(["fine", None], model=model)


def test_training_data(require):
    require("semeval2023-t3-frames-en")
    data = read_training_data()
    assert len(data) == 433 and data["doc_id"].is_unique
    assert data["text_group"].nunique() == 432  # one article under two IDs (loader's docstring)
    title = "Next plague outbreak in Madagascar could be 'stronger': WHO"
    assert data.loc[0, "text"].startswith(title + "\n\nGeneva - ")
    counts = pd.Series(indicator_matrix(data["frames"]).sum(axis=0), index=FRAMES)
    # counted with `cut -f2 train-labels-subtask-2.txt | tr , '\n' | sort | uniq -c`
    assert counts["Political"] == 235 and counts["Public_opinion"] == 23 and counts.sum() == 1615
