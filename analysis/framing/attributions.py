"""A learned attribution-cue model over rule-found sources, trained on PolNeAR.

The rules of :mod:`analysis.framing.quotes` find a source for a cue well (subject before a verb,
"according to X", "..., said X"), but a fixed list of verbs of saying misses most of what news
uses as cues ("believes", "argued", "tweeted", "wants", "according to") and catches non-sourcing
uses ("he was told"). :class:`CueModel` learns which candidate cues are attributions:

* candidates: every word outside quotation marks whose lower-case form is in the cue vocabulary
  (forms that were the first word of at least ``min_count`` gold cues in the training articles),
  with the source the rules find for it (no source: no candidate);
* features (inspectable, one-hot, :data:`FEATURE_NAMES` explains them): the cue word, the
  word before and after, whether "that"/a quotation/a comma follows, the source's class
  (:func:`analysis.framing.quotes.source_class`), length and whether it is a pronoun, and
  whether the cue is in the rule list :data:`~analysis.framing.quotes.ATTRIBUTION_CUES`;
* a logistic regression (scikit-learn, L2, lbfgs) whose ``C`` and decision threshold are chosen
  by 5-fold cross-validation grouped by article on ``polnear-train`` only (the threshold: the
  highest out-of-fold F1 with precision at least :data:`MIN_PRECISION`).

A candidate is labelled positive when its cue and its source both overlap the cue and source
of one relation of the article's primary annotator.

The same model carries the speech decision of :func:`analysis.framing.quotes.quotes`: a second
logistic regression over :func:`analysis.framing.quotes.speech_features` of every top-level
quotation (rule kind, length, title case, verbs of saying around it, first-person words inside,
the words before and after ...), labelled 1 when at least half of the quotation lies in one
gold content span holding a quotation mark (the benchmark's rule); its ``speech_C`` and
``speech_threshold`` are chosen by the same grouped 5-fold cross-validation on
``polnear-train``, maximising the out-of-fold quote F1 (:func:`select_speech_settings`; the
card keeps the table and the rules' own F1 on the same folds).

It also carries the speaker ranker of :func:`analysis.framing.quotes.quotes` (version 4 on): for
each speech quotation the rules leave without a speaker, the candidates of
:func:`analysis.framing.quotes.speaker_candidates` (sources of candidate cues with their
probability, the sentence subject, the previous quotation's rule speaker, names and pronouns
in the paragraph and the one before) are scored by a third logistic regression (pointwise,
the best candidate wins when it reaches ``speaker_threshold``), labelled 1 when a candidate
overlaps the gold source of a quoted content span the quotation matches. Its training data
use out-of-fold cue probabilities and speech decisions (:func:`fold_models`), as the model
meets them on unseen text; ``speaker_C`` and ``speaker_threshold`` by grouped 5-fold
cross-validation maximising the out-of-fold quote-and-speaker F1
(:func:`select_speaker_settings`). The trained state is a JSON card
(vocabulary, feature names, C, threshold, cross-validation table) plus ``coef``/``intercept``
arrays (:mod:`analysis.artefacts`, artefact :data:`ARTEFACT`).

:func:`attributions` (re-exported by :mod:`analysis.framing.quotes`) is the public instrument.

References: Pareti et al. (2013, EMNLP) and Pareti (2016, LREC) for PARC attribution relations
and learned cue/source detection; Newell, Margolin & Ruths (2018, LREC) for PolNeAR.
"""

from __future__ import annotations

import bisect
import hashlib
import math
import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache

import numpy as np
import pandas as pd

from analysis._memo import memoize_text

ARTEFACT = "polnear-cues"
VERSION = 5
MIN_PRECISION = 0.85
C_GRID = (0.3, 1.0, 3.0)
SPEECH_C_GRID = (0.3, 1.0, 3.0, 10.0)
SPEAKER_C_GRID = (0.1, 0.3, 1.0, 3.0)
SPEAKER_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4)
MIN_COUNT = 3
FEATURE_NAMES = {
    "w": "the cue word, lower case", "p": "the word before", "n": "the word after",
    "that": "'that' follows", "quote": "a quotation mark within 3 characters", "comma": "a comma right before",
    "cls": "source class", "slen": "source length in words (1, 2, 3-4, 5+)", "after": "source after the cue",
    "rule": "cue in the rule list", "wc": "cue word x source class",
}
#: The feature groups that do not depend on the source (known before the source search).
CHEAP_FEATURES = ("w", "p", "n", "that", "quote", "comma", "rule")
#: The classes :func:`analysis.framing.quotes.source_class` gives (for the probability bound).
SOURCE_CLASSES = ("anonymous", "document", "state media", "other media", "person", "government", "other")
#: :meth:`CueModel.scored` leaves out candidates whose probability cannot reach this, whatever
#: their source: no caller reads them (quotes reads down to its PARTIAL_CUE_MIN, 0.3;
#: attributions down to the threshold).
SCORE_FLOOR = 0.25
_TOKEN = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
_TO_AFTER = re.compile(r"\s+to(?=\s)")  # the "to" of "according to", after any white space


