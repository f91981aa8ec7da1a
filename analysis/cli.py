"""``python -m analysis run PATH... --out DIR``: every instrument over your own articles, as tidy tables.

Inputs are files or folders (searched recursively; hidden files skipped):

* ``.txt`` (and any other file named explicitly): one article, read by
  :func:`analysis.data.article.read_article`, so the package's text layout (title, date line,
  byline, caption, "Original url:") is understood and a plain text file is read as title and body
  or body only;
* ``.html``/``.htm``: one page, main text and metadata extracted with trafilatura
  (:func:`analysis.data.article.parse_html`);
* ``.jsonl``/``.ndjson`` and ``.csv``: one article per line/row, the text in ``--text-column``
  (default ``text``); the columns ``doc_id`` (or ``id``), ``title``, ``date``, ``outlet``, ``url``
  are used when present.

Outputs in ``--out`` (each as ``.csv`` and ``.parquet``), one row per unit, every row carrying the
``doc_id`` it comes from and character offsets into that document's ``text``:

=================  ===============================================================================
``documents``      one row per document: source file, metadata, ``status``/``reason``/``notes``,
                   and every column of :func:`analysis.pipeline.featurize`
``sentences``      :func:`analysis.tokenize.sentence_spans`
``quotes``         :func:`analysis.framing.quotes.quotes`
``attributions``   :func:`analysis.framing.quotes.attributions`
``hedging``        :func:`analysis.framing.hedging.hedging`
``actor_mentions`` :func:`analysis.sentiment.actor_mentions`: each actor mention and the tone
                   towards it (target sentiment)
``actor_labels``   :func:`analysis.framing.actors.labels`: epithets and labels of each mention
``frame_evidence`` :func:`analysis.framing.generic.generic_frame_evidence`
=================  ===============================================================================

and ``data_dictionary.csv``/``.md`` (table, column, meaning). Nothing stops the run: a file that
cannot be read, or a document on which an instrument raises, is a row of ``documents`` with
``status`` and ``reason`` (a failed instrument is named in ``notes``). Results are cached in
``DIR/.parts/`` per batch of files, keyed by each file's sha256, the options and a fingerprint of
the package's code (:func:`code_fingerprint`), so a rerun skips the files already done (and
retries the ones that failed), whatever their names; ``--force`` recomputes everything.

``--report`` also renders one notebook-01 report per article (papermill, parameters
``article_path`` and ``outlet``) into ``DIR/reports/``; the committed notebook is never written.
It needs the notebooks of a project checkout and the ``notebooks`` extra (papermill): a package
installed from a wheel does not ship the notebooks, and says so.

``--n-jobs N`` analyses batches of files in ``N`` worker processes; a worker that dies (the
out-of-memory killer) marks its files, which are then retried one by one in a fresh worker.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import math
import os
import re
import sys
import time
import warnings
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

__all__ = ["TABLES", "code_fingerprint", "data_dictionary", "find_inputs", "main", "notebook_path", "read_documents", "render_reports", "run"]

#: The tables written, in order, with what one row is.
TABLES = {
    "documents": "one document (an article file, or a row of a .jsonl/.csv file)",
    "sentences": "one sentence (analysis.tokenize.sentence_spans)",
    "quotes": "one quotation (analysis.framing.quotes.quotes)",
    "attributions": "one attribution of speech or information to a source (analysis.framing.quotes.attributions)",
    "hedging": "one hedging or epistemic marker (analysis.framing.hedging.hedging)",
    "actor_mentions": "one actor mention with the tone towards it (analysis.sentiment.actor_mentions)",
    "actor_labels": "one label or epithet of an actor mention (analysis.framing.actors.labels)",
    "frame_evidence": "one piece of evidence for a generic frame (analysis.framing.generic.generic_frame_evidence)",
}
ARTICLE_SUFFIXES = {".txt", ".text", ".html", ".htm", ".xhtml"}
TABLE_SUFFIXES = {".jsonl", ".ndjson", ".csv"}
_PARTS = ".parts"
_FORMAT = 2  # of the cached parts; bump when their content changes
_BATCH_FILES = 24  # article files analysed together (featurize and the target model like batches)
_METADATA = ["title", "date", "outlet", "url", "byline", "standfirst", "dateline"]
_DOCUMENT_HEAD = ["doc_id", "source", "row", "sha256", *_METADATA, "status", "reason", "notes", "text"]


# --- reading inputs ---------------------------------------------------------------------------


def find_inputs(paths: Iterable[str | Path], exclude: Path | None = None) -> list[Path]:
    """The files to analyse: each file named, and under each folder (recursively, sorted) the
    files with an article or table suffix (:data:`ARTICLE_SUFFIXES`, :data:`TABLE_SUFFIXES`);
    hidden files and folders and anything under ``exclude`` (the output folder) are skipped. A
    path that does not exist is kept, so that it becomes a marked row."""
    found: list[Path] = []
    exclude = exclude.resolve() if exclude is not None else None
    for path in map(Path, paths):
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                rel = child.relative_to(path).parts
                if (
                    child.is_file()
                    and child.suffix.lower() in ARTICLE_SUFFIXES | TABLE_SUFFIXES
                    and not any(part.startswith(".") for part in rel)
                    and not (exclude is not None and child.resolve().is_relative_to(exclude))
                ):
                    found.append(child)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _record(**values) -> dict:
    row = dict.fromkeys(["row", *_METADATA, "text"])
    row.update(status="ok", reason=None, notes=None)
    row.update(values)
    return row


def _cell(value) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    text = str(value).strip()
    return text or None


def _table_rows(path: Path, text_column: str, encoding: str | None) -> list[dict]:
    """One record per line of a .jsonl file or row of a .csv file; bad lines are marked rows."""
    from analysis.data.article import parse_date

    if path.suffix.lower() == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding=encoding or "utf-8-sig")
        records = frame.to_dict("records")
        rows = [(i, r, None) for i, r in enumerate(records)]
    else:
        rows = []
        with open(path, encoding=encoding or "utf-8-sig") as handle:
            for i, line in enumerate(handle):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                    error = None if isinstance(record, dict) else f"line {i + 1} is not a JSON object"
                except json.JSONDecodeError as exc:
                    record, error = {}, f"line {i + 1} is not valid JSON: {exc.msg}"
                rows.append((i, record if isinstance(record, dict) else {}, error))
    if rows and not any(text_column in r for _, r, _ in rows):
        columns = sorted({k for _, r, _ in rows for k in r})
        raise KeyError(f"no text column {text_column!r} (use --text-column); the columns are {columns}")
    out = []
    for i, record, error in rows:
        text = record.get(text_column)
        meta = {k: _cell(record.get(k)) for k in _METADATA}
        if meta["date"]:  # ISO when it is a date in a common form, else kept as given
            meta["date"] = parse_date(meta["date"]) or meta["date"]
        doc_id = _cell(record.get("doc_id")) or _cell(record.get("id"))
        row = _record(row=i, doc_id=doc_id, text=text if isinstance(text, str) else None, **meta)
        if error:
            row.update(status="failed", reason=error)
        elif text is None or (isinstance(text, float) and math.isnan(text)):
            row.update(status="missing", reason=f"no text in column {text_column!r}")
        elif not isinstance(text, str):
            row.update(status="invalid", reason=f"column {text_column!r} holds {type(text).__name__}, not text")
        out.append(row)
    return out


def read_documents(path: str | Path, text_column: str = "text", encoding: str | None = None) -> list[dict]:
    """The documents of one input file as records (``doc_id``, ``row``, metadata, ``text``,
    ``status``, ``reason``, ``notes``). Never raises: a file that cannot be read gives one record
    with ``status="failed"`` and the reason (warnings of the reader, such as a missing date line,
    go into ``notes``)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no such file")
        if path.suffix.lower() in TABLE_SUFFIXES:
            return _table_rows(path, text_column, encoding)
        with open(path, "rb") as handle:
            head = handle.read(4096)
        if not head.strip() and path.stat().st_size <= len(head):
            return [_record(text="", status="empty", reason="empty file")]
        from analysis.data.article import read_article

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            article = read_article(path, encoding=encoding)
        notes = "; ".join(dict.fromkeys(str(w.message).removeprefix(f"{path}: ") for w in caught)) or None
        row = _record(text=article.text, notes=notes, **{k: getattr(article, k) for k in _METADATA})
        if not article.text.strip():
            row.update(status="empty", reason="no body text found")
        return [row]
    except Exception as error:  # one bad file is one marked row
        return [_record(status="failed", reason=_reason(error))]


