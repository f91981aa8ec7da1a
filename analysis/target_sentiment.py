"""News-trained sentiment classifiers with features a reader can inspect, and their artefacts.

Two scikit-learn estimators share one design: each example becomes a dict of named features,
a multinomial logistic regression (L2) weighs them, and ``get_feature_names_out`` /
:meth:`explain` show which features moved a decision.

* :class:`TargetSentimentClassifier`: the sentiment *towards one mention* in a sentence ("actor-
  level" or target-dependent sentiment). Features, all relative to the target (its mention and
  further mentions are masked as ``<T>``, so the name itself never decides):

  - lexicon hits (VADER valence/4 and Hu & Liu +1/-1) left and right of the target, weighted by
    1/distance in a window, and unweighted inside the target's clause (clause boundaries:
    ``, ; : — ( ) "`` and conjunctions); a negator (not, never, n't, ...) up to three tokens
    before a hit flips it;
  - what is said *about the target* apart from the rest of the sentence: the words and bigrams
    of the target's own clause (``clause_w=``, ``clause_bi=``) and the lemmas of the VADER/Hu &
    Liu words in it (``clause_lex=attack``, ``_NEG`` when negated);
  - the verb the target is subject of (first word after it, skipping auxiliaries, adverbs and
    negators; ``_NEG`` marks a negated verb) and the word it is object of (first word before it,
    skipping determiners and prepositions): local patterns instead of a parser;
  - whether the target is the speaker of a report (a reporting verb such as "said", "told",
    "according to" right after or just before it) and whether it stands inside a quotation;
  - epithets: lexicon valence of the two words right before the mention ("corrupt <T>");
  - target-masked words and bigrams sentence-wide, and lemmas in the window (side-marked);
  - the sentence's VADER compound and the number of target mentions.

* :class:`SentenceSentimentClassifier`: the tone of a whole sentence, from its words, bigrams and
  lexicon sums (same negation rule), trained on NewsMTSC sentences labelled by the sign of the
  mean of their targets' polarities.

Both are trained on the NewsMTSC training file and tuned (C, class weights) on its two dev files
only (Hamborg & Donnay 2021, EACL). ``python -m analysis.sentiment train`` builds the artefacts
into ``config.models_dir()``: coefficients as ``.npz`` (read with ``allow_pickle=False``) and a
JSON card with the vocabulary, parameters, the dev scores and the sha256 of every training and
tuning file. Nothing is pickled. :func:`load_model` builds a missing or stale artefact.

Measured (``python -m analysis.evaluate sentiment``, bootstrap 95 % CI): the target model's
macro-F1 is 0.726 [0.676, 0.775] on rw-dev and 0.632 [0.584, 0.678] on mt-dev, accuracy 0.749
[0.703, 0.799] and 0.645 [0.602, 0.690] (sentence-level VADER macro-F1: 0.508 and 0.528;
fine-tuned RoBERTa, published on the test sets: 0.83). These are the files C and class weights
were picked on, so they are slightly optimistic; the features were chosen by 5-fold cross-
validation on the training file grouped by sentence (macro-F1 0.651 before the clause, lemma
and speaker features). MPQA prior polarities (Wilson et al. 2005) as further lexicon sums gave
mt-dev 0.642 [0.594, 0.686] and rw-dev 0.722; they are left out because the MPQA clues come
under research-use terms and the default model uses openly licensed inputs only. Sentences
with several targets of different polarity (mt-dev) remain the weak spot: the clause is found
by punctuation and conjunctions, not by syntax.

With the optional ``embeddings`` extra (torch on the CPU),
:class:`EmbeddingTargetSentimentClassifier` adds all-MiniLM-L6-v2 embeddings of the sentence and
of the mention's window to the same features: macro-F1 0.735 [0.685, 0.783] on rw-dev and 0.738
[0.694, 0.783] on mt-dev, accuracy 0.761 and 0.749 (C=0.1, balanced class weights, picked on the
dev files like the rest; embedding weight 3 picked against 1 on them too). Training takes about
four minutes on two cores, most of it encoding 17,478 texts.

Caveats: NewsMTSC is US political news (2007-2020) with crowd labels; mentions are people.
Countries and organisations as targets, and other outlets' styles, are outside what was
validated. Local patterns miss long-distance syntax ("X, who ..., was praised").
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score

from analysis import config
from analysis.data.manifest import source
from analysis.tokenize import token_spans

TARGET = "<T>"
NEGATORS = frozenset(
    "not no never nor none nobody nothing neither without cannot n't "
    "didn't doesn't don't isn't wasn't won't wouldn't hasn't haven't hadn't can't couldn't "
    "shouldn't aren't weren't".split()
)
_CLAUSE_BREAKS = frozenset(", ; : — – ( ) \" “ ” but while although though whereas because and".split())
_AUXILIARIES = frozenset(
    "is was are were has had have be been being will would could should may might must can did "
    "does do also reportedly allegedly then just still already 's".split()
)
_FUNCTION_BEFORE = frozenset("the a an to of by for with against on at in from about that as".split())
#: Verbs (and "according to") that mark a target as the speaker of what the sentence reports.
_REPORTING = frozenset(
    "said says say told tells added adds stated asked argued wrote writes according claimed claims noted "
    "explained insisted warned declared responded tweeted announced recalled suggested".split()
)
_APOSTROPHES = re.compile("[’‘]")


@lru_cache(maxsize=1)
def _valence() -> dict[str, tuple[float, int]]:
    """word -> (VADER valence / 4, Hu & Liu +1/-1/0), exact words only (both lexicons are)."""
    from analysis.lexicons import get_lexicon

    vader = get_lexicon("vader").entries
    huliu = get_lexicon("hu-liu").entries
    table = {w: (float(v) / 4.0, 0) for w, v in zip(vader["pattern"], vader["weight"])}
    for word, category in zip(huliu["pattern"], huliu["category"]):
        v, h = table.get(word, (0.0, 0))
        table[word] = (v, h + (1 if category == "positive" else -1))
    return table


@lru_cache(maxsize=2**16)
def _lemma(word: str) -> str:
    """simplemma's English lemma (Barbaresi 2023), memoised: "criticized" -> "criticize"."""
    import simplemma

    return simplemma.lemmatize(word, lang="en")


