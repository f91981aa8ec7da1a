"""featurize and FeatureExtractor: hand-worked features, row safety, batching, provenance."""

from __future__ import annotations

import gc
import math
import os
import signal

import numpy as np
import pandas as pd
import pytest
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from analysis.framing import generic
from analysis import pipeline
from analysis.pipeline import feature_dictionary, FeatureExtractor, Options, _blocks, _check_options, feature_columns, featurize

TEXT = 'The embassy said "We are pleased." Officials reportedly doubt it. It was a great, terrible war.'
TRICKY = [
    TEXT,
    '"An unbalanced opener at the end of a document',
    '" opens with a mark. Kim said: "Fine." He added, "the talks failed".',
    "First paragraph, said the ministry.\n\n\"A quote over paragraphs\n\n\"goes on,\" he said.",
    "No sighting of him, according to state media. It may be unclear; speculation is rife.",
    "",
    "They dubbed it the \"Victory\" parade. Lavrov told reporters: \"We will see.\"",
]


def test_hand_worked_document(require):
    require("nltk-data")  # Hu & Liu, news-lr and the target model read the opinion lexicon
    out = featurize(pd.DataFrame({"text": [TEXT]})).iloc[0]
    # sentences: "... pleased." | "Officials ... it." | "It was ... war."
    # tokens: The embassy said " We are pleased . " (9) + Officials reportedly doubt it . (5)
    #       + It was a great , terrible war . (8) = 22; without the 6 marks, 16 words
    assert (out["status"], out["n_sentences"], out["n_tokens"], out["n_words"]) == ("ok", 3, 22, 16)
    # VADER per sentence (no rule applies): pleased 1.9 | doubt -1.5 | great 3.1, terrible -2.1,
    # war -2.9 (sum -1.9); compound s / sqrt(s^2 + 15): 0.440434, -0.361158, -0.440434
    tones = [1.9 / math.sqrt(1.9**2 + 15), -1.5 / math.sqrt(1.5**2 + 15), -1.9 / math.sqrt(1.9**2 + 15)]
    assert out["sentiment_vader_mean"] == pytest.approx(sum(tones) / 3, abs=1e-4)
    assert (out["sentiment_vader_min"], out["sentiment_vader_max"]) == pytest.approx((tones[2], tones[0]), abs=1e-4)
    assert (out["sentiment_vader_positive_share"], out["sentiment_vader_negative_share"]) == pytest.approx((1 / 3, 2 / 3))
    # Hu & Liu, (pos - neg) / (pos + neg + 1): pleased 1/2 | doubt -1/2 | great, terrible 0/3
    # (war is not listed)
    assert (out["sentiment_hu_liu_mean"], out["sentiment_hu_liu_min"], out["sentiment_hu_liu_max"]) == (0, -0.5, 0.5)
    assert -1 <= out["sentiment_news_lr_min"] <= out["sentiment_news_lr_mean"] <= out["sentiment_news_lr_max"] <= 1
    # one direct quotation with its speaker (the embassy)
    assert (out["quotes"], out["quotes_direct"], out["quotes_with_speaker"]) == (1, 1, 1)
    # attributions: "The embassy said" (named, government) and, by the learned cue model of
    # analysis.framing.attributions, "Officials reportedly" (anonymous, government)
    assert (out["attributions"], out["attributions_named"], out["attributions_anonymous"]) == (2, 1, 1)
    assert out["attributions_government"] == 2
    # hedging: "reportedly" (hedge), "doubt" (absence of evidence); 1 per 16 words = 62.5 per 1,000
    assert (out["hedging_hedge"], out["hedging_absence_uncertainty_of_evidence"]) == (1, 1)
    assert out["hedging_hedge_per_1000"] == pytest.approx(62.5)
    # both markers are the writer's (none inside the quotation): 2 per 16 words
    assert (out["hedging"], out["hedging_quoted"], out["hedging_per_1000"]) == (2, 0, 125.0)
    # rates of the other counts per 1,000 words: 1 direct quotation, 2 attributions
    assert (out["quotes_direct_per_1000"], out["attributions_per_1000"]) == (62.5, 125.0)
    # 3 of the 16 words ("We are pleased") inside the speech quotation
    assert out["quoted_share"] == pytest.approx(3 / 16)
    # MATTR: 16 lower-cased words, shorter than the window of 100, so the plain type-token
    # ratio: 15 types ("it" twice)
    assert out["mattr"] == pytest.approx(15 / 16)


