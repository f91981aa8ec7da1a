"""Attribution typology, the learned cue model and linear time of the sourcing rules."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest

from analysis.framing.attributions import CueModel, fold_of
from analysis.framing.quotes import (
    ATTRIBUTION_COLUMNS,
    attributions,
    canonical_name,
    mask_abbreviations,
    quotes,
    source_class,
)


def test_import_path_kept():
    from analysis.framing.quotes import attributions as a

    assert a is attributions


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Sen. Ben Sasse (R-Neb.)", ("person", "Sen.", "Ben Sasse")),
        ("Hope Hicks, his campaign spokeswoman", ("person", "his campaign spokeswoman", "Hope Hicks")),
        ("officials", ("anonymous", None, None)),
        ("a source familiar with the matter", ("anonymous", None, None)),
        ("the statement", ("document", None, None)),
        ("Russia’s state-run TASS news agency", ("state media", None, "TASS")),
        ("the Associated Press", ("other media", None, "Associated Press")),
        ("the embassy", ("government", None, None)),
        ("she", ("person", None, None)),
        ("", ("other", None, None)),
    ],
)
def test_source_class_by_hand(source, expected):
    assert source_class(source) == expected


def test_no_seed_names_in_defaults():
    # a generic ambassador is not resolved to any person; no personal names in the type table
    cls, role, name = source_class("the Russian ambassador")
    assert cls == "government" and name is None
    from analysis.framing.quotes import SOURCE_TYPES

    flat = " ".join(p for patterns in SOURCE_TYPES.values() for p in patterns)
    for seed in ("Matsegora", "Kim Jong Un", "Moscow Times", "Putin"):
        assert seed not in flat


def test_mask_keeps_offsets_and_joins_titles():
    text = "said Sen. Ben Sasse (R-Neb.) and Lt. Gen. Michael T. Flynn."
    masked = mask_abbreviations(text)
    assert len(masked) == len(text)
    assert masked == "said Sen_ Ben Sasse _R-Neb__ and Lt_ Gen_ Michael T_ Flynn."
    assert canonical_name("Lt. Gen. Michael Flynn") == "Michael Flynn"


def test_rule_attributions_said_x_with_title():
    text = "The plan is dead, said Sen. Ben Sasse (R-Neb.), on Tuesday."
    found = attributions(text, model=None)
    assert found["source"].tolist() == ["Sen. Ben Sasse (R-Neb.)"]
    assert found["source_class"].tolist() == ["person"]


def test_cue_model_fits_and_predicts_on_hand_data():
    texts = ["Smith said the plan failed. Jones believes it works.", "Brown said it rained. Lee said no."]
    golds = [
        pd.DataFrame({"cue": ["said", "believes"], "cue_spans": [[(6, 10)], [(34, 42)]],
                      "source_spans": [[(0, 5)], [(28, 33)]]}),
        pd.DataFrame({"cue": ["said"], "cue_spans": [[(6, 10)]], "source_spans": [[(0, 5)]]}),
    ]
    model = CueModel(C=1.0, threshold=0.0, min_count=1).fit(texts, golds)
    assert model.vocabulary_ == ["believes", "said"]
    assert model.speech_coef_ is None  # no quotations in the texts: no speech decision (the rules decide)
    predicted = model.predict(texts[0])
    assert [(cue, source) for cue, source, _ in predicted] == [((6, 10), (0, 5)), ((34, 42), (28, 33))]
    card, arrays = model.card()
    again = CueModel.from_artefact(card, arrays)
    assert np.allclose(again.probabilities([{"w=said": 1}]), model.probabilities([{"w=said": 1}]))
    assert set(fold_of(["a", "b", "c"], 2)) <= {0, 1}


@pytest.mark.parametrize("bad", ["", "   ", "<p>\u00a0</p>", "\r\r\r", "Это не английский текст."])
def test_bad_input_gives_frames(bad):
    assert attributions(bad).columns.tolist() == ATTRIBUTION_COLUMNS
    assert isinstance(quotes(bad), pd.DataFrame)


def _ratio(make, fn, n=50_000):
    """Time of fn on 2n characters over time on n characters, measured in one run (best of 5)."""
    times = []
    for size in (n, 2 * n):
        text = make(size)
        best = float("inf")
        for _ in range(5):
            started = time.perf_counter()
            fn(text + " ")  # a fresh string each time: the memo of quotes does not hide the work
            best = min(best, time.perf_counter() - started)
        times.append(best)
    return times[1] / max(times[0], 1e-3)


ADVERSARIAL = {
    "quote marks": lambda n: '"' * n,
    "unclosed quotes": lambda n: ('“He said it ' * (n // 12 + 1))[:n],
    "capitalised run": lambda n: ("Big Capital Words " * (n // 18 + 1))[:n],
    "carriage returns": lambda n: ('"Yes," he said.\r' * (n // 16 + 1))[:n],
    "long dash in a quote": lambda n: '"' + ("word — " * (n // 7 + 1))[:n] + '"',
    "officials said": lambda n: ("officials said " * (n // 15 + 1))[:n],
    "commas": lambda n: ("a, " * (n // 3 + 1))[:n] + "said",
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_linear_time_on_adversarial_text(name):
    make = ADVERSARIAL[name]
    n = 10_000 if name in ("officials said", "commas", "carriage returns") else 60_000  # slow cases smaller
    ratio = _ratio(make, lambda t: (quotes(t), attributions(t, model=None), attributions(t)), n=n)
    assert ratio < 3.0, f"{name}: doubling the text multiplied the time by {ratio:.1f}"


def test_packaged_cue_model_on_hand_written_news():
    from analysis.framing.attributions import cue_model

    model = cue_model()
    assert model is not None and model.threshold == pytest.approx(0.54)
    text = ("Clinton slammed the proposal as “divisive.” The bill will pass, "
            "according to two aides. The weather was fine.")
    found = attributions(text)
    assert found["source"].tolist() == ["Clinton", "two aides"]
    assert found["cue"].tolist() == ["slammed", "according to"]
    assert found["source_class"].tolist() == ["person", "anonymous"]
    # the rules alone know no "slammed"
    assert attributions(text, model=None)["cue"].tolist() == ["according to"]
    row = quotes(text).iloc[0]
    assert (row["kind"], row["speaker"]) == ("partial", "Clinton")
    assert quotes(text, model=None)["kind"].tolist() == ["scare"]


def test_according_to_is_a_cue_whatever_the_white_space():
    """Found by hypothesis (tests/test_robustness.py): two spaces in "according  to" lost the cue."""
    for text in ("Talks failed, according to the minister.", "Talks failed, according  to the minister.",
                 "Talks failed, according\nto the minister."):
        found = attributions(text)
        assert found["source"].tolist() == ["the minister"], text
        assert text[found.loc[0, "cue_start"]:found.loc[0, "cue_end"]].split() == ["according", "to"]


def test_the_probability_bound_prunes_exactly():
    # CueModel.scored skips the source search for candidates whose best case cannot reach
    # SCORE_FLOOR: the candidates it keeps are exactly those of the full search at or above it
    from analysis.framing.attributions import SCORE_FLOOR, candidates, cue_model
    from analysis.framing.quotes import PARTIAL_CUE_MIN

    model = cue_model()
    assert SCORE_FLOOR <= PARTIAL_CUE_MIN and SCORE_FLOOR <= model.threshold  # no caller reads below it
    text = ("Officials said on Tuesday that the talks, which began in May, would go on. The minister, who "
            "spoke to reporters, added that a deal was close. It is, according to the report, a matter of "
            "weeks. Critics argue the plan is too small; he told the BBC it was “a first step”.")
    full = candidates(text, set(model.vocabulary_))
    p = model.probabilities([c["features"] for c in full])
    expected = [(c["cue"], c["source"], float(q)) for c, q in zip(full, p) if q >= SCORE_FLOOR]
    assert model.scored(text) == expected and len(expected) >= 3
    # the bound is an upper bound: never below a candidate's probability
    for c, q in zip(full, p):
        word = c["features"] and next(k[2:] for k in c["features"] if k.startswith("w="))
        cheap = {k: v for k, v in c["features"].items() if k.split("=")[0] in ("w", "p", "n", "that", "quote", "comma", "rule")}
        assert model.best_case(word, cheap) >= q - 1e-12


def test_speaker_f1_and_ranked_choice_by_hand():
    from analysis.framing.attributions import ranked_correct, speaker_f1

    # quotation 0 keeps its (right) rule speaker; 1 and 2 are ranked: candidates 0, 1 of quotation 1
    # (only 1 right), candidate 2 of quotation 2 (right, but quotation 2 matches no gold span)
    data = {"fixed": [True, None, None], "quote": np.array([1, 1, 2]), "y": np.array([0, 1, 1]),
            "doc": np.array([0, 0, 1]), "hits": [frozenset({0}), frozenset({1}), frozenset()], "units": [2, 1]}
    p = np.array([0.2, 0.7, 0.9])
    assert ranked_correct(data, p, 0.5) == [True, True, True]
    # 2 of 3 predictions right with a gold span; 2 of 3 gold spans found: F1 2/3
    assert speaker_f1(data, ranked_correct(data, p, 0.5)) == pytest.approx(2 / 3)
    assert ranked_correct(data, p, 0.8) == [True, False, True]  # 0.7 < 0.8: no speaker
    assert speaker_f1(data, ranked_correct(data, p, 0.8)) == pytest.approx(1 / 3)


def test_speaker_ranker_round_trip_and_threshold():
    import copy

    from analysis.framing.attributions import cue_model

    model = cue_model()
    assert model.speaker_coef_ is not None and model.speaker_threshold == 0.0
    features = [{"t=cue": 1, "cue_p": 0.9, "named": 1}, {"t=mention": 1, "is_pron": 1}]
    again = CueModel.from_artefact(*model.card())
    assert np.allclose(again.speaker_probabilities(features), model.speaker_probabilities(features))
    text = "Jane Smith spoke in Ohio on Monday.\n\n“We will win this fight for all of us.”"
    assert quotes(text, model=model)["speaker"].tolist() == ["Jane Smith"]
    strict = copy.copy(model)
    strict.speaker_threshold = 1.01  # no candidate reaches it: no speaker
    assert quotes(text, model=strict)["speaker"].isna().all()
    rules = copy.copy(model)
    rules.speaker_coef_ = None  # without a ranker the speaker rules (5b, 5c) decide
    sentence = "“It is over.” He said nothing else."
    assert quotes(sentence, model=rules)["speaker"].isna().all() and quotes(sentence, model=model)["speaker"][0] == "He"
