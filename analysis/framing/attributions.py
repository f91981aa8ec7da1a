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
card keeps the table and the rules' own F1 on the same folds). The trained state is a JSON card
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
VERSION = 3
MIN_PRECISION = 0.85
C_GRID = (0.3, 1.0, 3.0)
SPEECH_C_GRID = (0.3, 1.0, 3.0, 10.0)
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
                 speech_C: float = 1.0, speech_threshold: float = 0.5):
        self.C, self.threshold, self.min_count = C, threshold, min_count
        self.speech_C, self.speech_threshold = speech_C, speech_threshold

    def get_params(self, deep: bool = True) -> dict:
        return {"C": self.C, "threshold": self.threshold, "min_count": self.min_count,
                "speech_C": self.speech_C, "speech_threshold": self.speech_threshold}

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
        """Fit the cue model and the speech decision on article ``texts`` and their ``golds``."""
        vocabulary = self.vocabulary(texts, golds, self.min_count)
        X, y, _ = labelled_candidates(texts, golds, set(vocabulary))
        self.fit_candidates(X, y, vocabulary)
        self.speech_feature_names_ = self.speech_coef_ = self.speech_intercept_ = None
        if all("content_spans" in gold for gold in golds):
            S, t, *_ = speech_dataset(texts, golds)
            if len(set(t.tolist())) == 2:  # both classes seen: else no speech decision (rules decide)
                self.fit_speech(S, t)
        return self

    def fit_speech(self, X: list[dict], y) -> "CueModel":
        """Fit the speech decision (is a quotation someone's words?) on :func:`speech_features`
        dicts ``X`` and labels ``y`` (module docstring), with ``speech_C``."""
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vectorizer = DictVectorizer(sort=True).fit(X)
        model = LogisticRegression(C=self.speech_C, max_iter=3000).fit(vectorizer.transform(X), np.asarray(y))
        self.speech_feature_names_ = list(vectorizer.get_feature_names_out())
        self.speech_coef_, self.speech_intercept_ = model.coef_.ravel().copy(), model.intercept_.copy()
        return self

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
        if getattr(self, "speech_coef_", None) is not None:
            card.update(speech_feature_names=self.speech_feature_names_,
                        speech_feature_legend="analysis.framing.quotes.speech_features")
            arrays.update(speech_coef=self.speech_coef_, speech_intercept=self.speech_intercept_)
        return card, arrays

    @classmethod
    def from_artefact(cls, card: dict, arrays: dict) -> "CueModel":
        model = cls(**card["params"])
        model.vocabulary_, model.feature_names_ = list(card["vocabulary"]), list(card["feature_names"])
        model.coef_, model.intercept_ = np.asarray(arrays["coef"]), np.asarray(arrays["intercept"])
        model._bounds()
        model.speech_feature_names_ = model.speech_coef_ = model.speech_intercept_ = None
        if "speech_coef" in arrays:
            model.speech_feature_names_ = list(card["speech_feature_names"])
            model.speech_coef_ = np.asarray(arrays["speech_coef"])
            model.speech_intercept_ = np.asarray(arrays["speech_intercept"])
        return model


def _logistic(feature_dicts: list[dict], names: list[str], coef: np.ndarray, intercept: np.ndarray) -> np.ndarray:
    """A fitted logistic regression's probabilities for one-hot feature dicts, read straight from
    its named weights (features it never saw weigh nothing; no vectoriser is kept)."""
    if not feature_dicts:
        return np.zeros(0)
    index = {name: i for i, name in enumerate(names)}
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


def train_cue_model() -> tuple[dict, dict[str, np.ndarray]]:
    """Choose C and threshold by grouped CV on ``polnear-train`` and fit on all of it; returns
    the artefact ``(card, arrays)`` with the CV table in the card. A few minutes."""
    articles, golds = _training_articles()
    texts = articles["text"].tolist()
    C, threshold, table = select_settings(texts, golds, articles["doc_id"].tolist())
    speech_C, speech_threshold, speech_table = select_speech_settings(texts, golds, articles["doc_id"].tolist())
    model = CueModel(C=C, threshold=threshold, speech_C=speech_C, speech_threshold=speech_threshold).fit(texts, golds)
    card, arrays = model.card()
    card["cross_validation"] = table.round(4).to_dict(orient="records")
    card["speech_cross_validation"] = speech_table.round(4).to_dict(orient="records")
    card["speech_rules_cv_f1"] = round(float(speech_table.attrs["rules_f1"]), 4)
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
    (with the artefact's C and threshold) on the other folds, for the honest training-set
    figure of :mod:`analysis.evaluate.sourcing`; None when no artefact is available."""

    model = cue_model()
    if model is None:
        return None
    all_articles, golds = _training_articles()
    folds = fold_of(all_articles["doc_id"].tolist(), n_splits)
    texts = all_articles["text"].tolist()
    full = set(CueModel.vocabulary(texts, golds, model.min_count))
    X, y, doc = labelled_candidates(texts, golds, full)
    S, t, speech_doc, *_ = speech_dataset(texts, golds)
    by_text = {}
    for f in range(n_splits):
        train = [i for i in range(len(texts)) if folds[i] != f]
        vocab = set(CueModel.vocabulary([texts[i] for i in train], [golds[i] for i in train], model.min_count))
        rows = np.flatnonzero(folds[doc] != f)
        fold_model = CueModel(**model.get_params()).fit_candidates([X[i] for i in rows], y[rows], vocab)
        speech_rows = np.flatnonzero(folds[speech_doc] != f)
        fold_model.fit_speech([S[i] for i in speech_rows], t[speech_rows])
        for i in range(len(texts)):
            if folds[i] == f:
                by_text[texts[i]] = fold_model
    return lambda text: by_text.get(text, model)
