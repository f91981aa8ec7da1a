import pandas as pd
import pytest

from analysis.evaluate.report import COLUMNS
from analysis.evaluate.sourcing import METRICS, baseline_attributions, baseline_quotes, metric_rows, score_article

TEXT = '"We will win," Smith said. Jones said the plan failed. The "best" plan.'


def _gold():
    # two relations: Smith said "We will win," ; Jones said the plan failed
    return pd.DataFrame({
        "content_spans": [[(0, 14)], [(38, 53)]],
        "source_spans": [[(15, 20)], [(27, 32)]],
        "cue_spans": [[(21, 25)], [(33, 37)]],
    })


def test_baseline_by_hand():
    q = baseline_quotes(TEXT)
    assert q[["start", "end"]].values.tolist() == [[0, 14], [59, 65]]
    assert (q["speaker_start"][0], q["speaker_end"][0]) == (15, 20)  # "Smith" before "said"
    a = baseline_attributions(TEXT)
    assert a[["source_start", "source_end", "cue_start", "cue_end"]].values.tolist() == [[15, 20, 21, 25], [27, 32, 33, 37]]


def test_score_article_by_hand():
    quotes = pd.DataFrame({"start": [0, 59], "end": [14, 65], "speaker_start": [15, None],
                           "speaker_end": [20, None], "kind": ["direct", "partial"], "depth": [0, 0]})
    attributions = pd.DataFrame({"source_start": [15, 60], "source_end": [20, 64], "cue_start": [21, 33],
                                 "cue_end": [25, 37]})
    counts = score_article(TEXT, _gold(), quotes, attributions)
    # one gold content holds a quotation mark; the "best" quote lies in no gold content
    assert (counts["q_pred"], counts["q_pred_ok"], counts["q_gold"], counts["q_gold_ok"]) == (2, 1, 1, 1)
    assert (counts["qs_pred_ok"], counts["qs_gold_ok"]) == (1, 1)
    # the second attribution's cue overlaps Jones's cue but its source does not overlap "Jones"
    assert (counts["a_pred"], counts["a_pred_ok"], counts["a_gold"], counts["a_gold_ok"]) == (2, 1, 2, 1)
    frame = pd.DataFrame([counts])
    assert METRICS["quote_precision"](frame) == 0.5
    assert METRICS["quote_f1"](frame) == pytest.approx(2 / 3)
    assert METRICS["attribution_f1"](frame) == 0.5


def test_metric_rows_shape():
    counts = pd.DataFrame([score_article(TEXT, _gold(), baseline_quotes(TEXT), baseline_attributions(TEXT))] * 3)
    rows = pd.DataFrame(metric_rows(counts, benchmark="x", system="b", role="baseline", n_boot=20, note=""))
    assert list(rows.columns) == COLUMNS and len(rows) == len(METRICS)
    assert (rows["low"] <= rows["estimate"]).all() and (rows["estimate"] <= rows["high"]).all()


def test_empty_article_scores_zero():
    empty_q = pd.DataFrame(columns=["start", "end", "speaker_start", "speaker_end", "kind", "depth"])
    empty_a = pd.DataFrame(columns=["source_start", "source_end", "cue_start", "cue_end"])
    gold = pd.DataFrame(columns=["content_spans", "source_spans", "cue_spans"])
    counts = score_article("", gold, empty_q, empty_a)
    assert set(counts.values()) == {0}