def _training_sha256() -> str:
    from analysis.data.manifest import source

    digest = hashlib.sha256()
    for name in ("polnear-train", "polnear"):
        for entry in source(name).files:
            digest.update(f"{entry.url}\t{entry.sha256}\n".encode())
    return digest.hexdigest()


def candidates(text: str, vocabulary, keep=None) -> list[dict]:
    """Candidate cues of ``text`` with their rule-found source and features (module docstring):
    dicts with ``cue`` and ``source`` spans and ``features`` (a dict of one-hot names).

    ``keep``: None (every candidate, for training), or a function of the cue word and its
    features that do not depend on the source (:data:`CHEAP_FEATURES`) that says whether the
    candidate can still matter; the source search, the costly part, is skipped for the others
    (:meth:`CueModel.scored` passes an upper bound of the model's probability)."""
    from analysis.framing.quotes import (
        ATTRIBUTION_CUES, mask_abbreviations, phrase_after, quote_rows, sentence_bounds, source_class, subject_before,
    )

    work = mask_abbreviations(text.replace("\r", "\n"))
    bounds = sentence_bounds(work)
    quoted = [(q["start"], q["end"]) for q in quote_rows(text) if q["depth"] == 0]
    starts, ends = [s for s, _ in quoted], [e for _, e in quoted]

    rule = set(ATTRIBUTION_CUES)
    out = []
    for m in _TOKEN.finditer(work):
        word = m.group().lower()
        if word not in vocabulary:
            continue
        i = bisect.bisect_right(starts, m.start()) - 1
        if i >= 0 and quoted[i][0] < m.start() < quoted[i][1]:
            continue
        prev = _TOKEN.findall(work[max(0, m.start() - 30) : m.start()])
        nxt = _TOKEN.findall(work[m.end() : m.end() + 30])
        follow = work[m.end() : m.end() + 3]
        cheap = {
            f"w={word}": 1, f"p={prev[-1].lower() if prev else '^'}": 1, f"n={nxt[0].lower() if nxt else '$'}": 1,
            "that": int(bool(nxt) and nxt[0].lower() == "that"), "quote": int(any(c in follow for c in '"“”')),
            "comma": int(work[max(0, m.start() - 2) : m.start()].strip() == ","), "rule": int(word in rule),
        }
        if keep is not None and not keep(word, cheap):
            continue
        sent_start, sent_end = bounds(m.start())
        j = bisect.bisect_right(ends, m.start())  # quotations closed before the cue
        lo = max(sent_start, ends[j - 1] if j else 0, m.start() - 300)
        after = False
        to = _TO_AFTER.match(work, m.end()) if word == "according" else None
        if to is not None:  # "according to", any white space between and after the words
            source = phrase_after(work, to.end(), min(sent_end, m.end() + 300), long=True)
            after = True
        else:
            source = subject_before(work, lo, m.start())
            if source is None and work[lo : m.start()].rstrip()[-1:] in (",", "”", '"'):
                source = phrase_after(work, m.end(), min(sent_end, m.end() + 300))
                after = True
        if source is None:
            continue
        written = text[source[0] : source[1]]
        n_words = len(written.split())
        cls = source_class(written)[0]
        features = {  # in the order the model was trained with (sums of floats depend on it)
            f"w={word}": 1, f"p={prev[-1].lower() if prev else '^'}": 1, f"n={nxt[0].lower() if nxt else '$'}": 1,
            "that": cheap["that"], "quote": cheap["quote"], "comma": cheap["comma"], f"cls={cls}": 1,
            f"slen={'1' if n_words == 1 else '2' if n_words == 2 else '3-4' if n_words <= 4 else '5+'}": 1,
            "after": int(after), "rule": cheap["rule"], f"wc={word}|{cls}": 1,
        }
        cue = (m.start(), to.end()) if to is not None and after else m.span()  # "according to"
        out.append({"cue": cue, "source": source, "features": features})
    return out


