"""The Brown corpus (Francis & Kucera 1964/1979): 500 samples of 1961 American English.

Read straight from NLTK's ``brown.zip`` (the one file of the ``nltk-data`` dataset these loaders
need) with :mod:`zipfile`; NLTK's data path is not involved. Each sample file (``ca01`` ...
``cr09``) is tokenised and tagged ``word/TAG``, one sentence per line, paragraphs separated by
blank lines. :func:`detokenize` rebuilds readable text: ````` and ``''`` become straight double
quotes, no space before closing punctuation or after opening brackets and quotes. Contractions
and possessives are single tokens in Brown ("wasn't", "Atlanta's"), so they need no repair. Brown
sometimes puts a comma after a closing quote (``'' ,``); that order is kept.

Two loaders: ``brown`` (all 500 samples, ``category`` from ``cats.txt``: news, editorial, reviews,
..., fiction) and ``brown-news`` (its 44 "news" samples ``ca01``-``ca44``, press reportage).
``source`` is the sample's heading in the corpus's ``CONTENTS`` list (for news, the newspaper,
e.g. "The Atlanta Constitution"). One row per sample; a sample can join several articles of one
paper. Samples have no title (``title`` None). The texts are from 1961, but the day of each
article is not in the files, so ``date`` is NaT.

Reference: Francis, W. N. & Kucera, H. (1979). Brown Corpus Manual. Brown University.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pandas as pd

from analysis.data.fetch import fetch
from analysis.data.manifest import source
from analysis.data.sources import register

OUTLET = "Brown corpus"

_SAMPLE = re.compile(r"brown/(c[a-r]\d\d)$")
_CONTENTS_HEADING = re.compile(r"^([A-R]\d\d)[.:]?\s+(.*?)\s*$", re.M)
_BLANK_LINES = re.compile(r"\n\s*\n")
_QUOTES = {"``": '"', "''": '"'}
_NO_SPACE_BEFORE = frozenset({",", ".", ";", ":", "?", "!", ")", "]", "}", "''", "%"})
_NO_SPACE_AFTER = frozenset({"(", "[", "{", "``"})


def detokenize(tokens: list[str]) -> str:
    """Join Brown (or Penn-style) tokens: ``["``", "Hi", ",", "''", "he"]`` -> ``"Hi," he``.

    ``detokenize(tokens)`` puts a space between tokens except before ``, . ; : ? ! ) ] } '' %``
    and after ``( [ { ``````; the LaTeX-style quotes ````` and ``''`` become ``"``; a
    sentence-final ``.`` after an abbreviation ("Jr.", "U.S.", "p.m.") is dropped, as in print.
    Single quotes ``'`` stay spaced: their direction cannot be told from the token alone.
    """
    out: list[str] = []
    previous = None
    for token in tokens:
        if token == "." and previous and previous.endswith(".") and previous[-2:-1].isalpha():
            continue  # Brown adds a separate "." after a sentence-final "Jr.", "U.S.", "p.m."
        glued = token in _NO_SPACE_BEFORE or previous in _NO_SPACE_AFTER
        if previous is not None and not glued:
            out.append(" ")
        out.append(_QUOTES.get(token, token))
        previous = token
    return "".join(out)


def tagged_to_text(tagged: str) -> str:
    """Readable text of one Brown sample (``word/TAG`` tokens, a sentence per line).

    Paragraphs (blocks between blank lines) are kept and separated by a blank line; the tokens of
    a paragraph are joined by :func:`detokenize`, across its sentence lines (a line may start
    with the "." of the previous one). Raises ``ValueError`` for a token without a tag.
    """
    paragraphs = []
    for block in _BLANK_LINES.split(tagged):
        pairs = [token.rpartition("/") for token in block.split()]
        bad = [word for word, slash, _ in pairs if not slash]
        if bad:
            raise ValueError(f"expected word/TAG tokens, got {bad[0]!r}")
        if pairs:
            paragraphs.append(detokenize([word for word, _, _ in pairs]))
    return "\n\n".join(paragraphs)


def _brown_zip() -> Path:
    (entry,) = (e for e in source("nltk-data").files if e.url.endswith("/corpora/brown.zip"))
    return fetch(entry)


def _parsed() -> pd.DataFrame:
    rows = []
    with zipfile.ZipFile(_brown_zip()) as archive:
        categories = dict(
            line.split() for line in archive.read("brown/cats.txt").decode("ascii").splitlines()
            if line.strip()
        )
        sources = dict(_CONTENTS_HEADING.findall(archive.read("brown/CONTENTS").decode("ascii")))
        for name in archive.namelist():
            match = _SAMPLE.match(name)
            if not match:  # README, CONTENTS, cats.txt, the folder itself
                continue
            fileid = match.group(1)
            rows.append(
                {
                    "doc_id": f"brown-{fileid}",
                    "outlet": OUTLET,
                    "date": pd.NaT,
                    "title": None,
                    "text": tagged_to_text(archive.read(name).decode("ascii")),
                    "category": categories[fileid],
                    "source": sources[fileid[1:].upper()],
                }
            )
    frame = pd.DataFrame(rows).sort_values("doc_id", ignore_index=True)
    frame["date"] = frame["date"].astype("datetime64[us]")
    return frame


@register("brown", "nltk-data")
def load_brown(accept_licence: bool = False) -> pd.DataFrame:
    """Brown corpus, all 500 samples (1961) as readable text with ``category`` and ``source``."""
    return _parsed()


@register("brown-news", "nltk-data")
def load_brown_news(accept_licence: bool = False) -> pd.DataFrame:
    """Brown corpus news (press reportage ca01-ca44, 1961 US press): 44 samples as text."""
    from analysis.data import load  # parsed once per process there

    brown = load("brown")
    return brown[brown["category"] == "news"].reset_index(drop=True)
