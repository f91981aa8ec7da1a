"""Document-level actor tone: the author's stance towards an actor across a whole news story.

:func:`actor_tone` gives, per document and actor, a label in {negative, neutral, positive} with
class probabilities and the mention evidence; :func:`paragraph_tone` does the same per paragraph.
The label means *the author's stance towards the actor* as readers of the whole text judge it
(the PerSenT definition, Bastan et al. 2020, COLING): not the tone of the events reported, not
what quoted speakers say, and not the average of the sentences.

Method. The actor's mentions are found by :func:`analysis.framing.actors.mentions` (the package's
actor table, or the caller's). Each mention is scored by the NewsMTSC target model
(:func:`analysis.sentiment_models.load_model`, the torch-free ``"target"`` model), on its sentence with the actor's other mentions there masked. A
document (or paragraph) then becomes a few named features (:func:`tone_features`):

* the target model's probabilities over the mentions: mean, maximum of p(negative) and
  p(positive), share of mentions predicted negative / positive, those of the first mention;
* VADER (Hutto & Gilbert 2014, ICWSM) over the sentences that name the actor: mean, minimum,
  maximum compound, share above +0.05 / below -0.05; VADER's mean over all sentences;
* how present the actor is: log(1 + mentions), share of sentences naming it, no mention at all;
* optionally (``words=True``) the words of the sentences naming the actor (the actor masked);
* with embeddings (tone model ``"embeddings"``, optional extra), the mean all-MiniLM-L6-v2
  embedding (Reimers & Gurevych 2019, EMNLP) of those sentences. The mentions are scored by the
  torch-free target model in both tone models.

A multinomial logistic regression (:class:`ToneClassifier`) on the max-abs-scaled features gives
the label and probabilities. It is trained on PerSenT's dev split (``persent-dev``, the only split
in the mirror), where the entity's mentions are given (``[TGT]``, pronouns included); C, class
weights and the feature set are chosen by 3-fold cross-validation inside it (:func:`select`);
figures are from nested cross-validation (:func:`cross_validate`, 5 outer folds, the setting
chosen by 3-fold CV inside each outer training part): every document is predicted by a model
whose settings were chosen without it. ``python -m analysis.evaluate sentiment`` reports
them with bootstrap intervals over documents beside VADER over the entity's sentences and the
majority class.

Measured (``python -m analysis.evaluate sentiment``, nested CV on persent-dev, 95 % bootstrap
intervals over articles): document macro-F1 0.449 [0.408, 0.489], accuracy 0.514; VADER over the
entity's sentences 0.358 [0.321, 0.397] (paired difference +0.092 [0.042, 0.137]); majority class
(positive) 0.230 (+0.220 [0.177, 0.262]). Paragraphs (525 articles resampled): 0.381 [0.364,
0.400] against VADER 0.352 [0.334, 0.371] (+0.029 [0.003, 0.053]) and the majority (neutral)
0.217. With the previous target model (without its ``lex_*`` counts) the documents scored 0.462
[0.419, 0.500]. Published on the PerSenT test sets (not like-for-like): fine-tuned BERT about
0.47 (Bastan et al. 2020). The packaged models: document C=1, balanced class weights, no word
features (3-fold CV 0.480); paragraph C=0.3, balanced, word features (0.373). The
``"embeddings"`` tone model did worse (measured with the previous target model): documents 0.402
[0.360, 0.446], paired difference to the torch-free model -0.059 [-0.114, -0.007]; paragraphs
0.371 [0.355, 0.392], -0.009 [-0.027, 0.010] (384 dense dimensions against 460 training articles
per fold): use the torch-free default.

Also tried and left out: paragraph-level probabilities as document features. These are the
paragraph model's p(negative) and p(positive) over the paragraphs naming the entity: their mean,
maximum, first and last, and the shares predicted negative and positive. Inside each outer
training part they come out of fold (5 folds by article); its held-out articles get them from a
paragraph model fitted on that part. Offered to the inner 3-fold CV as one more option, with the
paragraph model at C 0.3, balanced weights and no word features, they gave nested macro-F1
0.448. The inner CV preferred the documents' own features in 4 of the 5 outer folds (0.471 vs
0.456, 0.468 vs 0.456, 0.475 vs 0.453, 0.427 vs 0.423; the fifth 0.442 vs 0.447). Forced in,
they gave 0.420 over all paragraphs and 0.442 over the paragraphs naming the entity (paragraph
model with word features), 0.452 without word features, and 0.426 with the aggregates alone.
That is no gain the CV supports over 0.449, so the document model is unchanged. The goal of
0.45 sits inside the interval of the current 0.449 [0.408, 0.489]: reaching it by choosing among
such variants would be chasing noise.

Caveats: PerSenT is US news of 2008-2012 about people (mostly not politicians); trained with gold
mentions, applied with the mention finder, which misses some pronouns and nicknames; one label per
document hides changes of tone within it (read :func:`paragraph_tone` and the evidence).
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression

from analysis.sentiment_models import feature_matrix, load_model, vader_scores
from analysis.tokenize import sentence_spans, token_spans

CLASSES = (-1, 0, 1)
NAMES = {-1: "negative", 0: "neutral", 1: "positive"}
#: VADER's documented thresholds for a positive / negative compound.
THRESHOLD = 0.05
#: The placeholder that replaces PerSenT's ``[TGT]`` (one token, in no lexicon).
PLACEHOLDER = "TGT"
VERSION = "1"
#: Settings searched by cross-validation inside persent-dev (mean macro-F1 decides).
GRID = {"C": (0.1, 0.3, 1.0), "class_weight": (None, "balanced"), "words": (False, True)}
#: Outer folds of the nested cross-validation that reports the figures.
FOLDS = 5
#: Folds of the cross-validation that chooses the setting (inside each outer training part).
INNER_FOLDS = 3


# --- features ------------------------------------------------------------------------------------


def _masked_words(sentence: str, spans: Sequence[tuple[int, int]]) -> list[str]:
    out = []
    for start, end in token_spans(sentence):
        if any(start < b and end > a for a, b in spans):
            if not out or out[-1] != "<T>":
                out.append("<T>")
        else:
            out.append(sentence[start:end].lower())
    return out


def actor_sentences(text: str, mentions: Sequence[tuple[int, int]],
                    region: tuple[int, int] | None = None) -> list[str]:
    """The sentences of ``text`` (or of ``text[region[0]:region[1]]``) holding a mention, in order."""
    lo, hi = region if region is not None else (0, len(text))
    sentences = [(lo + s.start, lo + s.end) for s in sentence_spans(text[lo:hi])]
    starts = [a for a, _ in sentences]
    chosen = sorted({max(bisect_right(starts, a) - 1, 0) for a, b in mentions if lo <= a and b <= hi})
    return [text[slice(*sentences[k])] for k in chosen] if sentences else []


def embedding_features(groups: list[list[str]]) -> list[dict[str, float]]:
    """For each list of sentences, the mean of their all-MiniLM-L6-v2 embeddings as features
    ``emb_<i>`` (:func:`analysis.embeddings.encode`, optional extra); empty lists give none."""
    from analysis import embeddings

    unique = sorted({s for group in groups for s in group})
    vectors = dict(zip(unique, embeddings.encode(unique))) if unique else {}
    out = []
    for group in groups:
        if not group:
            out.append({})
            continue
        mean = np.mean([vectors[s] for s in group], axis=0)
        out.append({f"emb_{i}": float(v) for i, v in enumerate(mean)})
    return out


def tone_features(text: str, mentions: Sequence[tuple[int, int]], proba: np.ndarray,
                  region: tuple[int, int] | None = None, words: bool = True) -> dict[str, float]:
    """The named features of one actor in ``text`` (or in ``text[region[0]:region[1]]``, e.g. a
    paragraph): ``mentions`` are its ``(start, end)`` offsets in ``text`` (those inside the
    region count), ``proba`` one row ``(p_negative, p_neutral, p_positive)`` per mention from the
    target model. See the module docstring for the list; ``w=<word>`` features (the words of the
    sentences naming the actor, the actor masked as ``<T>``) only with ``words=True``.
    """
    lo, hi = region if region is not None else (0, len(text))
    proba = np.asarray(proba, dtype=float).reshape(-1, 3)
    keep = [i for i, (a, b) in enumerate(mentions) if lo <= a and b <= hi]
    spans = [mentions[i] for i in keep]
    proba = proba[keep]
    sentences = [(s.start, s.end) for s in sentence_spans(text[lo:hi])]
    sentences = [(lo + a, lo + b) for a, b in sentences]
    starts = [a for a, _ in sentences]
    naming: dict[int, list[tuple[int, int]]] = {}
    for a, b in spans:
        k = max(bisect_right(starts, a) - 1, 0)
        naming.setdefault(k, []).append((a, b))
    features: dict[str, float] = {"n_mentions_log": math.log1p(len(spans))}
    if not spans:
        features["no_mention"] = 1.0
    else:
        labels = proba.argmax(axis=1)
        features.update({
            "tm_mean_negative": float(proba[:, 0].mean()), "tm_mean_neutral": float(proba[:, 1].mean()),
            "tm_mean_positive": float(proba[:, 2].mean()), "tm_max_negative": float(proba[:, 0].max()),
            "tm_max_positive": float(proba[:, 2].max()), "tm_share_negative": float(np.mean(labels == 0)),
            "tm_share_positive": float(np.mean(labels == 2)), "tm_first_negative": float(proba[0, 0]),
            "tm_first_positive": float(proba[0, 2]),
        })
    compound = [vader_scores(text[a:b])[0] for a, b in sentences] if sentences else []
    if compound:
        features["vader_document_mean"] = float(np.mean(compound))
        features["actor_sentence_share"] = len(naming) / len(sentences)
    if naming:
        scores = np.array([compound[k] for k in naming])
        features.update({
            "vader_actor_mean": float(scores.mean()), "vader_actor_min": float(scores.min()),
            "vader_actor_max": float(scores.max()),
            "vader_actor_share_positive": float(np.mean(scores > THRESHOLD)),
            "vader_actor_share_negative": float(np.mean(scores < -THRESHOLD)),
        })
        if words:
            for k, inside in naming.items():
                a, b = sentences[k]
                for word in _masked_words(text[a:b], [(x - a, y - a) for x, y in inside]):
                    features[f"w={word}"] = 1.0
    return features


# --- the estimator ---------------------------------------------------------------------------------


class ToneClassifier(ClassifierMixin, BaseEstimator):
    """``ToneClassifier(C=0.1, class_weight=None, words=False, min_df=3)``: the author's stance
    towards an actor from :func:`tone_features` dicts (``X`` is a list of them; ``w=`` features
    are ignored unless ``words``), by a multinomial logistic regression (L2, lbfgs) on features
    scaled by their maximum absolute training value. Word features kept when in >= ``min_df``
    training rows. Reference for the task: Bastan et al. (2020), COLING.
    """

    def __init__(self, C: float = 0.1, class_weight: str | None = None, words: bool = False, min_df: int = 3):
        self.C = C
        self.class_weight = class_weight
        self.words = words
        self.min_df = min_df

    def _keep(self, name: str) -> bool:
        return self.words or not name.startswith("w=")

    def _matrix(self, X) -> np.ndarray:
        return feature_matrix(X, self.vocabulary_).multiply(1.0 / self.scale_).tocsr()

    def fit(self, X, y):
        """Learn the vocabulary, the scale and the weights; returns self."""
        counts: dict[str, int] = {}
        for features in X:
            for name in features:
                if self._keep(name):
                    counts[name] = counts.get(name, 0) + 1
        names = sorted(n for n, c in counts.items() if not n.startswith("w=") or c >= self.min_df)
        self.vocabulary_ = {n: i for i, n in enumerate(names)}
        self.scale_ = np.ones(len(names))
        raw = self._matrix(X)
        peak = np.asarray(abs(raw).max(axis=0).todense()).ravel()
        self.scale_ = np.where(peak > 0, peak, 1.0)
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000)
        model.fit(self._matrix(X), np.asarray(y))
        self.classes_, self.coef_, self.intercept_ = model.classes_, model.coef_, model.intercept_
        return self

    def predict_proba(self, X) -> np.ndarray:
        scores = self._matrix(X) @ self.coef_.T + self.intercept_
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]

    def to_artefact(self, card: dict | None = None) -> tuple[dict, dict[str, np.ndarray]]:
        """``(card, arrays)`` for :func:`analysis.artefacts.save`."""
        payload = {**(card or {}), "class": type(self).__name__, "params": self.get_params(),
                   "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.get)}
        return payload, {"coef": self.coef_, "intercept": self.intercept_, "classes": self.classes_,
                         "scale": self.scale_}

    @classmethod
    def from_artefact(cls, card: dict, arrays) -> ToneClassifier:
        model = cls(**card["params"])
        model.vocabulary_ = {n: i for i, n in enumerate(card["vocabulary"])}
        model.coef_, model.intercept_ = arrays["coef"], arrays["intercept"]
        model.classes_, model.scale_ = arrays["classes"], arrays["scale"]
        model.card_ = {k: v for k, v in card.items() if k != "vocabulary"}
        return model


def macro_f1(y, p) -> float:
    """Macro-F1 over -1, 0, 1 (0 for a class neither true nor predicted)."""
    y, p = np.asarray(y), np.asarray(p)
    out = []
    for c in CLASSES:
        tp = np.sum((y == c) & (p == c))
        denominator = np.sum(y == c) + np.sum(p == c)
        out.append(2 * tp / denominator if denominator else 0.0)
    return float(np.mean(out))


def _settings(grid: dict) -> list[dict]:
    from itertools import product

    keys = list(grid)
    return [dict(zip(keys, values)) for values in product(*(grid[k] for k in keys))]


def select(X: list[dict], y, groups=None, grid: dict = GRID, folds: int = INNER_FOLDS) -> tuple[dict, pd.DataFrame]:
    """The setting of ``grid`` with the best mean macro-F1 over ``folds``-fold cross-validation
    (stratified; grouped by ``groups`` when given, e.g. paragraphs by document). Returns it and
    the table of every setting's mean and standard deviation."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.asarray(y)
    if groups is None:
        splits = list(StratifiedKFold(folds, shuffle=True, random_state=0).split(np.zeros(len(y)), y))
    else:
        splits = list(StratifiedGroupKFold(folds, shuffle=True, random_state=0).split(np.zeros(len(y)), y, groups))
    rows = []
    for params in _settings(grid):
        f1 = []
        for fit, held in splits:
            model = ToneClassifier(**params).fit([X[i] for i in fit], y[fit])
            f1.append(macro_f1(y[held], model.predict([X[i] for i in held])))
        rows.append({**params, "cv_macro_f1": float(np.mean(f1)), "cv_sd": float(np.std(f1))})
    table = pd.DataFrame(rows)
    best = table.sort_values("cv_macro_f1", ascending=False, kind="stable").iloc[0]
    return {k: (None if k == "class_weight" and not isinstance(best[k], str) else best[k]) for k in grid}, table