def _reason(error: BaseException) -> str:
    message = str(error).strip() or "(no message)"
    return f"{type(error).__name__}: {message}"[:500]


# --- analysing a batch of files ----------------------------------------------------------------


@dataclass
class _File:
    path: str
    sha256: str | None
    docs: list[dict] = field(default_factory=list)


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """sha256 of the package's code and packaged model cards (every ``analysis/**/*.py`` and
    ``*.json`` under :func:`analysis.config.packaged_models_dir`): cached results of an older
    version of the instruments are never reused."""
    from analysis import config

    digest = hashlib.sha256()
    files = sorted(config.PACKAGE_DIR.rglob("*.py"))
    models = config.packaged_models_dir()
    files += sorted(models.glob("*.json")) if models.is_dir() else []
    for path in files:
        digest.update(str(path.relative_to(path.parents[1] if path.is_relative_to(models) else config.PACKAGE_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _options_key(text_column: str, encoding: str | None) -> dict:
    import analysis

    return {"format": _FORMAT, "version": analysis.__version__, "code": code_fingerprint(),
            "text_column": text_column, "encoding": encoding}


def _per_document(function, texts: dict[int, str], failures: dict[int, list[str]], name: str) -> pd.DataFrame:
    """``function(text)`` for each document, with a ``doc`` column; a document on which it
    raises gets a note, not an exception."""
    parts = []
    for doc, text in texts.items():
        try:
            table = function(text)
        except Exception as error:
            failures.setdefault(doc, []).append(f"{name} failed: {_reason(error)}")
            continue
        parts.append(table.assign(doc=doc) if len(table) else table.assign(doc=pd.Series(dtype="int64")))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame({"doc": pd.Series(dtype="int64")})


def _sentences(text: str) -> pd.DataFrame:
    from analysis.tokenize import sentence_spans

    spans = sentence_spans(text)
    return pd.DataFrame(
        {"sentence": range(len(spans)), "start": [s[0] for s in spans], "end": [s[1] for s in spans],
         "text": [text[s[0]:s[1]] for s in spans]}
    )


def _featurize(texts: dict[int, str], failures: dict[int, list[str]]) -> pd.DataFrame:
    from analysis.pipeline import featurize

    frame = pd.DataFrame({"text": list(texts.values())}, index=list(texts))
    try:
        return featurize(frame, progress=False)
    except Exception:  # one document should not take the batch down: one call each
        parts = []
        for doc, text in texts.items():
            try:
                parts.append(featurize(pd.DataFrame({"text": [text]}, index=[doc]), progress=False))
            except Exception as error:
                failures.setdefault(doc, []).append(f"featurize failed: {_reason(error)}")
        return pd.concat(parts) if parts else pd.DataFrame(index=pd.Index([], dtype="int64"))


def _actor_mentions(texts: dict[int, str], failures: dict[int, list[str]]) -> pd.DataFrame:
    from analysis.sentiment import actor_mentions

    docs = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    try:
        table = actor_mentions(docs)
    except Exception:
        return _per_document(
            lambda t: actor_mentions(pd.DataFrame({"doc_id": [0], "text": [t]})).drop(columns="doc_id"),
            texts, failures, "actor_mentions",
        )
    return table.rename(columns={"doc_id": "doc"})


def _frame_evidence(texts: dict[int, str], failures: dict[int, list[str]]) -> pd.DataFrame:
    from analysis.framing.generic import generic_frame_evidence

    keys = list(texts)
    try:
        table = generic_frame_evidence(list(texts.values()))
    except Exception:
        return _per_document(
            lambda t: generic_frame_evidence([t]).drop(columns="doc"), texts, failures, "frame_evidence"
        )
    table["doc"] = [keys[i] for i in table["doc"]]
    return table


def _analyse(texts: dict[int, str]) -> tuple[dict[str, pd.DataFrame], dict[int, list[str]]]:
    """Every table for the documents ``{key: text}``: ``({table: frame with a doc column},
    {key: [instrument failures]})``."""
    from analysis.framing.actors import labels
    from analysis.framing.hedging import hedging
    from analysis.framing.quotes import attributions, quotes

    failures: dict[int, list[str]] = {}
    features = _featurize(texts, failures)
    tables = {
        "documents": features.rename_axis("doc").reset_index(),
        "sentences": _per_document(_sentences, texts, failures, "sentences"),
        "quotes": _per_document(quotes, texts, failures, "quotes"),
        "attributions": _per_document(attributions, texts, failures, "attributions"),
        "hedging": _per_document(hedging, texts, failures, "hedging"),
        "actor_mentions": _actor_mentions(texts, failures),
        "actor_labels": _per_document(labels, texts, failures, "actor_labels"),
        "frame_evidence": _frame_evidence(texts, failures),
    }
    return tables, failures


def _tabular(table: pd.DataFrame) -> pd.DataFrame:
    """Columns CSV and Parquet can hold: lists, dicts and tuples become JSON strings."""
    table = table.copy()
    for column in table.columns:
        if table[column].dtype == object:
            values = table[column]
            if values.map(lambda v: isinstance(v, (list, tuple, dict, set))).any():
                table[column] = values.map(
                    lambda v: json.dumps(list(v) if isinstance(v, (tuple, set)) else v, default=str)
                    if isinstance(v, (list, tuple, dict, set)) else v
                )
            elif not values.map(lambda v: v is None or isinstance(v, str)).all():
                table[column] = values.map(lambda v: v if v is None or isinstance(v, str) else str(v))
    return table


def _process_batch(files: list[tuple[str, str]], out: str, text_column: str, encoding: str | None) -> list[tuple[str, str]]:
    """Read, analyse and cache the files ``[(path, sha256)]``; returns ``[(sha256, folder)]``.

    Runs in a worker process or in the main one. The batch's tables are written to
    ``out/.parts/<key>/`` (one Parquet file per table, each row keyed by its file's sha256 and
    the document's number in the file), then ``manifest.json``: the options, the files of the
    batch and the ones that read and analysed cleanly. Only those count as done for a rerun; the
    others are in the tables of this run (with their marked rows) and are retried next time.
    """
    batch = [_File(path, sha, read_documents(path, text_column, encoding)) for path, sha in files]
    texts, key_sha, key_doc = {}, [], []
    for file in batch:
        for d, doc in enumerate(file.docs):
            if doc["status"] == "ok":
                texts[len(key_sha)] = doc["text"]
                key_sha.append(file.sha256)
                key_doc.append(d)
    tables, failures = _analyse(texts) if texts else ({}, {})
    key_of = {(s, d): k for k, (s, d) in enumerate(zip(key_sha, key_doc))}
    head_rows = []
    for file in batch:
        for d, doc in enumerate(file.docs):
            notes = [doc.get("notes"), *failures.get(key_of.get((file.sha256, d)), [])]
            head_rows.append({"_sha": file.sha256, "doc": d, "doc_id": doc.get("doc_id"),
                              **{c: doc.get(c) for c in ["row", *_METADATA, "status", "reason"]},
                              "notes": "; ".join(filter(None, notes)) or None,
                              "text": doc["text"] if isinstance(doc.get("text"), str) else None})
    head = pd.DataFrame(head_rows)
    sha_array, doc_array = pd.Series(key_sha, dtype=object), pd.Series(key_doc, dtype="int64")
    written = {}
    for name in TABLES:
        table = tables.get(name)
        if table is None:
            table = pd.DataFrame({"doc": pd.Series(dtype="int64")})
        keys = table["doc"].to_numpy()
        table = table.drop(columns="doc")
        table.insert(0, "doc", doc_array.iloc[keys].to_numpy() if len(keys) else pd.Series(dtype="int64"))
        table.insert(0, "_sha", sha_array.iloc[keys].to_numpy() if len(keys) else pd.Series(dtype=object))
        if name == "documents":  # reading's verdict, then featurize's on the text (ok, empty, failed)
            features = table.rename(columns={"status": "_status", "reason": "_reason"})
            table = head.merge(features, on=["_sha", "doc"], how="left", sort=False)
            if "_status" in table:
                use = table["status"].eq("ok") & table["_status"].notna()
                table.loc[use, "status"] = table.loc[use, "_status"]
                table.loc[use, "reason"] = table.loc[use, "_reason"]
                table = table.drop(columns=["_status", "_reason"])
        written[name] = _tabular(table)
    statuses = written["documents"].groupby("_sha", sort=False)
    clean = [
        sha for sha, part in statuses
        if part["status"].isin(["ok", "empty", "missing"]).all()
        and not part["notes"].fillna("").str.contains(" failed: ", regex=False).any()
    ]
    key = hashlib.sha256("\n".join(sorted(sha for _, sha in files)).encode()).hexdigest()[:32]
    folder = Path(out) / _PARTS / key
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "manifest.json").unlink(missing_ok=True)  # incomplete until rewritten below
    for name, table in written.items():
        tmp = folder / f".{name}.parquet.tmp"
        table.to_parquet(tmp, index=False)
        os.replace(tmp, folder / f"{name}.parquet")
    manifest = {"options": _options_key(text_column, encoding), "files": [sha for _, sha in files], "clean": clean}
    tmp = folder / ".manifest.json.tmp"
    tmp.write_text(json.dumps(manifest, sort_keys=True))
    os.replace(tmp, folder / "manifest.json")
    return [(sha, str(folder)) for _, sha in files]


# --- the run ---------------------------------------------------------------------------------


def _done_index(out: Path, options: dict) -> dict[str, str]:
    """``{sha256: folder}`` of the files already analysed cleanly with these options (the newest
    folder when several hold one)."""
    done: dict[str, tuple[float, str]] = {}
    for manifest in (out / _PARTS).glob("*/manifest.json"):
        try:
            content = json.loads(manifest.read_text())
            stamp = manifest.stat().st_mtime
        except (OSError, ValueError):
            continue
        if content.get("options") != options or not all((manifest.parent / f"{n}.parquet").is_file() for n in TABLES):
            continue
        for sha in content.get("clean", []):
            if sha not in done or done[sha][0] < stamp:
                done[sha] = (stamp, str(manifest.parent))
    return {sha: folder for sha, (_, folder) in done.items()}


def _batches(files: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Article files in groups of :data:`_BATCH_FILES`; each table file alone."""
    batches, current = [], []
    for item in files:
        if Path(item[0]).suffix.lower() in TABLE_SUFFIXES:
            batches.append([item])
            continue
        current.append(item)
        if len(current) == _BATCH_FILES:
            batches.append(current)
            current = []
    return batches + ([current] if current else [])


def _run_batches(batches, out: Path, text_column, encoding, n_jobs: int, bar) -> tuple[dict[str, str], dict[str, str]]:
    """Process every batch: ``({sha256: folder} written, {path: reason} of files that failed)``."""
    written: dict[str, str] = {}
    failed: dict[str, str] = {}
    if n_jobs == 1:
        for batch in batches:
            try:
                written.update(_process_batch(batch, str(out), text_column, encoding))
            except Exception as error:  # should not happen (each step is guarded): mark the files
                failed.update({path: _reason(error) for path, _ in batch})
            bar.update(len(batch))
        return written, failed
    retry = []
    with ProcessPoolExecutor(n_jobs) as pool:
        futures = [(batch, pool.submit(_process_batch, batch, str(out), text_column, encoding)) for batch in batches]
        for batch, future in futures:
            try:
                written.update(future.result())
                bar.update(len(batch))
            except BrokenProcessPool:
                retry.extend(batch)
            except Exception as error:
                failed.update({path: _reason(error) for path, _ in batch})
                bar.update(len(batch))
    for item in retry:  # a worker died: each of its files once more, alone, in a fresh worker
        try:
            with ProcessPoolExecutor(1) as pool:
                written.update(pool.submit(_process_batch, [item], str(out), text_column, encoding).result())
        except BrokenProcessPool:
            failed[item[0]] = "the worker process died (out of memory?) twice while analysing this file"
        except Exception as error:
            failed[item[0]] = _reason(error)
        bar.update(1)
    return written, failed


def _doc_ids(documents: pd.DataFrame) -> pd.Series:
    """Unique ids: the file name's stem (or the table's id column, else ``<stem>-<row + 1>``),
    suffixed ``-2``, ``-3`` ... on a clash."""
    stems = documents["source"].map(lambda s: Path(s).stem)
    given = documents["doc_id"] if "doc_id" in documents else pd.Series(None, index=documents.index)
    base = [
        g if isinstance(g, str) and g else (stem if pd.isna(r) else f"{stem}-{int(r) + 1}")
        for g, stem, r in zip(given, stems, documents["row"])
    ]
    seen: dict[str, int] = {}
    out = []
    for name in base:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name}-{seen[name]}")
    return pd.Series(out, index=documents.index)


def run(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    report: bool = False,
    n_jobs: int = 1,
    text_column: str = "text",
    encoding: str | None = None,
    force: bool = False,
    progress: bool | None = None,
) -> dict[str, pd.DataFrame]:
    """Analyse every article under ``paths`` and write the tables (module docstring) to ``out``.

    Returns ``{table: frame}`` as written. ``n_jobs``: worker processes over batches of files;
    ``text_column``: of ``.jsonl``/``.csv`` inputs; ``encoding``: of the input files (default
    UTF-8); ``force``: recompute files already done; ``progress``: a tqdm bar on stderr (default:
    when stderr is a terminal). ``report``: also render notebook 01 per article
    (:func:`render_reports`). Raises ``ValueError`` on ``n_jobs < 1``; never on a bad input file.
    """
    from tqdm.auto import tqdm

    if int(n_jobs) != n_jobs or n_jobs < 1:
        raise ValueError(f"n_jobs must be a positive integer, got {n_jobs!r}")
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    inputs = find_inputs(paths, exclude=out)
    options = _options_key(text_column, encoding)
    files: list[tuple[str, str]] = []
    unreadable: dict[str, str] = {}
    for path in inputs:
        try:
            files.append((str(path), _sha256(path)))
        except OSError as error:
            unreadable[str(path)] = _reason(error)
    done = {} if force else _done_index(out, options)
    todo = list({sha: (path, sha) for path, sha in reversed(files) if sha not in done}.values())[::-1]
    n_done = sum(sha in done for _, sha in files)
    show = sys.stderr.isatty() if progress is None else progress
    started = time.perf_counter()
    with tqdm(total=len(todo), disable=not show, unit="file", desc="analysis run", file=sys.stderr) as bar:
        written, failed = _run_batches(_batches(todo), out, text_column, encoding, int(n_jobs), bar)
    where = {**done, **written}
    tables = _write(out, _collect(files, where, unreadable, failed))
    elapsed = time.perf_counter() - started
    docs = tables["documents"]
    marked = int((~docs["status"].isin(["ok"])).sum())
    print(
        f"analysis run: {len(inputs)} file(s), {len(docs)} document(s) ({marked} marked with a status other "
        f"than ok), {n_done} file(s) already done, {elapsed:.1f} s; tables in {out}",
        file=sys.stderr,
    )
    if report:
        render_reports(docs, out)
    return tables


def _read_parts(name: str, wanted: pd.DataFrame) -> pd.DataFrame:
    """Table ``name`` of the files in ``wanted`` (columns ``_sha``, ``_folder``, ``_file``): each
    folder's Parquet file read once (only the rows of wanted files), joined as Arrow tables and
    converted to pandas once, then given each file's number (a file listed twice gets its rows
    twice), in file order and, within a file, in the order written."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    pieces = []
    for folder, part in wanted.groupby("_folder", sort=False):
        table = pq.read_table(Path(folder) / f"{name}.parquet")
        if table.num_rows:
            values = pa.array(part["_sha"].unique().tolist(), table.schema.field("_sha").type)
            table = table.filter(pc.is_in(table["_sha"], value_set=values))
        pieces.append(table.append_column("_order", pa.array(range(table.num_rows), pa.int64())))
    if not pieces:
        return pd.DataFrame({"_sha": pd.Series(dtype=object), "doc": pd.Series(dtype="int64"), "_file": pd.Series(dtype="int64")})
    try:
        frame = pa.concat_tables(pieces, promote_options="permissive").to_pandas()
    except (pa.ArrowInvalid, pa.ArrowTypeError):  # a column typed differently in two folders
        frames = [p.to_pandas() for p in pieces]
        frame = pd.concat([f for f in frames if len(f)] or frames[:1], ignore_index=True)
    frame["_rank"] = range(len(frame))
    frame = frame.merge(wanted[["_sha", "_file"]], on="_sha", how="inner")  # each sha from one folder
    return frame.sort_values(["_file", "_rank"], kind="stable", ignore_index=True).drop(columns=["_order", "_rank"])


def _collect(files, where: dict[str, str], unreadable: dict[str, str], failed: dict[str, str]) -> dict[str, pd.DataFrame]:
    """The run's tables from the cached parts of its input files, in input order."""
    rows = [(path, sha, None if sha in where and path not in failed else failed.get(path, "not analysed"))
            for path, sha in files]
    rows += [(path, None, reason) for path, reason in unreadable.items()]
    wanted = pd.DataFrame([{"_sha": sha, "_folder": where[sha], "_file": i}
                           for i, (_, sha, reason) in enumerate(rows) if reason is None],
                          columns=["_sha", "_folder", "_file"])
    marked = pd.DataFrame([{"_file": i, "doc": 0, "status": "failed", "reason": reason}
                           for i, (_, _, reason) in enumerate(rows) if reason is not None],
                          columns=["_file", "doc", "status", "reason"])
    found = _read_parts("documents", wanted)
    documents = pd.concat([f for f in (found, marked) if len(f)] or [found], ignore_index=True)
    documents = documents.sort_values(["_file", "doc"], kind="stable", ignore_index=True)
    documents["source"] = [rows[int(f)][0] for f in documents["_file"]]
    documents["sha256"] = [rows[int(f)][1] for f in documents["_file"]]
    for column in _DOCUMENT_HEAD:
        if column not in documents:
            documents[column] = None
    documents["doc_id"] = _doc_ids(documents)
    documents["row"] = pd.to_numeric(documents["row"], errors="coerce").astype("Int64")
    ids = pd.DataFrame({"_file": documents["_file"].astype("int64"), "doc": documents["doc"].astype("int64"),
                        "doc_id": documents["doc_id"]})
    hidden = {*_DOCUMENT_HEAD, "doc", "_file", "_sha", "_folder"}
    tables = {"documents": documents[[*_DOCUMENT_HEAD, *[c for c in documents.columns if c not in hidden]]]}
    for name in list(TABLES)[1:]:
        table = _read_parts(name, wanted)
        table = table.astype({"doc": "int64", "_file": "int64"}).merge(ids, on=["_file", "doc"], how="left", sort=False)
        tables[name] = table[["doc_id", *[c for c in table.columns if c not in {"doc", "_file", "_sha", "doc_id"}]]]
    return tables


# --- writing -----------------------------------------------------------------------------------


_COLUMN_MEANINGS = {
    "doc_id": "the document's id: the file name without extension, or the row's doc_id/id, else <file>-<row>; unique within the run",
    "source": "the input file the document was read from",
    "row": "line (.jsonl, from 0) or row (.csv, from 0) of the document in its file; empty for article files",
    "sha256": "sha256 of the input file (the key of the cached results in .parts/)",
    "title": "headline (read_article; empty when the file holds only a body)",
    "date": "publication date, ISO 8601 (read_article: the date line, HTML metadata or the date column)",
    "outlet": "outlet: known host of the URL, else the file's metadata (Outlet:/Source: line, HTML site name), else the host",
    "url": "the article's original URL when the file gives one",
    "byline": "author line (\"By ...\" line or HTML author)",
    "standfirst": "the summary under the headline (text layout) or the HTML description",
    "dateline": "the place (and agency) opening the body, e.g. \"MOSCOW\", \"WASHINGTON (Reuters)\"",
    "status": "ok, or why the row could not be (fully) analysed: failed (file unreadable, instrument error), empty, missing, invalid",
    "reason": "what went wrong, or a note about the text (e.g. read in blocks)",
    "notes": "reader warnings (e.g. no date line) and instruments that failed on this document",
    "start": "start character offset in the document's text",
    "end": "end character offset (exclusive) in the document's text",
    "sentence": "sentence number in the document (from 0), or the sentence's text where the instrument gives it",
    "text": "the matched or split text (documents: the body text analysed, to which every offset points)",
}
_TABLE_MEANINGS = {
    "quotes": {"quote": "the quotation", "speaker": "speaker attributed", "verb": "reporting verb",
               "kind": "direct, partial or name (scare quotes, titles)", "depth": "nesting level (0: outermost)",
               "balanced": "whether the quotation marks close",
               "speaker_name": "the speaker's canonical name where the instrument resolves one"},
    "attributions": {"source": "who is cited", "cue": "the attribution cue (said, according to ...)",
                     "named": "whether the source is a named person or organisation", "source_type":
                     "government, state media, independent media or other", "via": "the rule that found it",
                     "quote": "the quotation attributed, when there is one",
                     "source_class": "finer source class (person with role, government, state media, other media, document, anonymous, other)",
                     "source_role": "the role or title given to the source", "source_name": "the source's name where one is given"},
    "hedging": {"marker": "the hedging or epistemic marker", "category": "marker category",
                "in_quote": "whether it stands inside a quotation", "speaker": "speaker of that quotation",
                "whose": "whose uncertainty: the journalist's or a quoted speaker's", "quote_kind": "kind of the quotation it stands in"},
    "actor_mentions": {"actor": "canonical actor name", "actor_type": "person, country, organisation ...",
                       "found": "how the mention was found (alias, title, metonym, pronoun ...)", "mention":
                       "the words of the mention", "label": "target sentiment: -1 negative, 0 neutral, 1 positive",
                       "p_negative": "probability of negative tone", "p_neutral": "probability of neutral tone",
                       "p_positive": "probability of positive tone", "score": "p_positive - p_negative",
                       "context_capped": "whether the context given to the target model was cut to its maximum length"},
    "actor_labels": {"mention_id": "the mention within the document", "surface": "the mention's words",
                     "actor": "canonical actor name", "kind": "kind of label (premodifier, apposition, possessive ...)",
                     "label": "the label's words", "label_start": "start offset of the label", "label_end": "end offset of the label"},
    "frame_evidence": {"frame": "generic frame (Semetko & Valkenburg 2000)", "indicator": "the frame question answered"},
}


def _offset_meaning(column: str) -> str | None:
    if (m := re.fullmatch(r"(\w+)_(start|end)", column)) is not None:
        which = "start" if m[2] == "start" else "end (exclusive)"
        return f"{which} character offset of the {m[1].replace('_', ' ')} in the document's text"
    return None


@functools.lru_cache(maxsize=1)
def _feature_meanings() -> dict[str, str]:
    """Meaning of each ``documents`` column: the layer's own data dictionary
    (:func:`analysis.pipeline.feature_dictionary`)."""
    from analysis.pipeline import feature_dictionary

    meanings = feature_dictionary()
    return {c: f"{m} ({i})" for c, m, i in zip(meanings["column"], meanings["meaning"], meanings["instrument"])}


def _feature_meaning(column: str) -> str | None:
    return _feature_meanings().get(column)


def data_dictionary(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """``(table, column, meaning)`` for every column of ``tables``, in order. Columns the
    instruments add later get "see <instrument>" rather than a guess."""
    rows = []
    for name, table in tables.items():
        for column in table.columns:
            meaning = (
                _TABLE_MEANINGS.get(name, {}).get(column)
                or _COLUMN_MEANINGS.get(column)
                or (_feature_meaning(column) if name == "documents" else _offset_meaning(column))
                or f"see {TABLES[name].split('(')[-1].rstrip(')')}" if name in TABLES else ""
            )
            rows.append({"table": name, "column": column, "meaning": meaning})
    return pd.DataFrame(rows, columns=["table", "column", "meaning"])


def _write(out: Path, tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each table as CSV and Parquet (atomic replace) and the data dictionary; returns the tables
    as read back from Parquet (the types a user of the files sees)."""
    for name, table in tables.items():
        table = _tabular(table)
        for suffix, writer in ((".csv", lambda t, p: t.to_csv(p, index=False)),
                               (".parquet", lambda t, p: t.to_parquet(p, index=False))):
            tmp = out / f".{name}{suffix}.tmp"
            writer(table, tmp)
            os.replace(tmp, out / f"{name}{suffix}")
    dictionary = data_dictionary(tables)
    dictionary.to_csv(out / "data_dictionary.csv", index=False)
    lines = ["# Data dictionary", "", "Tables written by `python -m analysis run` (each as .csv and .parquet).", ""]
    for name, part in dictionary.groupby("table", sort=False):
        lines += [f"## {name}", "", f"One row: {TABLES.get(name, name)}.", "", "| column | meaning |", "|---|---|"]
        lines += [f"| `{c}` | {m.replace('|', '/')} |" for c, m in zip(part["column"], part["meaning"])]
        lines.append("")
    (out / "data_dictionary.md").write_text("\n".join(lines), encoding="utf-8")
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in tables}


# --- reports -----------------------------------------------------------------------------------


def notebook_path() -> Path | None:
    """Notebook 01 of the project checkout, or None (a package installed from a wheel does not
    ship the notebooks)."""
    from analysis import config

    folder = config.PROJECT_DIR / "notebooks"
    for candidate in (folder / "01_article.ipynb", folder / "01_article.py"):
        if candidate.is_file():
            return candidate
    return None


def _article_file(doc: dict, text: str, folder: Path) -> Path:
    """A table row written in the package's text layout, so notebook 01 can read it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{doc['doc_id']}.txt"
    title = doc.get("title")
    head = [title if isinstance(title, str) and title.strip() else doc["doc_id"]]
    if isinstance(doc.get("date"), str) and doc["date"]:
        head.append(doc["date"])
    tail = f"\n\nOriginal url:\n\n<{doc['url']}>\n" if isinstance(doc.get("url"), str) else "\n"
    path.write_text("\n\n".join(head) + "\n\n" + text + tail, encoding="utf-8")
    return path


def render_reports(documents: pd.DataFrame, out: str | Path) -> dict[str, str]:
    """Notebook 01 executed with papermill for each document with status "ok", written to
    ``out/reports/<doc_id>.ipynb`` (and ``.html`` when nbconvert is installed). Parameters:
    ``article_path`` and ``outlet`` (and ``output_dir`` or ``figures_dir`` when the notebook
    declares one); the committed notebook is only read. Returns ``{doc_id: "ok" or the error}``;
    prints why when the notebooks or papermill are not available (a package installed from a
    wheel has no notebooks: run from a checkout)."""
    out = Path(out)
    source = notebook_path()
    if source is None:
        print("analysis run --report: notebook 01 is not available: a package installed with pip "
              "does not ship the notebooks. Clone the repository and run from the checkout "
              "(`pip install -e '.[notebooks]'`) to render reports; the tables are written.", file=sys.stderr)
        return {}
    try:
        import papermill
    except ImportError:
        print("analysis run --report needs papermill: pip install 'media-framing-analysis[notebooks]'; "
              "the tables are written.", file=sys.stderr)
        return {}
    folder = out / "reports"
    folder.mkdir(parents=True, exist_ok=True)
    if source.suffix == ".py":  # only the paired script: convert a copy, never the committed file
        import jupytext

        copy = folder / ".01_article.ipynb"
        jupytext.write(jupytext.read(source), copy)
        source = copy
    declared = set(papermill.inspect_notebook(str(source)))
    results: dict[str, str] = {}
    ok = documents[documents["status"].eq("ok")]
    from_tables = ok["source"].map(lambda s: Path(s).suffix.lower() in TABLE_SUFFIXES)
    for doc in ok[~from_tables].to_dict("records"):
        results[doc["doc_id"]] = _render_one(papermill, source, declared, Path(doc["source"]).resolve(), doc, folder)
    for path, part in ok[from_tables].groupby("source", sort=False):  # rows: written as article files
        texts = {r["row"]: r["text"] for r in read_documents(path) if isinstance(r.get("text"), str)}
        for doc in part.to_dict("records"):
            if doc["row"] in texts:
                article = _article_file(doc, texts[doc["row"]], folder / "articles")
                results[doc["doc_id"]] = _render_one(papermill, source, declared, article.resolve(), doc, folder)
    failed = {k: v for k, v in results.items() if v != "ok"}
    print(f"analysis run --report: {len(results) - len(failed)} report(s) in {folder}"
          + (f"; {len(failed)} failed: " + "; ".join(f"{k}: {v}" for k, v in failed.items()) if failed else ""),
          file=sys.stderr)
    return results


def _render_one(papermill, source: Path, declared: set, article: Path, doc: dict, folder: Path) -> str:
    target = folder / f"{doc['doc_id']}.ipynb"
    parameters = {"article_path": str(article)}
    if isinstance(doc.get("outlet"), str) and doc["outlet"] not in {"unknown", ""}:
        parameters["outlet"] = doc["outlet"]
    for name in ("output_dir", "figures_dir", "out_dir"):
        if name in declared:
            parameters[name] = str((folder / f"{doc['doc_id']}_files").resolve())
    parameters = {k: v for k, v in parameters.items() if k in declared or k == "article_path"}
    try:
        papermill.execute_notebook(str(source), str(target), parameters=parameters, kernel_name="python3",
                                   cwd=str(source.parent), progress_bar=False, log_output=False)
    except Exception as error:
        return _reason(error)[:300]
    try:
        import nbconvert

        html, _ = nbconvert.HTMLExporter().from_filename(str(target))
        (folder / f"{doc['doc_id']}.html").write_text(html, encoding="utf-8")
    except ImportError:
        pass
    except Exception as error:  # the executed notebook is there; only the HTML failed
        return f"executed, HTML failed: {_reason(error)[:200]}"
    return "ok"


# --- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis run PATH... --out DIR [--report] [--n-jobs N] [--text-column C]``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis",
        description="Measure how news articles are framed: every instrument, as tidy tables.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser(
        "run", help="analyse files or folders of articles into tables (CSV and Parquet)",
        description="Every instrument over your own articles (.txt, .html, .jsonl, .csv files or folders of "
                    "them): tidy tables as CSV and Parquet, with a data dictionary.",
        epilog="Tables: " + ", ".join(TABLES) + ". A bad file is a marked row of documents; a rerun skips "
               "the files already done.",
    )
    run_parser.add_argument("paths", nargs="+", metavar="PATH", help="article files (.txt, .html), .jsonl/.csv tables, or folders of them")
    run_parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created; reruns skip what is done)")
    run_parser.add_argument("--report", action="store_true", help="also render notebook 01 per article (papermill; needs a checkout)")
    run_parser.add_argument("--n-jobs", type=int, default=1, metavar="N", help="worker processes (default 1)")
    run_parser.add_argument("--text-column", default="text", help="text column of .jsonl/.csv inputs (default: text)")
    run_parser.add_argument("--encoding", default=None, help="encoding of the input files (default UTF-8)")
    run_parser.add_argument("--force", action="store_true", help="recompute files already done")
    run_parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    args = parser.parse_args(argv)
    if args.n_jobs < 1:
        parser.error(f"--n-jobs must be at least 1, got {args.n_jobs}")
    run(args.paths, args.out, report=args.report, n_jobs=args.n_jobs, text_column=args.text_column,
        encoding=args.encoding, force=args.force, progress=False if args.no_progress else None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
