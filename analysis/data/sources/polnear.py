"""PolNeAR: attribution relations in 2016 US election news (Newell, Margolin & Ruths 2018).

Each article of the ``train`` and ``dev`` splits is a plain text file (``data/<split>/text``) and
one brat standoff file per annotator (``data/<split>/attributions/<article>_<annotator>.ann``).
A relation is an ``E`` line joining a trigger (``Attribution`` or ``Attribution-no-source``) to
``Source``, ``Cue`` and ``Content`` text spans (PARC style: Pareti 2016); a span may be
discontinuous (``Content 315 448;463 553``). ``metadata.tsv`` (dataset ``polnear``) gives
outlet (``publisher``), date, title and the annotators of each article.

Two kinds of loaders per split, because an article and its relations are different units:

* ``load("polnear-train")`` / ``load("polnear-dev")``: one row per article (corpus columns
  ``doc_id``, ``outlet``, ``date``, ``title``, ``text``, plus ``split``, ``annotators``: the
  annotator ids that have an ``.ann`` file for it, sorted, and ``n_relations`` of the first);
* ``load("polnear-train-relations")`` / ``load("polnear-dev-relations")``: one row per relation
  and annotator (:data:`RELATION_COLUMNS`): ``doc_id``, ``annotator``, ``relation`` (the ``E``
  id), ``label`` (the trigger type), and for each of ``source``, ``cue``, ``content`` the text
  (discontinuous pieces joined by a space), ``*_start``/``*_end`` (the outermost offsets) and
  ``*_spans`` (a list of ``(start, end)`` pieces). A relation without a source has NA there.
  ``primary`` is True for the rows of the article's primary annotator (see below).

Several annotators: part of the articles were annotated by two or more people (10 of 84 in
dev). Evaluation counts each article once against its *primary* annotator, the first
annotator id in sorted order (deterministic, independent of any system output); the other
annotations stay in the table (``primary=False``) for agreement studies. The ``Discuss`` and
``Discard`` spans and annotator notes are not relations and are skipped.

Offsets are character offsets into the text file as read (UTF-8); the loader checks every
contiguous span against the text and raises ``ValueError`` naming the file when one does not
match.

Reference: Newell, E., Margolin, D. & Ruths, D. (2018). An attribution relations corpus for
political news. LREC 2018, 2316-2323. Pareti, S. (2016). PARC 3.0: a corpus of attribution
relations. LREC 2016.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

ROLES = ("source", "cue", "content")
RELATION_COLUMNS = (
    ["doc_id", "annotator", "relation", "label"]
    + [f"{role}{suffix}" for role in ROLES for suffix in ("", "_start", "_end", "_spans")]
    + ["primary"]
)
_ANN_NAME = re.compile(r"^(?P<doc>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
_TRIGGERS = ("Attribution", "Attribution-no-source")


def _split_files(dataset: str) -> tuple[dict[str, Path], dict[str, dict[str, Path]]]:
    """``({doc_id: text path}, {doc_id: {annotator: ann path}})`` of one split."""
    texts, anns = {}, {}
    for url, path in fetch_dataset(dataset).items():
        name = url.rsplit("/", 1)[1]
        if "/text/" in url and name.endswith(".txt"):
            texts[name[:-4]] = path
        elif "/attributions/" in url and (m := _ANN_NAME.match(name)):
            anns.setdefault(m["doc"], {})[m["annotator"]] = path
    return texts, anns


def _metadata() -> dict[str, dict[str, str]]:
    (path,) = fetch_dataset("polnear").values()
    with open(path, encoding="utf-8", newline="") as handle:
        return {row["filename"]: row for row in csv.DictReader(handle, delimiter="\t")}


def parse_ann(ann: str, text: str, where: str = "<ann>") -> list[dict]:
    """The relations of one brat standoff file, one dict per ``E`` line (keys of
    :data:`RELATION_COLUMNS` except ``doc_id``, ``annotator`` and ``primary``).

    ``ann`` is the file's content and ``text`` the article; every contiguous span is checked
    against ``text`` (``ValueError`` naming ``where`` otherwise). Events whose trigger is not an
    attribution, and relations without a cue or content, are skipped.
    """
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for line_no, line in enumerate(ann.splitlines(), 1):
        fields = line.split("\t")
        if line.startswith("T") and len(fields) >= 2:
            kind, _, offsets = fields[1].partition(" ")
            pieces = [tuple(int(x) for x in piece.split()) for piece in offsets.split(";")]
            if len(pieces) == 1 and len(fields) > 2 and text[pieces[0][0] : pieces[0][1]] != fields[2]:
                raise ValueError(f"{where}:{line_no}: offsets {offsets} do not point at {fields[2][:40]!r}")
            spans[fields[0]] = (kind, pieces)
        elif line.startswith("E") and len(fields) >= 2:
            events.append((fields[0], fields[1].split()))
    relations = []
    for event_id, args in events:
        roles = dict(arg.split(":", 1) for arg in args if ":" in arg)
        trigger_role = args[0].split(":", 1)[0] if args else ""  # the first argument is the trigger
        trigger = spans.get(roles.get(trigger_role, ""), ("", []))[0]
        if trigger not in _TRIGGERS:
            continue
        row = {"relation": event_id, "label": trigger}
        for role in ROLES:
            found = spans.get(roles.get(role.capitalize(), ""))
            pieces = sorted(found[1]) if found else []
            row[role] = " ".join(text[s:e] for s, e in pieces) if pieces else None
            row[f"{role}_start"] = pieces[0][0] if pieces else None
            row[f"{role}_end"] = max(e for _, e in pieces) if pieces else None
            row[f"{role}_spans"] = [tuple(p) for p in pieces]
        if row["cue"] is None or row["content"] is None:
            continue
        relations.append(row)
    return relations


def _read_split(split: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    texts, anns = _split_files(f"polnear-{split}")
    meta = _metadata()
    articles, relations = [], []
    for doc_id in sorted(texts):
        text = Path(texts[doc_id]).read_text(encoding="utf-8")
        info = meta.get(doc_id, {})
        annotators = sorted(anns.get(doc_id, {}))
        n_primary = 0
        for k, annotator in enumerate(annotators):
            path = anns[doc_id][annotator]
            rows = parse_ann(Path(path).read_text(encoding="utf-8"), text, str(path))
            for row in rows:
                relations.append({"doc_id": doc_id, "annotator": annotator, **row, "primary": k == 0})
            if k == 0:
                n_primary = len(rows)
        articles.append(
            {
                "doc_id": doc_id,
                "outlet": info.get("publisher") or doc_id.split("_", 1)[0],
                "date": pd.Timestamp(info.get("publication_date") or doc_id.split("_")[1]),
                "title": info.get("title", ""),
                "text": text,
                "split": split,
                "annotators": annotators,
                "n_relations": n_primary,
            }
        )
    frame = pd.DataFrame(articles, columns=["doc_id", "outlet", "date", "title", "text", "split", "annotators", "n_relations"])
    table = pd.DataFrame(relations, columns=RELATION_COLUMNS)
    for column in ("source_start", "source_end", "cue_start", "cue_end", "content_start", "content_end"):
        table[column] = table[column].astype("Int64")
    return frame, table


_CACHE: dict[str, tuple[pd.DataFrame, pd.DataFrame]] = {}


def _split(split: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    if split not in _CACHE:
        _CACHE[split] = _read_split(split)
    return _CACHE[split]


@register("polnear-train", "polnear-train", "polnear", kind="corpus")
def load_train(accept_licence: bool = False) -> pd.DataFrame:
    """PolNeAR training split: 840 US election-news articles of 2016, one row per article."""
    return _split("train")[0]


@register("polnear-dev", "polnear-dev", "polnear", kind="corpus")
def load_dev(accept_licence: bool = False) -> pd.DataFrame:
    """PolNeAR development split: 84 articles, one row per article (report only, never tune)."""
    return _split("dev")[0]


@register("polnear-train-relations", "polnear-train", "polnear", kind="benchmark")
def load_train_relations(accept_licence: bool = False) -> pd.DataFrame:
    """PolNeAR training split: one row per attribution relation and annotator (source, cue, content)."""
    return _split("train")[1]


@register("polnear-dev-relations", "polnear-dev", "polnear", kind="benchmark")
def load_dev_relations(accept_licence: bool = False) -> pd.DataFrame:
    """PolNeAR development split: one row per attribution relation and annotator (report only)."""
    return _split("dev")[1]
