"""The data layer: manifest, fetcher, one parser per source, and :func:`load`.

>>> from analysis.data import load                                 # doctest: +SKIP
>>> kcna = load("kcna-2024")                                       # doctest: +SKIP
>>> kcna.attrs["provenance"][0]["licence"]                         # doctest: +SKIP
"""

from __future__ import annotations

import importlib
import pkgutil

import pandas as pd

from analysis.data import sources as _sources
from analysis.data.fetch import (
    ChecksumError,
    DataUnavailable,
    LicenceNotAccepted,
    fetch,
    fetch_dataset,
    is_available,
)
from analysis.data.manifest import Source, UnknownDataset, source, sources
from analysis.data.sources import LOADERS

__all__ = [
    "ChecksumError",
    "DataUnavailable",
    "LicenceNotAccepted",
    "Source",
    "UnknownDataset",
    "available",
    "can_load",
    "fetch",
    "fetch_dataset",
    "is_available",
    "load",
    "source",
    "sources",
]

CORPUS_COLUMNS = ("doc_id", "outlet", "date", "title", "text")
_LOADED: dict[tuple[str, bool], pd.DataFrame] = {}  # each source is parsed once per process

for _module in pkgutil.iter_modules(_sources.__path__):  # each module registers its loaders
    importlib.import_module(f"{_sources.__name__}.{_module.name}")


def available() -> pd.DataFrame:
    """Every loadable name with its kind, the datasets it reads, and whether they are local now."""
    rows = []
    for name, spec in sorted(LOADERS.items()):
        rows.append(
            {
                "name": name,
                "kind": spec.kind,
                "datasets": ", ".join(spec.datasets),
                "local": all(is_available(d) for d in spec.datasets),
                "opt_in": any(source(d).opt_in for d in spec.datasets),
                "licence": "; ".join(dict.fromkeys(source(d).licence for d in spec.datasets)),
                "description": spec.description,
            }
        )
    return pd.DataFrame(rows)


def _fresh_copy(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy the caller may change freely: ``DataFrame.copy`` does not copy the lists inside
    object columns (KCNA topics, Reuters places), so those are copied too."""
    copy = frame.copy()
    for column in copy.columns[copy.dtypes == object]:
        if copy[column].map(type).eq(list).any():
            copy[column] = copy[column].map(lambda v: list(v) if isinstance(v, list) else v)
    return copy


def can_load(name: str) -> bool:
    """True if every dataset the loader ``name`` reads is local (cached or mirrored) now."""
    return name in LOADERS and all(is_available(d) for d in LOADERS[name].datasets)


def load(name: str, accept_licence: bool = False) -> pd.DataFrame:
    """Load a corpus, benchmark or lexicon as a tidy DataFrame with its provenance.

    Corpora have at least ``doc_id`` (unique), ``outlet``, ``date``, ``title`` and ``text``.
    ``df.attrs["provenance"]`` lists, per dataset read, its licence, citation and the sha256 of
    every file; ``df.attrs["name"]`` is ``name``. Opt-in datasets (non-commercial lexicons)
    raise :class:`LicenceNotAccepted` unless ``accept_licence=True`` or the dataset is listed in
    ``ANALYSIS_ACCEPT_LICENCES``. See :func:`available` for every name. Each source is parsed
    once per process; every call returns a fresh copy.
    """
    if name not in LOADERS:
        import difflib

        close = difflib.get_close_matches(name, LOADERS, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownDataset(f"no loader for {name!r}.{hint} Known: {', '.join(sorted(LOADERS))}")
    spec = LOADERS[name]
    key = (name, bool(accept_licence))
    if key not in _LOADED:
        _LOADED[key] = spec.function(accept_licence=accept_licence)
    frame = _fresh_copy(_LOADED[key])
    if spec.kind == "corpus":
        missing = [c for c in CORPUS_COLUMNS if c not in frame.columns]
        if missing:
            raise AssertionError(f"loader {name!r} returned no {missing} columns")
        if not frame["doc_id"].is_unique:
            raise AssertionError(f"loader {name!r} returned duplicate doc_id values")
    frame.attrs["name"] = name
    frame.attrs["provenance"] = [source(d).provenance() for d in spec.datasets]
    return frame
