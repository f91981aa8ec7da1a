"""Trained artefacts: a JSON card plus numpy arrays, written atomically and byte for byte reproducibly.

Every model the package trains (POS tagger, sentiment, frames, sourcing, hedging) is kept as two
files, never a pickle:

* ``<name>.json``: the *card*. What the model is (``class``, parameters, vocabulary, thresholds),
  the artefact ``format`` (:data:`FORMAT`) and the model's own ``version``, and ``data_sha256``:
  the sha256 of every input it was trained on, as the manifest pins them.
* ``<name>.npz``: the arrays (coefficients, intercepts), read with ``allow_pickle=False``.

Two places hold artefacts. The package ships small ones in :func:`analysis.config.packaged_models_dir`
(``models/`` of the checkout, committed, so the embedded default works offline with no data;
``make models`` rebuilds them there byte for byte from the pinned data). Anything built on a user's
machine goes to :func:`analysis.config.models_dir` (under the cache), which is searched first.

:func:`load_or_build` is what instruments call: it returns a valid artefact, or rebuilds one when it
is missing, corrupt (unreadable JSON, a broken zip, missing arrays) or stale (another format,
version or training data), saying on stderr what it is doing and why; when the training data is not
local it raises :class:`ArtefactError` naming the file, the reason and how to get the data.

Writes are atomic (a temporary file in the same folder, then :func:`os.replace`), and deterministic:
JSON with sorted keys, zip members in name order with a fixed timestamp, so rebuilding from the same
data gives the same bytes.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Callable, Mapping

import numpy as np

from analysis import config

#: Version of the two-file layout itself (the card's keys and the npz conventions).
FORMAT = 1
#: The artefacts committed in ``models/``, each with the function (``module:function``) that
#: returns its complete ``(card, arrays)`` (with ``version``, ``data_sha256`` and ``datasets``,
#: the manifest datasets it learns from). Named, not imported: this module sits below the
#: instruments. ``python -m analysis.artefacts build`` (``make models``) rebuilds them.
PACKAGED = {
    "pos-perceptron-ptb": "analysis.tagger:packaged_artefact",
    "policy-frames": "analysis.framing.policy:packaged_artefact",
    "conll2010-uncertainty": "analysis.framing.hedging:packaged_artefact",
    "gum-name-types": "analysis.framing.actors:packaged_name_model",
    "generic-frames": "analysis.framing.generic:packaged_artefact",
    "polnear-cues": "analysis.framing.attributions:packaged_artefact",
    "newsmtsc-target-sentiment": "analysis.sentiment_models:packaged_artefact",
    "newsmtsc-sentence-sentiment": "analysis.sentiment_models:packaged_sentence_artefact",
    "persent-document-tone": "analysis.actor_tone:packaged_artefact",
    "persent-paragraph-tone": "analysis.actor_tone:packaged_paragraph_artefact",
}
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest zip timestamp: no build time in the bytes

Arrays = Mapping[str, np.ndarray]


class ArtefactError(RuntimeError):
    """An artefact is missing, unreadable or stale; ``path`` and ``reason`` say which and why."""

    def __init__(self, path: Path, reason: str, hint: str = ""):
        self.path, self.reason = Path(path), reason
        super().__init__(f"{path}: {reason}" + (f". {hint}" if hint else ""))


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a model file is as readable as any other
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _npz_bytes(arrays: Arrays) -> bytes:
    """An ``.npz`` (what :func:`numpy.savez` writes) with no timestamp in it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for key in sorted(arrays):
            member = io.BytesIO()
            np.lib.format.write_array(member, np.ascontiguousarray(arrays[key]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, member.getvalue())
    return buffer.getvalue()


def card_json(card: Mapping) -> str:
    """The card as written: compact JSON with sorted keys and a final newline (``python -m json.tool``
    shows it indented)."""
    return json.dumps(card, separators=(",", ":"), sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"


def save(name: str, card: Mapping, arrays: Arrays | None = None, directory: Path | None = None) -> Path:
    """Write ``<directory>/<name>.json`` (``card`` plus ``format``) and, if ``arrays``, ``.npz``.

    ``directory`` defaults to :func:`analysis.config.models_dir`. The card should hold ``version``
    and ``data_sha256`` (checked by :func:`read`); it must be JSON (no NaN). Returns the JSON path.
    """
    directory = Path(directory) if directory is not None else config.models_dir()
    stem = directory / name
    full = {**card, "format": FORMAT, "name": name, "arrays": sorted(arrays) if arrays else []}
    text = card_json(full)  # fails before anything is written if the card is not JSON
    if arrays:
        _atomic_write(stem.with_suffix(".npz"), _npz_bytes(arrays))
    _atomic_write(stem.with_suffix(".json"), text.encode("utf-8"))
    return stem.with_suffix(".json")


def read_at(stem: Path, version=None, data_sha256=None) -> tuple[dict, dict[str, np.ndarray]]:
    json_path = stem.with_suffix(".json")
    try:
        card = json.loads(json_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArtefactError(json_path, "missing") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ArtefactError(json_path, f"corrupt card ({error})") from None
    if not isinstance(card, dict):
        raise ArtefactError(json_path, "corrupt card (not a JSON object)")
    for key, expected in (("format", FORMAT), ("version", version), ("data_sha256", data_sha256)):
        if expected is not None and card.get(key) != expected:
            raise ArtefactError(json_path, f"stale: its {key} is not the one this package expects")
    arrays: dict[str, np.ndarray] = {}  # (read_at: the artefact at ``stem``, checked as :func:`read` does)
    if card.get("arrays"):
        npz_path = stem.with_suffix(".npz")
        try:
            with np.load(npz_path, allow_pickle=False) as stored:
                arrays = {key: stored[key] for key in card["arrays"]}
        except FileNotFoundError:
            raise ArtefactError(npz_path, "missing (its card is there)") from None
        except (OSError, ValueError, KeyError, zipfile.BadZipFile, EOFError) as error:
            raise ArtefactError(npz_path, f"corrupt arrays ({type(error).__name__}: {error})") from None
    return card, arrays


def read(name: str, version=None, data_sha256=None) -> tuple[dict, dict[str, np.ndarray]]:
    """The card and arrays of artefact ``name``: the packaged copy (committed under ``models/``,
    rebuilt byte for byte by ``make models``) if valid, else the user-built one (built on first
    use when the packaged copy is missing, corrupt or stale). The packaged copy comes first so
    that a user-built copy left in the cache by an earlier build of the same version can never
    shadow the reference one.

    ``version`` and ``data_sha256``, when given, must equal the card's (else the artefact is
    stale). Raises :class:`ArtefactError` with the path and reason of the first place looked at
    when neither place holds a valid copy.
    """
    first_error = None
    for directory in dict.fromkeys((config.packaged_models_dir(), config.models_dir())):
        try:
            return read_at(directory / name, version, data_sha256)
        except ArtefactError as error:
            if first_error is None or (first_error.reason == "missing" and error.reason != "missing"):
                first_error = error
    raise first_error


def load_or_build(
    name: str,
    build: Callable[[], tuple[Mapping, Arrays | None]],
    *,
    version,
    data_sha256,
    what: str,
    data_available: Callable[[], bool] = lambda: True,
) -> tuple[dict, dict[str, np.ndarray]]:
    """:func:`read` the artefact, or build, :func:`save` and return it when it is not valid.

    ``build()`` returns ``(card, arrays)``; ``version`` and ``data_sha256`` are written into the card
    and checked on every read. ``what`` names the model in the one line printed to stderr before a
    build (first use, or a corrupt or stale file, with its path and reason). When
    ``data_available()`` is false the build is not tried: :class:`ArtefactError` says which file was
    wrong and that ``python -m analysis.data fetch`` gets the training data.
    """
    try:
        return read(name, version, data_sha256)
    except ArtefactError as error:
        if not data_available():
            raise ArtefactError(
                error.path, error.reason,
                f"Cannot build the {what}: its training data is not local "
                "(run `python -m analysis.data fetch`, or set ANALYSIS_MIRROR)",
            ) from None
        reason = "first use" if error.reason == "missing" else f"{error.path} is {error.reason}"
        print(f"analysis: building the {what} ({reason}); this happens once", file=sys.stderr, flush=True)
    card, arrays = build()
    save(name, {**card, "version": version, "data_sha256": data_sha256}, arrays)
    return read(name, version, data_sha256)


def build_packaged(names=None, directory: Path | None = None) -> list[Path]:
    """Rebuild the artefacts of :data:`PACKAGED` (all, or ``names``) from the pinned data into
    ``directory`` (default :func:`analysis.config.packaged_models_dir`); returns the JSON paths.
    The same data gives the same bytes, which ``tests/test_models.py`` checks."""
    paths = []
    for name in names or PACKAGED:
        module, function = PACKAGED[name].split(":")
        card, arrays = getattr(importlib.import_module(module), function)()
        paths.append(save(name, card, arrays, directory or config.packaged_models_dir()))
        print(f"{name}: written to {paths[-1]}", file=sys.stderr, flush=True)
    return paths


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.artefacts build [NAME ...] [--into DIR]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.artefacts")
    parser.add_argument("command", choices=["build"])
    parser.add_argument("names", nargs="*", metavar="NAME", help=f"some of {', '.join(PACKAGED)} (default: all)")
    parser.add_argument("--into", type=Path, default=None, help="folder (default: models/)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(PACKAGED))
    if unknown:
        parser.error(f"unknown artefact(s) {unknown}; known: {', '.join(PACKAGED)}")
    build_packaged(args.names or None, args.into)
    return 0


if __name__ == "__main__":
    sys.exit(main())
