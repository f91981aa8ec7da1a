"""NLTK's Penn Treebank sample (WSJ, 199 files) as gold tokens and sentences aligned to raw text.

Gold sentences and tokens come from ``treebank/combined/wsj_NNNN.mrg`` (Marcus et al. 1993,
*Computational Linguistics* 19(2)): one bracketed tree per sentence; its leaves, less the empty
elements (``-NONE-``), are the tokens, PTB-style ("do n't", "'s", "``").

Raw text comes from ``treebank/raw/wsj_NNNN``, normalised so that it does not give the answer
away: the ``.START`` line is dropped, paragraphs (blank-line separated) are joined by ``"\\n\\n"``,
and the line breaks inside a paragraph, which put most sentences on a line of their own, become
one space. Each gold token is then aligned left to right: after skipping whitespace, its surface
form must come next in the text, where the PTB escapes are read back (``-LRB-`` as ``(`` or
``[``, `````` and ``''`` as ``"`` or themselves, ``\\/`` as ``/``), then the same with whitespace allowed inside the
token ("S.p.\\nA."); PTB's second period after a sentence-final abbreviation ("U.S. .") gets an
empty span right after it; failing that, the form is searched up to 40 characters ahead (the gold
sometimes lacks a few characters of the raw text: "IBC/Donoghue 's" is "IBC 's"). A document where some token is
not found is kept with ``aligned = False`` on every row and ``start``/``end`` of -1 from that token
on; the benchmark reports and skips such documents (one in this sample, ``wsj_0162``, whose raw
text is garbled: "In< ternational").
"""

from __future__ import annotations

import re
import zipfile

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

COLUMNS = ("doc_id", "par_id", "sent_id", "token_id", "form", "start", "end", "aligned")

_TREE_START = re.compile(r"^\(", re.M)
_LEAF = re.compile(r"\(([^\s()]+) ([^\s()]+)\)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_SPACES = re.compile(r"\s+")
_ESCAPES = {
    "-LRB-": ("(", "["),
    "-RRB-": (")", "]"),
    "-LCB-": ("{",),
    "-RCB-": ("}",),
    "``": ('"', "``", "'", "`"),
    "''": ('"', "''", "'"),
    "`": ("'", "`"),
    "...": ("...", ". . ."),
}
_LOOKAHEAD = 40


def raw_text(raw: str) -> str:
    """The normalised raw text of one ``raw/`` file: no ``.START``, in-paragraph newlines as spaces."""
    body = raw.removeprefix(".START").strip()
    return "\n\n".join(_SPACES.sub(" ", par).strip() for par in _PARAGRAPH_BREAK.split(body) if par.strip())


def gold_sentences(mrg: str) -> list[list[str]]:
    """The token lists of the trees of one ``combined/`` file (empty elements dropped, escapes kept)."""
    trees = _TREE_START.split(mrg)[1:]
    return [[word for tag, word in _LEAF.findall(tree) if tag != "-NONE-"] for tree in trees]


def _find(text: str, pos: int, word: str, previous: str, previous_end: int) -> tuple[int, int] | None:
    """Span of gold ``word`` in ``text`` at or after ``pos``, by the rules of the module docstring."""
    surfaces = _ESCAPES.get(word, (word.replace("\\/", "/").replace("\\*", "*"),))
    for surface in surfaces:
        if text.startswith(surface, pos):
            return pos, pos + len(surface)
    for surface in surfaces:  # a token broken by whitespace: "S.p. A.", ". . ."
        match = re.compile(r"\s*".join(map(re.escape, surface))).match(text, pos)
        if match:
            return match.span()
    if word == "." and previous.endswith("."):  # PTB repeats an abbreviation's final period
        return previous_end, previous_end
    for surface in surfaces:  # raw text has a few characters more ("IBC/Donoghue's")
        found = text.find(surface, pos, pos + _LOOKAHEAD + len(surface))
        if found >= 0:
            return found, found + len(surface)
    return None


def align(doc_id: str, text: str, sentences: list[list[str]]) -> pd.DataFrame:
    """Rows of ``COLUMNS`` for ``sentences`` aligned to ``text`` (see the module docstring)."""
    rows, pos, aligned, previous = [], 0, True, ""
    for sent_no, words in enumerate(sentences, 1):
        for token_no, word in enumerate(words, 1):
            span = None
            if aligned:
                pos_before = pos
                while pos < len(text) and text[pos].isspace():
                    pos += 1
                span = _find(text, pos, word, previous, pos_before)
                aligned = span is not None
            start, end = span or (-1, -1)
            pos, previous = max(pos, end), word
            rows.append([doc_id, 0, f"{doc_id}-{sent_no}", token_no, word, start, end, True])
    paragraphs = [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]
    for row in rows:
        row[1] = sum(row[5] >= p for p in paragraphs) if row[5] >= 0 else -1
        row[7] = aligned
    return pd.DataFrame(rows, columns=list(COLUMNS))


def read_treebank(path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(tokens, texts)`` from ``treebank.zip``: aligned gold tokens and ``doc_id``/``text`` rows."""
    frames, texts = [], []
    with zipfile.ZipFile(path) as archive:
        names = sorted(n for n in archive.namelist() if re.fullmatch(r"treebank/raw/wsj_\d{4}", n))
        for name in names:
            doc_id = name.rsplit("/", 1)[1]
            text = raw_text(archive.read(name).decode("latin-1"))
            mrg = archive.read(f"treebank/combined/{doc_id}.mrg").decode("latin-1")
            frames.append(align(doc_id, text, gold_sentences(mrg)))
            texts.append((doc_id, text))
    return pd.concat(frames, ignore_index=True), pd.DataFrame(texts, columns=["doc_id", "text"])


def _zip_path():
    return next(p for url, p in fetch_dataset("nltk-data").items() if url.endswith("/treebank.zip"))


def load_treebank_texts() -> pd.DataFrame:
    """The normalised raw text of each treebank document: ``doc_id``, ``text``."""
    return read_treebank(_zip_path())[1]


@register("treebank", "nltk-data", kind="benchmark")
def load_treebank(accept_licence: bool = False) -> pd.DataFrame:
    """Penn Treebank WSJ sample (NLTK): gold PTB tokens and sentences with offsets into raw text."""
    return read_treebank(_zip_path())[0]