def test_quoted_markers_are_the_sources_not_the_writers():
    text = 'The minister said: "We may perhaps win." Analysts say the vote is possibly rigged.'
    out = featurize(pd.DataFrame({"text": [text]}), sentiment=()).iloc[0]
    # "may" and "perhaps" inside the quotation are the minister's; "possibly" outside is the
    # writer's (hedges all three, by analysis.framing.hedging's lexicon)
    assert (out["hedging_quoted"], out["hedging"], out["hedging_hedge"]) == (2, 1, 1)


def test_feature_dictionary_describes_every_column():
    dictionary = feature_dictionary()
    assert dictionary["column"].tolist() == feature_columns()
    assert dictionary["meaning"].str.len().gt(10).all() and dictionary["instrument"].str.startswith(("analysis", "python")).all()
    # one naming scheme: lower-case snake case, rates per 1,000 words end in _per_1000
    assert dictionary["column"].str.fullmatch(r"[a-z0-9_]+").all()
    rates = dictionary[dictionary["meaning"].str.contains("per 1,000 word tokens")]
    assert rates["column"].str.endswith("_per_1000").all() and len(rates) > 10


def test_one_row_per_input_row_with_its_index():
    df = pd.DataFrame({"text": ["A b.", None, "", 3, b"caf\xc3\xa9 \xff."]}, index=[10, 10, "x", 2.5, -1])
    out = featurize(df)
    assert out.index.equals(df.index)
    assert list(out.columns[:2]) == ["status", "reason"]
    assert list(out.columns[2:]) == feature_columns()
    assert out["status"].tolist() == ["ok", "missing", "empty", "invalid", "ok"]
    assert out["reason"].iloc[3] == "expected str or bytes, got int"
    assert out["reason"].iloc[4] == "decoded from UTF-8 bytes; 1 invalid byte sequences replaced"
    assert out.iloc[1, 2:].isna().all() and out.iloc[3, 2:].isna().all()
    # an empty text has zero counts and no scores
    assert out.loc["x", "n_tokens"] == 0 and math.isnan(out.loc["x", "sentiment_vader_mean"])


def test_batched_documents_give_the_per_document_rows():
    # the framing instruments read many documents joined by a separator paragraph; one chunk
    # per document reads each alone: the two must agree for quotes that run off a document's end
    together = featurize(pd.DataFrame({"text": TRICKY}))
    alone = featurize(pd.DataFrame({"text": TRICKY}), chunk_size=1, progress=False)
    pd.testing.assert_frame_equal(together, alone)


def test_actor_mentions_and_sentiment(require):
    require("nltk-data")  # Hu & Liu, news-lr and the target model read the opinion lexicon
    text = "Putin met Kim Jong Un in Moscow. He praised Kim. North Korea said nothing."
    out = featurize(pd.DataFrame({"text": [text]})).iloc[0]
    # Putin | Kim Jong Un | He (-> the person mentioned last: Kim Jong Un) | Kim (surname -> Kim
    # Jong Un) | North Korea; "in Moscow" is the place, not Russia
    assert out["actor_vladimir_putin"] == 1 and out["actor_kim_jong_un"] == 3 and out["actor_north_korea"] == 1 and out["actor_russia"] == 0
    assert out["actor_mentions"] == out["actor_mentions_person"] + out["actor_mentions_state"] == 5
    assert -1 <= out["actor_kim_jong_un_sentiment"] <= 1 and math.isnan(out["actor_russia_sentiment"])


