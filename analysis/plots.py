"""One plotting style for every figure. Each function takes a result frame and returns an Axes.

The functions draw; they compute nothing that is not already in the frame (the statistics live in
the task modules), so a figure can always be traced to a table. :func:`save` writes a figure under
``reports/figures/`` as the notebooks do.
"""

from __future__ import annotations

from collections.abc import Sequence
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
    label: str | Sequence[str],
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
    diamonds without an interval (they were not measured here). ``label`` may name several
    columns, joined with " · " (``["system", "metric"]`` for the rows of a benchmark table).
    """
    if not isinstance(label, str):
        columns = list(label)
        label = " · ".join(columns)
        frame = frame.assign(**{label: frame[columns].astype(str).agg(" · ".join, axis=1)})
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


def compare_plot(
    result: pd.DataFrame, n: int = 6, by: str = "lrc", ax: Axes | None = None, title: str | None = None
) -> Axes:
    """The top ``n`` keywords of each group of a one-vs-rest :func:`analysis.keywords.compare` frame.

    One bar per term, of length ``by`` (default LRC, the conservative log-ratio), coloured by
    group, groups from top to bottom in the frame's order; terms with ``by`` <= 0 (no
    difference the interval can vouch for) are left out, so a group may show fewer than ``n``.
    Each label carries the raw counts (group / rest).
    """
    key = result[(result["direction"] == "target") & (result[by] > 0)]
    groups = list(dict.fromkeys(result["group"]))
    rows = pd.concat([key[key["group"] == g].nlargest(n, by) for g in groups]).iloc[::-1]
    ax = _axes(ax, height=max(2.5, 0.26 * len(rows) + 1))
    y = np.arange(len(rows))
    colours = {g: PALETTE[i % len(PALETTE)] for i, g in enumerate(groups)}
    for g in groups:
        part = rows["group"].to_numpy() == g
        ax.barh(y[part], rows[by].to_numpy()[part], color=colours[g], label=g)
    ax.set_yticks(y, [f"{t}  ({a}/{b})" for t, a, b in zip(rows["term"], rows["count_target"],
                                                         rows["count_reference"])])
    ax.set_xlabel(f"{by.upper()} (log2 ratio, group vs the rest)" if by == "lrc" else by)
    ax.set_title(title or "Keywords of each group against the others")
    ax.legend(frameon=False, loc="lower right")
    return ax


def distribution_plot(
    features: pd.DataFrame,
    column: str,
    target: float | None = None,
    by: str = "group",
    percentiles: pd.DataFrame | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    target_label: str = "article",
) -> Axes:
    """Each group's distribution of ``column`` (box and points), with one document marked.

    One horizontal box per group of ``by`` (groups top to bottom in order of appearance; box =
    quartiles, whiskers 1.5 IQR) over its documents, drawn as jittered points (fixed seed);
    ``target`` is drawn as a vertical line labelled ``target_label``. With ``percentiles`` (a
    :func:`analysis.compare.percentile_ranks` frame) each box is annotated with the target's
    percentile in that group. NaN values are left out of the boxes.
    """
    groups = list(dict.fromkeys(features[by]))
    values = [features.loc[features[by] == g, column].dropna().to_numpy(dtype=float) for g in groups]
    ax = _axes(ax, height=max(2.0, 0.55 * len(groups) + 1))
    y = np.arange(len(groups))[::-1]
    ax.boxplot(values, positions=y, orientation="horizontal", widths=0.5, showfliers=False,
               medianprops={"color": "black"}, boxprops={"color": "grey"})
    jitter = np.random.default_rng(0)
    for i, (pos, v) in enumerate(zip(y, values)):
        ax.scatter(v, pos + jitter.uniform(-0.18, 0.18, len(v)), s=6, alpha=0.35,
                   color=PALETTE[i % len(PALETTE)], zorder=2)
    ax.set_yticks(y, [f"{g} (n={len(v)})" for g, v in zip(groups, values)])
    if target is not None and np.isfinite(target):
        ax.axvline(target, color=PALETTE[1], linewidth=1.5, label=target_label, zorder=3)
        ax.legend(frameon=False, loc="best", fontsize=8)
    if percentiles is not None:
        ranks = percentiles[percentiles["feature"] == column].set_index(by)["percentile"]
        for g, pos in zip(groups, y):
            if g in ranks.index and np.isfinite(ranks[g]):
                ax.annotate(f"P{ranks[g]:.0f}", (1.0, pos), xycoords=("axes fraction", "data"),
                            ha="left", va="center", fontsize=9, color=PALETTE[1])
    ax.set_xlabel(xlabel or column)
    if title:
        ax.set_title(title)
    return ax


def stacked_plot(
    frame: pd.DataFrame,
    label: str,
    columns: list[str],
    ax: Axes | None = None,
    title: str | None = None,
    xlabel: str | None = None,
    names: list[str] | None = None,
) -> Axes:
    """Horizontal stacked bars: one row per ``label``, one segment per column of ``columns``.

    For compositions side by side (attributions per 1,000 tokens by source type, per outlet:
    the bar's length is the total, its segments the parts). ``names`` relabels the columns in
    the legend. Rows keep the frame's order, top to bottom.
    """
    rows = frame.reset_index(drop=True).iloc[::-1]
    ax = _axes(ax, height=max(2.0, 0.4 * len(rows) + 1.2))
    y = np.arange(len(rows))
    left = np.zeros(len(rows))
    for i, (column, name) in enumerate(zip(columns, names or columns)):
        width = rows[column].fillna(0).to_numpy(dtype=float)
        ax.barh(y, width, left=left, color=PALETTE[i % len(PALETTE)], label=name)
        left += width
    ax.set_yticks(y, rows[label])
    ax.set_xlabel(xlabel or "")
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncols=min(len(columns), 4))
    if title:
        ax.set_title(title)
    return ax


def rank_plot(ranks: pd.DataFrame, ax: Axes | None = None, title: str | None = None) -> Axes:
    """Keyword ranks across runs (a :func:`analysis.compare.keyword_ranks` frame) as a grid.

    Rows are terms (ordered by their best rank, then how many runs list them), columns are
    runs; a cell shows the term's rank in that run (larger dot = higher rank) and stays empty
    when the term is not in that run's list. Robust keywords fill their row.
    """
    runs = list(dict.fromkeys(ranks["run"]))
    order = ranks.groupby("term").agg(best=("rank", "min"), runs=("run", "size"))
    terms = order.sort_values(["best", "runs"], ascending=[True, False]).index.tolist()
    ax = _axes(ax, height=max(2.5, 0.24 * len(terms) + 1), width=1.4 * len(runs) + 2.5)
    row = {t: len(terms) - 1 - i for i, t in enumerate(terms)}
    col = {r: i for i, r in enumerate(runs)}
    x = ranks["run"].map(col).to_numpy()
    y = ranks["term"].map(row).to_numpy()
    top = ranks["rank"].max()
    ax.scatter(x, y, s=30 + 170 * (top - ranks["rank"].to_numpy() + 1) / top, color=PALETTE[0], alpha=0.35)
    for xi, yi, r in zip(x, y, ranks["rank"]):
        ax.annotate(str(r), (xi, yi), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(len(runs)), runs, rotation=20, ha="right")
    ax.set_yticks(range(len(terms)), terms[::-1])
    ax.set_xlim(-0.6, len(runs) - 0.4)
    ax.grid(False)
    if title:
        ax.set_title(title)
    return ax


def arc_plot(arc: pd.DataFrame, document: pd.Series | None = None, ax: Axes | None = None,
             title: str | None = None) -> Axes:
    """Sentence-by-sentence tone of one text (an :func:`analysis.sentiment.arc` frame).

    Each sentence's score is a dot on the line through the text; with ``document`` (a row of
    :func:`analysis.sentiment.score_documents`), the document mean and its bootstrap interval
    are drawn as a band, so a reader sees which sentences move the average.
    """
    ax = _axes(ax, height=3.2)
    ax.axhline(0, color="black", linewidth=0.8)
    if document is not None:
        ax.axhspan(document["mean_low"], document["mean_high"], color=PALETTE[0], alpha=0.12,
                   label=f"document mean {document['mean']:+.2f}, 95% CI")
        ax.axhline(document["mean"], color=PALETTE[0], linewidth=1, linestyle="--")
    ax.plot(arc["sentence"], arc["score"], color=PALETTE[1], marker="o", label="sentence score")
    ax.set_xticks(arc["sentence"])
    ax.set_xlabel("sentence")
    ax.set_ylabel("score (-1 to 1)")
    ax.set_ylim(-1.05, 1.05)
    ax.set_title(title or "Tone sentence by sentence")
    ax.legend(frameon=False, loc="lower right")
    return ax


def timeline_plot(
    counts: pd.DataFrame,
    by: str | None = None,
    events: pd.DataFrame | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    ylabel: str = "items",
) -> Axes:
    """Stacked bars of a :func:`analysis.coverage.timeline` frame (``period``, ``n``, and ``by``),
    with optional ``events`` (``date``, ``label``) drawn as dashed lines labelled at the top."""
    ax = _axes(ax, height=3.6, width=8.0)
    if by is None:
        ax.bar(counts["period"], counts["n"], width=0.9, color=PALETTE[0])
    else:
        wide = counts.pivot(index="period", columns=by, values="n").fillna(0)
        bottom = np.zeros(len(wide))
        for colour, column in zip(PALETTE, wide.columns):
            ax.bar(wide.index, wide[column], bottom=bottom, width=0.9, label=str(column), color=colour)
            bottom += wide[column].to_numpy()
        ax.legend(frameon=False, loc="upper left")
    if events is not None:
        top = ax.get_ylim()[1]
        for date, label in zip(pd.to_datetime(events["date"]), events["label"]):
            ax.axvline(date, color="#555555", linestyle="--", linewidth=0.8)
            ax.text(date, top, f" {label}", rotation=90, va="top", ha="left", fontsize=8, color="#333333")
    ax.set_ylabel(ylabel)
    ax.figure.autofmt_xdate()
    if title:
        ax.set_title(title)
    return ax
