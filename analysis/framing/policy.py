"""Policy frames: the 14 Media Frames Corpus frames as a multi-label text classifier.

The frames are those of the Policy Frames Codebook (Boydstun, Card, Gross, Resnik & Smith 2014,
APSA) as annotated in the Media Frames Corpus (Card, Boydstun, Gross, Resnik & Smith 2015, ACL)
and labelled per article in SemEval-2023 Task 3 subtask 2 (Piskorski, Stefanovitch, Da San
Martino & Nakov 2023, SemEval): an article carries every frame it uses, on average 3.7 of 14.

* :class:`PolicyFrameClassifier` — a scikit-learn estimator (``fit``, ``predict``,
  ``predict_proba``, ``top_features``, ``save``/``load`` without pickle);
* :func:`multilabel_folds` — iterative stratification of multi-label data into folds;
* :func:`packaged_artefact` — fit on the 433 SemEval English training articles (the artefact
  committed in ``models/``, see :mod:`analysis.artefacts`); :func:`load_model` — read it,
  rebuilding it when missing or stale; :func:`policy_frames` — apply it.

``python -m analysis.evaluate frames`` cross-validates the classifier
(:mod:`analysis.evaluate.frames`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np
import pandas as pd
import sklearn
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from analysis import artefacts
from analysis.data.fetch import is_available
from analysis.data.manifest import source
from analysis.data.sources.semeval2023 import FRAMES as _SEMEVAL_FRAMES
from analysis.inputs import texts_of

__all__ = [
    "FRAMES",
    "PolicyFrameClassifier",
    "indicator_matrix",
    "load_model",
    "multilabel_folds",
    "policy_frames",
    "read_training_data",
    "packaged_artefact",
]

#: The 14 frames in codebook order, spelled as in SemEval-2023 Task 3 (the codebook's 15th,
#: "Other", is not labelled there); one definition, shared with the data loader.
FRAMES: tuple[str, ...] = _SEMEVAL_FRAMES
#: Candidate decision thresholds on each frame's probability.
THRESHOLD_GRID = np.round(np.arange(0.05, 0.951, 0.05), 2)
TRAINING_DATASET = "semeval2023-t3-frames-en"
MODEL_NAME = "policy-frames"
VERSION = 1  # of the model; the artefact layout has its own (analysis.artefacts.FORMAT)


# --- data -------------------------------------------------------------------------------------


def read_training_data() -> pd.DataFrame:
    """The SemEval-2023 Task 3 English training articles, one row each.

    Columns ``doc_id``, ``text``, ``frames`` (list) and ``text_group``.

    Read through ``analysis.data.load("semeval2023-t3-frames-en")``. ``text`` is the title, a
    blank line and the body (the article file as distributed); ``text_group`` marks copies of
    one article (two IDs hold the same text), to keep them in one fold. ``attrs["sha256"]`` is
    the dataset's sha256 in the manifest, which identifies the exact training data.
    """
    from analysis.data import load

    data = load(TRAINING_DATASET)
    if (data["label_status"] != "ok").any():
        raise ValueError(f"{TRAINING_DATASET}: articles without labels or labels without articles")
    frame = pd.DataFrame(
        {
            "doc_id": data["doc_id"],
            "text": data["title"] + "\n\n" + data["text"],
            "frames": data["frames"],
            "text_group": data["text_group"],
        }
    ).reset_index(drop=True)
    frame.attrs["sha256"] = data.attrs["provenance"][0]["sha256"]
    return frame


def indicator_matrix(labels) -> np.ndarray:
    """Boolean ``(n, 14)`` matrix in :data:`FRAMES` order from label lists or a boolean table.

    ``labels`` is a sequence of frame-name lists (``[["Political", "Economic"], []]``), a
    DataFrame with one boolean column per frame, or an ``(n, 14)`` boolean array already in
    :data:`FRAMES` order. Unknown frame names are an error.
    """
    if isinstance(labels, np.ndarray) and labels.ndim == 2:
        if labels.shape[1] != len(FRAMES) or labels.dtype != bool:
            raise ValueError(
                f"a label array must be boolean with {len(FRAMES)} columns, "
                f"got {labels.dtype} {labels.shape}"
            )
        return labels
    if isinstance(labels, pd.DataFrame):
        missing = [f for f in FRAMES if f not in labels.columns]
        if missing:
            raise ValueError(f"label frame lacks columns {missing}")
        return labels[list(FRAMES)].to_numpy(dtype=bool)
    index = {f: i for i, f in enumerate(FRAMES)}
    rows = list(labels)
    matrix = np.zeros((len(rows), len(FRAMES)), dtype=bool)
    for r, names in enumerate(rows):
        if isinstance(names, str):
            raise ValueError(f"labels[{r}] is a string; expected a list of frame names")
        for name in names:
            if name not in index:
                raise ValueError(f"labels[{r}]: unknown frame {name!r}; expected one of {FRAMES}")
            matrix[r, index[name]] = True
    return matrix


# --- folds ------------------------------------------------------------------------------------


def multilabel_folds(Y, n_splits: int = 5, seed: int = 0, groups=None) -> np.ndarray:
    """Fold number (0..n_splits-1) of each row of a boolean label matrix, stratified per label.

    Method: iterative stratification (Sechidis, Tsoumakas & Vlahavas 2011, ECML PKDD): take the
    label with the fewest unassigned positive rows; give each such row to the fold that still
    wants most of that label (ties: the fold wanting most rows, then at random); repeat; rows
    without labels go to the folds wanting most rows. Rare frames are thus spread evenly,
    which plain k-fold does not promise. Deterministic for a given ``seed``. With ``groups``
    (one key per row), rows sharing a key (copies of one article) land in the same fold: groups
    are stratified by the union of their rows' labels.
    """
    Y = np.asarray(Y, dtype=bool)
    if groups is not None:
        keys, inverse = np.unique(np.asarray(groups), return_inverse=True)
        union = np.zeros((len(keys), Y.shape[1]), dtype=bool)
        np.logical_or.at(union, inverse, Y)
        return multilabel_folds(union, n_splits, seed)[inverse]
    n = len(Y)
    if not 2 <= n_splits <= n:
        raise ValueError(f"n_splits must be between 2 and the number of rows ({n}), got {n_splits}")
    rng = np.random.default_rng(seed)
    wanted_rows = np.full(n_splits, n / n_splits)
    wanted_labels = np.tile(Y.sum(axis=0) / n_splits, (n_splits, 1))
    fold = np.full(n, -1)
    order = rng.permutation(n)
    while (fold < 0).any():
        free = order[fold[order] < 0]
        counts = Y[free].sum(axis=0)
        if counts.any():
            label = int(np.argmin(np.where(counts > 0, counts, np.iinfo(np.int64).max)))
            rows = free[Y[free, label]]
        else:
            label, rows = None, free
        for row in rows:
            score = wanted_labels[:, label] if label is not None else wanted_rows
            best = np.flatnonzero(score == score.max())
            if len(best) > 1 and label is not None:
                best = best[wanted_rows[best] == wanted_rows[best].max()]
            chosen = int(rng.choice(best))
            fold[row] = chosen
            wanted_rows[chosen] -= 1
            wanted_labels[chosen] -= Y[row]
    return fold


# --- the classifier ---------------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def _best_threshold(y: np.ndarray, prob: np.ndarray) -> float:
    """The grid threshold with the highest F1 of ``prob >= t`` against ``y`` (lowest on ties)."""
    pred = prob[:, None] >= THRESHOLD_GRID[None, :]
    tp = (pred & y[:, None]).sum(axis=0)
    f1 = 2 * tp / np.maximum(pred.sum(axis=0) + y.sum(), 1)
    return float(THRESHOLD_GRID[int(np.argmax(f1))])


class PolicyFrameClassifier(ClassifierMixin, BaseEstimator):
    """``PolicyFrameClassifier(C=1.0, word_ngrams=(1, 2), char_ngrams=None, min_df=2,
    threshold_folds=3, class_weight="balanced", random_state=0)``: one-vs-rest logistic regression
    on TF-IDF n-grams.

    Method: TF-IDF (sublinear tf, l2-normalised per block) of lower-cased word n-grams
    (``word_ngrams``) and, when ``char_ngrams`` is a range such as ``(3, 5)``, of character
    n-grams inside word boundaries, each kept when in at least ``min_df`` training articles; one
    L2-regularised logistic regression per frame (``C``, ``class_weight``, liblinear's dual
    solver). Per-frame decision thresholds are chosen inside the training data only: the
    grid value (0.05..0.95) that maximises the frame's F1 over out-of-fold probabilities of
    ``threshold_folds`` stratified folds (:func:`multilabel_folds`); then every frame is refit
    on all training rows. A frame absent from the training labels is never predicted.

    Defaults were fixed before any evaluation (scikit-learn's ``C=1``; word uni- and bigrams,
    usual for TF-IDF text classification, Joachims 1998, ECML), not tuned on the SemEval data.
    Character n-grams are off by default only for speed (they make fitting ten times slower on
    these long articles); the evaluation reports them as a variant, not a tuned choice.
    Caveat: the threshold folds share the vectoriser fitted on all training rows (vocabulary and
    IDF see the held-out inner rows, without their labels).

    ``fit(texts, labels, groups=None)``: ``labels`` as for :func:`indicator_matrix`; ``groups``
    keeps rows with one key (copies of an article) in one threshold fold. ``predict_proba``
    returns an ``(n, 14)`` array in :data:`FRAMES` order (``classes_``); ``predict`` the boolean
    array ``predict_proba >= thresholds_``.
    """

    def __init__(
        self,
        C: float = 1.0,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        min_df: int = 2,
        threshold_folds: int = 3,
        class_weight: str | None = "balanced",
        random_state: int = 0,
    ):
        self.C = C
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.threshold_folds = threshold_folds
        self.class_weight = class_weight
        self.random_state = random_state

    # vectorisers ---------------------------------------------------------------------------

    def _vectorizers(self, vocabularies: Sequence[list[str]] | None = None):
        settings = [dict(analyzer="word", ngram_range=tuple(self.word_ngrams))]
        if self.char_ngrams is not None:
            settings.append(dict(analyzer="char_wb", ngram_range=tuple(self.char_ngrams)))
        vocabularies = vocabularies or [None] * len(settings)
        return [
            TfidfVectorizer(sublinear_tf=True, min_df=self.min_df, vocabulary=v, **s)
            for s, v in zip(settings, vocabularies)
        ]

    def _features(self, texts: Sequence[str]) -> sparse.csr_matrix:
        return sparse.hstack([v.transform(texts) for v in self.vectorizers_]).tocsr()

    def _logit(self) -> LogisticRegression:
        return LogisticRegression(
            C=self.C, solver="liblinear", dual=True, class_weight=self.class_weight, max_iter=1000,
            random_state=0,  # liblinear's dual solver shuffles: seeded so rebuilds are byte-identical
        )

    def _fit_weights(self, X, Y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        coef = np.zeros((Y.shape[1], X.shape[1]))
        intercept = np.full(Y.shape[1], -np.inf)  # a frame never seen: probability 0
        for j in range(Y.shape[1]):
            if Y[:, j].all():
                intercept[j] = np.inf
            elif Y[:, j].any():
                model = self._logit().fit(X, Y[:, j])
                coef[j], intercept[j] = model.coef_[0], model.intercept_[0]
        return coef, intercept

    # scikit-learn API ------------------------------------------------------------------------

    def fit(self, texts, labels, groups=None) -> PolicyFrameClassifier:
        texts = texts_of(texts, function="PolicyFrameClassifier.fit")[0]
        Y = indicator_matrix(labels)
        if len(Y) != len(texts):
            raise ValueError(f"{len(texts)} texts but {len(Y)} label rows")
        self.vectorizers_ = self._vectorizers()
        X = sparse.hstack([v.fit_transform(texts) for v in self.vectorizers_]).tocsr()
        folds = multilabel_folds(Y, self.threshold_folds, self.random_state, groups)
        oof = np.zeros(Y.shape)
        for k in range(self.threshold_folds):
            coef, intercept = self._fit_weights(X[folds != k], Y[folds != k])
            oof[folds == k] = _sigmoid(X[folds == k] @ coef.T + intercept)
        self.thresholds_ = np.array(
            [_best_threshold(Y[:, j], oof[:, j]) if Y[:, j].sum() >= self.threshold_folds else 0.5
             for j in range(Y.shape[1])]
        )
        self.coef_, self.intercept_ = self._fit_weights(X, Y)
        self.classes_ = np.array(FRAMES)
        return self

    def predict_proba(self, texts) -> np.ndarray:
        X = self._features(texts_of(texts, function="PolicyFrameClassifier.predict_proba")[0])
        return _sigmoid(X @ self.coef_.T + self.intercept_)

    def predict(self, texts) -> np.ndarray:
        return self.predict_proba(texts) >= self.thresholds_

    # inspection ------------------------------------------------------------------------------

    @property
    def feature_names_(self) -> np.ndarray:
        names = [
            f"{'word' if v.analyzer == 'word' else 'char'}:{term}"
            for v in self.vectorizers_
            for term in v.get_feature_names_out()
        ]
        return np.array(names, dtype=object)

    def top_features(self, n: int = 10) -> pd.DataFrame:
        """``top_features(n=10)``: the ``n`` features with the largest positive weight per frame.

        A tidy frame: ``frame``, ``rank`` (1 = strongest), ``feature`` (``word:`` or ``char:``
        prefixed; char n-grams show their spaces), ``weight`` (logistic-regression coefficient
        on the TF-IDF value). Caveat: weights of correlated n-grams share the evidence, so read
        them as cues the model uses, not as the frame's definition.
        """
        names = self.feature_names_
        rows = []
        for frame, weights in zip(FRAMES, self.coef_):
            top = np.argsort(-weights, kind="stable")[:n]
            top = top[weights[top] > 0]
            rows += [(frame, r + 1, names[i], float(weights[i])) for r, i in enumerate(top)]
        return pd.DataFrame(rows, columns=["frame", "rank", "feature", "weight"])

    # storage without pickle ------------------------------------------------------------------

    def to_artefact(self, metadata: dict | None = None) -> tuple[dict, dict[str, np.ndarray]]:
        """The model as an artefact (:mod:`analysis.artefacts`): a card with the parameters,
        vocabularies, thresholds and ``metadata``, and arrays (IDF, coefficients, intercepts)."""
        card = {
            "class": "PolicyFrameClassifier",
            "params": {k: list(v) if isinstance(v, tuple) else v for k, v in self.get_params().items()},
            "frames": list(FRAMES),
            "thresholds": self.thresholds_.tolist(),
            "vocabularies": [list(v.get_feature_names_out()) for v in self.vectorizers_],
            "sklearn_version": sklearn.__version__,
            **(metadata or {}),
        }
        idf = {f"idf_{i}": v.idf_ for i, v in enumerate(self.vectorizers_)}
        return card, {"coef": self.coef_, "intercept": self.intercept_, **idf}

    @classmethod
    def from_artefact(cls, card: dict, arrays: dict[str, np.ndarray]) -> PolicyFrameClassifier:
        """The model :meth:`to_artefact` described (``.metadata_`` holds the card without the
        vocabularies). Loads under any scikit-learn version: nothing is unpickled."""
        if card["frames"] != list(FRAMES):
            raise ValueError(f"saved frames {card['frames']} differ from {FRAMES}")
        model = cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in card["params"].items()})
        model.vectorizers_ = model._vectorizers(card["vocabularies"])
        for i, vectorizer in enumerate(model.vectorizers_):
            vectorizer.idf_ = arrays[f"idf_{i}"]
        model.coef_, model.intercept_ = arrays["coef"], arrays["intercept"]
        model.thresholds_ = np.asarray(card["thresholds"])
        model.classes_ = np.array(FRAMES)
        model.metadata_ = {k: v for k, v in card.items() if k != "vocabularies"}
        return model

    def save(self, folder: Path | str, metadata: dict | None = None) -> Path:
        """``save(folder, metadata=None)``: write :meth:`to_artefact` as ``policy-frames.json`` and
        ``.npz`` in ``folder`` (atomic, deterministic; no pickle). Returns the JSON path."""
        return artefacts.save(MODEL_NAME, *self.to_artefact(metadata), directory=Path(folder))

    @classmethod
    def load(cls, folder: Path | str) -> PolicyFrameClassifier:
        """``PolicyFrameClassifier.load(folder)``: the model :meth:`save` wrote there."""
        return cls.from_artefact(*artefacts.read_at(Path(folder) / MODEL_NAME))


# --- the trained model ------------------------------------------------------------------------


def _training_sha256() -> dict[str, str]:
    return {entry.url: entry.sha256 for entry in source(TRAINING_DATASET).files}


def _fit_default() -> tuple[dict, dict[str, np.ndarray]]:
    data = read_training_data()
    model = PolicyFrameClassifier().fit(data["text"], data["frames"], data["text_group"])
    return model.to_artefact({"training_dataset": TRAINING_DATASET, "n_training_articles": len(data)})


def packaged_artefact() -> tuple[dict, dict[str, np.ndarray]]:
    """``packaged_artefact()``: fit the default :class:`PolicyFrameClassifier` on all 433
    SemEval-2023 Task 3 English training articles (Piskorski et al. 2023); returns the artefact
    committed in ``models/`` (``make models``), with its version and training files' sha256.

    Deterministic: the same data gives the same bytes. Caveats: trained on a few hundred articles
    on a few topics (US politics, migration, epidemics, religion, shootings ...), and its strongest
    cues are topical names ("trump", "las vegas", "puerto rico": see
    :meth:`PolicyFrameClassifier.top_features`); its cross-validated accuracy
    (``python -m analysis.evaluate frames``) is an upper bound for other outlets and years. On
    texts unlike the training articles (KCNA, BBC 2005) probabilities drift towards the middle,
    so rare frames with low thresholds (Public_opinion, Policy_prescription) fire on most items:
    read those as artefacts unless checked by hand.
    """
    card, arrays = _fit_default()
    return {**card, "version": VERSION, "data_sha256": _training_sha256(), "datasets": [TRAINING_DATASET]}, arrays


def load_model() -> PolicyFrameClassifier:
    """The package's policy-frame model: the committed artefact, rebuilt from the pinned data
    (about a minute) when it is missing, corrupt or stale and the data is local."""
    card, arrays = artefacts.load_or_build(
        MODEL_NAME, _fit_default, version=VERSION, data_sha256=_training_sha256(),
        what="policy-frame classifier", data_available=lambda: is_available(TRAINING_DATASET),
    )
    return PolicyFrameClassifier.from_artefact(card, arrays)


def policy_frames(texts: Iterable[str], model: PolicyFrameClassifier | None = None) -> pd.DataFrame:
    """``policy_frames(texts, model=None)``: the policy frames of each text, one row per text.

    Columns: one probability per frame (named as in :data:`FRAMES`), then ``frames`` (the list
    of frames whose probability reaches the frame's threshold). ``model`` defaults to the saved
    model (:func:`load_model`, rebuilt first when missing or stale). Blank texts get
    NaN probabilities and no frames (marked, not dropped). ``attrs`` holds the instrument,
    thresholds and training data sha256. Pass each article as its title, a blank line and its
    body, as the training articles are. Reference: Card et al. (2015, ACL); SemEval-2023 Task 3
    (Piskorski et al. 2023). Caveats: see :class:`PolicyFrameClassifier` and
    :func:`packaged_artefact`; a frame on an article is the classifier's guess that an
    annotator would have marked it, not evidence located in the text.
    """
    texts = texts_of(texts, function="policy_frames")[0]
    if model is None:
        model = load_model()
    probs = model.predict_proba(texts)
    blank = np.array([not t.strip() for t in texts], dtype=bool)
    probs[blank] = np.nan
    out = pd.DataFrame(probs, columns=list(FRAMES))
    predicted = probs >= model.thresholds_
    out["frames"] = [[f for f, yes in zip(FRAMES, row) if yes] for row in predicted]
    out.attrs.update(
        instrument="analysis.framing.policy.policy_frames",
        thresholds=dict(zip(FRAMES, model.thresholds_.tolist())),
        model=getattr(model, "metadata_", {}),
    )
    return out
