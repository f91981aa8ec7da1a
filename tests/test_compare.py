"""Tests for analysis.compare: groups, document features, summaries, percentiles, keyword lists."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.compare import (
    actor_labels,
    document_features,
    group_summary,
    keyword_overlap,
    keyword_ranks,
    label_counts,
    mattr,
    percentile_ranks,
    stack_groups,
)

# --- stack_groups ------------------------------------------------------------------------------


def corpus(n: int, prefix: str = "d") -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"{prefix}{i}" for i in range(n)],
                         "text": [f"text number {i}" for i in range(n)]})


def test_stack_groups_samples_large_groups_only_and_reproducibly():
    groups = {"one text": "A single article.", "big": corpus(10), "small": corpus(2, "s")}
    stacked = stack_groups(groups, n=3, seed=1)
    assert stacked.groupby("group", sort=False).size().to_dict() == {"one text": 1, "big": 3, "small": 2}
    assert stacked["doc_id"].iloc[0] == "one text"
    assert stacked.attrs["groups"]["big"] == {"available": 10, "kept": 3}
    again = stack_groups(groups, n=3, seed=1)
    assert stacked["doc_id"].tolist() == again["doc_id"].tolist()


def test_stack_groups_truncates_and_keeps_empty_texts():
    docs = pd.DataFrame({"doc_id": ["long", "empty"], "text": ["abcdefghij", None]})
    stacked = stack_groups({"g": docs}, max_chars=4)
    assert stacked["text"].tolist() == ["abcd", ""]  # the empty document is kept, not dropped
    assert stacked["chars"].tolist() == [10, 0]
    assert stacked["truncated"].tolist() == [True, False]


def test_stack_groups_rejects_bad_groups():
    with pytest.raises(TypeError, match="doc_id"):
        stack_groups({"g": pd.DataFrame({"text": ["x"]})})
    with pytest.raises(ValueError, match="positive"):
        stack_groups({"g": "x"}, n=0)


# --- mattr -------------------------------------------------------------------------------------


def test_mattr_by_hand():
    # windows of 3 over a b a c: "a b a" has 2 types (2/3), "b a c" has 3 (3/3): mean 5/6
    assert mattr(list("abac"), window=3) == pytest.approx(5 / 6)
    # window 2: "a b", "b a", "a c" are all 2/2
    assert mattr(list("abac"), window=2) == pytest.approx(1.0)
    # shorter than the window: the plain TTR, 3 types / 4 tokens
    assert mattr(list("abac"), window=10) == pytest.approx(0.75)
    assert math.isnan(mattr([]))
    with pytest.raises(ValueError):
        mattr(list("ab"), window=0)


# --- document_features -------------------------------------------------------------------------


def test_document_features_by_hand():
    texts = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": [
            'The ministry said talks may resume. "We are ready," Putin said.',
            "Officials said the report was unconfirmed.",
            "",
        ],
    })
    f = document_features(texts).set_index("doc_id")
    # a: word tokens The ministry said talks may resume We are ready Putin said = 11
    a = f.loc["a"]
    assert a["tokens"] == 11
    assert a["mattr"] == pytest.approx(10 / 11)  # "said" twice; shorter than the window
    assert a["hedging_hedge_per_1000"] == pytest.approx(1000 / 11)  # "may"
    assert a["hedging_per_1000"] == pytest.approx(1000 / 11)
    assert a["quotes_direct_per_1000"] == pytest.approx(1000 / 11)
    assert a["quotes_partial_per_1000"] == 0
    assert a["quoted_share"] == pytest.approx(3 / 11)  # We are ready
    # the ministry (a cue) and Putin (the quote's speaker): both government sources
    assert a["attributions_per_1000"] == pytest.approx(2000 / 11)
    assert a["attributions_government_per_1000"] == pytest.approx(2000 / 11)
    assert a["attributions_anonymous_per_1000"] == 0
    # b: 6 word tokens; "unconfirmed" is speculation; "Officials said" is anonymous government
    b = f.loc["b"]
    assert b["tokens"] == 6
    assert b["hedging_speculation_per_1000"] == pytest.approx(1000 / 6)
    assert b["attributions_anonymous_per_1000"] == pytest.approx(1000 / 6)
    assert b["attributions_government_per_1000"] == pytest.approx(1000 / 6)
    # c: empty, marked with NaN rates, not dropped
    assert f.loc["c", "tokens"] == 0
    assert math.isnan(f.loc["c", "hedging_per_1000"]) and math.isnan(f.loc["c", "quoted_share"])


def test_document_features_needs_texts():
    with pytest.raises(TypeError, match="text"):
        document_features(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(TypeError, match="document 1"):
        document_features(["fine", 3])


# --- actor labels ------------------------------------------------------------------------------


def test_actor_labels_reads_paragraphs_and_offsets_into_the_document():
    text = ("The weather was fine.\n\nNorth Korean leader Kim Jong Un met Russian President "
            "Vladimir Putin.\n\nNothing else happened.")
    found = actor_labels(pd.DataFrame({"group": ["g"], "doc_id": ["d"], "text": [text]}))
    assert set(zip(found["actor"], found["kind"], found["label"])) == {
        ("Kim Jong Un", "title", "North Korean leader"),
        ("Vladimir Putin", "title", "Russian President"),
    }
    for row in found.itertuples():
        assert text[row.label_start:row.label_end] == row.label
    assert found["group"].tolist() == ["g", "g"]


def test_label_counts_folds_case_and_apostrophes():
    labelled = pd.DataFrame({
        "group": ["g"] * 4, "doc_id": ["1", "1", "2", "3"], "actor": ["Kim"] * 4,
        "kind": ["possessive"] * 4,
        "label": ["his regime", "His regime", "Kim’s regime", "Kim's regime"],
    })
    counts = label_counts(labelled, top=5)
    # two labels, two occurrences each; ties broken alphabetically ("his" < "kim's")
    assert counts["label"].tolist() == ["his regime", "Kim’s regime"]
    assert counts["count"].tolist() == [2, 2]
    assert counts["docs"].tolist() == [1, 2]
    assert counts["share"].tolist() == [0.5, 0.5]


# --- group_summary -----------------------------------------------------------------------------


def test_group_summary_means_and_intervals():
    features = pd.DataFrame({"group": ["a", "a", "a", "b"], "x": [1.0, 2.0, 3.0, 5.0],
                             "tokens": [10, 10, 10, 10]})
    summary = group_summary(features, n_boot=500, seed=0).set_index("group")
    assert summary["feature"].tolist() == ["x", "x"]  # tokens is not a feature
    assert summary.loc["a", "mean"] == 2.0 and summary.loc["a", "median"] == 2.0
    # bootstrap means of {1, 2, 3} lie in [1, 3] and straddle 2
    assert 1.0 <= summary.loc["a", "low"] < 2.0 < summary.loc["a", "high"] <= 3.0
    # one document: a measurement, not a sample: no interval
    assert summary.loc["b", "n"] == 1 and math.isnan(summary.loc["b", "low"])


def test_group_summary_unknown_columns():
    with pytest.raises(KeyError, match="nope"):
        group_summary(pd.DataFrame({"group": ["a"], "x": [1.0]}), columns=["nope"])


# --- percentile_ranks --------------------------------------------------------------------------


def test_percentile_ranks_mid_rank_and_wilson_interval():
    features = pd.DataFrame({"group": ["g"] * 4, "x": [1.0, 2.0, 3.0, 4.0]})
    ranks = percentile_ranks({"x": 2.0}, features).iloc[0]
    # one value below, one tied: (1 + 1/2) / 4 = 37.5
    assert ranks["percentile"] == pytest.approx(37.5)
    # Wilson at p = .375, n = 4, z = 1.96: centre (.375 + 1.96²/8) / (1 + 1.96²/4) = .4362,
    # half-width 1.96 / 1.9604 * sqrt(.375*.625/4 + 1.96²/64) = .3443
    assert ranks["low"] == pytest.approx(9.19, abs=0.01)
    assert ranks["high"] == pytest.approx(78.06, abs=0.01)
    assert (ranks["q25"], ranks["median"], ranks["q75"]) == (1.75, 2.5, 3.25)


def test_percentile_ranks_extremes():
    features = pd.DataFrame({"group": ["g"] * 3, "x": [0.0, 0.0, 0.0]})
    assert percentile_ranks({"x": 0.0}, features)["percentile"].item() == 50.0  # all tied
    assert percentile_ranks({"x": 1.0}, features)["percentile"].item() == 100.0
    assert np.isnan(percentile_ranks({"x": np.nan}, features)["percentile"].item())


# --- keyword_ranks and keyword_overlap ---------------------------------------------------------


def keyness_frame(terms_lrc: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({"term": list(terms_lrc), "lrc": list(terms_lrc.values()),
                         "direction": ["target" if v >= 0 else "reference" for v in terms_lrc.values()],
                         "count_target": 3, "count_reference": 1})


def test_keyword_ranks_and_overlap():
    results = {
        "bbc": keyness_frame({"kim": 3.0, "medal": 2.0, "soviet": 1.0, "the": 0.0, "said": -1.0}),
        "brown": keyness_frame({"medal": 2.5, "kim": 2.4, "korea": 0.5}),
    }
    ranks = keyword_ranks(results, n=2)
    assert ranks[ranks["run"] == "bbc"]["term"].tolist() == ["kim", "medal"]
    assert ranks[ranks["run"] == "brown"]["term"].tolist() == ["medal", "kim"]
    # LRC of 0 is not key, so at most three bbc terms can rank
    assert keyword_ranks(results, n=10).groupby("run").size().to_dict() == {"bbc": 3, "brown": 3}
    overlap = keyword_overlap(keyword_ranks(results, n=3)).iloc[0]
    # bbc {kim, medal, soviet}, brown {medal, kim, korea}: 2 shared of 4 terms
    assert (overlap["shared"], overlap["jaccard"]) == (2, 0.5)
    assert (overlap["only_a"], overlap["only_b"]) == ("soviet", "korea")


# --- document_tone -----------------------------------------------------------------------------


def test_document_tone_is_the_mean_of_sentence_scores():
    from analysis.compare import document_tone
    from analysis.sentiment import score_sentences

    sentences = ["The talks were a great success.", "Thousands died in the terrible flood."]
    corpus = pd.DataFrame({"doc_id": ["two", "empty"], "text": [" ".join(sentences), ""]})
    tone = document_tone(corpus).set_index("doc_id")
    scored = score_sentences(sentences)
    assert tone.loc["two", "tone_vader"] == pytest.approx(scored["vader"].mean())
    assert tone.loc["two", "tone_hu_liu"] == pytest.approx(scored["hu-liu"].mean())
    assert math.isnan(tone.loc["empty", "tone_vader"])  # no sentences: marked, not dropped
