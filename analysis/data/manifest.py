"""The data manifest: which files each dataset consists of, and what each dataset is.

Two committed files make the manifest (see ``data/README.md``):

* ``data/manifest.tsv`` pins every third-party file: dataset, URL at a fixed commit, sha256,
  size in bytes and a licence note. It is a byte copy of the mirror's ``MANIFEST.tsv``.
* ``data/sources.toml`` describes each dataset: title, licence, citation, homepage, whether it
  may be redistributed, and whether its licence makes it opt-in.

Both are read once per process and exposed as immutable :class:`Source` records, the way
quanteda keeps provenance next to every bundled object.
"""

from __future__ import annotations

import csv
import hashlib
import difflib
import tomllib
from dataclasses import dataclass, field
from functools import cache

from analysis import config


@dataclass(frozen=True)
class FileEntry:
    """One pinned file of a dataset."""

    dataset: str
    url: str
    sha256: str
    bytes: int
    licence: str


@dataclass(frozen=True)
class Source:
    """One dataset: its description, licence and pinned files."""

    name: str
    title: str
    licence: str
    citation: str
    homepage: str = ""
    redistribute: bool = False
    opt_in: bool = False
    note: str = ""
    files: tuple[FileEntry, ...] = field(default=(), repr=False)

    @property
    def sha256(self) -> str:
        """One fingerprint of the whole dataset: sha256 over its files' ``url sha256`` lines.

        Kept small on purpose: pandas deep-copies ``DataFrame.attrs`` on most operations, so
        attrs carry this digest, not a table of 1,376 file hashes (those are in the manifest).
        """
        lines = "".join(f"{e.url} {e.sha256}\n" for e in sorted(self.files, key=lambda e: e.url))
        return hashlib.sha256(lines.encode()).hexdigest()

    def provenance(self) -> dict:
        """A plain dict for ``DataFrame.attrs``: name, licence, citation, file count, sha256."""
        return {
            "source": self.name,
            "title": self.title,
            "licence": self.licence,
            "citation": self.citation,
            "homepage": self.homepage,
            "n_files": len(self.files),
            "sha256": self.sha256,
        }


class UnknownDataset(KeyError):
    """Raised for a dataset name the manifest does not know."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return str(self.args[0])


@cache
def _manifest_rows() -> tuple[FileEntry, ...]:
    with open(config.manifest_path(), newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return tuple(
            FileEntry(r["dataset"], r["url"], r["sha256"].lower(), int(r["bytes"]), r["licence"])
            for r in rows
        )


@cache
def sources() -> dict[str, Source]:
    """Every dataset of the manifest, keyed by name (``seed`` has no files: it is committed)."""
    with open(config.sources_path(), "rb") as handle:
        described = tomllib.load(handle)
    files: dict[str, list[FileEntry]] = {}
    for entry in _manifest_rows():
        files.setdefault(entry.dataset, []).append(entry)
    undescribed = sorted(set(files) - set(described))
    if undescribed:
        raise ValueError(f"{config.sources_path()} has no entry for dataset(s) {undescribed}")
    return {
        name: Source(name=name, files=tuple(files.get(name, ())), **meta)
        for name, meta in described.items()
    }


def source(name: str) -> Source:
    """The :class:`Source` called ``name``; an unknown name raises with the closest matches."""
    known = sources()
    if name not in known:
        close = difflib.get_close_matches(name, known, n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else ""
        raise UnknownDataset(f"unknown dataset {name!r}.{hint} Known: {', '.join(sorted(known))}")
    return known[name]