def cross_validate(X: list[dict], y, groups=None, grid: dict = GRID, folds: int = FOLDS,
                   inner_folds: int = INNER_FOLDS) -> pd.DataFrame:
    """Nested cross-validation: out-of-fold predictions for every row, each from a model whose
    setting :func:`select` chose on the outer training part only. Columns ``fold``, ``label``,
    ``predicted``, ``p_negative``, ``p_neutral``, ``p_positive``, ``C``, ``class_weight``, ``words``."""
    from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

    y = np.asarray(y)
    if groups is None:
        splits = StratifiedKFold(folds, shuffle=True, random_state=1).split(np.zeros(len(y)), y)
    else:
        groups = np.asarray(groups)
        splits = StratifiedGroupKFold(folds, shuffle=True, random_state=1).split(np.zeros(len(y)), y, groups)
    out = pd.DataFrame(index=range(len(y)), columns=["fold", "label", "predicted", "p_negative", "p_neutral",
                                                      "p_positive", "C", "class_weight", "words"], dtype=object)
    for fold, (fit, held) in enumerate(splits):
        params, _ = select([X[i] for i in fit], y[fit], None if groups is None else groups[fit], grid, inner_folds)
        model = ToneClassifier(**params).fit([X[i] for i in fit], y[fit])
        proba = model.predict_proba([X[i] for i in held])
        for row, i in enumerate(held):
            out.loc[i] = [fold, y[i], model.classes_[proba[row].argmax()], *proba[row], params["C"],
                          params["class_weight"], params["words"]]
    return out.astype({"fold": int, "label": int, "predicted": int, "p_negative": float, "p_neutral": float,
                       "p_positive": float})


