"""SemEval-2023 Task 3 subtask 2 (English train): parsing, marking, and the mirrored counts."""

from __future__ import annotations

import pytest

from analysis.data import load
from analysis.data.sources.semeval2023 import FRAMES, parse_article, parse_labels


def test_parse_article_splits_title_and_body_at_the_blank_line():
    assert parse_article("Title here\n\nFirst para.\n\nSecond.\n") == (
        "Title here",
        "First para.\n\nSecond.",
        True,
    )


def test_article_without_blank_line_keeps_all_text_and_is_marked():
    title, body, separated = parse_article("Runs on into\nthe body.")
    assert (title, body, separated) == ("Runs on into", "Runs on into\nthe body.", False)


def test_parse_labels_refuses_unknown_frames_and_repeated_ids():
    assert parse_labels("1\tPolitical,Morality\n") == {"1": ["Political", "Morality"]}
    with pytest.raises(ValueError, match="unknown frame"):
        parse_labels("1\tPolitics\n")
    with pytest.raises(ValueError, match="twice"):
        parse_labels("1\tPolitical\n1\tMorality\n")


@pytest.mark.corpus
def test_mirrored_training_set(require):
    require("semeval2023-t3-frames-en")
    df = load("semeval2023-t3-frames-en")
    assert len(df) == 433 and df["doc_id"].is_unique
    assert (df["label_status"] == "ok").all()  # every article has one label line and vice versa
    assert df["date"].isna().all() and (df["outlet"] == "SemEval-2023 T3").all()
    # frame counts measured with `cut -f2 train-labels-subtask-2.txt | tr , '\n' | sort | uniq -c`
    assert df[list(FRAMES)].sum().to_dict() == {
        "Economic": 28,
        "Capacity_and_resources": 29,
        "Morality": 203,
        "Fairness_and_equality": 115,
        "Legality_Constitutionality_and_jurisprudence": 203,
        "Policy_prescription_and_evaluation": 65,
        "Crime_and_punishment": 227,
        "Security_and_defense": 187,
        "Health_and_safety": 61,
        "Quality_of_life": 87,
        "Cultural_identity": 31,
        "Public_opinion": 23,
        "Political": 235,
        "External_regulation_and_reputation": 121,
    }
    assert (df[list(FRAMES)].sum(axis=1) == df["frames"].map(len)).all()
    first = df.set_index("doc_id").loc["111111111"]
    assert first["title"] == "Next plague outbreak in Madagascar could be 'stronger': WHO"
    assert first["text"].startswith("Geneva - The World Health Organisation chief")
    run_on = sorted(df.loc[~df["title_separated"], "doc_id"])
    assert run_on == ["698092698", "725824328", "999000878"]
    # the one duplicated article: same text under two IDs, one group
    assert df.loc[df["text_group"] != df["doc_id"], ["doc_id", "text_group"]].values.tolist() == [
        ["999000878", "698092698"]
    ]
