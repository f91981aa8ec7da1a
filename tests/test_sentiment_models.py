import json
import os
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from analysis import embeddings
from analysis.data import DataUnavailable
from analysis.sentiment_models import EmbeddingTargetSentimentClassifier, target_features


def _span(sentence: str, mention: str) -> tuple[int, int]:
    start = sentence.index(mention)
    return start, start + len(mention)


def test_clause_features_keep_the_target_apart_from_the_rest_of_the_sentence(require):
    require("nltk-data")
    sentence = "Critics attacked Putin, but Merkel praised the deal."
    features = target_features(sentence, *_span(sentence, "Merkel"))
    # tokens: critics attacked putin , but <T> praised the deal . -- "but" ends the clause on the
    # left, nothing ends it on the right, so the clause is "praised the deal ." and "attacked"
    # (about Putin) is not in it.
    assert {k for k in features if k.startswith("clause_w=")} == {
        "clause_w=praised", "clause_w=the", "clause_w=deal", "clause_w=."
    }
    assert features["clause_bi=praised_the"] == 1.0
    assert features["clause_lex=praise"] == 1.0  # VADER "praised" 2.2 / 4, lemmatised
    assert not any(k.startswith("clause_lex=attack") for k in features)
    # VADER in the clause, unweighted: "praised" 2.2 / 4 (nothing else there is in the lexicon);
    # in the window on the left, 1/distance: "critics" (-1.2 / 4) at 5 and "attacked" (-2.0 / 4) at 4
    assert features["vader_clause_right"] == pytest.approx(2.2 / 4)
    assert features["vader_clause_left"] == 0.0
    assert features["vader_left"] == pytest.approx(-1.2 / 4 / 5 - 2.0 / 4 / 4)
    assert not any(k.startswith("mpqa") for k in features)  # research-use terms: not a default input


def test_speaker_and_quotation_are_told_apart(require):
    require("nltk-data")
    sentence = '"He is corrupt," Smith said.'
    # Smith is followed by "said": the speaker, outside the quotation (its quotes close before).
    smith = target_features(sentence, *_span(sentence, "Smith"))
    assert smith["speaker"] == 1.0 and "in_quote" not in smith
    # "He" stands after the opening quote and is followed by "is corrupt", not a reporting verb.
    he = target_features(sentence, 1, 3)
    assert he["in_quote"] == 1.0 and "speaker" not in he
    according = "The plan failed, according to Smith."
    assert target_features(according, *_span(according, "Smith"))["speaker"] == 1.0


def test_window_is_the_mention_with_context_tokens_either_side():
    from analysis.sentiment_models import _window

    sentence = "On Monday the Kremlin said Putin met Kim in Vladivostok."
    start, end = _span(sentence, "Putin")
    # tokens: On Monday the Kremlin said [Putin] met Kim in Vladivostok . -- two either side
    assert _window(sentence, start, end, 2) == "Kremlin said Putin met Kim"
    assert _window(sentence, start, end, 20) == sentence  # clipped at both ends


@pytest.mark.skipif(not embeddings.available(), reason="the optional embeddings extra is not installed")
def test_embedding_model_adds_two_embeddings_and_round_trips(tmp_path, require):
    require("nltk-data")
    sentences = ["Critics attacked Putin.", "Fans praised Kim.", "Putin met Kim.", "Kim denounced Putin."] * 3
    mentions = ["Putin", "Kim", "Putin", "Kim"] * 3
    frame = pd.DataFrame({
        "sentence": sentences,
        "start": [s.index(m) for s, m in zip(sentences, mentions)],
        "end": [s.index(m) + len(m) for s, m in zip(sentences, mentions)],
    })
    labels = [-1, 1, 0, -1] * 3
    model = EmbeddingTargetSentimentClassifier(C=1.0, min_df=1).fit(frame, labels)
    names = model.get_feature_names_out()
    # the named features, then 384 sentence and 384 window dimensions
    assert len(names) == len(model.vocabulary_) + 2 * embeddings.DIMENSIONS == model.coef_.shape[1]
    assert names[-1] == f"window_embedding_{embeddings.DIMENSIONS - 1}"
    model.to_files(tmp_path / "m", {"version": "test"})
    again, card = EmbeddingTargetSentimentClassifier.from_files(tmp_path / "m")
    assert card["embedding_model"] == embeddings.MODEL
    np.testing.assert_allclose(again.predict_proba(frame), model.predict_proba(frame))


