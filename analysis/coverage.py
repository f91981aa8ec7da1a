"""Coverage over time: which items of a corpus name an actor, when, and in which period.

Framing is a choice among what else could have been said, so a story is best compared with
coverage of the same weeks (Entman 1993; de Vreese 2005). These helpers turn a dated corpus into
the tables such a comparison needs:

* :func:`actor_items` — one row per item with how often an actor is named in its title and body
  (the actor finder of :mod:`analysis.framing.actors`, resolved with each item's date, so "the
  North Korean leader" of 2002 is not the leader of 2020);
* :func:`timeline` — counts per day (week, year, ...) and group, every period present, zeros
  included;
* :func:`actor_counts` — mentions of several actors per item, and the labels attached to them;
* :func:`assign_periods` — a period label per row from named, half-open date ranges;
* :func:`actor_shares` — per group, the share of items naming each actor, with Wilson intervals;
* :func:`item_evidence` — per item, the writer's epistemic markers, the sources it cites and the
  labels it attaches to the actor, with the words behind each.

Every function takes and returns tidy DataFrames; nothing here knows a particular story.
Caveat: "names the actor" is the actor finder's decision (its precision and recall are measured by
``python -m analysis.evaluate actors``); RSS items are a headline and a summary, not the article.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from analysis.framing.actors import labels, mentions
from analysis.framing.hedging import hedging
from analysis.framing.quotes import attributions
from analysis.stats import wilson_interval

__all__ = ["actor_counts", "actor_items", "actor_shares", "assign_periods", "item_evidence", "timeline"]


def _count(text, actor: str, actors, date) -> int:
    if not isinstance(text, str) or not text.strip():
        return 0
    found = mentions(text, actors, date=date) if actors is not None else mentions(text, date=date)
    return int((found["actor"] == actor).sum())


def actor_items(
    corpus: pd.DataFrame,
    actor: str,
    *,
    actors=None,
    title_column: str = "title",
    text_column: str = "text",
    date_column: str = "date",
) -> pd.DataFrame:
    """``actor_items(corpus, actor, actors=None, title_column="title", text_column="text",
    date_column="date")``: how often each item names ``actor``.

    Returns ``corpus`` (same rows, same order, same index) with ``n_title``, ``n_text`` (mentions
    in the title and in the body, by :func:`analysis.framing.actors.mentions` with the item's
    date, with ``actors`` as the actor table, default the package's) and ``names_actor``
    (either is positive). Missing titles or bodies count 0 and are kept. ``attrs`` records the
    actor and the method. Caveat: pronouns count only after a name in the same field.
    """
    for column in (title_column, text_column, date_column):
        if column not in corpus.columns:
            raise ValueError(f"actor_items needs a {column!r} column; the frame has {list(corpus.columns)}")
    dates = pd.to_datetime(corpus[date_column], errors="coerce")
    out = corpus.copy()
    out["n_title"] = [_count(t, actor, actors, d if pd.notna(d) else None) for t, d in zip(corpus[title_column], dates)]
    out["n_text"] = [_count(t, actor, actors, d if pd.notna(d) else None) for t, d in zip(corpus[text_column], dates)]
    out["names_actor"] = (out["n_title"] > 0) | (out["n_text"] > 0)
    out.attrs.update(corpus.attrs)
    out.attrs["coverage"] = {"actor": actor, "method": "analysis.framing.actors.mentions(text, date=item date)"}
    return out


def actor_counts(
    corpus: pd.DataFrame,
    names: Sequence[str],
    *,
    actors=None,
    text_column: str = "text",
    date_column: str = "date",
    with_labels: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``actor_counts(corpus, names, actors=None, text_column="text", date_column="date",
    with_labels=False)``: mentions of each actor in ``names`` per item, and their labels.

    Returns ``(counts, labelled)``. ``counts`` is ``corpus`` with one integer column per name (its
    mentions in ``text_column``, by :func:`analysis.framing.actors.mentions` with the item's
    date, so a title or surname goes to the person who held it then). ``labelled`` (empty unless
    ``with_labels``) has one row per label attached to one of ``names``: the corpus index
    (``item``), ``actor``, ``kind``, ``label``, from :func:`analysis.framing.actors.labels`.
    """
    dates = pd.to_datetime(corpus[date_column], errors="coerce")
    counts = corpus.copy()
    tallies = {name: [] for name in names}
    labelled = []
    for (index, text), date in zip(corpus[text_column].items(), dates):
        date = date if pd.notna(date) else None
        ok = isinstance(text, str) and bool(text.strip())
        found = (mentions(text, actors, date=date) if actors is not None else mentions(text, date=date)) if ok else None
        for name in names:
            tallies[name].append(int((found["actor"] == name).sum()) if ok else 0)
        if ok and with_labels:
            table = labels(text, actors, date=date) if actors is not None else labels(text, date=date)
            table = table[table["actor"].isin(names)]
            labelled += [{"item": index, "actor": a, "kind": k, "label": lab}
                         for a, k, lab in zip(table["actor"], table["kind"], table["label"])]
    for name in names:
        counts[name] = tallies[name]
    return counts, pd.DataFrame(labelled, columns=["item", "actor", "kind", "label"])


def timeline(
    frame: pd.DataFrame,
    *,
    date_column: str = "date",
    freq: str = "D",
    by: str | None = None,
    start=None,
    end=None,
) -> pd.DataFrame:
    """``timeline(frame, date_column="date", freq="D", by=None, start=None, end=None)``: rows per
    period (and per value of ``by``), zeros included.

    Returns ``period`` (the period's first day), ``by`` (if given) and ``n``, one row for every
    period from ``start`` (default: the first date) to ``end`` (default: the last) and every group,
    so gaps show as zeros rather than disappearing. ``freq`` is a pandas period alias (``"D"``,
    ``"W"``, ``"M"``, ``"Y"``). Rows without a date are not counted: their number is in
    ``attrs["undated"]``.
    """
    if date_column not in frame.columns:
        raise ValueError(f"timeline needs a {date_column!r} column; the frame has {list(frame.columns)}")
    dates = pd.to_datetime(frame[date_column], errors="coerce")
    dated = frame.assign(period=dates.dt.to_period(freq))[dates.notna()]
    lo = pd.Period(start, freq) if start is not None else (dated["period"].min() if len(dated) else None)
    hi = pd.Period(end, freq) if end is not None else (dated["period"].max() if len(dated) else None)
    periods = pd.period_range(lo, hi, freq=freq) if lo is not None and hi is not None else pd.PeriodIndex([], freq=freq)
    if by is None:
        counts = dated.groupby("period").size().reindex(periods, fill_value=0)
        out = pd.DataFrame({"period": periods.to_timestamp(), "n": counts.to_numpy(dtype=int)})
    else:
        groups = sorted(frame[by].dropna().unique())
        index = pd.MultiIndex.from_product([periods, groups], names=["period", by])
        counts = dated.groupby(["period", by]).size().reindex(index, fill_value=0)
        out = counts.rename("n").reset_index()
        out["period"] = pd.PeriodIndex(out["period"], freq=freq).to_timestamp()
        out["n"] = out["n"].astype(int)
    out.attrs["undated"] = int(dates.isna().sum())
    out.attrs["freq"] = freq
    return out


def assign_periods(dates: Iterable, periods: Mapping[str, tuple]) -> pd.Series:
    """``assign_periods(dates, periods)``: the label of the period each date falls in.

    ``periods`` maps a label to ``(start, end)``, a half-open range ``[start, end)`` of anything
    :func:`pandas.Timestamp` reads (``None`` for open ends). Ranges must not overlap (checked).
    Dates outside every range, and missing dates, get ``<NA>``, so no row is dropped silently.
    """
    bounds = []
    for label, (start, end) in periods.items():
        lo = pd.Timestamp(start) if start is not None else pd.Timestamp.min
        hi = pd.Timestamp(end) if end is not None else pd.Timestamp.max
        if not lo < hi:
            raise ValueError(f"period {label!r}: start {start} is not before end {end}")
        bounds.append((lo, hi, label))
    bounds.sort(key=lambda b: b[0])
    for (_, hi, a), (lo, _, b) in zip(bounds, bounds[1:]):
        if lo < hi:
            raise ValueError(f"periods {a!r} and {b!r} overlap")
    stamps = pd.to_datetime(pd.Series(list(dates)), errors="coerce")
    labels = pd.Series(pd.NA, index=stamps.index, dtype="string")
    for lo, hi, label in bounds:
        labels[(stamps >= lo) & (stamps < hi)] = label
    return labels


def actor_shares(
    frame: pd.DataFrame,
    actor_columns: Sequence[str],
    by: str,
    level: float = 0.95,
) -> pd.DataFrame:
    """``actor_shares(frame, actor_columns, by, level=0.95)``: per group, the share of items in
    which each boolean ``actor_columns`` column is true, with a Wilson interval.

    Returns ``by``, ``actor`` (the column name), ``n_items``, ``n_naming``, ``share``, ``low``,
    ``high``. Method: Wilson score interval (Wilson 1927, JASA 22), which stays inside [0, 1] and
    behaves with few items. Caveat: items of one outlet and period are not independent draws
    (the same event is covered several times), so read the intervals as a lower bound on the
    uncertainty.
    """
    rows = []
    for group, part in frame.groupby(by, sort=True, observed=True):
        for column in actor_columns:
            k, n = int(part[column].fillna(False).astype(bool).sum()), len(part)
            share, low, high = wilson_interval(k, n, level=level) if n else (np.nan, np.nan, np.nan)
            rows.append({by: group, "actor": column, "n_items": n, "n_naming": k,
                         "share": share, "low": low, "high": high})
    return pd.DataFrame(rows, columns=[by, "actor", "n_items", "n_naming", "share", "low", "high"])


def _join(values) -> str:
    return "; ".join(dict.fromkeys(str(v) for v in values if isinstance(v, str) and v))


def item_evidence(
    items: pd.DataFrame,
    actor: str,
    *,
    actors=None,
    text_columns: Sequence[str] = ("title", "text"),
    date_column: str = "date",
) -> pd.DataFrame:
    """``item_evidence(items, actor, actors=None, text_columns=("title", "text"), date_column="date")``:
    what each item says around ``actor``, with the words behind it.

    The item's ``text_columns`` are joined with a blank line (a headline and its summary read as
    one short text) and read by three instruments: :func:`analysis.framing.hedging.hedging` (the
    *writer's* markers only: a marker inside a quotation is the quoted source's), the sources of
    :func:`analysis.framing.quotes.attributions`, and the labels
    :func:`analysis.framing.actors.labels` attaches to ``actor`` (resolved with the item's date).
    Returns the items' index with ``n_markers``, ``markers`` ("category: words", joined),
    ``n_sources``, ``sources`` ("class: source"), ``n_labels``, ``labels``. Empty texts give zeros
    and empty strings. Caveats: each instrument's accuracy is measured in
    ``python -m analysis.evaluate`` (``sourcing``, ``hedging``, ``actors``); a headline's grammar
    (no articles, present tense for the past) is harder for them than a body's.
    """
    dates = pd.to_datetime(items[date_column], errors="coerce") if date_column in items else None
    rows = []
    for position, (_, item) in enumerate(items.iterrows()):
        text = "\n\n".join(str(item[c]) for c in text_columns if isinstance(item.get(c), str) and item[c].strip())
        date = dates.iloc[position] if dates is not None and pd.notna(dates.iloc[position]) else None
        if not text:
            rows.append({"n_markers": 0, "markers": "", "n_sources": 0, "sources": "", "n_labels": 0, "labels": ""})
            continue
        markers = hedging(text)
        if "whose" in markers.columns:
            markers = markers[markers["whose"] == "writer"]
        cited = attributions(text)
        kind = "source_class" if "source_class" in cited.columns else "source_type"
        named = labels(text, actors, date=date) if actors is not None else labels(text, date=date)
        named = named[named["actor"] == actor]
        rows.append({
            "n_markers": len(markers),
            "markers": _join(f"{c}: {m}" for c, m in zip(markers["category"], markers["marker"])),
            "n_sources": len(cited),
            "sources": _join(f"{k}: {s}" for k, s in zip(cited[kind], cited["source"])),
            "n_labels": len(named),
            "labels": _join(named["label"]),
        })
    return pd.DataFrame(rows, index=items.index)
