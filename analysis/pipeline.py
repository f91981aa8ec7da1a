"""Every document-level feature in one call, for pandas, Dask and scikit-learn.

:func:`featurize` returns one row per input row, with the input's index: ``status``/``reason``
(why a row could not be analysed: it is marked, never dropped), then the features of
:func:`feature_columns`:

* size: characters, sentences (:func:`analysis.tokenize.sentence_spans`), tokens
  (:func:`analysis.tokenize.token_spans`, UD style) and word tokens (holding a letter or digit);
* sentiment per instrument of :mod:`analysis.sentiment` (VADER, Hu & Liu, the NewsMTSC-trained
  ``news-lr``; LSD2015 opt-in), scored per sentence and aggregated over the document (mean, min,
  max, share of positive and of negative sentences): lexicon scores of whole news articles
  saturate;
* actor mentions (:func:`analysis.framing.actors.mentions`, default actor table) per type and
  per actor, and the mean sentiment towards each actor
  (:func:`analysis.sentiment.target_sentiment`);
* generic frames (:func:`analysis.framing.generic.generic_frames`): a score and a yes/no per
  frame;
* quotations (:func:`analysis.framing.quotes.quotes`) by kind, attributions
  (:func:`analysis.framing.quotes.attributions`) by named/anonymous and source type;
* hedging markers (:func:`analysis.framing.hedging.hedging`) per category, with rates per 1,000
  word tokens.

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
document. Documents longer than ``block_chars`` are read by those instruments in blocks cut at
paragraph breaks (else at whitespace), and the row's ``reason`` says so: a quotation that spans a
cut is split there.
"""

from __future__ import annotations

import gc
import math
import re
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from functools import lru_cache, partial

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.base import BaseEstimator, TransformerMixin

from analysis.framing import actors, generic, hedging, quotes
from analysis import sentiment as sentiment_instruments
from analysis.tokenize import sentence_spans, token_spans

__all__ = ["DEFAULT_SENTIMENT", "FeatureExtractor", "feature_columns", "featurize"]

#: Sentence sentiment instruments scored by default (:data:`analysis.sentiment.INSTRUMENTS`
#: without the opt-in ``lsd2015``).
DEFAULT_SENTIMENT = ("vader", "hu-liu", "news-lr")
AGGREGATES = ("mean", "min", "max", "positive_share", "negative_share")
QUOTE_KINDS = ("direct", "partial", "name")
SOURCE_TYPES = ("government", "state media", "independent media", "other")
_SEPARATOR = "\n\n\u00a7\n\n"  # a paragraph of its own between documents of a batch
_BATCH_CHARS = 50_000  # characters per framing-instrument call (their memos hold 2 million)
_ALNUM = re.compile(r"[^\W_]")
_BREAK = re.compile(r"\n[^\S\n]*\n")


def _name(label: str) -> str:
    return re.sub(r"\W+", "_", label).strip("_")


@dataclass(frozen=True)
class Options:
    """The parameters of one :func:`featurize` run (picklable, recorded in ``attrs``)."""

    sentiment: tuple[str, ...] = DEFAULT_SENTIMENT
    accept_licence: bool = False
    frame_threshold: float = generic.DEFAULT_THRESHOLD
    block_chars: int = 20_000


