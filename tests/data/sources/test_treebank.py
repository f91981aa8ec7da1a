"""Tests of the Penn Treebank sample reader: alignment worked by hand, and the real counts."""

from __future__ import annotations

from analysis.data import load
from analysis.data.sources.treebank import align, gold_sentences, raw_text

MRG = """
( (S (NP-SBJ (NNP Mr.) (NNP Vinken) ) (VP (VBZ is) (NP (-NONE- *) ) (PP (IN in) (NP (NNP U.S.) ))) (. .) ))
( (S (`` ``) (NP-SBJ (PRP We) ) (VP (VBP do) (RB n't) ) (. .) ('' '') ))
"""


def test_raw_text_drops_start_and_inner_line_breaks():
    assert raw_text(".START \n\nMr. Vinken is\nin U.S.\n\n\"We don't.\" \n") == 'Mr. Vinken is in U.S.\n\n"We don\'t."'


def test_gold_sentences_drop_empty_elements():
    assert gold_sentences(MRG) == [["Mr.", "Vinken", "is", "in", "U.S.", "."], ["``", "We", "do", "n't", ".", "''"]]


def test_align_reads_escapes_and_gives_the_repeated_period_an_empty_span():
    text = 'Mr. Vinken is in U.S.\n\n"We don\'t."'
    rows = align("d", text, gold_sentences(MRG))
    # "U.S." is 17..21; PTB's extra "." is empty at 21; `` is the '"' at 23; "n't" is 28..31
    assert rows[["start", "end"]].values.tolist() == [
        [0, 3], [4, 10], [11, 13], [14, 16], [17, 21], [21, 21],
        [23, 24], [24, 26], [27, 29], [29, 32], [32, 33], [33, 34],
    ]  # fmt: skip
    assert rows["par_id"].tolist() == [0] * 6 + [1] * 6 and rows["aligned"].all()
    assert not align("d", "Something else", gold_sentences(MRG))["aligned"].any()


def test_treebank_sample(require):
    require("nltk-data")
    tokens = load("treebank")
    # measured: 199 documents, 3,914 sentences, 94,084 tokens (traces dropped), 16 repeated
    # periods; one document (wsj_0162, garbled raw text) does not align
    assert (len(tokens), tokens["doc_id"].nunique(), tokens["sent_id"].nunique()) == (94084, 199, 3914)
    assert ((tokens["start"] == tokens["end"]) & tokens["aligned"]).sum() == 16
    assert tokens.loc[~tokens["aligned"], "doc_id"].unique().tolist() == ["wsj_0162"]
