import numpy as np
import pandas as pd
import pytest

from analysis import actor_tone as at


def test_placeholder_replaces_every_masked_mention():
    text, spans = at._placeholder_spans("[TGT] won. Critics attacked [TGT]'s plan.")
    assert text == "TGT won. Critics attacked TGT's plan."
    assert spans == [(0, 3), (26, 29)] and all(text[a:b] == "TGT" for a, b in spans)
    assert at._placeholder_spans("no mention") == ("no mention", [])


def test_tone_features_by_hand(require):
    require("nltk-data")
    text, spans = at._placeholder_spans("[TGT] won a great prize. Rain fell.\n Critics attacked [TGT] and [TGT] wept.")
    proba = np.array([[0.1, 0.2, 0.7], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1]])
    f = at.tone_features(text, spans, proba)
    assert f["n_mentions_log"] == pytest.approx(np.log(4))
    assert f["tm_mean_negative"] == pytest.approx(1.2 / 3) and f["tm_max_positive"] == pytest.approx(0.7)
    # argmax per mention: positive, negative, negative
    assert f["tm_share_negative"] == pytest.approx(2 / 3) and f["tm_share_positive"] == pytest.approx(1 / 3)
    assert (f["tm_first_negative"], f["tm_first_positive"]) == (0.1, 0.7)
    # three sentences, two name the target (the second names it twice)
    assert f["actor_sentence_share"] == pytest.approx(2 / 3)
    assert at.actor_sentences(text, spans) == ["TGT won a great prize.", "Critics attacked TGT and TGT wept."]
    assert f["vader_actor_share_positive"] == 0.5 and f["vader_actor_share_negative"] == 0.5
    assert f["w=<T>"] == 1.0 and f["w=attacked"] == 1.0 and "w=rain" not in f and "w=tgt" not in f
    # the first paragraph alone: one mention, one naming sentence of two
    first = at.tone_features(text, spans, proba, region=(0, text.index("\n")), words=False)
    assert first["n_mentions_log"] == pytest.approx(np.log(2)) and first["actor_sentence_share"] == 0.5
    assert first["tm_mean_positive"] == pytest.approx(0.7) and not any(k.startswith("w=") for k in first)
    none = at.tone_features("Rain fell.", [], np.zeros((0, 3)))
    assert none["no_mention"] == 1.0 and "vader_actor_mean" not in none


def test_macro_f1_by_hand():
    # class -1: tp 1, 1 true, 1 predicted -> 1; class 0: tp 1, 2 true, 1 predicted -> 2/3;
    # class 1: tp 0, 0 true, 1 predicted -> 0
    assert at.macro_f1([-1, 0, 0], [-1, 0, 1]) == pytest.approx((1 + 2 / 3 + 0) / 3)


def _toy(n=60):
    rng = np.random.default_rng(0)
    y = np.array([-1, 0, 1] * (n // 3))
    X = [{"signal": float(label) + rng.normal(0, 0.3), "noise": float(rng.normal()), "w=a": 1.0} for label in y]
    return X, y


def test_classifier_learns_a_clear_signal_and_round_trips():
    X, y = _toy()
    model = at.ToneClassifier(C=1.0).fit(X, y)
    assert set(model.vocabulary_) == {"noise", "signal"}  # words off by default
    assert at.macro_f1(y, model.predict(X)) > 0.9
    np.testing.assert_allclose(model.predict_proba(X).sum(axis=1), 1.0)
    card, arrays = model.to_artefact({"note": "x"})
    again = at.ToneClassifier.from_artefact(card, arrays)
    np.testing.assert_allclose(again.predict_proba(X), model.predict_proba(X))
    assert "w=a" in at.ToneClassifier(words=True, min_df=1).fit(X, y).vocabulary_


def test_nested_cross_validation_predicts_every_row_once():
    X, y = _toy(90)
    grid = {"C": (0.1, 1.0), "class_weight": (None,), "words": (False,)}
    out = at.cross_validate(X, y, grid=grid, folds=3)
    assert len(out) == 90 and out["fold"].nunique() == 3
    assert (out["label"].to_numpy() == y).all() and at.macro_f1(y, out["predicted"]) > 0.8
    groups = np.repeat(np.arange(30), 3)
    grouped = at.cross_validate(X, y, groups, grid=grid, folds=3)
    for fold, part in grouped.groupby("fold"):  # a group never straddles folds
        assert set(groups[part.index]).isdisjoint(groups[grouped.index[grouped["fold"] != fold]])


def test_vader_baseline_thresholds():
    features = [{"vader_actor_mean": 0.3}, {"vader_actor_mean": -0.06}, {"vader_actor_mean": 0.04}, {}]
    assert at.vader_baseline(features).tolist() == [1, -1, 0, 0]


@pytest.mark.slow
def test_actor_tone_rows_evidence_and_bad_input(require):
    require("persent-dev", "newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data")
    text = "Putin praised the workers. Critics attacked Putin over the war."
    out = at.actor_tone(pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [text, "No one here.", None]}))
    assert out["doc_id"].tolist() == ["a", "b", "c"]  # no document dropped
    row = out.iloc[0]
    assert row["actor"] == "Vladimir Putin" and row["n_mentions"] == 2
    assert row["label"] in {"negative", "neutral", "positive"}
    assert row[["p_negative", "p_neutral", "p_positive"]].sum() == pytest.approx(1.0)
    assert [(a, b, s) for a, b, s, _ in row["evidence"]] == [(0, 5, "Putin"), (44, 49, "Putin")]
    assert pd.isna(out.iloc[1]["actor"]) and out.iloc[1]["note"] == "no actor mentioned"
    assert out.iloc[2]["n_mentions"] == 0 and out.iloc[2]["note"].startswith("no text")
    paragraphs = at.paragraph_tone([text + "\nPutin left."])
    assert paragraphs["paragraph"].tolist() == [0, 1] and paragraphs["n_mentions"].tolist() == [2, 1]