def _words(text: str, masked: Sequence[tuple[int, int]] = ()) -> tuple[list[str], list[int]]:
    """Lower-cased tokens (UD style) with every token overlapping a masked span replaced by one
    ``<T>``; returns the words and the positions of the ``<T>`` tokens."""
    words: list[str] = []
    positions: list[int] = []
    lowered = text.lower() if text.isascii() else None  # same offsets, no curly apostrophes
    for start, end in token_spans(text):
        if masked and any(start < m_end and end > m_start for m_start, m_end in masked):
            if words and words[-1] == TARGET and positions and positions[-1] == len(words) - 1:
                continue  # the next token of the same multi-word mention
            positions.append(len(words))
            words.append(TARGET)
        elif lowered is not None:
            words.append(lowered[start:end])
        else:
            words.append(_APOSTROPHES.sub("'", text[start:end].lower()))
    return words, positions


def _negated(words: list[str], j: int) -> bool:
    return any(w in NEGATORS for w in words[max(0, j - 3) : j])


def _ngrams(features: dict, words: list[str], prefix: str = "") -> None:
    for j, word in enumerate(words):
        features[f"{prefix}w={word}"] = 1.0
        if j + 1 < len(words):
            features[f"{prefix}bi={word}_{words[j + 1]}"] = 1.0


def _lexicon_sums(words: list[str]) -> dict[str, float]:
    valence = _valence()
    v_sum = h_pos = h_neg = 0.0
    for j, word in enumerate(words):
        v, h = valence.get(word, (0.0, 0))
        if v or h:
            sign = -1.0 if _negated(words, j) else 1.0
            v_sum += sign * v
            h_pos += (sign * h) > 0
            h_neg += (sign * h) < 0
    return {"vader_sum": v_sum, "huliu_pos": h_pos, "huliu_neg": h_neg}


def _in_quote(words: list[str], t: int) -> bool:
    """Whether token ``t`` stands inside a quotation: an opening quote before it is not closed."""
    opened = False
    for word in words[:t]:
        if word == "”" or (word == '"' and opened):
            opened = False
        elif word in ('"', "“"):
            opened = True
    return opened


