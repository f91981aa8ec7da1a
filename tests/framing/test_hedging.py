"""Hedging markers and the sentence uncertainty classifier. Expected offsets are ``text.index(...)``
of literal strings read off the texts by hand; sentence indices count the sentences by hand (lead = 0);
the small classifier corpora are hand-written here."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

import analysis
from analysis import artefacts
from analysis.framing.hedging import (
    COLUMNS,
    HEDGING_LEXICON,
    SENTENCE_COLUMNS,
    UncertaintyClassifier,
    cue_features,
    f1,
    hedging,
    hedging_summary,
    markers,
    uncertain_sentences,
)

SEED = analysis.seed_article().text

# A hand-written training corpus: uncertain sentences hold "may", "reportedly" or "some say".
UNCERTAIN = [
    "The minister may resign next week.", "He reportedly left the city.", "Some say the deal is dead.",
    "The talks may collapse.", "The leader reportedly fell ill.", "Some say he was never there.",
    "Prices may rise again.", "The army reportedly moved north.",
]
CERTAIN = [
    "The minister resigned on Monday.", "He left the city.", "The deal is dead.", "The talks collapsed.",
    "The leader fell ill.", "He was there.", "Prices rose again.", "The army moved north.",
]


def small_model(**params) -> UncertaintyClassifier:
    params = {"features": ("lemma", "rule", "context"), "min_df": 1, "C": 10.0, **params}
    return UncertaintyClassifier(**params).fit(UNCERTAIN + CERTAIN, [True] * len(UNCERTAIN) + [False] * len(CERTAIN))


def test_seed_markers_and_whose():
    found = hedging(SEED)
    speculation, sighting, confirmed = (SEED.index(s) for s in ("intense speculation", "no sighting", "confirmed"))
    assert found[["marker", "category", "start", "end", "sentence", "in_quote", "whose"]].values.tolist() == [
        ["intense speculation", "speculation", speculation, speculation + 19, 2, False, "writer"],
        ["no sighting", "absence/uncertainty of evidence", sighting, sighting + 11, 4, False, "writer"],
        # the embassy's own word, inside its quoted statement (sentence 8): the speaker's, not the writer's
        ["confirmed", "certainty", confirmed, confirmed + 9, 8, True, "quoted source"],
    ]
    assert found["speaker"][0] is None and found["quote_kind"][0] is None
    assert "embassy" in found["speaker"][2].lower()


def test_whose_follows_the_quotation_marks():
    text = 'Officials said Kim may be ill. "He is possibly resting," said John Smith. Reports remain unconfirmed.'
    found = hedging(text)
    assert found[["marker", "whose"]].values.tolist() == [
        ["may", "writer"],  # reported speech without marks stays the writer's
        ["possibly", "quoted source"],
        ["unconfirmed", "writer"],
    ]
    assert found["speaker"].tolist() == [None, "John Smith", None]
    assert found["speaker_name"][0] is None and found["quote_kind"][0] is None  # the writer's: no quotation
    assert found["start"].tolist() == [text.index("may"), text.index("possibly"), text.index("unconfirmed")]


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
    assert set(found["whose"]) == {"writer"}


def test_markers_scan_matches_hedging():
    text = "Kim may be ill, reportedly. It is unclear."
    assert markers(text) == [("may", "hedge", 4, 7), ("reportedly", "hedge", 16, 26),
                             ("unclear", "absence/uncertainty of evidence", 34, 41)]
    assert markers(None) == [] and markers("") == []


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


@pytest.mark.parametrize("bad", ["", None, float("nan"), 3, "   ", "<p>“unbalanced « nested ‘ quotes</p>",
                                 "Это может быть правдой.", '"' * 500])
def test_bad_input_gives_a_table_not_an_exception(bad):
    found = hedging(bad)
    assert found.columns.tolist() == COLUMNS
    summary = hedging_summary(bad)
    assert len(summary) == 4
    sentences = uncertain_sentences(bad, model=small_model())
    assert sentences.columns.tolist() == SENTENCE_COLUMNS
    if not isinstance(bad, str) or not bad.strip():
        assert found.empty and sentences.empty and summary["per_1000"].isna().all()


def test_cue_features_by_hand():
    text = "Some critics say it may be unclear."
    names = [name for name, _, _ in cue_features(text)]
    assert names[:7] == ["w:some", "w:critic", "w:say", "w:it", "w:may", "w:be", "w:unclear"]
    assert "b:some critic" in names and "f:some" in names
    assert ("r:hedge", 20, 23) in cue_features(text) and ("m:may", 20, 23) in cue_features(text)
    assert "c:may<it" in names and "c:may>be" in names and "c:unclear>$" in names
    # offsets into the whole text for a sentence inside it
    inside = cue_features("Hello. " + text, start=7)
    assert ("w:may", 27, 30) in inside


def test_f1_by_hand():
    # tp = 1, gold 2, predicted 2 -> 2 * 1 / 4
    assert f1([True, True, False], [True, False, True]) == 0.5
    assert f1([False], [False]) == 0.0


def test_estimator_contract_and_learned_cues():
    model = small_model()
    assert isinstance(model, UncertaintyClassifier) and model.classes_.tolist() == [False, True]
    params = model.get_params()
    assert clone(model).get_params() == params
    before = model.coef_.copy()
    predicted = model.predict(["The committee may meet.", "The committee met.", "Some say it rained."])
    assert predicted.tolist() == [True, False, True]
    assert np.array_equal(before, model.coef_)  # predict changes nothing
    weights = dict((name, w) for name, w, _, _ in model.cues("It may rain, reportedly."))
    assert weights["w:may"] > 0 and weights["r:hedge"] > 0
    assert model.vocabulary_["w:may"] < len(model.coef_)
    with pytest.raises(ValueError):
        UncertaintyClassifier().fit(["a", "b"], [True, True])
    with pytest.raises(ValueError):
        UncertaintyClassifier(features=("words",)).fit(UNCERTAIN + CERTAIN, [True] * 8 + [False] * 8)


def test_artefact_round_trip(tmp_path):
    model = small_model(threshold=0.4)
    card, arrays = model.to_artefact()
    artefacts.save("tiny", {**card, "version": 1, "data_sha256": {}}, arrays, directory=tmp_path)
    assert not list(tmp_path.glob("*.pkl"))
    loaded_card, loaded_arrays = artefacts.read_at(tmp_path / "tiny", 1, {})
    again = UncertaintyClassifier.from_artefact(loaded_card, loaded_arrays)
    texts = ["Prices may fall.", "Prices fell.", "Some say so."]
    assert again.get_params() == model.get_params()
    assert np.allclose(again.predict_proba(texts), model.predict_proba(texts))


def test_uncertain_sentences_whose_with_a_hand_trained_model():
    text = 'The army may move north. "Prices may rise," said John Smith. The talks collapsed.'
    table = uncertain_sentences(text, model=small_model())
    assert table.columns.tolist() == SENTENCE_COLUMNS
    assert table["sentence"].tolist() == [0, 1, 2]
    assert table["uncertain"].tolist() == [True, True, False]
    assert table["whose"].tolist()[:2] == ["writer", "quoted source"]
    assert table["speaker"].tolist()[:2] == [None, "John Smith"]
    assert table["cue_start"][1] == text.index("may rise")
    assert table["probability"].between(0, 1).all()


def _best_time(function, text, repeats=3) -> float:
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function(text)
        times.append(time.perf_counter() - started)
    return min(times)


def test_linear_in_text_length():
    """Size doubling: n and 2n characters of varied news-like text (quotes, unclosed quotes, capitalised
    runs, markers) in one run; linear time gives a ratio near 2, quadratic near 4."""
    unit = ('Officials said Kim may be ill. "He is possibly resting," said Sen. John Smith (R-Neb.). '
            'Reports remain unconfirmed and "unverified. The Great Patriotic War Victory Medal Committee Of '
            'Seventy Five Years met. ')
    model = small_model()
    base = unit * 40
    for function in (hedging, lambda t: uncertain_sentences(t, model=model)):
        function(base)  # warm caches and imports
        small, large = _best_time(function, base + "x"), _best_time(function, base * 2 + "y")
        assert large / small < 3.2, (large, small)


def test_shipped_model_on_news_sentences():
    try:
        table = uncertain_sentences("Some analysts believe the leader may be seriously ill. The medal was handed over "
                                    "on Tuesday.")
    except artefacts.ArtefactError:
        pytest.skip("no trained uncertainty model and no conll2010-train data")
    assert table["uncertain"].tolist() == [True, False]
    assert table["whose"].tolist() == ["writer", "writer"]


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
