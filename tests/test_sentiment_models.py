import numpy as np
import pandas as pd
import pytest

from analysis import embeddings
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
