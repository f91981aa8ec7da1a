"""The committed artefacts in models/ are what `make models` builds from the pinned data, byte for byte."""

from __future__ import annotations

import hashlib
import os

import pytest

from analysis import artefacts, config


def _sha(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_packaged_artefact_is_committed_with_its_card():
    folder = config.packaged_models_dir()
    for name in artefacts.PACKAGED:
        card, _ = artefacts.read_at(folder / name)
        assert card["format"] == artefacts.FORMAT and card["name"] == name
        assert card["data_sha256"] and "version" in card and card["datasets"]


#: Rebuilds that take minutes (cross-validated grids over thousands of candidates): run by
#: ``make check-models`` (ANALYSIS_REBUILD_ALL=1), not by every ``make test``, to keep CI short.
EXPENSIVE = {"polnear-cues", "conll2010-uncertainty"}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(artefacts.PACKAGED))
def test_make_models_rebuilds_the_committed_bytes(name, require, tmp_path):
    if name in EXPENSIVE and os.environ.get("ANALYSIS_REBUILD_ALL") != "1":
        pytest.skip(f"{name} takes minutes to rebuild: `make check-models` checks it")
    card, _ = artefacts.read_at(config.packaged_models_dir() / name)
    require(*card["datasets"])
    (json_path,) = artefacts.build_packaged([name], tmp_path)
    for suffix in (".json", ".npz"):
        committed = config.packaged_models_dir() / f"{name}{suffix}"
        if committed.exists() or json_path.with_suffix(suffix).exists():
            assert _sha(json_path.with_suffix(suffix)) == _sha(committed), f"{name}{suffix} differs"
