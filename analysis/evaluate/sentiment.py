"""``python -m analysis.evaluate sentiment``: every sentiment instrument on news benchmarks.

1. Target (actor-level) sentiment on the NewsMTSC dev files, rw-dev and mt-dev (Hamborg & Donnay
   2021, EACL): macro-F1 and accuracy with percentile-bootstrap 95 % intervals (1,000 resamples
   of targets, seed 0; targets in one sentence are not independent, so intervals are a little
   narrow on mt-dev). The target model's settings were chosen by grouped cross-validation on
   the training file only: the dev files are held out here. Compared in the same run: the
   target model (and, with ``--embeddings``, the model with sentence embeddings, and its paired
   difference to the torch-free one); each sentence instrument applied to the target's whole
   sentence (VADER with its +-0.05 thresholds on the compound, Hu & Liu and LSD2015 with the
   same thresholds on their [-1, 1] score, the news-trained sentence model's predicted class);
   and the majority class of the training file. Published reference points (test sets):
   RoBERTa-GRU-TSC 0.83, sentence-level VADER about 0.51 (rw) / 0.48 (mt). For each sentence
   instrument, the target model's macro-F1 minus its own by a paired bootstrap (metric
   ``macro_f1_difference``, system ``"target model - sentence-level <instrument>"``): every
   resample draws the same targets for both. ``--previous STEM`` adds an earlier target-model
   artefact and the paired difference to it (``target model - previous target model``).
2. Sentence tone on the SemEval-2007 Affective Text trial headlines (Strapparava & Mihalcea
   2007): Pearson r between each instrument's score and the annotators' valence, bootstrap CI;
   and, for each instrument, its r minus VADER's (metric ``pearson_r_difference``, system
   ``"<instrument> - vader"``) by a paired bootstrap: every resample draws the same headlines
   for both, so the interval reflects only how the two differ. An instrument is clearly better
   than VADER when that interval excludes 0.
3. Document-level actor tone on PerSenT (``persent-dev``, Bastan et al. 2020, COLING):
   :func:`persent` runs the nested 5-fold cross-validation of :mod:`analysis.actor_tone` (each
   article predicted by a model whose settings were chosen without it) and reports macro-F1 and
   accuracy with bootstrap intervals over articles (:func:`analysis.stats.bootstrap`), beside
   VADER over the sentences naming the entity (+-0.05 thresholds) and the majority class of the
   training folds, with paired differences; paragraph labels the same way, resampling whole
   articles (cluster bootstrap).

4. With ``--train-cv``, :func:`train_cv`: the target model's decision rule checked by grouped
   cross-validation on newsmtsc-train (class biases for macro-F1, a blend with the sentence
   model), each rule chosen on four folds' out-of-fold probabilities and applied to the fifth.

The NewsMTSC dev files and the SemEval headlines were used for nothing but these tables; PerSenT
figures are cross-validated inside its only local split. :func:`newsmtsc_results` and
:func:`persent_results` return the rows in :data:`analysis.evaluate.report.COLUMNS` for notebooks.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

import numpy as np
import pandas as pd

from analysis import config
from analysis.data import load
from analysis.evaluate import bootstrap_ci
from analysis.sentiment import INSTRUMENTS, THRESHOLD, get_instrument
from analysis.sentiment_models import load_model

DEV = ("newsmtsc-rw-dev", "newsmtsc-mt-dev")
#: The instrument every other one is compared with on the headlines: VADER, the package default.
REFERENCE = "vader"
LABELS = (-1, 0, 1)


def _confusion(y: np.ndarray, p: np.ndarray) -> np.ndarray:
    """3 x 3 counts of (true, predicted) label, both in -1, 0, 1 (rows true, columns predicted).

    One ``bincount``: the bootstrap calls the metrics 1,000 times per system, and sklearn's
    ``f1_score`` (about 16 ms a call) would take a minute of each run."""
    return np.bincount((y + 1) * 3 + (p + 1), minlength=9).reshape(3, 3)


def macro_f1(y, p) -> float:
    """Macro-averaged F1 over -1, 0, 1: the mean of ``2 TP / (2 TP + FP + FN)`` per class, 0 for
    a class neither true nor predicted (sklearn's ``f1_score(average="macro", labels=[-1, 0, 1],
    zero_division=0)``)."""
    confusion = _confusion(y, p)
    tp = np.diag(confusion)
    denominator = confusion.sum(axis=0) + confusion.sum(axis=1)  # 2 TP + FP + FN
    return float(np.mean(np.divide(2 * tp, denominator, out=np.zeros(3), where=denominator > 0)))


def accuracy(y, p) -> float:
    """Share of exact agreements."""
    return float(np.mean(y == p))


def _pearson(x, y) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def f1_difference(y, a, b) -> float:
    """Macro-F1 of predictions ``a`` minus macro-F1 of predictions ``b``, against ``y``; paired
    when bootstrapped, since one resample of items serves both."""
    return macro_f1(y, a) - macro_f1(y, b)


def r_difference(y, a, b) -> float:
    """Pearson r of scores ``a`` with ``y`` minus Pearson r of scores ``b`` with ``y``; paired
    when bootstrapped, since one resample of items serves both."""
    return _pearson(a, y) - _pearson(b, y)


def _paired(benchmark: str, system: str, metric: str, difference: Callable, *arrays, n_boot: int) -> dict:
    """One row: ``difference(*arrays)`` with its paired bootstrap interval (the same resample of
    items for both systems)."""
    estimate, low, high = bootstrap_ci(difference, *arrays, n_boot=n_boot)
    return {"benchmark": benchmark, "system": system, "metric": metric, "estimate": estimate, "low": low,
            "high": high, "n": len(arrays[0])}


def _rows(benchmark: str, system: str, y, p, metrics: dict[str, Callable], n_boot: int) -> list[dict]:
    y, p = np.asarray(y), np.asarray(p)
    out = []
    for metric, function in metrics.items():
        estimate, low, high = bootstrap_ci(function, y, p, n_boot=n_boot)
        out.append({"benchmark": benchmark, "system": system, "metric": metric, "estimate": estimate,
                    "low": low, "high": high, "n": len(y)})
    return out


def _label(scores: np.ndarray) -> np.ndarray:
    return np.where(scores > THRESHOLD, 1, np.where(scores < -THRESHOLD, -1, 0))


def run(instruments: list[str], n_boot: int = 1000, limit: int | None = None,
        embeddings: bool = False, previous=None) -> pd.DataFrame:
    """The benchmark table: one row per benchmark, system and metric (``limit`` rows per
    benchmark for a quick check; the published figures use all). ``embeddings=True`` adds the
    target model with sentence embeddings (optional extra; its artefact is built on first use).
    ``previous``: the path stem of an earlier target-model artefact (``.json`` + ``.npz``, e.g.
    the committed one of an older commit, ``git show <commit>:models/newsmtsc-target-sentiment.json``);
    adds its rows (system ``previous target model``) and the paired difference ``target model -
    previous target model``."""
    metrics = {"macro_f1": macro_f1, "accuracy": accuracy}
    majority = int(load("newsmtsc-train")["label"].mode()[0])
    target_model = load_model("target")
    earlier = None
    if previous is not None:
        from analysis.sentiment_models import TargetSentimentClassifier

        earlier, _ = TargetSentimentClassifier.from_files(previous)
    rows = []
    for name in DEV:
        dev = load(name).head(limit)
        y = dev["label"].to_numpy(dtype=np.int64)
        if not np.isin(y, LABELS).all():
            raise ValueError(f"{name}: labels must be -1, 0 or 1; got {sorted(set(y) - set(LABELS))}")
        target = target_model.predict(dev)
        rows += _rows(name, "target model", y, target, metrics, n_boot)
        if earlier is not None:
            before = earlier.predict(dev)
            rows += _rows(name, "previous target model", y, before, metrics, n_boot)
            rows.append(_paired(name, "target model - previous target model", "macro_f1_difference",
                                f1_difference, y, target, before, n_boot=n_boot))
        if embeddings:
            predicted = load_model("target-embeddings").predict(dev)
            rows += _rows(name, "target model + embeddings", y, predicted, metrics, n_boot)
            rows.append(_paired(name, "target model + embeddings - target model", "macro_f1_difference",
                                f1_difference, y, predicted, target, n_boot=n_boot))
        sentences = dev["sentence"].to_list()
        for instrument in instruments:
            scored = get_instrument(instrument, accept_licence=True).score(sentences)
            if instrument == "news-lr":
                predicted = get_instrument(instrument).model.predict(sentences)
            else:
                predicted = _label(scored["score"].to_numpy())
            rows += _rows(name, f"sentence-level {instrument}", y, predicted, metrics, n_boot)
            rows.append(_paired(name, f"target model - sentence-level {instrument}", "macro_f1_difference",
                                f1_difference, y, target, predicted, n_boot=n_boot))
        rows += _rows(name, f"majority class ({majority})", y, np.full(len(y), majority), metrics, n_boot)
    headlines = load("semeval2007-affective-trial").head(limit)
    valence = headlines["valence"].to_numpy(dtype=float)
    scores = {name: get_instrument(name, accept_licence=True).score(headlines["text"].to_list())["score"].to_numpy()
              for name in instruments}
    for instrument in instruments:
        rows += _rows("semeval2007-affective-trial", instrument, valence, scores[instrument],
                      {"pearson_r": _pearson}, n_boot)
    others = [name for name in instruments if name != REFERENCE] if REFERENCE in scores else []
    for instrument in others:
        rows.append(_paired("semeval2007-affective-trial", f"{instrument} - {REFERENCE}", "pearson_r_difference",
                            r_difference, valence, scores[instrument], scores[REFERENCE], n_boot=n_boot))
    table = pd.DataFrame(rows)
    table.attrs.update(n_boot=n_boot, level=0.95, target_model=target_model.card_)
    return table


# --- train CV of the decision rule: class biases and a blend with the sentence model ----------------

#: Additive biases on the log-probability of neutral and of positive (negative stays at 0) searched
#: by :func:`choose_biases`: -0.6 to 0.6 in steps of 0.05.
BIAS_GRID = tuple(round(b, 2) for b in np.arange(-0.6, 0.601, 0.05))
#: Weights of the sentence model in the blend searched by :func:`choose_blend`: 0 to 1 by 0.05.
BLEND_GRID = tuple(round(w, 2) for w in np.arange(0.0, 1.001, 0.05))
CLASSES = np.array(LABELS)


def biased_labels(proba: np.ndarray, biases: tuple[float, float]) -> np.ndarray:
    """Labels (-1, 0, 1) from probabilities ``proba`` (columns negative, neutral, positive) after
    adding ``biases`` = (neutral, positive) to their log-probabilities (negative gets 0)."""
    scores = np.log(np.clip(proba, 1e-12, 1.0)) + np.array([0.0, biases[0], biases[1]])
    return CLASSES[np.argmax(scores, axis=1)]


def choose_biases(proba: np.ndarray, y, grid: tuple = BIAS_GRID) -> tuple[float, float]:
    """The (neutral, positive) biases of :func:`biased_labels` with the highest macro-F1 on
    ``proba`` against ``y``, over ``grid`` x ``grid``; ties go to the smallest total shift
    ``|b_neutral| + |b_positive|``. A decision rule for macro-F1 (a prior shift), to be chosen on
    out-of-fold probabilities of the training data only."""
    y = np.asarray(y)
    best, best_key = (0.0, 0.0), None
    for neutral in grid:
        for positive in grid:
            key = (macro_f1(y, biased_labels(proba, (neutral, positive))), -(abs(neutral) + abs(positive)))
            if best_key is None or key > best_key:
                best, best_key = (float(neutral), float(positive)), key
    return best


def choose_blend(proba: np.ndarray, other: np.ndarray, y, grid: tuple = BLEND_GRID) -> float:
    """The weight ``w`` of ``other`` in the convex blend ``(1 - w) proba + w other`` with the
    highest macro-F1 against ``y`` over ``grid``; ties go to the smaller weight."""
    y = np.asarray(y)
    scored = [(macro_f1(y, CLASSES[np.argmax((1 - w) * proba + w * other, axis=1)]), -w, w) for w in grid]
    return float(max(scored)[2])


def train_cv(n_boot: int = 1000) -> pd.DataFrame:
    """The target model's decision rule checked by grouped cross-validation on newsmtsc-train.

    Method: out-of-fold probabilities of the target and the sentence model with their packaged
    settings (:func:`analysis.sentiment_models.out_of_fold_proba`, 5 folds grouped by article).
    Two rules are then cross-fitted over those folds: for each fold, the class biases
    (:func:`choose_biases`) and the blend weight of the sentence model (:func:`choose_blend`) are
    chosen on the other four folds' probabilities and applied to it. Rows (columns of
    :func:`run`, benchmark ``newsmtsc-train (out of fold)``): macro-F1 of the plain argmax, of
    both rules and of the sentence model (its sentence's probabilities for each target); paired
    differences to the plain argmax. Intervals are a cluster bootstrap over articles
    (:func:`analysis.stats.bootstrap`). ``attrs["chosen"]`` holds each fold's biases and weight.
    Nothing of the dev files is read. About 30 s.
    """
    from analysis import stats
    from analysis.sentiment_models import out_of_fold_proba

    columns = ["p_negative", "p_neutral", "p_positive"]
    target = out_of_fold_proba("target")
    sentence = out_of_fold_proba("sentence").set_index("sentence_id")
    proba = target[columns].to_numpy()
    other = sentence.loc[target["sentence_id"], columns].to_numpy()
    y, folds, groups = target["label"].to_numpy(), target["fold"].to_numpy(), target["article"].to_numpy()
    plain = CLASSES[np.argmax(proba, axis=1)]
    biased, blended, chosen = plain.copy(), plain.copy(), []
    for fold in np.unique(folds):
        fit, held = folds != fold, folds == fold
        biases = choose_biases(proba[fit], y[fit])
        weight = choose_blend(proba[fit], other[fit], y[fit])
        biased[held] = biased_labels(proba[held], biases)
        blended[held] = CLASSES[np.argmax((1 - weight) * proba[held] + weight * other[held], axis=1)]
        chosen.append({"fold": int(fold), "bias_neutral": biases[0], "bias_positive": biases[1],
                       "blend_weight": weight})
    benchmark = "newsmtsc-train (out of fold)"
    systems = {"target model": plain, "target model, class biases chosen on the other folds": biased,
               "target model blended with the sentence model, weight chosen on the other folds": blended,
               "sentence model": CLASSES[np.argmax(other, axis=1)]}
    rows = []
    for system, predicted in systems.items():
        interval = stats.bootstrap(macro_f1, y, predicted, groups=groups, n_boot=n_boot)
        rows.append({"benchmark": benchmark, "system": system, "metric": "macro_f1", "estimate": interval.estimate,
                     "low": interval.low, "high": interval.high, "n": len(y)})
        if system != "target model":
            difference = stats.paired_difference(macro_f1, y, predicted, plain, groups=groups, n_boot=n_boot)
            rows.append({"benchmark": benchmark, "system": f"{system} - target model", "metric": "macro_f1_difference",
                         "estimate": difference.estimate, "low": difference.low, "high": difference.high, "n": len(y)})
    table = pd.DataFrame(rows)
    table.attrs.update(n_boot=n_boot, level=0.95, chosen=chosen, articles=len(set(groups)))
    return table


# --- PerSenT: document-level actor tone ---------------------------------------------------------

PERSENT = "persent-dev"


def _grouped_rows(benchmark: str, system: str, y, p, groups, n_boot: int) -> list[dict]:
    from analysis import stats

    out = []
    for metric, function in {"macro_f1": macro_f1, "accuracy": accuracy}.items():
        interval = stats.bootstrap(function, y, p, groups=groups, n_boot=n_boot)
        out.append({"benchmark": benchmark, "system": system, "metric": metric, "estimate": interval.estimate,
                    "low": interval.low, "high": interval.high, "n": len(set(groups))})
    return out


def _grouped_paired(benchmark: str, system: str, y, a, b, groups, n_boot: int) -> dict:
    from analysis import stats

    interval = stats.paired_difference(macro_f1, y, a, b, groups=groups, n_boot=n_boot)
    return {"benchmark": benchmark, "system": system, "metric": "macro_f1_difference",
            "estimate": interval.estimate, "low": interval.low, "high": interval.high, "n": len(set(groups))}


def persent(n_boot: int = 1000, embeddings: bool = False) -> pd.DataFrame:
    """PerSenT document and paragraph tone, by nested 5-fold cross-validation inside persent-dev.

    Rows (columns of :func:`run`): benchmark ``persent-dev`` (one item per article) and
    ``persent-dev paragraphs`` (items: paragraphs; intervals resample whole articles); systems
    ``actor tone`` (:mod:`analysis.actor_tone`, torch-free), ``actor tone + embeddings`` (tone
    model ``"embeddings"``, with ``embeddings=True``), ``VADER over the entity's sentences``,
    ``majority class (<label>)`` (the majority of persent-dev: positive for articles, neutral
    for paragraphs), and paired macro-F1 differences of the actor tone model to each baseline
    (and embeddings minus torch-free). ``n`` counts articles. Takes about three minutes on two
    idle cores (most of it scoring 4,626 mentions and the nested CV of the paragraphs).
    """
    from analysis import actor_tone

    rows = []
    kinds = ["target", *(["embeddings"] if embeddings else [])]
    predictions = {}
    for kind in kinds:
        docs, X, paragraphs, PX = actor_tone.persent_features(kind)
        system = "actor tone" + (" + embeddings" if kind != "target" else "")
        y, ids = docs["label"].to_numpy(), docs["doc_id"].to_numpy()
        document = actor_tone.cross_validate(X, y)["predicted"].to_numpy()
        py, pids = paragraphs["label"].to_numpy(), paragraphs["doc_id"].to_numpy()
        paragraph = actor_tone.cross_validate(PX, py, pids)["predicted"].to_numpy()
        predictions[kind] = (document, paragraph)
        rows += _grouped_rows(PERSENT, system, y, document, ids, n_boot)
        rows += _grouped_rows(f"{PERSENT} paragraphs", system, py, paragraph, pids, n_boot)
        if kind == "target":
            for benchmark, labels, features, groups, predicted in (
                    (PERSENT, y, X, ids, document), (f"{PERSENT} paragraphs", py, PX, pids, paragraph)):
                majority = int(pd.Series(labels).mode()[0])
                for name, baseline in (("VADER over the entity's sentences", actor_tone.vader_baseline(features)),
                                       (f"majority class ({majority})", np.full(len(labels), majority))):
                    rows += _grouped_rows(benchmark, name, labels, baseline, groups, n_boot)
                    rows.append(_grouped_paired(benchmark, f"{system} - {name}", labels, predicted, baseline,
                                                groups, n_boot))
        elif "target" in predictions:
            base_doc, base_para = predictions["target"]
            rows.append(_grouped_paired(PERSENT, "actor tone + embeddings - actor tone", y, document, base_doc,
                                        ids, n_boot))
            rows.append(_grouped_paired(f"{PERSENT} paragraphs", "actor tone + embeddings - actor tone", py,
                                        paragraph, base_para, pids, n_boot))
    table = pd.DataFrame(rows)
    table.attrs.update(n_boot=n_boot, level=0.95, method="nested 5-fold cross-validation inside persent-dev")
    return table


#: Reference points for PerSenT (test sets, not like-for-like): as quoted in the package's
#: issue 11 from Bastan et al. (2020, COLING); approximate.
PERSENT_PUBLISHED = (
    ("persent-dev", "fine-tuned BERT (document)", "macro_f1", 0.47,
     "Bastan et al. 2020 (COLING), PerSenT test sets; approximate"),
)


def _columns(table: pd.DataFrame, instrument: str, own: str, note: str) -> pd.DataFrame:
    from analysis.evaluate.report import COLUMNS

    system = table["system"].astype(str)
    mine = system.str.startswith(own)
    return table.assign(instrument=instrument, role=np.where(mine, "instrument", "baseline"), published=False,
                        note=note)[COLUMNS]


def newsmtsc_results(n_boot: int = 1000, embeddings: bool = False, limit: int | None = None,
                     table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The NewsMTSC rows of :func:`run` (VADER, Hu & Liu, news-lr baselines) in
    :data:`analysis.evaluate.report.COLUMNS`: instrument "target sentiment", role "instrument"
    for the target models, "baseline" for the rest, plus the published points. Pass ``table``
    (a :func:`run` result) to reuse a run."""
    from analysis.evaluate.report import published

    if table is None:
        table = run(["vader", "hu-liu", "news-lr"], n_boot=n_boot, limit=limit, embeddings=embeddings)
    table = table[table["benchmark"].str.startswith("newsmtsc")]
    rows = _columns(table, "target sentiment", "target model",
                    "same run; settings chosen by grouped CV on newsmtsc-train, dev files held out")
    refs = published("target sentiment")
    return pd.concat([rows, refs[refs["benchmark"].isin(rows["benchmark"])]], ignore_index=True)


def persent_results(n_boot: int = 1000, embeddings: bool = False, table: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of :func:`persent` in :data:`analysis.evaluate.report.COLUMNS`: instrument
    "actor tone", role "instrument" for the actor tone models, "baseline" for VADER and the
    majority class, plus the published reference point. Pass ``table`` to reuse a run."""
    from analysis.evaluate.report import COLUMNS

    table = persent(n_boot, embeddings) if table is None else table
    rows = _columns(table, "actor tone", "actor tone",
                    "nested 5-fold CV inside persent-dev (its only local split); intervals resample articles")
    refs = pd.DataFrame(PERSENT_PUBLISHED, columns=["benchmark", "system", "metric", "estimate", "note"]).assign(
        instrument="actor tone", low=np.nan, high=np.nan, n=np.nan, role="published", published=True)[COLUMNS]
    return pd.concat([rows, refs], ignore_index=True)


def main(argv: list[str] | None = None) -> int:
    """Print the table of :func:`run` (``--lsd2015`` adds the opt-in dictionary, ``--embeddings``
    the target model with sentence embeddings, ``--train-cv`` the rows of :func:`train_cv`)."""
    parser = argparse.ArgumentParser(prog="python -m analysis.evaluate sentiment", description=__doc__.split("\n")[0])
    parser.add_argument("--lsd2015", action="store_true",
                        help="also run LSD2015 (opt-in: you accept its non-commercial licence)")
    parser.add_argument("--embeddings", action="store_true",
                        help="also the target model with sentence embeddings (needs the embeddings extra)")
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=None, help="only the first N rows of each benchmark")
    parser.add_argument("--no-persent", action="store_true", help="skip the PerSenT actor-tone cross-validation")
    parser.add_argument("--train-cv", action="store_true",
                        help="also the decision-rule checks by grouped CV on newsmtsc-train (class biases, "
                             "blend with the sentence model; about 30 s)")
    parser.add_argument("--previous", default=None, metavar="STEM",
                        help="path stem of an earlier target-model artefact (STEM.json + STEM.npz): "
                             "its rows and the paired difference to the current model")
    args = parser.parse_args(argv)
    accepted = args.lsd2015 or "lexicoder-lsd2015" in config.accepted_licences()
    instruments = [name for name in INSTRUMENTS if name != "lsd2015" or accepted]
    table = run(instruments, n_boot=args.n_boot, limit=args.limit, embeddings=args.embeddings,
                previous=args.previous)
    if not args.no_persent:
        table = pd.concat([table, persent(args.n_boot, args.embeddings)], ignore_index=True)
    if args.train_cv:
        checks = train_cv(args.n_boot)
        table = pd.concat([table, checks], ignore_index=True)
        print("chosen per fold on the other folds:", checks.attrs["chosen"])
    with pd.option_context("display.width", 160, "display.max_rows", 300, "display.max_colwidth", 60,
                           "display.float_format", "{:.3f}".format):
        print(table.to_string(index=False))
    return 0