def test_frame_scores_agree_with_generic_frames():
    texts = [*TRICKY, "Workers fear job losses as the government raises taxes; critics accuse the minister."]
    out = featurize(pd.DataFrame({"text": texts}))
    expected = generic.generic_frames(texts)
    for frame in generic.FRAMES:
        np.testing.assert_allclose(out[f"frame_{frame}_score"], expected[f"{frame}_score"])
        blank = expected["blank"].to_numpy()
        assert (out[f"frame_{frame}"][~blank].to_numpy() == expected[frame][~blank].to_numpy()).all()


def test_n_jobs_gives_the_same_result():
    df = pd.DataFrame({"text": TRICKY * 2})
    one = featurize(df, chunk_size=3, progress=False)
    two = featurize(df, n_jobs=2, chunk_size=3, progress=False)
    pd.testing.assert_frame_equal(one, two)


def test_garbage_collector_state_is_restored():
    # featurize pauses the cyclic collector while it analyses a chunk, and leaves it as it found it
    was_enabled = gc.isenabled()
    try:
        gc.enable()
        featurize(pd.DataFrame({"text": [TEXT]}))
        assert gc.isenabled()
        gc.disable()
        featurize(pd.DataFrame({"text": [TEXT]}))
        assert not gc.isenabled()
    finally:
        (gc.enable if was_enabled else gc.disable)()


def test_provenance_in_attrs(require):
    require("nltk-data")  # Hu & Liu, news-lr and the target model read the opinion lexicon
    attrs = featurize(pd.DataFrame({"text": [TEXT]})).attrs["featurize"]
    assert attrs["parameters"]["sentiment"] == ("vader", "hu-liu", "news-lr")
    assert set(attrs["instruments"]["sentiment"]) == {"vader", "hu-liu", "news-lr"}
    assert attrs["instruments"]["sentiment"]["vader"]["version"] == "3.3.2"
    assert len(attrs["instruments"]["sentiment"]["hu-liu"]["lexicon_sha256"]) == 64


def test_long_documents_are_read_in_blocks():
    # 6 paragraphs of 15 characters + "\n\n" = 17 each (length 100); blocks of at most 40
    # characters are cut after the last paragraph break in their second half: at 34, then 68
    text = "\n\n".join(['"Yes," he said.'] * 6)
    assert _blocks(text, 40) == [0, 34, 68]
    assert _blocks("a" * 50, 20) == [0, 20, 40]  # no break, no space: hard cuts
    out = featurize(pd.DataFrame({"text": [text]}), block_chars=40).iloc[0]
    assert "blocks of at most 40 characters" in out["reason"]
    assert (out["quotes"], out["quotes_with_speaker"]) == (6, 6)


def test_the_input_contract_and_clear_errors():
    # a text, a list of texts or a frame plus column: the same rows (analysis.inputs)
    frame = featurize(pd.DataFrame({"body": [TEXT, "Kim said so."]}, index=["a", "b"]), "body", groups=["quotes"])
    listed = featurize([TEXT, "Kim said so."], groups=["quotes"])
    pd.testing.assert_frame_equal(frame.reset_index(drop=True), listed)
    pd.testing.assert_frame_equal(featurize(TEXT, groups=["quotes"]), listed.iloc[:1])
    with pytest.raises(TypeError, match=r"featurize\(\): expected a text, a sequence of texts, or a DataFrame"):
        featurize(42)
    with pytest.raises(KeyError, match=r"featurize\(\): no text column 'body'; the columns are \['text'\]"):
        featurize(pd.DataFrame({"text": ["a"]}), text_column="body")
    with pytest.raises(ValueError, match="at least 1"):
        featurize(pd.DataFrame({"text": ["a"]}), n_jobs=0)


