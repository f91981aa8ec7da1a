"""``python -m analysis run``: tables over a folder of small hand-written articles, marked rows for
bad files, reruns that skip finished files, the data dictionary and the report switch."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pandas as pd
import pytest

from analysis import cli, config
from analysis.pipeline import feature_columns

ARTICLE = (
    "Talks End Without Agreement\n\n"
    "By Jane Doe\n\n"
    "Oct. 9, 2016\n\n"
    "MOSCOW — The foreign minister said the talks had failed. \"We will not back down,\" he said.\n\n"
    "Officials may meet again next month, according to a statement.\n\n"
    "Original url:\n\n<https://www.example.com/talks>"
)
PLAIN = "Vladimir Putin met Kim Jong Un. The two leaders praised their cooperation."


@pytest.fixture
def folder(tmp_path):
    root = tmp_path / "articles"
    (root / "more").mkdir(parents=True)
    (root / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "more" / "plain.txt").write_text(PLAIN, encoding="utf-8")
    (root / "latin.txt").write_bytes("Caf\u00e9 news\n\nThe caf\u00e9 closed.".encode("latin-1"))
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / ".hidden.txt").write_text(PLAIN, encoding="utf-8")
    (root / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article suffix: not picked up from a folder
    lines = [
        json.dumps({"id": "row-a", "text": "The minister said the talks failed.", "outlet": "Example Wire"}),
        json.dumps({"text": None}),
        "this line is not JSON",
        json.dumps({"text": "Putin met Kim in Vladivostok."}),
        json.dumps({"text": 42}),
    ]
    (root / "rows.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture
def result(folder, tmp_path):
    out = tmp_path / "out"
    tables = cli.run([folder, tmp_path / "missing.txt"], out, progress=False)
    return folder, out, tables


def test_find_inputs_recurses_skips_hidden_and_the_output(folder, tmp_path):
    out = folder / "out"
    out.mkdir()
    (out / "documents.csv").write_text("text\nx\n")
    found = [p.relative_to(folder).as_posix() for p in cli.find_inputs([folder], exclude=out)]
    assert found == ["empty.txt", "latin.txt", "more/plain.txt", "rows.jsonl", "talks.txt"]
    assert cli.find_inputs([folder / "notes.docx"]) == [folder / "notes.docx"]  # named explicitly: kept


def test_read_documents_marks_bad_lines_and_files(folder, tmp_path):
    rows = cli.read_documents(folder / "rows.jsonl")
    assert [r["status"] for r in rows] == ["ok", "missing", "failed", "ok", "invalid"]
    assert rows[4]["reason"] == "column 'text' holds int, not text"
    assert rows[0]["doc_id"] == "row-a" and rows[0]["outlet"] == "Example Wire"
    assert "line 3 is not valid JSON" in rows[2]["reason"]
    (latin,) = cli.read_documents(folder / "latin.txt")
    assert latin["status"] == "failed" and "latin.txt: not UTF-8" in latin["reason"] and "encoding=" in latin["reason"]
    (decoded,) = cli.read_documents(folder / "latin.txt", encoding="latin-1")
    assert decoded["status"] == "ok" and decoded["text"] == "The caf\u00e9 closed."
    csv = tmp_path / "t.csv"
    csv.write_text("id,body\n1,Some text.\n", encoding="utf-8")
    (wrong,) = cli.read_documents(csv)
    assert wrong["status"] == "failed" and "no text column 'text'" in wrong["reason"] and "'body'" in wrong["reason"]
    assert [r["text"] for r in cli.read_documents(csv, text_column="body")] == ["Some text."]


def test_documents_table(result):
    folder, out, tables = result
    docs = tables["documents"].set_index("doc_id")
    # 4 article files, 5 jsonl lines, the missing path: every one a row, none dropped
    assert list(docs.index) == ["empty", "latin", "plain", "row-a", "rows-2", "rows-3", "rows-4", "rows-5", "talks",
                                "missing"]
    assert docs["status"].to_dict() == {
        "empty": "empty", "latin": "failed", "plain": "ok", "row-a": "ok", "rows-2": "missing",
        "rows-3": "failed", "rows-4": "ok", "rows-5": "invalid", "talks": "ok", "missing": "failed",
    }
    assert docs.loc["empty", "reason"] == "empty file" and "no such file" in docs.loc["missing", "reason"].lower()
    talks = docs.loc["talks"]
    assert (talks["title"], talks["date"], talks["byline"], talks["dateline"]) == (
        "Talks End Without Agreement", "2016-10-09", "Jane Doe", "MOSCOW")
    assert talks["outlet"] == "example.com" and talks["url"] == "https://www.example.com/talks"
    assert docs.loc["plain", "title"] in ("", None) or pd.isna(docs.loc["plain", "title"])  # body only
    assert docs.loc["plain", "text"] == PLAIN and "no date line" in docs.loc["plain", "notes"]
    for column in feature_columns():  # every featurize column
        assert column in docs.columns
    assert docs.loc["talks", "n_chars"] == len(talks["text"])
    assert docs.loc["row-a", "outlet"] == "Example Wire"


def test_sentences_point_into_the_text(result):
    _, _, tables = result
    docs = tables["documents"].set_index("doc_id")
    sentences = tables["sentences"]
    plain = sentences[sentences["doc_id"] == "plain"]
    # hand count: two sentences, the second starting after "Kim Jong Un. "
    assert list(plain["text"]) == ["Vladimir Putin met Kim Jong Un.", "The two leaders praised their cooperation."]
    assert list(plain["start"]) == [0, PLAIN.index("The two")]
    for row in sentences.itertuples():
        assert docs.loc[row.doc_id, "text"][row.start : row.end] == row.text
    counts = sentences.groupby("doc_id").size()
    ok = docs[docs["status"] == "ok"]
    assert (ok["n_sentences"] == counts.reindex(ok.index, fill_value=0)).all()


def test_other_tables_hold_the_expected_rows(result):
    _, _, tables = result
    quotes = tables["quotes"]
    assert list(quotes.loc[quotes["doc_id"] == "talks", "quote"]) == ["We will not back down,"]
    mentions = tables["actor_mentions"]
    plain = mentions[mentions["doc_id"] == "plain"]
    assert {"Vladimir Putin", "Kim Jong Un"} <= set(plain["actor"])
    assert {"score", "label"} <= set(mentions.columns)
    hedges = tables["hedging"]
    assert "may" in set(hedges.loc[hedges["doc_id"] == "talks", "marker"].str.lower())
    for name in cli.TABLES:
        assert "doc_id" in tables[name].columns
        assert set(tables[name]["doc_id"]) <= set(tables["documents"]["doc_id"])


def test_files_written_with_a_data_dictionary(result):
    _, out, tables = result
    dictionary = pd.read_csv(out / "data_dictionary.csv")
    for name, table in tables.items():
        csv = pd.read_csv(out / f"{name}.csv")
        parquet = pd.read_parquet(out / f"{name}.parquet")
        assert list(csv.columns) == list(parquet.columns) == list(table.columns)
        assert len(csv) == len(parquet) == len(table)
        described = dictionary.loc[dictionary["table"] == name, "column"].tolist()
        assert described == list(table.columns)
    assert dictionary["meaning"].notna().all() and (dictionary["meaning"].str.len() > 3).all()
    assert "## documents" in (out / "data_dictionary.md").read_text()


def test_rerun_skips_finished_files_and_retries_failed_ones(result, capsys):
    folder, out, first = result
    manifests = list((out / ".parts").glob("*/manifest.json"))
    clean = {sha for m in manifests for sha in json.loads(m.read_text())["clean"]}
    # talks, plain and empty are done; latin (undecodable) and rows (a bad JSON line) are retried
    assert clean == {cli._sha256(folder / n) for n in ("talks.txt", "more/plain.txt", "empty.txt")}
    stamps = {m: m.stat().st_mtime_ns for m in manifests if json.loads(m.read_text())["clean"]}
    capsys.readouterr()
    second = cli.run([folder, folder.parent / "missing.txt"], out, progress=False)
    assert "3 file(s) already done" in capsys.readouterr().err
    assert all(m.stat().st_mtime_ns == stamp for m, stamp in stamps.items())  # the done files' results are not rewritten
    pd.testing.assert_frame_equal(second["documents"], first["documents"])
    # a changed file is analysed again; a fixed file now reads
    (folder / "latin.txt").write_text("Cafe news\n\nThe cafe closed.", encoding="utf-8")
    third = cli.run([folder], out, progress=False)
    assert third["documents"].set_index("doc_id").loc["latin", "status"] == "ok"


def test_report_without_notebooks_says_why(result, monkeypatch, capsys):
    _, out, tables = result
    monkeypatch.setattr(cli, "notebook_path", lambda: None)
    assert cli.render_reports(tables["documents"], out) == {}
    assert "does not ship the notebooks" in capsys.readouterr().err


def test_bad_arguments(tmp_path):
    with pytest.raises(ValueError, match="n_jobs"):
        cli.run([tmp_path], tmp_path / "out", n_jobs=0)
    with pytest.raises(SystemExit):
        cli.main(["run", str(tmp_path)])  # --out is required


@pytest.mark.slow
def test_module_entry_point_and_two_workers(folder, tmp_path):
    out = tmp_path / "out2"
    env = dict(os.environ)
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "run", str(folder), "--out", str(out), "--n-jobs", "2", "--no-progress"],
        capture_output=True, text=True, env=env, cwd=config.PROJECT_DIR, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "analysis run: 5 file(s), 9 document(s)" in done.stderr
    serial = cli.run([folder], tmp_path / "out1", progress=False)["documents"]
    parallel = pd.read_parquet(out / "documents.parquet")
    columns = [c for c in serial.columns if c not in {"source"}]
    pd.testing.assert_frame_equal(
        serial[columns].reset_index(drop=True), parallel[columns], check_dtype=False
    )


def test_csv_rows_and_html_pages(require, tmp_path):
    require("kremlin-korea")
    from analysis.data.fetch import fetch_dataset

    root = tmp_path / "in"
    root.mkdir()
    pages = {url.rsplit("/", 1)[-1]: path for url, path in fetch_dataset("kremlin-korea").items()}
    for name in ("17170.html", "17187.html"):
        (root / name).write_bytes(pages[name].read_bytes())
    pd.DataFrame({"doc_id": ["c1", "c2"], "body": ["Putin met Kim.", ""], "date": ["April 25, 2019", ""]}).to_csv(
        root / "table.csv", index=False)
    tables = cli.run([root], tmp_path / "out", text_column="body", progress=False)
    docs = tables["documents"].set_index("doc_id")
    assert list(docs.index) == ["17170", "17187", "c1", "c2"]
    assert docs.loc["17170", "title"] == (
        "Congratulations to Park Geun-hye on her election as President of the Republic of Korea")
    assert (docs.loc["17170", "date"], docs.loc["17170", "outlet"]) == ("2012-12-19", "Kremlin")
    assert docs.loc["17187", "date"] == "2012-12-25" and docs.loc["17187", "n_sentences"] > 10
    assert docs.loc["c1", "date"] == "2019-04-25" and docs.loc["c1", "status"] == "ok"
    assert docs.loc["c2", "status"] == "empty"  # an empty cell: featurize's verdict, not a dropped row


@pytest.mark.slow
def test_report_renders_notebook_1_into_the_output_folder(tmp_path):
    import hashlib

    pytest.importorskip("papermill")
    source = cli.notebook_path()
    if source is None:
        pytest.skip("no notebooks in this installation")
    before = hashlib.sha256(source.read_bytes()).hexdigest()
    root = tmp_path / "in"
    root.mkdir()
    (root / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    cli.run([root], tmp_path / "out", report=True, progress=False)
    report = tmp_path / "out" / "reports" / "talks.ipynb"
    cells = json.loads(report.read_text())["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    assert "Talks End Without Agreement" in json.dumps(outputs)
    assert (tmp_path / "out" / "reports" / "talks.html").is_file()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == before  # the committed notebook is only read


@pytest.mark.slow
def test_a_worker_that_dies_loses_only_its_file(tmp_path, monkeypatch):
    # Workers are forked, so they inherit this patch: the one holding "KILL" dies as the
    # out-of-memory killer would end it. Its batch is retried file by file in fresh workers.
    real = cli._analyse

    def dying(texts):
        if any("KILL" in t for t in texts.values()):
            os._exit(9)
        return real(texts)

    monkeypatch.setattr(cli, "_analyse", dying)
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(PLAIN, encoding="utf-8")
    (root / "b.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "c.txt").write_text("KILL this worker. It reads this.", encoding="utf-8")
    docs = cli.run([root], tmp_path / "out", n_jobs=2, progress=False)["documents"].set_index("doc_id")
    assert docs["status"].to_dict() == {"a": "ok", "b": "ok", "c": "failed"}
    assert "worker process died" in docs.loc["c", "reason"]
    assert docs.loc["a", "n_sentences"] == 2
