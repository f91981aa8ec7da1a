"""The features layer: every document-level figure of the package, in one call, for pandas, Dask
and scikit-learn. Nothing else computes a document figure; :func:`analysis.compare.document_features`
is a view of this, and :func:`feature_dictionary` is the data dictionary of every column.

:func:`featurize` returns one row per input document, with the input's index: ``status``/``reason``
(why a row could not be analysed: it is marked, never dropped), then the features of
:func:`feature_columns`, in groups (:data:`GROUPS`; ``groups=[...]`` computes only some):

* size: characters, sentences (:func:`analysis.tokenize.sentence_spans`), tokens
  (:func:`analysis.tokenize.token_spans`, UD style), word tokens (:func:`analysis.tokenize.is_word`)
  and lexical diversity (MATTR, :func:`analysis.lexical.mattr`);
* sentiment per instrument of :mod:`analysis.sentiment` (VADER, Hu & Liu, the NewsMTSC-trained
  ``news-lr``; LSD2015 opt-in), scored per sentence and aggregated over the document (mean, min,
  max, share of positive and of negative sentences): lexicon scores of whole news articles
  saturate;
* actor mentions (:func:`analysis.framing.actors.mentions`, default actor table) per type and
  per actor, and the mean sentiment towards each actor
  (:func:`analysis.sentiment.target_sentiment`);
* generic frames (:func:`analysis.framing.generic.generic_frames`): a score and a yes/no per
  frame;
* quotations (:func:`analysis.framing.quotes.quotes`) by kind and the share of words inside
  speech quotations, attributions (:func:`analysis.framing.quotes.attributions`) by
  named/anonymous and source type;
* hedging markers (:func:`analysis.framing.hedging.hedging`): the writer's per category, and
  those inside quotations (the quoted source's) apart;
* every count of quotations, attributions and markers also as a rate per 1,000 word tokens
  (``_per_1000``).

``df.attrs["featurize"]`` records the package version, the parameters and every instrument with
its version. A Dask DataFrame gives a Dask DataFrame (one
``map_partitions`` with explicit ``meta``) with the same numbers; :class:`FeatureExtractor` is
the scikit-learn transformer.

Speed. Each sentiment instrument scores all sentences of a chunk of documents in one call (the
lexicon ones through sparse count matrices); target sentiment classifies all actor mentions of a
chunk at once. Sentences, tokens and quotations are memoised (:mod:`analysis._memo`), so the
instruments that read the same texts split them once. Case-insensitive rules run on lower-cased
text through lower-case twins of their patterns, tried only at the word starts that can open
them (:mod:`analysis.framing._caseless`). The cyclic garbage collector is paused while a chunk
is analysed. The quotation, attribution and hedging instruments run on several
documents at once: each chunk's documents are joined by a separator paragraph, and rows are
mapped back by character offset. Their rules never cross a blank line (sentences end there,
quotations stop at a paragraph that does not open with a quotation mark), so this gives the
same rows as one call per document (tested) while building one result frame per batch, not per
document.

Long documents and bad luck. Documents longer than ``block_chars`` are cut into blocks (at
paragraph breaks, else at whitespace) and every instrument reads the blocks; each group returns
additive statistics per block (counts, sums, minima, maxima, the set of frame questions answered
as a bit mask), combined exactly into the document's row, and ``reason`` says so: a quotation or
a coreference chain that spans a cut is split there. Blocks are analysed in calls of about a
million characters, so the memory of a chunk does not grow with its longest document, and
sentences longer than :data:`analysis.tokenize.MAX_SENTENCE_CHARS` are split (also said in
``reason``), so no instrument's per-sentence work grows with the text. With ``n_jobs > 1`` a
worker process that dies costs no rows: its chunk is re-run alone in a fresh worker, then
document by document.
"""

from __future__ import annotations

import gc
import math
import numbers
import os
import re
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import lru_cache, partial

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from analysis.framing import actors, generic, hedging, quotes
from analysis import sentiment as sentiment_instruments
from analysis.data.fetch import DataUnavailable
from analysis.inputs import texts_of
from analysis.lexical import mattr_parts
from analysis.tokenize import MAX_SENTENCE_CHARS, is_word, sentence_spans, split_sentences, token_spans

__all__ = ["DEFAULT_SENTIMENT", "GROUPS", "FeatureExtractor", "feature_columns", "feature_dictionary", "featurize"]

#: Sentence sentiment instruments scored by default (:data:`analysis.sentiment.INSTRUMENTS`
#: without the opt-in ``lsd2015``).
DEFAULT_SENTIMENT = ("vader", "hu-liu", "news-lr")
AGGREGATES = ("mean", "min", "max", "positive_share", "negative_share")
#: The feature groups, each one instrument's columns (:func:`feature_dictionary`); ``size`` is
#: always computed (every rate needs the word count).
GROUPS = ("size", "sentiment", "frames", "actors", "quotes", "attributions", "hedging")
QUOTE_KINDS = ("direct", "partial", "scare", "name")
SPEECH = ("direct", "partial")  # the quotation kinds that are speech
MATTR_WINDOW = 100
SOURCE_TYPES = (*quotes.SOURCE_TYPES, "other")  # attributions' source_type, "other" when none matches
# A paragraph of its own between documents of a batch, longer than any gap across which a rule
# links two paragraphs (quotes: a quotation inherits the previous speaker across at most 160
# characters), so that no row of one document depends on its neighbour
_SEPARATOR = "\n\n" + "\u00a7" * 200 + "\n\n"
_BATCH_CHARS = 50_000  # characters per framing-instrument call (their memos hold 2 million)
_BREAK = re.compile(r"\n[^\S\n]*\n")
_CALL_CHARS = 1_000_000  # characters analysed in one call: bounds the memory of a chunk
_SAMPLE_CHARS = 100_000  # characters looked at for the language and binary notes
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
_LETTER = re.compile(r"[^\W\d_]")
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_WORD = re.compile(r"[^\W\d_]+")
#: Frequent English function words: a text of 30 or more Latin words in which they are fewer
#: than 1 in 20 gets a note that it may not be English (in news they are about 1 in 3).
_FUNCTION_WORDS = frozenset(
    "the of and to in a is that for it on was with as by he she said at be from his her are "
    "have has an not this but they were will would had been who which their its or".split()
)


