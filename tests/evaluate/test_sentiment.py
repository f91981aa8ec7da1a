import numpy as np
import pytest

from analysis.data import load
from analysis.evaluate import sentiment as bench


@pytest.mark.slow
def test_benchmark_table_on_a_small_subset(require):
    require("newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "semeval2007-affective-trial", "nltk-data")
    table = bench.run(["vader", "hu-liu"], n_boot=50, limit=40)
    assert set(table["benchmark"]) == {*bench.DEV, "semeval2007-affective-trial"}
    assert (table["n"] == 40).all()
    assert ((table["low"] <= table["estimate"]) & (table["estimate"] <= table["high"])).all()
    # The majority class of the training file is -1 (3,316 of 8,739 targets), so its accuracy on
    # the first 40 rw-dev targets is their share of -1 labels.
    rw = load("newsmtsc-rw-dev").head(40)
    majority = table.query("benchmark == 'newsmtsc-rw-dev' and system == 'majority class (-1)' and metric == 'accuracy'")
    assert majority["estimate"].item() == pytest.approx(np.mean(rw["label"] == -1))
    systems = set(table["system"])
    assert {"target model", "sentence-level vader", "sentence-level hu-liu"} <= systems
    r = table.query("benchmark == 'semeval2007-affective-trial' and system == 'vader'")["estimate"].item()
    assert -1 <= r <= 1
