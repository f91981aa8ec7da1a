"""Fetch pinned public files: from a local mirror first, else by download; always sha256-checked.

A file's URL ``https://HOST/PATH`` maps to ``HOST/PATH`` below the mirror (``ANALYSIS_MIRROR``)
and below the cache (``ANALYSIS_CACHE``, default ``data/cache``, git-ignored). :func:`fetch`

1. returns the cached copy if it is there and its sha256 matches; a cached copy that does not
   match (truncated, changed) is replaced by the mirror's copy when that one matches, with a
   warning naming both files;
2. else returns the mirror's copy if it is there and its sha256 matches (read in place: a mirror
   is already a local, immutable copy, so it is not duplicated into the cache);
3. else downloads the URL (unless ``ANALYSIS_OFFLINE=1``) with a progress bar into a temporary
   file next to its destination (``<name>.<pid>.<random>.part``), checks the sha256, and only
   then renames it into place, so an interrupted download never leaves a file that looks
   valid. A ``.part`` file left by a killed download (its process gone, or older than a day) is
   deleted the next time the file is looked for.

A sha256 mismatch with no good copy to replace it is a :class:`ChecksumError` naming the file;
it is never silently re-downloaded or ignored. ``ANALYSIS_MIRROR`` naming a folder that does not
exist is said in the error (and in a warning), not taken for an empty mirror. Nothing here unpickles anything: every parser reads text, JSON, CSV,
CoNLL-U, SGML, HTML or R's RDA through a non-executing reader.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import time
import urllib.request
import warnings
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from analysis import config
from analysis.data.manifest import FileEntry, Source, source

_CHUNK = 1 << 20
_STALE_PART_SECONDS = 24 * 3600  # a .part file this old is abandoned even if its pid is alive
_verified: dict[tuple[str, int, int], str] = {}  # (path, size, mtime_ns) -> sha256 seen


class ChecksumError(ValueError):
    """A file's sha256 differs from the manifest's: the file is refused."""


class DataUnavailable(FileNotFoundError):
    """A dataset is neither cached nor mirrored, and downloading is not possible."""


class LicenceNotAccepted(PermissionError):
    """An opt-in dataset was requested without accepting its licence."""


def sha256_file(path: Path) -> str:
    """Hex sha256 of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def url_to_relpath(url: str) -> PurePosixPath:
    """``https://host/a/b.txt`` -> ``host/a/b.txt``; refuses paths that could escape a folder."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url!r}")
    rel = PurePosixPath(parts.netloc) / parts.path.lstrip("/")
    if any(part in {"..", "."} for part in rel.parts) or "\\" in str(rel):
        raise ValueError(f"URL path would escape the data folder: {url!r}")
    return rel


def _matches(path: Path, expected: str) -> bool:
    """True if ``path`` hashes to ``expected``; remembers verified files for this process."""
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if _verified.get(key) == expected:
        return True
    actual = sha256_file(path)
    if actual == expected:
        _verified[key] = actual
        return True
    return False


def _refuse(path: Path, entry: FileEntry) -> ChecksumError:
    return ChecksumError(
        f"sha256 mismatch for {path} (from {entry.url}): expected {entry.sha256}, "
        f"got {sha256_file(path)}. The file was changed or corrupted; it is refused. "
        "Delete it to fetch it again."
    )


def _download(entry: FileEntry, dest: Path) -> Path:
    """Stream ``entry.url`` into ``dest`` atomically, verifying its sha256 on the way."""
    from tqdm.auto import tqdm  # imported lazily: only downloads need it

    dest.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f"{dest.name}.{os.getpid()}.", suffix=".part", dir=dest.parent)
    tmp = Path(tmp_name)
    digest = hashlib.sha256()
    try:
        with os.fdopen(handle, "wb") as out, urllib.request.urlopen(entry.url, timeout=60) as resp:
            total = int(resp.headers.get("Content-Length") or entry.bytes or 0) or None
            with tqdm(total=total, unit="B", unit_scale=True, desc=dest.name, leave=False) as bar:
                for chunk in iter(lambda: resp.read(_CHUNK), b""):
                    out.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
        if digest.hexdigest() != entry.sha256:
            raise ChecksumError(
                f"sha256 mismatch for download of {entry.url}: expected {entry.sha256}, "
                f"got {digest.hexdigest()}; nothing was saved."
            )
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
    return dest


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists (another user's), or cannot tell: keep its file
    return True


def remove_partial_downloads(dest: Path) -> list[Path]:
    """Delete the ``.part`` files a killed download of ``dest`` left behind: those whose process
    (the pid in the name) is gone, or older than a day. Returns the deleted paths. Called by
    :func:`fetch` whenever the file is not in the cache."""
    removed = []
    try:
        candidates = list(dest.parent.glob(f"{glob_escape(dest.name)}.*.part"))
    except OSError:
        return removed
    for part in candidates:
        pid = part.name[len(dest.name) + 1 :].split(".", 1)[0]
        try:
            old = time.time() - part.stat().st_mtime > _STALE_PART_SECONDS
        except FileNotFoundError:
            continue
        if old or not pid.isdigit() or not _pid_alive(int(pid)):
            part.unlink(missing_ok=True)
            removed.append(part)
    return removed


def glob_escape(name: str) -> str:
    """``name`` with glob metacharacters escaped (``[*?`` matched literally)."""
    return "".join(f"[{c}]" if c in "[]*?" else c for c in name)


def _missing_mirror(mirror: Path | None) -> str:
    if mirror is not None and not mirror.is_dir():
        return f"; ANALYSIS_MIRROR={mirror} does not exist or is not a folder (is the path right?)"
    return ""


def _replace_from(good: Path, bad: Path) -> None:
    """Copy ``good`` over ``bad`` atomically (temporary file in the same folder, then rename)."""
    handle, tmp_name = tempfile.mkstemp(prefix=f"{bad.name}.{os.getpid()}.", suffix=".part", dir=bad.parent)
    try:
        with os.fdopen(handle, "wb") as out, open(good, "rb") as src:
            shutil.copyfileobj(src, out, _CHUNK)
        os.replace(tmp_name, bad)
    finally:
        Path(tmp_name).unlink(missing_ok=True)


def fetch(entry: FileEntry) -> Path:
    """Local path of a pinned file: cache, then mirror, then download; sha256 always checked.

    A cached copy whose sha256 does not match is replaced from a matching mirror copy (with a
    warning); without one it raises :class:`ChecksumError` naming the file, as does a mirror
    copy that does not match. :class:`DataUnavailable` when the file is nowhere local and
    downloading is off or fails (the message says when ``ANALYSIS_MIRROR`` names a folder that
    does not exist). Leftover ``.part`` files of killed downloads are removed on a cache miss.
    """
    rel = url_to_relpath(entry.url)
    cached = config.cache_dir() / rel
    mirror = config.mirror_dir()
    mirrored = mirror / rel if mirror is not None else None
    if cached.is_file():
        if _matches(cached, entry.sha256):
            return cached
        if mirrored is not None and mirrored.is_file() and _matches(mirrored, entry.sha256):
            warnings.warn(
                f"{cached} does not match its sha256 (truncated or changed); replaced by the "
                f"good mirror copy {mirrored}", stacklevel=2,
            )
            _replace_from(mirrored, cached)
            return cached
        raise _refuse(cached, entry)
    remove_partial_downloads(cached)
    if mirrored is not None and mirrored.is_file():
        if _matches(mirrored, entry.sha256):
            return mirrored
        raise _refuse(mirrored, entry)
    if mirror is not None and not mirror.is_dir():
        warnings.warn(f"ANALYSIS_MIRROR={mirror} does not exist or is not a folder", stacklevel=2)
    if config.offline():
        raise DataUnavailable(_how_to_get(
            entry.dataset, f"{entry.url} is not cached or mirrored{_missing_mirror(mirror)}"
        ))
    try:
        return _download(entry, cached)
    except OSError as error:  # URLError, timeouts, refused connections
        raise DataUnavailable(_how_to_get(
            entry.dataset, f"download of {entry.url} failed: {error}{_missing_mirror(mirror)}"
        ))


def _how_to_get(dataset: str, reason: str) -> str:
    return (
        f"dataset {dataset!r} is unavailable: {reason}. Run with network access once "
        "(`python -m analysis.data fetch`, or `make data` in a checkout, fetches and caches "
        "everything), or point ANALYSIS_MIRROR at a folder laid "
        "out as <host>/<path> of each URL in data/manifest.tsv."
    )


def check_licence(src: Source, accept_licence: bool = False) -> None:
    """Refuse an opt-in dataset unless its licence was accepted (argument or environment)."""
    if src.opt_in and not (accept_licence or src.name in config.accepted_licences()):
        raise LicenceNotAccepted(
            f"{src.name!r} is opt-in: its licence is '{src.licence}'. Pass accept_licence=True "
            f"or set ANALYSIS_ACCEPT_LICENCES={src.name} if your use complies. Cite: {src.citation}"
        )


def fetch_dataset(name: str, accept_licence: bool = False) -> dict[str, Path]:
    """Fetch every file of dataset ``name``; returns ``{url: local path}`` in manifest order."""
    src = source(name)
    check_licence(src, accept_licence)
    return {entry.url: fetch(entry) for entry in src.files}


def is_available(name: str) -> bool:
    """True if every file of ``name`` is cached or mirrored locally (no download is tried)."""
    mirror = config.mirror_dir()
    for entry in source(name).files:
        rel = url_to_relpath(entry.url)
        if not ((config.cache_dir() / rel).is_file() or (mirror and (mirror / rel).is_file())):
            return False
    return True


def safe_extract(archive: Path, dest: Path) -> list[Path]:
    """Extract a zip into ``dest``, refusing members that would land outside it.

    Absolute names, ``..`` components and symlinks are refused before anything is written.
    """
    dest = dest.resolve()
    with zipfile.ZipFile(archive) as zf:
        members = zf.infolist()
        for info in members:
            target = (dest / info.filename).resolve()
            if not target.is_relative_to(dest) or info.filename.startswith(("/", "\\")):
                raise ValueError(f"{archive}: member {info.filename!r} would escape {dest}")
            if (info.external_attr >> 16) & 0o170000 == 0o120000:
                raise ValueError(f"{archive}: member {info.filename!r} is a symlink")
        out = []
        for info in members:
            target = dest / info.filename
            if info.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            with zf.open(info) as src, open(target, "wb") as dst:
                shutil.copyfileobj(src, dst)
            out.append(target)
    return out