def _name(label: str) -> str:
    """The column-name form of a label: lower case, runs of non-word characters as one ``_``."""
    return re.sub(r"\W+", "_", label).strip("_").lower()


@dataclass(frozen=True)
class Options:
    """The parameters of one :func:`featurize` run (picklable, recorded in ``attrs``)."""

    sentiment: tuple[str, ...] = DEFAULT_SENTIMENT
    accept_licence: bool = False
    frame_threshold: float = generic.DEFAULT_THRESHOLD
    block_chars: int = 20_000
    groups: tuple[str, ...] = None  # type: ignore[assignment]  # None: every group

    def __post_init__(self):
        if isinstance(self.groups, str):
            raise ValueError(f"groups must be a sequence of group names, got the string {self.groups!r}")
        asked = set(GROUPS if self.groups is None else self.groups)
        if unknown := asked - set(GROUPS):
            raise ValueError(f"unknown feature group(s) {sorted(unknown)}; known: {', '.join(GROUPS)}")
        # in the order of GROUPS, with "size" always (every rate needs the word count)
        object.__setattr__(self, "groups", tuple(g for g in GROUPS if g in asked | {"size"}))
        if "sentiment" not in asked:  # no sentence scores asked for: no sentiment columns
            object.__setattr__(self, "sentiment", ())


# --- the columns ------------------------------------------------------------------------------


_RATE = "per 1,000 word tokens (n_words)"


def _entries(options: Options) -> list[tuple[str, str, str, str, str]]:
    """``(column, dtype, instrument, meaning, group)`` of every feature column of the groups of
    ``options``, in order: the one description of the layer, from which the schema and
    :func:`feature_dictionary` are built."""
    out: list[tuple[str, str, str, str, str]] = []

    def group(name: str) -> None:  # the rows gathered so far belong to group ``name``
        if name in options.groups:
            out.extend((*row, name) for row in rows)
        rows.clear()

    rows = [
        ("n_chars", "Int64", "python", "characters in the text"),
        ("n_sentences", "Int64", "analysis.tokenize.sentence_spans", "sentences in the text"),
        ("n_tokens", "Int64", "analysis.tokenize.token_spans", "tokens (Universal Dependencies style)"),
        ("n_words", "Int64", "analysis.tokenize.is_word", "word tokens: tokens holding a letter or a digit"),
        ("mattr", "float64", "analysis.lexical.mattr",
         f"lexical diversity: moving-average type-token ratio of the lower-cased word tokens, window {MATTR_WINDOW}"),
    ]
    group("size")
    for name in options.sentiment:
        prefix, where = f"sentiment_{_name(name)}", f"analysis.sentiment ({name})"
        rows += [(f"{prefix}_{a}", "float64", where, f"{a} of the sentence scores (-1..1)") for a in ("mean", "min", "max")]
        rows += [(f"{prefix}_{a}_share", "float64", where,
                  f"share of sentences scoring {'above' if a == 'positive' else 'below minus'} "
                  f"{sentiment_instruments.THRESHOLD}") for a in ("positive", "negative")]
    group("sentiment")
    for frame in generic.FRAMES:
        where = "analysis.framing.generic.generic_frame_evidence"
        rows += [(f"frame_{frame}_score", "float64", where, f"{frame} frame: share of its rule questions answered yes (0..1)"),
                 (f"frame_{frame}", "boolean", where, f"{frame} frame present: score at least frame_threshold")]
    group("frames")
    where = "analysis.framing.actors.mention_records (DEFAULT_ACTORS)"
    rows += [("actor_mentions", "Int64", where, "mentions of the actors of the default table"),
             ("actors_distinct", "Int64", where, "actors of the default table mentioned at least once")]
    rows += [(f"actor_mentions_{_name(t)}", "Int64", where, f"mentions of actors of type {t}") for t in actors.ACTOR_TYPES]
    for actor in actors.DEFAULT_ACTORS:
        rows += [(f"actor_{_name(actor.name)}", "Int64", where, f"mentions of {actor.name}"),
                 (f"actor_{_name(actor.name)}_sentiment", "float64", "analysis.sentiment.target_sentiment",
                  f"mean target sentiment of the mentions of {actor.name} (p_positive - p_negative)")]
    group("actors")
    where = "analysis.framing.quotes.quotes"
    rows += [("quotes", "Int64", where, "quotations (outermost)")]
    rows += [(f"quotes_{k}", "Int64", where, f"outermost quotations of kind {k}") for k in QUOTE_KINDS]
    rows += [(f"quotes_{k}_per_1000", "float64", where, f"quotations of kind {k} {_RATE}") for k in SPEECH]
    rows += [("quotes_with_speaker", "Int64", where, "outermost quotations with a speaker"),
             ("quotes_unbalanced", "Int64", where, "outermost quotations left open"),
             ("quoted_share", "float64", where, "share of word tokens inside speech quotations (direct or partial)")]
    group("quotes")
    where = "analysis.framing.quotes.attributions"
    for kind, meaning in (("", "attributions"), ("_named", "attributions to a named source"),
                          ("_anonymous", "attributions to an anonymous source")):
        rows += [(f"attributions{kind}", "Int64", where, meaning),
                 (f"attributions{kind}_per_1000", "float64", where, f"{meaning} {_RATE}")]
    for kind in SOURCE_TYPES:
        rows += [(f"attributions_{_name(kind)}", "Int64", where, f"attributions to a source of type {kind}"),
                 (f"attributions_{_name(kind)}_per_1000", "float64", where, f"attributions to {kind} {_RATE}")]
    group("attributions")
    where = "analysis.framing.hedging.hedging"
    for category, meaning in ((None, "the writer's hedging and certainty markers (outside quotations)"),
                              *((c, f"the writer's markers of category {c}") for c in hedging.CATEGORIES),
                              ("quoted", "markers inside quotations: the quoted source's, not the writer's")):
        column = "hedging" if category is None else f"hedging_{_name(category)}"
        rows += [(column, "Int64", where, meaning), (f"{column}_per_1000", "float64", where, f"{meaning} {_RATE}")]
    group("hedging")
    return out