# --- the columns ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _schema(options: Options) -> dict[str, str]:
    """Column -> dtype of a :func:`featurize` result, in order."""
    columns = {"status": "str", "reason": "str"}
    columns |= dict.fromkeys(["n_chars", "n_sentences", "n_tokens", "n_words"], "Int64")
    for name in options.sentiment:
        columns |= {f"sentiment_{_name(name)}_{a}": "float64" for a in AGGREGATES}
    for frame in generic.FRAMES:
        columns |= {f"frame_{frame}_score": "float64", f"frame_{frame}": "boolean"}
    columns |= {"actor_mentions": "Int64", "actors_distinct": "Int64"}
    columns |= {f"actor_mentions_{t}": "Int64" for t in actors.ACTOR_TYPES}
    columns |= {f"actor_{_name(a.name)}": "Int64" for a in actors.DEFAULT_ACTORS}
    columns |= {f"actor_{_name(a.name)}_sentiment": "float64" for a in actors.DEFAULT_ACTORS}
    columns |= {"quotes": "Int64"} | {f"quotes_{k}": "Int64" for k in QUOTE_KINDS}
    columns |= {"quotes_with_speaker": "Int64", "quotes_unbalanced": "Int64"}
    columns |= {f"attributions{kind}": "Int64" for kind in ("", "_named", "_anonymous")}
    columns |= {f"attributions_{_name(t)}": "Int64" for t in SOURCE_TYPES}
    for category in hedging.CATEGORIES:
        prefix = f"hedging_{_name(category)}"
        columns |= {prefix: "Int64", f"{prefix}_per_1000": "float64"}
    return columns


def feature_columns(sentiment: Sequence[str] = DEFAULT_SENTIMENT) -> list[str]:
    """The numeric feature columns :func:`featurize` returns with these sentiment instruments."""
    return list(_schema(Options(tuple(sentiment))))[2:]


# --- input checks -----------------------------------------------------------------------------


def _prepare(value) -> tuple[str | None, str, str | None]:
    """``(text or None, status, reason)`` for one cell of the text column."""
    if isinstance(value, bytes):
        text = value.decode("utf-8", errors="replace")
        replaced = text.count("\ufffd") - value.count("\ufffd".encode())
        note = f"; {replaced} invalid byte sequences replaced" if replaced else ""
        value, reason = text, f"decoded from UTF-8 bytes{note}"
    elif isinstance(value, str):
        reason = None
    elif value is None or value is pd.NA or isinstance(value, float) and math.isnan(value):
        return None, "missing", "no text (None or NaN)"
    else:
        return None, "invalid", f"expected str or bytes, got {type(value).__name__}"
    if not value.strip():
        return value, "empty", "empty or whitespace-only text"
    return value, "ok", reason


def _check_frame(df, text_col: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"featurize() expects a pandas or Dask DataFrame with a text column {text_col!r}, "
            f"got {type(df).__name__}"
        )
    if text_col not in df.columns:
        raise KeyError(
            f"featurize(): no text column {text_col!r}; the columns are {list(df.columns)}"
        )
    dtype = df[text_col].dtype
    if pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_datetime64_any_dtype(dtype):
        raise TypeError(
            f"featurize(): column {text_col!r} holds {dtype}; expected text (str, or UTF-8 bytes)"
        )


# --- feature groups: each maps a list of texts to a frame indexed by their positions ---------


@dataclass
class _Parsed:
    """Sentences and tokens of a list of texts, flattened over sentences."""

    texts: list[str]
    n_sentences: np.ndarray  # per document
    sentence_doc: np.ndarray  # per sentence: its document's position
    sentences: list[str]
    sentence_tokens: list[list[str]]

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

    def per_document(self, values: np.ndarray | sparse.spmatrix) -> np.ndarray:
        """Sum sentence rows into document rows."""
        n = len(self.sentence_doc)
        docs = sparse.csr_matrix(
            (np.ones(n), (self.sentence_doc, np.arange(n))), shape=(len(self.texts), n)
        )
        summed = docs @ values
        return summed.toarray() if sparse.issparse(summed) else np.asarray(summed)