def target_features(
    sentence: str, start: int, end: int, further: Sequence[tuple[int, int]] = (), window: int = 6
) -> dict[str, float]:
    """The named features of the mention ``sentence[start:end]`` (see the module docstring)."""
    if not 0 <= start < end <= len(sentence):
        raise ValueError(f"offsets {start}:{end} do not mark a mention in a sentence of {len(sentence)} characters")
    words, positions = _words(sentence, [(start, end), *further])
    if not positions:
        raise ValueError(f"no token at offsets {start}:{end} of {sentence!r}")
    valence, n = _valence(), len(words)
    features: dict[str, float] = {}
    _ngrams(features, words)
    lexical = dict.fromkeys(("left", "right", "clause_left", "clause_right"), 0.0)
    huliu = dict(lexical)
    clause: set[int] = set()
    for t in positions:
        for j in range(max(0, t - window), min(n, t + window + 1)):
            if words[j] == TARGET:
                continue
            side = "left" if j < t else "right"
            features[f"win_{side}={_lemma(words[j])}"] = 1.0
            v, h = valence.get(words[j], (0.0, 0))
            if v or h:
                sign = -1.0 if _negated(words, j) else 1.0
                lexical[side] += sign * v / abs(j - t)
                huliu[side] += sign * h / abs(j - t)
        for step, side in ((-1, "clause_left"), (1, "clause_right")):
            j = t + step
            while 0 <= j < n and words[j] not in _CLAUSE_BREAKS:
                clause.add(j)
                v, h = valence.get(words[j], (0.0, 0))
                sign = -1.0 if _negated(words, j) else 1.0
                lexical[side] += sign * v
                huliu[side] += sign * h
                if v or h:
                    features[f"clause_lex={_lemma(words[j])}{'_NEG' if sign < 0 else ''}"] = 1.0
                j += step
        j, negated = t + 1, False
        while j < n and (words[j] in _AUXILIARIES or words[j] in NEGATORS):
            negated = negated or words[j] in NEGATORS
            j += 1
        if j < n:
            features[f"subject_of={words[j]}{'_NEG' if negated else ''}"] = 1.0
        j = t - 1
        while j >= 0 and words[j] in _FUNCTION_BEFORE:
            j -= 1
        if j >= 0:
            features[f"object_of={words[j]}"] = 1.0
        for j in range(max(0, t - 2), t):
            v, h = valence.get(words[j], (0.0, 0))
            features["epithet_valence"] = features.get("epithet_valence", 0.0) + v + h
        after = [w for w in words[t + 1 : t + 4] if w not in _AUXILIARIES]
        before = words[max(0, t - 2) : t]
        if (after and after[0] in _REPORTING) or any(w in _REPORTING for w in before):
            features["speaker"] = 1.0
        if _in_quote(words, t):
            features["in_quote"] = 1.0
    for j in sorted(clause):
        features[f"clause_w={words[j]}"] = 1.0
        if j + 1 in clause:
            features[f"clause_bi={words[j]}_{words[j + 1]}"] = 1.0
    for side in lexical:
        features[f"vader_{side}"] = lexical[side]
        features[f"huliu_{side}"] = huliu[side]
    features["vader_sentence"] = _vader_compound(sentence)
    features["n_targets"] = float(len(positions))
    return features


def sentence_features(sentence: str) -> dict[str, float]:
    """The named features of a whole sentence: words, bigrams, lexicon sums, VADER compound."""
    words, _ = _words(sentence)
    features: dict[str, float] = {}
    _ngrams(features, words)
    features.update(_lexicon_sums(words))
    features["vader_sentence"] = _vader_compound(sentence)
    return features


@lru_cache(maxsize=1)
def _vader():
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=2**16)
def vader_scores(sentence: str) -> tuple[float, float, float, float]:
    """VADER's ``(compound, neg, neu, pos)`` for one text (Hutto & Gilbert 2014, ICWSM).

    Memoised for the last 65,536 texts: the ``vader`` instrument, the news-lr sentence features
    and the target features (once per mention) all read the same sentences' scores.
    """
    scores = _vader().polarity_scores(sentence)
    return scores["compound"], scores["neg"], scores["neu"], scores["pos"]


def _vader_compound(text: str) -> float:
    return float(vader_scores(text)[0])


# --- the estimators ----------------------------------------------------------------------------


