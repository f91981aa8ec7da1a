"""Universal Dependencies English dev sets (CoNLL-U) as gold tokens and sentences with raw text.

:func:`parse_conllu` reads CoNLL-U (de Marneffe et al. 2021, *Computational Linguistics* 47(2);
format at universaldependencies.org/format.html) into one row per **surface token**:

* a multiword-token range line (``3-4  don't``) is the surface token; the syntactic words it
  covers (``do``, ``n't``) are skipped, as in the tokens score of the CoNLL 2018 shared task
  (Zeman et al. 2018); empty nodes (``8.1``) are skipped;
* ``# newdoc`` starts a document (its ``id``, else ``doc-N``), ``# newpar`` a paragraph;
* each document's raw text is rebuilt from the gold, as the shared task's raw text looks:
  tokens joined by one space unless ``SpaceAfter=No``, sentences of a paragraph by one space
  (none after ``SpaceAfter=No``), paragraphs by ``"\\n\\n"``. ``start``/``end`` are the token's
  character offsets into that text; :func:`document_texts` returns the texts.

Caveat: the rebuilt text is not the original web page (``SpacesAfter`` with newlines or tabs is
read as one space), so line breaks inside a paragraph are lost, as in the shared task.
"""

from __future__ import annotations

import re

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

COLUMNS = ("doc_id", "par_id", "sent_id", "token_id", "form", "space_after", "start", "end")

_NEWDOC = re.compile(r"#\s*newdoc\b(?:\s+id\s*=\s*(?P<id>.*\S))?")
_NEWPAR = re.compile(r"#\s*newpar(?:\s|$)")
_SENT_ID = re.compile(r"#\s*sent_id\s*=\s*(?P<id>.*\S)")
_RANGE = re.compile(r"(\d+)-(\d+)$")
_SPACE_AFTER_NO = re.compile(r"(?:^|\|)SpaceAfter=No(?:\||$)")


def parse_conllu(text: str) -> pd.DataFrame:
    """Gold surface tokens of a CoNLL-U string, one row each, with offsets into rebuilt raw text.

    Columns: ``doc_id``, ``par_id`` (0, 1, ... within the document), ``sent_id`` (the
    ``# sent_id`` comment, else ``s-N``), ``token_id`` (1, 2, ... within the sentence, counting
    surface tokens), ``form``, ``space_after``, ``start``, ``end``. A token line with fewer than
    10 tab-separated fields raises ``ValueError`` naming the line.
    """
    rows: list[tuple] = []
    doc_id, doc_no, par_id, offset = "doc-0", 0, -1, 0
    sent_id, sent_no, token_no, skip_to = None, 0, 0, 0
    new_par = new_doc = False
    for line_no, line in enumerate(text.splitlines(), 1):
        if line.startswith("#"):
            if match := _NEWDOC.match(line):
                doc_no += 1
                doc_id = match["id"] or f"doc-{doc_no}"
                new_doc = True
            elif _NEWPAR.match(line):
                new_par = True
            elif match := _SENT_ID.match(line):
                sent_id = match["id"]
            continue
        if not line.strip():
            if token_no:  # end of a sentence
                sent_id, token_no, skip_to = None, 0, 0
            continue
        fields = line.split("\t")
        if len(fields) != 10:
            raise ValueError(f"CoNLL-U line {line_no}: expected 10 tab-separated fields, got {len(fields)}")
        ident, form, misc = fields[0], fields[1], fields[9]
        if "." in ident:  # empty node of enhanced dependencies
            continue
        if match := _RANGE.match(ident):
            skip_to = int(match[2])
        elif int(ident) <= skip_to:  # a syntactic word inside a multiword token
            continue
        if token_no == 0:  # first token of a sentence: place it after the right separator
            sent_no += 1
            if sent_id is None:
                sent_id = f"s-{sent_no}"
            if new_doc:
                offset, par_id = 0, 0
            elif new_par or par_id < 0:
                offset += 2 if rows else 0
                par_id += 1
            elif rows and rows[-1][5]:
                offset += 1
            new_doc = new_par = False
        elif rows[-1][5]:
            offset += 1
        token_no += 1
        space_after = not _SPACE_AFTER_NO.search(misc)
        rows.append((doc_id, par_id, sent_id, token_no, form, space_after, offset, offset + len(form)))
        offset += len(form)
    return pd.DataFrame(rows, columns=list(COLUMNS))


def document_texts(tokens: pd.DataFrame) -> pd.DataFrame:
    """Each document's raw text rebuilt from a token frame (``doc_id``, ``form``, ``start``, ``end``).

    A one-character gap between tokens is a space, a two-character gap a paragraph break ``"\\n\\n"``.
    Returns one row per document, in first-appearance order: ``doc_id``, ``text``.
    """
    out = []
    for doc_id, doc in tokens.groupby("doc_id", sort=False):
        pieces, pos = [], 0
        for form, start, end in zip(doc["form"], doc["start"], doc["end"]):
            gap = start - pos
            pieces.append("\n\n" if gap == 2 else " " * gap)
            pieces.append(form)
            pos = end
        out.append((doc_id, "".join(pieces)))
    return pd.DataFrame(out, columns=["doc_id", "text"])


def _load(dataset: str) -> pd.DataFrame:
    (path,) = fetch_dataset(dataset).values()
    return parse_conllu(path.read_text(encoding="utf-8"))


@register("ud-ewt-dev", "ud-ewt-dev", kind="benchmark")
def load_ewt_dev(accept_licence: bool = False) -> pd.DataFrame:
    """UD English-EWT dev set: gold surface tokens and sentences of web text (Silveira et al. 2014)."""
    return _load("ud-ewt-dev")


@register("ud-gum-dev", "ud-gum-dev", kind="benchmark")
def load_gum_dev(accept_licence: bool = False) -> pd.DataFrame:
    """UD English-GUM dev set: gold surface tokens and sentences in 12 genres (Zeldes 2017)."""
    return _load("ud-gum-dev")