def test_groups_choose_the_columns_and_give_the_same_values():
    whole = featurize([TEXT], sentiment=("vader",))
    part = featurize([TEXT], groups=["hedging", "quotes"])
    assert list(part.columns) == ["status", "reason", *feature_columns(groups=["quotes", "hedging"])]
    assert not any(c.startswith(("sentiment_", "frame_", "actor")) for c in part.columns)
    pd.testing.assert_frame_equal(part, whole[part.columns])
    with pytest.raises(ValueError, match=r"unknown feature group\(s\) \['tone'\]"):
        featurize([TEXT], groups=["tone"])
    with pytest.raises(ValueError, match="groups must be a sequence"):
        featurize([TEXT], groups="quotes")


@pytest.mark.parametrize("arguments, message", [
    ({"block_chars": 0}, r"block_chars must be an integer of at least 1, got 0"),
    ({"block_chars": -5}, r"block_chars must be an integer of at least 1, got -5"),
    ({"block_chars": 2.5e4}, r"block_chars must be an integer"),
    ({"frame_threshold": 5}, r"frame_threshold must be a number in \[0, 1\], got 5"),
    ({"frame_threshold": -0.1}, r"frame_threshold must be a number in \[0, 1\]"),
    ({"frame_threshold": float("nan")}, r"frame_threshold must be a number in \[0, 1\]"),
    ({"n_jobs": 0}, r"n_jobs must be at least 1, or -1 for every core; got 0"),
    ({"n_jobs": -2}, r"n_jobs must be at least 1, or -1 for every core; got -2"),
    ({"chunk_size": 0}, r"chunk_size must be an integer of at least 1"),
    ({"sentiment": "vader"}, r"sentiment must be a sequence of instrument names"),
])
def test_arguments_are_checked_up_front(arguments, message):
    with pytest.raises(ValueError, match=message):
        featurize(pd.DataFrame({"text": ["a"]}), **arguments)


def test_n_jobs_minus_one_uses_every_core():
    assert _check_options(Options(), -1, 1) == len(os.sched_getaffinity(0))
    out = featurize(pd.DataFrame({"text": [TEXT] * 4}), n_jobs=-1, chunk_size=2, progress=False)
    assert out["status"].tolist() == ["ok"] * 4 and out.attrs["featurize"]["parameters"]["n_jobs"] == -1


def test_text_column_of_any_dtype_gives_row_statuses():
    ints = featurize(pd.DataFrame({"text": [1, 2]}))
    assert ints["status"].tolist() == ["invalid", "invalid"]
    assert ints["reason"].tolist() == ["expected str or bytes, got int"] * 2
    assert featurize(pd.DataFrame({"text": [np.nan, np.nan]}))["status"].tolist() == ["missing"] * 2
    dates = featurize(pd.DataFrame({"text": pd.to_datetime(["2020-05-05", None])}))
    assert dates["status"].tolist() == ["invalid", "missing"]
    categories = featurize(pd.DataFrame({"text": pd.Categorical([TEXT, None])}))
    assert categories["status"].tolist() == ["ok", "missing"] and categories["n_sentences"].tolist()[0] == 3