class CueModel:
    """Logistic regression over candidate cues (module docstring); scikit-learn contract.

    Parameters: ``C`` (inverse regularisation), ``threshold`` (probability at or above which a
    candidate is an attribution), ``min_count`` (vocabulary: forms seen as the first word of at
    least this many gold cues). ``fit(texts, golds)`` takes article texts and, per article, the
    gold relations (rows of ``load("polnear-train-relations")`` of its primary annotator).
    """

    def __init__(self, C: float = 1.0, threshold: float = 0.5, min_count: int = MIN_COUNT,
                 speech_C: float = 1.0, speech_threshold: float = 0.5,
                 speaker_C: float = 1.0, speaker_threshold: float = 0.0):
        self.C, self.threshold, self.min_count = C, threshold, min_count
        self.speech_C, self.speech_threshold = speech_C, speech_threshold
        self.speaker_C, self.speaker_threshold = speaker_C, speaker_threshold

    def get_params(self, deep: bool = True) -> dict:
        return {"C": self.C, "threshold": self.threshold, "min_count": self.min_count,
                "speech_C": self.speech_C, "speech_threshold": self.speech_threshold,
                "speaker_C": self.speaker_C, "speaker_threshold": self.speaker_threshold}

    def set_params(self, **params) -> "CueModel":
        for key, value in params.items():
            setattr(self, key, value)
        return self

    @staticmethod
    def vocabulary(texts, golds, min_count: int) -> list[str]:
        counts = Counter()
        for gold in golds:
            for cue in gold["cue"].dropna():
                first = _TOKEN.findall(cue)
                if first:
                    counts[first[0].lower()] += 1
        return sorted(w for w, c in counts.items() if c >= min_count)

    def fit(self, texts, golds) -> "CueModel":
        """Fit the cue model and the speech decision on article ``texts`` and their ``golds``.
        The speaker ranker is not fitted here (it learns from out-of-fold cue probabilities:
        :func:`train_cue_model` fits it with :meth:`fit_speaker`); without it :func:`quotes`
        uses its speaker rules."""
        vocabulary = self.vocabulary(texts, golds, self.min_count)
        X, y, _ = labelled_candidates(texts, golds, set(vocabulary))
        self.fit_candidates(X, y, vocabulary)
        self.speech_feature_names_ = self.speech_coef_ = self.speech_intercept_ = None
        self.speaker_feature_names_ = self.speaker_coef_ = self.speaker_intercept_ = None
        if all("content_spans" in gold for gold in golds):
            S, t, *_ = speech_dataset(texts, golds)
            if len(set(t.tolist())) == 2:  # both classes seen: else no speech decision (rules decide)
                self.fit_speech(S, t)
        return self

    def fit_speech(self, X: list[dict], y) -> "CueModel":
        """Fit the speech decision (is a quotation someone's words?) on :func:`speech_features`
        dicts ``X`` and labels ``y`` (module docstring), with ``speech_C``."""
        self.speech_feature_names_, self.speech_coef_, self.speech_intercept_ = _fit_logistic(X, y, self.speech_C)
        return self

    def fit_speaker(self, X: list[dict], y) -> "CueModel":
        """Fit the speaker ranker (:func:`speaker_dataset`) on candidate feature dicts ``X`` of
        :func:`analysis.framing.quotes.speaker_candidates` and labels ``y`` (1: the candidate
        overlaps the gold source of the quotation), with ``speaker_C``."""
        self.speaker_feature_names_, self.speaker_coef_, self.speaker_intercept_ = _fit_logistic(X, y, self.speaker_C)
        return self

    def speaker_probabilities(self, feature_dicts: list[dict]) -> np.ndarray:
        """Probability that each speaker candidate (a :func:`speaker_candidates` dict) is the speaker."""
        return _logistic(feature_dicts, self.speaker_feature_names_, self.speaker_coef_, self.speaker_intercept_)

    def speech_probabilities(self, feature_dicts: list[dict]) -> np.ndarray:
        """Probability that each quotation (a :func:`speech_features` dict) is speech."""
        return _logistic(feature_dicts, self.speech_feature_names_, self.speech_coef_, self.speech_intercept_)

    def fit_candidates(self, X: list[dict], y, vocabulary) -> "CueModel":
        """Fit on candidate feature dicts ``X`` (of :func:`candidates`) and labels ``y``; those
        whose cue word is not in ``vocabulary`` are dropped."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vocabulary_ = sorted(vocabulary)
        keep = [i for i, f in enumerate(X) if any(k[2:] in vocabulary for k in f if k.startswith("w="))]
        X, y = [X[i] for i in keep], np.asarray(y)[keep]
        self.vectorizer_ = DictVectorizer(sort=True).fit(X)
        model = LogisticRegression(C=self.C, max_iter=2000)
        model.fit(self.vectorizer_.transform(X), y)
        self.feature_names_ = list(self.vectorizer_.get_feature_names_out())
        self.coef_, self.intercept_ = model.coef_.ravel().copy(), model.intercept_.copy()
        return self._bounds()

    def _bounds(self) -> "CueModel":
        """The fitted weights by name, and per cue word the most its source can add (the best
        class with its word x class weight, the best length, "after" when it helps): what
        :meth:`best_case` needs."""
        self.weights_ = dict(zip(self.feature_names_, self.coef_.tolist()))
        weight = self.weights_.get
        extra = max(0.0, *(weight(f"slen={n}", 0.0) for n in ("1", "2", "3-4", "5+"))) + max(0.0, weight("after", 0.0))
        self.source_bound_ = {
            word: extra + max(0.0, *(weight(f"cls={c}", 0.0) + weight(f"wc={word}|{c}", 0.0) for c in SOURCE_CLASSES))
            for word in self.vocabulary_
        }
        return self

    def best_case(self, word: str, cheap: Mapping[str, int]) -> float:
        """An upper bound of the probability of a candidate cue ``word`` with these source-free
        features (:data:`CHEAP_FEATURES`), over every source it could have: the weights of
        its cheap features, plus the best class (with its word x class weight), the best source
        length and the "source after the cue" weight when it helps."""
        weight = self.weights_.get
        score = float(self.intercept_[0]) + sum(weight(k, 0.0) * v for k, v in cheap.items())
        return 1.0 / (1.0 + math.exp(-min(max(score + self.source_bound_[word], -500.0), 500.0)))

    def probabilities(self, feature_dicts: list[dict]) -> np.ndarray:
        """Probability that each candidate (a :func:`candidates` feature dict) is an attribution."""
        return _logistic(feature_dicts, self.feature_names_, self.coef_, self.intercept_)

    def predict(self, text: str) -> list[tuple[tuple[int, int], tuple[int, int], float]]:
        """``(cue span, source span, probability)`` of the accepted candidates of ``text``."""
        return [row for row in self.scored(text) if row[2] >= self.threshold]

    def scored(self, text: str) -> list[tuple[tuple[int, int], tuple[int, int], float]]:
        """``(cue span, source span, probability)`` of every candidate of ``text`` whose
        probability reaches :data:`SCORE_FLOOR` (no caller reads the others; those that could
        not reach it whatever their source, by :meth:`best_case`, are not even given a source).
        Memoised per text: :func:`quotes` and :func:`attributions` ask for the same text's."""
        return list(_scored(text, self))

    def card(self) -> tuple[dict, dict[str, np.ndarray]]:
        card = {"class": "CueModel", "params": self.get_params(), "vocabulary": self.vocabulary_,
                "feature_names": self.feature_names_, "feature_legend": FEATURE_NAMES}
        arrays = {"coef": self.coef_, "intercept": self.intercept_}
        for part, legend in _DECISIONS.items():  # the speech decision and the speaker ranker, when fitted
            if getattr(self, f"{part}_coef_", None) is not None:
                card.update({f"{part}_feature_names": getattr(self, f"{part}_feature_names_"),
                             f"{part}_feature_legend": legend})
                arrays.update({f"{part}_coef": getattr(self, f"{part}_coef_"),
                               f"{part}_intercept": getattr(self, f"{part}_intercept_")})
        return card, arrays

    @classmethod
    def from_artefact(cls, card: dict, arrays: dict) -> "CueModel":
        model = cls(**card["params"])
        model.vocabulary_, model.feature_names_ = list(card["vocabulary"]), list(card["feature_names"])
        model.coef_, model.intercept_ = np.asarray(arrays["coef"]), np.asarray(arrays["intercept"])
        model._bounds()
        for part in _DECISIONS:
            found = f"{part}_coef" in arrays
            setattr(model, f"{part}_feature_names_", list(card[f"{part}_feature_names"]) if found else None)
            setattr(model, f"{part}_coef_", np.asarray(arrays[f"{part}_coef"]) if found else None)
            setattr(model, f"{part}_intercept_", np.asarray(arrays[f"{part}_intercept"]) if found else None)
        return model


