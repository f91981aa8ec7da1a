"""Benchmarks of the frame instruments: policy frames (:mod:`analysis.framing.policy`, SemEval-2023)
and generic frames (:mod:`analysis.framing.generic`, Narrative Frames Corpus).

``python -m analysis.evaluate frames [--only policy|generic] [--n-boot 1000] ...`` runs both.

Generic frames (:func:`generic_frame_results`): on ``narrative-frames-dev`` (Frermann et al.
2023, ACL; fold 1, 85 climate-change articles), per frame the positive class's F1 and the
two-class macro-F1, and their mean over the five frames, with percentile bootstrap intervals
over articles, for the calibrated model, the rules alone, a keyword list (:data:`KEYWORDS`, its
rate threshold chosen on the training split) and the model rebuilt with its topic words kept
(``--no-topic-words-kept`` skips that one; built once into the user's models folder), plus the
cross-validated figures of the chosen settings on the training split. ``--nested`` adds nested
cross-validation of the packaged procedure on the training split (:func:`nested_cv_generic`);
``--procedures [--seeds 0,1]`` compares other training procedures with the previous one (v2) by
nested cross-validation (:func:`nested_cv_procedures`, about 25 minutes). The dev split chooses
nothing. Figures: :mod:`analysis.framing.generic`'s docstring.

Policy frames: ``python -m analysis.evaluate frames --only policy [--folds 5] [--seed 0]
[--n-boot 1000] [--limit N] [--char-ngrams 3,5] [--class-weight none] [--fast]`` prints, for the
classifier and a majority
baseline measured in the same run, micro- and macro-F1 with 95 % bootstrap intervals (articles
resampled: :func:`analysis.evaluate.bootstrap_ci`) and F1 per frame. ``--fast`` is
``--limit 120 --folds 3 --n-boot 200`` (a smoke test, not a result).

Data: the 433 English training articles of SemEval-2023 Task 3 subtask 2 (Piskorski et al. 2023),
the only labelled policy-frame data in the mirror. Folds: iterative stratification
(:func:`analysis.framing.policy.multilabel_folds`, Sechidis et al. 2011), with the two copies of
one article (IDs 698092698 and 999000878) kept in one fold. Nothing is tuned on the
held-out fold: the classifier's parameters are fixed defaults and its thresholds are chosen inside
each training fold (:class:`~analysis.framing.policy.PolicyFrameClassifier`).

Scores follow the task's scorer: micro-F1 pools true/false positives over all frames; macro-F1
averages the 14 per-frame F1 values, a frame never true nor predicted scoring 0 (scikit-learn's
``zero_division=0``).

Baselines: *most frequent frames* predicts, for every article, the ``k`` frames most frequent in
the training fold, ``k`` the training fold's mean number of frames per article, rounded. The
organisers' English baseline, 0.605 micro-F1, was measured on their dev set, which is not in the
mirror: the comparison is indicative only, not like-for-like (other articles, and a model
trained on all 433 rather than on four fifths of them).
"""

from __future__ import annotations

import argparse
from collections import Counter
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.evaluate import bootstrap_ci
from analysis.framing.generic import KEYWORDS, keyword_rates  # noqa: F401 (the baseline, re-exported)
from analysis.framing.policy import (
    FRAMES,
    PolicyFrameClassifier,
    indicator_matrix,
    multilabel_folds,
    read_training_data,
)

#: SemEval-2023 Task 3 subtask 2, English: organisers' baseline, dev set (Piskorski et al. 2023).
ORGANISERS_MICRO_F1 = 0.605