# --- PerSenT -------------------------------------------------------------------------------------


def _placeholder_spans(masked: str) -> tuple[str, list[tuple[int, int]]]:
    """PerSenT's masked text with ``[TGT]`` replaced by :data:`PLACEHOLDER`, and its spans."""
    parts = masked.split("[TGT]")
    text, spans = parts[0], []
    for part in parts[1:]:
        spans.append((len(text), len(text) + len(PLACEHOLDER)))
        text += PLACEHOLDER + part
    return text, spans


def mention_probabilities(items: list[tuple[str, list[tuple[int, int]]]], kind: str = "target") -> list[np.ndarray]:
    """For each ``(text, mention spans)``, the target model's ``(p_negative, p_neutral,
    p_positive)`` per mention (one array of shape ``(n, 3)`` per item), each mention read in its
    sentence with the item's other mentions there masked too. One call of the model for all."""
    model = load_model(kind)
    rows, owners = [], []
    for k, (text, spans) in enumerate(items):
        sentences = [(s.start, s.end) for s in sentence_spans(text)]
        starts = [a for a, _ in sentences]
        for a, b in spans:
            i = max(bisect_right(starts, a) - 1, 0)
            s0, s1 = sentences[i] if sentences else (a, b)
            s0, s1 = min(s0, a), max(s1, b)
            further = [(x - s0, y - s0) for x, y in spans if (x, y) != (a, b) and s0 <= x and y <= s1]
            rows.append({"sentence": text[s0:s1], "start": a - s0, "end": b - s0, "further_mentions": further})
            owners.append(k)
    out = [np.zeros((0, 3)) for _ in items]
    if rows:
        proba = model.predict_proba(pd.DataFrame(rows))
        order = [list(model.classes_).index(c) for c in CLASSES]
        proba = proba[:, order]
        owners = np.asarray(owners)
        for k in range(len(items)):
            out[k] = proba[owners == k]
    return out


