"""Sentence-level uncertainty on CoNLL-2010: the classifier, the rule markers and a keyword baseline.

``python -m analysis.evaluate hedging [--n-boot N] [--nested]`` prints the rows of
:func:`hedging_results`; the notebook calls :func:`hedging_results` itself.

What is measured (CoNLL-2010 shared task 1, Farkas et al. 2010, CoNLL; the training sentences of
``load("conll2010-train")``): the F1 of the uncertain class over sentences, the task's official
sentence-level metric, with a 95 % percentile-bootstrap interval resampling sentences.

* Wikipedia, 5-fold cross-validation over the five contiguous blocks of the loader (sentences of
  one article mostly share a block): :class:`analysis.framing.hedging.UncertaintyClassifier` with
  the settings of the trained model (chosen by :func:`analysis.framing.hedging.select_settings`
  on these same folds, so its figure is optimistic by that choice; ``nested=True`` adds the
  nested estimate, settings re-chosen inside every outer training part), next to two same-run
  baselines: the rule markers of :func:`analysis.framing.hedging.hedging` (a sentence is
  uncertain when it holds a hedge, speculation or absence-of-evidence marker) and a keyword list
  (:data:`analysis.framing.hedging.BASELINE_KEYWORDS`: a sentence holding one of 26 hedge words).
  A paired row gives the classifier's F1 minus the keyword baseline's (both on the same
  resampled sentences).
* BioScope (biomedical): the same settings, trained by 5-fold cross-validation on BioScope
  itself, and the shipped Wikipedia model applied to every BioScope sentence (a transfer to
  another domain, as news is), with the same two baselines.

Measured on this machine (1,000 resamples): Wikipedia, classifier 0.609 [0.593, 0.625], nested
0.607 [0.592, 0.622] (the five outer parts re-chose the same features, C 0.1 or 0.03, balanced
weights, threshold 0.40-0.45: the choice costs little optimism), rule markers 0.291 [0.271,
0.312], keyword list 0.281 [0.261, 0.300], classifier minus keywords +0.328 [0.305, 0.351];
BioScope, classifier trained on BioScope folds 0.883 [0.873, 0.894], the Wikipedia model 0.492
[0.472, 0.510], rule markers 0.745 [0.729, 0.761], keyword list 0.721 [0.704, 0.737]. About
80 s without ``--nested``, 15 min with it (2 busy cores).

Published reference points (test sets, not these training sentences): the best CoNLL-2010
Wikipedia system, F1 0.602 (Georgescul 2010), and the best biological one, 0.864 (Tang et al.
2010), as reported by Farkas et al. (2010).
"""

from __future__ import annotations

import argparse
import re
import time

import numpy as np
import pandas as pd

from analysis.evaluate import bootstrap_ci
from analysis.evaluate.report import COLUMNS
from analysis.framing import hedging as h

PUBLISHED = [
    ("conll2010-train wikipedia", "Georgescul 2010 (best CoNLL-2010 Wikipedia system)", 0.602,
     "Farkas et al. 2010 (CoNLL), Wikipedia test set"),
    ("conll2010-train bioscope", "Tang et al. 2010 (best CoNLL-2010 biological system)", 0.864,
     "Farkas et al. 2010 (CoNLL), biological test set"),
]
_KEYWORD = re.compile(r"(?<!\w)(?:" + "|".join(sorted(h.BASELINE_KEYWORDS)) + r")(?!\w)", re.I)


def keyword_baseline(texts) -> np.ndarray:
    """True for each text holding a word of :data:`analysis.framing.hedging.BASELINE_KEYWORDS`
    (case-insensitive, whole words): the plain hedge-word list, never tuned."""
    return np.array([bool(_KEYWORD.search(t)) if isinstance(t, str) else False for t in texts], dtype=bool)


def rule_markers(texts) -> np.ndarray:
    """True for each text holding a rule marker of a category in
    :data:`analysis.framing.hedging.UNCERTAIN_CATEGORIES` (certainty markers do not count)."""
    keep = set(h.UNCERTAIN_CATEGORIES)
    return np.array([any(m[1] in keep for m in h.markers(t)) for t in texts], dtype=bool)


def nested_out_of_fold(data: pd.DataFrame, grid=None, verbose: bool = False) -> tuple[np.ndarray, list[dict]]:
    """Nested cross-validation on the Wikipedia part of ``data``: for each outer block, every
    setting is re-chosen by :func:`~analysis.framing.hedging.select_settings` on the other four
    blocks (4-fold inner CV), then a model with those settings, fitted on them, labels the block.
    Returns the out-of-fold labels and the settings chosen per block."""
    wiki = data[data["part"] == "wikipedia"].reset_index(drop=True)
    bio = data[data["part"] == "bioscope"]
    labels = np.zeros(len(wiki), dtype=bool)
    chosen = []
    for block in sorted(wiki["block"].unique()):
        inner = pd.concat([wiki[wiki["block"] != block], bio], ignore_index=True)
        settings, _ = h.select_settings(inner, grid)
        chosen.append(settings)
        train = inner if settings["bioscope"] else inner[inner["part"] == "wikipedia"]
        params = {k: v for k, v in settings.items() if k != "bioscope"}
        params["features"] = tuple(params["features"])
        model = h.UncertaintyClassifier(**params).fit(train["text"].tolist(), train["uncertain"].to_numpy(bool))
        test = np.flatnonzero(wiki["block"].to_numpy() == block)
        labels[test] = model.predict(wiki["text"].iloc[test].tolist())
        if verbose:
            print(f"block {block}: {settings}", flush=True)
    return labels, chosen


