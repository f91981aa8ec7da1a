"""Sentences written from result tables, so a notebook's prose fits whatever article it is run on.

Each function takes the tidy frame an instrument returned and gives one short Markdown paragraph
that states what the frame holds, with the words behind it quoted, and nothing the frame does
not hold. The notebooks show these paragraphs under their tables (``IPython.display.Markdown``),
so a rerun on another article (papermill parameters, ``python -m analysis run --report``) never
keeps the seed's prose. Interpretation (what a pattern means for framing) stays in the notebook's
own, article-independent text.

Caveat: a paragraph is only as right as the instrument under it; each instrument's measured
accuracy is in notebook 4 and ``python -m analysis.evaluate``.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

__all__ = ["count_phrase", "frames", "labels", "markers", "sourcing", "tone"]


def count_phrase(n: int, singular: str, plural: str | None = None) -> str:
    """``count_phrase(1, "source")`` is "one source"; ``count_phrase(3, "source")`` "3 sources";
    zero is "no sources". Numbers up to nine are spelled out, as news style has it."""
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    noun = singular if n == 1 else (plural or singular + "s")
    return f"{words[n] if 0 <= n < len(words) else f'{n:,}'} {noun}"


def _quoted(values: Iterable[str], limit: int = 4) -> str:
    seen = list(dict.fromkeys(v.strip() for v in values if isinstance(v, str) and v.strip()))
    shown = ", ".join(f'"{v}"' for v in seen[:limit])
    return shown + (f" and {len(seen) - limit} more" if len(seen) > limit else "")


def sourcing(attributions: pd.DataFrame, quotes: pd.DataFrame | None = None) -> str:
    """A paragraph on who the text attributes information to, by source class, and on its
    quotations by kind (from :func:`analysis.framing.quotes.attributions` and ``quotes``)."""
    if attributions is None or attributions.empty:
        text = "The instrument finds no attribution: nothing is ascribed to a source."
    else:
        kind = "source_class" if "source_class" in attributions.columns else "source_type"
        parts = []
        for cls, group in attributions.groupby(kind, sort=False):
            parts.append(f"{cls} {len(group)} ({_quoted(group['source'], 3)})")
        absent = [c for c in ("anonymous", "named person") if c not in set(attributions[kind])]
        text = (f"{count_phrase(len(attributions), 'attribution').capitalize()}: " + "; ".join(parts) + "."
                + (f" No {' and no '.join(absent)} source." if absent else ""))
    if quotes is not None and not quotes.empty:
        by_kind = quotes.groupby("kind", sort=False).size()
        described = ", ".join(f"{n} {k}" for k, n in by_kind.items())
        speakers = quotes["speaker"].dropna() if "speaker" in quotes.columns else pd.Series(dtype=str)
        text += (f" {count_phrase(len(quotes), 'quotation').capitalize()} ({described})"
                 + (f", spoken by {_quoted(speakers, 3)}." if len(speakers) else "."))
    elif quotes is not None:
        text += " It quotes no one."
    return text


def markers(table: pd.DataFrame) -> str:
    """A paragraph on epistemic markers (:func:`analysis.framing.hedging.hedging`): the writer's
    by category, and those inside quotations with whose they are."""
    if table is None or table.empty:
        return "The instrument finds no hedging, speculation or certainty marker."
    whose = table["whose"] if "whose" in table.columns else pd.Series("writer", index=table.index)
    own, quoted = table[whose == "writer"], table[whose != "writer"]
    parts = [f"{c}: {_quoted(g['marker'])}" for c, g in own.groupby("category", sort=False)]
    text = (f"The writer's own markers: {count_phrase(len(own), 'marker')}"
            + (f" ({'; '.join(parts)})." if parts else "."))
    if len(quoted):
        speakers = quoted["speaker"].fillna("an unnamed source") if "speaker" in quoted else ["a quoted source"] * len(quoted)
        items = [f'"{m}" ({c}, {s})' for m, c, s in zip(quoted["marker"], quoted["category"], speakers)]
        verb = "lies inside a quotation and belongs" if len(quoted) == 1 else "lie inside quotations and belong"
        text += (f" {count_phrase(len(quoted), 'marker').capitalize()} {verb} to the quoted source, not the "
                 f"writer: {', '.join(items)}.")
    return text


def labels(table: pd.DataFrame, actor: str) -> str:
    """A paragraph on the labels :func:`analysis.framing.actors.labels` attaches to ``actor``."""
    if table is None or table.empty or actor not in set(table["actor"]):
        return f"No label is attached to {actor}."
    own = table[table["actor"] == actor]
    parts = [f"{k}s {_quoted(g['label'], 5)}" for k, g in own.groupby("kind", sort=False)]
    return f"{actor} is labelled by " + "; ".join(parts) + "."


def tone(arc: pd.DataFrame, document: pd.Series, instrument: str = "VADER") -> str:
    """A paragraph on sentence tone (:func:`analysis.sentiment.arc` and one row of
    ``score_documents``): the mean with its interval, whether the interval holds zero, and the
    most negative and most positive sentences."""
    if arc is None or arc.empty:
        return "The text has no sentence to score."
    mean, low, high = (float(document[k]) for k in ("mean", "mean_low", "mean_high"))
    side = ("holds zero: the tone is not distinguishable from neutral" if low <= 0 <= high
            else "lies above zero" if low > 0 else "lies below zero")
    text = (f"Mean sentence tone ({instrument}) {mean:+.2f} [{low:+.2f}, {high:+.2f}] over "
            f"{count_phrase(len(arc), 'sentence')}; the interval {side}.")
    lowest, highest = arc.loc[arc["score"].idxmin()], arc.loc[arc["score"].idxmax()]
    if np.isfinite(lowest["score"]) and lowest["score"] < 0:
        text += f' Most negative: sentence {int(lowest["sentence"])} ({lowest["score"]:+.2f}), "{_clip(lowest["text"])}".'
    if np.isfinite(highest["score"]) and highest["score"] > 0:
        text += f' Most positive: sentence {int(highest["sentence"])} ({highest["score"]:+.2f}), "{_clip(highest["text"])}".'
    return text


def frames(row: pd.Series, text: str, thresholds: dict[str, float]) -> str:
    """A paragraph on one text's generic frames (a row of
    :func:`analysis.framing.generic.generic_frames` and ``attrs["model_thresholds"]``): which
    calibrated frames reach their threshold, the nearest that do not, and the words behind the
    rule answers."""
    yes = [f for f in thresholds if bool(row.get(f"{f}_calibrated"))]
    no = sorted((f for f in thresholds if f not in yes),
                key=lambda f: float(row[f"{f}_probability"]) - thresholds[f], reverse=True)
    name = lambda f: f.replace("_", " ")  # noqa: E731
    if yes:
        text_out = "The calibrated model finds " + ", ".join(
            f"{name(f)} (probability {row[f'{f}_probability']:.2f}, threshold {thresholds[f]:.2f})" for f in yes) + "."
    else:
        text_out = "The calibrated model finds no frame at its threshold"
        text_out += (f"; the nearest is {name(no[0])} (probability {row[f'{no[0]}_probability']:.2f}, "
                     f"threshold {thresholds[no[0]]:.2f})." if no else ".")
    hits = []
    for column in row.index:
        if column.endswith("_evidence") and isinstance(row[column], list) and row[column]:
            words = _quoted(text[a:b] for a, b, *_ in row[column])
            hits.append(f"{name(column[: -len('_evidence')])} {words}")
    text_out += (" Rule questions answered yes: " + "; ".join(hits) + "." if hits
                 else " No rule question is answered yes.")
    return text_out


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"