@lru_cache(maxsize=8)
def _schema(options: Options) -> dict[str, str]:
    """Column -> dtype of a :func:`featurize` result, in order."""
    return {"status": "str", "reason": "str"} | {c: dtype for c, dtype, *_ in _entries(options)}


def _options(sentiment, groups) -> Options:
    return Options(tuple(sentiment) if not isinstance(sentiment, str) else sentiment, groups=groups)


def feature_columns(sentiment: Sequence[str] = DEFAULT_SENTIMENT, groups: Sequence[str] | None = None) -> list[str]:
    """The numeric feature columns :func:`featurize` returns with these sentiment instruments
    and feature groups (default: all of :data:`GROUPS`)."""
    return list(_schema(_options(sentiment, groups)))[2:]


def feature_dictionary(sentiment: Sequence[str] = DEFAULT_SENTIMENT, groups: Sequence[str] | None = None) -> pd.DataFrame:
    """The data dictionary of :func:`featurize`: one row per feature column, in order, with its
    ``dtype``, the ``instrument`` that computes it, its ``meaning`` and its ``group``.

    The naming scheme: lower-case snake case; a group prefix (``sentiment_``, ``frame_``,
    ``actor_``, ``quotes``, ``attributions``, ``hedging``); counts are bare, rates end in
    ``_per_1000`` (per 1,000 word tokens, :func:`analysis.tokenize.is_word`), shares in
    ``_share`` (0..1), rule scores in ``_score``.
    """
    return pd.DataFrame(_entries(_options(sentiment, groups)), columns=["column", "dtype", "instrument", "meaning", "group"])


# --- input checks -----------------------------------------------------------------------------


def _text_note(text: str) -> str | None:
    """A note for a text the instruments are not built for: binary or garbled bytes, a mostly
    non-Latin script, or Latin text with few English function words (first 100,000 characters;
    the thresholds are rules of thumb, not a language identifier)."""
    sample = text[:_SAMPLE_CHARS]
    control = len(_CONTROL.findall(sample)) if _CONTROL.search(sample) else 0
    if control >= 3:
        visible = len("".join(sample.split()))
        if visible and control >= 0.1 * visible:
            return f"looks binary or garbled: {control / visible:.0%} control or replacement characters"
    if sample.isascii():  # every letter is a Latin one: only "no letters" can apply
        if _LETTER.search(sample) is None:
            return "no letters: nothing for the text instruments to read"
    else:
        letters = len(sample) - len(_LETTER.sub("", sample))
        if letters == 0:
            return "no letters: nothing for the text instruments to read"
        latin = len(sample) - len(_LATIN_LETTER.sub("", sample))
        if letters >= 20 and latin < 0.5 * letters:
            return f"mostly non-Latin script ({1 - latin / letters:.0%} of letters): the instruments are for English"
    words = _WORD.findall(sample)
    if len(words) >= 30:
        share = sum(w.lower() in _FUNCTION_WORDS for w in words) / len(words)
        if share < 0.05:
            return f"few English function words ({share:.0%} of words): may not be English"
    return None


def _prepare(value) -> tuple[str | None, str, str | None]:
    """``(text or None, status, reason)`` for one cell of the text column (any type)."""
    notes = []
    if isinstance(value, (bytes, bytearray, memoryview)):
        value = bytes(value)
        text = value.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - value.count("\ufffd".encode())
        note = f"; {replaced} invalid byte sequences replaced" if replaced else ""
        value = text
        notes.append(f"decoded from UTF-8 bytes{note}")
    elif not isinstance(value, str):
        try:
            missing = value is None or value is pd.NA or bool(pd.api.types.is_scalar(value) and pd.isna(value))
        except (TypeError, ValueError):
            missing = False
        if missing:
            return None, "missing", "no text (None or NaN)"
        return None, "invalid", f"expected str or bytes, got {type(value).__name__}"
    if not value.strip():
        return value, "empty", "; ".join(notes + ["empty or whitespace-only text"])
    note = _text_note(value)
    return value, "ok", "; ".join(notes + [note] if note else notes) or None


def _check_dask_frame(df, text_column: str) -> None:
    if text_column not in df.columns:
        raise KeyError(f"featurize(): no text column {text_column!r}; the columns are {list(df.columns)} "
                       "(pass text_column=...)")


def _check_options(options: Options, n_jobs, chunk_size) -> int:
    """Refuse bad arguments up front (a clear ValueError); returns the number of processes."""
    threshold = options.frame_threshold
    if isinstance(threshold, bool) or not isinstance(threshold, numbers.Real) or not 0 <= threshold <= 1:
        raise ValueError(f"frame_threshold must be a number in [0, 1], got {threshold!r}")
    for name, value, least in (("block_chars", options.block_chars, 1), ("chunk_size", chunk_size, 1)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < least:
            raise ValueError(f"{name} must be an integer of at least {least}, got {value!r}")
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, numbers.Integral) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be at least 1, or -1 for every core; got {n_jobs!r}")
    if isinstance(options.sentiment, str):
        raise ValueError(f"sentiment must be a sequence of instrument names, got the string {options.sentiment!r}")
    return _cores() if n_jobs == -1 else int(n_jobs)


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- feature groups: each maps a list of texts to a frame of additive statistics per text ----
# (sums, counts, minima, maxima and bit masks), so that the blocks of a long document combine
# into its row exactly: see _combine and _finish.


@dataclass
class _Parsed:
    """Sentences and tokens of a list of texts, flattened over sentences."""

    texts: list[str]
    n_sentences: np.ndarray  # per document
    sentence_doc: np.ndarray  # per sentence: its document's position
    sentences: list[str]
    sentence_tokens: list[list[str]]
    sourcing: dict = field(default_factory=dict)  # instrument -> (rows, documents), see _sourcing

    @classmethod
    def of(cls, texts: list[str]) -> _Parsed:
        counts, sentences, tokens = [], [], []
        for text in texts:
            spans = sentence_spans(text)
            counts.append(len(spans))
            for s, e in spans:
                sentence = text[s:e]  # tokenised alone, as the sentiment instruments do (memoised)
                sentences.append(sentence)
                tokens.append([sentence[a:b] for a, b in token_spans(sentence)])
        n = np.asarray(counts, dtype=np.int64)
        return cls(texts, n, np.repeat(np.arange(len(texts)), n), sentences, tokens)