def test_non_english_and_binary_text_get_a_note():
    texts = {
        "english": TEXT,
        "russian": "Посольство России заявило, что мы рады этому решению.",
        # 33 German words, none of them an English function word
        "german": "Die Regierung hat am Montag erklärt, dass die Verhandlungen über den neuen Vertrag "
        "fortgesetzt werden sollen, obwohl die Opposition im Parlament dagegen stimmt und zahlreiche "
        "Verbände vor Folgen für die Wirtschaft warnen. Kritiker sprechen von einem schweren Fehler.",
        # 256 bytes twice: 28 control characters and 128 invalid bytes (each a U+FFFD) per copy
        "binary": bytes(range(256)) * 2,
        "numbers": "42 17.5 2020",
    }
    out = featurize(pd.DataFrame({"text": list(texts.values())}, index=list(texts)))
    assert out["status"].tolist() == ["ok"] * 5  # analysed all the same, never dropped
    assert pd.isna(out.loc["english", "reason"])
    assert out.loc["russian", "reason"] == "mostly non-Latin script (100% of letters): the instruments are for English"
    assert out.loc["german", "reason"] == "few English function words (0% of words): may not be English"
    assert out.loc["binary", "reason"].startswith("decoded from UTF-8 bytes; 256 invalid byte sequences replaced; looks binary")
    assert out.loc["numbers", "reason"] == "no letters: nothing for the text instruments to read"


def test_blocks_of_a_long_document_combine_exactly(require):
    require("nltk-data")  # Hu & Liu, news-lr and the target model read the opinion lexicon
    # three paragraphs of 60-odd characters; with blocks of at most 100 characters each block is
    # one paragraph (cut after the break in the block's second half), and the document's
    # features are those of the three paragraphs put together
    paragraphs = [
        'The embassy said "We are pleased." Officials doubt it.',
        "It was a great, terrible war. Prices may rise, reportedly.",
        "No sighting of Kim, according to state media. Talks failed.",
    ]
    text = "\n\n".join(paragraphs)
    whole = featurize(pd.DataFrame({"text": [text]}), block_chars=100).iloc[0]
    parts = featurize(pd.DataFrame({"text": paragraphs}))
    assert whole["reason"] == "read in blocks of at most 100 characters"
    for column in ("n_sentences", "n_tokens", "n_words", "quotes", "attributions", "actor_mentions", "hedging_hedge"):
        assert whole[column] == parts[column].sum(), column
    sentences = parts["n_sentences"].to_numpy()
    for name in ("vader", "hu_liu", "news_lr"):
        prefix = f"sentiment_{name}"
        assert whole[f"{prefix}_mean"] == pytest.approx((parts[f"{prefix}_mean"] * sentences).sum() / sentences.sum())
        assert whole[f"{prefix}_min"] == parts[f"{prefix}_min"].min()
        assert whole[f"{prefix}_max"] == parts[f"{prefix}_max"].max()
        positive = (parts[f"{prefix}_positive_share"] * sentences).sum() / sentences.sum()
        assert whole[f"{prefix}_positive_share"] == pytest.approx(positive)
    evidence = generic.generic_frame_evidence(paragraphs)  # questions answered in any paragraph
    for frame in generic.FRAMES:
        asked = sum(q.frame == frame for q in generic.QUESTIONS)
        answered = evidence.loc[evidence["frame"] == frame, "indicator"].nunique()
        assert whole[f"frame_{frame}_score"] == pytest.approx(answered / asked)


def _deadly_analyse(real):
    def analyse(texts, options):
        if any("KILL" in t for t in texts):  # the worker dies as under the out-of-memory killer
            os.kill(os.getpid(), signal.SIGKILL)
        return real(texts, options)

    return analyse


def test_a_worker_that_dies_loses_no_row(monkeypatch):
    texts = ["A calm day.", "KILL the worker.", "Prices rose.", "Kim said so.", "Talks failed.", "Done."]
    expected = featurize(pd.DataFrame({"text": texts}), progress=False)  # in this process
    monkeypatch.setattr(pipeline, "_analyse", _deadly_analyse(pipeline._analyse))  # forked workers inherit it
    out = featurize(pd.DataFrame({"text": texts}), n_jobs=2, chunk_size=2, progress=False)
    assert out["status"].tolist() == ["ok", "failed", "ok", "ok", "ok", "ok"]
    assert out.loc[1, "reason"].startswith("analysis failed: the worker process died")
    assert out.loc[1, feature_columns()].isna().all()
    # every other row as without the deadly document (its chunk mate re-run alone)
    keep = [0, 2, 3, 4, 5]
    pd.testing.assert_frame_equal(out.loc[keep], expected.loc[keep])


