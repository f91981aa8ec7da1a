"""media-framing-analysis: how one news story is framed, with transparent, validated instruments.

The public API, re-exported from task-named modules:

* data: :func:`load` (any corpus, benchmark or lexicon by name), :func:`available`,
  :func:`read_article` (a scraped article file into a clean record), :func:`seed_article`;
* tokens: :func:`sentences`, :func:`tokens`, :func:`sentence_spans`, :func:`token_spans`.

Settings and paths live in :mod:`analysis.config`.
"""

from __future__ import annotations

import os
import sys

from analysis import config


def _register_nltk_data() -> None:
    """Make NLTK look in the package's private data folder first (it is built by ``make``)."""
    folder = str(config.nltk_data_dir())
    if "nltk" in sys.modules:
        from analysis.data.nltk_data import activate

        activate()
    elif folder not in os.environ.get("NLTK_DATA", "").split(os.pathsep):
        os.environ["NLTK_DATA"] = os.pathsep.join(filter(None, [folder, os.environ.get("NLTK_DATA")]))


_register_nltk_data()

from analysis.data import available, load  # noqa: E402
from analysis.data.article import Article, read_article  # noqa: E402
from analysis.tokenize import sentence_spans, sentences, token_spans, tokens  # noqa: E402


def seed_article() -> Article:
    """The study's subject: The Moscow Times, 5 May 2020, committed under ``data/articles/``."""
    return read_article(config.seed_article_path())


__version__ = "0.1.0"
__all__ = [
    "Article",
    "available",
    "config",
    "load",
    "read_article",
    "seed_article",
    "sentence_spans",
    "sentences",
    "token_spans",
    "tokens",
]
