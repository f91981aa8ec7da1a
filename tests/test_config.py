"""config: paths in a checkout, and in a pip install (PROJECT_DIR monkeypatched to a folder that
is not a checkout), where caches and user-built models go to the user cache folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis import config


@pytest.fixture
def installed(monkeypatch, tmp_path):
    """PROJECT_DIR as pip leaves it: site-packages, no pyproject.toml, no data/sources.toml."""
    site = tmp_path / "site-packages"
    (site / "analysis").mkdir(parents=True)
    monkeypatch.setattr(config, "PROJECT_DIR", site)
    monkeypatch.delenv("ANALYSIS_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))  # platformdirs on Linux
    return site


@pytest.fixture
def checkout(monkeypatch, tmp_path):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    (project / "data" / "sources.toml").write_text("")
    (project / "pyproject.toml").write_text("")
    monkeypatch.setattr(config, "PROJECT_DIR", project)
    monkeypatch.delenv("ANALYSIS_CACHE", raising=False)
    return project


def test_checkout_keeps_its_folders(checkout):
    assert config.in_checkout()
    assert config.cache_dir() == checkout / "data" / "cache"
    assert config.models_dir() == checkout / "data" / "cache" / "models"
    assert config.nltk_data_dir() == checkout / ".nltk_data"


def test_installed_package_writes_to_the_user_cache(installed, tmp_path):
    assert not config.in_checkout()
    user = tmp_path / "xdg-cache" / "media-framing-analysis"
    assert config.user_cache_dir() == user
    assert config.cache_dir() == user
    assert config.models_dir() == user / "models"
    assert config.nltk_data_dir() == user / "nltk_data"
    for path in (config.cache_dir(), config.models_dir(), config.nltk_data_dir()):
        assert installed not in path.parents  # never inside site-packages


@pytest.mark.parametrize("where", ["installed", "checkout"])
def test_analysis_cache_overrides(where, request, monkeypatch, tmp_path):
    request.getfixturevalue(where)
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "mine"))
    assert config.cache_dir() == tmp_path / "mine"
    assert config.models_dir() == tmp_path / "mine" / "models"


def test_real_checkout_is_detected():
    # this test suite runs from the repository
    assert config.in_checkout()
    assert Path(config.PROJECT_DIR, "pyproject.toml").is_file()


def test_unavailable_data_message_names_the_pip_command(monkeypatch, tmp_path):
    # a pip user has no Makefile: the error says which command fetches the data
    import importlib

    from analysis.data.manifest import FileEntry

    fetch = importlib.import_module("analysis.data.fetch")
    monkeypatch.setenv("ANALYSIS_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("ANALYSIS_MIRROR", raising=False)
    monkeypatch.setenv("ANALYSIS_OFFLINE", "1")
    entry = FileEntry("toy", "https://example.org/a.txt", "0" * 64, 1, "test")
    with pytest.raises(fetch.DataUnavailable, match="python -m analysis.data fetch"):
        fetch.fetch(entry)