#: Tone models: ``"target"`` (torch-free) and ``"embeddings"`` (adds the mean sentence embedding
#: of the actor's sentences; optional extra). Both read the torch-free target model's mentions.
TONE_MODELS = ("target", "embeddings")


def _check(kind: str) -> None:
    if kind not in TONE_MODELS:
        raise ValueError(f"model must be one of {TONE_MODELS}, got {kind!r}")


@lru_cache(maxsize=None)
def persent_features(kind: str = "target") -> tuple[pd.DataFrame, list[dict], pd.DataFrame, list[dict]]:
    """PerSenT dev (``load("persent-dev")``) as features: ``(documents, document features,
    paragraphs, paragraph features)``. Mentions are the gold ``[TGT]`` spans; ``kind`` is one of
    :data:`TONE_MODELS`. ``paragraphs`` has ``doc_id``, ``paragraph``, ``start``, ``end``, ``label``
    (articles whose masked text has as many lines as paragraph labels)."""
    from analysis.data import load

    _check(kind)
    if kind != "target":  # the torch-free features plus the embeddings: mentions scored once
        docs, doc_features, paragraphs, para_features = persent_features("target")
        items = [_placeholder_spans(m) for m in docs["masked_text"]]
        doc_features = [{**f, **e} for f, e in
                        zip(doc_features, embedding_features([actor_sentences(t, s) for t, s in items]))]
        regions = dict(zip(docs["doc_id"], items))
        para_sentences = [actor_sentences(regions[d][0], regions[d][1], (a, b))
                          for d, a, b in zip(paragraphs["doc_id"], paragraphs["start"], paragraphs["end"])]
        para_features = [{**f, **e} for f, e in zip(para_features, embedding_features(para_sentences))]
        return docs, doc_features, paragraphs, para_features
    docs = load("persent-dev")
    items = [_placeholder_spans(m) for m in docs["masked_text"]]
    probabilities = mention_probabilities(items, "target")
    doc_features = [tone_features(t, s, p) for (t, s), p in zip(items, probabilities)]
    rows, para_features = [], []
    for doc_id, (text, spans), proba, labels in zip(docs["doc_id"], items, probabilities, docs["paragraph_labels"]):
        lines = text.split("\n")
        if not labels or len(lines) != len(labels):
            continue
        start = 0
        for i, (line, label) in enumerate(zip(lines, labels)):
            region = (start, start + len(line))
            rows.append({"doc_id": doc_id, "paragraph": i, "start": region[0], "end": region[1], "label": label})
            para_features.append(tone_features(text, spans, proba, region))
            start += len(line) + 1
    return docs, doc_features, pd.DataFrame(rows), para_features