def _size(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Sentences, tokens, word tokens and the two sums of MATTR (:func:`analysis.lexical.mattr_parts`)."""
    n = len(parsed.texts)
    words: list[list[str]] = [[] for _ in range(n)]
    n_tokens = np.zeros(n, dtype=np.int64)
    for doc, tokens in zip(parsed.sentence_doc.tolist(), parsed.sentence_tokens):
        n_tokens[doc] += len(tokens)
        words[doc] += [t.lower() for t in tokens if is_word(t)]
    parts = [mattr_parts(w, MATTR_WINDOW) for w in words]
    return pd.DataFrame({
        "n_sentences": parsed.n_sentences,
        "n_tokens": n_tokens,
        "n_words": np.fromiter(map(len, words), np.int64, n),
        "mattr__sum": [total for total, _ in parts],
        "mattr__n": [count for _, count in parts],
        "split__n": [split_sentences(t) for t in parsed.texts],
    })


@lru_cache(maxsize=None)
def _instrument(name: str, accept_licence: bool):
    """The sentence instrument ``name``, or None (with one warning naming the missing data and how
    to fetch it) when the data it reads are not local: its columns are then NaN, never a failed
    run. Cached per process, so the warning is given once."""
    try:
        instrument = sentiment_instruments.get_instrument(name, accept_licence)
        instrument.score([""])  # loads its lexicon or model now, not in the middle of a chunk
        return instrument
    except DataUnavailable as error:
        warnings.warn(f"featurize: sentiment instrument {name!r} skipped (its columns are NaN): {error}",
                      stacklevel=2)
        return None


def _target_scores(texts: list[str], starts, ends) -> np.ndarray:
    """Target sentiment of each mention, or NaN for all when the model's data are not local."""
    try:
        return sentiment_instruments.target_sentiment(texts, starts, ends)["score"].to_numpy(dtype=float)
    except DataUnavailable as error:
        if not _TARGET_WARNED:
            _TARGET_WARNED.append(True)
            warnings.warn(f"featurize: actor sentiment skipped (NaN): {error}", stacklevel=2)
        return np.full(len(texts), np.nan)


_TARGET_WARNED: list[bool] = []


def _sentiment(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Each instrument of :mod:`analysis.sentiment` scores every sentence (one call per chunk);
    per document the additive statistics of :func:`analysis.sentiment.sentence_statistics`,
    from which :func:`_finish` takes the mean, min, max and the shares of positive and negative
    sentences (:func:`analysis.sentiment.document_statistics`)."""
    columns, n = {}, len(parsed.texts)
    for name in options.sentiment:
        instrument = _instrument(name, options.accept_licence)
        if instrument is None:  # its data are not local: NaN scores, said once by _instrument
            score = np.full(len(parsed.sentences), np.nan)
        else:
            score = instrument.score(parsed.sentences)["score"].to_numpy(dtype=float)
        stats = sentiment_instruments.sentence_statistics(score, parsed.sentence_doc, n)
        prefix = f"sentiment_{_name(name)}"
        columns |= {f"{prefix}__{key}": stats[key].to_numpy() for key in stats.columns}
    return pd.DataFrame(columns)


_QUESTION_BIT = {}
for _frame in generic.FRAMES:
    for _bit, _key in enumerate(dict.fromkeys(q.key for q in generic.QUESTIONS if q.frame == _frame)):
        _QUESTION_BIT[_frame, _key] = 1 << _bit


def _frames(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Generic-frame evidence of all texts at once: per frame, the set of questions answered yes
    (a bit mask), from which :func:`_finish` computes the scores as
    :func:`analysis.framing.generic.generic_frames` defines them (questions answered yes /
    questions asked; present at ``frame_threshold``; NaN for a blank text; tested to agree)."""
    evidence = generic.generic_frame_evidence(parsed.texts)
    masks = {f: np.zeros(len(parsed.texts), dtype=np.int64) for f in generic.FRAMES}
    for doc, frame, key in zip(evidence["doc"], evidence["frame"], evidence["indicator"]):
        masks[frame][doc] |= _QUESTION_BIT[frame, key]
    return pd.DataFrame({f"frame_{frame}__mask": mask for frame, mask in masks.items()})


def _actors(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Mentions of the actors of :data:`analysis.framing.actors.DEFAULT_ACTORS` (one call per
    document: its coreference looks back across the text), per type and per actor, and the
    sentiment towards each actor (:func:`analysis.sentiment.target_sentiment` of every mention,
    one call per chunk): its sum and count, for the mean."""
    rows = [actors.mention_records(text) for text in parsed.texts]
    doc = np.repeat(np.arange(len(rows)), [len(m) for m in rows]).astype(np.int64)
    flat = [r for m in rows for r in m]
    found = pd.DataFrame(flat, columns=["start", "end", "actor", "actor_type"])
    texts = [parsed.texts[d] for d in doc]
    score = _target_scores(texts, found["start"], found["end"])
    scored = ~np.isnan(score)
    n = len(parsed.texts)
    columns = {"actor_mentions": np.bincount(doc, minlength=n)}
    kinds = found["actor_type"].to_numpy()
    for kind in actors.ACTOR_TYPES:
        columns[f"actor_mentions_{kind}"] = _count(doc, kinds == kind, n)
    names = found["actor"].to_numpy()
    for actor in actors.DEFAULT_ACTORS:
        prefix, mine = f"actor_{_name(actor.name)}", names == actor.name
        columns[prefix] = _count(doc, mine, n)
        columns[f"{prefix}__sum"] = np.bincount(doc[mine & scored], score[mine & scored], n)
        columns[f"{prefix}__n"] = _count(doc, mine & scored, n)
    return pd.DataFrame(columns)


def _blocks(text: str, limit: int) -> list[int]:
    """Start offsets of blocks of at most ``limit`` characters, cut at a paragraph break when one
    lies in the second half of the block, else after whitespace, else anywhere."""
    starts, start = [0], 0
    while len(text) - start > limit:
        end = start + limit
        breaks = [m.end() for m in _BREAK.finditer(text, start + limit // 2, end)]
        if breaks:
            cut = breaks[-1]
        else:
            space = max(text.rfind(c, start + 1, end) for c in " \n\t")
            cut = space + 1 if space > start else end
        starts.append(cut)
        start = cut
    return starts


def _batched(
    instruments: dict[str, Callable[[str], pd.DataFrame]], texts: list[str], limit: int
) -> dict[str, tuple[pd.DataFrame, np.ndarray]]:
    """Each of ``instruments`` over all ``texts`` in joined batches: per instrument, its rows and
    each row's document (by the row's ``start``).

    The instruments read each batch one after another, so what one computes and memoises (the
    quotations, the cue model's candidates) is still in the memo when the next reads the same
    batch. The rows' character offsets stay those of the joined batch text (only counts are
    needed).
    """
    pieces = []  # (document, piece of its text)
    for doc, text in enumerate(texts):
        starts = _blocks(text, limit)
        pieces += [(doc, text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)])]
    found: dict[str, tuple[list, list]] = {name: ([], []) for name in instruments}
    batch, size = [], 0
    for i, piece in enumerate(pieces):
        batch.append(piece)
        size += len(piece[1])
        if size >= _BATCH_CHARS or i == len(pieces) - 1:
            offsets = np.cumsum([0] + [len(p) + len(_SEPARATOR) for _, p in batch[:-1]])
            joined = _SEPARATOR.join(p for _, p in batch)
            owners = np.asarray([d for d, _ in batch], dtype=np.int64)
            for name, instrument in instruments.items():
                rows = instrument(joined)
                found[name][0].append(rows)
                found[name][1].append(owners[np.searchsorted(offsets, rows["start"].to_numpy(), side="right") - 1])
            batch, size = [], 0
    return {
        name: (pd.concat(frames, ignore_index=True), np.concatenate(docs)) if frames
        else (instruments[name]("").iloc[:0], np.zeros(0, dtype=np.int64))
        for name, (frames, docs) in found.items()
    }


_SOURCING = {"quotes": quotes.quotes, "attributions": quotes.attributions, "hedging": hedging.hedging}


def _sourcing(parsed: _Parsed, options: Options, name: str) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows of the sourcing instrument ``name`` and their documents; the instruments of the
    run's groups read the batches together on first use (:func:`_batched`)."""
    if not parsed.sourcing:
        wanted = {g: f for g, f in _SOURCING.items() if g in options.groups}
        parsed.sourcing.update(_batched(wanted, parsed.texts, options.block_chars))
    return parsed.sourcing[name]


def _count(docs: np.ndarray, mask, n_docs: int) -> np.ndarray:
    return np.bincount(docs[np.asarray(mask, dtype=bool)], minlength=n_docs).astype(np.int64)


def _quotes(parsed: _Parsed, options: Options) -> pd.DataFrame:
    n = len(parsed.texts)
    rows, docs = _sourcing(parsed, options, "quotes")
    top = (rows["depth"] == 0).to_numpy()
    columns = {"quotes": _count(docs, top, n)}
    for kind in QUOTE_KINDS:
        columns[f"quotes_{kind}"] = _count(docs, top & (rows["kind"] == kind).to_numpy(), n)
    columns["quotes_with_speaker"] = _count(docs, top & rows["speaker"].notna().to_numpy(), n)
    columns["quotes_unbalanced"] = _count(docs, top & ~rows["balanced"].to_numpy(), n)
    speech = top & rows["kind"].isin(SPEECH).to_numpy()
    quoted = [sum(map(is_word, _tokens(q))) for q in rows["quote"][speech]]
    columns["quoted__words"] = np.bincount(docs[speech], np.asarray(quoted, dtype=float), n).astype(np.int64)
    return pd.DataFrame(columns)


def _tokens(text: str) -> list[str]:
    return [text[a:b] for a, b in token_spans(text)]


def _attributions(parsed: _Parsed, options: Options) -> pd.DataFrame:
    n = len(parsed.texts)
    rows, docs = _sourcing(parsed, options, "attributions")
    named = rows["named"]
    columns = {
        "attributions": _count(docs, np.ones(len(rows)), n),
        "attributions_named": _count(docs, named.eq(True).fillna(False), n),
        "attributions_anonymous": _count(docs, named.eq(False).fillna(False), n),
    }
    for kind in SOURCE_TYPES:
        columns[f"attributions_{_name(kind)}"] = _count(docs, rows["source_type"] == kind, n)
    return pd.DataFrame(columns)


def _hedging(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """The writer's markers per category, and the markers inside quotations (the quoted
    source's: ``whose`` of :func:`analysis.framing.hedging.hedging`)."""
    n = len(parsed.texts)
    rows, docs = _sourcing(parsed, options, "hedging")
    writer = (rows["whose"] == "writer").to_numpy()
    columns = {"hedging": _count(docs, writer, n), "hedging_quoted": _count(docs, ~writer, n)}
    for category in hedging.CATEGORIES:
        columns[f"hedging_{_name(category)}"] = _count(docs, writer & (rows["category"] == category).to_numpy(), n)
    return pd.DataFrame(columns)


_GROUP_OF = {"size": _size, "sentiment": _sentiment, "frames": _frames, "actors": _actors,
             "quotes": _quotes, "attributions": _attributions, "hedging": _hedging}


# --- one chunk --------------------------------------------------------------------------------


@contextmanager
def _cyclic_gc_paused():
    """Pause Python's cyclic garbage collector (reference counting goes on freeing almost
    everything). A chunk's analysis creates hundreds of thousands of small objects (spans,
    tokens, memo entries), and each full collection in the middle of it walks all of them: about
    a sixth of the run time on 2,000 Reuters articles. Cycles left by the chunk are collected
    at the collector's next run once it is enabled again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _analyse(texts: list[str], options: Options) -> pd.DataFrame:
    with _cyclic_gc_paused():
        parsed = _Parsed.of(texts)
        return pd.concat([_GROUP_OF[group](parsed, options) for group in options.groups], axis=1)


def _analyse_safely(texts: list[str], options: Options, failed: dict[int, str]) -> pd.DataFrame:
    """:func:`_analyse`; if it raises, text by text, each failure noted in ``failed``."""
    try:
        return _analyse(texts, options)
    except Exception:  # noqa: BLE001 - find the text(s) responsible, keep every other row
        pass
    rows = {}
    for i, text in enumerate(texts):
        try:
            rows[i] = _analyse([text], options).iloc[0]
        except Exception as error:  # noqa: BLE001 - marked in the row, never dropped
            failed[i] = f"analysis failed: {type(error).__name__}: {error}"
    return pd.DataFrame.from_dict(rows, orient="index").reindex(range(len(texts)))


def _units(texts: list[str], limit: int) -> tuple[list[str], np.ndarray]:
    """The texts cut into blocks of at most ``limit`` characters (:func:`_blocks`), and each
    block's text position."""
    units, owner = [], []
    for doc, text in enumerate(texts):
        starts = _blocks(text, limit) if len(text) > limit else [0]
        units += [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)])]
        owner += [doc] * len(starts)
    return units, np.asarray(owner, dtype=np.int64)


