"""Sentiment instruments for sentences, documents and actors, each validated on news.

Sentence instruments share one interface, :class:`Instrument` (``name``, ``version``,
``licence``, ``citation``, ``score(texts) -> DataFrame`` with a ``score`` column in [-1, 1]):

============  ===================================================================================
``vader``     VADER compound (Hutto & Gilbert 2014, ICWSM): rules and a social-media lexicon.
              Built for short texts; it saturates on long ones, so it is only ever given sentences.
``hu-liu``    Hu & Liu's (2004, KDD) opinion lexicon: positive and negative word counts.
``lsd2015``   Lexicoder Sentiment Dictionary (Young & Soroka 2012, Political Communication),
              with its negation patterns ("not good*" counts as negative). Non-commercial licence:
              opt-in (``accept_licence=True``).
``news-lr``   :class:`~analysis.sentiment_models.SentenceSentimentClassifier`, a logistic
              regression over words and lexicon sums, trained on NewsMTSC (Hamborg & Donnay 2021)
              sentences; score = P(positive) - P(negative).
============  ===================================================================================

The dictionary counts are put on the Lowe et al. (2011, Legislative Studies Quarterly) logit
scale, ``log((pos + 0.5) / (neg + 0.5))`` (column ``logit``); the ``score`` in [-1, 1] is
``tanh(logit / 2)``, which is exactly ``(pos - neg) / (pos + neg + 1)``: a net tone shrunk
towards 0 when there are few hits.

Levels: :func:`score_sentences` (one row per sentence), :func:`score_documents` (sentence scores
aggregated per document, with bootstrap intervals), :func:`arc` (a document's sentence-by-
sentence tone), :func:`target_sentiment` (sentiment towards a mention at given offsets) and
:func:`actor_sentiment` (per document or group and actor, with the actor table and coreference
of :mod:`analysis.framing.actors`: an aggregate of mention-level tone). The author's stance
towards an actor over a whole document, trained on PerSenT, is
:func:`analysis.actor_tone.actor_tone` (and per paragraph :func:`analysis.actor_tone.paragraph_tone`).

Validation (``python -m analysis.evaluate sentiment``) decides :data:`BEST`. Dictionaries do
poorly on news unless validated (van Atteveldt, van der Velden & Boukes 2021, Communication
Methods and Measures; Chan et al. 2021): read the benchmark before the scores.
"""

from __future__ import annotations

import sys
import warnings
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cached_property

import numpy as np
import pandas as pd

from analysis.data.fetch import DataUnavailable
from analysis.inputs import texts_of
from analysis.stats import bootstrap
from analysis.framing.actors import DEFAULT_ACTORS, Actors, ActorTable, mentions
from analysis.sentiment_models import load_model, vader_scores
from analysis.tokenize import sentence_spans, tokens

#: The sentence instrument whose ``score`` :func:`score_sentences` reports. Measured against the
#: human valence of the SemEval-2007 trial headlines, the only sentence benchmark no instrument
#: was tuned on (``python -m analysis.evaluate sentiment``; Pearson r, 95 % bootstrap CI):
#: VADER 0.620 [0.538, 0.690], news-lr 0.573 [0.483, 0.648], Hu & Liu 0.548 [0.457, 0.623];
#: opt-in LSD2015 0.635 [0.552, 0.704]. None beats VADER by the paired bootstrap of the
#: difference in r (LSD2015 - VADER +0.015 [-0.053, 0.088]), so VADER stays. An equal-weight
#: ensemble of the standardised open instruments (Dawes 1979) was measured too and dropped:
#: 0.624 [0.546, 0.689], paired difference +0.004 [-0.035, 0.045], and its spread does not
#: fit VADER's thresholds (code and twelve variants: commit 00319c6). On NewsMTSC dev
#: sentences news-lr is far ahead, but it was tuned there, so that comparison cannot decide.
BEST = "vader"
#: Target-sentiment models: the torch-free default and the one with sentence embeddings (extra).
TARGET_MODELS = ("target", "target-embeddings")
#: VADER's documented thresholds for calling a compound score positive or negative.
THRESHOLD = 0.05