#: The two decisions a CueModel may carry besides the cue model: their artefact key prefix and
#: the function whose feature dicts they read.
_DECISIONS = {"speech": "analysis.framing.quotes.speech_features",
              "speaker": "analysis.framing.quotes.speaker_candidates"}


def _fit_logistic(X: list[dict], y, C: float) -> tuple[list[str], np.ndarray, np.ndarray]:
    """``(feature names, coef, intercept)`` of a logistic regression with ``C`` fitted on one-hot
    feature dicts ``X`` (scikit-learn's DictVectorizer, sorted names; lbfgs, 3,000 iterations)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer(sort=True).fit(X)
    model = LogisticRegression(C=C, max_iter=3000).fit(vectorizer.transform(X), np.asarray(y))
    return list(vectorizer.get_feature_names_out()), model.coef_.ravel().copy(), model.intercept_.copy()


@lru_cache(maxsize=16)
def _name_index(names: tuple[str, ...]) -> dict[str, int]:
    return {name: i for i, name in enumerate(names)}


def _logistic(feature_dicts: list[dict], names: list[str], coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """A fitted logistic regression's probabilities for one-hot feature dicts, read straight from
    its named weights (features it never saw weigh nothing; no vectoriser is kept)."""
    if not feature_dicts:
        return np.zeros(0)
    index = _name_index(tuple(names))
    scores = np.full(len(feature_dicts), float(intercept[0]))
    for row, features in enumerate(feature_dicts):
        scores[row] += sum(coef[index[k]] * v for k, v in features.items() if k in index)
    return 1.0 / (1.0 + np.exp(-scores))


@memoize_text(max_chars=2_000_000)
def _scored(text: str, model: CueModel) -> tuple:
    floor = SCORE_FLOOR
    found = candidates(text, set(model.vocabulary_), keep=lambda word, cheap: model.best_case(word, cheap) >= floor)
    p = model.probabilities([c["features"] for c in found])
    return tuple((c["cue"], c["source"], float(q)) for c, q in zip(found, p) if q >= floor)


def _label(cue, source, gold_units) -> int:
    def hits(span, pieces):
        return any(min(span[1], b) > max(span[0], a) for a, b in pieces)

    return int(any(hits(cue, u[0]) and hits(source, u[1]) for u in gold_units))


def labelled_candidates(texts, golds, vocabulary) -> tuple[list[dict], np.ndarray, np.ndarray]:
    """Features, labels and article index of every candidate in ``texts`` (module docstring)."""
    X, y, doc = [], [], []
    for k, (text, gold) in enumerate(zip(texts, golds)):
        units = [(list(c), list(s)) for c, s in zip(gold["cue_spans"], gold["source_spans"]) if s]
        for cand in candidates(text, vocabulary):
            X.append(cand["features"])
            y.append(_label(cand["cue"], cand["source"], units))
            doc.append(k)
    return X, np.asarray(y), np.asarray(doc)


def speech_dataset(texts, golds):
    """Speech-decision data: :func:`analysis.framing.quotes.speech_features` of every top-level
    quotation of ``texts``, its label (1 when at least half of it lies in one gold content span
    that holds a quotation mark: the benchmark's rule), its article index, the gold spans it
    matches and the number of such gold spans per article."""
    from analysis.framing.quotes import quote_rows, speech_features

    X, y, doc, hits, units_per_article = [], [], [], [], []
    for k, (text, gold) in enumerate(zip(texts, golds)):
        units = [list(c) for c in gold["content_spans"] if any(m in text[a:b] for a, b in c for m in '"“”')]
        rows = quote_rows(text)
        for row, features in zip(rows, speech_features(text, rows)):
            if features is None:
                continue
            length = max(row["end"] - row["start"], 1)
            matched = frozenset(
                j for j, pieces in enumerate(units)
                if 2 * sum(max(0, min(row["end"], b) - max(row["start"], a)) for a, b in pieces) >= length
            )
            X.append(features)
            y.append(int(bool(matched)))
            doc.append(k)
            hits.append(matched)
        units_per_article.append(len(units))
    return X, np.asarray(y), np.asarray(doc), hits, units_per_article


def speech_f1(speech, doc, hits, units_per_article) -> tuple[float, float, float]:
    """``(F1, precision, recall)`` of the quotations flagged in ``speech`` under the benchmark's
    rule (precision over flagged quotations, recall over gold quoted content spans)."""
    chosen = np.flatnonzero(speech)
    if not len(chosen):
        return 0.0, 0.0, 0.0
    precision = sum(1 for i in chosen if hits[i]) / len(chosen)
    recall = len({(doc[i], h) for i in chosen for h in hits[i]}) / max(sum(units_per_article), 1)
    return (2 * precision * recall / (precision + recall) if precision + recall else 0.0), precision, recall


def select_speech_settings(texts, golds, doc_ids, n_splits: int = 5, grid=SPEECH_C_GRID):
    """Grouped cross-validation (by article) of the speech decision over ``C`` and the
    threshold (0.20-0.90 by 0.02), maximising the out-of-fold quote F1 of :func:`speech_f1`.
    Returns ``(C, threshold, table)``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y, doc, hits, units = speech_dataset(texts, golds)
    folds = fold_of(doc_ids, n_splits)[doc]
    rows = []
    for C in grid:
        oof = np.zeros(len(y))
        for f in range(n_splits):
            tr, te = np.flatnonzero(folds != f), np.flatnonzero(folds == f)
            vec = DictVectorizer(sort=True).fit([X[i] for i in tr])
            fitted = LogisticRegression(C=C, max_iter=3000).fit(vec.transform([X[i] for i in tr]), y[tr])
            oof[te] = fitted.predict_proba(vec.transform([X[i] for i in te]))[:, 1]
        best = max((speech_f1(oof >= t, doc, hits, units) + (float(round(t, 2)),) for t in np.arange(0.20, 0.91, 0.02)),
                   key=lambda r: r[0])
        rows.append({"C": C, "threshold": best[3], "cv_precision": best[1], "cv_recall": best[2], "cv_f1": best[0]})
    rule = np.array([any(k in f for k in ("k=direct", "k=partial")) for f in X])
    table = pd.DataFrame(rows)
    top = table.loc[table["cv_f1"].idxmax()]
    table.attrs["rules_f1"] = speech_f1(rule, doc, hits, units)[0]
    return float(top["C"]), float(top["threshold"]), table


def _training_articles():
    from analysis.data import load

    articles = load("polnear-train")
    relations = load("polnear-train-relations")
    primary = relations[relations["primary"]]
    by_doc = dict(tuple(primary.groupby("doc_id")))
    golds = [by_doc.get(d, primary.iloc[:0]) for d in articles["doc_id"]]
    return articles, golds


def fold_of(doc_ids, n_splits: int = 5) -> np.ndarray:
    """A deterministic article -> fold assignment (sha256 of the doc id, modulo ``n_splits``)."""
    return np.array([int(hashlib.sha256(d.encode()).hexdigest(), 16) % n_splits for d in doc_ids])


def select_settings(texts, golds, doc_ids, n_splits: int = 5, grid=C_GRID, min_precision: float = MIN_PRECISION):
    """Grouped cross-validation over ``C`` and the threshold (module docstring). Returns
    ``(best C, best threshold, table)``; the table has one row per C with the out-of-fold
    precision, recall and F1 at its best threshold (on the candidate level). Candidates are
    found once with the vocabulary of all training articles, then kept per fold only when their
    word is in the vocabulary of that fold's training part."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    folds = fold_of(doc_ids, n_splits)
    full = set(CueModel.vocabulary(texts, golds, MIN_COUNT))
    X, y, doc = labelled_candidates(texts, golds, full)
    words = np.array([next(k[2:] for k in f if k.startswith("w=")) for f in X])
    rows = []
    for C in grid:
        oof_p, oof_y = [], []
        for f in range(n_splits):
            in_train = folds[doc] != f
            train_docs = [i for i in range(len(texts)) if folds[i] != f]
            vocab = set(CueModel.vocabulary([texts[i] for i in train_docs], [golds[i] for i in train_docs], MIN_COUNT))
            known = np.isin(words, sorted(vocab))
            tr, te = np.flatnonzero(in_train & known), np.flatnonzero(~in_train & known)
            vec = DictVectorizer(sort=True).fit([X[i] for i in tr])
            model = LogisticRegression(C=C, max_iter=2000).fit(vec.transform([X[i] for i in tr]), y[tr])
            oof_p.append(model.predict_proba(vec.transform([X[i] for i in te]))[:, 1])
            oof_y.append(y[te])
        p, yy = np.concatenate(oof_p), np.concatenate(oof_y)
        best = (0.0, 0.5, 0.0, 0.0)
        for t in np.arange(0.30, 0.91, 0.02):
            pred = p >= t
            tp = int((pred & (yy == 1)).sum())
            prec = tp / max(int(pred.sum()), 1)
            rec = tp / max(int(yy.sum()), 1)
            f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
            if prec >= min_precision and f1 > best[0]:
                best = (f1, float(round(t, 2)), prec, rec)
        rows.append({"C": C, "threshold": best[1], "cv_precision": best[2], "cv_recall": best[3], "cv_f1": best[0]})
    table = pd.DataFrame(rows)
    top = table.loc[table["cv_f1"].idxmax()]
    return float(top["C"]), float(top["threshold"]), table


def fold_models(texts, golds, folds, params: Mapping, n_splits: int = 5) -> list[CueModel]:
    """One :class:`CueModel` (cue model and speech decision, with ``params``) per fold, each
    trained on the articles of the other folds (``folds``: the fold of every article)."""
    full = set(CueModel.vocabulary(texts, golds, params["min_count"]))
    X, y, doc = labelled_candidates(texts, golds, full)
    S, t, speech_doc, *_ = speech_dataset(texts, golds)
    models = []
    for f in range(n_splits):
        train = [i for i in range(len(texts)) if folds[i] != f]
        vocab = set(CueModel.vocabulary([texts[i] for i in train], [golds[i] for i in train], params["min_count"]))
        rows = np.flatnonzero(folds[doc] != f)
        fold_model = CueModel(**params).fit_candidates([X[i] for i in rows], y[rows], vocab)
        fold_model.speaker_feature_names_ = fold_model.speaker_coef_ = fold_model.speaker_intercept_ = None
        speech_rows = np.flatnonzero(folds[speech_doc] != f)
        models.append(fold_model.fit_speech([S[i] for i in speech_rows], t[speech_rows]))
    return models


def speaker_dataset(texts, golds, model_of) -> dict:
    """Speaker-ranker data: for every top-level quotation of ``texts`` that is speech by the
    speech decision of ``model_of(k)`` (the model for article ``k``, trained without it) and has
    no rule speaker, the candidates of :func:`analysis.framing.quotes.speaker_candidates` (with
    that model's cue probabilities) labelled 1 when they overlap the source of a gold quoted
    content span the quotation matches (the benchmark's rule); and, for the quote-and-speaker F1
    of :func:`speaker_f1`, every speech quotation's matched gold spans, whether its rule speaker
    is right and whether the speaker rules (``quotes`` without a ranker) are right.

    Returns a dict: ``X``, ``y``, ``quote`` (candidate -> quotation index), ``labelled``
    (candidate of a quotation that matches a gold span with a source), and per quotation
    ``doc``, ``hits`` (matched gold spans), ``fixed`` (None for a ranked quotation, else whether
    its rule speaker is right), ``rules_ok``, ``candidate_ok`` (list), plus ``units`` (gold
    quoted spans per article)."""
    from analysis.framing.quotes import quote_rows, quotes, speaker_candidates, speech_kinds

    data = {"X": [], "y": [], "quote": [], "labelled": [], "doc": [], "hits": [], "fixed": [], "rules_ok": [],
            "candidate_ok": [], "units": []}

    def right(span, hits, units):
        return span is not None and any(
            min(span[1], b) > max(span[0], a) for j in hits for a, b in units[j][1])

    for k, (text, gold) in enumerate(zip(texts, golds)):
        model = model_of(k)
        units = [(list(c), list(s) if s else []) for c, s in zip(gold["content_spans"], gold["source_spans"])
                 if any(m in text[a:b] for a, b in c for m in '"“”')]
        data["units"].append(len(units))
        rule_rows = quote_rows(text)
        rows = speech_kinds(text, rule_rows, model)
        speech = [i for i, r in enumerate(rows) if r["depth"] == 0 and r["kind"] in ("direct", "partial")]
        todo = [i for i in speech if rows[i]["speaker"] is None]
        found = speaker_candidates(text, rows, model.scored(text), todo, rule_rows) if todo else {}
        by_rules = quotes(text, model=model) if todo else None  # the speaker rules (no ranker in model)
        for i in speech:
            row = rows[i]
            length = max(row["end"] - row["start"], 1)
            hits = frozenset(j for j, (pieces, _) in enumerate(units)
                             if 2 * sum(max(0, min(row["end"], b) - max(row["start"], a)) for a, b in pieces) >= length)
            n = len(data["doc"])
            data["doc"].append(k)
            data["hits"].append(hits)
            if i not in found:
                span = None if row["speaker"] is None else (row["speaker_start"], row["speaker_end"])
                ok = right(span, hits, units)
                data["fixed"].append(ok)
                data["rules_ok"].append(ok)
                data["candidate_ok"].append([])
                continue
            ruled = by_rules.iloc[i]
            span = None if pd.isna(ruled["speaker_start"]) else (int(ruled["speaker_start"]), int(ruled["speaker_end"]))
            data["fixed"].append(None)
            data["rules_ok"].append(right(span, hits, units))
            oks = [right(span, hits, units) for span, _ in found[i]]
            data["candidate_ok"].append(oks)
            labelled = any(units[j][1] for j in hits)
            for (_, features), ok in zip(found[i], oks):
                data["X"].append(features)
                data["y"].append(int(ok))
                data["quote"].append(n)
                data["labelled"].append(labelled)
    for key in ("y", "quote", "labelled", "doc"):
        data[key] = np.asarray(data[key], dtype=int if key != "labelled" else bool)
    return data


def speaker_f1(data: dict, correct) -> float:
    """Quote-and-speaker F1 (the benchmark's rule) of the speech quotations of ``data``
    (:func:`speaker_dataset`) when quotation ``i`` has a right speaker iff ``correct[i]``."""
    n_pred, n_gold = len(data["doc"]), sum(data["units"])
    ok = [i for i in range(n_pred) if correct[i] and data["hits"][i]]
    precision = len(ok) / max(n_pred, 1)
    recall = len({(data["doc"][i], j) for i in ok for j in data["hits"][i]}) / max(n_gold, 1)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ranked_correct(data: dict, p: np.ndarray, threshold: float) -> list[bool]:
    """Per quotation of ``data``: is its speaker right when each ranked quotation takes its
    candidate of highest probability ``p`` (one per candidate) if that reaches ``threshold``."""
    correct = [bool(f) for f in data["fixed"]]
    best: dict[int, int] = {}
    for c, q in enumerate(data["quote"]):
        if q not in best or p[c] > p[best[q]]:
            best[q] = c
    for q, c in best.items():
        correct[q] = bool(p[c] >= threshold and data["y"][c])
    return correct


def select_speaker_settings(data: dict, folds, n_splits: int = 5, grid=SPEAKER_C_GRID, thresholds=SPEAKER_THRESHOLDS):
    """Grouped cross-validation (by article: ``folds`` gives each article's fold) of the speaker
    ranker over ``C`` and the "no speaker" threshold, maximising the out-of-fold quote-and-speaker
    F1 (:func:`speaker_f1`). Returns ``(C, threshold, table)``; ``table.attrs["rules_f1"]`` is the
    F1 of the speaker rules on the same quotations."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X, y = data["X"], data["y"]
    fold = np.asarray(folds)[data["doc"][data["quote"]]] if len(y) else np.zeros(0, dtype=int)
    rows = []
    for C in grid:
        p = np.zeros(len(y))
        for f in range(n_splits):
            tr = np.flatnonzero((fold != f) & data["labelled"])
            te = np.flatnonzero(fold == f)
            vec = DictVectorizer(sort=True).fit([X[i] for i in tr])
            fitted = LogisticRegression(C=C, max_iter=3000).fit(vec.transform([X[i] for i in tr]), y[tr])
            p[te] = fitted.predict_proba(vec.transform([X[i] for i in te]))[:, 1]
        for t in thresholds:
            rows.append({"C": C, "threshold": t, "cv_f1": speaker_f1(data, ranked_correct(data, p, t))})
    table = pd.DataFrame(rows)
    top = table.loc[table["cv_f1"].idxmax()]
    table.attrs["rules_f1"] = speaker_f1(data, data["rules_ok"])
    return float(top["C"]), float(top["threshold"]), table


def train_cue_model() -> tuple[dict, dict[str, np.ndarray]]:
    """Choose C and threshold by grouped CV on ``polnear-train`` and fit on all of it; returns
    the artefact ``(card, arrays)`` with the CV table in the card. A few minutes."""
    articles, golds = _training_articles()
    texts = articles["text"].tolist()
    C, threshold, table = select_settings(texts, golds, articles["doc_id"].tolist())
    speech_C, speech_threshold, speech_table = select_speech_settings(texts, golds, articles["doc_id"].tolist())
    model = CueModel(C=C, threshold=threshold, speech_C=speech_C, speech_threshold=speech_threshold).fit(texts, golds)
    folds = fold_of(articles["doc_id"].tolist())
    per_fold = fold_models(texts, golds, folds, model.get_params())
    speakers = speaker_dataset(texts, golds, lambda k: per_fold[folds[k]])
    speaker_C, speaker_threshold, speaker_table = select_speaker_settings(speakers, folds)
    model.set_params(speaker_C=speaker_C, speaker_threshold=speaker_threshold)
    labelled = np.flatnonzero(speakers["labelled"])
    model.fit_speaker([speakers["X"][i] for i in labelled], speakers["y"][labelled])
    card, arrays = model.card()
    card["cross_validation"] = table.round(4).to_dict(orient="records")
    card["speech_cross_validation"] = speech_table.round(4).to_dict(orient="records")
    card["speech_rules_cv_f1"] = round(float(speech_table.attrs["rules_f1"]), 4)
    card["speaker_cross_validation"] = speaker_table.round(4).to_dict(orient="records")
    card["speaker_rules_cv_f1"] = round(float(speaker_table.attrs["rules_f1"]), 4)
    card["trained_on"] = "polnear-train (840 articles, primary annotator)"
    return card, {key: value.astype(np.float64) for key, value in arrays.items()}


def packaged_artefact() -> tuple[dict, dict[str, np.ndarray]]:
    """The committed artefact (``make models``), with its version, training data and datasets."""
    card, arrays = train_cue_model()
    return {**card, "version": VERSION, "data_sha256": _training_sha256(), "datasets": ["polnear", "polnear-train"]}, arrays


@lru_cache(maxsize=1)
def cue_model() -> CueModel | None:
    """The trained :class:`CueModel` (artefact :data:`ARTEFACT`, committed under ``models/``),
    rebuilt from ``polnear-train`` (a few minutes) when it is missing, corrupt or stale and the
    data is local. When it cannot be had, a warning names the file and the reason, and None is
    returned: :func:`attributions` then uses the rules alone (lower recall; notebook 4)."""
    import warnings

    from analysis import artefacts
    from analysis.data import can_load

    try:
        card, arrays = artefacts.load_or_build(
            ARTEFACT, train_cue_model, version=VERSION, data_sha256=_training_sha256(),
            what="attribution cue model (PolNeAR)", data_available=lambda: can_load("polnear-train"),
        )
    except artefacts.ArtefactError as error:
        warnings.warn(f"attributions use the rules alone: {error}", stacklevel=2)
        return None
    return CueModel.from_artefact(card, arrays)


def out_of_fold_models(articles: pd.DataFrame, n_splits: int = 5):
    """``text -> CueModel`` for the articles of ``polnear-train``: each text gets a model trained
    (with the artefact's settings) on the other folds, for the honest training-set figure of
    :mod:`analysis.evaluate.sourcing`; None when no artefact is available. The fold's speaker
    ranker learns from the other folds' quotations, whose cue probabilities come from their own
    out-of-fold cue models (which saw this fold's articles: the ranker's inputs, not its labels)."""

    model = cue_model()
    if model is None:
        return None
    all_articles, golds = _training_articles()
    folds = fold_of(all_articles["doc_id"].tolist(), n_splits)
    texts = all_articles["text"].tolist()
    per_fold = fold_models(texts, golds, folds, model.get_params(), n_splits)
    if getattr(model, "speaker_coef_", None) is not None:
        speakers = speaker_dataset(texts, golds, lambda k: per_fold[folds[k]])
        fold_of_candidate = folds[speakers["doc"][speakers["quote"]]] if len(speakers["y"]) else np.zeros(0, int)
        for f in range(n_splits):
            rows = np.flatnonzero((fold_of_candidate != f) & speakers["labelled"])
            per_fold[f].fit_speaker([speakers["X"][i] for i in rows], speakers["y"][rows])
    by_text = {texts[i]: per_fold[folds[i]] for i in range(len(texts))}
    return lambda text: by_text.get(text, model)
