"""Hedging markers. Expected offsets are ``text.index(...)`` of literal strings read off the texts
by hand; sentence indices count the sentences of the seed by hand (lead = 0)."""

from __future__ import annotations

import pandas as pd

import analysis
from analysis.framing.hedging import COLUMNS, HEDGING_LEXICON, hedging, hedging_summary

SEED = analysis.seed_article().text


def test_seed_markers():
    found = hedging(SEED)
    speculation, sighting, confirmed = (SEED.index(s) for s in ("intense speculation", "no sighting", "confirmed"))
    assert found.values.tolist() == [
        ["intense speculation", "speculation", speculation, speculation + 19, 2, False],
        ["no sighting", "absence/uncertainty of evidence", sighting, sighting + 11, 4, False],
        # the embassy's own word, inside its quoted statement (sentence 8): the speaker's, not the writer's
        ["confirmed", "certainty", confirmed, confirmed + 9, 8, True],
    ]


def test_longest_cue_wins_and_month_and_noun_senses_are_skipped():
    text = ("The claim could not be verified. Kim may have died, it is rumoured. "
            "On May 9 the military might of the army was shown. He might be ill. It is unclear. There is no doubt.")
    found = hedging(text)
    assert found[["marker", "category"]].values.tolist() == [
        ["could not be verified", "absence/uncertainty of evidence"],
        ["may", "hedge"],
        ["rumoured", "speculation"],
        ["might", "hedge"],
        ["unclear", "absence/uncertainty of evidence"],
        ["There is no doubt", "certainty"],
    ]
    assert found["start"][3] == text.index("might be ill")
    assert found["sentence"].tolist() == [0, 1, 1, 3, 4, 5]


def test_unconfirmed_is_speculation_not_certainty():
    assert hedging("Unconfirmed reports, not confirmed by anyone.")["category"].tolist() == [
        "speculation", "absence/uncertainty of evidence"
    ]


def test_lexicon_is_extendable():
    lexicon = {**HEDGING_LEXICON, "hedge": [*HEDGING_LEXICON["hedge"], "arguably"]}
    assert hedging("It is arguably over.")["marker"].tolist() == []
    assert hedging("It is arguably over.", lexicon)["marker"].tolist() == ["arguably"]


def test_summary_counts_and_rates():
    # word tokens: Kim, may, be, ill, reportedly = 5; two hedges -> 2 * 1000 / 5 = 400 per 1,000
    summary = hedging_summary("Kim may be ill, reportedly.").set_index("category")
    assert summary.loc["hedge", ["count", "quoted", "tokens"]].tolist() == [2, 0, 5]
    assert summary.loc["hedge", "per_1000"] == 400.0
    assert summary["count"].sum() == 2 and list(summary.index) == list(HEDGING_LEXICON)


def test_empty_text():
    assert hedging("").columns.tolist() == COLUMNS and hedging("").empty
    summary = hedging_summary("")
    assert summary["count"].tolist() == [0, 0, 0, 0] and summary["per_1000"].isna().all()


def test_kcna_russia_items(require):
    require("kcna-2024")
    kcna = analysis.load("kcna-2024")
    texts = kcna.loc[kcna["has_text"] & kcna["about_russia"], "text"]
    found = pd.concat([hedging(t) for t in texts])
    # measured on 2024-11 scrape, 110 de-duplicated stories about Russia (rule version of this commit)
    assert len(texts) == 110
    assert found["category"].value_counts().to_dict() == {
        "certainty": 59, "hedge": 16, "absence/uncertainty of evidence": 6
    }
