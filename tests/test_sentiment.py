import math

import numpy as np
import pandas as pd
import pytest

from analysis import sentiment
from analysis.sentiment_models import TargetSentimentClassifier, target_features


class _Fixed(sentiment.Instrument):
    """A stand-in instrument with known sentence scores, to check the aggregation arithmetic."""

    name = "fixed"
    SCORES = {"Alpha came.": 0.5, "Beta went.": -0.2, "Gamma stayed.": 0.0}

    def _score(self, texts):
        return pd.DataFrame({"score": [self.SCORES[t] for t in texts]})


@pytest.fixture
def fixed(monkeypatch):
    monkeypatch.setitem(sentiment.INSTRUMENTS, "fixed", _Fixed)
    monkeypatch.setitem(sentiment._cache, ("fixed", False), _Fixed())
    return "fixed"


def test_vader_matches_the_hand_computed_compound():
    # "good" has valence 1.9 in VADER's lexicon; compound = 1.9 / sqrt(1.9**2 + 15) = 0.4404.
    frame = sentiment.Vader().score(["The book was good."])
    assert frame.loc[0, "score"] == pytest.approx(1.9 / math.sqrt(1.9**2 + 15), abs=1e-4)
    assert frame.loc[0, "score"] == pytest.approx(0.4404, abs=1e-4)


def test_logit_scale_and_its_bounded_score():
    # Lowe et al. (2011): log((3 + .5) / (1 + .5)) = log(7/3) = 0.8473; tanh(logit / 2) equals
    # (pos - neg) / (pos + neg + 1) = 2 / 5.
    logit = sentiment.logit_scale([3, 0], [1, 0])
    assert logit[0] == pytest.approx(math.log(7 / 3))
    assert logit[1] == 0.0
    assert np.tanh(logit[0] / 2) == pytest.approx(0.4)


def test_hu_liu_counts(require):
    require("nltk-data")
    # "good" and "great" are in positive-words.txt, "bad" in negative-words.txt: 2 vs 1 hits,
    # score (2 - 1) / (2 + 1 + 1) = 0.25.
    frame = sentiment.HuLiu().score(["Good news, great day, bad weather."])
    assert (frame.loc[0, "positive"], frame.loc[0, "negative"]) == (2, 1)
    assert frame.loc[0, "score"] == pytest.approx(0.25)


def test_document_aggregation_of_a_known_vector(fixed):
    text = "Alpha came. Beta went. Gamma stayed."
    docs = sentiment.score_documents(pd.DataFrame({"doc_id": ["d1", "empty"], "text": [text, " "]}), instrument=fixed)
    row = docs.set_index("doc_id").loc["d1"]
    # scores 0.5, -0.2, 0.0: mean 0.1; one above +0.05, one below -0.05; min -0.2, max 0.5.
    assert row["n_sentences"] == 3
    assert row["mean"] == pytest.approx(0.1)
    assert row["share_positive"] == pytest.approx(1 / 3) and row["share_negative"] == pytest.approx(1 / 3)
    assert (row["min"], row["max"]) == (-0.2, 0.5)
    # A resample of three draws all three from -0.2 with chance 1/27 = 3.7 % > 2.5 %, so the
    # 2.5 % bootstrap quantile is the minimum; likewise the 97.5 % quantile is the maximum.
    assert row["mean_low"] == pytest.approx(-0.2) and row["mean_high"] == pytest.approx(0.5)
    empty = docs.set_index("doc_id").loc["empty"]  # kept and marked, not dropped
    assert empty["n_sentences"] == 0 and np.isnan(empty["mean"])


def test_arc_positions_run_from_zero_to_one(fixed):
    frame = sentiment.arc("Alpha came. Beta went. Gamma stayed.", instrument=fixed)
    assert frame["position"].tolist() == [0.0, 0.5, 1.0]
    assert frame["score"].tolist() == [0.5, -0.2, 0.0]