def _combine(stats: pd.DataFrame, owner: np.ndarray, n_docs: int) -> pd.DataFrame:
    """Statistics of blocks -> statistics of their documents: sums, except minima (``__min``),
    maxima (``__max``) and bit masks (``__mask``, or-ed). A document with a failed block is NA."""
    if len(owner) == n_docs:  # one block per document
        return stats.set_axis(range(n_docs))
    grouped = stats.groupby(owner, sort=True)
    how = {}
    for column in stats.columns:
        if column.endswith("__min"):
            how[column] = "min"
        elif column.endswith("__max"):
            how[column] = "max"
        elif column.endswith("__mask"):
            how[column] = lambda m: np.bitwise_or.reduce(m.to_numpy(dtype=np.int64))
        else:
            how[column] = lambda v: v.sum(min_count=len(v))  # NA if a block failed
    out = grouped.agg(how)
    failed = stats.isna().all(axis=1).groupby(owner).any()
    out[failed.to_numpy()] = np.nan
    return out.reindex(range(n_docs))


def _finish(stats: pd.DataFrame, texts: list[str], options: Options) -> pd.DataFrame:
    """Document statistics -> the feature columns of :func:`_schema`."""
    sentences = stats["n_sentences"].to_numpy(dtype=float)
    columns = {"n_chars": np.where(np.isnan(sentences), np.nan, [len(t) for t in texts])}
    for name in ("n_sentences", "n_tokens", "n_words", "split__n"):
        columns[name] = stats[name]
    words = stats["n_words"].to_numpy(dtype=float)

    def per_1000(count) -> np.ndarray:
        return np.where(words > 0, np.asarray(count, dtype=float) * 1000 / np.where(words > 0, words, 1), np.nan)

    with np.errstate(invalid="ignore", divide="ignore"):
        windows = stats["mattr__n"].to_numpy(dtype=float)
        columns["mattr"] = np.where(windows > 0, stats["mattr__sum"] / windows, np.nan)
        for name in options.sentiment:
            prefix = f"sentiment_{_name(name)}"
            mine = stats[[c for c in stats.columns if c.startswith(f"{prefix}__")]]
            figures = sentiment_instruments.document_statistics(mine.rename(columns=lambda c: c.split("__")[1]), sentences)
            columns |= {f"{prefix}_{key}": figures[key].to_numpy() for key in AGGREGATES}
        if "frames" in options.groups:
            blank = sentences == 0
            for frame in generic.FRAMES:
                asked = sum(q.frame == frame for q in generic.QUESTIONS)
                masks = stats[f"frame_{frame}__mask"]
                answered = np.asarray([np.nan if pd.isna(m) else int(m).bit_count() for m in masks])
                score = np.where(blank, np.nan, answered / asked)
                columns[f"frame_{frame}_score"] = score
                present = np.where(blank | np.isnan(score), None, score >= options.frame_threshold)
                columns[f"frame_{frame}"] = pd.array(present, "boolean")
        if "actors" in options.groups:
            for column in ("actor_mentions", *(f"actor_mentions_{t}" for t in actors.ACTOR_TYPES)):
                columns[column] = stats[column]
            names = [f"actor_{_name(a.name)}" for a in actors.DEFAULT_ACTORS]
            columns["actors_distinct"] = (stats[names] > 0).sum(axis=1).where(stats[names].notna().all(axis=1))
            for prefix in names:
                columns[prefix] = stats[prefix]
                scored = stats[f"{prefix}__n"].to_numpy(dtype=float)
                columns[f"{prefix}_sentiment"] = np.where(scored > 0, stats[f"{prefix}__sum"] / scored, np.nan)
        for column in stats.columns:
            if column.startswith(("quotes", "attributions", "hedging")):
                columns[column] = stats[column]
                columns[f"{column}_per_1000"] = per_1000(stats[column])
        if "quotes" in options.groups:
            columns["quoted_share"] = np.where(words > 0, stats["quoted__words"] / np.where(words > 0, words, 1), np.nan)
    return pd.DataFrame(columns)