def test_valence_table_by_hand():
    from analysis.sentiment_models import valence_table

    table = valence_table({"positive": ["good", "zzword"], "negative": ["awful"]})
    # VADER (vaderSentiment's bundled lexicon): good 1.9, awful -2.0; "zzword" is Hu & Liu only
    assert table["good"] == (pytest.approx(1.9 / 4), 1)
    assert table["awful"] == (pytest.approx(-2.0 / 4), -1)
    assert table["zzword"] == (0.0, 1)
    assert table["bad"] == (pytest.approx(-2.5 / 4), 0)  # in VADER, not in these lists


def test_hu_liu_words_leave_out_the_words_in_both_lists(require):
    require("nltk-data")
    from analysis.sentiment_models import hu_liu_words

    words = hu_liu_words()
    assert "good" in words["positive"] and "awful" in words["negative"]
    # envious is in both of the source's lists: +1 - 1 = 0, so in neither here
    assert "envious" not in words["positive"] + words["negative"]
    assert (len(words["positive"]), len(words["negative"])) == (2003, 4780)  # measured, NLTK copy


def _unavailable(*args, **kwargs):
    raise DataUnavailable("no data in this test")


def test_a_fitted_model_predicts_from_its_artefact_alone(tmp_path, monkeypatch, require):
    """Prediction reads the Hu & Liu lists from the card, never the data (offline, no mirror)."""
    require("nltk-data")
    from analysis import sentiment_models as sm

    sentences = ["Critics attacked Smith.", "Fans praised Jones.", "Smith met Jones.", "Jones denounced Smith."] * 3
    mentions = ["Smith", "Jones", "Smith", "Jones"] * 3
    frame = pd.DataFrame({
        "sentence": sentences,
        "start": [s.index(m) for s, m in zip(sentences, mentions)],
        "end": [s.index(m) + len(m) for s, m in zip(sentences, mentions)],
    })
    model = sm.TargetSentimentClassifier(C=1.0, min_df=1).fit(frame, [-1, 1, 0, -1] * 3)
    sentence_model = sm.SentenceSentimentClassifier(C=1.0, min_df=1).fit(sentences, [-1, 1, 0, -1] * 3)
    model.to_files(tmp_path / "t", {"version": "test"})
    sentence_model.to_files(tmp_path / "s", {"version": "test"})
    expected, expected_sentences = model.predict_proba(frame), sentence_model.predict_proba(sentences)
    monkeypatch.setattr(sm, "hu_liu_words", _unavailable)
    monkeypatch.setattr(sm, "_valence", _unavailable)
    again, card = sm.TargetSentimentClassifier.from_files(tmp_path / "t")
    np.testing.assert_allclose(again.predict_proba(frame), expected)
    again_sentences, _ = sm.SentenceSentimentClassifier.from_files(tmp_path / "s")
    np.testing.assert_allclose(again_sentences.predict_proba(sentences), expected_sentences)
    stored = json.loads((tmp_path / "t.json").read_text(encoding="utf-8"))["hu_liu"]
    assert "good" in stored["positive"] and "CC-BY-4.0" in stored["source"]
    with pytest.raises(DataUnavailable):  # the unfitted featurizer still reads the data
        sm.target_features("Critics attacked Smith.", 17, 22)