def _size(parsed: _Parsed, options: Options) -> pd.DataFrame:
    n_tokens = np.fromiter(map(len, parsed.sentence_tokens), np.int64, len(parsed.sentence_tokens))
    n_words = np.fromiter(
        (sum(1 for t in tokens if _ALNUM.search(t)) for tokens in parsed.sentence_tokens),
        np.int64, len(parsed.sentence_tokens),
    )
    return pd.DataFrame({
        "n_chars": [len(t) for t in parsed.texts],
        "n_sentences": parsed.n_sentences,
        "n_tokens": np.bincount(parsed.sentence_doc, n_tokens, len(parsed.texts)).astype(np.int64),
        "n_words": np.bincount(parsed.sentence_doc, n_words, len(parsed.texts)).astype(np.int64),
    })


def _sentiment(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Each instrument of :mod:`analysis.sentiment` scores every sentence (one call per chunk);
    per document the mean, min and max score and the shares of sentences above
    :data:`analysis.sentiment.THRESHOLD` (positive) and below its negative (negative)."""
    columns, threshold = {}, sentiment_instruments.THRESHOLD
    for name in options.sentiment:
        instrument = sentiment_instruments.get_instrument(name, options.accept_licence)
        score = instrument.score(parsed.sentences)["score"].to_numpy(dtype=float)
        stats = (
            pd.DataFrame({"doc": parsed.sentence_doc, "score": score})
            .groupby("doc")["score"].agg(["mean", "min", "max"]).reindex(range(len(parsed.texts)))
        )
        prefix = f"sentiment_{_name(name)}"
        for stat in ("mean", "min", "max"):
            columns[f"{prefix}_{stat}"] = stats[stat].to_numpy()
        with np.errstate(invalid="ignore", divide="ignore"):  # no sentence: NaN shares
            for share, above in (("positive", score > threshold), ("negative", score < -threshold)):
                columns[f"{prefix}_{share}_share"] = parsed.per_document(above) / parsed.n_sentences
    return pd.DataFrame(columns)


def _frames(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Generic-frame scores from the tidy evidence of all texts at once: as
    :func:`analysis.framing.generic.generic_frames` defines them (questions answered yes /
    questions asked; present at ``frame_threshold``; NaN for a blank text), without building
    one evidence list per document (tested to agree)."""
    evidence = generic.generic_frame_evidence(parsed.texts)
    answered = evidence.groupby(["doc", "frame"])["indicator"].nunique().unstack("frame")
    answered = answered.reindex(
        index=range(len(parsed.texts)), columns=list(generic.FRAMES), fill_value=0
    )
    blank = parsed.n_sentences == 0
    columns = {}
    for frame in generic.FRAMES:
        asked = sum(q.frame == frame for q in generic.QUESTIONS)
        score = np.where(blank, np.nan, answered[frame].fillna(0).to_numpy() / asked)
        columns[f"frame_{frame}_score"] = score
        present = np.where(blank, None, score >= options.frame_threshold)
        columns[f"frame_{frame}"] = pd.array(present, "boolean")
    return pd.DataFrame(columns)


def _actors(parsed: _Parsed, options: Options) -> pd.DataFrame:
    """Mentions of the actors of :data:`analysis.framing.actors.DEFAULT_ACTORS` (one call per
    document: its coreference looks back across the text), per type and per actor, and the mean
    sentiment towards each actor (:func:`analysis.sentiment.target_sentiment` of every mention,
    one call per chunk; NaN when the actor is not mentioned)."""
    rows = [actors._mention_rows(text) for text in parsed.texts]
    doc = np.repeat(np.arange(len(rows)), [len(m) for m in rows])
    flat = [r for m in rows for r in m]
    found = pd.DataFrame(flat, columns=["start", "end", "actor", "actor_type"])
    found["doc"] = doc
    texts = [parsed.texts[d] for d in doc]
    scores = sentiment_instruments.target_sentiment(texts, found["start"], found["end"])
    found["score"] = scores["score"].to_numpy()
    index, names = range(len(parsed.texts)), [a.name for a in actors.DEFAULT_ACTORS]
    by_type = pd.crosstab(found["doc"], found["actor_type"])
    by_type = by_type.reindex(index=index, columns=actors.ACTOR_TYPES)
    by_actor = found.groupby(["doc", "actor"])["score"].agg(["size", "mean"]).unstack("actor")
    if len(found):
        counts = by_actor["size"].reindex(index=index, columns=names)
        means = by_actor["mean"].reindex(index=index, columns=names)
    else:
        counts = means = pd.DataFrame(index=index, columns=names, dtype=float)
    columns = {
        "actor_mentions": np.bincount(doc, minlength=len(index)),
        "actors_distinct": counts.notna().sum(axis=1).to_numpy(),
    }
    columns |= {f"actor_mentions_{t}": by_type[t].fillna(0).to_numpy() for t in actors.ACTOR_TYPES}
    columns |= {f"actor_{_name(a)}": counts[a].fillna(0).to_numpy() for a in names}
    columns |= {f"actor_{_name(a)}_sentiment": means[a].to_numpy(dtype=float) for a in names}
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
    instrument: Callable[[str], pd.DataFrame], texts: list[str], limit: int, position: str = "start"
) -> tuple[pd.DataFrame, np.ndarray]:
    """``instrument`` over all ``texts`` in joined batches: its rows, and each row's document.

    The rows' character offsets stay those of the joined batch text (only counts are needed).
    """
    pieces = []  # (document, piece of its text)
    for doc, text in enumerate(texts):
        starts = _blocks(text, limit)
        pieces += [(doc, text[a:b]) for a, b in zip(starts, [*starts[1:], len(text)])]
    frames, docs, batch, size = [], [], [], 0
    for i, piece in enumerate(pieces):
        batch.append(piece)
        size += len(piece[1])
        if size >= _BATCH_CHARS or i == len(pieces) - 1:
            offsets = np.cumsum([0] + [len(p) + len(_SEPARATOR) for _, p in batch[:-1]])
            rows = instrument(_SEPARATOR.join(p for _, p in batch))
            owner = np.searchsorted(offsets, rows[position].to_numpy(), side="right") - 1
            frames.append(rows)
            docs.append(np.asarray([d for d, _ in batch], dtype=np.int64)[owner])
            batch, size = [], 0
    if not frames:
        return instrument("").iloc[:0], np.zeros(0, dtype=np.int64)
    return pd.concat(frames, ignore_index=True), np.concatenate(docs)