def test_bad_input_is_refused():
    # the input contract (analysis.inputs): one text is one document; anything else is refused
    assert len(sentiment.Vader().score("one string")) == 1
    with pytest.raises(TypeError, match=r"score\(\): expected a text, a sequence of texts"):
        sentiment.Vader().score(42)
    with pytest.raises(TypeError, match=r"score_documents\(\): document 1 is int"):
        sentiment.score_documents(pd.DataFrame({"text": ["Fine.", 3]}))
    with pytest.raises(ValueError, match="differ in length"):
        sentiment.target_sentiment(["Putin spoke."], [0, 1], [5])
    with pytest.raises(ValueError, match="do not mark a mention"):
        sentiment.target_sentiment(["Putin spoke."], [5], [40])
    with pytest.raises(ValueError, match="do not mark a mention"):
        sentiment.target_sentiment(["Putin spoke."], [5], [5])


def test_target_features_read_the_local_pattern(require):
    require("nltk-data")
    sentence = "Critics say Putin did not win the vote."
    features = target_features(sentence, 12, 17)
    # tokens: critics say <T> did not win the vote . -> "did" is an auxiliary and "not" a negator,
    # so the target is the (negated) subject of "win" and follows "say".
    assert features["subject_of=win_NEG"] == 1.0
    assert features["object_of=say"] == 1.0
    assert "w=putin" not in features and features["w=<T>"] == 1.0  # the name itself is masked
    # VADER "win" 2.8 / 4 = 0.7, negated by "not" one token before, at distance 3 on the right.
    assert features["vader_right"] == pytest.approx(-0.7 / 3)
    with pytest.raises(ValueError, match="do not mark a mention"):
        target_features(sentence, 3, 3)
    with pytest.raises(ValueError, match="no token"):
        target_features(sentence, 7, 8)  # the space between "Critics" and "say"


def test_estimator_round_trips_through_json_and_npz(require, tmp_path):
    require("newsmtsc-train")
    from analysis.data import load

    train = load("newsmtsc-train").head(300)
    model = TargetSentimentClassifier(C=0.1).fit(train, train["label"])
    names = model.get_feature_names_out()
    assert len(names) == model.coef_.shape[1] and "vader_sentence" in names
    model.to_files(tmp_path / "m", {"note": "test"})
    again, card = TargetSentimentClassifier.from_files(tmp_path / "m")
    assert card["note"] == "test" and again.get_params() == model.get_params()
    first = (tmp_path / "m.npz").read_bytes(), (tmp_path / "m.json").read_bytes()
    model.to_files(tmp_path / "m", {"note": "test"})  # byte-deterministic: the same files again
    assert ((tmp_path / "m.npz").read_bytes(), (tmp_path / "m.json").read_bytes()) == first
    np.testing.assert_allclose(again.predict_proba(train.head(20)), model.predict_proba(train.head(20)))
    proba = model.predict_proba(train.head(20))
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    explained = model.explain(train.head(2), top=3)
    assert len(explained) == 6 and set(explained["row"]) == {0, 1}


@pytest.mark.slow
def test_target_sentiment_points_at_the_right_mention(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data")
    text = "Putin praised the medal. Critics attacked Kim Jong Un and Putin."
    start = text.rindex("Putin")  # the second Putin, in the second sentence
    frame = sentiment.target_sentiment([text, text], [start, 0], [start + 5, 5])
    assert frame["mention"].tolist() == ["Putin", "Putin"]
    probabilities = frame[["p_negative", "p_neutral", "p_positive"]].to_numpy()
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0)
    assert frame["label"].isin([-1, 0, 1]).all() and frame["score"].between(-1, 1).all()
    # the two mentions sit in different sentences, so the model sees different evidence
    assert not np.allclose(probabilities[0], probabilities[1])


