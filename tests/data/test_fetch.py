"""The fetcher: URL mapping, mirror, cache, sha256 refusal, no escape from the data folder."""

from __future__ import annotations

import hashlib
import importlib
import os
import time
import zipfile

import pytest

from analysis.data.fetch import (
    ChecksumError,
    DataUnavailable,
    LicenceNotAccepted,
    check_licence,
    fetch,
    remove_partial_downloads,
    safe_extract,
    url_to_relpath,
)
from analysis.data.manifest import FileEntry, source

# analysis.data re-exports the function fetch, which shadows the module name
fetch_module = importlib.import_module("analysis.data.fetch")

URL = "https://raw.githubusercontent.com/owner/repo/abc/data/file.txt"


def entry_for(content: bytes, url: str = URL) -> FileEntry:
    return FileEntry("toy", url, hashlib.sha256(content).hexdigest(), len(content), "test")


@pytest.fixture
def dirs(tmp_path, monkeypatch):
    mirror, cache = tmp_path / "mirror", tmp_path / "cache"
    mirror.mkdir()
    monkeypatch.setenv("ANALYSIS_MIRROR", str(mirror))
    monkeypatch.setenv("ANALYSIS_CACHE", str(cache))
    monkeypatch.setenv("ANALYSIS_OFFLINE", "1")
    return mirror, cache


def test_url_to_relpath():
    assert str(url_to_relpath(URL)) == "raw.githubusercontent.com/owner/repo/abc/data/file.txt"
    for bad in ("ftp://x/y", "https://host/a/../../etc/passwd", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            url_to_relpath(bad)


def test_mirror_file_is_verified_and_used(dirs):
    mirror, _ = dirs
    path = mirror / url_to_relpath(URL)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"hello")
    assert fetch(entry_for(b"hello")) == path


def test_mismatch_is_refused_and_named(dirs):
    mirror, _ = dirs
    path = mirror / url_to_relpath(URL)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"tampered")
    with pytest.raises(ChecksumError, match="file.txt"):
        fetch(entry_for(b"hello"))


def test_offline_and_absent_is_unavailable(dirs):
    with pytest.raises(DataUnavailable, match="ANALYSIS_MIRROR"):
        fetch(entry_for(b"hello"))


class FakeResponse:
    def __init__(self, body: bytes):
        self.body, self.headers = body, {"Content-Length": str(len(body))}

    def read(self, n=-1):
        out, self.body = self.body[:n], self.body[n:]
        return out

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_download_lands_in_cache_atomically(dirs, monkeypatch):
    _, cache = dirs
    monkeypatch.setenv("ANALYSIS_OFFLINE", "0")
    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", lambda url, timeout: FakeResponse(b"hello"))
    path = fetch(entry_for(b"hello"))
    assert path == cache / url_to_relpath(URL) and path.read_bytes() == b"hello"
    assert not list(path.parent.glob("*.part"))


def test_bad_download_leaves_no_file(dirs, monkeypatch):
    _, cache = dirs
    monkeypatch.setenv("ANALYSIS_OFFLINE", "0")
    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", lambda url, timeout: FakeResponse(b"evil"))
    with pytest.raises(ChecksumError, match="nothing was saved"):
        fetch(entry_for(b"hello"))
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_interrupted_download_leaves_no_file(dirs, monkeypatch):
    _, cache = dirs
    monkeypatch.setenv("ANALYSIS_OFFLINE", "0")

    class Broken(FakeResponse):
        def read(self, n=-1):
            raise ConnectionResetError("connection dropped")

    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", lambda url, timeout: Broken(b""))
    with pytest.raises(DataUnavailable, match="connection dropped"):
        fetch(entry_for(b"hello"))
    assert not any(p.is_file() for p in cache.rglob("*"))