def _featurize_texts(values: list, options: Options) -> pd.DataFrame:
    """The result frame (``RangeIndex``) for one chunk of text-column values.

    Texts longer than ``block_chars`` are cut into blocks; blocks are analysed in calls of at
    most about a million characters (so the memory of a chunk is bounded by the call size, not
    by its longest document), and each call's statistics combined into document rows."""
    prepared = [_prepare(v) for v in values]
    analysable = [i for i, (text, _, _) in enumerate(prepared) if text is not None]
    texts = [prepared[i][0] for i in analysable]
    status = [s for _, s, _ in prepared]
    reason = [r for _, _, r in prepared]
    out = pd.DataFrame(index=range(len(values)))
    failed: dict[int, str] = {}
    if texts:
        units, owner = _units(texts, options.block_chars)
        parts, first, size = [], 0, 0
        for i, unit in enumerate(units):
            size += len(unit)
            if size >= _CALL_CHARS or i == len(units) - 1:
                unit_failed: dict[int, str] = {}
                parts.append(_analyse_safely(units[first : i + 1], options, unit_failed))
                for j, why in unit_failed.items():
                    failed.setdefault(int(owner[first + j]), why)
                first, size = i + 1, 0
        stats = _combine(pd.concat(parts, ignore_index=True), owner, len(texts))
        features = _finish(stats, texts, options)
        features.index = analysable
        out = features.reindex(out.index)
    for i, text in enumerate(texts):
        row, notes = analysable[i], []
        if i in failed:
            status[row] = "failed"
            notes.append(failed[i])
        else:
            if len(text) > options.block_chars:
                notes.append(f"read in blocks of at most {options.block_chars:,} characters")
            split = out.at[row, "split__n"] if "split__n" in out else 0
            if split and split > 0:
                notes.append(
                    f"{int(split)} stretch(es) of more than {MAX_SENTENCE_CHARS:,} characters without "
                    "a sentence end split into sentences at line breaks or spaces"
                )
        if notes:
            reason[row] = "; ".join(filter(None, [reason[row], *notes]))
    out.insert(0, "status", status)
    out.insert(1, "reason", reason)
    schema = _schema(options)
    return out.reindex(columns=list(schema)).astype(schema)


