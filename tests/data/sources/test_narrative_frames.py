import re

import pandas as pd

from analysis.data import load
from analysis.data.sources.narrative_frames import COLUMNS, FRAME_COLUMNS


def test_train_rows_labels_and_first_article(require):
    require("narrative-frames-train")
    train = load("narrative-frames-train")
    assert list(train.columns) == list(COLUMNS)
    assert len(train) == 258 and train["doc_id"].is_unique
    # True counts per column, counted with awk over train.txt (columns 6-10): 130 27 157 28 83.
    assert train[list(FRAME_COLUMNS)].sum().tolist() == [130, 27, 157, 28, 83]
    first = train.iloc[0]
    # First line of train.txt, read by eye: 286, breitbart, questionable_source, 2019-09-21,
    # "Bokhari: Elites Want You to Eat Bugs, ...", False True True True False.
    assert (first["doc_id"], first["outlet"], first["bias"]) == ("nfc-286", "breitbart", "questionable_source")
    assert first["date"] == pd.Timestamp("2019-09-21") and first["title"] == ""
    assert first["text"].startswith("Bokhari: Elites Want You to Eat Bugs")
    assert first[list(FRAME_COLUMNS)].tolist() == [False, True, True, True, False]


def test_dev_rows_and_the_malformed_last_column(require):
    require("narrative-frames-dev", "narrative-frames-train")
    dev = load("narrative-frames-dev")
    assert len(dev) == 85 and dev["doc_id"].is_unique
    assert dev[list(FRAME_COLUMNS)].sum().tolist() == [30, 14, 59, 11, 22]
    assert dev.set_index("doc_id").loc["nfc-716", "economic"] == False  # noqa: E712 ("False)" in the file)
    assert not set(dev["doc_id"]) & set(load("narrative-frames-train")["doc_id"])


def _rate_difference(frame: pd.DataFrame, pattern: str) -> pd.Series:
    """Per label column: mean rate per 1,000 words of ``pattern`` where True minus where False."""
    words = frame["text"].str.split().str.len()
    rate = frame["text"].str.count(pattern, flags=re.IGNORECASE) / words * 1000
    return pd.Series({c: rate[frame[c]].mean() - rate[~frame[c]].mean() for c in FRAME_COLUMNS})


def test_label_order_agrees_with_keywords(require):
    # The column order is checked on the data (module docstring): each frame's own cue words are
    # most over-represented in the column named after it.
    require("narrative-frames-train")
    train = load("narrative-frames-train")
    economic = _rate_difference(train, r"\b(?:econom\w*|costs?|\$|billion|jobs|dollars?)\b")
    moral = _rate_difference(train, r"\b(?:moral\w*|god|ethic\w*|church|pope|religio\w*|sin)\b")
    conflict = _rate_difference(train, r"\b(?:accus\w*|critic\w*|attack\w*|oppos\w*|slam\w*|fight\w*)\b")
    assert economic.idxmax() == "economic" and economic["economic"] > 3
    assert moral.idxmax() == "morality" and moral["morality"] > 3
    assert conflict.idxmax() == "conflict" and conflict["conflict"] > 1
