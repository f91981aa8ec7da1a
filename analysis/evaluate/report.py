"""Benchmark results of every instrument as one tidy shape, for the validation notebook.

Each ``*_results`` function runs (or takes) one instrument's benchmark and returns rows with the
columns of :data:`COLUMNS`: ``instrument``, ``benchmark``, ``system``, ``metric``, ``estimate``,
``low``, ``high`` (a 95 % percentile-bootstrap interval; NaN for published figures), ``n`` (the
items resampled: documents, articles or targets), ``role`` (``"instrument"``: the package's own;
``"baseline"``: a comparison measured in the same run; ``"published"``: a reference point from
the literature, not measured here), ``published`` (``role == "published"``, for
:func:`analysis.plots.interval_plot`) and ``note``. :func:`at_a_glance` lines up, per benchmark
and metric, the instrument, its best baseline and the published point; :func:`audit_sample`
draws rule hits with their context for instruments that have no benchmark. The statistics themselves live in the
benchmark modules (:mod:`analysis.evaluate.tokenize`, :mod:`analysis.evaluate.frames`,
:mod:`analysis.evaluate.sentiment`) and in :mod:`analysis.tagger`; this module only runs them and
lines their results up, so that one plot and one summary table serve all instruments.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import pandas as pd

from analysis.evaluate import bootstrap_ci

COLUMNS = [
    "instrument", "benchmark", "system", "metric", "estimate", "low", "high", "n", "role", "published", "note"
]

#: Published reference points (BRIEF section 2 and the papers named in ``note``). Measured on
#: other splits (test sets) or other versions of the data: context for our figures, not a
#: like-for-like comparison.
PUBLISHED = pd.DataFrame(
    [
        ("tokeniser", "ud-ewt-dev", "Stanza", "sentence_f1", 0.892, "Qi et al. 2020 (ACL demos), UD EWT test"),
        ("tokeniser", "ud-gum-dev", "Stanza", "sentence_f1", 0.953, "Qi et al. 2020 (ACL demos), UD GUM test"),
        ("tokeniser", "ud-ewt-dev", "Stanza", "token_f1", 0.992, "Qi et al. 2020 (ACL demos), UD EWT test"),
        ("tokeniser", "ud-gum-dev", "Stanza", "token_f1", 0.998, "Qi et al. 2020 (ACL demos), UD GUM test"),
        ("pos tagger", "treebank", "state of the art (WSJ)", "accuracy", 0.973,
         "Manning 2011 (CICLing): about 97.3 % on WSJ test, trained on about 1M tokens"),
        ("target sentiment", "newsmtsc-rw-dev", "RoBERTa-GRU-TSC", "macro_f1", 0.831,
         "Hamborg & Donnay 2021 (EACL), rw test set"),
        ("target sentiment", "newsmtsc-mt-dev", "RoBERTa-GRU-TSC", "macro_f1", 0.825,
         "Hamborg & Donnay 2021 (EACL), mt test set"),
        ("target sentiment", "newsmtsc-rw-dev", "sentence-level VADER", "macro_f1", 0.51,
         "Hamborg & Donnay 2021 (EACL), rw test set, approximate"),
        ("target sentiment", "newsmtsc-mt-dev", "sentence-level VADER", "macro_f1", 0.48,
         "Hamborg & Donnay 2021 (EACL), mt test set, approximate"),
    ],
    columns=["instrument", "benchmark", "system", "metric", "estimate", "note"],
).assign(low=np.nan, high=np.nan, n=np.nan, role="published", published=True)[COLUMNS]


def published(instrument: str) -> pd.DataFrame:
    """The rows of :data:`PUBLISHED` for ``instrument`` (empty if it has none)."""
    return PUBLISHED[PUBLISHED["instrument"] == instrument].reset_index(drop=True)


def _with_published(frame: pd.DataFrame, instrument: str) -> pd.DataFrame:
    """``frame`` followed by the published points of ``instrument`` on the benchmarks it ran."""
    references = published(instrument)
    references = references[references["benchmark"].isin(frame["benchmark"])]
    return pd.concat([frame[COLUMNS], references], ignore_index=True)


# --- tokeniser -------------------------------------------------------------------------------


def tokeniser_results(datasets, n_boot: int = 1000, limit: int | None = None) -> pd.DataFrame:
    """Sentence and token F1 of the tokeniser and NLTK's defaults on ``datasets``, plus Stanza's.

    Runs :func:`analysis.evaluate.tokenize.score` on each dataset (names from
    ``analysis.evaluate.tokenize.DATASETS``; UD token style on UD, PTB style on the treebank),
    on the first ``limit`` documents when given. Metrics ``sentence_f1`` and ``token_f1``
    (exact-span micro F1, CoNLL 2018), intervals resampling documents (``n_boot`` resamples).
    Caveat: the tokeniser's rules were tuned on these dev sets (development figures).
    """
    from analysis.evaluate import tokenize as bench

    parts = []
    for dataset in datasets:
        docs, skipped = bench.gold_documents(dataset)
        scores = bench.score(docs[:limit], "ptb" if dataset == "treebank" else "ud", n_boot=n_boot)
        note = scores["system"].map({"ours": "development figure: rules tuned on this set"}).fillna("same run")
        if skipped:
            note += f"; {skipped} unaligned documents left out"
        parts.append(
            scores.rename(columns={"f1": "estimate", "docs": "n"}).assign(
                instrument="tokeniser", benchmark=dataset, metric=scores["level"] + "_f1",
                role=np.where(scores["system"] == "ours", "instrument", "baseline"), published=False, note=note,
            )
        )
    return _with_published(pd.concat(parts, ignore_index=True), "tokeniser")


# --- policy frames ---------------------------------------------------------------------------


def policy_results(summary: pd.DataFrame) -> pd.DataFrame:
    """The ``summary`` of :func:`analysis.evaluate.frames.cross_validate_policy` in :data:`COLUMNS`.

    Its row without an interval (the SemEval-2023 organisers' baseline) is marked ``published``.
    """
    published = summary["low"].isna()
    role = np.where(published, "published", np.where(summary["system"] == "classifier", "instrument", "baseline"))
    return summary.rename(columns={"n_articles": "n"}).assign(
        instrument="policy frames", benchmark="semeval2023-t3-frames-en", role=role, published=published
    )[COLUMNS]


# --- sentiment -------------------------------------------------------------------------------


def sentiment_results(table: pd.DataFrame) -> pd.DataFrame:
    """The table of :func:`analysis.evaluate.sentiment.run` in :data:`COLUMNS`, with the published
    NewsMTSC reference points added.

    Instruments: "target sentiment" for the NewsMTSC rows (the target model is the instrument;
    sentence-level scores and the majority class are baselines) and "sentence tone" for the
    SemEval-2007 headlines (every dictionary or model is an instrument). Notes say what each figure
    was chosen on: the target model and the news-trained sentence model had their settings chosen
    by cross-validation on NewsMTSC train (grouped by article), so the dev files are unseen; the
    package's default sentence instrument was chosen on the headlines (a development figure there).
    """
    newsmtsc = table["benchmark"].str.startswith("newsmtsc")
    target = table["system"].str.startswith("target model")
    trained = newsmtsc & table["system"].str.contains("target model|news-lr")
    note = np.where(trained, "same run; settings chosen by grouped CV on newsmtsc-train, dev files never used",
                    np.where(newsmtsc, "same run", "same run; the default instrument was chosen on these"))
    measured = table.assign(
        instrument=np.where(newsmtsc, "target sentiment", "sentence tone"),
        role=np.where(target | ~newsmtsc, "instrument", "baseline"),
        published=False,
        note=note,
    )
    return _with_published(measured, "target sentiment")


# --- POS tagger ------------------------------------------------------------------------------


class MostFrequentTag:
    """Baseline tagger: each word's most frequent training tag; unseen words get ``NN``.

    The classic baseline of part-of-speech tagging (Charniak et al. 1993, AAAI); ties go to the
    tag seen first. Trained on ``(word, tag)`` sentences; :meth:`tag` has the interface of
    :class:`analysis.tagger.Tagger`.
    """

    def __init__(self, sentences):
        counts: dict[str, Counter] = defaultdict(Counter)
        for sentence in sentences:
            for word, tag in sentence:
                counts[word][tag] += 1
        self.best = {word: c.most_common(1)[0][0] for word, c in counts.items()}

    def tag(self, words: list[str]) -> list[str]:
        return [self.best.get(w, "NN") for w in words]


def _pooled(correct: np.ndarray, tokens: np.ndarray) -> float:
    return correct.sum() / tokens.sum()


def tagger_results(n_boot: int = 1000) -> pd.DataFrame:
    """Token accuracy of the package's tagger and a most-frequent-tag baseline, re-measured.

    Both are scored on the documents :func:`analysis.tagger.gold_documents` holds out (a seeded
    10 % of each source's documents, never trained on); the baseline learns from the same
    training 90 %. Rows for each source (``ud-ewt-dev``, ``treebank``) and ``all``; intervals
    resample documents (``n_boot`` resamples). Caveat: held-out documents come from the same
    two samples as the training data, so the figures are in-domain.
    """
    from analysis import tagger

    docs = tagger.gold_documents()
    held_out = docs[docs["held_out"]]
    baseline = MostFrequentTag(s for doc in docs.loc[~docs["held_out"], "sentences"] for s in doc)
    rows = []
    for system, model in (("averaged perceptron", tagger.get_tagger()), ("most frequent tag", baseline)):
        scores = tagger.accuracy_by_document(model, held_out)
        for benchmark, part in [*scores.groupby("source"), ("all", scores)]:
            estimate, low, high = bootstrap_ci(_pooled, part["correct"], part["tokens"], n_boot=n_boot)
            role = "instrument" if system == "averaged perceptron" else "baseline"
            rows.append(("pos tagger", benchmark, system, "accuracy", estimate, low, high, len(part), role, False,
                         f"held-out 10 % of documents; {part['tokens'].sum():,} tokens"))
    return _with_published(pd.DataFrame(rows, columns=COLUMNS), "pos tagger")


# --- rules against a related label -----------------------------------------------------------


def _precision(gold: np.ndarray, hit: np.ndarray) -> float:
    return (gold & hit).sum() / hit.sum() if hit.any() else np.nan


def _recall(gold: np.ndarray, hit: np.ndarray) -> float:
    return (gold & hit).sum() / gold.sum() if gold.any() else np.nan


def _f1(gold: np.ndarray, hit: np.ndarray) -> float:
    return 2 * (gold & hit).sum() / (gold.sum() + hit.sum()) if gold.any() or hit.any() else np.nan


def agreement_results(gold, hit, instrument: str, benchmark: str, system: str, n_boot: int = 1000,
                      note: str = "") -> pd.DataFrame:
    """Precision, recall and F1 of boolean rule hits ``hit`` against boolean labels ``gold``.

    For checking a rule against the nearest labelled construct available (one row per item, e.g.
    a headline). Intervals resample items (``n_boot`` resamples, percentile, 95 %); a metric
    that is undefined in a resample (no hits, no positives) is left out of its quantiles.
    """
    gold, hit = np.asarray(gold, dtype=bool), np.asarray(hit, dtype=bool)
    if gold.shape != hit.shape or gold.ndim != 1:
        raise ValueError(f"gold and hit must be equally long 1-d arrays; got {gold.shape} and {hit.shape}")
    rows = []
    for metric, function in (("precision", _precision), ("recall", _recall), ("f1", _f1)):
        estimate, low, high = bootstrap_ci(function, gold, hit, n_boot=n_boot)
        rows.append((instrument, benchmark, system, metric, estimate, low, high, len(gold), "instrument", False, note))
    return pd.DataFrame(rows, columns=COLUMNS)


# --- summary and audit -----------------------------------------------------------------------


def at_a_glance(results: pd.DataFrame) -> pd.DataFrame:
    """One row per instrument, benchmark and metric: the instrument's estimate and interval, the
    best baseline measured in the same run, and the published point, each with its name.

    ``results`` holds rows in :data:`COLUMNS` (several instruments concatenated). Where an
    instrument has several systems on one benchmark (e.g. dictionaries on headlines), each gets
    its own row; a benchmark without a baseline or a published point has NaN there.
    """
    keys = ["instrument", "benchmark", "metric"]
    own = results[results["role"] == "instrument"]
    out = own[[*keys, "system", "estimate", "low", "high", "n"]].reset_index(drop=True)
    for role in ("baseline", "published"):
        best = (
            results[results["role"] == role]
            .sort_values("estimate", ascending=False, kind="stable")
            .drop_duplicates(keys)[[*keys, "system", "estimate"]]
            .rename(columns={"system": role, "estimate": f"{role}_estimate"})
        )
        out = out.merge(best, on=keys, how="left")
    return out


#: Where an instrument has a figure on data used to choose its settings (development) and the same
#: figure on data never used to choose anything (unseen): ``(instrument, system, development
#: benchmark, unseen benchmark)`` of their result rows.
GAP_PAIRS = (
    ("sourcing", "analysis.framing.quotes", "polnear-train", "polnear-dev"),
    ("generic frames", "calibrated model", "narrative-frames-train (CV)", "narrative-frames-dev"),
    ("actor resolution", "actor table + resolution rules", "kim-mentions development (seed 0)",
     "kim-mentions held-out (seed 1)"),
)


def development_gap(results: pd.DataFrame, pairs=GAP_PAIRS) -> pd.DataFrame:
    """Per instrument and metric, the development figure beside the figure on unseen data.

    ``results`` holds rows in :data:`COLUMNS`; ``pairs`` (default :data:`GAP_PAIRS`) says which
    benchmark was used to choose settings and which was not. Returns ``instrument``, ``metric``,
    ``development`` (its estimate), ``unseen``, ``unseen_low``, ``unseen_high`` and ``gap``
    (unseen minus development: the tuning optimism, negative when the unseen figure is lower).
    Pairs whose rows are absent (a benchmark not run here) are left out. Caveat: the development
    benchmark is often a different sample (training folds) of the same corpus, so part of a gap
    can be sampling, as the unseen interval shows.
    """
    rows = []
    for instrument, system, development, unseen in pairs:
        own = results[(results["instrument"] == instrument) & (results["system"] == system)]
        dev = own[own["benchmark"] == development].set_index("metric")
        new = own[own["benchmark"] == unseen].set_index("metric")
        for metric in [m for m in dev.index if m in new.index]:
            d, u = dev.loc[metric], new.loc[metric]
            rows.append({"instrument": instrument, "metric": metric, "development": d["estimate"],
                         "unseen": u["estimate"], "unseen_low": u["low"], "unseen_high": u["high"],
                         "gap": u["estimate"] - d["estimate"]})
    return pd.DataFrame(rows, columns=["instrument", "metric", "development", "unseen", "unseen_low",
                                       "unseen_high", "gap"])


def audit_sample(texts: pd.Series, function, n: int = 10, seed: int = 0, width: int = 60) -> pd.DataFrame:
    """A seeded random sample of ``n`` rows of ``function(text)`` over ``texts``, with context.

    ``texts`` is indexed by document id; ``function`` is a rule with span output (columns
    ``start`` and ``end``, character offsets), e.g. :func:`analysis.framing.quotes.quotes`. Each
    row gets ``doc_id`` and ``context``: up to ``width`` characters either side of the span, the
    span in [[double brackets]], line breaks as spaces. ``attrs["hits"]`` and ``attrs["documents"]``
    count all hits and the documents with at least one, before sampling. For reading by eye: a
    sample of hits shows false positives, never misses (recall needs labelled text).
    """
    parts = [function(text).assign(doc_id=doc_id) for doc_id, text in texts.items()]
    found = pd.concat(parts, ignore_index=True)
    sample = found.sample(min(n, len(found)), random_state=seed).sort_index()

    def context(doc_id, start: int, end: int) -> str:
        text = texts[doc_id]
        snippet = f"{text[max(0, start - width):start]}[[{text[start:end]}]]{text[end:end + width]}"
        return " ".join(snippet.split())

    sample["context"] = [context(*row) for row in zip(sample["doc_id"], sample["start"], sample["end"])]
    sample.attrs.update(hits=len(found), documents=found["doc_id"].nunique())
    return sample.reset_index(drop=True)