# --- the public API ---------------------------------------------------------------------------


def _provenance(options: Options, n_jobs: int, chunk_size: int) -> dict:
    from analysis import __version__

    return {
        "instrument": "analysis.pipeline.featurize",
        "package_version": __version__,
        "parameters": asdict(options) | {"n_jobs": n_jobs, "chunk_size": chunk_size},
        "instruments": {
            "tokenize": "analysis.tokenize.sentence_spans, token_spans (style='ud')",
            "sentiment": {
                name: (instrument.describe() if (instrument := _instrument(name, options.accept_licence))
                       else "skipped: its data are not local (python -m analysis.data fetch)")
                for name in options.sentiment
            },
            "actor_sentiment": "analysis.sentiment.target_sentiment (NewsMTSC-trained classifier)",
            "generic_frames": "analysis.framing.generic.generic_frames (Semetko & Valkenburg 2000; "
            "Frermann et al. 2023)",
            "actors": "analysis.framing.actors.mentions (DEFAULT_ACTORS)",
            "quotes": "analysis.framing.quotes.quotes",
            "attributions": "analysis.framing.quotes.attributions",
            "hedging": "analysis.framing.hedging.hedging (HEDGING_LEXICON)",
        },
    }


def featurize(
    data,
    text_column: str = "text",
    *,
    groups: Sequence[str] | None = None,
    sentiment: Sequence[str] = DEFAULT_SENTIMENT,
    accept_licence: bool = False,
    frame_threshold: float = generic.DEFAULT_THRESHOLD,
    block_chars: int = 20_000,
    n_jobs: int = 1,
    chunk_size: int = 500,
    progress: bool | None = None,
):
    """``featurize(data, text_column="text", ...)``: every document-level feature, one row per
    document.

    ``data``: a DataFrame with ``text_column``, a sequence or Series of texts, or one text
    (the package's input contract, :mod:`analysis.inputs`). Returns a frame with the input's
    index (``0..n-1`` for a list): ``status`` ("ok", "empty", "missing", "invalid" or
    "failed"), ``reason`` (why, or a note such as "decoded from UTF-8 bytes", "mostly non-Latin
    script", "looks binary or garbled", "read in blocks"; NA when there is nothing to say), then
    :func:`feature_columns` (module docstring). A missing or non-text cell (the text column may
    have any dtype) gets NA features; an empty text zero counts and NaN scores; a document on
    which an instrument raises, or whose worker process dies, is marked "failed" with the
    reason. No row is ever dropped.

    Parameters (checked up front, ``ValueError`` if out of range): ``groups``, the feature
    groups to compute (default None: all of :data:`GROUPS`; ``size`` always; the columns of
    each are in :func:`feature_dictionary`), ``sentiment`` (default
    ``("vader", "hu-liu", "news-lr")``; ``"lsd2015"`` needs ``accept_licence=True``),
    ``frame_threshold`` in [0, 1] for the generic frames, ``block_chars`` (at least 1;
    documents longer than this are cut into blocks at paragraph breaks, else at whitespace, and
    every instrument reads the blocks, whose counts and statistics are combined exactly; the
    coreference of actor mentions and a quotation do not cross a cut), ``n_jobs`` (processes
    over chunks of ``chunk_size`` documents, -1 for every core; results come back in input order
    and do not depend on ``n_jobs``), ``progress`` (a tqdm bar; default: when there is more than
    one chunk).

    Time and memory are linear in the text: sentences longer than
    :data:`analysis.tokenize.MAX_SENTENCE_CHARS` are split (noted in ``reason``), and the blocks
    of a chunk are analysed in calls of about a million characters, so peak memory depends on
    that size, not on the longest document (a 5 MB document without punctuation: see
    ``benchmarks/scaling.py``). A worker process that dies (the out-of-memory killer, a crash in
    a C extension) loses no rows: its chunk is run once more alone in a fresh worker, then
    document by document, and only a document whose worker dies again is "failed".

    A Dask DataFrame gives a Dask DataFrame: one ``map_partitions`` call with explicit
    ``meta``, each partition featurised as above (``n_jobs`` is then Dask's business).

    Caveats: the instruments' own (see their modules): the sentiment instruments' measured
    accuracy is in :mod:`analysis.sentiment`; generic frames and hedging are unvalidated rules;
    the language note is a rule of thumb (script and English function words), not a language
    identifier.
    """
    options = Options(tuple(sentiment) if not isinstance(sentiment, str) else sentiment,
                      accept_licence, frame_threshold, block_chars, groups)
    workers = _check_options(options, n_jobs, chunk_size)
    if _is_dask(data):
        return _featurize_dask(data, text_column, options)
    values, index = texts_of(data, text_column, function="featurize", strict=False)
    chunks = [values[i : i + chunk_size] for i in range(0, len(values), chunk_size)]
    show = len(chunks) > 1 if progress is None else progress
    work = partial(_featurize_texts, options=options)
    if show:  # tqdm.auto warns in a notebook without ipywidgets: only imported for a bar shown
        from tqdm.auto import tqdm
    else:
        from tqdm import tqdm

    with tqdm(total=len(values), disable=not show, unit="doc", desc="featurize") as bar:
        if workers == 1 or len(chunks) < 2:
            results = [_tick(bar, work(chunk)) for chunk in chunks]
        else:
            results = _run_in_processes(work, chunks, workers, bar)
    out = pd.concat(results, ignore_index=True) if results else _featurize_texts([], options)
    out.index = index
    out.attrs["featurize"] = _provenance(options, n_jobs, chunk_size)
    return out


