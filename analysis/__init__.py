"""media-framing-analysis: how one news story is framed, with transparent, validated instruments.

The public API, re-exported from task-named modules:

* data: :func:`load` (any corpus, benchmark or lexicon by name), :func:`available`,
  :func:`read_article` (a scraped article file into a clean record), :func:`seed_article`;
* tokens: :func:`sentences`, :func:`tokens`, :func:`sentence_spans`, :func:`token_spans`;
* imported on first use (they pull in scikit-learn and trained models): sentiment
  (:func:`score_sentences`, :func:`score_documents`, :func:`target_sentiment`,
  :func:`actor_sentiment`), framing (:func:`quotes`, :func:`attributions`, :func:`hedging`,
  :func:`mentions`, :func:`labels`, :func:`roles`, :func:`generic_frames`, :func:`policy_frames`),
  comparison (:func:`keyness`, :func:`kwic`, :func:`collocations`) and :func:`featurize`.

Settings and paths live in :mod:`analysis.config`.

Layers, lowest first; a module imports only from its own layer and those below (tested in
``tests/test_layers.py``): base (config, inputs, stats, artefacts) -> data (``analysis.data``) ->
text (tokenize, lexicons, lexical, tagger) -> instruments (sentiment, actor_tone, ``framing/``)
-> features (pipeline: :func:`featurize`, the one document-feature layer) -> comparison and plots
(keywords, compare, coverage, narrate, plots, coding) -> evaluation (``evaluate/``) -> the
command line (cli) and the notebooks.
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


#: Public names imported lazily (PEP 562), so ``import analysis`` stays quick.
_LAZY = {
    "score_sentences": "analysis.sentiment",
    "score_documents": "analysis.sentiment",
    "target_sentiment": "analysis.sentiment",
    "actor_sentiment": "analysis.sentiment",
    "quotes": "analysis.framing.quotes",
    "attributions": "analysis.framing.quotes",
    "hedging": "analysis.framing.hedging",
    "mentions": "analysis.framing.actors",
    "labels": "analysis.framing.actors",
    "roles": "analysis.framing.actors",
    "generic_frames": "analysis.framing.generic",
    "policy_frames": "analysis.framing.policy",
    "keyness": "analysis.keywords",
    "kwic": "analysis.keywords",
    "collocations": "analysis.keywords",
    "featurize": "analysis.pipeline",
}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'analysis' has no attribute {name!r}")


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
    *_LAZY,
]