def _vocabulary(dicts: list[dict[str, float]], min_df: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    for features in dicts:
        for name in features:
            counts[name] = counts.get(name, 0) + 1
    return {name: i for i, name in enumerate(sorted(n for n, c in counts.items() if c >= min_df))}


class _LinearFeatureClassifier(ClassifierMixin, BaseEstimator):
    """Named features -> sparse matrix (features seen in >= ``min_df`` training examples) ->
    multinomial logistic regression. Subclasses define :meth:`_features` for one row."""

    def __init__(self, C: float = 0.05, class_weight: str | None = None, min_df: int = 2):
        self.C = C
        self.class_weight = class_weight
        self.min_df = min_df

    def _rows(self, X) -> list[dict[str, float]]:
        raise NotImplementedError

    def _matrix(self, dicts: list[dict[str, float]]) -> sparse.csr_matrix:
        index = self.vocabulary_
        cols, vals, row_ends = [], [], [0]
        for features in dicts:  # built row by row as CSR: no coordinate list to sort
            for name, value in features.items():
                col = index.get(name)
                if col is not None and value:
                    cols.append(col)
                    vals.append(value)
            row_ends.append(len(cols))
        return sparse.csr_matrix((vals, cols, row_ends), shape=(len(dicts), len(index)))

    def _design(self, X, dicts: list[dict[str, float]]) -> sparse.csr_matrix:
        """The model's input: the named features of ``X`` (its rows ``dicts``); subclasses may
        add columns."""
        return self._matrix(dicts)

    def fit(self, X, y):
        """Learn the vocabulary (features in >= ``min_df`` rows) and the logistic-regression weights."""
        dicts = self._rows(X)
        self.vocabulary_ = _vocabulary(dicts, self.min_df)
        return self._fit_matrix(self._design(X, dicts), y)

    def _fit_matrix(self, matrix: sparse.csr_matrix, y):
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="newton-cg", max_iter=1000)
        model.fit(matrix, np.asarray(y))
        self.classes_, self.coef_, self.intercept_ = model.classes_, model.coef_, model.intercept_
        return self

    def decision_function(self, X) -> np.ndarray:
        return self._design(X, self._rows(X)) @ self.coef_.T + self.intercept_

    def predict_proba(self, X) -> np.ndarray:
        """Softmax of the linear scores: one column per class in ``classes_`` (-1, 0, 1)."""
        scores = self.decision_function(X)
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    def predict(self, X) -> np.ndarray:
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.array(sorted(self.vocabulary_, key=self.vocabulary_.get), dtype=object)

    def weights(self) -> pd.DataFrame:
        """Every feature's weight per class (one column per class), for reading the model."""
        return pd.DataFrame(
            self.coef_.T, index=self.get_feature_names_out(), columns=[int(c) for c in self.classes_]
        )

    def explain(self, X, top: int = 8) -> pd.DataFrame:
        """The ``top`` features that pushed each row towards its predicted class, with
        their contribution (value x weight of that class minus the mean over classes)."""
        matrix = self._design(X, self._rows(X)).tocsr()
        names = self.get_feature_names_out()
        predicted = np.argmax(matrix @ self.coef_.T + self.intercept_, axis=1)
        centred = self.coef_ - self.coef_.mean(axis=0)
        out = []
        for i, k in enumerate(predicted):
            row = matrix.getrow(i)
            contrib = row.data * centred[k, row.indices]
            for j in np.argsort(-np.abs(contrib))[:top]:
                out.append(
                    {"row": i, "predicted": int(self.classes_[k]), "feature": names[row.indices[j]],
                     "value": row.data[j], "contribution": contrib[j]}
                )
        return pd.DataFrame(out)

    # -- artefact: JSON card + npz, never pickle --
    def to_files(self, stem, card: dict) -> None:
        """Write ``stem.json`` (parameters, vocabulary, ``card``) and ``stem.npz`` (weights)."""
        stem.parent.mkdir(parents=True, exist_ok=True)
        np.savez(stem.with_suffix(".npz"), coef=self.coef_, intercept=self.intercept_, classes=self.classes_)
        payload = {"class": type(self).__name__, "params": self.get_params(), **card,
                   "vocabulary": sorted(self.vocabulary_, key=self.vocabulary_.get)}
        stem.with_suffix(".json").write_text(json.dumps(payload, indent=1), encoding="utf-8")

    @classmethod
    def from_files(cls, stem) -> tuple[_LinearFeatureClassifier, dict]:
        """Rebuild an estimator from :meth:`to_files` output; returns it and its card."""
        card = json.loads(stem.with_suffix(".json").read_text(encoding="utf-8"))
        if card["class"] != cls.__name__:
            raise ValueError(f"{stem}.json holds a {card['class']}, not a {cls.__name__}")
        model = cls(**card["params"])
        with np.load(stem.with_suffix(".npz"), allow_pickle=False) as arrays:
            model.coef_, model.intercept_ = arrays["coef"], arrays["intercept"]
            model.classes_ = arrays["classes"]
        model.vocabulary_ = {name: i for i, name in enumerate(card.pop("vocabulary"))}
        return model, card


