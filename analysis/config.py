"""Every path and environment setting of the package, in one place.

Nothing else in :mod:`analysis` reads environment variables or builds paths from ``__file__``:
it asks this module. Settings are read when called, not at import, so a notebook or test can
change an environment variable and see the effect.

=========================  =====================================================  ==========================
environment variable       meaning                                                default
=========================  =====================================================  ==========================
``ANALYSIS_MIRROR``        folder laid out as ``<host>/<path>`` of each URL; the   unset (download instead)
                           fetcher reads a file there before downloading it
``ANALYSIS_CACHE``         where downloaded files and built artefacts are kept     ``<project>/data/cache``
                           (installed with pip: the user cache folder, see
                           :func:`user_cache_dir`)
``ANALYSIS_OFFLINE``       ``1``: never download, only the mirror or the cache     ``0``
``ANALYSIS_ACCEPT_LICENCES``  comma-separated opt-in datasets whose licence the    empty
                           user accepts (e.g. ``lexicoder-lsd2015``)
``NLTK_DATA``              NLTK's own variable; the package builds and prepends    ``<project>/.nltk_data``
                           its private folder
=========================  =====================================================  ==========================
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
#: The project checkout (holds ``data/``, ``notebooks/``); for a non-editable install the
#: package's bundled copy of ``data/`` is used instead (see :func:`data_dir`).
PROJECT_DIR = PACKAGE_DIR.parent


def data_dir() -> Path:
    """The committed ``data/`` folder: manifest, source table, the seed article."""
    checkout = PROJECT_DIR / "data"
    if (checkout / "sources.toml").exists():
        return checkout
    return PACKAGE_DIR / "_data"  # wheel build: data/ is force-included here


def manifest_path() -> Path:
    """Tab-separated list of every third-party file: dataset, url, sha256, bytes, licence."""
    return data_dir() / "manifest.tsv"


def sources_path() -> Path:
    """TOML table per dataset: title, licence, citation, redistribute, opt_in."""
    return data_dir() / "sources.toml"


def seed_article_path() -> Path:
    """The subject of the study: the Moscow Times article of 5 May 2020, as scraped."""
    return data_dir() / "articles" / "moscow-times-2020-05-05-putin-medal-kim.txt"


def mirror_dir() -> Path | None:
    """The local mirror of public URLs (``ANALYSIS_MIRROR``), or None when unset."""
    value = os.environ.get("ANALYSIS_MIRROR", "").strip()
    return Path(value).expanduser().resolve() if value else None


def in_checkout() -> bool:
    """True when the package runs from a project checkout (``pyproject.toml`` and
    ``data/sources.toml`` beside it, editable install or ``PYTHONPATH``); False when it was
    installed with pip into ``site-packages``, where nothing may be written."""
    return (PROJECT_DIR / "pyproject.toml").is_file() and (PROJECT_DIR / "data" / "sources.toml").is_file()


def user_cache_dir() -> Path:
    """The user's cache folder for this package (platformdirs: ``~/.cache/media-framing-analysis``
    on Linux, ``~/Library/Caches/media-framing-analysis`` on macOS, ``%LOCALAPPDATA%`` on
    Windows)."""
    from platformdirs import user_cache_path

    return user_cache_path("media-framing-analysis", appauthor=False)


def cache_dir() -> Path:
    """Where downloads and built artefacts live (git-ignored; created on demand):
    ``ANALYSIS_CACHE`` when set, else ``data/cache`` of the checkout, else (installed with pip)
    the user cache folder (:func:`user_cache_dir`), never ``site-packages``."""
    value = os.environ.get("ANALYSIS_CACHE", "").strip()
    if value:
        return Path(value).expanduser().resolve()
    return PROJECT_DIR / "data" / "cache" if in_checkout() else user_cache_dir()


def offline() -> bool:
    """True when ``ANALYSIS_OFFLINE`` forbids downloads."""
    return os.environ.get("ANALYSIS_OFFLINE", "0").strip().lower() in {"1", "true", "yes"}


def accepted_licences() -> frozenset[str]:
    """Opt-in datasets whose licence the user accepted through ``ANALYSIS_ACCEPT_LICENCES``."""
    value = os.environ.get("ANALYSIS_ACCEPT_LICENCES", "")
    return frozenset(name.strip() for name in value.split(",") if name.strip())


def nltk_data_dir() -> Path:
    """The package's private NLTK data folder (built by ``python -m analysis.data nltk``):
    ``.nltk_data`` of the checkout, else ``nltk_data`` in the user cache folder."""
    return PROJECT_DIR / ".nltk_data" if in_checkout() else user_cache_dir() / "nltk_data"


def models_dir() -> Path:
    """Trained artefacts built on this machine (first use, or a stale packaged copy): under the
    cache, never in git."""
    return cache_dir() / "models"


def packaged_models_dir() -> Path:
    """The small trained artefacts committed with the package (``models/`` of the checkout; the
    wheel carries them as ``analysis/_models``), so the core works offline with no data.
    ``make models`` rebuilds them byte for byte."""
    checkout = PROJECT_DIR / "models"
    if (PROJECT_DIR / "data" / "sources.toml").exists():
        return checkout
    return PACKAGE_DIR / "_models"


def reports_dir() -> Path:
    """Rendered notebooks and figures (``make analysis``)."""
    return PROJECT_DIR / "reports"
