"""PerSenT: the author's sentiment towards the main entity of a news article (Bastan et al. 2020).

Each row of the CSV is one news article (from the Dallas Morning News and other outlets via
the KBP entity-linking data), its main entity (``TARGET_ENTITY``), the same text with every
mention of that entity masked as ``[TGT]`` (``MASKED_DOCUMENT``, pronouns included), the
crowd-coded sentiment of the author towards the entity for the whole document
(``TRUE_SENTIMENT``: Negative, Neutral, Positive) and for each paragraph (``Paragraph0`` ...
``Paragraph15``; paragraphs are the document's lines). Only the dev split is in the mirror; the
test splits are held out.

The label is the *author's* stance towards the entity, as readers judged it: not the sentiment
of the events reported, nor of quoted speakers.

Reference: Bastan, M., Koupaee, M., Son, Y., Sicoli, R. & Balasubramanian, N. (2020). Author's
sentiment prediction. COLING 2020, 604-615.
"""

from __future__ import annotations

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

LABELS = {"Negative": -1, "Neutral": 0, "Positive": 1}
COLUMNS = ("doc_id", "title", "target", "text", "masked_text", "label", "paragraph_labels")
_PARAGRAPHS = [f"Paragraph{i}" for i in range(16)]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph of a PerSenT document: its lines (``\\n``-separated),
    the unit the paragraph labels refer to."""
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line)))
        start += len(line) + 1
    return spans


@register("persent-dev", "persent-dev", kind="benchmark")
def load_dev(accept_licence: bool = False) -> pd.DataFrame:
    """PerSenT dev split: 578 news articles, the author's sentiment towards the main entity.

    One row per article: ``doc_id`` (``DOCUMENT_INDEX``), ``title``, ``target`` (the entity),
    ``text``, ``masked_text`` (the entity's mentions as ``[TGT]``), ``label`` (-1, 0, 1 for
    Negative, Neutral, Positive) and ``paragraph_labels`` (one label per paragraph, i.e. per line
    of ``text`` (:func:`paragraphs`); an empty list for the 45 articles without them).
    """
    (path,) = fetch_dataset("persent-dev").values()
    raw = pd.read_csv(path, dtype={"DOCUMENT_INDEX": "int64"}, keep_default_na=False, na_values=[""])
    rows = []
    for record in raw.to_dict("records"):
        text = record["DOCUMENT"] if isinstance(record["DOCUMENT"], str) else ""
        labels = [LABELS[record[c]] for c in _PARAGRAPHS if isinstance(record.get(c), str)]
        if labels and len(labels) != len(paragraphs(text)):
            raise ValueError(f"{path}: document {record['DOCUMENT_INDEX']} has {len(labels)} paragraph labels "
                             f"for {len(paragraphs(text))} paragraphs")
        rows.append({
            "doc_id": int(record["DOCUMENT_INDEX"]),
            "title": record["TITLE"] if isinstance(record["TITLE"], str) else "",
            "target": record["TARGET_ENTITY"],
            "text": text,
            "masked_text": record["MASKED_DOCUMENT"] if isinstance(record["MASKED_DOCUMENT"], str) else "",
            "label": LABELS[record["TRUE_SENTIMENT"]],
            "paragraph_labels": labels,
        })
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"label": "int64"})
