"""Sentences and tokens as character spans into the original text.

First version (the tokeniser work replaces the internals; the API below is the contract):

* ``sentence_spans(text) -> list[Span]``: ``text[s.start:s.end]`` is one sentence, no outer whitespace.
* ``token_spans(text) -> list[Span]``: ``text[s.start:s.end]`` is one token.
* ``sentences(text) -> list[str]``, ``tokens(text, lower=False) -> list[str]``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from punkt import PunktSentenceTokenizer
from punkt.model.registry import load_model


class Span(NamedTuple):
    start: int
    end: int


_PARAGRAPH = re.compile(r"\S(?:.*?\S)?(?=\s*\n\s*\n|\s*$)", re.S)
_TOKEN = re.compile(r"\w+(?:[-'’.]\w+)*|[^\w\s]")
_PUNKT = PunktSentenceTokenizer(load_model("english"))


def sentence_spans(text: str) -> list[Span]:
    """Sentence spans: paragraphs (blank-line separated) split by Punkt (Kiss & Strunk 2006)."""
    spans = []
    for para in _PARAGRAPH.finditer(text):
        for start, end in _PUNKT.span_tokenize(para.group()):
            spans.append(Span(para.start() + start, para.start() + end))
    return spans


def token_spans(text: str) -> list[Span]:
    """Token spans: words (with inner hyphens/apostrophes) and single punctuation marks."""
    return [Span(m.start(), m.end()) for m in _TOKEN.finditer(text)]


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in sentence_spans(text)]


def tokens(text: str, lower: bool = False) -> list[str]:
    out = [text[s.start : s.end] for s in token_spans(text)]
    return [t.lower() for t in out] if lower else out
