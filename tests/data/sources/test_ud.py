"""Tests of the CoNLL-U reader: an inline snippet worked by hand, and the real dev files' counts."""

from __future__ import annotations

import pytest

from analysis.data import load
from analysis.data.sources.ud import document_texts, parse_conllu

SNIPPET = "\n".join(
    [
        "# newdoc id = d1",
        "# newpar",
        "# sent_id = d1-1",
        "# text = I don't know.",
        "1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_",
        "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
        "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_",
        "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_",
        "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No",
        "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_",
        "",
        "# sent_id = d1-2",
        "# text = Yes",
        "1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_",
        "1.1\tsays\tsay\tVERB\tVBZ\t_\t_\t_\t0:root\t_",
        "",
        "# newpar id = d1-p2",
        "# sent_id = d1-3",
        "# text = Go!",
        "1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No",
        "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_",
        "",
        "# newdoc id = d2",
        "# sent_id = d2-1",
        "# text = Hi",
        "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_",
        "",
    ]
)


def test_parse_conllu_keeps_surface_tokens_and_rebuilds_raw_text():
    tokens = parse_conllu(SNIPPET)
    # the range line "don't" is the token; its words "do", "n't" and the empty node 1.1 are not
    assert tokens["form"].tolist() == ["I", "don't", "know", ".", "Yes", "Go", "!", "Hi"]
    assert tokens["sent_id"].tolist() == ["d1-1"] * 4 + ["d1-2", "d1-3", "d1-3", "d2-1"]
    assert tokens["par_id"].tolist() == [0, 0, 0, 0, 0, 1, 1, 0]
    assert tokens["token_id"].tolist() == [1, 2, 3, 4, 1, 1, 2, 1]
    texts = document_texts(tokens)
    # "I don't know." + " " + "Yes" + "\n\n" + "Go!"; the second document starts afresh
    assert texts["text"].tolist() == ["I don't know. Yes\n\nGo!", "Hi"]
    text = texts["text"][0]
    assert [text[s:e] for s, e in zip(tokens["start"][:7], tokens["end"][:7])] == tokens["form"][:7].tolist()


def test_parse_conllu_refuses_malformed_token_lines():
    with pytest.raises(ValueError, match="line 2: expected 10"):
        parse_conllu("# text = x\n1\tx\n")


@pytest.mark.parametrize(
    # measured on the pinned files: tokens (surface), documents, sentences, paragraphs
    ("name", "n_tokens", "n_docs", "n_sents", "n_pars"),
    [("ud-ewt-dev", 24787, 318, 2001, 750), ("ud-gum-dev", 27602, 30, 1575, 584)],
)
def test_dev_files(require, name, n_tokens, n_docs, n_sents, n_pars):
    require(name)
    tokens = load(name)
    assert len(tokens) == n_tokens
    assert tokens["doc_id"].nunique() == n_docs
    assert tokens.groupby(["doc_id", "sent_id"]).ngroups == n_sents
    assert tokens.groupby(["doc_id", "par_id"]).ngroups == n_pars
    texts = dict(zip(*document_texts(tokens).to_dict("list").values()))
    assert all(texts[d][s:e] == f for d, s, e, f in zip(tokens["doc_id"], tokens["start"], tokens["end"], tokens["form"]))
