"""Tests of analysis.evaluate.report: the tidy benchmark shape, the baseline tagger by hand, real runs."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.evaluate import report


def test_most_frequent_tag_by_hand():
    # "run" is NN once and VB twice -> VB; "the" only DT; "dog" never seen -> NN (the default)
    baseline = report.MostFrequentTag([[("the", "DT"), ("run", "NN")], [("run", "VB"), ("run", "VB")]])
    assert baseline.tag(["the", "run", "dog"]) == ["DT", "VB", "NN"]


def test_policy_summary_marks_the_row_without_interval_as_published():
    summary = pd.DataFrame(
        {
            "system": ["classifier", "SemEval-2023 organisers' baseline"],
            "metric": ["micro_f1", "micro_f1"],
            "estimate": [0.6, 0.605],
            "low": [0.5, np.nan],
            "high": [0.7, np.nan],
            "n_articles": [433, np.nan],
            "note": ["5-fold CV", "dev set"],
        }
    )
    out = report.policy_results(summary)
    assert list(out.columns) == report.COLUMNS
    assert out["published"].tolist() == [False, True]
    assert (out["instrument"] == "policy frames").all() and out["n"].iloc[0] == 433


def test_sentiment_rows_get_instruments_and_only_the_references_of_benchmarks_run():
    table = pd.DataFrame(
        {
            "benchmark": ["newsmtsc-rw-dev", "semeval2007-affective-trial"],
            "system": ["majority class (0)", "vader"],
            "metric": ["macro_f1", "pearson_r"],
            "estimate": [0.2, 0.4],
            "low": [0.1, 0.3],
            "high": [0.3, 0.5],
            "n": [100, 250],
        }
    )
    out = report.sentiment_results(table)
    assert out["instrument"].tolist()[:2] == ["target sentiment", "sentence tone"]
    assert out["role"].tolist()[:2] == ["baseline", "instrument"]  # majority class: a baseline
    # PUBLISHED has two rw-dev rows (RoBERTa-GRU-TSC 0.831, VADER 0.51) and two mt-dev rows; mt-dev was not run
    references = out[out["published"]]
    assert sorted(references["estimate"]) == [0.51, 0.831]
    assert references["low"].isna().all()


def test_tokeniser_results_on_a_few_gum_documents(require):
    require("ud-gum-dev")
    out = report.tokeniser_results(["ud-gum-dev"], n_boot=10, limit=3)
    assert list(out.columns) == report.COLUMNS
    measured = out[~out["published"]]
    assert len(measured) == 4 * 2  # four systems x sentence/token F1
    assert (measured["n"] == 3).all()
    assert (measured["low"] <= measured["estimate"]).all() and (measured["estimate"] <= measured["high"]).all()
    assert measured.loc[measured["system"] == "ours", "note"].str.startswith("development figure").all()
    # Stanza's published GUM figures, and not its EWT ones (EWT was not run)
    assert out.loc[out["published"], ["benchmark", "estimate"]].values.tolist() == [
        ["ud-gum-dev", 0.953], ["ud-gum-dev", 0.998]
    ]


def test_tagger_results_reproduce_the_stored_accuracy_and_beat_the_baseline(require):
    require("ud-ewt-dev", "nltk-data")
    from analysis.tagger import get_tagger

    out = report.tagger_results(n_boot=50).set_index(["benchmark", "system"])["estimate"]
    stored = get_tagger().meta["held_out_accuracy"]["all"]["accuracy"]  # rounded to 4 places at build
    assert out["all", "averaged perceptron"] == pytest.approx(stored, abs=5e-5)
    assert out["all", "averaged perceptron"] > out["all", "most frequent tag"]


def test_agreement_by_hand():
    # 5 items: gold 1,1,0,0,1 and hits 1,0,1,0,1 -> tp 2, 3 hits, 3 positives:
    # precision 2/3, recall 2/3, F1 2*2/(3+3) = 2/3
    out = report.agreement_results([1, 1, 0, 0, 1], [1, 0, 1, 0, 1], "x", "b", "s", n_boot=20)
    assert out["metric"].tolist() == ["precision", "recall", "f1"]
    np.testing.assert_allclose(out["estimate"], [2 / 3, 2 / 3, 2 / 3])
    assert (out["n"] == 5).all()
    with pytest.raises(ValueError, match="equally long"):
        report.agreement_results([1, 0], [1], "x", "b", "s")


def test_at_a_glance_lines_up_instrument_best_baseline_and_published():
    rows = pd.DataFrame(
        [
            ("t", "b", "ours", "f1", 0.9, 0.8, 1.0, 10, "instrument"),
            ("t", "b", "weak", "f1", 0.5, 0.4, 0.6, 10, "baseline"),
            ("t", "b", "strong", "f1", 0.7, 0.6, 0.8, 10, "baseline"),
            ("t", "b", "paper", "f1", 0.95, np.nan, np.nan, np.nan, "published"),
            ("t", "c", "ours", "f1", 0.6, 0.5, 0.7, 5, "instrument"),
        ],
        columns=["instrument", "benchmark", "system", "metric", "estimate", "low", "high", "n", "role"],
    )
    out = report.at_a_glance(rows).set_index("benchmark")
    assert out.loc["b", ["baseline", "baseline_estimate", "published", "published_estimate"]].tolist() == [
        "strong", 0.7, "paper", 0.95
    ]
    assert out.loc["c", ["baseline", "published"]].isna().all()  # nothing to compare with on c


def test_audit_sample_marks_the_span_in_its_context():
    def find_x(text):  # a toy rule: every "x", with its offsets
        starts = [i for i, c in enumerate(text) if c == "x"]
        return pd.DataFrame({"start": starts, "end": [i + 1 for i in starts]}, dtype="int64")

    texts = pd.Series({"d1": "ab x cd", "d2": "no hit", "d3": "x\nyz x"})
    out = report.audit_sample(texts, find_x, n=10, width=2)
    # three hits in two documents; all kept (n > hits), in document order; context 2 chars each side:
    # "ab x cd" -> "b " + x + " c"; "x\nyz x" -> x + "\ny" (line break as a space), then "z " + x
    assert out.attrs == {"hits": 3, "documents": 2}
    assert out["doc_id"].tolist() == ["d1", "d3", "d3"]
    assert out["context"].tolist() == ["b [[x]] c", "[[x]] y", "z [[x]]"]


def test_development_gap_pairs_rows_and_subtracts():
    from analysis.evaluate.report import development_gap

    rows = pd.DataFrame([
        ("sourcing", "polnear-train", "analysis.framing.quotes", "quote_f1", 0.95, 0.94, 0.96),
        ("sourcing", "polnear-dev", "analysis.framing.quotes", "quote_f1", 0.90, 0.85, 0.93),
        ("sourcing", "polnear-dev", "baseline", "quote_f1", 0.99, 0.98, 1.0),
        ("sourcing", "polnear-train", "analysis.framing.quotes", "attribution_f1", 0.6, 0.5, 0.7),
    ], columns=["instrument", "benchmark", "system", "metric", "estimate", "low", "high"])
    out = development_gap(rows)
    # only quote_f1 has both a development and an unseen row: 0.90 - 0.95 = -0.05
    assert out["metric"].tolist() == ["quote_f1"]
    assert out.loc[0, "gap"] == pytest.approx(-0.05) and out.loc[0, "unseen_low"] == 0.85
