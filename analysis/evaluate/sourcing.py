"""Benchmark of quotations, speakers and attributions on PolNeAR (Newell, Margolin & Ruths 2018).

``python -m analysis.evaluate sourcing [--n-boot 1000] [--limit N] [--no-train]`` prints, for
:func:`analysis.framing.quotes.quotes` / :func:`~analysis.framing.quotes.attributions` and for a
plain baseline measured in the same run, on ``polnear-dev`` (report only) and on
``polnear-train`` (the rules were developed on it and the learned cue model is scored out of
fold, grouped by article: the gap between the two is the honest part):

* ``quote_precision``/``quote_recall``/``quote_f1``. A predicted speech quotation (top level,
  kind ``direct`` or ``partial``) is correct when at least half of its characters lie in one gold
  content span that holds a quotation mark; a gold unit is such a content span, found when a
  correct prediction lies in it.
* ``quote_speaker_*``: the same, and the prediction's speaker overlaps that relation's source.
* ``attribution_precision``/``_recall``/``_f1``: a predicted attribution is correct when its
  cue overlaps the cue and its source the source of one gold relation; gold units are the
  relations that have a source (relations without one cannot be matched by this rule and are
  left out).

Gold: each article's primary annotator (the first annotator id in sorted order; see
:mod:`analysis.data.sources.polnear`), so that an article counts once. Intervals: 95 %
percentile bootstrap resampling articles (:func:`analysis.evaluate.bootstrap_ci`, counts summed
over the resampled articles, then the ratio).

Baselines (:func:`baseline_quotes`, :func:`baseline_attributions`): every pair of double
quotation marks in a paragraph is a speech quotation; its speaker is the nearest capitalised
name or pronoun right next to "said", "told" or "added" (after the quotation first, then before
it, in the same sentence); every "said/told/added" with a name or pronoun next to it is an
attribution. This is the textbook rule (e.g. the quote extractor of textacy, without a parser).

Figures (``--n-boot 1000``, commit 9e7ce5d of 2026-12-01 with the committed polnear-cues
artefact, version 5; dev = 84 articles, train = 840 articles, out of fold; instrument vs
baseline, 95 % intervals; every setting chosen on polnear-train only):

================================  ========================  ========================  =====================
metric                            polnear-dev               baseline (dev)            polnear-train (CV)
================================  ========================  ========================  =====================
quote F1                          0.959 [0.939, 0.973]      0.953 [0.928, 0.967]      0.965 (base 0.946)
quote precision / recall          0.938 / 0.981             0.919 / 0.989             0.945 / 0.986
quote-and-speaker F1              0.825 [0.755, 0.866]      0.324 [0.259, 0.380]      0.849 (base 0.343)
quote-and-speaker P / R           0.812 / 0.838             0.285 / 0.375             0.834 / 0.865
attribution precision             0.854 [0.830, 0.874]      0.731 [0.680, 0.781]      0.850 (base 0.722)
attribution recall                0.540 [0.500, 0.582]      0.179 [0.146, 0.210]      0.511 (base 0.177)
attribution F1                    0.662 [0.627, 0.695]      0.288 [0.240, 0.330]      0.638 (base 0.285)
================================  ========================  ========================  =====================

The gain in quote-and-speaker F1 over the previous commit (dev 0.783 [0.685, 0.831], train out
of fold 0.815) is the learned speaker ranker of :func:`analysis.framing.quotes.quotes` (speech
quotations without a rule speaker; out-of-fold F1 0.849 against 0.816 for the hand-ordered
speaker rules on the same folds: :func:`analysis.framing.attributions.select_speaker_settings`;
version 4, without the words around each candidate, gave 0.846 there and dev 0.823 [0.752,
0.864]); the train figure's fold rankers learn from the other folds' quotations, whose cue
probabilities come from out-of-fold cue models that saw the held-out fold (its inputs, not its
labels). Quote F1 and the attributions are unchanged. Earlier: the rule kinds alone gave dev quote F1 0.945
[0.925, 0.960] and quote-and-speaker F1 0.735; the learned speech decision raised quote F1
(out-of-fold 0.967 against 0.940 for the rule kinds on the same folds). Cue-model probabilities
around a quotation as further speech features did not help in grouped CV on train (0.9666 ->
0.9667 at C 3, 0.9661 -> 0.9673 at C 1), nor did the quotation's place in its paragraph
(ends it, is all of it; a tweet nearby: 0.9666 -> 0.9658): not adopted.

Against the issue's goals: attribution F1 >= 0.65 with precision >= 0.85 is reached on dev
(precision's interval reaches below 0.85; the cue threshold was chosen for precision >= 0.85 on
train folds, where it gives 0.850); quote F1 is above the plain baseline on dev (0.959 vs
0.953, intervals overlapping) but below the 0.97 goal; quote-and-speaker F1 (0.825 on dev,
0.849 out of fold on train) is far above its baseline but below the 0.85 goal. Much of what
remains is the annotation's convention: a quotation nested in a larger attribution takes that attribution's source (a
relative "who", a report, the outlet), and speech the annotators left unannotated (tweets,
block quotes) counts against precision. Runtime 2-4 minutes on a loaded 2-core machine
(the train figures refit five cue and speech models); ``--no-train`` gives the dev figures
alone.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Callable

import numpy as np
import pandas as pd

from analysis.evaluate import bootstrap_ci
from analysis.evaluate.report import COLUMNS

_QUOTE_CHARS = '"“”'
_BASE_MARK = re.compile(r'["“”]|\n[^\S\n]*\n')
_BASE_VERB = re.compile(r"\b(?:said|told|added)\b")
_BASE_NAME = re.compile(r"(?:[A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){0,3}|\b(?:he|she|they|we|I|He|She|They|We)\b)")
_BASE_NAME_END = re.compile(r"(?:[A-Z][\w’'.\-]*(?:[ \t]+[A-Z][\w’'.\-]*){0,3}|\b(?:he|she|they|we|I|He|She|They|We))[ \t]*\Z")


# --- baseline ----------------------------------------------------------------------------------


def _baseline_speaker(text: str, lo: int, hi: int, after_first_at: int | None = None):
    """The name/pronoun right next to the first said/told/added in ``text[lo:hi]`` (after it,
    else before it): ``((start, end), (verb_start, verb_end))`` or None."""
    for verb in _BASE_VERB.finditer(text, lo, hi):
        after = _BASE_NAME.match(text, verb.end() + 1, hi) if text[verb.end() : verb.end() + 1] == " " else None
        if after is not None:
            return after.span(), verb.span()
        before = _BASE_NAME_END.search(text, max(lo, verb.start() - 60), max(verb.start() - 1, lo))
        if before is not None and text[verb.start() - 1 : verb.start()] == " ":
            return before.span(), verb.span()
        return None
    return None


def baseline_quotes(text: str) -> pd.DataFrame:
    """The plain baseline for quotations (module docstring): every double-mark pair within a
    paragraph is speech; columns ``start``, ``end``, ``speaker_start``, ``speaker_end``,
    ``kind`` ("direct"), ``depth`` (0)."""
    rows, open_at = [], None
    for m in _BASE_MARK.finditer(text):
        if m.group()[0] == "\n":
            open_at = None
        elif open_at is None:
            open_at = m.start()
        else:
            rows.append((open_at, m.end()))
            open_at = None
    out = []
    for start, end in rows:
        sent_end = _sentence_end(text, end)
        found = _baseline_speaker(text, end, sent_end)
        if found is None:
            sent_start = _sentence_start(text, start)
            found = _baseline_speaker(text, sent_start, start)
        speaker = found[0] if found else (None, None)
        out.append({"start": start, "end": end, "speaker_start": speaker[0], "speaker_end": speaker[1],
                    "kind": "direct", "depth": 0})
    return pd.DataFrame(out, columns=["start", "end", "speaker_start", "speaker_end", "kind", "depth"])


def baseline_attributions(text: str) -> pd.DataFrame:
    """The plain baseline for attributions: every "said/told/added" with a capitalised name or
    pronoun right after or right before it; columns ``source_start``, ``source_end``,
    ``cue_start``, ``cue_end``."""
    out = []
    for verb in _BASE_VERB.finditer(text):
        hit = None
        after = _BASE_NAME.match(text, verb.end() + 1) if text[verb.end() : verb.end() + 1] == " " else None
        if after is not None:
            hit = after.span()
        elif text[verb.start() - 1 : verb.start()] == " ":
            before = _BASE_NAME_END.search(text, max(0, verb.start() - 60), verb.start() - 1)
            hit = before.span() if before else None
        if hit is not None:
            out.append({"source_start": hit[0], "source_end": hit[1], "cue_start": verb.start(), "cue_end": verb.end()})
    return pd.DataFrame(out, columns=["source_start", "source_end", "cue_start", "cue_end"])


def _sentence_end(text: str, pos: int) -> int:
    m = re.compile(r"[.!?][\"”’]?(?=\s)|\n").search(text, pos + 1)
    return m.end() if m else len(text)


def _sentence_start(text: str, pos: int) -> int:
    lo = max(0, pos - 400)
    ends = [m.end() for m in re.finditer(r"[.!?][\"”’]?\s|\n", text[lo:pos])]
    return lo + ends[-1] if ends else lo


# --- scoring -----------------------------------------------------------------------------------


def _overlap(a0, a1, b0, b1) -> int:
    return max(0, min(a1, b1) - max(a0, b0))


def _gold_units(text: str, gold: pd.DataFrame) -> list[dict]:
    """Gold relations of one article as dicts of pieces (lists of (start, end))."""
    units = []
    for row in gold.itertuples(index=False):
        content = list(row.content_spans)
        units.append({
            "content": content,
            "quoted": any(ch in text[s:e] for s, e in content for ch in _QUOTE_CHARS),
            "source": list(row.source_spans) if row.source_spans else [],
            "cue": list(row.cue_spans),
        })
    return units


def _any_overlap(s, e, pieces) -> bool:
    return s is not None and not pd.isna(s) and any(_overlap(int(s), int(e), a, b) > 0 for a, b in pieces)


def score_article(text: str, gold: pd.DataFrame, quotes: pd.DataFrame, attributions: pd.DataFrame) -> dict:
    """Counts for one article (module docstring): ``q_pred``, ``q_pred_ok``, ``q_gold``,
    ``q_gold_ok``, ``qs_pred_ok``, ``qs_gold_ok``, ``a_pred``, ``a_pred_ok``, ``a_gold``,
    ``a_gold_ok``. ``quotes`` needs ``start``, ``end``, ``speaker_start``, ``speaker_end``,
    ``kind``, ``depth``; ``attributions`` needs ``source_start``/``_end``, ``cue_start``/``_end``."""
    units = _gold_units(text, gold)
    quoted = [u for u in units if u["quoted"]]
    speech = quotes[(quotes["depth"] == 0) & quotes["kind"].isin(["direct", "partial"])]
    counts = dict.fromkeys(
        "q_pred q_pred_ok q_gold q_gold_ok qs_pred_ok qs_gold_ok a_pred a_pred_ok a_gold a_gold_ok".split(), 0
    )
    counts["q_pred"], counts["q_gold"] = len(speech), len(quoted)
    found, found_speaker = set(), set()
    for q in speech.itertuples(index=False):
        length = max(int(q.end) - int(q.start), 1)
        ok = ok_speaker = False
        for i, u in enumerate(quoted):
            inside = sum(_overlap(int(q.start), int(q.end), a, b) for a, b in u["content"])
            if 2 * inside >= length:
                ok = True
                found.add(i)
                if _any_overlap(q.speaker_start, q.speaker_end, u["source"]):
                    ok_speaker = True
                    found_speaker.add(i)
        counts["q_pred_ok"] += ok
        counts["qs_pred_ok"] += ok_speaker
    counts["q_gold_ok"], counts["qs_gold_ok"] = len(found), len(found_speaker)
    sourced = [u for u in units if u["source"]]
    counts["a_gold"], counts["a_pred"] = len(sourced), len(attributions)
    matched = set()
    for a in attributions.itertuples(index=False):
        hits = [i for i, u in enumerate(sourced)
                if _any_overlap(a.cue_start, a.cue_end, u["cue"]) and _any_overlap(a.source_start, a.source_end, u["source"])]
        counts["a_pred_ok"] += bool(hits)
        matched.update(hits)
    counts["a_gold_ok"] = len(matched)
    return counts


def _f1(p_ok, p_n, g_ok, g_n) -> float:
    precision = p_ok / p_n if p_n else 0.0
    recall = g_ok / g_n if g_n else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


METRICS: dict[str, Callable] = {
    "quote_precision": lambda c: c["q_pred_ok"].sum() / max(c["q_pred"].sum(), 1),
    "quote_recall": lambda c: c["q_gold_ok"].sum() / max(c["q_gold"].sum(), 1),
    "quote_f1": lambda c: _f1(c["q_pred_ok"].sum(), c["q_pred"].sum(), c["q_gold_ok"].sum(), c["q_gold"].sum()),
    "quote_speaker_precision": lambda c: c["qs_pred_ok"].sum() / max(c["q_pred"].sum(), 1),
    "quote_speaker_recall": lambda c: c["qs_gold_ok"].sum() / max(c["q_gold"].sum(), 1),
    "quote_speaker_f1": lambda c: _f1(c["qs_pred_ok"].sum(), c["q_pred"].sum(), c["qs_gold_ok"].sum(), c["q_gold"].sum()),
    "attribution_precision": lambda c: c["a_pred_ok"].sum() / max(c["a_pred"].sum(), 1),
    "attribution_recall": lambda c: c["a_gold_ok"].sum() / max(c["a_gold"].sum(), 1),
    "attribution_f1": lambda c: _f1(c["a_pred_ok"].sum(), c["a_pred"].sum(), c["a_gold_ok"].sum(), c["a_gold"].sum()),
}


def _primary_gold(relations: pd.DataFrame) -> dict[str, pd.DataFrame]:
    primary = relations[relations["primary"]]
    return {doc: frame for doc, frame in primary.groupby("doc_id", sort=False)}


def article_counts(articles: pd.DataFrame, relations: pd.DataFrame, system: str = "instrument",
                   model_of: Callable | None = None) -> pd.DataFrame:
    """Per-article counts of :func:`score_article` for ``system`` "instrument" (the package's
    :func:`quotes` and :func:`attributions` with their default cue model, or with
    ``model_of(text)`` when given) or "baseline"."""
    from analysis.framing.quotes import attributions, quotes

    gold = _primary_gold(relations)
    empty = relations.iloc[:0]
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        if system == "baseline":
            q, a = baseline_quotes(text), baseline_attributions(text)
        else:
            model = model_of(text) if model_of is not None else "polnear"
            q, a = quotes(text, model=model), attributions(text, model=model)
        rows.append({"doc_id": doc_id, **score_article(text, gold.get(doc_id, empty), q, a)})
    return pd.DataFrame(rows)


def metric_rows(counts: pd.DataFrame, *, benchmark: str, system: str, role: str, n_boot: int, note: str) -> list[dict]:
    """One :data:`~analysis.evaluate.report.COLUMNS` row per metric of :data:`METRICS`, with a
    bootstrap interval over the articles of ``counts``."""
    index = np.arange(len(counts))
    rows = []
    for metric, fn in METRICS.items():
        estimate, low, high = bootstrap_ci(lambda i: fn(counts.iloc[i]), index, n_boot=n_boot)
        rows.append({"instrument": "sourcing", "benchmark": benchmark, "system": system, "metric": metric,
                     "estimate": estimate, "low": low, "high": high, "n": len(counts), "role": role,
                     "published": False, "note": note})
    return rows


def sourcing_results(n_boot: int = 1000, train: bool = True, limit: int | None = None) -> pd.DataFrame:
    """Rows (:data:`~analysis.evaluate.report.COLUMNS`) of the module's metrics on
    ``polnear-dev`` and, with ``train``, on ``polnear-train`` (instrument: learned cue model out
    of fold, 5 folds grouped by article), for the instrument and the baseline, same run."""
    from analysis.data import load

    rows = []
    for split in ("dev", "train") if train else ("dev",):
        articles = load(f"polnear-{split}")
        relations = load(f"polnear-{split}-relations")
        if limit:
            articles = articles.iloc[:limit]
        benchmark = f"polnear-{split}"
        model_of = None
        note = "rules + learned cue model" + (" (trained on polnear-train)" if split == "dev" else
                                               " (out of fold, 5 grouped folds)")
        if split == "train":
            model_of = _out_of_fold_models(articles)
        counts = article_counts(articles, relations, "instrument", model_of)
        rows += metric_rows(counts, benchmark=benchmark, system="analysis.framing.quotes", role="instrument",
                            n_boot=n_boot, note=note)
        base = article_counts(articles, relations, "baseline")
        rows += metric_rows(base, benchmark=benchmark, system="quote marks + said/told/added", role="baseline",
                            n_boot=n_boot, note="plain baseline, same run")
    return pd.DataFrame(rows, columns=COLUMNS)


def _out_of_fold_models(articles: pd.DataFrame) -> Callable | None:
    """``text -> cue model`` trained without the text's fold (grouped by article)."""
    from analysis.framing.attributions import out_of_fold_models

    return out_of_fold_models(articles)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate sourcing", description=__doc__.split("\n")[0])
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=None, help="first N articles of each split only")
    parser.add_argument("--no-train", action="store_true", help="skip the figures on polnear-train")
    args = parser.parse_args(argv)
    result = sourcing_results(n_boot=args.n_boot, train=not args.no_train, limit=args.limit)
    try:
        from analysis.evaluate.hedging import hedging_results
    except ImportError:
        hedging_results = None
    if hedging_results is not None:
        result = pd.concat([result, hedging_results(n_boot=args.n_boot)], ignore_index=True)
    display = ("display.width", 200, "display.max_colwidth", 60, "display.precision", 3)
    with pd.option_context(*display):
        print(result.drop(columns=["published", "instrument"]).to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