def _count(docs: np.ndarray, mask, n_docs: int) -> np.ndarray:
    return np.bincount(docs[np.asarray(mask, dtype=bool)], minlength=n_docs).astype(np.int64)


def _quotes(parsed: _Parsed, options: Options) -> pd.DataFrame:
    n = len(parsed.texts)
    rows, docs = _batched(quotes.quotes, parsed.texts, options.block_chars)
    top = (rows["depth"] == 0).to_numpy()
    columns = {"quotes": _count(docs, top, n)}
    for kind in QUOTE_KINDS:
        columns[f"quotes_{kind}"] = _count(docs, top & (rows["kind"] == kind).to_numpy(), n)
    columns["quotes_with_speaker"] = _count(docs, top & rows["speaker"].notna().to_numpy(), n)
    columns["quotes_unbalanced"] = _count(docs, top & ~rows["balanced"].to_numpy(), n)
    return pd.DataFrame(columns)


def _attributions(parsed: _Parsed, options: Options) -> pd.DataFrame:
    n = len(parsed.texts)
    rows, docs = _batched(quotes.attributions, parsed.texts, options.block_chars)
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
    n = len(parsed.texts)
    rows, docs = _batched(hedging.hedging, parsed.texts, options.block_chars)
    words = _size(parsed, options)["n_words"].to_numpy()
    columns = {}
    for category in hedging.CATEGORIES:
        count = _count(docs, rows["category"] == category, n)
        columns[f"hedging_{_name(category)}"] = count
        with np.errstate(invalid="ignore", divide="ignore"):
            rate = np.where(words > 0, count * 1000 / words, np.nan)
            columns[f"hedging_{_name(category)}_per_1000"] = rate
    return pd.DataFrame(columns)