def _counts(Y_true: np.ndarray, Y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    Y_true, Y_pred = np.asarray(Y_true, dtype=bool), np.asarray(Y_pred, dtype=bool)
    tp = (Y_true & Y_pred).sum(axis=0)
    return tp, Y_pred.sum(axis=0) - tp, Y_true.sum(axis=0) - tp


def micro_f1(Y_true, Y_pred) -> float:
    """F1 over all (article, frame) decisions pooled: ``2 TP / (2 TP + FP + FN)``; 0 if empty."""
    tp, fp, fn = (c.sum() for c in _counts(Y_true, Y_pred))
    return float(2 * tp / (2 * tp + fp + fn)) if tp + fp + fn else 0.0


def per_frame_f1(Y_true, Y_pred) -> np.ndarray:
    """F1 of each frame (column); 0 where a frame is neither true nor predicted."""
    tp, fp, fn = _counts(Y_true, Y_pred)
    denominator = 2 * tp + fp + fn
    return np.where(denominator > 0, 2 * tp / np.maximum(denominator, 1), 0.0)


def macro_f1(Y_true, Y_pred) -> float:
    """Unweighted mean of :func:`per_frame_f1`."""
    return float(per_frame_f1(Y_true, Y_pred).mean())


def most_frequent_frames(Y_train: np.ndarray, n_rows: int) -> np.ndarray:
    """The ``k`` most frequent training frames for each of ``n_rows`` articles (module docs)."""
    Y_train = np.asarray(Y_train, dtype=bool)
    k = int(np.rint(Y_train.sum(axis=1).mean()))
    top = np.argsort(-Y_train.sum(axis=0), kind="stable")[:k]
    prediction = np.zeros((n_rows, Y_train.shape[1]), dtype=bool)
    prediction[:, top] = True
    return prediction


class PolicyCV(NamedTuple):
    """Results of :func:`cross_validate_policy` (all tidy frames)."""

    summary: pd.DataFrame  # system, metric, estimate, low, high, n_articles, note
    per_frame: pd.DataFrame  # frame, support, precision, recall, f1, baseline_f1
    predictions: pd.DataFrame  # doc_id, fold, then per frame: true, predicted, probability


def cross_validate_policy(
    texts,
    labels,
    doc_ids=None,
    groups=None,
    n_splits: int = 5,
    seed: int = 0,
    n_boot: int = 1000,
    **params,
) -> PolicyCV:
    """``cross_validate_policy(texts, labels, doc_ids=None, groups=None, n_splits=5, seed=0,
    n_boot=1000, **params)``.

    ``n_splits``-fold cross-validation of ``PolicyFrameClassifier(**params)`` with folds from
    :func:`~analysis.framing.policy.multilabel_folds` (``seed``; rows sharing a ``groups`` key,
    copies of one article, stay in one fold, also in the inner threshold folds), and of the
    most-frequent-frames baseline on the same folds. Out-of-fold predictions of all articles are
    pooled, then scored once, with percentile bootstrap intervals over articles (``n_boot``
    resamples, 95 %, seed 0). Caveat: articles are resampled as if independent; SemEval articles
    come in topical clusters, so the intervals are somewhat too narrow. Baselines: module docs.
    """
    texts = pd.Series(list(texts), dtype=object)
    Y = indicator_matrix(labels)
    if len(Y) != len(texts):
        raise ValueError(f"{len(texts)} texts but {len(Y)} label rows")
    groups = None if groups is None else np.asarray(groups)
    folds = multilabel_folds(Y, n_splits, seed, groups)
    probability, predicted = np.zeros(Y.shape), np.zeros(Y.shape, dtype=bool)
    baseline = np.zeros(Y.shape, dtype=bool)
    for k in range(n_splits):
        train, test = folds != k, folds == k
        model = PolicyFrameClassifier(random_state=seed, **params).fit(
            texts[train], Y[train], None if groups is None else groups[train]
        )
        probability[test] = model.predict_proba(texts[test])
        predicted[test] = probability[test] >= model.thresholds_
        baseline[test] = most_frequent_frames(Y[train], int(test.sum()))

    rows = []
    for system, prediction in (("classifier", predicted), ("most frequent frames", baseline)):
        for metric, function in (("micro_f1", micro_f1), ("macro_f1", macro_f1)):
            estimate, low, high = bootstrap_ci(function, Y, prediction, n_boot=n_boot)
            note = f"{n_splits}-fold CV, same run"
            rows.append((system, metric, estimate, low, high, len(Y), note))
    rows.append(
        ("SemEval-2023 organisers' baseline", "micro_f1", ORGANISERS_MICRO_F1, np.nan, np.nan,
         np.nan, "reported on the task's dev set: indicative, not like-for-like")
    )
    columns = ["system", "metric", "estimate", "low", "high", "n_articles", "note"]
    summary = pd.DataFrame(rows, columns=columns)

    tp, fp, fn = _counts(Y, predicted)
    per_frame = pd.DataFrame(
        {
            "frame": FRAMES,
            "support": Y.sum(axis=0),
            "precision": np.where(tp + fp > 0, tp / np.maximum(tp + fp, 1), 0.0),
            "recall": np.where(tp + fn > 0, tp / np.maximum(tp + fn, 1), 0.0),
            "f1": per_frame_f1(Y, predicted),
            "baseline_f1": per_frame_f1(Y, baseline),
        }
    )
    ids = list(doc_ids) if doc_ids is not None else list(range(len(Y)))
    columns = {"doc_id": ids, "fold": folds}
    for j, frame in enumerate(FRAMES):
        columns |= {
            f"{frame}_true": Y[:, j],
            f"{frame}_pred": predicted[:, j],
            f"{frame}_prob": probability[:, j],
        }
    predictions = pd.DataFrame(columns)
    for frame in (summary, per_frame, predictions):
        frame.attrs.update(params={"n_splits": n_splits, "seed": seed, "n_boot": n_boot, **params})
    return PolicyCV(summary, per_frame, predictions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m analysis.evaluate frames", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--n-boot", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=None, help="first N articles only")
    parser.add_argument("--char-ngrams", default=None, help="e.g. 3,5: add character n-grams")
    parser.add_argument("--class-weight", default=None, help="'none' fits without class weights")
    parser.add_argument("--fast", action="store_true", help="--limit 120 --folds 3 --n-boot 200")
    parser.add_argument("--only", choices=["policy", "generic"], default=None,
                        help="one benchmark: policy frames (SemEval) or generic frames (Narrative Frames)")
    parser.add_argument("--no-topic-words-kept", action="store_true",
                        help="generic frames: skip the comparison model that keeps the topic words")
    parser.add_argument("--nested", action="store_true",
                        help="generic frames: also the nested cross-validation on train (minutes)")
    parser.add_argument("--procedures", action="store_true",
                        help="generic frames: compare other training procedures by nested CV on train "
                             "(about 25 minutes)")
    parser.add_argument("--seeds", default="0,1", help="--procedures: outer-split seeds (default 0,1)")
    args = parser.parse_args(argv)
    if args.fast:
        args.limit, args.folds, args.n_boot = args.limit or 120, 3, 200
    params = {}
    if args.class_weight:
        params["class_weight"] = None if args.class_weight == "none" else args.class_weight
    if args.char_ngrams:
        params["char_ngrams"] = tuple(int(x) for x in args.char_ngrams.split(","))
    display = ("display.width", 160, "display.max_colwidth", 70, "display.precision", 3)

    if args.only != "generic":
        data = read_training_data()
        if args.limit:
            data = data.iloc[: args.limit]
        result = cross_validate_policy(
            data["text"], data["frames"], data["doc_id"], data["text_group"],
            n_splits=args.folds, seed=args.seed, n_boot=args.n_boot, **params,
        )
        print(f"Policy frames, {len(data)} SemEval-2023 Task 3 English training articles "
              f"(data sha256 {data.attrs['sha256'][:12]}), parameters {params or 'default'}\n")
        with pd.option_context(*display):
            print(result.summary.to_string(index=False), end="\n\n")
            print(result.per_frame.to_string(index=False))
    if args.only != "policy":
        rows = generic_frame_results(n_boot=args.n_boot, topic_words_kept=not args.no_topic_words_kept)
        print("\nGeneric frames, Narrative Frames Corpus fold 1: dev (85 articles), trained on train (258)\n")
        with pd.option_context(*display):
            print(generic_frame_table(rows).to_string(), end="\n\n")
        if args.nested:
            nested = nested_cv_generic(n_boot=args.n_boot)
            with pd.option_context(*display):
                print(nested[["benchmark", "metric", "estimate", "low", "high", "n"]].to_string(index=False))
        if args.procedures:
            seeds = tuple(int(x) for x in args.seeds.split(","))
            compared = nested_cv_procedures(seeds=seeds, n_boot=args.n_boot, verbose=True)
            with pd.option_context(*display, "display.max_colwidth", 55):
                print(compared[["benchmark", "system", "metric", "estimate", "low", "high"]].to_string(index=False))
    return 0


def generic_frame_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The rows of :func:`generic_frame_results` as a wide table: one row per benchmark and
    metric, one column per system, ``estimate [low, high]``."""
    def cell(r):
        return f"{r.estimate:.3f}" if np.isnan(r.low) else f"{r.estimate:.3f} [{r.low:.3f}, {r.high:.3f}]"

    cells = rows.assign(cell=[cell(r) for r in rows.itertuples()])
    return cells.pivot_table(index=["benchmark", "metric"], columns="system", values="cell", aggfunc="first",
                             sort=False)


# --- generic frames on the Narrative Frames Corpus ----------------------------------------------

# The same-run keyword-list baseline is :data:`analysis.framing.generic.KEYWORDS` (rates:
# :func:`analysis.framing.generic.keyword_rates`), imported above: the calibrated model reads the
# same rates as features, and may choose the keyword rate alone for a frame when CV prefers it.


def two_class_macro_f1(y_true, y_pred) -> float:
    """Mean of the positive class's and the negative class's F1 (scikit-learn's
    ``f1_score(average="macro")`` over the two labels; a class never true nor predicted: 0)."""
    y_true, y_pred = np.asarray(y_true, dtype=bool), np.asarray(y_pred, dtype=bool)
    return float(np.mean([per_frame_f1(y_true[:, None] == v, y_pred[:, None] == v)[0] for v in (True, False)]))


def positive_f1(y_true, y_pred) -> float:
    """F1 of the positive class (0 when it is neither true nor predicted)."""
    return float(per_frame_f1(np.asarray(y_true, bool)[:, None], np.asarray(y_pred, bool)[:, None])[0])


def mean_macro_f1(Y_true, Y_pred) -> float:
    """:func:`two_class_macro_f1` averaged over the frames (columns)."""
    Y_true, Y_pred = np.asarray(Y_true, bool), np.asarray(Y_pred, bool)
    return float(np.mean([two_class_macro_f1(Y_true[:, j], Y_pred[:, j]) for j in range(Y_true.shape[1])]))


def keyword_thresholds(rates: pd.DataFrame, Y) -> np.ndarray:
    """Per frame, the keyword rate (one of the observed rates) from which a text is called a "yes"
    that maximises :func:`two_class_macro_f1` on ``rates``/``Y`` (the training split)."""
    Y = np.asarray(Y, dtype=bool)
    out = []
    for j, frame in enumerate(rates.columns):
        values = np.unique(rates[frame].to_numpy())
        scores = [two_class_macro_f1(Y[:, j], rates[frame].to_numpy() >= v) for v in values]
        out.append(float(values[int(np.argmax(scores))]))
    return np.array(out)


def _topic_words_kept_model():
    """The calibrated model built with the topic words kept (comparison only; built once, about a
    minute of CPU, into the user's models folder)."""
    from analysis import artefacts
    from analysis.framing import generic

    card, arrays = artefacts.load_or_build(
        f"{generic.MODEL_NAME}-topic-words-kept", lambda: generic.build_model(drop_topic_words=False),
        version=generic.MODEL_VERSION, data_sha256=generic.training_sha256(),
        what="generic-frame classifier with topic words (evaluation only)",
    )
    return generic.GenericFrameClassifier.from_card(card, arrays)


def generic_frame_results(n_boot: int = 1000, topic_words_kept: bool = True) -> pd.DataFrame:
    """``generic_frame_results(n_boot=1000, topic_words_kept=True)``: the generic frames measured on
    ``narrative-frames-dev`` (Frermann et al. 2023, ACL; fold 1 dev, 85 articles), in
    :data:`analysis.evaluate.report.COLUMNS`.

    Systems, all run here on the same articles: the calibrated model of
    :func:`analysis.framing.generic.generic_frames` (instrument); the rules alone (a frame present
    when a quarter of its questions are answered yes, the rules' default); a keyword list
    (:data:`KEYWORDS`, a "yes" from a rate per 1,000 words chosen on the training split by
    :func:`keyword_thresholds`); and, with ``topic_words_kept``, the calibrated model rebuilt
    with the topic words left in (what dropping them costs on this corpus). Metrics per frame:
    ``f1_positive`` and ``macro_f1`` (two classes), and ``mean_macro_f1`` over the five frames;
    95 % percentile-bootstrap intervals resampling articles (``n_boot``, seed 0). Rows with
    benchmark ``narrative-frames-train (CV)`` give the cross-validated macro-F1 of the setting
    chosen on the training split (no interval; optimistic: for the packaged v3 model the best of
    91 thresholds for the averaged model, for a v2-style model the best of 36 settings x 91
    thresholds). Nothing here is tuned on the dev split.
    """
    from analysis.data import load
    from analysis.evaluate.report import COLUMNS
    from analysis.framing import generic

    frames = list(generic.CALIBRATED_FRAMES)
    train, dev = load("narrative-frames-train"), load("narrative-frames-dev")
    texts, Y = dev["text"].tolist(), dev[frames].to_numpy(bool)
    model = generic.get_model()
    table = generic.generic_frames(texts)
    systems = {
        "calibrated model": ("instrument", table[[f"{f}_calibrated" for f in frames]].to_numpy(bool),
                             "logistic regression per frame; settings chosen by CV on narrative-frames-train"),
        "rules alone": ("baseline", table[frames].to_numpy(bool), "rule score >= 0.25 (default), same run"),
    }
    thresholds = keyword_thresholds(keyword_rates(train["text"]), train[frames])
    systems["keyword list"] = ("baseline", keyword_rates(texts).to_numpy() >= thresholds,
                               "KEYWORDS rate per 1,000 words, threshold chosen on train, same run")
    if topic_words_kept:
        systems["calibrated model, topic words kept"] = (
            "baseline", _topic_words_kept_model().predict(texts),
            "same method with the topic words left in (comparison), same run")
    rows = []
    for system, (role, predicted, note) in systems.items():
        for j, frame in enumerate(frames):
            for metric, function in (("f1_positive", positive_f1), ("macro_f1", two_class_macro_f1)):
                estimate, low, high = bootstrap_ci(function, Y[:, j], predicted[:, j], n_boot=n_boot)
                rows.append((system, f"{frame} {metric}", estimate, low, high, len(Y), role, note))
        estimate, low, high = bootstrap_ci(mean_macro_f1, Y, predicted, n_boot=n_boot)
        rows.append((system, "mean_macro_f1", estimate, low, high, len(Y), role, note))
    out = pd.DataFrame(rows, columns=["system", "metric", "estimate", "low", "high", "n", "role", "note"]).assign(
        instrument="generic frames", benchmark="narrative-frames-dev", published=False)
    cv = pd.DataFrame(
        [("calibrated model", f"{s['frame']} macro_f1", s["cv_macro_f1"], np.nan, np.nan, len(train), "instrument",
          _setting_note(s)) for s in model.settings_],
        columns=["system", "metric", "estimate", "low", "high", "n", "role", "note"],
    ).assign(instrument="generic frames", benchmark="narrative-frames-train (CV)", published=False)
    return pd.concat([out, cv], ignore_index=True)[COLUMNS]


def _setting_note(setting: dict) -> str:
    """What a frame's entry of ``GenericFrameClassifier.settings_`` chose, in words."""
    if "members" in setting:
        Cs = ", ".join(f"{m['features']} C={m['C']}" for m in setting["members"])
        return (f"mean log-odds of {Cs}; threshold {setting['threshold']}: 2x5-fold CV of the averaged "
                "out-of-fold probabilities (optimistic: best threshold)")
    return (f"{setting['features']}, C={setting['C']}, threshold {setting['threshold']}: 2x5-fold CV of the "
            "chosen setting (optimistic: best of the grid)")


def nested_cv_generic(n_splits: int = 5, seed: int = 0, n_boot: int = 1000) -> pd.DataFrame:
    """``nested_cv_generic(n_splits=5, seed=0, n_boot=1000)``: an unbiased cross-validated figure
    for the calibrated generic frames on ``narrative-frames-train``, in
    :data:`analysis.evaluate.report.COLUMNS`.

    Method: nested cross-validation (Varma & Simon 2006, *BMC Bioinformatics*): the training
    articles are split into ``n_splits`` folds (shuffled, ``seed``); on each, the whole
    :class:`~analysis.framing.generic.GenericFrameClassifier` procedure (its own inner
    cross-validation of feature set, C and threshold) is fitted on the other folds and predicts
    the held-out one; the pooled out-of-fold decisions are scored once, per frame (two-class
    macro-F1) and as their mean, with percentile bootstrap intervals over articles. The topic
    words are those of the packaged model (drawn from all training articles, no labels used).
    Slow: about ``n_splits`` times one build (minutes).
    """
    from sklearn.model_selection import KFold

    from analysis.data import load
    from analysis.evaluate.report import COLUMNS
    from analysis.framing import generic

    frames = list(generic.CALIBRATED_FRAMES)
    train = load("narrative-frames-train")
    texts, Y = train["text"].tolist(), train[frames].to_numpy(bool)
    exclude = generic.get_model().exclude
    features = generic.frame_features(texts)
    predicted = np.zeros_like(Y)
    for fit_rows, test_rows in KFold(n_splits, shuffle=True, random_state=seed).split(texts):
        model = generic.GenericFrameClassifier(exclude=exclude).fit(
            [texts[i] for i in fit_rows], Y[fit_rows], features.subset(fit_rows))
        predicted[test_rows] = model.predict([texts[i] for i in test_rows], features.subset(test_rows))
    rows = []
    note = f"nested {n_splits}-fold CV (inner 2x5-fold choice of settings), same procedure as the packaged model"
    for j, frame in enumerate(frames):
        estimate, low, high = bootstrap_ci(two_class_macro_f1, Y[:, j], predicted[:, j], n_boot=n_boot)
        rows.append((f"{frame} macro_f1", estimate, low, high))
    rows.append(("mean_macro_f1", *bootstrap_ci(mean_macro_f1, Y, predicted, n_boot=n_boot)))
    out = pd.DataFrame(rows, columns=["metric", "estimate", "low", "high"]).assign(
        instrument="generic frames", benchmark="narrative-frames-train (nested CV)", system="calibrated model",
        n=len(Y), role="instrument", published=False, note=note)
    return out[COLUMNS]


# --- generic frames: other training procedures, compared by nested cross-validation ------------

#: Words at the start of an article read as its lead by the lead-position feature sets (the
#: Narrative Frames texts begin with the headline, so the lead includes it).
LEAD_WORDS = 100
#: Feature sets cached for :func:`nested_cv_procedures`: the six of
#: :data:`analysis.framing.generic.FEATURE_SETS` (short names) and two with lead lemmas.
PROCEDURE_FEATURE_SETS = ("keywords", "rules", "df5", "df10", "df20", "df40", "df10+lead", "rules+lead")
_V2_SETS = ("keywords", "rules", "df5", "df10", "df20", "df40")
_LEMMA_SETS = ("rules", "df5", "df10", "df20", "df40")


def threshold_scores(y, probabilities, thresholds=None) -> np.ndarray:
    """``threshold_scores(y, probabilities, thresholds=THRESHOLD_GRID)``: the two-class macro-F1
    (:func:`two_class_macro_f1`) of the decisions ``probabilities >= t`` for each threshold ``t``,
    averaged over the second-last axis (repeats of a cross-validation): an array ``(..., repeats,
    texts)`` gives ``(..., thresholds)``. The threshold search of
    :class:`analysis.framing.generic.GenericFrameClassifier`, vectorised."""
    from analysis.framing.generic import THRESHOLD_GRID

    t = np.asarray(THRESHOLD_GRID if thresholds is None else thresholds, dtype=float)
    y = np.asarray(y, dtype=bool)
    P = np.asarray(probabilities, dtype=float)[..., None, :] >= t[:, None]
    tp, fp = (P & y).sum(-1), (P & ~y).sum(-1)
    fn, tn = (~P & y).sum(-1), (~P & ~y).sum(-1)
    f1 = np.where(2 * tp + fp + fn > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0)
    f0 = np.where(2 * tn + fp + fn > 0, 2 * tn / np.maximum(2 * tn + fp + fn, 1), 0.0)
    return ((f1 + f0) / 2).mean(-2)


def mean_log_loss(y, probabilities) -> np.ndarray:
    """Mean negative log-likelihood of ``y`` under ``probabilities`` (clipped to [1e-6, 1 - 1e-6]),
    over the last axis (texts) and then the second-last (repeats): ``(..., repeats, texts)`` gives
    ``(...)``."""
    y = np.asarray(y, dtype=float)
    p = np.clip(np.asarray(probabilities, dtype=float), 1e-6, 1 - 1e-6)
    return (-(y * np.log(p) + (1 - y) * np.log(1 - p))).mean(-1).mean(-1)


def procedure_inputs(features, Y, fit_rows, test_rows, exclude) -> dict:
    """For one outer fold of :func:`nested_cv_procedures`: per frame, feature set
    (:data:`PROCEDURE_FEATURE_SETS`) and C (:data:`analysis.framing.generic.C_GRID`), the
    out-of-fold probabilities of the inner cross-validation of the classifier (stratified 5-fold,
    repeated twice, seed 0, per frame: :func:`analysis.framing.generic.out_of_fold`) on the texts
    ``fit_rows`` and the probabilities for ``test_rows`` of the model refitted on all of
    ``fit_rows``: everything any procedure below chooses from. Vocabularies are drawn from
    ``fit_rows`` only (lemmas in >= 5 texts, lead lemmas in >= 10 leads), minus ``exclude``."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import RepeatedStratifiedKFold

    from analysis.framing import generic

    fit, test = features.subset(fit_rows), features.subset(test_rows)
    y_fit = np.asarray(Y, dtype=bool)[list(fit_rows)]
    excluded = set(exclude)
    df = Counter(w for words in fit.lemmas for w in set(words))
    vocabulary = sorted(w for w, n in df.items() if n >= 5 and w not in excluded)
    vocabulary_df = np.array([df[w] for w in vocabulary], dtype=int)
    leads = {name: [words[:LEAD_WORDS] for words in part.lemmas] for name, part in (("fit", fit), ("test", test))}
    lead_df = Counter(w for words in leads["fit"] for w in set(words))
    lead_vocabulary = sorted(w for w, n in lead_df.items() if n >= 10 and w not in excluded)

    def matrix(part, lead):
        return np.hstack([part.rules, generic.lemma_rates(part.lemmas, vocabulary).toarray(),
                          generic.lemma_rates(lead, lead_vocabulary).toarray()])

    X_fit, X_test = matrix(fit, leads["fit"]), matrix(test, leads["test"])
    n_rules = fit.rules.shape[1]
    rules = np.arange(n_rules)
    lemmas = n_rules + np.arange(len(vocabulary))
    lead = n_rules + len(vocabulary) + np.arange(len(lead_vocabulary))
    sets = {"rules": rules}
    for k in (5, 10, 20, 40):
        sets[f"df{k}"] = np.concatenate([rules, lemmas[vocabulary_df >= k]])
    sets["df10+lead"] = np.concatenate([sets["df10"], lead])
    sets["rules+lead"] = np.concatenate([rules, lead])
    mean, scale = X_fit.mean(axis=0), X_fit.std(axis=0)
    scale[scale == 0] = 1.0
    Z_fit, Z_test = (X_fit - mean) / scale, (X_test - mean) / scale
    out = {"y": y_fit, "Cs": tuple(generic.C_GRID), "oof": {}, "test": {}}
    for j, frame in enumerate(generic.CALIBRATED_FRAMES):
        y = y_fit[:, j]
        folds = list(RepeatedStratifiedKFold(n_splits=5, n_repeats=2, random_state=0).split(X_fit, y))
        columns = dict(sets, keywords=np.array([generic.RULE_FEATURES.index(f"keywords:{frame}")]))
        for name in PROCEDURE_FEATURE_SETS:
            cols = columns[name]
            out["oof"][frame, name] = generic.out_of_fold(X_fit[:, cols], y, folds, generic.C_GRID, 2)
            out["test"][frame, name] = np.array([
                LogisticRegression(C=C, max_iter=5000).fit(Z_fit[:, cols], y).predict_proba(Z_test[:, cols])[:, 1]
                for C in generic.C_GRID])
    return out


def _choose_per_frame(inputs, sets, prior=False) -> np.ndarray:
    """Per frame the feature set, C and threshold with the best inner score (ties: the first);
    ``prior``: the threshold is the frame's training prevalence instead of chosen."""
    from analysis.framing.generic import CALIBRATED_FRAMES, THRESHOLD_GRID

    columns = []
    for j, frame in enumerate(CALIBRATED_FRAMES):
        y, best = inputs["y"][:, j], None
        for name in sets:
            oof = inputs["oof"][frame, name]
            scores = threshold_scores(y, oof)
            for c in range(len(inputs["Cs"])):
                if prior:
                    score, t = threshold_scores(y, oof[c], [y.mean()])[0], y.mean()
                else:
                    i = int(np.argmax(scores[c]))
                    score, t = scores[c, i], THRESHOLD_GRID[i]
                if best is None or score > best[0] + 1e-12:
                    best = (score, name, c, t)
        _, name, c, t = best
        columns.append(inputs["test"][frame, name][c] >= t)
    return np.stack(columns, axis=1)


def _choose_shared(inputs, sets, prior=False) -> np.ndarray:
    """One feature set and C for all frames (best mean inner score), the threshold per frame
    (chosen, or the training prevalence with ``prior``)."""
    from analysis.framing.generic import CALIBRATED_FRAMES, THRESHOLD_GRID

    best = None
    for name in sets:
        for c in range(len(inputs["Cs"])):
            total, chosen = 0.0, []
            for j, frame in enumerate(CALIBRATED_FRAMES):
                y, oof = inputs["y"][:, j], inputs["oof"][frame, name][c]
                if prior:
                    score, t = threshold_scores(y, oof, [y.mean()])[0], y.mean()
                else:
                    scores = threshold_scores(y, oof)
                    i = int(np.argmax(scores))
                    score, t = scores[i], THRESHOLD_GRID[i]
                total += score / len(CALIBRATED_FRAMES)
                chosen.append(t)
            if best is None or total > best[0] + 1e-12:
                best = (total, name, c, chosen)
    _, name, c, chosen = best
    return np.stack([inputs["test"][f, name][c] >= chosen[j] for j, f in enumerate(CALIBRATED_FRAMES)], axis=1)


def _averaged(inputs, frame, members, choose_C) -> tuple[np.ndarray, np.ndarray]:
    """The mean inner out-of-fold and test probabilities of the ``members`` (feature sets) of an
    averaged model, each at its C: by inner log-loss (``"log_loss"``), by best inner macro-F1
    (``"f1"``) or a given value."""
    from analysis.framing.generic import CALIBRATED_FRAMES

    y = inputs["y"][:, CALIBRATED_FRAMES.index(frame)]
    oofs, tests = [], []
    for name in members:
        oof = inputs["oof"][frame, name]
        if choose_C == "log_loss":
            c = int(np.argmin(mean_log_loss(y, oof)))
        elif choose_C == "f1":
            c = int(np.argmax(threshold_scores(y, oof).max(axis=-1)))
        else:
            c = inputs["Cs"].index(choose_C)
        oofs.append(oof[c])
        tests.append(inputs["test"][frame, name][c])
    return np.mean(oofs, axis=0), np.mean(tests, axis=0)


def _average_members(inputs, members=_LEMMA_SETS, choose_C="log_loss", prior=False) -> np.ndarray:
    """Averaged probabilities of several models per frame (:func:`_averaged`), the threshold chosen
    on the averaged inner out-of-fold probabilities (or the training prevalence with ``prior``)."""
    from analysis.framing.generic import CALIBRATED_FRAMES, THRESHOLD_GRID

    columns = []
    for j, frame in enumerate(CALIBRATED_FRAMES):
        y = inputs["y"][:, j]
        oof, test = _averaged(inputs, frame, members, choose_C)
        t = y.mean() if prior else THRESHOLD_GRID[int(np.argmax(threshold_scores(y, oof)))]
        columns.append(test >= t)
    return np.stack(columns, axis=1)


def _average_log_odds(inputs, members=_LEMMA_SETS) -> np.ndarray:
    """The packaged procedure (v3, ``GenericFrameClassifier(combine="average")``): per frame the
    mean log-odds of the ``members``, each at its least inner log-loss C, the threshold chosen on
    the averaged inner out-of-fold probabilities."""
    from analysis.framing.generic import CALIBRATED_FRAMES, THRESHOLD_GRID

    def logit(p):
        p = np.clip(p, 1e-12, 1 - 1e-12)
        return np.log(p / (1 - p))

    columns = []
    for j, frame in enumerate(CALIBRATED_FRAMES):
        y, oofs, tests = inputs["y"][:, j], [], []
        for name in members:
            oof = inputs["oof"][frame, name]
            c = int(np.argmin(mean_log_loss(y, oof)))
            oofs.append(logit(oof[c]))
            tests.append(logit(inputs["test"][frame, name][c]))
        oof = 1 / (1 + np.exp(-np.mean(oofs, axis=0)))
        t = THRESHOLD_GRID[int(np.argmax(threshold_scores(y, oof)))]
        columns.append(1 / (1 + np.exp(-np.mean(tests, axis=0))) >= t)
    return np.stack(columns, axis=1)


def _pooled_C(inputs, members=_LEMMA_SETS):
    """The one C with the least inner log-loss summed over frames and members."""
    from analysis.framing.generic import CALIBRATED_FRAMES

    total = np.zeros(len(inputs["Cs"]))
    for j, frame in enumerate(CALIBRATED_FRAMES):
        for name in members:
            total += mean_log_loss(inputs["y"][:, j], inputs["oof"][frame, name])
    return inputs["Cs"][int(np.argmin(total))]


def _stacked(inputs, members=_LEMMA_SETS) -> np.ndarray:
    """Label co-occurrence: a second-stage logistic regression (C=1) per frame over the logits of
    the five frames' averaged inner out-of-fold probabilities (:func:`_averaged`, C by
    log-loss); its threshold from its own 2x5-fold cross-validation over those."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    from analysis.framing.generic import CALIBRATED_FRAMES, THRESHOLD_GRID

    first = [_averaged(inputs, frame, members, "log_loss") for frame in CALIBRATED_FRAMES]

    def logit(p):
        p = np.clip(p, 1e-4, 1 - 1e-4)
        return np.log(p / (1 - p))

    Z_fit = logit(np.stack([oof.mean(axis=0) for oof, _ in first], axis=1))
    Z_test = logit(np.stack([test for _, test in first], axis=1))
    columns = []
    for j in range(len(CALIBRATED_FRAMES)):
        y = inputs["y"][:, j]
        oof = np.zeros((2, len(y)))
        for r in range(2):
            for a, b in StratifiedKFold(5, shuffle=True, random_state=r).split(Z_fit, y):
                oof[r, b] = LogisticRegression(C=1.0).fit(Z_fit[a], y[a]).predict_proba(Z_fit[b])[:, 1]
        t = THRESHOLD_GRID[int(np.argmax(threshold_scores(y, oof)))]
        columns.append(LogisticRegression(C=1.0).fit(Z_fit, y).predict_proba(Z_test)[:, 1] >= t)
    return np.stack(columns, axis=1)


#: The procedures compared by :func:`nested_cv_procedures`: name -> function of one outer fold's
#: :func:`procedure_inputs` returning the held-out decisions. The first is the packaged model's (v2).
PROCEDURES = {
    "v2: per frame set x C x threshold": lambda i: _choose_per_frame(i, _V2_SETS),
    "lemmas df>=10 only, C and threshold per frame": lambda i: _choose_per_frame(i, ("df10",)),
    "v2 sets, threshold at the prior": lambda i: _choose_per_frame(i, _V2_SETS, prior=True),
    "one set and C for all frames, threshold per frame": lambda i: _choose_shared(i, _V2_SETS[1:]),
    "one set and C for all frames, threshold at the prior": lambda i: _choose_shared(i, _V2_SETS[1:], prior=True),
    "average of rules, df>=5/10/20/40 (C by log-loss)": lambda i: _average_members(i),
    "average, C by macro-F1": lambda i: _average_members(i, choose_C="f1"),
    "average, threshold at the prior": lambda i: _average_members(i, prior=True),
    "average of df>=5/10/20/40 (no rules-only member)": lambda i: _average_members(i, _LEMMA_SETS[1:]),
    "average with the keyword-rate model": lambda i: _average_members(i, (*_LEMMA_SETS, "keywords")),
    "average, one C for all (pooled log-loss)": lambda i: _average_members(i, choose_C=_pooled_C(i)),
    "v2 sets and lead sets (df10+lead, rules+lead)": lambda i: _choose_per_frame(i, PROCEDURE_FEATURE_SETS),
    "lemmas df>=10 + lead lemmas only": lambda i: _choose_per_frame(i, ("df10+lead",)),
    "average with the df10+lead model": lambda i: _average_members(i, (*_LEMMA_SETS, "df10+lead")),
    "label co-occurrence: second stage on the averages": _stacked,
    "v3 (packaged): average log-odds of rules, df>=5/10/20/40 (C by log-loss)": _average_log_odds,
}


def nested_cv_procedures(seeds=(0, 1), n_splits: int = 5, n_boot: int = 1000, procedures=None,
                         verbose: bool = False) -> pd.DataFrame:
    """``nested_cv_procedures(seeds=(0, 1), n_splits=5, n_boot=1000, procedures=None)``: other ways
    to train the calibrated generic frames, each judged by nested cross-validation on
    ``narrative-frames-train`` against the previous packaged procedure (v2), in
    :data:`analysis.evaluate.report.COLUMNS`.

    Method: as :func:`nested_cv_generic` (Varma & Simon 2006): per outer split (``KFold``, shuffled,
    each of ``seeds``) the inner 2x5-fold out-of-fold probabilities of every feature set x C are
    computed once on the outer training part (:func:`procedure_inputs`), and each procedure of
    :data:`PROCEDURES` (or the named subset) chooses from them as it would on the full training
    split and decides the held-out articles (the first of :data:`PROCEDURES` is v2, the reference;
    the last the packaged v3). Rows per procedure and seed: the mean two-class
    macro-F1 over the five frames (pooled held-out decisions, bootstrap interval over articles),
    each frame's macro-F1 (no interval), and the paired difference to v2 (same articles resampled);
    over all seeds the mean of the seeds' figures and its paired difference (articles resampled
    jointly: the seeds differ in the partition, not in the data). Caveats: the topic words are the
    packaged model's (drawn from all training articles, no labels); 15 procedures were compared on
    the same articles before v3 was chosen (the last entry: averaging, with log-odds, so that the
    model stays one linear model), so the best of them is an optimistic pick and a difference inside the
    interval is noise. Slow: about 12 minutes of CPU per seed.
    """
    from sklearn.model_selection import KFold

    from analysis.data import load
    from analysis.framing import generic

    frames = list(generic.CALIBRATED_FRAMES)
    names = list(PROCEDURES) if procedures is None else [next(iter(PROCEDURES)), *procedures]
    names = list(dict.fromkeys(names))
    train = load("narrative-frames-train")
    texts, Y = train["text"].tolist(), train[frames].to_numpy(bool)
    exclude = generic.get_model().exclude
    features = generic.frame_features(texts)
    decided = {name: [] for name in names}
    for seed in seeds:
        predicted = {name: np.zeros_like(Y) for name in names}
        for fit_rows, test_rows in KFold(n_splits, shuffle=True, random_state=seed).split(texts):
            inputs = procedure_inputs(features, Y, fit_rows, test_rows, exclude)
            for name in names:
                predicted[name][test_rows] = PROCEDURES[name](inputs)
            if verbose:
                print(f"seed {seed}: outer fold of {len(test_rows)} articles done", flush=True)
        for name in names:
            decided[name].append(predicted[name])
    return procedure_rows(Y, decided, seeds, n_splits, n_boot)


def procedure_rows(Y, decided: dict, seeds, n_splits: int = 5, n_boot: int = 1000) -> pd.DataFrame:
    """The rows of :func:`nested_cv_procedures` from its held-out decisions: ``Y`` (texts x
    frames), ``decided`` (procedure name -> one decision matrix per seed; the first procedure is
    the reference the others are compared with)."""
    from analysis.evaluate.report import COLUMNS
    from analysis.framing.generic import CALIBRATED_FRAMES

    frames, names = list(CALIBRATED_FRAMES), list(decided)
    base = decided[names[0]]
    rows = []

    def mean_of_seeds(Y_, *predictions):
        return float(np.mean([mean_macro_f1(Y_, P) for P in predictions]))

    def difference(Y_, *predictions):
        half = len(predictions) // 2
        return mean_of_seeds(Y_, *predictions[:half]) - mean_of_seeds(Y_, *predictions[half:])

    for name in names:
        for s, seed in enumerate(seeds):
            P = decided[name][s]
            bench = f"narrative-frames-train (nested {n_splits}-fold CV, seed {seed})"
            rows.append((bench, name, "mean_macro_f1", *bootstrap_ci(mean_macro_f1, Y, P, n_boot=n_boot)))
            for j, frame in enumerate(frames):
                rows.append((bench, name, f"{frame} macro_f1", two_class_macro_f1(Y[:, j], P[:, j]), np.nan, np.nan))
            if name != names[0]:
                rows.append((bench, name, "mean_macro_f1 minus v2",
                             *bootstrap_ci(difference, Y, P, base[s], n_boot=n_boot)))
        if len(seeds) > 1:
            bench = f"narrative-frames-train (nested {n_splits}-fold CV, mean of seeds {', '.join(map(str, seeds))})"
            rows.append((bench, name, "mean_macro_f1", *bootstrap_ci(mean_of_seeds, Y, *decided[name], n_boot=n_boot)))
            if name != names[0]:
                rows.append((bench, name, "mean_macro_f1 minus v2",
                             *bootstrap_ci(difference, Y, *decided[name], *base, n_boot=n_boot)))
    out = pd.DataFrame(rows, columns=["benchmark", "system", "metric", "estimate", "low", "high"]).assign(
        instrument="generic frames", n=len(Y), published=False,
        note="nested CV on train; the procedure chooses its settings inside each outer training part")
    out["role"] = np.where(out["system"] == names[0], "instrument", "baseline")
    out[["estimate", "low", "high"]] = out[["estimate", "low", "high"]].astype(float)
    return out[COLUMNS]
