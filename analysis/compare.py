"""Comparing one article with groups of documents: samples, document features, group summaries.

The notebooks that set the article beside the state voices (Kremlin, KCNA) and the news baselines
(BBC, Reuters, Brown) share five steps, each a function taking and returning a tidy frame:

* :func:`stack_groups`: named corpora (or single texts) into one frame, with an optional
  documented random sample per group and an optional cap on characters per document;
* :func:`document_features`: per document, the measures the package can read off a text
  (lexical diversity, hedging, quotations, attributions by source type), as rates per 1,000 word
  tokens so that documents of any length can be compared;
* :func:`group_summary`: the mean of each feature per group with a document bootstrap interval;
* :func:`percentile_ranks`: where one document's value falls in each group's distribution;
* :func:`keyword_ranks` and :func:`keyword_overlap`: do the same keywords come out of keyness
  runs against different references (or with different tokenisers)?
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.framing.actors import DEFAULT_ACTORS, ActorTable, labels
from analysis.framing.hedging import HEDGING_LEXICON, hedging
from analysis.framing.quotes import attributions, quotes
from analysis.tokenize import sentence_spans, token_spans

__all__ = [
    "actor_labels",
    "document_features",
    "document_tone",
    "group_summary",
    "keyword_overlap",
    "keyword_ranks",
    "label_counts",
    "mattr",
    "percentile_ranks",
    "stack_groups",
]

#: Source types of :func:`analysis.framing.quotes.attributions`, in display order.
SOURCE_TYPES = ("government", "state media", "independent media", "other")
_NOT_WORD = re.compile(r"\W+")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![^\S\n]*\n)[^\n]*)*")  # runs of lines between blank lines


def _slug(name: str) -> str:
    return _NOT_WORD.sub("_", name.lower()).strip("_")


# --------------------------------------------------------------------------- groups


def stack_groups(
    groups: Mapping[str, pd.DataFrame | str],
    n: int | None = None,
    seed: int = 0,
    max_chars: int | None = None,
) -> pd.DataFrame:
    """Named groups of documents as one corpus frame: ``group, doc_id, text, chars, truncated``.

    ``groups`` maps a group name to a corpus frame (``doc_id`` and ``text`` columns) or to one
    text (its ``doc_id`` is the group name). With ``n`` (default None: every document), a group
    with more than ``n`` documents is replaced by a simple random sample of ``n`` of them
    (:meth:`pandas.DataFrame.sample` with ``random_state=seed``, default 0), so the sample is
    reproducible and documented; smaller groups are kept whole. With ``max_chars`` (default
    None), each text is cut to its first ``max_chars`` characters and ``truncated`` says so
    (``chars`` keeps the original length): a bound on cost, at the price of reading only the
    start of long documents such as transcripts.

    Empty texts are kept (their rates are NaN downstream), never dropped. ``df.attrs["groups"]``
    records, per group, the documents available and kept, and ``n``, ``seed``, ``max_chars``.
    """
    if n is not None and n < 1:
        raise ValueError(f"n must be a positive number of documents or None, got {n}")
    frames, record = [], {}
    for name, docs in groups.items():
        if isinstance(docs, str):
            docs = pd.DataFrame({"doc_id": [name], "text": [docs]})
        elif not isinstance(docs, pd.DataFrame) or not {"doc_id", "text"} <= set(docs.columns):
            raise TypeError(f"group {name!r}: expected a text or a frame with 'doc_id' and 'text' "
                            f"columns, got {type(docs).__name__}")
        kept = docs.sample(n=n, random_state=seed) if n is not None and len(docs) > n else docs
        text = kept["text"].fillna("").astype(str)
        frames.append(pd.DataFrame({
            "group": name,
            "doc_id": kept["doc_id"].to_numpy(),
            "text": text.str.slice(0, max_chars).to_numpy() if max_chars else text.to_numpy(),
            "chars": text.str.len().to_numpy(),
            "truncated": (text.str.len() > max_chars).to_numpy() if max_chars else False,
        }))
        record[name] = {"available": len(docs), "kept": len(kept)}
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"method": "stack_groups", "groups": record, "n": n, "seed": seed,
                 "max_chars": max_chars}
    return out


# --------------------------------------------------------------------------- document features


def mattr(words: Sequence[str], window: int = 100) -> float:
    """Moving-average type-token ratio (Covington & McFall 2010, *Journal of Quantitative
    Linguistics* 17(2)): the mean type-token ratio of every run of ``window`` (default 100)
    consecutive tokens. Unlike the plain TTR it does not fall as a text grows, so a 300-word
    article and a 3,000-word transcript can be compared. Texts shorter than ``window`` get
    their plain TTR; an empty text gets NaN. Pass tokens already normalised (lower-cased).
    """
    if window < 1:
        raise ValueError(f"window must be >= 1, got {window}")
    if not words:
        return float("nan")
    if len(words) <= window:
        return len(set(words)) / len(words)
    counts: dict[str, int] = {}
    for w in words[:window]:
        counts[w] = counts.get(w, 0) + 1
    distinct, total = len(counts), len(counts)
    for old, new in zip(words, words[window:]):
        counts[old] -= 1
        if counts[old] == 0:
            distinct -= 1
        counts[new] = counts.get(new, 0) + 1
        if counts[new] == 1:
            distinct += 1
        total += distinct
    return total / (len(words) - window + 1) / window


def _features(text: str, window: int) -> dict[str, float]:
    spans = [(s, e) for s, e in token_spans(text) if any(c.isalnum() for c in text[s:e])]
    n = len(spans)
    per_1000 = 1000 / n if n else float("nan")
    row: dict[str, float] = {"tokens": n, "mattr": mattr([text[s:e].lower() for s, e in spans], window)}

    # each column is read once as a list: pandas access per document is the slow part here
    markers = Counter(hedging(text)["category"].tolist())
    row["hedging_per_1000"] = sum(markers.values()) * per_1000
    for category in HEDGING_LEXICON:
        row[f"hedging_{_slug(category)}_per_1000"] = markers[category] * per_1000

    found = quotes(text)
    speech = [(start, end, kind) for start, end, kind, depth in zip(
        found["start"].tolist(), found["end"].tolist(), found["kind"].tolist(), found["depth"].tolist()
    ) if depth == 0 and kind in ("direct", "partial")]
    for kind in ("direct", "partial"):
        row[f"quotes_{kind}_per_1000"] = sum(k == kind for _, _, k in speech) * per_1000
    starts = [start for start, _, _ in speech]
    inside = 0
    for s, _ in spans:
        i = bisect.bisect_right(starts, s) - 1
        inside += i >= 0 and s < speech[i][1]
    row["quoted_share"] = inside / n if n else float("nan")

    sources = attributions(text)
    types = Counter(sources["source_type"].tolist())
    row["attributions_per_1000"] = len(sources) * per_1000
    for kind in SOURCE_TYPES:
        row[f"attributions_{_slug(kind)}_per_1000"] = types[kind] * per_1000
    anonymous = sum(named is False for named in sources["named"].tolist())
    row["attributions_anonymous_per_1000"] = anonymous * per_1000
    return row


def document_features(corpus: pd.DataFrame | Sequence[str], window: int = 100) -> pd.DataFrame:
    """Per-document measures of style and sourcing, one row per document, in order.

    ``corpus``: a frame with a ``text`` column (other columns such as ``group`` and ``doc_id``
    are carried over in front) or a list of texts. Columns:

    * ``tokens``: word tokens (:func:`analysis.tokenize.token_spans` spans holding a letter or
      digit); ``mattr``: :func:`mattr` of the lower-cased word tokens (``window`` 100);
    * ``hedging_per_1000`` and one ``hedging_<category>_per_1000`` per category of
      :func:`analysis.framing.hedging.hedging_summary` (hedge, speculation, absence/uncertainty of
      evidence, certainty);
    * ``quotes_direct_per_1000``, ``quotes_partial_per_1000``: quotations that are speech
      (:func:`analysis.framing.quotes.quotes`, top level; names and scare quotes excluded) and
      ``quoted_share``: the share of word tokens inside them;
    * ``attributions_per_1000``, one ``attributions_<source type>_per_1000`` per type of
      :data:`SOURCE_TYPES`, and ``attributions_anonymous_per_1000``
      (:func:`analysis.framing.quotes.attributions`).

    Rates are per 1,000 word tokens, NaN for an empty text (marked, not dropped). Caveats: every
    instrument is rule-based (see its docstring); rates from a short text move in large steps
    (one marker in the 306-token seed article is 3.3 per 1,000).
    """
    if isinstance(corpus, pd.DataFrame):
        if "text" not in corpus.columns:
            raise TypeError(f"expected a 'text' column, got columns {list(corpus.columns)}")
        carried = corpus.drop(columns=["text"]).reset_index(drop=True)
        texts = corpus["text"].tolist()
    else:
        texts, carried = list(corpus), None
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"document {i} is a {type(text).__name__}; expected a text (str)")
    features = pd.DataFrame([_features(t, window) for t in texts])
    out = features if carried is None else pd.concat([carried, features], axis=1)
    out.attrs = {"method": "document_features", "window": window,
                 "instruments": ["analysis.tokenize", "analysis.framing.hedging",
                                 "analysis.framing.quotes"]}
    return out


def document_tone(corpus: pd.DataFrame, accept_licence: bool = False) -> pd.DataFrame:
    """Mean sentence tone of each document under every sentence instrument, in one pass.

    Each text is split into sentences once (:func:`analysis.tokenize.sentence_spans`) and every
    sentence is scored by :func:`analysis.sentiment.score_sentences` (news-lr, VADER, Hu & Liu;
    LSD2015 too with ``accept_licence=True``); a document's value per instrument is the mean of
    its sentence scores (column ``tone_<instrument>``), so long texts do not saturate a lexicon.
    ``corpus``: a frame with ``text`` (other columns carried over). A text without sentences gets
    NaN. Read :mod:`analysis.sentiment` and its benchmark before the numbers: dictionaries do
    poorly on news unless validated (van Atteveldt, van der Velden & Boukes 2021).
    """
    from analysis.sentiment import score_sentences  # loads trained models: only when asked

    if "text" not in corpus.columns:
        raise TypeError(f"expected a 'text' column, got columns {list(corpus.columns)}")
    texts = corpus["text"].tolist()
    owner, sentences = [], []
    for i, text in enumerate(texts):
        for s, e in sentence_spans(text):
            owner.append(i)
            sentences.append(text[s:e])
    scored = score_sentences(sentences, accept_licence=accept_licence)
    names = [c for c in scored.columns if c not in ("text", "score")]
    means = scored[names].groupby(np.asarray(owner, dtype=int)).mean().reindex(range(len(texts)))
    means.columns = [f"tone_{_slug(n)}" for n in names]
    out = pd.concat([corpus.drop(columns=["text"]).reset_index(drop=True), means.reset_index(drop=True)],
                    axis=1)
    out.attrs = {"method": "document_tone: mean of sentence scores",
                 "instruments": scored.attrs.get("instruments")}
    return out


# --------------------------------------------------------------------------- actor labels


def actor_labels(
    corpus: pd.DataFrame,
    actors: Sequence[str] = ("Kim Jong Un", "Vladimir Putin"),
    table: ActorTable = DEFAULT_ACTORS,
) -> pd.DataFrame:
    """Labels attached to the named ``actors`` in every document of a corpus frame.

    Runs :func:`analysis.framing.actors.labels` (titles, descriptions, appositions,
    possessives; see there for the method and its caveats) on each paragraph (lines between
    blank lines) that contains a surface form of one of ``actors`` in ``table`` (default
    :data:`~analysis.framing.actors.DEFAULT_ACTORS`), and keeps the rows of those actors.
    Reading paragraphs, not whole documents, keeps the part-of-speech tagging to the text that
    matters (long transcripts mention a leader in a few paragraphs); the price is that a
    pronoun or surname whose antecedent is in an earlier paragraph is resolved within its
    paragraph only. ``label_start``/``label_end`` are offsets into the whole document.

    Columns: the corpus's columns other than ``text`` (e.g. ``group``, ``doc_id``), then those of
    :func:`~analysis.framing.actors.labels`. A document without such a paragraph adds no row.
    """
    if "text" not in corpus.columns:
        raise TypeError(f"expected a 'text' column, got columns {list(corpus.columns)}")
    unknown = [a for a in actors if a not in {actor.name for actor in table}]
    if unknown:
        raise KeyError(f"actors {unknown} are not in the actor table")
    wanted = set(actors)
    carried = [c for c in corpus.columns if c != "text"]
    frames = []
    for record in corpus.to_dict("records"):
        text = record["text"]
        for paragraph in _PARAGRAPH.finditer(text):
            if not any(actor in wanted for _, actor, _ in table.matches(paragraph.group())):
                continue
            found = labels(paragraph.group(), table)
            found = found[found["actor"].isin(wanted)].copy()
            found[["label_start", "label_end"]] += paragraph.start()
            for column in reversed(carried):
                found.insert(0, column, record[column])
            frames.append(found)
    columns = [*carried, "mention_id", "sentence", "surface", "actor", "kind", "label",
               "label_start", "label_end"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out.drop(columns=["mention_id", "sentence"])
    out.attrs = {"method": "actor_labels by paragraph", "actors": list(actors)}
    return out


def label_counts(labelled: pd.DataFrame, by: str = "group", top: int = 5) -> pd.DataFrame:
    """The ``top`` most frequent labels per ``by``, actor and kind of an :func:`actor_labels` frame.

    Labels are compared case-insensitively with straight apostrophes ("His sanctioned regime"
    and "his sanctioned regime" are one label, shown as first written). Columns: ``by``,
    ``actor``, ``kind``, ``label``, ``count`` (occurrences), ``docs`` (documents using it),
    ``share`` (count / all labels of that kind for that actor in that group). Ties are broken
    alphabetically.
    """
    key = labelled["label"].str.lower().str.replace("’", "'", regex=False)
    frame = labelled.assign(_key=key)
    counts = (frame.groupby([by, "actor", "kind", "_key"], sort=False)
              .agg(label=("label", "first"), count=("label", "size"), docs=("doc_id", "nunique"))
              .reset_index())
    counts["share"] = counts["count"] / counts.groupby([by, "actor", "kind"])["count"].transform("sum")
    counts = counts.sort_values([by, "actor", "kind", "count", "_key"],
                                ascending=[True, True, True, False, True])
    return counts.groupby([by, "actor", "kind"], sort=False).head(top).drop(columns="_key").reset_index(drop=True)


# --------------------------------------------------------------------------- summaries


def _feature_columns(features: pd.DataFrame, columns, exclude) -> list[str]:
    if columns is not None:
        missing = [c for c in columns if c not in features.columns]
        if missing:
            raise KeyError(f"no columns {missing} in the features frame")
        return list(columns)
    return [c for c in features.select_dtypes("number").columns if c not in exclude]


def group_summary(
    features: pd.DataFrame,
    columns: Sequence[str] | None = None,
    by: str = "group",
    n_boot: int = 2000,
    conf_level: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean of each feature per group, with a percentile bootstrap interval over documents.

    One row per group and feature: ``group``, ``feature``, ``n`` (documents with a value),
    ``mean``, ``low``, ``high`` (the ``conf_level`` percentile interval of the mean over
    ``n_boot`` resamples of the group's documents, default 2,000, ``seed`` 0; Efron &
    Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13), ``median``. ``columns``
    defaults to every numeric column but ``tokens``. Groups keep their order of appearance.

    Each document counts once, whatever its length: the summary describes a typical item of the
    group. The interval covers sampling of documents only (not instrument error), and is NaN for
    a group of one document (the article is a measurement, not a sample).
    """
    if by not in features.columns:
        raise KeyError(f"no column {by!r} to group by")
    columns = _feature_columns(features, columns, exclude={"tokens", "chars"})
    rng = np.random.default_rng(seed)
    tail = (1 - conf_level) / 2 * 100
    rows = []
    for group, part in features.groupby(by, sort=False):
        for column in columns:
            values = part[column].dropna().to_numpy(dtype=float)
            low = high = float("nan")
            if len(values) > 1:
                means = values[rng.integers(0, len(values), (n_boot, len(values)))].mean(axis=1)
                low, high = np.percentile(means, [tail, 100 - tail])
            rows.append({by: group, "feature": column, "n": len(values),
                         "mean": values.mean() if len(values) else float("nan"),
                         "low": low, "high": high,
                         "median": np.median(values) if len(values) else float("nan")})
    out = pd.DataFrame(rows)
    out.attrs = {"method": "group_summary", "n_boot": n_boot, "conf_level": conf_level,
                 "seed": seed, "interval": "percentile bootstrap over documents"}
    return out