_GROUPS = (_size, _sentiment, _frames, _actors, _quotes, _attributions, _hedging)


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
        return pd.concat([group(parsed, options) for group in _GROUPS], axis=1)


def _analyse_safely(texts: list[str], options: Options, failed: dict[int, str]) -> pd.DataFrame:
    """:func:`_analyse`; if it raises, document by document, each failure noted in ``failed``."""
    try:
        return _analyse(texts, options)
    except Exception:  # noqa: BLE001 - find the document(s) responsible, keep every other row
        pass
    rows = {}
    for i, text in enumerate(texts):
        try:
            rows[i] = _analyse([text], options).iloc[0]
        except Exception as error:  # noqa: BLE001 - marked in the row, never dropped
            failed[i] = f"analysis failed: {type(error).__name__}: {error}"
    return pd.DataFrame.from_dict(rows, orient="index").reindex(range(len(texts)))


def _featurize_texts(values: list, options: Options) -> pd.DataFrame:
    """The result frame (``RangeIndex``) for one chunk of text-column values."""
    prepared = [_prepare(v) for v in values]
    analysable = [i for i, (text, _, _) in enumerate(prepared) if text is not None]
    texts = [prepared[i][0] for i in analysable]
    status = [s for _, s, _ in prepared]
    reason = [r for _, _, r in prepared]
    failed: dict[int, str] = {}
    out = pd.DataFrame(index=range(len(values)))
    if texts:
        features = _analyse_safely(texts, options, failed)
        features.index = analysable
        out = features.reindex(out.index)
    for i, text in enumerate(texts):
        note = None
        if i in failed:
            status[analysable[i]], note = "failed", failed[i]
        elif len(text) > options.block_chars:
            limit = f"{options.block_chars:,} characters"
            note = f"framing instruments read it in blocks of at most {limit}"
        if note:
            reason[analysable[i]] = "; ".join(filter(None, [reason[analysable[i]], note]))
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
                name: sentiment_instruments.get_instrument(name, options.accept_licence).describe()
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
    df,
    text_col: str = "text",
    *,
    sentiment: Sequence[str] = DEFAULT_SENTIMENT,
    accept_licence: bool = False,
    frame_threshold: float = generic.DEFAULT_THRESHOLD,
    block_chars: int = 20_000,
    n_jobs: int = 1,
    chunk_size: int = 500,
    progress: bool | None = None,
):
    """``featurize(df, text_col="text", ...)``: every document-level feature, one row per row.

    Returns a frame with ``df``'s index: ``status`` ("ok", "empty", "missing", "invalid" or
    "failed"), ``reason`` (why, or a note such as "decoded from UTF-8 bytes"; NA when there is
    nothing to say), then :func:`feature_columns` (module docstring). A missing or non-text cell
    gets NA features; an empty text zero counts and NaN scores; a document on which an
    instrument raises is marked "failed" with the error. No row is ever dropped.

    Parameters: ``sentiment`` (default ``("vader", "hu-liu", "news-lr")``; ``"lsd2015"`` needs
    ``accept_licence=True``), ``frame_threshold`` for the generic frames,
    ``block_chars`` (documents longer than this are read by the framing instruments in blocks),
    ``n_jobs`` (processes over chunks of ``chunk_size`` documents; results come back in input
    order and do not depend on ``n_jobs``), ``progress`` (a tqdm bar; default: when there is
    more than one chunk).

    A Dask DataFrame gives a Dask DataFrame: one ``map_partitions`` call with explicit
    ``meta``, each partition featurised as above (``n_jobs`` is then Dask's business).

    Caveats: the instruments' own (see their modules): the sentiment instruments' measured
    accuracy is in :mod:`analysis.sentiment`; generic frames and hedging are unvalidated rules.
    """
    options = Options(tuple(sentiment), accept_licence, frame_threshold, block_chars)
    if n_jobs < 1 or chunk_size < 1:
        raise ValueError(f"n_jobs and chunk_size must be at least 1, got {n_jobs} and {chunk_size}")
    if _is_dask(df):
        return _featurize_dask(df, text_col, options)
    _check_frame(df, text_col)
    values = df[text_col].tolist()
    chunks = [values[i : i + chunk_size] for i in range(0, len(values), chunk_size)]
    show = len(chunks) > 1 if progress is None else progress
    work = partial(_featurize_texts, options=options)
    from tqdm.auto import tqdm

    with tqdm(total=len(values), disable=not show, unit="doc", desc="featurize") as bar:
        if n_jobs == 1 or len(chunks) < 2:
            results = [_tick(bar, work(chunk)) for chunk in chunks]
        else:
            with ProcessPoolExecutor(min(n_jobs, len(chunks))) as pool:
                results = [_tick(bar, r) for r in pool.map(work, chunks)]
    out = pd.concat(results, ignore_index=True) if results else _featurize_texts([], options)
    out.index = df.index
    out.attrs["featurize"] = _provenance(options, n_jobs, chunk_size)
    return out