class Instrument:
    """One sentence-level sentiment instrument: ``score(texts)`` -> one row per text, in order,
    with ``score`` in [-1, 1] and the instrument's own columns."""

    name: str = ""
    version: str = ""
    licence: str = ""
    citation: str = ""

    def score(self, texts: Sequence[str]) -> pd.DataFrame:
        texts = _as_texts(texts)
        frame = self._score(texts)
        frame.attrs["instrument"] = self.describe()
        return frame

    def _score(self, texts: list[str]) -> pd.DataFrame:
        raise NotImplementedError

    def describe(self) -> dict:
        return {"name": self.name, "version": self.version, "licence": self.licence, "citation": self.citation}

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name} {self.version}>"


def _as_texts(texts, function: str = "score") -> list[str]:
    """The texts of the package's input contract (:func:`analysis.inputs.texts_of`), checked."""
    return texts_of(texts, function=function)[0]


class Vader(Instrument):
    """``Vader()``: VADER's compound score per text (Hutto & Gilbert 2014, ICWSM).

    Give it sentences: it sums valences over the whole text and normalises with
    ``x / sqrt(x^2 + 15)``, so long texts drift to +-1. Columns: ``score`` (compound),
    ``neg``, ``neu``, ``pos``.
    """

    name, licence = "vader", "MIT"
    citation = "Hutto, C. J. & Gilbert, E. (2014). VADER. ICWSM 2014."

    def __init__(self):
        from importlib.metadata import version

        self.version = version("vaderSentiment")

    def _score(self, texts):
        # vader_scores is memoised: news-lr and the target features read the same sentences
        return pd.DataFrame([vader_scores(t) for t in texts], columns=["score", "neg", "neu", "pos"])


def logit_scale(positive, negative) -> np.ndarray:
    """Lowe, Benoit, Mikhaylov & Laver (2011, LSQ) logit scale: ``log((pos + .5) / (neg + .5))``."""
    return np.log((np.asarray(positive, float) + 0.5) / (np.asarray(negative, float) + 0.5))


