"""One plotting style for every figure. Each function takes a result frame and returns an Axes.

The functions draw; they compute nothing that is not already in the frame (the statistics live in
the task modules), so a figure can always be traced to a table. :func:`save` writes a figure under
``reports/figures/`` as the notebooks do.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes

from analysis import config

#: Colours: one per outlet or group, colour-blind safe (Okabe & Ito 2008), in a fixed order.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000"]
STYLE = {
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
}
plt.rcParams.update(STYLE)


def _axes(ax: Axes | None, height: float = 4.0, width: float = 7.0) -> Axes:
    if ax is None:
        _, ax = plt.subplots(figsize=(width, height))
    return ax


def save(ax: Axes, name: str, folder: Path | None = None) -> Path:
    """Save the figure holding ``ax`` as ``reports/figures/<name>.png``; returns the path."""
    folder = folder or config.reports_dir() / "figures"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.png"
    ax.figure.savefig(path)
    return path


def keyness_plot(
    result: pd.DataFrame, n: int = 15, by: str = "lrc", ax: Axes | None = None, title: str | None = None
) -> Axes:
    """Log-ratio with its confidence interval for the top ``n`` terms of a :func:`keyness` frame.

    Terms are ranked by ``by`` (default LRC, the conservative log-ratio) among those key for the
    target; each bar is labelled with the raw counts (target / reference), because with a short
    target a large log-ratio can rest on three occurrences.
    """
    key = result[result["direction"] == "target"].nlargest(n, by).iloc[::-1]
    ax = _axes(ax, height=max(2.5, 0.3 * len(key) + 1))
    y = np.arange(len(key))
    ax.barh(y, key["log_ratio"], color=PALETTE[0], alpha=0.35, label="log-ratio")
    ax.errorbar(
        key["log_ratio"], y,
        xerr=[key["log_ratio"] - key["log_ratio_low"], key["log_ratio_high"] - key["log_ratio"]],
        fmt="none", ecolor=PALETTE[0], capsize=2, label="95% CI",
    )
    ax.scatter(key[by], y, marker="|", s=120, color=PALETTE[1], zorder=3, label=by.upper())
    ax.set_yticks(y, [f"{t}  ({a}/{b})" for t, a, b in zip(key["term"], key["count_target"], key["count_reference"])])
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("log2 ratio of relative frequencies (target vs reference)")
    ax.set_title(title or "Keywords of the target")
    ax.legend(loc="lower right", frameon=False)
    return ax


def interval_plot(
    frame: pd.DataFrame,
    label: str,
    estimate: str = "estimate",
    low: str = "low",
    high: str = "high",
    group: str | None = None,
    reference: str | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
) -> Axes:
    """Dot-and-whisker plot: one row per ``label`` with its estimate and interval.

    For benchmark tables (a system's F1 with its bootstrap CI), actor or outlet scores with
    their intervals, and the like. ``group`` colours rows by a column (e.g. the benchmark);
    ``reference`` names a boolean column marking published reference points, drawn as hollow
    diamonds without an interval (they were not measured here).
    """
    rows = frame.reset_index(drop=True).iloc[::-1]
    ax = _axes(ax, height=max(2.5, 0.32 * len(rows) + 1))
    y = np.arange(len(rows))
    groups = rows[group] if group else pd.Series("", index=rows.index)
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(dict.fromkeys(groups[::-1]))}
    published = rows[reference].astype(bool) if reference else pd.Series(False, index=rows.index)
    for (g, is_ref), part in rows.groupby([groups, published], sort=False):
        pos = y[np.flatnonzero(rows.index.isin(part.index))]
        if is_ref:
            ax.scatter(part[estimate], pos, marker="D", facecolors="none", edgecolors=colours[g], zorder=3)
            continue
        err = [part[estimate] - part[low], part[high] - part[estimate]]
        ax.errorbar(part[estimate], pos, xerr=err, fmt="o", color=colours[g], capsize=2,
                    label=g or None)
    ax.set_yticks(y, rows[label])
    if group:
        handles, names = ax.get_legend_handles_labels()
        unique = dict(zip(names, handles))
        ax.legend(unique.values(), unique.keys(), frameon=False, loc="best")
    ax.set_xlabel(xlabel or estimate)
    if title:
        ax.set_title(title)
    return ax