def vader_baseline(features: list[dict]) -> np.ndarray:
    """VADER over the sentences naming the actor: the mean compound, +-0.05 thresholds
    (neutral when the actor is not named)."""
    scores = np.array([f.get("vader_actor_mean", 0.0) for f in features])
    return np.where(scores > THRESHOLD, 1, np.where(scores < -THRESHOLD, -1, 0))


def data_sha256() -> dict[str, str]:
    """sha256 of PerSenT dev and the version of the target model the tone models read."""
    from analysis.data.manifest import source
    from analysis.sentiment_models import VERSION as TARGET_VERSION

    files = {f.url: f.sha256 for f in source("persent-dev").files}
    files["analysis.sentiment_models"] = f"version {TARGET_VERSION}"
    return files


def artefact_name(level: str, kind: str = "target") -> str:
    """``persent-document-tone``, ``persent-paragraph-tone`` (``-embeddings`` on the embeddings model)."""
    return f"persent-{level}-tone" + ("" if kind == "target" else "-embeddings")


def build(level: str, kind: str = "target") -> tuple[dict, dict[str, np.ndarray]]:
    """The tone model for ``level`` ("document" or "paragraph"), ``kind`` one of :data:`TONE_MODELS`: settings
    by :func:`select` on all of persent-dev, refit on all of it; returns ``(card, arrays)``."""
    docs, doc_features, paragraphs, para_features = persent_features(kind)
    if level == "document":
        X, y, groups = doc_features, docs["label"].to_numpy(), None
    else:
        X, y, groups = para_features, paragraphs["label"].to_numpy(), paragraphs["doc_id"].to_numpy()
    params, table = select(X, y, groups)
    model = ToneClassifier(**params).fit(X, y)
    cv = [{k: (None if k == "class_weight" and not isinstance(v, str) else
               (round(float(v), 6) if isinstance(v, float) else (bool(v) if k == "words" else v)))
           for k, v in row.items()} for row in table.to_dict("records")]
    card = {"trained_on": "persent-dev", "level": level, "tone_model": kind, "target_model": "target",
            "selected_by": f"{INNER_FOLDS}-fold cross-validation inside persent-dev"
                           + (" grouped by document" if groups is not None else ""), "cv": cv}
    payload, arrays = model.to_artefact(card)
    payload["params"] = {"C": float(params["C"]), "class_weight": params["class_weight"],
                         "words": bool(params["words"]), "min_df": 3}
    return payload, arrays


