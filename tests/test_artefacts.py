"""Artefacts: two files, atomic and deterministic writes, corrupt or stale copies rebuilt."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from analysis import artefacts, config
from analysis.artefacts import ArtefactError


@pytest.fixture
def models(tmp_path, monkeypatch):
    monkeypatch.setattr(config, "models_dir", lambda: tmp_path / "built")
    monkeypatch.setattr(config, "packaged_models_dir", lambda: tmp_path / "packaged")
    return tmp_path


def _build(calls):
    def build():
        calls.append(1)
        return {"class": "Toy", "params": {"C": 0.5}}, {"coef": np.array([[1.0, -2.0]]), "classes": np.array([-1, 1])}
    return build


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_save_then_read_round_trips_card_and_arrays(models):
    path = artefacts.save("toy", {"version": 2, "data_sha256": {"u": "abc"}}, {"w": np.arange(3)})
    card, arrays = artefacts.read("toy", version=2, data_sha256={"u": "abc"})
    assert path == models / "built" / "toy.json"
    assert card["format"] == artefacts.FORMAT and card["name"] == "toy" and card["arrays"] == ["w"]
    assert arrays["w"].tolist() == [0, 1, 2]


def test_writes_are_byte_identical_and_leave_no_temporary_file(models):
    artefacts.save("toy", {"version": 1, "b": 1, "a": 2}, {"z": np.ones(2), "a": np.zeros(1)})
    first = {p.name: _digest(p) for p in (models / "built").iterdir()}
    artefacts.save("toy", {"a": 2, "version": 1, "b": 1}, {"a": np.zeros(1), "z": np.ones(2)})
    assert {p.name: _digest(p) for p in (models / "built").iterdir()} == first
    assert sorted(first) == ["toy.json", "toy.npz"]


def test_first_use_builds_once_and_says_so(models, capsys):
    calls = []
    card, arrays = artefacts.load_or_build("toy", _build(calls), version=3, data_sha256="d", what="toy model")
    again, _ = artefacts.load_or_build("toy", _build(calls), version=3, data_sha256="d", what="toy model")
    assert calls == [1] and card == again and card["params"] == {"C": 0.5}
    assert arrays["coef"].tolist() == [[1.0, -2.0]]
    assert "building the toy model (first use)" in capsys.readouterr().err


@pytest.mark.parametrize(
    "damage, reason",
    [
        (lambda stem: stem.with_suffix(".json").write_text("{not json"), "corrupt card"),
        (lambda stem: stem.with_suffix(".npz").write_bytes(stem.with_suffix(".npz").read_bytes()[:40]), "corrupt arrays"),
        (lambda stem: stem.with_suffix(".npz").unlink(), "missing (its card is there)"),
    ],
)
def test_corrupt_copy_is_reported_with_its_path_and_rebuilt(models, capsys, damage, reason):
    calls = []
    artefacts.load_or_build("toy", _build(calls), version=1, data_sha256="d", what="toy model")
    damage(models / "built" / "toy")
    capsys.readouterr()
    card, arrays = artefacts.load_or_build("toy", _build(calls), version=1, data_sha256="d", what="toy model")
    err = capsys.readouterr().err
    assert calls == [1, 1] and arrays["classes"].tolist() == [-1, 1]
    assert str(models / "built" / "toy") in err and reason in err


def test_stale_version_or_data_is_rebuilt(models):
    calls = []
    artefacts.load_or_build("toy", _build(calls), version=1, data_sha256="d", what="toy model")
    artefacts.load_or_build("toy", _build(calls), version=2, data_sha256="d", what="toy model")
    artefacts.load_or_build("toy", _build(calls), version=2, data_sha256="e", what="toy model")
    assert calls == [1, 1, 1]
    with pytest.raises(ArtefactError, match="stale: its version"):
        artefacts.read("toy", version=1)


def test_packaged_copy_serves_when_nothing_was_built(models):
    artefacts.save("toy", {"version": 1, "data_sha256": "d"}, directory=models / "packaged")
    card, arrays = artefacts.read("toy", version=1, data_sha256="d")
    assert card["version"] == 1 and arrays == {}


def test_a_valid_packaged_copy_is_never_shadowed_by_a_user_built_one(models):
    # an earlier build of the same version left in the cache must not replace the reference copy
    artefacts.save("toy", {"version": 1, "data_sha256": "d", "from": "built"}, directory=models / "built")
    artefacts.save("toy", {"version": 1, "data_sha256": "d", "from": "packaged"}, directory=models / "packaged")
    assert artefacts.read("toy", version=1, data_sha256="d")[0]["from"] == "packaged"
    # a stale packaged copy gives way to the user-built one of this version
    artefacts.save("toy", {"version": 2, "data_sha256": "d", "from": "built"}, directory=models / "built")
    assert artefacts.read("toy", version=2, data_sha256="d")[0]["from"] == "built"


def test_without_training_data_the_error_names_the_file_and_the_fetch_command(models):
    (models / "built").mkdir()
    (models / "built" / "toy.json").write_text("[]")
    with pytest.raises(ArtefactError) as caught:
        artefacts.load_or_build("toy", _build([]), version=1, data_sha256="d", what="toy model",
                                data_available=lambda: False)
    message = str(caught.value)
    assert str(models / "built" / "toy.json") in message and "not a JSON object" in message
    assert "python -m analysis.data fetch" in message


def test_a_card_that_is_not_json_is_refused_before_writing(models):
    with pytest.raises(ValueError):
        artefacts.save("toy", {"version": 1, "x": float("nan")})
    assert not (models / "built" / "toy.json").exists()


def test_files_get_ordinary_permissions(models):
    import os

    path = artefacts.save("toy", {"version": 1}, {"w": np.ones(1)})
    umask = os.umask(0)
    os.umask(umask)
    for file in (path, path.with_suffix(".npz")):
        assert file.stat().st_mode & 0o777 == 0o666 & ~umask