@pytest.mark.slow
def test_actor_mentions_and_aggregates(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data")
    text = "Russia's embassy handed Kim Jong Un a medal. He thanked the United States and the US Congress."
    mentions = sentiment.actor_mentions([text])
    # by eye: Russia at 0, Kim Jong Un at 24, "He" at 45 (-> Kim Jong Un, the person mentioned
    # last), United States at 60, US at 82 (word-bounded)
    assert list(zip(mentions["actor"], mentions["start"], mentions["found"])) == [
        ("Russia", 0, "alias"), ("Kim Jong Un", 24, "alias"), ("Kim Jong Un", 45, "coreference: pronoun"),
        ("United States", 60, "alias"), ("United States", 82, "alias"),
    ]
    assert all(text[s:e] == m for s, e, m in zip(mentions["start"], mentions["end"], mentions["mention"]))
    assert mentions.loc[2, "sentence"] == "He thanked the United States and the US Congress."
    table = sentiment.actor_sentiment(pd.DataFrame({"doc_id": ["a"], "outlet": ["x"], "text": [text]}), by="outlet")
    us = table.set_index("actor").loc["United States"]
    assert (us["n_mentions"], us["n_documents"]) == (2, 1)
    assert us["mean_score"] == pytest.approx(mentions.loc[mentions["actor"] == "United States", "score"].mean())
    assert np.isnan(us["mean_low"])  # one document: no interval over documents
    # a plain alias dict still works (aliases only: no pronoun)
    plain = sentiment.actor_mentions([text], {"Kim": ["Kim Jong Un"]})
    assert plain["mention"].tolist() == ["Kim Jong Un"]
    with pytest.raises(KeyError, match="not a column"):
        sentiment.actor_sentiment([text], by="outlet")


def test_actor_sentiment_resamples_documents_when_aggregating(monkeypatch):
    def fixed_scores(frame):  # stand-in target model: 1 for every mention in doc a, 0 in doc b
        score = np.where(frame["doc_id"] == "a", 1.0, 0.0)
        out = pd.DataFrame({"mention": frame["mention"], "label": score.astype(int), "p_negative": 0.0,
                            "p_neutral": 1 - score, "p_positive": score, "score": score})
        out.attrs["model"] = {}
        return out

    monkeypatch.setattr(sentiment, "_classify_targets", fixed_scores)
    docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "x"],
                         "text": ["Putin spoke. Putin smiled. Putin left.", "Putin slept."]})
    row = sentiment.actor_sentiment(docs, by="outlet").iloc[0]
    assert (row["actor"], row["n_mentions"], row["n_documents"]) == ("Vladimir Putin", 4, 2)
    assert row["mean_score"] == pytest.approx(3 / 4)  # mention-weighted: (1 + 1 + 1 + 0) / 4
    # resampling the two documents gives aa (mean 1), ab or ba (3/4) and bb (0), each pair with
    # chance 1/4 > 2.5 %, so the interval is [0, 1]; resampling the four mentions would give 0
    # only with chance (1/4)**4 and a lower bound of at least 1/4
    assert (row["mean_low"], row["mean_high"]) == (0.0, 1.0)