@lru_cache(maxsize=None)
def load_tone_model(level: str = "document", kind: str = "target") -> ToneClassifier:
    """The trained tone model for ``level`` ("document" or "paragraph"), ``kind`` one of
    :data:`TONE_MODELS`; built from persent-dev on first use (:func:`analysis.artefacts.load_or_build`)."""
    from analysis import artefacts

    card, arrays = artefacts.load_or_build(artefact_name(level, kind), lambda: build(level, kind), version=VERSION,
                                           data_sha256=data_sha256(), what=f"PerSenT {level} tone model")
    return ToneClassifier.from_artefact(card, arrays)


# --- the public functions ----------------------------------------------------------------------------

TONE_COLUMNS = ["doc_id", "actor", "label", "p_negative", "p_neutral", "p_positive", "n_mentions", "evidence", "note"]


def _documents(docs, text_column: str, id_column: str) -> pd.DataFrame:
    if isinstance(docs, pd.DataFrame):
        ids = docs[id_column] if id_column in docs else pd.RangeIndex(len(docs))
        texts = docs[text_column] if text_column in docs else pd.Series([""] * len(docs))
    else:
        if isinstance(docs, str):
            raise TypeError("expected a sequence of texts; wrap a single text as [text]")
        texts = list(docs)
        ids = range(len(texts))
    return pd.DataFrame({"doc_id": list(ids), "text": [t if isinstance(t, str) else "" for t in texts]})


