"""Tests for the plot functions: each returns an Axes with the expected marks and labels."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from analysis import plots  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_compare_plot_top_terms_per_group():
    result = pd.DataFrame({
        "group": ["A", "A", "A", "B", "B"],
        "term": ["kim", "medal", "the", "comrade", "said"],
        "direction": ["target", "target", "target", "target", "reference"],
        "lrc": [3.0, 1.0, 0.0, 2.0, -1.0],
        "count_target": [5, 3, 20, 9, 1],
        "count_reference": [1, 0, 400, 2, 50],
    })
    ax = plots.compare_plot(result, n=5)
    assert isinstance(ax, Axes)
    # kim, medal (A) and comrade (B): "the" has LRC 0 and "said" is key for the rest
    assert len(ax.patches) == 3
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == ["comrade  (9/2)", "medal  (3/0)", "kim  (5/1)"]  # A on top
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["A", "B"]


def test_distribution_plot_marks_the_target_and_percentiles():
    features = pd.DataFrame({"group": ["A"] * 4 + ["B"] * 3,
                             "x": [1.0, 2.0, 3.0, 4.0, 0.0, 0.0, np.nan]})
    percentiles = pd.DataFrame({"group": ["A", "B"], "feature": ["x", "x"], "percentile": [37.5, 100.0]})
    ax = plots.distribution_plot(features, "x", target=2.0, percentiles=percentiles, title="t")
    assert isinstance(ax, Axes)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A (n=4)", "B (n=2)"]  # NaN left out
    assert sum(len(c.get_offsets()) for c in ax.collections) == 6  # one point per value
    assert [line.get_xdata()[0] for line in ax.lines if line.get_label() == "article"] == [2.0]
    assert sorted(t.get_text() for t in ax.texts) == ["P100", "P38"]


def test_stacked_plot_segments_and_totals():
    frame = pd.DataFrame({"outlet": ["MT", "KCNA"], "gov": [2.0, 0.5], "media": [1.0, np.nan]})
    ax = plots.stacked_plot(frame, "outlet", ["gov", "media"], names=["government", "state media"])
    assert isinstance(ax, Axes)
    assert len(ax.patches) == 4  # two rows x two segments (a NaN segment has width 0)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["KCNA", "MT"]  # MT on top
    right_edges = sorted(p.get_x() + p.get_width() for p in ax.patches)
    assert right_edges[-1] == 3.0  # MT's bar: 2 + 1
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["government", "state media"]


def test_rank_plot_grid():
    ranks = pd.DataFrame({"run": ["bbc", "bbc", "brown"], "rank": [1, 2, 1],
                          "term": ["kim", "medal", "medal"]})
    ax = plots.rank_plot(ranks)
    assert isinstance(ax, Axes)
    assert len(ax.collections[0].get_offsets()) == 3
    assert [t.get_text() for t in ax.get_xticklabels()] == ["bbc", "brown"]
    # medal (best rank 1, in two runs) above kim (best rank 1, one run)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["kim", "medal"]
    assert sorted(t.get_text() for t in ax.texts) == ["1", "1", "2"]


def test_save_writes_png(tmp_path):
    ax = plots.stacked_plot(pd.DataFrame({"o": ["a"], "v": [1.0]}), "o", ["v"])
    path = plots.save(ax, "x", folder=tmp_path)
    assert path == tmp_path / "x.png" and path.stat().st_size > 0


def test_arc_plot_one_point_per_sentence_and_the_mean_band():
    arc = pd.DataFrame({"sentence": [0, 1, 2], "position": [0, 0.5, 1], "score": [-0.5, 0.0, 0.25]})
    document = pd.Series({"mean": -0.0833, "mean_low": -0.4, "mean_high": 0.2})
    ax = plots.arc_plot(arc, document)
    assert isinstance(ax, Axes)
    line = [l for l in ax.get_lines() if len(l.get_xdata()) == 3][0]
    assert list(line.get_ydata()) == [-0.5, 0.0, 0.25]
    assert len(ax.patches) == 1  # the band of the document mean's interval


def test_timeline_plot_stacks_groups_and_marks_events():
    from analysis.coverage import timeline

    frame = pd.DataFrame({"date": ["2020-04-01", "2020-04-01", "2020-04-03"], "outlet": ["BBC", "CNN", "BBC"]})
    counts = timeline(frame, by="outlet")
    events = pd.DataFrame({"date": ["2020-04-02"], "label": ["event"]})
    ax = plots.timeline_plot(counts, by="outlet", events=events, title="t")
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [0, 0, 0, 1, 1, 1]  # 3 days x 2 outlets, stacked
    assert [t.get_text() for t in ax.texts] == [" event"] and ax.get_title(loc="left") == "t"


def test_interval_plot_one_row_per_label_with_joined_columns():
    rows = pd.DataFrame({"system": ["rules", "model", "published"], "metric": ["f1", "f1", "f1"],
                         "estimate": [0.5, 0.7, 0.8], "low": [0.4, 0.6, np.nan], "high": [0.6, 0.8, np.nan],
                         "published": [False, False, True]})
    ax = plots.interval_plot(rows, ["system", "metric"], group="system", reference="published")
    assert isinstance(ax, Axes)
    # rows are drawn top to bottom in the frame's order, labelled "system · metric"
    assert [t.get_text() for t in ax.get_yticklabels()] == ["published · f1", "model · f1", "rules · f1"]
    assert "published" in rows.columns and list(rows.columns) == ["system", "metric", "estimate", "low", "high", "published"]
    plt.close("all")