@pytest.mark.slow
def test_score_sentences_in_range_with_the_best_instrument(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data")
    texts = ["The book was good.", "Bombers kill shoppers.", "The meeting is on Tuesday."]
    frame = sentiment.score_sentences(texts)
    assert frame["text"].tolist() == texts
    assert frame["score"].tolist() == frame[sentiment.BEST].tolist()
    assert frame[["score", "vader", "hu-liu", "news-lr"]].stack().between(-1, 1).all()
    assert frame.attrs["skipped"] == ["lsd2015"]


def test_vader_is_scored_once_per_sentence_across_instrument_and_features(require):
    require("nltk-data")  # news-lr reads the opinion lexicon
    from analysis.sentiment_models import sentence_features, vader_scores

    sentence = "The cache test book was good."
    vader_scores.cache_clear()
    score = sentiment.Vader().score([sentence]).loc[0, "score"]
    # the second reading of the same sentence (news-lr's features) is a cache hit, same value
    assert sentence_features(sentence)["vader_sentence"] == score
    assert (vader_scores.cache_info().hits, vader_scores.cache_info().misses) == (1, 1)


def test_opt_in_instrument_is_cached_per_licence_answer(require, monkeypatch):
    require("lexicoder-lsd2015")
    from analysis.data import LicenceNotAccepted

    monkeypatch.delenv("ANALYSIS_ACCEPT_LICENCES", raising=False)
    monkeypatch.setattr(sentiment, "_cache", {})
    accepted = sentiment.get_instrument("lsd2015", accept_licence=True)
    assert sentiment.get_instrument("lsd2015", accept_licence=True) is accepted
    with pytest.raises(LicenceNotAccepted):  # the accepted copy is not handed out without consent
        sentiment.get_instrument("lsd2015")
    assert sentiment.get_instrument("vader") is sentiment.get_instrument("vader", accept_licence=True)


def _fixed_scores(frame):
    """Stand-in target model: score 1 for every mention in doc a, 0 in doc b."""
    score = np.where(frame["doc_id"] == "a", 1.0, 0.0)
    out = pd.DataFrame({"mention": frame["mention"], "label": score.astype(int), "p_negative": 0.0,
                        "p_neutral": 1 - score, "p_positive": score, "score": score})
    out.attrs["model"] = {}
    return out


def test_actor_sentiment_without_resampling(monkeypatch):
    monkeypatch.setattr(sentiment, "_classify_targets", _fixed_scores)
    docs = pd.DataFrame({"doc_id": ["a", "b"], "outlet": ["x", "x"],
                         "text": ["Putin spoke. Putin smiled. Putin left.", "Putin slept."]})
    for by in ("outlet", "doc_id"):
        table = sentiment.actor_sentiment(docs, by=by, n_boot=0)
        assert table["mean_low"].isna().all() and table["mean_high"].isna().all()
    assert sentiment.actor_sentiment(docs, by="outlet", n_boot=0).loc[0, "mean_score"] == pytest.approx(3 / 4)
    frame = sentiment.score_documents(["Alpha came."], instrument="vader", n_boot=0)
    assert np.isnan(frame.loc[0, "mean_low"]) and frame.loc[0, "n_sentences"] == 1


def test_long_sentence_context_is_capped_and_shared():
    # 300 repetitions of "Kim met Lee and " (16 characters) without a sentence break: 4,800 characters
    text = "Kim met Lee and " * 300 + "Kim left."
    cache: dict = {}
    start = 16 * 150  # the 151st "Kim"
    context, offset, capped = sentiment._context(text, start, start + 3, 0, len(text), cache)
    assert capped and len(context) <= sentiment.MAX_CONTEXT
    assert context[start - offset : start - offset + 3] == "Kim"
    assert context == text[offset : offset + len(context)]
    assert text[offset - 1] == " " and context.endswith(("and", "Kim", "met", "Lee"))  # cut at spaces
    # a short sentence is not capped, and two mentions in it share one string (no copy per mention)
    short = "Kim met Lee. Lee left."
    first = sentiment._context(short, 0, 3, 0, 12, cache)
    second = sentiment._context(short, 8, 11, 0, 12, cache)
    assert first[0] == "Kim met Lee." and first[0] is second[0] and not first[2]


@pytest.mark.slow
def test_target_sentiment_time_is_linear_in_text_length(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data")
    import time

    def run(n):
        text = "Kim met Lee and " * n + "Kim left."  # one sentence, n + 1 mentions of Kim
        starts = [16 * i for i in range(n + 1)]
        began = time.perf_counter()
        frame = sentiment.target_sentiment([text] * len(starts), starts, [s + 3 for s in starts])
        return time.perf_counter() - began, frame

    run(20)  # load the model
    small = min(run(150)[0] for _ in range(2))
    large = min(run(300)[0] for _ in range(2))
    frame = run(150)[1]
    assert frame["context_capped"].all() and len(frame) == 151
    # quadratic work (every mention reading the whole sentence) would take about 4 times as long
    assert large / small < 3.0


def test_actor_mentions_without_the_models_data_keep_the_mentions(monkeypatch):
    """Offline with no mirror the target model cannot read its lexicon: mentions stay, tone is NaN."""
    from analysis import sentiment
    from analysis.data.fetch import DataUnavailable

    def unavailable(frame, kind="target"):
        raise DataUnavailable("dataset 'nltk-data' is unavailable (test)")

    monkeypatch.setattr(sentiment, "_classify_targets", unavailable)
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["Kim Jong Un met Vladimir Putin."]})
    with pytest.warns(UserWarning, match="tone not scored"):
        out = sentiment.actor_mentions(docs)
    assert out["actor"].tolist() == ["Kim Jong Un", "Vladimir Putin"]
    assert out["score"].isna().all() and "skipped" in out.attrs["model"]