def _actor_items(docs, actors, text_column, id_column):
    from analysis.framing.actors import DEFAULT_ACTORS, mentions

    table = DEFAULT_ACTORS if actors is None else actors
    frame = _documents(docs, text_column, id_column)
    items, keys, empty = [], [], {}
    for doc_id, text in zip(frame["doc_id"], frame["text"]):
        found = mentions(text, table) if text.strip() else pd.DataFrame(columns=["actor", "start", "end"])
        if found.empty:
            empty[doc_id] = "no actor mentioned" if text.strip() else "no text (empty, missing or not a string)"
            continue
        for actor, part in found.groupby("actor", sort=True):
            spans = sorted(zip(part["start"].astype(int), part["end"].astype(int)))
            items.append((text, spans))
            keys.append((doc_id, actor))
    return frame, items, keys, empty


def _evidence(text: str, spans, proba: np.ndarray) -> list[tuple[int, int, str, float]]:
    return [(int(a), int(b), text[a:b], round(float(p[2] - p[0]), 4)) for (a, b), p in zip(spans, proba)]


def actor_tone(docs, actors=None, text_column: str = "text", id_column: str = "doc_id",
               model: str = "target") -> pd.DataFrame:
    """``actor_tone(docs, actors=DEFAULT_ACTORS, model="target")``: the author's stance towards
    each actor of each document, in {negative, neutral, positive}.

    ``docs``: texts or a DataFrame (``text``, ``doc_id``); ``actors``: an actor table or
    ``{actor: [alias, ...]}`` for :func:`analysis.framing.actors.mentions`. One row per document
    and actor mentioned: ``label`` ("negative", "neutral", "positive"), ``p_negative``,
    ``p_neutral``, ``p_positive``, ``n_mentions`` and ``evidence`` (a list of ``(start, end,
    surface, target-model score)`` per mention, offsets in the document). A document without any
    actor mention (or with an empty, missing or non-text body) gets one row with ``actor`` missing,
    ``n_mentions`` 0 and a ``note`` saying which. ``model="embeddings"`` adds the mean sentence embedding of
    the actor's sentences (optional extra).

    The label is the author's stance towards the actor over the whole document (PerSenT,
    Bastan et al. 2020, COLING), predicted by :class:`ToneClassifier` trained on persent-dev
    (module docstring: method, cross-validated figures, caveats).
    """
    _check(model)
    frame, items, keys, empty = _actor_items(docs, actors, text_column, id_column)
    tone = load_tone_model("document", model)
    probabilities = mention_probabilities(items, "target")
    X = [tone_features(t, s, p, words=tone.words) for (t, s), p in zip(items, probabilities)]
    if model != "target":
        for features, extra in zip(X, embedding_features([actor_sentences(t, s) for t, s in items])):
            features.update(extra)
    proba = tone.predict_proba(X) if X else np.zeros((0, 3))
    order = [list(tone.classes_).index(c) for c in CLASSES]
    rows = {}
    for (doc_id, actor), (text, spans), p_mentions, p in zip(keys, items, probabilities, proba):
        p = p[order]
        rows.setdefault(doc_id, []).append([doc_id, actor, NAMES[CLASSES[int(p.argmax())]], *p, len(spans),
                                            _evidence(text, spans, p_mentions), ""])
    out = []
    for doc_id in frame["doc_id"]:
        out += rows.get(doc_id, [[doc_id, None, None, np.nan, np.nan, np.nan, 0, [], empty[doc_id]]]
                        if doc_id in empty else [])
    result = pd.DataFrame(out, columns=TONE_COLUMNS)
    result.attrs["model"] = {"tone": tone.card_, "target_model": model}
    return result