def percentile_ranks(
    target: pd.Series | Mapping[str, float],
    features: pd.DataFrame,
    by: str = "group",
    columns: Sequence[str] | None = None,
    conf_level: float = 0.95,
) -> pd.DataFrame:
    """Where one document's values fall in each group's distribution of the same features.

    ``target``: the document's features (a row of :func:`document_features`); ``features``: the
    groups' documents. One row per group and feature: ``value`` (the target's), ``n``,
    ``percentile`` (mid-rank: 100 (below + equal / 2) / n, so a value tied with every document
    is at 50), ``low``/``high`` (Wilson score interval for that proportion at ``conf_level``,
    Wilson 1927, *JASA* 22: how far the percentile could move with another sample of the same
    size), and the group's ``q25``, ``median``, ``q75``.

    Caveats: many features are zero in most short documents (no quotation, no hedge), so the
    mid-rank puts a zero in the middle of the tie, not at the bottom; read the quartiles too.
    A percentile describes the position, not whether the difference matters.
    """
    target = pd.Series(target)
    columns = _feature_columns(features, columns, exclude=set())
    columns = [c for c in columns if c in target.index]
    z = stats.norm.isf((1 - conf_level) / 2)
    rows = []
    for group, part in features.groupby(by, sort=False):
        for column in columns:
            values = part[column].dropna().to_numpy(dtype=float)
            value, n = float(target[column]), len(values)
            row = {by: group, "feature": column, "value": value, "n": n}
            if n == 0 or np.isnan(value):
                rows.append(row)
                continue
            p = ((values < value).sum() + (values == value).sum() / 2) / n
            centre = (p + z**2 / (2 * n)) / (1 + z**2 / n)
            half = z / (1 + z**2 / n) * np.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
            q25, median, q75 = np.percentile(values, [25, 50, 75])
            rows.append({**row, "percentile": 100 * p, "low": 100 * max(centre - half, 0.0),
                         "high": 100 * min(centre + half, 1.0), "q25": q25, "median": median,
                         "q75": q75})
    out = pd.DataFrame(rows, columns=[by, "feature", "value", "n", "percentile", "low", "high",
                                      "q25", "median", "q75"])
    out.attrs = {"method": "percentile_ranks (mid-rank)", "interval": "Wilson score",
                 "conf_level": conf_level}
    return out


