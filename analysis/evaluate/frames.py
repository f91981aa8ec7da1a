"""Benchmark of :mod:`analysis.framing.policy`: cross-validated micro- and macro-F1 of frames.

``python -m analysis.evaluate frames [--folds 5] [--seed 0] [--n-boot 1000] [--limit N]
[--char-ngrams 3,5] [--class-weight none] [--fast]`` prints, for the classifier and a majority
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
from typing import NamedTuple

import numpy as np
import pandas as pd

from analysis.evaluate import bootstrap_ci
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
    args = parser.parse_args(argv)
    if args.fast:
        args.limit, args.folds, args.n_boot = args.limit or 120, 3, 200
    params = {}
    if args.class_weight:
        params["class_weight"] = None if args.class_weight == "none" else args.class_weight
    if args.char_ngrams:
        params["char_ngrams"] = tuple(int(x) for x in args.char_ngrams.split(","))

    data = read_training_data()
    if args.limit:
        data = data.iloc[: args.limit]
    result = cross_validate_policy(
        data["text"], data["frames"], data["doc_id"], data["text_group"],
        n_splits=args.folds, seed=args.seed, n_boot=args.n_boot, **params,
    )
    print(f"Policy frames, {len(data)} SemEval-2023 Task 3 English training articles "
          f"(data sha256 {data.attrs['sha256'][:12]}), parameters {params or 'default'}\n")
    display = ("display.width", 160, "display.max_colwidth", 70, "display.precision", 3)
    with pd.option_context(*display):
        print(result.summary.to_string(index=False), end="\n\n")
        print(result.per_frame.to_string(index=False))
    return 0
