"""BBC News articles of 2004-2005 in five categories (Greene & Cunningham 2006).

2,225 plain-text files in ``business/``, ``entertainment/``, ``politics/``, ``sport/`` and
``tech/`` (the copy in github.com/moztom/bbc_ml); ``README.TXT`` is not an article. The first line
of a file is the title, the rest the body, paragraphs separated by blank lines.

Caveats measured on the files:

* Encoding: 2,224 files are UTF-8 (the pound sign as ``C2 A3``); ``sport/199.txt`` alone is
  Latin-1 (``A3``). Each file is read as UTF-8 and, only if that fails, as Latin-1.
* Dates: the files carry none. The collection covers 2004-2005, so ``date`` is NaT throughout.
* Duplicates: 98 files repeat the full text of an earlier file (a known property of the
  collection). They are kept; ``duplicate`` is True for every copy after the first in
  category/file order, so analyses can drop them explicitly.

Reference: Greene, D. & Cunningham, P. (2006). Practical solutions to the problem of diagonal
dominance in kernel document clustering. Proc. ICML 2006.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

OUTLET = "BBC News"
CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")

_ARTICLE_PATH = re.compile(r"/bbc/([a-z]+)/(\d+)\.txt$")
_BLANK_LINES = re.compile(r"\n\s*\n")


def decode(raw: bytes) -> str:
    """UTF-8 text of ``raw``, or its Latin-1 reading when it is not valid UTF-8."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def parse_article(text: str) -> tuple[str, str]:
    """``(title, body)`` of one article: its first line, then the paragraphs of the rest.

    Lines inside a paragraph are joined with a space and whitespace is collapsed; raises
    ``ValueError`` for an empty file.
    """
    title, _, rest = text.strip().partition("\n")
    if not title.strip():
        raise ValueError("empty article: expected a title on the first line")
    paragraphs = (" ".join(p.split()) for p in _BLANK_LINES.split(rest))
    return " ".join(title.split()), "\n\n".join(p for p in paragraphs if p)


def _read(paths: dict[str, Path]) -> pd.DataFrame:
    rows = []
    for url, path in paths.items():
        match = _ARTICLE_PATH.search(url)
        if not match:  # README.TXT
            continue
        category, number = match.groups()
        if category not in CATEGORIES:
            raise ValueError(f"{url}: unknown category {category!r}; expected one of {CATEGORIES}")
        title, text = parse_article(decode(path.read_bytes()))
        rows.append({"doc_id": f"bbc-{category}-{number}", "outlet": OUTLET, "date": pd.NaT,
                     "title": title, "text": text, "category": category})
    frame = pd.DataFrame(rows).sort_values("doc_id", ignore_index=True)
    frame["date"] = frame["date"].astype("datetime64[us]")
    frame["duplicate"] = frame.duplicated(["title", "text"])
    return frame


def _parsed() -> pd.DataFrame:
    return _read(fetch_dataset("bbc-news-2005"))


@register("bbc-news-2005", "bbc-news-2005")
def load_bbc(accept_licence: bool = False) -> pd.DataFrame:
    """BBC News 2004-05: 2,225 articles in 5 categories; no dates (NaT); 98 marked ``duplicate``."""
    return _parsed()