# --------------------------------------------------------------------------- keyword robustness


def keyword_ranks(results: Mapping[str, pd.DataFrame], n: int = 15, by: str = "lrc") -> pd.DataFrame:
    """The top ``n`` keywords of each keyness run, ranked by ``by`` (default LRC), in one frame.

    ``results`` maps a run's name (a reference corpus, a tokeniser) to a
    :func:`analysis.keyness.keyness` frame; only terms key for the target (``direction ==
    "target"``) with ``by`` > 0 are ranked (LRC is 0 when the interval includes no difference,
    so fewer than ``n`` terms can come out). Columns: ``run``, ``rank`` (1 = most key), ``term``,
    ``by``'s value, ``count_target``, ``count_reference``.
    """
    frames = []
    for name, result in results.items():
        key = result[(result["direction"] == "target") & (result[by] > 0)].nlargest(n, by)
        frames.append(pd.DataFrame({"run": name, "rank": np.arange(1, len(key) + 1),
                                    "term": key["term"].to_numpy(), by: key[by].to_numpy(),
                                    "count_target": key["count_target"].to_numpy(),
                                    "count_reference": key["count_reference"].to_numpy()}))
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {"method": "keyword_ranks", "n": n, "by": by}
    return out


def keyword_overlap(ranks: pd.DataFrame) -> pd.DataFrame:
    """Pairwise agreement of the keyword lists of :func:`keyword_ranks`: one row per pair of runs.

    Columns: ``run_a``, ``run_b``, ``n_a``, ``n_b`` (list lengths), ``shared`` (number of terms in
    both), ``jaccard`` (shared / terms in either; Jaccard 1912, *New Phytologist* 11) and
    ``only_a``/``only_b`` (the terms in one list only, comma-separated, in rank order).
    """
    lists = {run: part.sort_values("rank")["term"].tolist() for run, part in ranks.groupby("run", sort=False)}
    rows = []
    for a, b in combinations(lists, 2):
        shared = set(lists[a]) & set(lists[b])
        union = set(lists[a]) | set(lists[b])
        rows.append({"run_a": a, "run_b": b, "n_a": len(lists[a]), "n_b": len(lists[b]),
                     "shared": len(shared), "jaccard": len(shared) / len(union) if union else float("nan"),
                     "only_a": ", ".join(t for t in lists[a] if t not in shared),
                     "only_b": ", ".join(t for t in lists[b] if t not in shared)})
    return pd.DataFrame(rows, columns=["run_a", "run_b", "n_a", "n_b", "shared", "jaccard",
                                       "only_a", "only_b"])