def paragraph_tone(docs, actors=None, text_column: str = "text", id_column: str = "doc_id",
                   model: str = "target") -> pd.DataFrame:
    """``paragraph_tone(docs, actors=DEFAULT_ACTORS)``: the author's stance towards each actor
    in each paragraph (lines of the text) that names it, from the paragraph model trained on
    PerSenT's paragraph labels. Columns: ``doc_id``, ``actor``, ``paragraph``, ``start``, ``end``,
    then those of :func:`actor_tone`. Paragraphs that do not name the actor have no row."""
    _check(model)
    frame, items, keys, _ = _actor_items(docs, actors, text_column, id_column)
    tone = load_tone_model("paragraph", model)
    probabilities = mention_probabilities(items, "target")
    order = [list(tone.classes_).index(c) for c in CLASSES]
    rows = []
    for (doc_id, actor), (text, spans), p_mentions in zip(keys, items, probabilities):
        start = 0
        for i, line in enumerate(text.split("\n")):
            region = (start, start + len(line))
            start += len(line) + 1
            inside = [k for k, (a, b) in enumerate(spans) if region[0] <= a and b <= region[1]]
            if not inside:
                continue
            features = tone_features(text, spans, p_mentions, region, words=tone.words)
            if model != "target":
                features.update(embedding_features([actor_sentences(text, spans, region)])[0])
            p = tone.predict_proba([features])[0][order]
            rows.append([doc_id, actor, i, *region, NAMES[CLASSES[int(p.argmax())]], *p, len(inside),
                         _evidence(text, [spans[k] for k in inside], p_mentions[inside]), ""])
    result = pd.DataFrame(rows, columns=["doc_id", "actor", "paragraph", "start", "end", *TONE_COLUMNS[2:]])
    result.attrs["model"] = {"tone": tone.card_, "target_model": model}
    return result


#: The manifest datasets the tone models learn from (through the target model's too).
DATASETS = ["persent-dev", "newsmtsc-train", "newsmtsc-rw-dev", "newsmtsc-mt-dev", "nltk-data"]


def packaged_artefact(level: str = "document") -> tuple[dict, dict[str, np.ndarray]]:
    """The complete ``(card, arrays)`` of the torch-free ``level`` tone model for
    :data:`analysis.artefacts.PACKAGED` (``version``, ``data_sha256``, ``datasets`` included)."""
    card, arrays = build(level, "target")
    return {**card, "version": VERSION, "data_sha256": data_sha256(), "datasets": DATASETS}, arrays


def packaged_paragraph_artefact() -> tuple[dict, dict[str, np.ndarray]]:
    """:func:`packaged_artefact` of the paragraph tone model."""
    return packaged_artefact("paragraph")