def _tick(bar, result: pd.DataFrame) -> pd.DataFrame:
    bar.update(len(result))
    return result


def _is_dask(df) -> bool:
    return type(df).__module__.startswith("dask")


def _featurize_partition(part: pd.DataFrame, text_col: str, options: Options) -> pd.DataFrame:
    out = _featurize_texts(part[text_col].tolist(), options)
    out.index = part.index
    return out


def _featurize_dask(df, text_col: str, options: Options):
    import dask.dataframe as dd

    if not isinstance(df, dd.DataFrame):
        raise TypeError(f"featurize() expects a Dask DataFrame, got {type(df).__name__}")
    _check_frame(df._meta, text_col)
    meta = _featurize_partition(df._meta, text_col, options)
    return df.map_partitions(_featurize_partition, text_col, options, meta=meta)


class FeatureExtractor(TransformerMixin, BaseEstimator):
    """``FeatureExtractor(text_col="text", sentiment=DEFAULT_SENTIMENT, ...)``: :func:`featurize`
    as a scikit-learn transformer, so the features drop into a ``Pipeline``.

    ``transform(X)`` takes a DataFrame with ``text_col``, a Series or a list of texts and
    returns the numeric features (:meth:`get_feature_names_out`) as float64; rows that could
    not be analysed are NaN (put a ``SimpleImputer`` after it), and ``status_`` holds the last
    ``status`` column. Stateless: ``fit`` learns nothing.
    """

    def __init__(
        self,
        text_col: str = "text",
        sentiment: Sequence[str] = DEFAULT_SENTIMENT,
        accept_licence: bool = False,
        frame_threshold: float = generic.DEFAULT_THRESHOLD,
        n_jobs: int = 1,
    ):
        self.text_col = text_col
        self.sentiment = sentiment
        self.accept_licence = accept_licence
        self.frame_threshold = frame_threshold
        self.n_jobs = n_jobs

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X) -> pd.DataFrame:
        if isinstance(X, pd.Series):
            X = X.to_frame(self.text_col)
        elif not isinstance(X, pd.DataFrame):
            if isinstance(X, str):
                raise TypeError("FeatureExtractor.transform() expects texts, not one string")
            X = pd.DataFrame({self.text_col: list(np.asarray(X, dtype=object).ravel())})
        out = featurize(
            X, self.text_col, sentiment=self.sentiment, accept_licence=self.accept_licence,
            frame_threshold=self.frame_threshold, n_jobs=self.n_jobs, progress=False,
        )
        self.status_ = out["status"]
        return out[self.get_feature_names_out()].astype("float64")

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        return np.asarray(feature_columns(self.sentiment), dtype=object)
