"""The CoNLL-2010 hedging benchmark: baselines by hand, the result rows on a hand-written corpus, and
(slow) the measured figures on the real training sentences."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.evaluate.hedging import hedging_results, keyword_baseline, main, rule_markers
from analysis.evaluate.report import COLUMNS
from analysis.framing.hedging import UncertaintyClassifier

UNCERTAIN = ["The minister may resign.", "He reportedly left.", "Some say the deal is dead.", "Talks may fail.",
             "The leader reportedly fell ill.", "Some say he left.", "Prices may rise.", "The army reportedly moved."]
CERTAIN = ["The minister resigned.", "He left.", "The deal is dead.", "Talks failed.", "The leader fell ill.",
           "He was there.", "Prices rose.", "The army moved."]


def tiny_data() -> pd.DataFrame:
    rows = []
    for part in ("wikipedia", "bioscope"):
        for label, texts in ((True, UNCERTAIN), (False, CERTAIN)):
            for i, text in enumerate(texts):
                rows.append({"doc_id": f"{part}-{label}-{i}", "part": part, "text": text, "uncertain": label,
                             "block": i * 2 // len(texts)})  # two blocks: two folds
    return pd.DataFrame(rows)


def test_baselines_by_hand():
    texts = ["It may rain.", "It rained, reportedly.", "Some say it rained.", "It rained.", None, "Maybe so."]
    # keywords: may, reportedly, maybe; "Some say" is no keyword
    assert keyword_baseline(texts).tolist() == [True, True, False, False, False, True]
    # rule markers: may (hedge), reportedly (hedge), maybe (hedge); "confirmed" is certainty and does not count
    found = rule_markers(["It may rain.", "It was confirmed.", "It is unclear.", ""])
    assert found.tolist() == [True, False, True, False]


def test_result_rows_on_a_hand_written_corpus():
    data = tiny_data()
    model = UncertaintyClassifier(features=("lemma",), min_df=1, C=10.0)
    model.fit(data["text"].tolist(), data["uncertain"].to_numpy())
    frame = hedging_results(n_boot=50, data=data, model=model)
    assert frame.columns.tolist() == COLUMNS
    measured = frame[frame["role"] != "published"]
    assert set(measured["benchmark"]) == {"conll2010-train wikipedia", "conll2010-train bioscope"}
    assert set(frame["role"]) == {"instrument", "baseline", "published"}
    f1_rows = measured[measured["metric"] == "sentence_f1"]
    assert f1_rows["estimate"].between(0, 1).all() and (f1_rows["n"] == 16).all()
    assert (f1_rows["low"] <= f1_rows["estimate"] + 1e-12).all()
    assert (f1_rows["estimate"] <= f1_rows["high"] + 1e-12).all()
    # keyword list on the hand corpus: 6 of 8 uncertain sentences hold may/reportedly, none of the
    # certain ones does: tp 6, gold 8, predicted 6 -> F1 = 12 / 14
    keyword = f1_rows[f1_rows["system"] == "hedge keyword list"]["estimate"]
    assert np.allclose(keyword, 12 / 14)
    published = frame[frame["role"] == "published"]
    assert published["estimate"].tolist() == [0.602, 0.864] and published["published"].all()


@pytest.mark.slow
def test_measured_figures_on_conll2010(require):
    require("conll2010-train")
    frame = hedging_results(n_boot=200).set_index(["benchmark", "system"])
    wiki = "conll2010-train wikipedia"
    classifier = frame.loc[(wiki, "UncertaintyClassifier (5-fold CV)"), "estimate"]
    keywords = frame.loc[(wiki, "hedge keyword list"), "estimate"]
    rules = frame.loc[(wiki, "rule markers (HEDGING_LEXICON)"), "estimate"]
    assert classifier >= 0.60 and classifier > rules and classifier > keywords
    difference = frame.loc[(wiki, "UncertaintyClassifier - hedge keyword list")]
    assert difference["low"] > 0


def test_main_usage_error():
    with pytest.raises(SystemExit):
        main(["--no-such-option"])