def test_feature_extractor_in_a_pipeline():
    texts = ["A great, wonderful day.", "A terrible, awful war.", None] * 4
    labels = [1, 0, 0] * 4
    extractor = FeatureExtractor()
    features = extractor.fit_transform(texts)
    assert list(features.columns) == list(extractor.get_feature_names_out())
    assert (features.dtypes == "float64").all() and features.iloc[2].isna().all()
    # scikit-learn's contract: transform leaves the estimator as it was
    assert extractor.__dict__.keys() == {"text_column", "groups", "sentiment", "accept_licence",
                                         "frame_threshold", "n_jobs", "n_features_in_"}
    impute = SimpleImputer(strategy="constant", fill_value=0, keep_empty_features=True)
    model = Pipeline([("features", FeatureExtractor()), ("impute", impute), ("model", LogisticRegression())])
    assert model.fit(texts, labels).predict(["A wonderful, great day."]).tolist() == [1]
    with pytest.raises(TypeError, match="expects texts, not one string"):
        extractor.transform("one string")


def test_instruments_whose_data_are_missing_give_nan_columns_and_a_warning(monkeypatch):
    """Offline with no mirror, a lexicon or model that cannot be read costs its columns, not the run."""
    from analysis import sentiment
    from analysis.data.fetch import DataUnavailable

    real = sentiment.get_instrument

    def get_instrument(name, accept_licence=False):
        if name == "hu-liu":
            raise DataUnavailable("dataset 'nltk-data' is unavailable (test)")
        return real(name, accept_licence)

    def target_sentiment(*args, **kwargs):
        raise DataUnavailable("dataset 'nltk-data' is unavailable (test)")

    monkeypatch.setattr(sentiment, "get_instrument", get_instrument)
    monkeypatch.setattr(sentiment, "target_sentiment", target_sentiment)
    monkeypatch.setattr(pipeline, "_TARGET_WARNED", [])
    pipeline._instrument.cache_clear()
    try:
        with pytest.warns(UserWarning) as caught:
            out = featurize(pd.DataFrame({"text": ["Kim Jong Un smiled. It was good."]}), sentiment=("vader", "hu-liu"))
    finally:
        pipeline._instrument.cache_clear()
    messages = [str(w.message) for w in caught]
    assert any("'hu-liu' skipped" in m for m in messages)  # one warning per missing instrument
    assert any(m.startswith("featurize: actor sentiment skipped (NaN)") for m in messages)
    assert out.loc[0, "status"] == "ok"
    assert math.isnan(out.loc[0, "sentiment_hu_liu_mean"]) and not math.isnan(out.loc[0, "sentiment_vader_mean"])
    assert math.isnan(out.loc[0, "actor_kim_jong_un_sentiment"]) and out.loc[0, "actor_kim_jong_un"] == 1
    assert "skipped" in out.attrs["featurize"]["instruments"]["sentiment"]["hu-liu"]


def test_sentiment_columns_are_the_document_figures_of_score_documents():
    # one implementation of the document aggregates (analysis.sentiment.sentence_statistics and
    # document_statistics) behind featurize's sentiment columns and score_documents
    from analysis.sentiment import score_documents

    texts = [TEXT, "A calm day. Nothing else.", ""]
    out = featurize(texts, groups=["sentiment"], sentiment=["vader"])
    docs = score_documents(texts, instrument="vader", n_boot=0)
    for mine, theirs in (("mean", "mean"), ("min", "min"), ("max", "max"),
                         ("positive_share", "share_positive"), ("negative_share", "share_negative")):
        np.testing.assert_allclose(out[f"sentiment_vader_{mine}"], docs[theirs])
    assert out["n_sentences"].tolist() == docs["n_sentences"].tolist() == [3, 2, 0]
