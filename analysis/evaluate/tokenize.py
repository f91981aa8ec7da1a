"""Benchmark of :mod:`analysis.tokenize` against NLTK's defaults: sentence and token F1.

``python -m analysis.evaluate tokenize [--datasets ud-ewt-dev,ud-gum-dev,treebank] [--limit N]
[--n-boot 1000]`` prints, for every dataset and system, sentence F1 and token F1 with 95 %
bootstrap intervals (documents resampled: :func:`analysis.evaluate.bootstrap_ci`).

Gold: UD EWT and GUM dev (raw text rebuilt from the gold as in the CoNLL 2018 shared task,
Zeman et al. 2018: surface tokens, ``SpaceAfter``, paragraphs as blank lines; see
:mod:`analysis.data.sources.ud`) and NLTK's Penn Treebank sample (gold aligned to its raw text;
see :mod:`analysis.data.sources.treebank`; documents that do not align are left out and counted).
Score: a predicted span counts when start and end both equal a gold span's (exact match; the
CoNLL 2018 definition); F1 pools the counts over documents (micro F1).

Systems, all run on the same texts in the same run:

* ``ours``: :func:`analysis.tokenize.sentence_spans` and :func:`analysis.tokenize.token_spans`
  (``style="ud"`` on UD, ``"ptb"`` on the treebank, whose gold is PTB-tokenised);
* ``punkt``: the pretrained English Punkt model (``punkt`` package; what ``nltk.sent_tokenize``
  loads) on the whole document, no paragraph awareness; tokens by
  ``NLTKWordTokenizer.span_tokenize`` inside each Punkt sentence (``nltk.word_tokenize``);
* ``punkt+treebank``: the same sentences, tokens by ``TreebankWordTokenizer.span_tokenize``;
* ``punkt-paragraphs``: Punkt inside blank-line paragraphs (the package's first version).

Caveat: the rules of :mod:`analysis.tokenize` were written while reading these dev sets'
errors, so its figures are development figures, not held-out test figures.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import pandas as pd
from nltk.tokenize import NLTKWordTokenizer, TreebankWordTokenizer
from punkt import PunktSentenceTokenizer
from punkt.model.registry import load_model

from analysis.data import load
from analysis.data.sources.treebank import load_treebank_texts
from analysis.data.sources.ud import document_texts
from analysis.evaluate import bootstrap_ci
from analysis.tokenize import sentence_spans, token_spans

DATASETS = ("ud-ewt-dev", "ud-gum-dev", "treebank")
_PARAGRAPH = re.compile(r"\S(?:.*?\S)??(?=[ \t\r\f\v]*\n\s*\n|\s*\Z)", re.S)
_PUNKT = PunktSentenceTokenizer(load_model("english"))
_NLTK_WORD = NLTKWordTokenizer()
_TREEBANK = TreebankWordTokenizer()

Spans = list[tuple[int, int]]


class GoldDoc(NamedTuple):
    doc_id: str
    text: str
    sentences: set[tuple[int, int]]
    tokens: set[tuple[int, int]]


def gold_documents(dataset: str) -> tuple[list[GoldDoc], int]:
    """Gold documents of ``dataset`` and the number of documents left out (unaligned)."""
    frame = load(dataset)
    if dataset == "treebank":
        texts = load_treebank_texts()
        skipped = frame.loc[~frame["aligned"], "doc_id"].nunique()
        frame = frame[frame["aligned"]]
    else:
        texts, skipped = document_texts(frame), 0
    text_of = dict(zip(texts["doc_id"], texts["text"]))
    docs = []
    for doc_id, doc in frame.groupby("doc_id", sort=False):
        bounds = doc.groupby("sent_id", sort=False).agg(start=("start", "min"), end=("end", "max"))
        real = doc[doc["end"] > doc["start"]]  # PTB's repeated period has an empty span
        docs.append(
            GoldDoc(
                doc_id,
                text_of[doc_id],
                set(zip(bounds["start"], bounds["end"])),
                set(zip(real["start"], real["end"])),
            )
        )
    return docs, skipped


def _punkt(text: str) -> Spans:
    return list(_PUNKT.span_tokenize(text))


def _punkt_paragraphs(text: str) -> Spans:
    return [(p.start() + s, p.start() + e) for p in _PARAGRAPH.finditer(text) for s, e in _punkt(p.group())]


def _within(sentence_splitter: Callable[[str], Spans], tokenizer) -> Callable[[str], Spans]:
    """Tokens of ``tokenizer.span_tokenize`` run inside each sentence (as ``word_tokenize`` does)."""

    def spans(text: str) -> Spans:
        return [(s + a, s + b) for s, e in sentence_splitter(text) for a, b in tokenizer.span_tokenize(text[s:e])]

    return spans


def systems(style: str) -> dict[str, tuple[Callable[[str], Spans], Callable[[str], Spans]]]:
    """``{name: (sentence splitter, tokenizer)}``; ``style`` is our token style for the gold."""
    return {
        "ours": (sentence_spans, lambda text: token_spans(text, style=style)),
        "punkt": (_punkt, _within(_punkt, _NLTK_WORD)),
        "punkt+treebank": (_punkt, _within(_punkt, _TREEBANK)),
        "punkt-paragraphs": (_punkt_paragraphs, _within(_punkt_paragraphs, _NLTK_WORD)),
    }


def _f1(tp: np.ndarray, predicted: np.ndarray, gold: np.ndarray) -> float:
    return 2 * tp.sum() / (predicted.sum() + gold.sum())


def _counts(predicted: Spans, gold: set[tuple[int, int]]) -> tuple[int, int, int]:
    """True positives (exact span matches), predicted spans and gold spans of one document."""
    return len(gold & set(map(tuple, predicted))), len(predicted), len(gold)


def score(docs: list[GoldDoc], style: str, n_boot: int = 1000) -> pd.DataFrame:
    """Rows ``system, level, f1, low, high, precision, recall, docs`` for every system and level."""
    rows = []
    for name, (splitter, tokenizer) in systems(style).items():
        for level, predict in (("sentence", splitter), ("token", tokenizer)):
            gold_of = (lambda doc: doc.sentences) if level == "sentence" else (lambda doc: doc.tokens)
            counts = np.array([_counts(predict(doc.text), gold_of(doc)) for doc in docs])
            tp, predicted, gold = counts.T
            f1, low, high = bootstrap_ci(_f1, tp, predicted, gold, n_boot=n_boot)
            rows.append(
                {
                    "system": name,
                    "level": level,
                    "f1": f1,
                    "low": low,
                    "high": high,
                    "precision": tp.sum() / predicted.sum(),
                    "recall": tp.sum() / gold.sum(),
                    "docs": len(docs),
                }
            )
    return pd.DataFrame(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate tokenize", description=__doc__.split("\n")[0])
    parser.add_argument("--datasets", default=",".join(DATASETS), help="comma-separated, from %(default)s")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents of each")
    parser.add_argument("--n-boot", type=int, default=1000, help="bootstrap resamples (default %(default)s)")
    args = parser.parse_args(argv)
    results = []
    for dataset in args.datasets.split(","):
        if dataset not in DATASETS:
            parser.error(f"unknown dataset {dataset!r}; expected some of {', '.join(DATASETS)}")
        docs, skipped = gold_documents(dataset)
        docs = docs[: args.limit]
        frame = score(docs, "ptb" if dataset == "treebank" else "ud", args.n_boot)
        frame.insert(0, "dataset", dataset)
        frame["skipped_docs"] = skipped
        results.append(frame)
    table = pd.concat(results, ignore_index=True)
    with pd.option_context("display.width", 200, "display.max_rows", 200, "display.precision", 3):
        print(table.to_string(index=False))
    return 0