class TargetSentimentClassifier(_LinearFeatureClassifier):
    """``TargetSentimentClassifier(C=0.05, class_weight=None, min_df=2, window=6)``.

    Sentiment towards a target mention, -1/0/1 (module docstring lists the features). ``X`` is a
    DataFrame with ``sentence``, ``start``, ``end`` (character offsets of the mention) and,
    optionally, ``further_mentions`` (a list of ``(start, end, ...)`` of the same entity).
    Reference for the task and data: Hamborg & Donnay (2021), EACL.
    """

    def __init__(self, C: float = 0.05, class_weight: str | None = None, min_df: int = 2, window: int = 6):
        super().__init__(C=C, class_weight=class_weight, min_df=min_df)
        self.window = window

    def _rows(self, X) -> list[dict[str, float]]:
        further = X["further_mentions"] if "further_mentions" in X else [()] * len(X)
        return [
            target_features(s, int(a), int(b), [(m[0], m[1]) for m in f], self.window)
            for s, a, b, f in zip(X["sentence"], X["start"], X["end"], further)
        ]


class EmbeddingTargetSentimentClassifier(TargetSentimentClassifier):
    """``EmbeddingTargetSentimentClassifier(C=0.05, class_weight=None, min_df=2, window=6,
    context=8, embedding_weight=3.0)``: the target model with sentence embeddings (optional
    ``embeddings`` extra, torch on the CPU: :mod:`analysis.embeddings`).

    Method: the named features of :class:`TargetSentimentClassifier`, plus two all-MiniLM-L6-v2
    embeddings (Reimers & Gurevych 2019, EMNLP), of the whole sentence and of the ``context``
    tokens either side of the mention, each 384 unit-length dimensions multiplied by
    ``embedding_weight`` (the logistic regression's one penalty then weighs them against the
    sparse features); columns ``sentence_embedding_<i>`` and ``window_embedding_<i>``.
    Measured (``python -m analysis.evaluate sentiment --embeddings``): see the module docstring.
    Caveats: the embedding columns cannot be read like the named features; encoding costs about
    two minutes per 10,000 mentions on two cores; the weight 3 was chosen against 1 on the dev
    files, so the dev figures are optimistic.
    """

    def __init__(self, C: float = 0.05, class_weight: str | None = None, min_df: int = 2, window: int = 6,
                 context: int = 8, embedding_weight: float = 3.0):
        super().__init__(C=C, class_weight=class_weight, min_df=min_df, window=window)
        self.context = context
        self.embedding_weight = embedding_weight

    def _design(self, X, dicts: list[dict[str, float]]) -> sparse.csr_matrix:
        from analysis import embeddings

        sentences = [str(s) for s in X["sentence"]]
        windows = [_window(s, int(a), int(b), self.context) for s, a, b in zip(sentences, X["start"], X["end"])]
        dense = np.hstack([embeddings.encode(sentences), embeddings.encode(windows)]) * self.embedding_weight
        return sparse.hstack([self._matrix(dicts), sparse.csr_matrix(dense)], format="csr")

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        from analysis.embeddings import DIMENSIONS

        dense = [f"{part}_embedding_{i}" for part in ("sentence", "window") for i in range(DIMENSIONS)]
        return np.concatenate([super().get_feature_names_out(), np.array(dense, dtype=object)])

    def to_files(self, stem, card: dict) -> None:
        from analysis.embeddings import MODEL

        super().to_files(stem, {**card, "embedding_model": MODEL})


def _window(sentence: str, start: int, end: int, context: int) -> str:
    """The mention ``sentence[start:end]`` with ``context`` tokens either side."""
    spans = token_spans(sentence)
    inside = [i for i, (s, e) in enumerate(spans) if s < end and e > start]
    if not inside:
        return sentence[start:end]
    first, last = max(0, inside[0] - context), min(len(spans) - 1, inside[-1] + context)
    return sentence[spans[first][0] : spans[last][1]]


class SentenceSentimentClassifier(_LinearFeatureClassifier):
    """``SentenceSentimentClassifier(C=0.05, class_weight=None, min_df=2)``: a sentence's tone.

    ``X`` is a sequence of sentences (or a DataFrame with ``sentence``). Trained on NewsMTSC
    sentences (label: sign of the mean target polarity), so "tone" here means how the people in
    a news sentence are portrayed, which is close to, but not the same as, its overall valence.
    """

    def _rows(self, X) -> list[dict[str, float]]:
        texts = X["sentence"] if isinstance(X, pd.DataFrame) else X
        return [sentence_features(str(t)) for t in texts]