def test_packaged_models_predict_with_no_mirror_no_network_and_an_empty_cache(tmp_path):
    """The committed artefacts are all a prediction needs (target model, news-lr, document actor
    tone): no ANALYSIS_MIRROR, ANALYSIS_OFFLINE=1, an empty cache and an empty NLTK_DATA folder."""
    env = {k: v for k, v in os.environ.items() if k not in ("ANALYSIS_MIRROR", "NLTK_DATA", "ANALYSIS_CACHE")}
    (tmp_path / "cache").mkdir()
    (tmp_path / "nltk").mkdir()
    env.update(ANALYSIS_OFFLINE="1", ANALYSIS_CACHE=str(tmp_path / "cache"), NLTK_DATA=str(tmp_path / "nltk"))
    code = (
        "from analysis.sentiment import target_sentiment, get_instrument\n"
        "t = 'Critics attacked Smith, but Jones praised the deal.'\n"
        "out = target_sentiment([t, t], [17, 28], [22, 33])\n"
        "assert out['label'].notna().all() and out['score'].notna().all(), out\n"
        "s = get_instrument('news-lr').score([t])\n"
        "assert s['score'].notna().all(), s\n"
        "from analysis.actor_tone import actor_tone\n"
        "tone = actor_tone([t + ' Smith wept.'], {'Smith': ['Smith']})\n"
        "assert tone['label'].isin(['negative', 'neutral', 'positive']).all() and tone['n_mentions'].eq(2).all(), tone\n"
        "print(out['label'].tolist())\n"
    )
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "building" not in done.stderr  # the packaged artefacts were read, nothing was rebuilt
    assert not any((tmp_path / "cache").rglob("*.npz"))


def test_lexicon_hits_are_counted_by_side_distance_and_polarity(require):
    require("nltk-data")
    sentence = "Critics attacked Smith, but Jones praised the deal."
    features = target_features(sentence, *_span(sentence, "Smith"))
    # tokens: critics attacked <T> , but jones praised the deal . -- lexicon words: "critics" (2
    # tokens left) and "attacked" (1 left), negative and near; "praised", 4 right: far, positive
    lex = {k: v for k, v in features.items() if k.startswith("lex_")}
    assert lex == {"lex_left_near_negative": 2.0, "lex_right_far_positive": 1.0}
    negated = "Smith is not good."
    # "not" within three tokens before "good" flips it: a negative hit, 3 tokens right (near)
    lex = {k: v for k, v in target_features(negated, 0, 5).items() if k.startswith("lex_")}
    assert lex == {"lex_right_near_negative": 1.0}


def test_a_card_without_the_hu_liu_lists_reads_them_from_the_data():
    """Cards written before the lists were stored (version < 6) still load; such a model reads
    the lexicon from the data when it predicts."""
    from analysis.sentiment_models import TargetSentimentClassifier

    card = {"class": "TargetSentimentClassifier", "params": {"C": 1.0, "class_weight": None, "min_df": 1, "window": 6},
            "vocabulary": ["w=good"], "version": "4"}
    arrays = {"coef": np.zeros((3, 1)), "intercept": np.zeros(3), "classes": np.array([-1, 0, 1])}
    model = TargetSentimentClassifier.from_artefact(card, arrays)
    assert model.hu_liu_ is None and "hu_liu" not in model.card_


@pytest.mark.slow
def test_out_of_fold_probabilities_keep_each_article_in_one_fold(require):
    require("newsmtsc-train", "nltk-data")
    from analysis.evaluate.sentiment import macro_f1
    from analysis.sentiment_models import out_of_fold_proba

    target = out_of_fold_proba("target")
    assert len(target) == 8739 and target.groupby("article")["fold"].nunique().eq(1).all()
    proba = target[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    predicted = np.array([-1, 0, 1])[proba.argmax(axis=1)]
    # measured: the packaged settings (C 0.03, min_df 3) out of fold, as the card's grouped CV (0.665)
    assert macro_f1(target["label"].to_numpy(), predicted) == pytest.approx(0.665, abs=0.001)
    sentences = out_of_fold_proba("sentence")
    assert len(sentences) == sentences["sentence_id"].nunique() == 7758
    # a sentence's fold is its article's fold among the targets
    folds = dict(zip(target["article"], target["fold"]))
    assert (sentences["article"].map(folds) == sentences["fold"]).all()
    with pytest.raises(ValueError):
        out_of_fold_proba("target-embeddings")
