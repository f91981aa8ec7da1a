"""Tests for analysis.compare: groups, document features, summaries, percentiles, keyword lists."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from analysis.compare import (
    actor_labels,
    actor_mention_tone,
    contrast_findings,
    document_features,
    group_summary,
    instrument_note,
    instrument_of,
    keyness_findings,
    keyword_findings,
    keyword_overlap,
    keyword_ranks,
    label_counts,
    percentile_ranks,
    reaching_findings,
    reaching_phrase,
    reaching_table,
    stack_groups,
    tone_findings,
    tone_summary,
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
    assert (a["status"], a["n_words"]) == ("ok", 11)
    assert a["mattr"] == pytest.approx(10 / 11)  # "said" twice; shorter than the window
    assert a["hedging_hedge_per_1000"] == pytest.approx(1000 / 11)  # "may"
    assert a["hedging_per_1000"] == pytest.approx(1000 / 11)
    assert a["quotes_direct_per_1000"] == pytest.approx(1000 / 11)
    assert a["quotes_partial_per_1000"] == 0
    assert a["quoted_share"] == pytest.approx(3 / 11)  # We are ready
    # attributions: the rates are the counts of analysis.framing.quotes.attributions (another
    # module, still being refined) per 1,000 of these 11 tokens, by its source types
    from analysis.framing.quotes import attributions

    found = attributions(texts["text"].iloc[0])
    assert a["attributions_per_1000"] == pytest.approx(1000 * len(found) / 11)
    for kind in ("government", "other"):
        assert a[f"attributions_{kind}_per_1000"] == pytest.approx(1000 * (found["source_type"] == kind).sum() / 11)
    assert a["attributions_anonymous_per_1000"] == 0
    # b: 6 word tokens; "unconfirmed" is speculation; "Officials said" is anonymous government
    b = f.loc["b"]
    assert b["n_words"] == 6
    assert b["hedging_speculation_per_1000"] == pytest.approx(1000 / 6)
    assert b["attributions_anonymous_per_1000"] == pytest.approx(1000 / 6)
    assert b["attributions_government_per_1000"] == pytest.approx(1000 / 6)
    # c: empty, marked with NaN rates, not dropped
    assert (f.loc["c", "status"], f.loc["c", "n_words"]) == ("empty", 0)
    assert math.isnan(f.loc["c", "hedging_per_1000"]) and math.isnan(f.loc["c", "quoted_share"])


def test_document_features_is_a_view_of_featurize():
    from analysis.pipeline import featurize

    texts = ['"We are ready," Putin said.', "Officials said the report was unconfirmed."]
    view = document_features(pd.DataFrame({"doc_id": ["a", "b"], "body": texts}), columns=None, text_column="body")
    pd.testing.assert_frame_equal(view.drop(columns="doc_id"), featurize(pd.DataFrame({"body": texts}), "body"),
                                  check_like=False)


def test_document_features_marks_bad_rows_and_names_a_missing_column():
    with pytest.raises(KeyError, match="no text column 'text'"):
        document_features(pd.DataFrame({"body": ["x"]}))
    with pytest.raises(TypeError, match=r"featurize\(\): expected a text, a sequence of texts"):
        document_features(42)
    assert document_features("One text.")["n_words"].tolist() == [2]
    f = document_features(["fine", 3])
    assert f["status"].tolist() == ["ok", "invalid"] and f["reason"].iloc[1] == "expected str or bytes, got int"


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
                             "n_words": [10, 10, 10, 10]})
    summary = group_summary(features, n_boot=500, seed=0).set_index("group")
    assert summary["feature"].tolist() == ["x", "x"]  # n_words is a size, not a feature
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


# --- claims discipline (issue 13) ---------------------------------------------------------------


def test_stack_groups_carries_dates():
    docs = pd.DataFrame({"doc_id": ["a"], "text": ["x"], "date": ["2002-08-23"]})
    stacked = stack_groups({"dated": docs, "one text": "y"})
    assert stacked["date"].iloc[0] == pd.Timestamp("2002-08-23")
    assert pd.isna(stacked["date"].iloc[1])


def test_document_features_counts_quoted_markers_for_the_source_not_the_writer():
    # "may" is the writer's hedge; "clearly" lies inside the quotation: the source's certainty
    text = 'Officials said talks may resume. "We clearly agree," Kim said.'
    f = document_features([text]).iloc[0]
    # word tokens: Officials said talks may resume We clearly agree Kim said = 10
    assert f["n_words"] == 10
    assert f["hedging_per_1000"] == pytest.approx(100.0)  # one writer's marker of 10 tokens
    assert f["hedging_hedge_per_1000"] == pytest.approx(100.0)
    assert f["hedging_certainty_per_1000"] == 0  # the certainty word is not the writer's
    assert f["hedging_quoted_per_1000"] == pytest.approx(100.0)


def test_reaching_table_by_hand():
    features = pd.DataFrame({"group": ["a", "a", "a", "a", "b", "b"],
                             "x": [1.0, 2.0, 3.0, 0.0, 5.0, 6.0],
                             "y": [0.0, 0.0, 1.0, np.nan, 1.0, 2.0]})
    table = reaching_table({"x": 2.0, "y": 10.0}, features)
    assert table[["feature", "group"]].values.tolist() == [["x", "a"], ["x", "b"], ["y", "a"], ["y", "b"]]
    # x in a: 2 and 3 reach 2.0 -> k 2 of 4, p (2+1)/(4+1) = 0.6; in b: both reach it, p 3/3 = 1
    # y in a: none of the 3 values (NaN left out) reaches 10, p 1/4; in b: none of 2, p 1/3
    assert table["n"].tolist() == [4, 2, 3, 2]
    assert table["k"].tolist() == [2, 2, 0, 0]
    assert table["share"].tolist() == [0.5, 1.0, 0.0, 0.0]
    assert table["p_value"].tolist() == pytest.approx([0.6, 1.0, 0.25, 1 / 3])
    # Benjamini-Hochberg over all four: sorted 0.25, 1/3, 0.6, 1 -> 4p/rank = 1, 2/3, 0.8, 1,
    # then the running minimum from the top: 2/3, 2/3, 0.8, 1
    assert table["p_adjusted"].tolist() == pytest.approx([0.8, 1.0, 2 / 3, 2 / 3])
    assert table.attrs["comparisons"] == 4
    # Wilson 95 % for 0 of 3: centre = half = (1.96^2 / 6) / (1 + 1.96^2 / 3) = 0.2807 -> [0, 0.5615]
    row = table.iloc[2]
    assert row["low"] == 0 and row["high"] == pytest.approx(0.5615, abs=1e-4)


def test_reaching_table_counts_equal_rates_from_other_counts():
    # 5 markers in 510 tokens is the same rate as 1 in 102, but 5 * (1000 / 510) is 2e-15 below
    # 1000 / 102 in floats: without the tolerance it would not reach it
    assert 5 * (1000 / 510) < 1000 / 102
    features = pd.DataFrame({"group": ["a", "a"], "x": [5 * (1000 / 510), 0.0]})
    table = reaching_table({"x": 1000 / 102}, features)
    assert table["k"].tolist() == [1] and table["p_value"].tolist() == pytest.approx([2 / 3])


def test_reaching_table_nan_value_is_no_comparison():
    features = pd.DataFrame({"group": ["a", "a"], "x": [1.0, 2.0], "y": [1.0, 1.0]})
    table = reaching_table({"x": float("nan"), "y": 1.0}, features)
    assert math.isnan(table["p_value"].iloc[0]) and math.isnan(table["p_adjusted"].iloc[0])
    assert table.attrs["comparisons"] == 1
    assert table["p_adjusted"].iloc[1] == pytest.approx(1.0)  # both reach 1.0: (2+1)/(2+1)


def test_reaching_findings_reports_the_number_looked_at():
    features = pd.DataFrame({"group": ["a"] * 3, "x": [0.0, 0.0, 1.0]})
    text = reaching_findings(reaching_table({"x": 5.0}, features), names={"x": "the x rate"})
    # p = 1/4: nothing can stand out with three reference documents
    assert text.startswith("1 comparisons were looked at (1 measures x 1 reference groups)")
    assert "None stands out at a false discovery rate of 0.05 (the smallest adjusted p-value is 0.250)." in text
    assert ("Fewest reference documents reach the document's value on the x rate against a (5: 0 of 3, adjusted "
            "p 0.25; exploratory)") in text
    many = pd.DataFrame({"group": ["a"] * 40, "hedging_per_1000": [0.0] * 40})
    text = reaching_findings(reaching_table({"hedging_per_1000": 3.0}, many))
    # p = 1/41 = 0.024 <= 0.05
    assert "1 stand out" in text and "a 0 of 40 reach it (0 % [0, 9]" in text
    assert "CoNLL-2010" in text


def test_instrument_of_names_the_instrument_and_whether_it_was_validated():
    assert instrument_of("hedging_speculation_per_1000")[1] is not None
    assert instrument_of("hedging_certainty_per_1000")[1] is None  # not what CoNLL-2010 measures
    assert instrument_of("attributions_state_media_per_1000")[1] is None  # source typing
    assert instrument_of("attributions_per_1000")[1] == "PolNeAR dev (sourcing)"
    assert instrument_of("frame_conflict_score")[1].startswith("Narrative Frames")
    assert instrument_of("frame_responsibility_score")[1] is None
    assert instrument_of("sentiment_vader_mean")[1].startswith("NewsMTSC")
    assert instrument_of("unknown") == ("unknown", None)
    assert "exploratory" in instrument_note("labels") and "exploratory" not in instrument_note("sentiment_vader_mean")


def test_actor_labels_and_tone_resolve_the_leader_by_date(require):
    require("nltk-data")  # the target model reads the Hu & Liu lexicon
    text = "The North Korean leader praised Russia."
    corpus = pd.DataFrame({"group": ["g", "g", "g"], "doc_id": ["2002", "2020", "none"],
                           "date": pd.to_datetime(["2002-08-23", "2020-05-05", None]), "text": [text] * 3})
    found = actor_labels(corpus, actors=["Kim Jong Un", "Kim Jong Il"])
    # without a date the title goes to its current holder in the table
    assert dict(zip(found["doc_id"], found["actor"])) == {"2002": "Kim Jong Il", "2020": "Kim Jong Un",
                                                         "none": "Kim Jong Un"}
    assert set(found["label"]) == {"North Korean leader"} and set(found["kind"]) == {"description"}
    tone = actor_mention_tone(corpus, actors=["Kim Jong Un", "Kim Jong Il"])
    # the same mentions as the labels (Russia too, without a label)
    kims = tone[tone["actor"] != "Russia"]
    assert dict(zip(kims["doc_id"], kims["actor"])) == {"2002": "Kim Jong Il", "2020": "Kim Jong Un",
                                                       "none": "Kim Jong Un"}
    assert tone["score"].tolist() == pytest.approx((tone["p_positive"] - tone["p_negative"]).tolist())
    empty = actor_mention_tone(corpus.assign(text="Nothing here."))
    assert empty.empty and "score" in empty.columns


def test_tone_summary_by_hand():
    scored = pd.DataFrame({"group": ["g", "g", "g", "h"], "doc_id": ["d1", "d1", "d2", "d3"],
                           "actor": ["A"] * 4, "label": [1, -1, 0, 1], "score": [0.5, -0.5, 0.3, 0.2]})
    out = tone_summary(scored, n_boot=200).set_index("group")
    # g: mention-weighted mean (0.5 - 0.5 + 0.3) / 3 = 0.1 over two documents
    assert out.loc["g", "mean_score"] == pytest.approx(0.1)
    assert out.loc["g", ["n_mentions", "n_documents"]].tolist() == [3, 2]
    assert out.loc["g", ["share_negative", "share_neutral", "share_positive"]].tolist() == pytest.approx([1 / 3] * 3)
    assert out.loc["g", "low"] <= 0.1 <= out.loc["g", "high"]
    # h: one document, no interval
    assert math.isnan(out.loc["h", "low"]) and out.loc["h", "mean_score"] == pytest.approx(0.2)


# --- prose written from results ----------------------------------------------------------------


def test_reaching_phrase_by_hand():
    features = pd.DataFrame({"group": ["a", "a", "a", "a"], "x": [1.0, 2.0, 3.0, 0.0]})
    # 2 of 4 reach 2.0; p = 3/5 = 0.6 and, alone in the table, adjusted 0.6
    # Wilson 2 of 4: centre (0.5 + 0.4802) / 1.9604 = 0.5, half 1.96 / 1.9604 * sqrt(0.0625 + 0.0600) = 0.350
    # -> [15, 85] %
    phrase = reaching_phrase(reaching_table({"x": 2.0}, features), "x")
    assert phrase == "2 in the document; a: 2 of 4 reach it (50 % [15, 85], adjusted p 0.60)"
    assert reaching_phrase(reaching_table({"x": 2.0}, features), "y") == ""


def test_contrast_findings_by_hand():
    summary = pd.DataFrame({"group": ["doc", "A", "B"], "feature": ["hedging_per_1000"] * 3,
                            "mean": [6.5, 2.0, 7.0], "low": [np.nan, 1.0, 6.0], "high": [np.nan, 3.0, 8.0]})
    text = contrast_findings(summary, "doc", ["A", "B", "missing"], {"hedging_per_1000": "hedging"})
    assert text.startswith("* **hedging**: 6.5 in the document; A 2 [1, 3] (above); B 7 [6, 8] (inside).")
    assert "CoNLL-2010" in text
    assert contrast_findings(summary, "doc", ["missing"], {"hedging_per_1000": "h"}).startswith("No comparison")


def test_tone_findings_by_hand():
    summary = pd.DataFrame({"group": ["doc", "A"], "actor": ["K", "K"], "n_mentions": [1, 4], "n_documents": [1, 2],
                            "mean_score": [-0.1, 0.5], "low": [np.nan, 0.2], "high": [np.nan, 0.7],
                            "share_negative": [1.0, 0.0], "share_neutral": [0.0, 0.25], "share_positive": [0.0, 0.75]})
    text = tone_findings(summary, ["doc", "A", "B"], ["K", "P"])
    assert text.splitlines() == [
        "* **K**: doc: -0.10 (one mention in one document, no interval); A: +0.50 [+0.20, +0.70], above zero "
        "(four mentions in two documents, 75 % positive, 0 % negative); B: no mention.",
        "* **P**: doc: no mention; A: no mention; B: no mention.",
    ]


def test_keyness_and_keyword_findings_by_hand():
    keys = pd.DataFrame({"group": ["doc", "doc", "doc", "other"], "term": ["kim", "the", "medal", "energy"],
                         "direction": ["target", "reference", "target", "target"],
                         "count_target": [5, 1, 3, 40], "count_reference": [20, 900, 1, 2], "lrc": [1.5, 0.0, 2.0, 0.7]})
    text = keyness_findings(keys, "doc", n=5)
    assert text == ('Against the other groups pooled, two terms of doc have an LRC above zero: "medal" (3/1), '
                    '"kim" (5/20) (counts in the group / the rest; 3 terms tested). The other groups\' top '
                    'keywords: other: "energy".')
    ranks = pd.DataFrame({"run": ["r1", "r1", "r2"], "rank": [1, 2, 1], "term": ["kim", "medal", "kim"]})
    overlap = keyword_overlap(ranks)  # {kim, medal} vs {kim}: Jaccard 1/2
    assert keyword_findings(ranks, overlap) == ('1 keywords come out of all 2 runs: "kim". Pairwise agreement of '
                                                "the lists (Jaccard) ranges from 0.50 to 0.50.")