def test_safe_extract_refuses_escaping_members(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("ok.txt", "fine")
        zf.writestr("../outside.txt", "escape")
    with pytest.raises(ValueError, match="escape"):
        safe_extract(archive, tmp_path / "out")
    assert not (tmp_path / "outside.txt").exists() and not (tmp_path / "out" / "ok.txt").exists()


def test_safe_extract_writes_inside(tmp_path):
    archive = tmp_path / "good.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a/b.txt", "fine")
    assert safe_extract(archive, tmp_path / "out") == [tmp_path / "out" / "a" / "b.txt"]


def test_opt_in_licence(monkeypatch):
    lsd = source("lexicoder-lsd2015")
    monkeypatch.delenv("ANALYSIS_ACCEPT_LICENCES", raising=False)
    with pytest.raises(LicenceNotAccepted, match="non-commercial"):
        check_licence(lsd)
    check_licence(lsd, accept_licence=True)
    monkeypatch.setenv("ANALYSIS_ACCEPT_LICENCES", "emfd, lexicoder-lsd2015")
    check_licence(lsd)


# --- a bad cache file, leftover partial downloads, a missing mirror (issue 15) -----------------


def test_truncated_cache_file_is_replaced_from_a_good_mirror_copy(dirs):
    mirror, cache = dirs
    good, bad = mirror / url_to_relpath(URL), cache / url_to_relpath(URL)
    for path, body in ((good, b"hello"), (bad, b"hel")):  # the cached copy is truncated
        path.parent.mkdir(parents=True)
        path.write_bytes(body)
    with pytest.warns(UserWarning, match="replaced by the good mirror copy"):
        assert fetch(entry_for(b"hello")) == bad
    assert bad.read_bytes() == b"hello" and not list(bad.parent.glob("*.part"))
    bad.write_bytes(b"jello")  # no good copy anywhere: refused, named, left alone
    good.write_bytes(b"jello")
    with pytest.raises(ChecksumError, match="file.txt"):
        fetch(entry_for(b"hello"))
    assert bad.read_bytes() == b"jello"


def test_partial_download_of_a_dead_process_is_removed(dirs):
    mirror, cache = dirs
    dest = cache / url_to_relpath(URL)
    dest.parent.mkdir(parents=True)
    dead = dest.parent / "file.txt.999999999.abc.part"  # no process has that pid
    alive = dest.parent / f"file.txt.{os.getpid()}.abc.part"  # a download still running
    other = dest.parent / "other.txt.999999999.abc.part"  # another file's: not this fetch's business
    for path in (dead, alive, other):
        path.write_bytes(b"he")
    good = mirror / url_to_relpath(URL)
    good.parent.mkdir(parents=True)
    good.write_bytes(b"hello")
    assert fetch(entry_for(b"hello")) == good
    assert not dead.exists() and alive.exists() and other.exists()
    old = time.time() - 2 * 24 * 3600  # a day old: abandoned even if the pid was reused
    os.utime(alive, (old, old))
    assert remove_partial_downloads(dest) == [alive] and not alive.exists()


def test_killed_download_leaves_no_part_file_behind_for_ever(dirs, monkeypatch):
    _, cache = dirs
    monkeypatch.setenv("ANALYSIS_OFFLINE", "0")

    class Killed(FakeResponse):
        def read(self, n=-1):  # the process is killed mid-download: no finally block runs
            os._exit(9)

    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", lambda url, timeout: Killed(b""))
    child = os.fork()
    if child == 0:
        fetch(entry_for(b"hello"))
    os.waitpid(child, 0)
    dest = cache / url_to_relpath(URL)
    assert len(list(dest.parent.glob("*.part"))) == 1  # left by the killed process
    monkeypatch.setattr(fetch_module.urllib.request, "urlopen", lambda url, timeout: FakeResponse(b"hello"))
    assert fetch(entry_for(b"hello")) == dest and not list(dest.parent.glob("*.part"))


def test_missing_mirror_folder_is_said(dirs):
    mirror, _ = dirs
    mirror.rmdir()  # ANALYSIS_MIRROR names a folder that is not there
    with pytest.warns(UserWarning, match="does not exist"):
        with pytest.raises(DataUnavailable, match=f"ANALYSIS_MIRROR={mirror} does not exist"):
            fetch(entry_for(b"hello"))