class _Dictionary(Instrument):
    """Counts of positive and negative lexicon hits per text (UD tokens, lower-cased), the
    logit scale, and ``score = tanh(logit / 2) = (pos - neg) / (pos + neg + 1)``."""

    lexicon_name = ""

    def __init__(self, accept_licence: bool = False):
        from analysis.lexicons import get_lexicon

        self.lexicon = get_lexicon(self.lexicon_name, accept_licence=accept_licence)
        self.version, self.licence, self.citation = self.lexicon.version, self.lexicon.licence, self.lexicon.citation

    def _counts(self, counts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
        return counts["positive"], counts["negative"]

    def _score(self, texts):
        counts = self.lexicon.counts([tokens(t, lower=True) for t in texts])
        positive, negative = self._counts(counts)
        logit = logit_scale(positive, negative)
        return pd.DataFrame(
            {"score": np.tanh(logit / 2), "logit": logit, "positive": positive.to_numpy(),
             "negative": negative.to_numpy(), "n_tokens": counts["n_tokens"].to_numpy()}
        )

    def describe(self) -> dict:
        return super().describe() | {"lexicon_sha256": self.lexicon.sha256}


class HuLiu(_Dictionary):
    """``HuLiu()``: Hu & Liu (2004, KDD) opinion-lexicon counts on the logit scale.

    No negation handling ("not good" is one positive hit); built from product reviews.
    """

    name, lexicon_name = "hu-liu", "hu-liu"


class LSD2015(_Dictionary):
    """``LSD2015(accept_licence=False)``: Lexicoder Sentiment Dictionary 2015 (Young & Soroka
    2012, Political Communication) with its negation patterns: positive = positive +
    neg_negative, negative = negative + neg_positive, on the logit scale of Lowe et al. (2011).

    Opt-in: its licence is non-commercial. Caveat: LSD's negation patterns expect "not"; a
    contraction kept whole by the tokeniser ("isn't good") is not seen as negated.
    """

    name, lexicon_name = "lsd2015", "lsd2015"

    def _counts(self, counts):
        return counts["positive"] + counts["neg_negative"], counts["negative"] + counts["neg_positive"]


class NewsLR(Instrument):
    """``NewsLR()``: the news-trained sentence classifier (see :mod:`analysis.sentiment_models`);
    ``score = p_positive - p_negative``. Built from the mirror on first use (about a minute)."""

    name, licence = "news-lr", "MIT (model); NewsMTSC data MIT"
    citation = "Trained on NewsMTSC: Hamborg, F. & Donnay, K. (2021). EACL 2021."

    @cached_property
    def model(self):
        return load_model("sentence")

    @property
    def version(self) -> str:
        return self.model.card_["version"]

    def _score(self, texts):
        proba = _probabilities(self.model, self.model.predict_proba(texts))
        return proba.assign(score=proba["p_positive"] - proba["p_negative"])[["score", *proba.columns]]

    def describe(self) -> dict:
        return super().describe() | {"params": self.model.get_params(), "data_sha256": self.model.card_["data_sha256"]}


def _probabilities(model, proba: np.ndarray) -> pd.DataFrame:
    names = {-1: "p_negative", 0: "p_neutral", 1: "p_positive"}
    return pd.DataFrame(proba, columns=[names[int(c)] for c in model.classes_])


INSTRUMENTS = {"vader": Vader, "hu-liu": HuLiu, "lsd2015": LSD2015, "news-lr": NewsLR}
_OPT_IN = {"lsd2015"}
_cache: dict[tuple[str, bool], Instrument] = {}


def get_instrument(name: str, accept_licence: bool = False) -> Instrument:
    """``get_instrument(name, accept_licence=False)``: a (cached) instrument by name.

    Opt-in instruments are cached per ``(name, accept_licence)``: a copy built after the licence
    was accepted is never handed to a later call that did not accept it (that call raises
    :class:`~analysis.data.LicenceNotAccepted` unless the licence is accepted in the
    environment)."""
    if name not in INSTRUMENTS:
        raise KeyError(f"unknown instrument {name!r}; known: {', '.join(INSTRUMENTS)}")
    key = (name, bool(accept_licence) if name in _OPT_IN else False)
    if key not in _cache:
        _cache[key] = INSTRUMENTS[name](accept_licence) if name in _OPT_IN else INSTRUMENTS[name]()
    return _cache[key]


def _interval(metric, *arrays, n_boot: int) -> tuple[float, float, float]:
    """``(estimate, low, high)`` by :func:`analysis.stats.bootstrap`; with ``n_boot=0``
    the estimate alone (low and high NaN): no resampling asked for."""
    if n_boot <= 0:
        return float(metric(*(np.asarray(a) for a in arrays))), np.nan, np.nan
    return bootstrap(metric, *arrays, n_boot=n_boot)


def score_sentences(texts: Sequence[str], accept_licence: bool = False) -> pd.DataFrame:
    """``score_sentences(texts, accept_licence=False)``: one row per sentence, in order.

    ``score`` is :data:`BEST`'s score in [-1, 1]; beside it one column per instrument
    (``vader``, ``hu-liu``, ``news-lr``, and ``lsd2015`` only when ``accept_licence=True``).
    ``attrs["skipped"]`` names opt-in instruments left out, ``attrs["instruments"]`` describes
    the rest. Give sentences, not articles (use :func:`score_documents` for those).
    """
    texts = _as_texts(texts, "score_sentences")
    names = [n for n in INSTRUMENTS if accept_licence or n not in _OPT_IN]
    columns = {name: get_instrument(name, accept_licence).score(texts)["score"].to_numpy() for name in names}
    frame = pd.DataFrame({"text": texts, "score": columns[BEST], **columns})
    frame.attrs.update(
        best=BEST, instruments=[get_instrument(n, accept_licence).describe() for n in names],
        skipped=sorted(set(INSTRUMENTS) - set(names)),
    )
    return frame


def _documents(docs, text_column: str, id_column: str, function: str) -> pd.DataFrame:
    """``doc_id`` and ``text`` of the input contract; a missing text (None, NaN) is read as empty
    (its row is kept with no sentences), any other non-text a TypeError naming the document."""
    values, index = texts_of(docs, text_column, function=function, strict=False)
    ids = docs[id_column].tolist() if isinstance(docs, pd.DataFrame) and id_column in docs else list(range(len(values)))
    texts = []
    for label, value in zip(index, values):
        if not isinstance(value, str):
            if not (value is None or (pd.api.types.is_scalar(value) and pd.isna(value))):
                raise TypeError(f"{function}(): document {label!r} is {type(value).__name__}; expected a text (str)")
            value = ""
        texts.append(value)
    return pd.DataFrame({"doc_id": ids, "text": texts})


def sentence_table(docs, instrument: str = BEST, text_column: str = "text", id_column: str = "doc_id",
                   accept_licence: bool = False) -> pd.DataFrame:
    """``sentence_table(docs, instrument=BEST)``: every sentence of every document with its score.

    ``docs`` is a list of texts or a DataFrame (``text`` and ``doc_id`` columns). Columns:
    ``doc_id``, ``sentence`` (index in the document), ``start``, ``end`` (character offsets),
    ``text``, ``score``. Sentences come from :func:`analysis.tokenize.sentence_spans`.
    """
    frame = _documents(docs, text_column, id_column, "sentence_table")
    rows = [
        (doc_id, i, start, end, text[start:end])
        for doc_id, text in zip(frame["doc_id"], frame["text"])
        for i, (start, end) in enumerate(sentence_spans(text))
    ]
    table = pd.DataFrame(rows, columns=["doc_id", "sentence", "start", "end", "text"])
    scorer = get_instrument(instrument, accept_licence)
    table["score"] = scorer.score(table["text"].to_list())["score"].to_numpy() if len(table) else []
    table.attrs["instrument"] = scorer.describe()
    return table


def sentence_statistics(scores, doc, n_docs: int) -> pd.DataFrame:
    """Additive statistics of sentence scores per document: one row per document ``0..n_docs-1``
    with ``sum`` and ``n`` of the scores that are not NaN, ``min``, ``max`` (NaN without one),
    ``positive`` and ``negative`` (sentences above :data:`THRESHOLD` / below its negative).

    ``doc`` gives each score's document position. Statistics of the blocks of one document
    combine (sums add; minima and maxima combine), which is how
    :func:`analysis.pipeline.featurize` reads long documents; :func:`document_statistics`
    turns them into the reported figures. The one implementation behind both ``featurize``'s
    ``sentiment_*`` columns and :func:`score_documents`.
    """
    scores = np.asarray(scores, dtype=float)
    doc = np.asarray(doc, dtype=np.int64)
    scored = ~np.isnan(scores)
    extremes = pd.DataFrame({"doc": doc, "score": scores}).groupby("doc")["score"].agg(["min", "max"])
    extremes = extremes.reindex(range(n_docs))
    return pd.DataFrame({
        "sum": np.bincount(doc, np.where(scored, scores, 0.0), n_docs),
        "n": np.bincount(doc, scored, n_docs),
        "min": extremes["min"].to_numpy(), "max": extremes["max"].to_numpy(),
        "positive": np.bincount(doc, scores > THRESHOLD, n_docs),
        "negative": np.bincount(doc, scores < -THRESHOLD, n_docs),
    })


def document_statistics(stats: pd.DataFrame, n_sentences) -> pd.DataFrame:
    """The document figures from :func:`sentence_statistics`: ``mean`` (NaN without a scored
    sentence), ``min``, ``max``, ``positive_share`` and ``negative_share`` (of the document's
    ``n_sentences``; NaN for none)."""
    scored = stats["n"].to_numpy(dtype=float)
    sentences = np.asarray(n_sentences, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return pd.DataFrame({
            "mean": np.where(scored > 0, stats["sum"].to_numpy(dtype=float) / np.where(scored > 0, scored, 1), np.nan),
            "min": stats["min"].to_numpy(dtype=float), "max": stats["max"].to_numpy(dtype=float),
            "positive_share": stats["positive"].to_numpy(dtype=float) / sentences,
            "negative_share": stats["negative"].to_numpy(dtype=float) / sentences,
        })


def score_documents(docs, instrument: str = BEST, text_column: str = "text", id_column: str = "doc_id",
                    n_boot: int = 1000, accept_licence: bool = False) -> pd.DataFrame:
    """``score_documents(docs, instrument=BEST, n_boot=1000)``: document tone from sentence scores.

    Each document is split into sentences, each sentence scored, and the scores aggregated:
    ``n_sentences``, ``mean`` with a 95 % bootstrap interval over sentences (BCa from 20 sentences)
    (``mean_low``, ``mean_high``; :func:`analysis.stats.bootstrap`, seed 0),
    ``share_positive`` / ``share_negative`` (scores above +0.05 / below -0.05), ``min``, ``max``.
    Sentences of one text are not independent, so the interval is optimistic. A document without
    sentences is kept with ``n_sentences = 0`` and NaN scores.
    """
    frame = _documents(docs, text_column, id_column, "score_documents")
    table = sentence_table(frame, instrument, accept_licence=accept_licence)
    n_sentences = np.fromiter((len(sentence_spans(t)) for t in frame["text"]), np.int64, len(frame))
    doc = np.repeat(np.arange(len(frame)), n_sentences)  # sentence_table's rows are in document order
    figures = document_statistics(sentence_statistics(table["score"], doc, len(frame)), n_sentences)
    intervals = [(np.nan, np.nan)] * len(frame)
    for i, scores in table.groupby(doc, sort=True)["score"]:
        intervals[i] = _interval(np.mean, scores.to_numpy(), n_boot=n_boot)[1:]
    out = pd.DataFrame({
        "doc_id": frame["doc_id"], "n_sentences": n_sentences, "mean": figures["mean"],
        "mean_low": [low for low, _ in intervals], "mean_high": [high for _, high in intervals],
        "share_positive": figures["positive_share"], "share_negative": figures["negative_share"],
        "min": figures["min"], "max": figures["max"],
    })
    out.attrs.update(instrument=table.attrs["instrument"], n_boot=n_boot, threshold=THRESHOLD)
    return out


def arc(text: str, instrument: str = BEST, accept_licence: bool = False) -> pd.DataFrame:
    """``arc(text, instrument=BEST)``: the tone of a document sentence by sentence, for plotting.

    Columns: ``sentence`` (index), ``position`` (0 for the first sentence, 1 for the last;
    0 for a one-sentence text), ``score``, ``text``.
    """
    table = sentence_table([text], instrument, accept_licence=accept_licence)
    n = len(table)
    table["position"] = table["sentence"] / (n - 1) if n > 1 else 0.0
    return table[["sentence", "position", "score", "text"]]


# --- targets and actors ----------------------------------------------------------------------


def target_sentiment(
    texts: Sequence[str], starts: Sequence[int], ends: Sequence[int], model: str = "target"
) -> pd.DataFrame:
    """``target_sentiment(texts, starts, ends, model="target")``: sentiment towards the mention
    ``text[start:end]``.

    One row per target, in order: ``mention``, ``context_capped`` (the sentence was longer than
    :data:`MAX_CONTEXT` characters and the model read a window of that size around the mention),
    ``label`` (-1, 0, 1), ``p_negative``, ``p_neutral``, ``p_positive`` and ``score =
    p_positive - p_negative``. A text may be a whole document: the model sees the sentence(s)
    holding the mention; mentions in one sentence share its string and its tokenisation, so the
    time is linear in the length of the text. ``model="target"``:
    :class:`~analysis.sentiment_models.TargetSentimentClassifier` (NewsMTSC, Hamborg & Donnay
    2021), torch-free; ``"target-embeddings"``:
    :class:`~analysis.sentiment_models.EmbeddingTargetSentimentClassifier`, which needs the
    optional ``embeddings`` extra (its artefact is built on first use, several minutes). The
    model's dev-set scores are in ``attrs["model"]``. Raises ``ValueError`` on lengths that
    differ or offsets outside the text.
    """
    if model not in TARGET_MODELS:
        raise ValueError(f"model must be one of {TARGET_MODELS}, got {model!r}")
    texts = _as_texts(texts, "target_sentiment")
    starts, ends = list(starts), list(ends)
    if not len(texts) == len(starts) == len(ends):
        raise ValueError(f"texts, starts and ends differ in length: {len(texts)}, {len(starts)}, {len(ends)}")
    rows, sentences_of, contexts = [], {}, {}  # each distinct text split once; contexts shared
    for i, (text, start, end) in enumerate(zip(texts, starts, ends)):
        if not (0 <= start < end <= len(text)) or not text[start:end].strip():
            raise ValueError(f"target {i}: offsets {start}:{end} do not mark a mention in a text of {len(text)} characters")
        if id(text) not in sentences_of:
            spans = sentence_spans(text)
            sentences_of[id(text)] = ([s.start for s in spans], [s.end for s in spans])
        s0, s1 = _sentence_around(*sentences_of[id(text)], start, end)
        context, s0, capped = _context(text, start, end, s0, s1, contexts)
        rows.append({"mention": text[start:end], "sentence": context, "start": start - s0, "end": end - s0,
                     "context_capped": capped})
    frame = pd.DataFrame(rows, columns=["mention", "sentence", "start", "end", "context_capped"])
    out = _classify_targets(frame, model)
    out.insert(1, "context_capped", frame["context_capped"].astype(bool).to_numpy())
    return out


#: The longest context (characters) the target model reads around one mention. A longer
#: "sentence" (a text without sentence breaks, a list, a table) is cut to this many characters
#: centred on the mention, at spaces, and the row says so (``context_capped``): every mention
#: then costs the same, and a text is scored in time linear in its length.
MAX_CONTEXT = 1000


def _context(text: str, start: int, end: int, s0: int, s1: int, cache: dict) -> tuple[str, int, bool]:
    """The context of the mention ``text[start:end]`` in the sentence ``text[s0:s1]``: the sentence
    itself, or a :data:`MAX_CONTEXT` window around the mention when it is longer. Returns
    ``(context, its offset in text, capped)``; one string per distinct context (``cache``), so
    mentions of one sentence share it instead of each copying it."""
    capped = s1 - s0 > MAX_CONTEXT
    if capped:
        half = max(0, (MAX_CONTEXT - (end - start)) // 2)
        a, b = max(s0, start - half), min(s1, end + half)
        if a > s0:  # start after a space, so no word is cut
            space = text.find(" ", a, start)
            a = space + 1 if space >= 0 else start
        if b < s1:
            space = text.rfind(" ", end, b)
            b = space if space >= 0 else end
        s0, s1 = a, b
    key = (id(text), s0, s1)
    context = cache.get(key)
    if context is None:
        context = cache[key] = text[s0:s1]
    return context, s0, capped


def _sentence_around(sentence_starts: list[int], sentence_ends: list[int], start: int, end: int) -> tuple[int, int]:
    """From the first to the last sentence that overlaps ``[start, end)`` (binary search: a long
    document has many mentions); the span itself when no sentence does."""
    first = bisect_right(sentence_ends, start)
    last = bisect_left(sentence_starts, end) - 1
    return (sentence_starts[first], sentence_ends[last]) if first <= last else (start, end)


def _classify_targets(frame: pd.DataFrame, kind: str = "target") -> pd.DataFrame:
    model = load_model(kind)
    if frame.empty:
        proba = _probabilities(model, np.zeros((0, len(model.classes_))))
    else:
        proba = _probabilities(model, model.predict_proba(frame))
    out = frame[["mention"]].reset_index(drop=True)
    out["label"] = model.classes_[np.argmax(proba.to_numpy(), axis=1)] if len(proba) else []
    out = pd.concat([out, proba], axis=1)
    out["score"] = out["p_positive"] - out["p_negative"]
    out.attrs["model"] = {"params": model.get_params(),
                          **{k: model.card_.get(k) for k in ("version", "data_sha256", "cv_macro_f1", "dev_macro_f1")}}
    return out


def actor_mentions(docs, actors: Actors | None = None, text_column: str = "text",
                   id_column: str = "doc_id") -> pd.DataFrame:
    """``actor_mentions(docs, actors=DEFAULT_ACTORS)``: every actor mention with the sentiment towards it.

    Mentions come from :func:`analysis.framing.actors.mentions`: aliases, titles ("the North
    Korean leader"), metonyms, surnames and he/she pronouns resolved by its coreference rules.
    ``actors`` is an :class:`~analysis.framing.actors.ActorTable` (default
    :data:`~analysis.framing.actors.DEFAULT_ACTORS`; extend it with ``ActorTable.add``) or a
    plain ``{actor: [alias, ...]}`` dict (aliases only, no titles or pronouns). Each mention is
    scored by the target model on its sentence (:func:`target_sentiment`), the actor's other
    mentions in that sentence masked with it. Columns: ``doc_id``, ``actor``, ``actor_type``,
    ``found`` (how it was found), ``mention``, ``start``, ``end`` (offsets in the document),
    ``sentence`` and the columns of :func:`target_sentiment`. Caveat: the target model was
    validated on named people in US news, not on pronouns, countries or institutions.
    """
    table = DEFAULT_ACTORS if actors is None else actors
    table = table if isinstance(table, ActorTable) else ActorTable(table)  # build once, not per text
    frame = _documents(docs, text_column, id_column, "actor_mentions")
    rows = []
    for doc_id, text in zip(frame["doc_id"], frame["text"]):
        spans, contexts = sentence_spans(text), {}
        for sentence, found in mentions(text, table).groupby("sentence", sort=False):
            s0 = min(spans[sentence].start, found["start"].min())
            s1 = max(spans[sentence].end, found["end"].max())
            for actor, start, end, kind, type_ in zip(found["actor"], found["start"], found["end"],
                                                       found["found"], found["actor_type"]):
                context, c0, capped = _context(text, start, end, s0, s1, contexts)
                further = [(a - c0, b - c0) for other, a, b in zip(found["actor"], found["start"], found["end"])
                           if other == actor and a != start and c0 <= a and b <= c0 + len(context)]
                rows.append({"doc_id": doc_id, "actor": actor, "actor_type": type_, "found": kind,
                             "mention": text[start:end], "start": start, "end": end, "sentence": context,
                             "context_capped": capped, "sentence_start": start - c0, "sentence_end": end - c0,
                             "further_mentions": further})
    found = pd.DataFrame(rows, columns=["doc_id", "actor", "actor_type", "found", "mention", "start", "end",
                                        "sentence", "context_capped", "sentence_start", "sentence_end",
                                        "further_mentions"])
    model_input = found.rename(columns={"start": "doc_start", "end": "doc_end",
                                        "sentence_start": "start", "sentence_end": "end"})
    try:
        scored = _classify_targets(model_input)
    except DataUnavailable as error:  # offline with no mirror: the mentions stand, their tone is NaN
        warnings.warn(f"actor_mentions: tone not scored (NaN): {error}", stacklevel=2)
        scored = pd.DataFrame({"mention": found["mention"], "label": np.nan, "p_negative": np.nan,
                               "p_neutral": np.nan, "p_positive": np.nan, "score": np.nan})
        scored.attrs["model"] = {"skipped": str(error)}
    out = pd.concat([found.drop(columns=["sentence_start", "sentence_end", "further_mentions"]),
                     scored.drop(columns="mention")], axis=1)
    out.attrs["model"] = scored.attrs["model"]
    return out


def _mention_weighted_mean(sums: np.ndarray, counts: np.ndarray) -> float:
    return float(sums.sum() / counts.sum())


def actor_sentiment(docs, actors: Actors | None = None, by: str = "doc_id", text_column: str = "text",
                    id_column: str = "doc_id", n_boot: int = 1000) -> pd.DataFrame:
    """``actor_sentiment(docs, actors=DEFAULT_ACTORS, by="doc_id", n_boot=1000)``: tone towards each actor.

    Mentions come from :func:`actor_mentions` (the package's actor table, with coreference; a
    plain ``{actor: [alias, ...]}`` dict also works). They are aggregated per ``by`` (a column of
    ``docs``, e.g. ``"doc_id"``, ``"outlet"``, ``"group"``) and actor: ``n_mentions``,
    ``n_documents``, ``mean_score`` (mean of p_positive - p_negative over mentions),
    ``share_negative``, ``share_neutral``, ``share_positive`` (predicted labels) and a 95 %
    bootstrap interval (``mean_low``, ``mean_high``; seed 0;
    :func:`analysis.stats.bootstrap`):

    * aggregated over documents (``by`` other than the id column): a cluster bootstrap that
      resamples *documents* and recomputes the mention-weighted mean (Field & Welsh 2007, JRSS B),
      since mentions in one text are not independent. A group with one document has no interval
      (NaN);
    * per document (``by`` = the id column): mentions are resampled, which treats them as
      independent, so the interval is optimistic.

    Actors never mentioned have no row.
    """
    frame = docs if isinstance(docs, pd.DataFrame) else pd.DataFrame({text_column: _as_texts(docs)})
    if id_column not in frame:
        frame = frame.assign(**{id_column: range(len(frame))})
    if by not in frame:
        raise KeyError(f"by={by!r} is not a column of docs: {list(frame.columns)}")
    found = actor_mentions(frame, actors, text_column, id_column)
    found[by] = found["doc_id"].map(dict(zip(frame[id_column], frame[by])))
    rows = []
    for (group, actor), part in found.groupby([by, "actor"], sort=True):
        scores, labels = part["score"].to_numpy(), part["label"].to_numpy()
        per_doc = part.groupby("doc_id", sort=False)["score"].agg(["sum", "size"])
        if by == id_column:
            _, low, high = _interval(np.mean, scores, n_boot=n_boot)
        elif len(per_doc) > 1:
            _, low, high = _interval(_mention_weighted_mean, per_doc["sum"].to_numpy(),
                                        per_doc["size"].to_numpy(), n_boot=n_boot)
        else:
            low = high = np.nan
        rows.append({by: group, "actor": actor, "n_mentions": len(part), "n_documents": len(per_doc),
                     "mean_score": float(scores.mean()), "mean_low": low, "mean_high": high,
                     "share_negative": float(np.mean(labels == -1)), "share_neutral": float(np.mean(labels == 0)),
                     "share_positive": float(np.mean(labels == 1))})
    out = pd.DataFrame(rows, columns=[by, "actor", "n_mentions", "n_documents", "mean_score", "mean_low",
                                      "mean_high", "share_negative", "share_neutral", "share_positive"])
    out.attrs.update(model=found.attrs["model"], n_boot=n_boot,
                     resampled="mentions" if by == id_column else "documents")
    return out


def main(argv: list[str] | None = None) -> int:
    """``python -m analysis.sentiment train [--into DIR]``: build the NewsMTSC models (target and
    sentence; the target model with embeddings too when the optional extra is installed) and the
    PerSenT actor-tone models on top of them, into ``DIR`` (default ``config.models_dir()``; give
    ``analysis/models`` to rebuild the packaged copies, byte for byte)."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m analysis.sentiment")
    parser.add_argument("command", choices=["train"])
    parser.add_argument("--into", default=None, help="folder for the artefacts (default: the user model folder)")
    parser.add_argument("--without-embeddings", action="store_true",
                        help="only the torch-free models, even when the embeddings extra is installed")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from analysis import actor_tone, artefacts, embeddings
    from analysis.sentiment_models import load_model, train

    extra = embeddings.available() and not args.without_embeddings
    kinds = ["target", "sentence", *(["target-embeddings"] if extra else [])]
    for kind in kinds:
        train(kind, directory=args.into)
        load_model.cache_clear()
    for kind in ("target", *(["embeddings"] if extra else [])):
        for level in ("document", "paragraph"):
            name = actor_tone.artefact_name(level, kind)
            card, arrays = actor_tone.build(level, kind)
            artefacts.save(name, {**card, "version": actor_tone.VERSION, "data_sha256": actor_tone.data_sha256(),
                                  "datasets": actor_tone.DATASETS}, arrays, directory=args.into)
    return 0


if __name__ == "__main__":
    sys.exit(main())
