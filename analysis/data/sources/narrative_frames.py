"""Narrative Frames Corpus, fold 1: climate-change news articles with five generic-frame labels.

Frermann, Li, Khanehzar & Haffari (2023, ACL, "Conflicts, villains, resolutions: towards models of
narrative media framing") annotated English news articles on climate change from many outlets
(2017-2019 in this fold) with 21 yes/no questions and aggregated them into five frames. The mirror holds
the authors' first cross-validation fold, ``experiments/data_splits_raw/Fold_1/{train,dev}.txt``:
tab-separated, no header, no quoting, one article per line: article id, outlet, MBFC bias rating,
date (``YYYY-MM-DD``), text (title and body run together on one line, paragraph breaks removed),
then five ``True``/``False`` columns.

Column order of the five labels. The corpus README (``data/README.md``, fetched with the train
split) says only "frame annotations (5 columns)" and lists the question-to-frame mapping in the
order conflict, economic, human interest, moral, resolution: it does NOT give the column order.
The research brief gives resolution, human interest, conflict, morality, economic. Checked on the
258 training articles (rates per 1,000 words, mean in articles labelled True minus mean in those
labelled False, for each column 1..5):

* economic cues (economy, cost(s), $, billion, jobs, dollar): +0.80, +0.58, +0.39, -0.69, **+4.20**
* moral cues (moral, god, ethic, church, pope, religio-, sin): -0.32, -0.29, -0.15, **+4.71**, -0.39
* conflict cues (accuse, critic-, attack, oppose, slam, fight): +0.15, -0.28, **+1.50**, +0.11, +0.64
* solution cues (solution, solve, reduce, renewable, cut, plan): +1.48, -1.05, -1.12, -1.53, +1.66

so column 5 is economic, 4 morality, 3 conflict, and 1 (solutions, not conflict) resolution,
which leaves column 2 as human interest; its prevalence (27 of 258, 10 %) matches the paper's
description of human interest as a rare frame. Hence the brief's order, which this loader uses:
``resolution, human_interest, conflict, morality, economic``. The tests repeat the keyword checks.

One row per article: ``doc_id`` (``"nfc-<article id>"``), ``outlet`` (as in the file: spellings
vary, "breitbart" and "Breitbart"), ``date`` (datetime), ``title`` (empty: the file runs title and
body together and no separator marks where the title ends), ``text``, ``bias`` (MBFC rating) and
the five boolean frame columns. One defect in the file is read leniently: dev line 82 (article
716) ends in ``False)``, read as False; any other value than True/False raises ``ValueError``.

Licence: annotations MIT; article texts (c) their publishers, research use only.
"""

from __future__ import annotations

import csv

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

#: Label columns in file order (see the module docstring for how the order was checked).
FRAME_COLUMNS = ("resolution", "human_interest", "conflict", "morality", "economic")
COLUMNS = ("doc_id", "outlet", "date", "title", "text", "bias", *FRAME_COLUMNS)
_FILE_COLUMNS = ("id", "outlet", "bias", "date", "text", *FRAME_COLUMNS)
_BOOLEAN = {"True": True, "False": False}


def _read(dataset: str, split: str) -> pd.DataFrame:
    paths = [path for url, path in fetch_dataset(dataset).items() if url.endswith(f"/{split}.txt")]
    if len(paths) != 1:
        raise ValueError(f"{dataset}: expected one {split}.txt file, found {len(paths)}")
    raw = pd.read_csv(
        paths[0], sep="\t", header=None, names=list(_FILE_COLUMNS), quoting=csv.QUOTE_NONE,
        dtype=str, keep_default_na=False, encoding="utf-8",
    )
    for column in FRAME_COLUMNS:
        raw[column] = raw[column].str.strip().str.removesuffix(")")  # dev line 82: "False)"
        bad = ~raw[column].isin(list(_BOOLEAN))
        if bad.any():
            raise ValueError(f"{paths[0]}: column {column!r} holds {raw.loc[bad, column].iloc[0]!r}, not True/False")
        raw[column] = raw[column].map(_BOOLEAN).astype(bool)
    frame = raw.assign(
        doc_id="nfc-" + raw["id"],
        date=pd.to_datetime(raw["date"], format="%Y-%m-%d").astype("datetime64[us]"),
        title="",
    )
    return frame[list(COLUMNS)].reset_index(drop=True)


@register("narrative-frames-train", "narrative-frames-train")
def load_train(accept_licence: bool = False) -> pd.DataFrame:
    """Narrative Frames Corpus fold 1 training split: 258 climate-change articles, five frame labels."""
    return _read("narrative-frames-train", "train")


@register("narrative-frames-dev", "narrative-frames-dev")
def load_dev(accept_licence: bool = False) -> pd.DataFrame:
    """Narrative Frames Corpus fold 1 dev split: 85 climate-change articles, five frame labels."""
    return _read("narrative-frames-dev", "dev")
