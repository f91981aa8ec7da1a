"""NewsMTSC: sentiment towards a target mention in news sentences (Hamborg & Donnay 2021).

Each jsonl line is one sentence with one to three targets; each target has the character offsets
of its mention (``from``/``to``), further mentions of the same entity (pronouns, repeated names)
and a polarity coded 2/4/6 (negative/neutral/positive), the majority of five crowd coders.
The loaders return one row per target.

Reference: Hamborg, F. & Donnay, K. (2021). NewsMTSC: a dataset for (multi-)target-dependent
sentiment classification in political news articles. EACL 2021.
"""

from __future__ import annotations

import json

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

_POLARITY = {2.0: -1, 4.0: 0, 6.0: 1}
COLUMNS = ("doc_id", "sentence_id", "sentence", "mention", "start", "end", "label", "further_mentions")


def _read(dataset: str) -> pd.DataFrame:
    (path,) = fetch_dataset(dataset).values()
    rows = []
    with open(path, encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, 1):
            record = json.loads(line)
            sentence = record["sentence_normalized"]
            for target in record["targets"]:
                start, end, mention = target["from"], target["to"], target["mention"]
                if sentence[start:end] != mention:
                    raise ValueError(f"{path}:{line_no}: offsets {start}:{end} do not point at {mention!r}")
                rows.append(
                    {
                        "doc_id": target["Input.gid"],
                        "sentence_id": record["primary_gid"],
                        "sentence": sentence,
                        "mention": mention,
                        "start": start,
                        "end": end,
                        "label": _POLARITY[target["polarity"]],
                        # (start, end, mention) of the entity's other mentions in the sentence
                        "further_mentions": [
                            (m["from"], m["to"], m["mention"]) for m in target.get("further_mentions", [])
                        ],
                    }
                )
    return pd.DataFrame(rows, columns=list(COLUMNS)).astype({"label": "int64"})


@register("newsmtsc-train", "newsmtsc-train", kind="benchmark")
def load_train(accept_licence: bool = False) -> pd.DataFrame:
    """NewsMTSC training set: 8,739 targets in 7,758 news sentences; label -1/0/1."""
    return _read("newsmtsc-train")


@register("newsmtsc-rw-dev", "newsmtsc-rw-dev", kind="benchmark")
def load_rw_dev(accept_licence: bool = False) -> pd.DataFrame:
    """NewsMTSC dev set, real-world class distribution: 343 targets in 320 sentences."""
    return _read("newsmtsc-rw-dev")


@register("newsmtsc-mt-dev", "newsmtsc-mt-dev", kind="benchmark")
def load_mt_dev(accept_licence: bool = False) -> pd.DataFrame:
    """NewsMTSC dev set, sentences with several targets: 442 targets in 216 sentences."""
    return _read("newsmtsc-mt-dev")