# --- training from the mirror --------------------------------------------------------------------

TRAIN, DEV = "newsmtsc-train", ("newsmtsc-rw-dev", "newsmtsc-mt-dev")
#: The grid searched on the dev files (mean macro-F1 of rw-dev and mt-dev decides).
GRID = {"C": (0.03, 0.1, 0.3), "class_weight": (None, "balanced")}
MODELS = {
    "target": TargetSentimentClassifier,
    "sentence": SentenceSentimentClassifier,
    "target-embeddings": EmbeddingTargetSentimentClassifier,  # optional extra: torch
}
VERSION = "3"


def _sentences(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per NewsMTSC sentence, labelled by the sign of its targets' mean polarity."""
    grouped = frame.groupby("sentence_id", sort=False).agg(sentence=("sentence", "first"), label=("label", "mean"))
    return grouped.assign(label=np.sign(grouped["label"]).astype(int)).reset_index()


def _data(kind: str) -> tuple[pd.DataFrame, list[pd.DataFrame]]:
    from analysis.data import load

    train, dev = load(TRAIN), [load(name) for name in DEV]
    if kind == "sentence":
        return _sentences(train), [_sentences(d) for d in dev]
    return train, dev


def _training_files() -> dict[str, str]:
    """sha256 of every input the models are built from: the NewsMTSC files and the lexicons the
    features read (VADER's from its pinned package, keyed by the package)."""
    from analysis.lexicons import get_lexicon

    files = {f.url: f.sha256 for name in (TRAIN, *DEV) for f in source(name).files}
    for name in ("vader", "hu-liu"):
        lexicon = get_lexicon(name).provenance()
        files[lexicon["url"] if lexicon["url"].startswith("http") else lexicon["dataset"]] = lexicon["sha256"]
    return files


def _stem(kind: str):
    return config.models_dir() / f"newsmtsc-{kind}-sentiment-v{VERSION}"


def train(kind: str = "target", verbose: bool = True) -> _LinearFeatureClassifier:
    """Fit the ``kind`` model ("target" or "sentence") on NewsMTSC train, pick C and class
    weights by the mean macro-F1 on the two dev files, refit nothing (the dev files are never
    trained on), and write the artefact to ``config.models_dir()``."""
    estimator = MODELS[kind]
    started = time.time()
    train_frame, dev_frames = _data(kind)
    featurizer = estimator()
    dicts = featurizer._rows(train_frame)  # features do not depend on the grid: compute once
    featurizer.vocabulary_ = _vocabulary(dicts, featurizer.min_df)
    matrix = featurizer._design(train_frame, dicts)
    dev_matrices = [featurizer._design(d, featurizer._rows(d)) for d in dev_frames]
    best, results = None, []
    for C in GRID["C"]:
        for class_weight in GRID["class_weight"]:
            model = estimator(C=C, class_weight=class_weight)
            model.vocabulary_ = featurizer.vocabulary_
            model._fit_matrix(matrix, train_frame["label"])
            f1 = [
                f1_score(d["label"], model.classes_[np.argmax(m @ model.coef_.T + model.intercept_, axis=1)], average="macro")
                for d, m in zip(dev_frames, dev_matrices)
            ]
            results.append({"C": C, "class_weight": class_weight, **dict(zip(DEV, f1))})
            if verbose:
                print(f"{kind}: C={C} class_weight={class_weight} dev macro-F1 {np.round(f1, 3)}", flush=True)
            if best is None or np.mean(f1) > best[0]:
                best = (float(np.mean(f1)), model)
    card = {
        "version": VERSION,
        "trained_on": TRAIN,
        "tuned_on": list(DEV),
        "data_sha256": _training_files(),
        "grid": results,
        "dev_mean_macro_f1": best[0],
        "seconds": round(time.time() - started, 1),
    }
    best[1].to_files(_stem(kind), card)
    return best[1]


@lru_cache(maxsize=None)
def load_model(kind: str = "target") -> _LinearFeatureClassifier:
    """The trained ``kind`` model from ``config.models_dir()``; trained first (about a minute)
    when missing, or when its recorded data sha256 differ from the manifest's."""
    stem = _stem(kind)
    if stem.with_suffix(".json").exists() and stem.with_suffix(".npz").exists():
        model, card = MODELS[kind].from_files(stem)
        if card.get("data_sha256") == _training_files():
            model.card_ = card
            return model
    train(kind, verbose=False)
    return load_model.__wrapped__(kind)
