"""Prose written from result tables: it states what the tables hold, and nothing else."""

from __future__ import annotations

import pandas as pd

from analysis import narrate


def test_count_phrase():
    assert narrate.count_phrase(0, "source") == "no sources"
    assert narrate.count_phrase(1, "source") == "one source"
    assert narrate.count_phrase(12, "quotation") == "12 quotations"
    assert narrate.count_phrase(2, "body", "bodies") == "two bodies"


def test_sourcing_groups_by_class_and_names_what_is_absent():
    attributions = pd.DataFrame({"source": ["the embassy", "TASS", "the embassy"],
                                 "source_class": ["government", "state media", "government"]})
    quotes = pd.DataFrame({"kind": ["direct", "name"], "speaker": ["the embassy", None]})
    text = narrate.sourcing(attributions, quotes)
    assert text == ('Three attributions: government 2 ("the embassy"); state media 1 ("TASS"). '
                    'No anonymous and no named person source. Two quotations (1 direct, 1 name), '
                    'spoken by "the embassy".')
    assert narrate.sourcing(attributions.iloc[:0], quotes.iloc[:0]).endswith("It quotes no one.")


def test_markers_separate_the_writer_from_quoted_sources():
    table = pd.DataFrame({"marker": ["intense speculation", "confirmed"], "category": ["speculation", "certainty"],
                          "whose": ["writer", "quoted source"], "speaker": [None, "the embassy"]})
    assert narrate.markers(table) == (
        'The writer\'s own markers: one marker (speculation: "intense speculation"). One marker lies inside '
        'a quotation and belongs to the quoted source, not the writer: "confirmed" (certainty, the embassy).')
    assert "no hedging" in narrate.markers(table.iloc[:0])


def test_labels_and_tone():
    table = pd.DataFrame({"actor": ["Kim", "Kim", "Putin"], "kind": ["title", "possessive", "title"],
                          "label": ["North Korean leader", "his health", "President"]})
    assert narrate.labels(table, "Kim") == 'Kim is labelled by titles "North Korean leader"; possessives "his health".'
    assert narrate.labels(table, "Moon") == "No label is attached to Moon."
    arc = pd.DataFrame({"sentence": [0, 1], "score": [-0.5, 0.25], "text": ["Bad news.", "Good news."]})
    document = pd.Series({"mean": -0.125, "mean_low": -0.5, "mean_high": 0.25})
    assert narrate.tone(arc, document) == (
        'Mean sentence tone (VADER) -0.12 [-0.50, +0.25] over two sentences; the interval holds zero: the tone '
        'is not distinguishable from neutral. Most negative: sentence 0 (-0.50), "Bad news.". Most positive: '
        'sentence 1 (+0.25), "Good news.".')


def test_frames_names_the_frames_at_threshold_and_the_rule_words():
    text = "Sanctions and a stalemate."
    row = pd.Series({"conflict_probability": 0.50, "conflict_calibrated": False,
                     "economic_probability": 0.10, "economic_calibrated": False,
                     "conflict_evidence": [(0, 9, "disagreement"), (16, 25, "two_sides")], "economic_evidence": []})
    thresholds = {"conflict": 0.61, "economic": 0.34}
    assert narrate.frames(row, text, thresholds) == (
        "The calibrated model finds no frame at its threshold; the nearest is conflict (probability 0.50, "
        'threshold 0.61). Rule questions answered yes: conflict "Sanctions", "stalemate".')
    row["economic_calibrated"], row["economic_probability"] = True, 0.40
    assert narrate.frames(row, text, thresholds).startswith(
        "The calibrated model finds economic (probability 0.40, threshold 0.34).")