def _row(benchmark, system, metric, y, pred, role, note, n_boot) -> tuple:
    estimate, low, high = bootstrap_ci(h.f1, y, pred, n_boot=n_boot)
    return ("hedging", benchmark, system, metric, estimate, low, high, len(y), role, False, note)


def _difference(y, a, b) -> float:
    return h.f1(y, a) - h.f1(y, b)


def hedging_results(n_boot: int = 1000, nested: bool = False, data: pd.DataFrame | None = None,
                    model: h.UncertaintyClassifier | None = None) -> pd.DataFrame:
    """Sentence-level uncertainty F1 on CoNLL-2010 (module docstring), rows in
    :data:`analysis.evaluate.report.COLUMNS`.

    ``n_boot``: bootstrap resamples (default 1,000; sentences resampled, percentile 95 %
    intervals). ``nested``: add the nested cross-validation estimate (several minutes). ``data``
    and ``model`` default to ``load("conll2010-train")`` and the shipped
    :func:`~analysis.framing.hedging.uncertainty_model` (whose card holds the settings).
    Caveats: sentences of one Wikipedia article are not independent, so the intervals are too
    narrow by an unknown amount; the non-nested classifier figure is optimistic by the choice of
    settings on the same folds; these are training sentences, not the held-out test set of the
    published figures.
    """
    if data is None:
        from analysis.data import load

        data = load("conll2010-train")
    model = model if model is not None else h.uncertainty_model()
    params = model.get_params()
    card = getattr(model, "card_", {})
    with_bio = bool(card.get("bioscope", False))
    wiki = data[data["part"] == "wikipedia"].reset_index(drop=True)
    bio = data[data["part"] == "bioscope"].reset_index(drop=True)
    rows = []
    setting = (f"features {'+'.join(params['features'])}, min_df {params['min_df']}, C {params['C']}, "
               f"class weight {params['class_weight']}, threshold {params['threshold']}"
               + (", BioScope added to training" if with_bio else ""))
    for name, part, extra in (("wikipedia", wiki, bio if with_bio else None), ("bioscope", bio, None)):
        benchmark = f"conll2010-train {name}"
        y = part["uncertain"].to_numpy(bool)
        texts = part["text"].tolist()
        predicted = h.out_of_fold(part, params, extra) >= params["threshold"]
        tuned = ("settings chosen by this 5-fold CV (optimistic by the choice)" if name == "wikipedia"
                 else "settings chosen on Wikipedia, trained on BioScope folds")
        rows.append(_row(benchmark, "UncertaintyClassifier (5-fold CV)", "sentence_f1", y, predicted, "instrument",
                         f"{tuned}; {setting}", n_boot))
        if name == "bioscope":
            transfer = model.predict(texts)
            rows.append(_row(benchmark, "UncertaintyClassifier trained on Wikipedia", "sentence_f1", y, transfer,
                             "instrument", "the shipped model, no BioScope training: a transfer to another domain",
                             n_boot))
        if name == "wikipedia" and nested:
            labels, chosen = nested_out_of_fold(data)
            rows.append(_row(benchmark, "UncertaintyClassifier (nested 5-fold CV)", "sentence_f1", y, labels,
                             "instrument", "settings re-chosen by 4-fold CV inside each outer training part: "
                             + "; ".join(f"C {c['C']} {c['class_weight']} t {c['threshold']} "
                                         f"{'+'.join(c['features'])}{' +bio' if c['bioscope'] else ''}"
                                         for c in chosen), n_boot))
        rules = rule_markers(texts)
        keywords = keyword_baseline(texts)
        rows.append(_row(benchmark, "rule markers (HEDGING_LEXICON)", "sentence_f1", y, rules, "baseline",
                         "uncertain = a hedge, speculation or absence-of-evidence marker; not trained", n_boot))
        rows.append(_row(benchmark, "hedge keyword list", "sentence_f1", y, keywords, "baseline",
                         f"uncertain = one of {len(h.BASELINE_KEYWORDS)} hedge words (BASELINE_KEYWORDS)", n_boot))
        estimate, low, high = bootstrap_ci(_difference, y, predicted, keywords, n_boot=n_boot)
        rows.append(("hedging", benchmark, "UncertaintyClassifier - hedge keyword list", "sentence_f1_difference",
                     estimate, low, high, len(y), "instrument", False,
                     "paired bootstrap: both systems on the same resampled sentences"))
    for benchmark, system, estimate, note in PUBLISHED:
        rows.append(("hedging", benchmark, system, "sentence_f1", estimate, np.nan, np.nan, np.nan, "published",
                     True, note))
    frame = pd.DataFrame(rows, columns=COLUMNS)
    frame.attrs.update(n_boot=n_boot, settings=setting, artefact=h.ARTEFACT)
    return frame


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate hedging", description=__doc__.split("\n")[0])
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--nested", action="store_true", help="add the nested CV estimate (several minutes)")
    args = parser.parse_args(argv)
    started = time.time()
    frame = hedging_results(n_boot=args.n_boot, nested=args.nested)
    with pd.option_context("display.width", 200, "display.max_colwidth", 60, "display.precision", 3):
        print(frame.drop(columns=["instrument", "published"]).to_string(index=False))
    print(f"\n{frame.attrs['settings']}; {time.time() - started:.0f} s")
    return 0
