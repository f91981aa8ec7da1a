"""Tests of analysis.evaluate.actors: the GUM entity reader, the candidate finder and the scores,
on small hand-written inputs worked out by hand; the committed annotation file against the data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.evaluate import actors as bench
from analysis.evaluate.report import COLUMNS
from analysis.framing.actors import gum_entities

CONLLU = """# newdoc id = d1
# text = Barack Obama met the press.
1\tBarack\tBarack\tPROPN\tNNP\t_\t2\tcompound\t_\tEntity=(1-person-new-nnnnn
2\tObama\tObama\tPROPN\tNNP\t_\t3\tnsubj\t_\tEntity=1)
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\tEntity=(2-organization-new-nnnnn
5\tpress\tpress\tNOUN\tNN\t_\t3\tobj\t_\tEntity=2)|SpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# text = He smiled in the United States.
1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(1-person-giv-nnnnn)
2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\t_
3\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
4\tthe\tthe\tDET\tDT\t_\t6\tdet\t_\tEntity=(3-place-new-nnnnn
5\tUnited\tUnited\tPROPN\tNNP\t_\t6\tcompound\t_\t_
6\tStates\tStates\tPROPN\tNNP\t_\t2\tobl\t_\tEntity=3)|SpaceAfter=No
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_
"""


def test_gum_entities_reads_the_bracket_notation():
    found = gum_entities(CONLLU)
    # surface tokens of d1, counted from 0: Barack Obama met the press . He smiled in the United States .
    assert list(found.itertuples(index=False, name=None)) == [
        ("d1", 0, 1, "person", True),
        ("d1", 3, 4, "organization", False),  # "the press": a common noun
        ("d1", 6, 6, "person", False),  # "He"
        ("d1", 9, 11, "place", True),  # "the United States": the determiner does not count
    ]


def test_candidates_of_each_kind():
    text = "Kim Jong Un met Chairman Kim. He smiled. The leader of Chechnya spoke."
    docs = pd.DataFrame({"source": ["kcna"], "doc_id": ["d"], "date": ["2024-01-01"], "text": [text]})
    found = bench.candidates(docs)
    # "Chairman" before a name is an epithet, not a candidate; "He" is counted once
    assert list(zip(found["kind"], found["surface"], found["start"])) == [
        ("name", "Kim Jong Un", 0), ("surname", "Kim", 25), ("title", "The leader", 41), ("pronoun", "He", 30),
    ]
    assert all(text[s:e] == t for s, e, t in zip(found["start"], found["end"], found["surface"]))


def test_resolution_scores_by_hand():
    resolved = pd.DataFrame({
        "doc_id": ["a", "a", "b", "b"],
        "gold_kim_jong_un": [True, False, True, False],
        "predicted_target": [True, False, False, True],
        "baseline_target": [True, True, True, False],
    })
    scores = bench.resolution_scores(resolved, n_boot=50)
    assert list(scores.columns) == COLUMNS
    got = dict(zip(zip(scores["role"], scores["metric"]), scores["estimate"]))
    # instrument: 1 right of 2 predicted, 1 found of 2 gold; baseline: 2 of 3 predicted, 2 of 2 gold
    assert got == pytest.approx({
        ("instrument", "precision (Kim Jong Un)"): 0.5, ("instrument", "recall (Kim Jong Un)"): 0.5,
        ("baseline", "precision (Kim Jong Un)"): 2 / 3, ("baseline", "recall (Kim Jong Un)"): 1.0,
    })
    assert (scores["n"] == 2).all()


def test_overlaps_and_discovery_scores_by_hand():
    spans = np.array([[0, 5], [10, 12], [20, 25]])
    assert bench.overlapping(spans, np.array([[4, 11]])).tolist() == [True, True, False]
    assert bench.overlapping(spans[:0], spans).tolist() == []
    counts = pd.DataFrame({"doc_id": ["a", "b"], "gold": [3, 1]})
    for system, (found, pred, right) in {"model": ([2, 1], [2, 2], [2, 1]), "rules": ([1, 0], [1, 1], [1, 0]),
                                         "any": ([3, 1], [9, 9], [0, 0]), "base": ([3, 1], [8, 2], [3, 1])}.items():
        counts[f"{system}_found"], counts[f"{system}_pred"], counts[f"{system}_right"] = found, pred, right
    scores = bench.discovery_scores(counts, n_boot=50)
    assert list(scores.columns) == COLUMNS
    # model recall 3/4, precision 3/4; rules 1/4, 1/2; any name: recall 4/4; baseline 4/4, 4/10
    assert scores["estimate"].tolist() == pytest.approx([3 / 4, 3 / 4, 1 / 4, 1 / 2, 1.0, 1.0, 4 / 10])


def test_committed_annotations_match_the_documents(require):
    require("kremlin-korea", "kcna-2024")
    sample = bench.read_annotations()
    docs = bench.annotation_documents().set_index("doc_id")
    assert len(sample) == 87 and sample["gold_kim_jong_un"].sum() == 44
    for row in sample.itertuples(index=False):
        text = docs.at[row.doc_id, "text"]
        assert text[row.start:row.end] == row.surface
        assert text[max(0, row.start - bench.CONTEXT):row.start] == row.left
    # the sample is what candidate_sample draws with seed 0
    drawn = bench.candidate_sample(docs.reset_index(), seed=0)
    assert list(zip(drawn["doc_id"], drawn["start"])) == list(zip(sample["doc_id"], sample["start"]))
    # the held-out sample: seed 1, none of the first sample's candidates
    held_out = bench.read_annotations(bench.HELD_OUT_ANNOTATIONS)
    assert len(held_out) == 54 and held_out["gold_kim_jong_un"].sum() == 22
    drawn = bench.candidate_sample(docs.reset_index(), seed=1, exclude=sample, quotas=bench.HELD_OUT_QUOTAS)
    assert list(zip(drawn["doc_id"], drawn["start"])) == list(zip(held_out["doc_id"], held_out["start"]))
    assert not set(zip(held_out["doc_id"], held_out["start"])) & set(zip(sample["doc_id"], sample["start"]))
    for row in held_out.itertuples(index=False):
        assert docs.at[row.doc_id, "text"][row.start:row.end] == row.surface
