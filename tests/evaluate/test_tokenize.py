"""Tests of the tokeniser benchmark: scoring worked by hand, and a real run beating NLTK."""

from __future__ import annotations

from analysis.evaluate import tokenize as bench


def test_score_counts_exact_span_matches():
    # gold here takes "there." as one token: (0,2) (3,9) (10,13) (13,14); every system predicts
    # Hi, there, ., Bye, . -> 3 of 5 predicted match 3 of 4 gold: F1 = 2*3 / (5+4) = 2/3
    doc = bench.GoldDoc("d", "Hi there. Bye.", {(0, 9), (10, 14)}, {(0, 2), (3, 9), (10, 13), (13, 14)})
    frame = bench.score([doc], "ud", n_boot=10).set_index(["system", "level"])
    assert (frame.xs("sentence", level="level")["f1"] == 1.0).all()
    assert frame.xs("token", level="level")["f1"].round(6).eq(round(2 / 3, 6)).all()
    assert frame.loc[("ours", "token"), "precision"] == 3 / 5 and frame.loc[("ours", "token"), "recall"] == 3 / 4


def test_main_runs_on_a_subset(require, capsys):
    require("ud-gum-dev")
    assert bench.main(["--datasets", "ud-gum-dev", "--limit", "5", "--n-boot", "20"]) == 0
    out = capsys.readouterr().out
    assert "ud-gum-dev" in out and "punkt+treebank" in out


def test_ours_beats_nltk_defaults_on_ewt(require):
    require("ud-ewt-dev")
    docs, skipped = bench.gold_documents("ud-ewt-dev")
    frame = bench.score(docs[:100], "ud", n_boot=20).set_index(["system", "level"])["f1"]
    assert skipped == 0
    assert frame["ours", "sentence"] > frame["punkt", "sentence"]
    assert frame["ours", "token"] > max(frame["punkt", "token"], frame["punkt+treebank", "token"])