_DIED = (
    "analysis failed: the worker process died while analysing this document (killed, e.g. by "
    "the out-of-memory killer, or crashed), also when run alone in a fresh worker"
)


def _run_in_processes(work, chunks: list[list], workers: int, bar) -> list[pd.DataFrame]:
    """``work`` over ``chunks`` in a process pool, in input order. A chunk whose pool broke (a
    worker died: every pending chunk of that pool breaks with it) is run once more alone in a
    fresh worker; if it breaks again, its documents are run one by one in fresh workers, and a
    document whose worker dies is a "failed" row."""
    results: list[pd.DataFrame | None] = [None] * len(chunks)
    broken = _pool_run(work, chunks, range(len(chunks)), workers, results, bar)
    for i in broken:
        if _pool_run(work, chunks, [i], 1, results, bar):
            results[i] = _one_by_one(work, chunks[i], bar)
    return results


def _pool_run(work, chunks, which, workers: int, results: list, bar) -> list[int]:
    """Run ``chunks[i]`` for ``i`` in ``which`` in a fresh pool; fill ``results``; return the
    indices whose worker died (or whose result could not come back)."""
    broken = []
    with ProcessPoolExecutor(min(workers, len(which))) as pool:
        futures = {pool.submit(work, chunks[i]): i for i in which}
        for future in as_completed(futures):
            try:
                results[futures[future]] = _tick(bar, future.result())
            except Exception:  # noqa: BLE001 - BrokenProcessPool, or a result that failed to pickle
                broken.append(futures[future])
    return sorted(broken)


def _one_by_one(work, values: list, bar) -> pd.DataFrame:
    """Each value alone in a worker process (a fresh one after each death)."""
    frames = []
    pool = ProcessPoolExecutor(1)
    try:
        for value in values:
            try:
                frames.append(pool.submit(work, [value]).result())
            except Exception as error:  # noqa: BLE001 - marked in the row, never dropped
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(1)
                why = _DIED if isinstance(error, BrokenProcessPool) else f"analysis failed: {type(error).__name__}: {error}"
                frames.append(_failed_row(value, why, work.keywords["options"]))
            bar.update(1)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return pd.concat(frames, ignore_index=True)


def _failed_row(value, why: str, options: Options) -> pd.DataFrame:
    schema = _schema(options)
    _, status, reason = _prepare(value)
    row = pd.DataFrame(index=range(1), columns=list(schema))
    row["status"] = "failed" if status == "ok" else status
    row["reason"] = "; ".join(filter(None, [reason, why])) if status == "ok" else reason
    return row.astype(schema)


def _tick(bar, result: pd.DataFrame) -> pd.DataFrame:
    bar.update(len(result))
    return result


def _is_dask(df) -> bool:
    return type(df).__module__.startswith("dask")


def _featurize_partition(part: pd.DataFrame, text_column: str, options: Options) -> pd.DataFrame:
    out = _featurize_texts(part[text_column].tolist(), options)
    out.index = part.index
    return out


def _featurize_dask(df, text_column: str, options: Options):
    import dask.dataframe as dd

    if not isinstance(df, dd.DataFrame):
        raise TypeError(f"featurize() expects a Dask DataFrame, got {type(df).__name__}")
    _check_dask_frame(df._meta, text_column)
    meta = _featurize_partition(df._meta, text_column, options)
    return df.map_partitions(_featurize_partition, text_column, options, meta=meta)


class FeatureExtractor(TransformerMixin, BaseEstimator):
    """``FeatureExtractor(text_column="text", groups=None, sentiment=DEFAULT_SENTIMENT, ...)``:
    :func:`featurize` as a scikit-learn transformer, so the features drop into a ``Pipeline``.

    ``transform(X)`` takes what :func:`featurize` takes (a DataFrame with ``text_column``, a
    Series or a list of texts; one bare string is refused, as scikit-learn expects a
    collection) and returns the numeric features (:meth:`get_feature_names_out`) as float64;
    rows that could not be analysed are NaN (put a ``SimpleImputer`` after it). Stateless:
    ``fit`` learns nothing and ``transform`` changes nothing on the estimator (scikit-learn's
    contract); call :func:`featurize` itself for the ``status`` and ``reason`` of each row.
    """

    def __init__(
        self,
        text_column: str = "text",
        groups: Sequence[str] | None = None,
        sentiment: Sequence[str] = DEFAULT_SENTIMENT,
        accept_licence: bool = False,
        frame_threshold: float = generic.DEFAULT_THRESHOLD,
        n_jobs: int = 1,
    ):
        self.text_column = text_column
        self.groups = groups
        self.sentiment = sentiment
        self.accept_licence = accept_licence
        self.frame_threshold = frame_threshold
        self.n_jobs = n_jobs

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X) -> pd.DataFrame:
        if isinstance(X, str):
            raise TypeError("FeatureExtractor.transform() expects texts, not one string")
        out = featurize(
            X, self.text_column, groups=self.groups, sentiment=self.sentiment, accept_licence=self.accept_licence,
            frame_threshold=self.frame_threshold, n_jobs=self.n_jobs, progress=False,
        )
        return out[self.get_feature_names_out()].astype("float64")

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(feature_columns(self.sentiment, self.groups), dtype=object)
