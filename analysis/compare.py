"""Comparing one article with groups of documents: samples, document features, group summaries.

The notebooks that set the article beside the state voices (Kremlin, KCNA) and the news baselines
(BBC, Reuters, Brown) share these steps, each a function taking and returning a tidy frame:

* :func:`stack_groups`: named corpora (or single texts) into one frame, with an optional
  documented random sample per group and an optional cap on characters per document;
* :func:`document_features`: per document, the style and sourcing measures (lexical diversity,
  hedging, quotations, attributions by source type) as rates per 1,000 word tokens, so that
  documents of any length can be compared: a view of :func:`analysis.pipeline.featurize`, the
  one layer where document figures are computed;
* :func:`group_summary`: the mean of each feature per group with a document bootstrap interval;
* :func:`reaching_table`: one document's count or rate, the share of each group's documents
  reaching it and a one-sided empirical p-value adjusted over the whole table (issue 13's
  claims discipline; :func:`reaching_findings` writes the paragraph, :func:`instrument_note`
  names the instrument behind a measure and whether its accuracy was measured);
  :func:`percentile_ranks` (older): where the value falls in each group's distribution;
* :func:`actor_labels`, :func:`actor_mention_tone`, :func:`tone_summary`: labels and tone of
  actors from the same mentions, resolved with each document's date;
* :func:`keyword_ranks` and :func:`keyword_overlap`: do the same keywords come out of keyness
  runs against different references (or with different tokenisers)?

Prose written from the result tables, so a notebook run on another article never keeps the
seed's numbers: :func:`reaching_findings`, :func:`reaching_phrase`, :func:`contrast_findings`,
:func:`tone_findings`, :func:`keyness_findings`, :func:`keyword_findings`. Each names the
instrument behind a measure (:data:`INSTRUMENTS`) and says "exploratory" where notebook 4 has no
accuracy figure for it on data it was not tuned on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from analysis.framing.actors import DEFAULT_ACTORS, ActorTable, labels
from analysis.framing import quotes
from analysis.framing.hedging import CATEGORIES
from analysis.lexical import mattr
from analysis.narrate import count_phrase

__all__ = [
    "INSTRUMENTS",
    "actor_labels",
    "actor_mention_tone",
    "contrast_findings",
    "DOCUMENT_MEASURES",
    "document_features",
    "group_summary",
    "instrument_note",
    "instrument_of",
    "instrument_status",
    "keyness_findings",
    "keyword_findings",
    "keyword_overlap",
    "keyword_ranks",
    "label_counts",
    "mattr",
    "percentile_ranks",
    "reaching_findings",
    "reaching_phrase",
    "reaching_table",
    "stack_groups",
    "tone_findings",
    "tone_summary",
]

#: Source types of :func:`analysis.framing.quotes.attributions`, in display order (as
#: :data:`analysis.pipeline.SOURCE_TYPES`).
SOURCE_TYPES = (*quotes.SOURCE_TYPES, "other")
_NOT_WORD = re.compile(r"\W+")


def _slug(name: str) -> str:
    return _NOT_WORD.sub("_", name.lower()).strip("_")


# --------------------------------------------------------------------------- groups


def stack_groups(
    groups: Mapping[str, pd.DataFrame | str],
    n: int | None = None,
    seed: int = 0,
    max_chars: int | None = None,
) -> pd.DataFrame:
    """Named groups of documents as one corpus frame: ``group, doc_id, date, text, chars, truncated``.

    ``groups`` maps a group name to a corpus frame (``doc_id`` and ``text`` columns; its ``date``
    column, when present, is carried over as a timestamp, else ``date`` is NaT) or to one text
    (its ``doc_id`` is the group name, no date). The date lets actor mentions be resolved with
    each document's date (:func:`actor_labels`, :func:`actor_mention_tone`). With ``n`` (default
    None: every document), a group
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
            "date": (pd.to_datetime(kept["date"], errors="coerce").to_numpy() if "date" in kept.columns
                     else np.full(len(kept), np.datetime64("NaT", "ns"))),
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

#: The style and sourcing measures of :func:`document_features`: columns of
#: :func:`analysis.pipeline.featurize` (meanings in :func:`analysis.pipeline.feature_dictionary`).
DOCUMENT_MEASURES = (
    "n_words", "mattr",
    "hedging_per_1000", *(f"hedging_{_slug(c)}_per_1000" for c in CATEGORIES), "hedging_quoted_per_1000",
    "quotes_direct_per_1000", "quotes_partial_per_1000", "quoted_share",
    "attributions_per_1000", *(f"attributions_{_slug(t)}_per_1000" for t in SOURCE_TYPES),
    "attributions_anonymous_per_1000",
)


def document_features(
    corpus: pd.DataFrame | Sequence[str] | str,
    columns: Sequence[str] | None = DOCUMENT_MEASURES,
    text_column: str = "text",
    **options,
) -> pd.DataFrame:
    """Per-document measures, one row per document, in order: a view of
    :func:`analysis.pipeline.featurize`, the package's one document-feature layer.

    ``corpus``: a frame with a ``text_column`` (its other columns, such as ``group`` and
    ``doc_id``, are carried over in front), a sequence of texts or one text (the input contract
    of :mod:`analysis.inputs`). ``columns``: which featurize
    columns to keep after ``status`` and ``reason`` (default :data:`DOCUMENT_MEASURES`: word
    tokens, MATTR, the writer's hedging markers per category, markers inside quotations,
    speech quotations, the share of words inside them and attributions by source type, as rates
    per 1,000 word tokens; None keeps every column). ``options`` go to ``featurize``
    (``sentiment``, ``n_jobs``, ...; by default it scores sentence tone too, which
    :data:`DOCUMENT_MEASURES` does not show: pass ``sentiment=()`` to skip it).

    A row that could not be analysed is kept, marked by ``status`` and ``reason``, with NA
    measures. Caveats are the instruments' (see :func:`analysis.pipeline.feature_dictionary`):
    rates from a short text move in large steps (one marker in a 300-word article is 3.3 per
    1,000).
    """
    from analysis.pipeline import featurize  # the layer below; imported on use (scikit-learn, models)

    if isinstance(corpus, pd.DataFrame):
        corpus = corpus.reset_index(drop=True)
        carried = corpus.drop(columns=[text_column], errors="ignore")
    else:
        carried = None
    features = featurize(corpus, text_column, progress=False, **options)
    keep = list(features.columns) if columns is None else ["status", "reason", *columns]
    out = features[keep] if carried is None else pd.concat([carried, features[keep]], axis=1)
    out.attrs = {"method": "document_features: a view of analysis.pipeline.featurize",
                 "featurize": features.attrs.get("featurize")}
    return out


# --------------------------------------------------------------------------- actor labels


def actor_labels(
    corpus: pd.DataFrame,
    actors: Sequence[str] | None = None,
    table: ActorTable = DEFAULT_ACTORS,
    date_column: str | None = "date",
) -> pd.DataFrame:
    """Labels attached to the named ``actors`` (default None: every actor of ``table``) in every
    document of a corpus frame.

    Runs :func:`analysis.framing.actors.labels` (titles, descriptions, appositions,
    possessives; see there for the method and its caveats) on each whole document that contains
    a surface form of one of ``actors`` in ``table`` (default
    :data:`~analysis.framing.actors.DEFAULT_ACTORS`, which holds the other Kims: Kim Jong Il,
    Kim Il Sung, Kim Dae-jung, ...), with the document's date from ``date_column`` (default
    "date"; missing or NaT: no date), and keeps the rows of those actors. The mentions behind
    the labels are therefore exactly those of
    :func:`analysis.framing.actors.document_mentions` with the same table and dates, the ones
    :func:`actor_mention_tone` scores: labels and tone describe the same mentions. A surname or
    a role ("the North Korean leader") is resolved by the nearest full mention and the date
    (Kim Jong Il in 2002, Kim Jong Un in 2020).

    Columns: the corpus's columns other than ``text`` (e.g. ``group``, ``doc_id``), then
    ``surface``, ``actor``, ``kind``, ``label``, ``label_start``, ``label_end`` (offsets into the
    document). A document without such a mention adds no row. Caveat: the labels have no measured
    accuracy (exploratory); the actor resolution's is in notebook 04.
    """
    if "text" not in corpus.columns:
        raise TypeError(f"expected a 'text' column, got columns {list(corpus.columns)}")
    names = [actor.name for actor in table]
    actors = names if actors is None else list(actors)
    unknown = [a for a in actors if a not in set(names)]
    if unknown:
        raise KeyError(f"actors {unknown} are not in the actor table")
    wanted = set(actors)
    carried = [c for c in corpus.columns if c != "text"]
    frames = []
    for record in corpus.to_dict("records"):
        text = record["text"]
        if not isinstance(text, str) or not any(
                owner[0] in wanted for match, _ in table.matches(text) for owner in table.owners(match.group())):
            continue
        date = record.get(date_column) if date_column else None
        date = None if date is None or pd.isna(date) else date
        found = labels(text, table, date=date)
        found = found[found["actor"].isin(wanted)].copy()
        for column in reversed(carried):
            found.insert(0, column, record[column])
        frames.append(found)
    columns = [*carried, "mention_id", "sentence", "surface", "actor", "kind", "label",
               "label_start", "label_end"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    out = out.drop(columns=["mention_id", "sentence"])
    out.attrs = {"method": "actor_labels: analysis.framing.actors.labels per document with its date",
                 "actors": list(actors), "date_column": date_column}
    return out


def actor_mention_tone(
    corpus: pd.DataFrame,
    actors: Sequence[str] | None = None,
    table: ActorTable = DEFAULT_ACTORS,
    date_column: str | None = "date",
) -> pd.DataFrame:
    """Every mention of an actor, resolved with its document's date, with the tone towards it.

    Mentions: :func:`analysis.framing.actors.document_mentions` (``table``, default
    :data:`~analysis.framing.actors.DEFAULT_ACTORS`; each document's date from ``date_column``),
    kept for ``actors`` (default None: every actor found). Tone: each mention scored by
    :func:`analysis.sentiment.target_sentiment` (the NewsMTSC-trained target model, Hamborg &
    Donnay 2021, NAACL), ``score`` = p(positive) - p(negative). The same mentions as
    :func:`actor_labels` (same table, same dates). This exists because
    :func:`analysis.sentiment.actor_sentiment` finds its mentions without a date.

    Columns: the corpus's columns other than ``text``, then ``actor``, ``actor_type``, ``found``,
    ``surface``, ``start``, ``end``, ``label`` (-1, 0, 1), ``p_negative``, ``p_neutral``,
    ``p_positive``, ``score``. No mention: an empty frame with these columns. Caveat: the target
    model was validated on named people in US news (NewsMTSC dev, notebook 04), not on pronouns,
    countries or state media.
    """
    from analysis.framing.actors import document_mentions
    from analysis.sentiment import target_sentiment  # loads a trained model: only when asked

    if "text" not in corpus.columns:
        raise TypeError(f"expected a 'text' column, got columns {list(corpus.columns)}")
    frame = corpus.reset_index(drop=True).assign(_row=lambda d: np.arange(len(d)))
    found = document_mentions(frame, table, id_column="_row",
                              date_column=date_column if date_column in frame.columns else None)
    if actors is not None:
        found = found[found["actor"].isin(list(actors))]
    carried = [c for c in corpus.columns if c != "text"]
    columns = [*carried, "actor", "actor_type", "found", "surface", "start", "end", "label",
               "p_negative", "p_neutral", "p_positive", "score"]
    if found.empty:
        return pd.DataFrame(columns=columns)
    rows = found["doc_id"].astype(int).to_numpy()
    texts = frame["text"].to_numpy()[rows]
    scored = target_sentiment(list(texts), found["start"].astype(int).tolist(), found["end"].astype(int).tolist())
    out = frame.loc[rows, carried].reset_index(drop=True)
    found = found.reset_index(drop=True)
    for column in ("actor", "actor_type", "found", "surface", "start", "end"):
        out[column] = found[column].to_numpy()
    for column in ("label", "p_negative", "p_neutral", "p_positive", "score"):
        out[column] = scored[column].to_numpy()
    out.attrs = {"method": "actor_mention_tone: document_mentions with dates, target_sentiment",
                 "model": scored.attrs.get("model"), "date_column": date_column}
    return out[columns]


def tone_summary(scored: pd.DataFrame, by: str = "group", n_boot: int = 2000, seed: int = 0) -> pd.DataFrame:
    """Mean tone towards each actor per ``by`` from :func:`actor_mention_tone`'s mentions.

    One row per ``by`` and actor: ``n_mentions``, ``n_documents``, ``mean_score`` (the
    mention-weighted mean of the target model's score), ``low``/``high`` (95 % cluster bootstrap
    over documents, :func:`analysis.stats.bootstrap` with ``groups`` = ``doc_id``, ``n_boot``
    resamples, ``seed``; Davison & Hinkley 1997, ch. 3.8: mentions of one text are not
    independent), ``share_negative``, ``share_neutral``, ``share_positive`` (predicted labels).
    A group of one document has no interval (NaN). Empty input: an empty frame.
    """
    from analysis.stats import bootstrap

    columns = [by, "actor", "n_mentions", "n_documents", "mean_score", "low", "high",
               "share_negative", "share_neutral", "share_positive"]
    rows = []
    for (group, actor), part in scored.groupby([by, "actor"], sort=False):
        scores = part["score"].to_numpy(dtype=float)
        labels_ = part["label"].to_numpy()
        n_docs = part["doc_id"].nunique()
        low = high = float("nan")
        if n_docs > 1:
            interval = bootstrap(np.mean, scores, groups=part["doc_id"].to_numpy(), n_boot=n_boot, seed=seed)
            low, high = float(interval[1]), float(interval[2])
        rows.append({by: group, "actor": actor, "n_mentions": len(part), "n_documents": n_docs,
                     "mean_score": float(scores.mean()), "low": low, "high": high,
                     "share_negative": float(np.mean(labels_ == -1)),
                     "share_neutral": float(np.mean(labels_ == 0)),
                     "share_positive": float(np.mean(labels_ == 1))})
    out = pd.DataFrame(rows, columns=columns)
    out.attrs = {"method": "tone_summary", "interval": "cluster bootstrap over documents",
                 "n_boot": n_boot, "seed": seed}
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
    """Mean of each feature per group, with a bootstrap interval over documents.

    One row per group and feature: ``group``, ``feature``, ``n`` (documents with a value),
    ``mean``, ``low``, ``high`` (the ``conf_level`` interval of the mean over ``n_boot``
    resamples of the group's documents, default 2,000, ``seed`` 0, by
    :func:`analysis.stats.bootstrap`: BCa from 20 documents, percentile below; Efron &
    Tibshirani 1993, *An Introduction to the Bootstrap*, ch. 13-14), ``median``. ``columns``
    defaults to every numeric column but the sizes (``n_chars``, ``n_sentences``,
    ``n_tokens``, ``n_words``). Groups keep their order of appearance.

    Each document counts once, whatever its length: the summary describes a typical item of the
    group. The interval covers sampling of documents only (not instrument error), and is NaN for
    a group of one document (the article is a measurement, not a sample).
    """
    if by not in features.columns:
        raise KeyError(f"no column {by!r} to group by")
    from analysis.stats import bootstrap

    columns = _feature_columns(features, columns, exclude={"n_chars", "n_sentences", "n_tokens", "n_words"})
    rows = []
    for group, part in features.groupby(by, sort=False):
        for column in columns:
            values = part[column].dropna().to_numpy(dtype=float)
            low = high = float("nan")
            if len(values) > 1:
                _, low, high = bootstrap(np.mean, values, n_boot=n_boot, level=conf_level, seed=seed)
            rows.append({by: group, "feature": column, "n": len(values),
                         "mean": values.mean() if len(values) else float("nan"),
                         "low": low, "high": high,
                         "median": np.median(values) if len(values) else float("nan")})
    out = pd.DataFrame(rows)
    out.attrs = {"method": "group_summary", "n_boot": n_boot, "conf_level": conf_level,
                 "seed": seed, "interval": "bootstrap over documents (analysis.stats.bootstrap)"}
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


def reaching_table(
    target: pd.Series | Mapping[str, float],
    features: pd.DataFrame,
    by: str = "group",
    columns: Sequence[str] | None = None,
    level: float = 0.95,
    method: str = "bh",
) -> pd.DataFrame:
    """One document against reference groups: its value, the share of reference documents
    reaching it, and a one-sided empirical p-value adjusted over the whole table.

    ``target``: the document's measures (a row of :func:`document_features` or a mapping);
    ``features``: the reference documents, one row each, grouped by ``by``; ``columns``: the
    measures (default: every numeric column of ``features`` that ``target`` holds). One row per
    (measure, group), measures in order, groups in order of appearance:

    * ``value``: the document's count or rate; ``n``: reference documents with a value;
    * ``k``: reference documents whose value is at least ``value`` (equal within a relative
      1e-9, so the same rate from other counts is not lost to rounding); ``share``, ``low``,
      ``high``: ``k / n`` with its Wilson interval at ``level`` (as
      :func:`analysis.stats.share_reaching`), "how many ordinary documents reach this";
    * ``p_value``: ``(k + 1) / (n + 1)``, the one-sided empirical (Monte Carlo) p-value of the
      value being this high if the document were one more draw from the group (Davison & Hinkley
      1997, *Bootstrap Methods*, eq. 4.11; North, Curtis & Sham 2002, *AJHG* 71);
    * ``p_adjusted``: the p-values adjusted over *every* row of the table together
      (:func:`analysis.stats.adjust_pvalues`, ``method`` "bh": Benjamini & Hochberg 1995,
      false discovery rate), so the number of comparisons looked at is accounted for.
      ``df.attrs["comparisons"]`` holds that number.

    Caveats: the test is one-sided, upwards: a document low on a measure gets a p-value near
    1 (read ``share`` for that); at a value of zero every document reaches it (share 1). The
    smallest possible p-value is ``1 / (n + 1)`` (0.0066 for ``n`` = 150), and a single such
    row among ``m`` comparisons is adjusted to ``m / (n + 1)``: the reference sample bounds
    what can stand out. The reference groups are samples, the document a measurement (no
    interval of its own); instrument error is not in any of these figures. NaN values give NaN rows,
    which are not counted as comparisons.
    """
    from analysis.stats import adjust_pvalues, share_reaching, wilson_interval

    target = pd.Series(target)
    columns = _feature_columns(features, columns, exclude=set())
    columns = [c for c in columns if c in target.index]
    rows = []
    for column in columns:
        for group, part in features.groupby(by, sort=False):
            values = part[column].to_numpy(dtype=float)
            values = values[~np.isnan(values)]
            value = float(target[column]) if pd.notna(target[column]) else float("nan")
            n = len(values)
            if n and not np.isnan(value):
                # a rate equal to the document's but computed from other counts ("2 in 612" and
                # "1 in 306") can differ in the last bits: equal within 1e-9 counts as reaching
                k = int(((values >= value) | np.isclose(values, value, rtol=1e-9, atol=0)).sum())
                share, low, high = wilson_interval(k, n, level)
                p = (k + 1) / (n + 1)
            else:
                k, share, low, high, p = np.nan, *share_reaching(value, values, level=level), float("nan")
            rows.append({"feature": column, by: group, "value": value, "n": n, "k": k,
                         "share": float(share), "low": float(low), "high": float(high), "p_value": p})
    out = pd.DataFrame(rows, columns=["feature", by, "value", "n", "k", "share", "low", "high", "p_value"])
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(dtype=float), method=method) if len(out) else []
    out.attrs = {"method": "reaching_table: share reaching (Wilson), one-sided empirical p-value",
                 "adjustment": method, "comparisons": int(out["p_value"].notna().sum()), "level": level}
    return out


#: What instrument stands behind each measure (a column of :func:`analysis.pipeline.featurize`)
#: and where notebook 04 measures its accuracy on data the instrument was *not* tuned on (None:
#: no such figure, the finding is exploratory). Keys are column names or prefixes (longest match
#: wins).
INSTRUMENTS: dict[str, tuple[str, str | None]] = {
    "mattr": ("MATTR over analysis.tokenize word tokens (a descriptive statistic)", None),
    "n_": ("counts of analysis.tokenize sentences and tokens (descriptive)", None),
    "hedging": ("analysis.framing.hedging lexicon, writer's markers", "CoNLL-2010 Wikipedia uncertain sentences"),
    "hedging_certainty": ("analysis.framing.hedging lexicon (certainty markers)", None),
    "hedging_quoted": ("analysis.framing.hedging lexicon, markers inside quotations",
                       "CoNLL-2010 Wikipedia uncertain sentences"),
    "quotes": ("analysis.framing.quotes.quotes", "PolNeAR dev (sourcing)"),
    "quoted_share": ("analysis.framing.quotes.quotes", "PolNeAR dev (sourcing)"),
    "attributions_per_1000": ("analysis.framing.quotes.attributions", "PolNeAR dev (sourcing)"),
    "attributions_anonymous": ("analysis.framing.quotes.attributions (named or not)", None),
    "attributions_government": ("analysis.framing.quotes.attributions, source typing", None),
    "attributions_state_media": ("analysis.framing.quotes.attributions, source typing", None),
    "attributions_independent_media": ("analysis.framing.quotes.attributions, source typing", None),
    "attributions_other": ("analysis.framing.quotes.attributions, source typing", None),
    "sentiment_vader": ("VADER sentence tone (analysis.sentiment)", "NewsMTSC dev, sentence-level"),
    "sentiment_hu_liu": ("Hu & Liu lexicon sentence tone (analysis.sentiment)", "NewsMTSC dev, sentence-level"),
    "sentiment_news_lr": ("news-lr sentence model (analysis.sentiment; tuned on NewsMTSC dev)", None),
    "sentiment_lsd2015": ("LSD2015 sentence tone (analysis.sentiment)", None),
    "frame_responsibility_score": ("analysis.framing.generic rules (responsibility)", None),
    "_score": ("analysis.framing.generic rules", "Narrative Frames dev (climate news)"),
    "actor_tone": ("analysis.sentiment.target_sentiment (target model)", "NewsMTSC dev"),
    "actor_mentions": ("analysis.framing.actors.mentions", "hand-annotated Kremlin/KCNA sample"),
    "labels": ("analysis.framing.actors.labels", None),
}


def instrument_of(measure: str) -> tuple[str, str | None]:
    """``(instrument, validated_on)`` for a measure name from :data:`INSTRUMENTS`: the entry whose
    key is the longest prefix (or, for keys starting with "_", suffix) of ``measure``;
    ``validated_on`` is None when no accuracy figure exists on data the instrument was not tuned
    on. Unknown measures: ``(measure, None)``."""
    best = None
    for key in INSTRUMENTS:
        hit = measure.endswith(key) if key.startswith("_") else measure.startswith(key)
        if hit and (best is None or len(key) > len(best)):
            best = key
    return INSTRUMENTS[best] if best else (measure, None)


def instrument_note(measure: str) -> str:
    """"instrument; accuracy in notebook 04 on <data>" or "instrument; exploratory (...)", for
    the prose under a finding (:func:`instrument_of`)."""
    instrument, validated = instrument_of(measure)
    if validated:
        return f"{instrument}; accuracy measured on {validated}, notebook 04"
    return f"{instrument}; exploratory: no accuracy figure on data it was not tuned on"


def instrument_status(measure: str) -> str:
    """Short form of :func:`instrument_of` for a table column: "measured on <data>" or
    "exploratory"."""
    validated = instrument_of(measure)[1]
    return f"measured on {validated}" if validated else "exploratory"


def reaching_findings(table: pd.DataFrame, names: Mapping[str, str] | None = None, by: str = "group",
                      alpha: float = 0.05) -> str:
    """A Markdown paragraph written from a :func:`reaching_table`: how many comparisons were
    looked at, which survive the adjustment at ``alpha`` (default 0.05, false discovery rate
    under "bh"), each with the document's value, the share reaching it per group and its
    instrument (:func:`instrument_note`), and the measures on which no reference document
    reaches the value. ``names`` maps measure names to words for the prose."""
    names = names or {}
    if table is None or table.empty:
        return "No comparison could be made: no reference documents."
    m = table.attrs.get("comparisons", int(table["p_value"].notna().sum()))
    n_features, n_groups = table["feature"].nunique(), table[by].nunique()
    text = (f"{m} comparisons were looked at ({n_features} measures x {n_groups} reference groups), "
            f"each a one-sided empirical p-value (k + 1) / (n + 1), adjusted together "
            f"({table.attrs.get('adjustment', 'bh').upper()}).")
    hits = table[table["p_adjusted"] <= alpha]
    if hits.empty:
        text += f" None stands out at a false discovery rate of {alpha:g}"
        if table["p_adjusted"].notna().any():
            smallest = table["p_adjusted"].min()
            ties = int(np.isclose(table["p_adjusted"], smallest).sum())
            text += (f" (the smallest adjusted p-value is {smallest:.3f}"
                     + (f", shared by {ties} rows)" if ties > 1 else ")"))
        text += "."
    else:
        parts = []
        for feature, part in hits.groupby("feature", sort=False):
            shares = "; ".join(f"{row[by]} {int(row['k'])} of {int(row['n'])} reach it "
                               f"({100 * row['share']:.0f} % [{100 * row['low']:.0f}, {100 * row['high']:.0f}], "
                               f"adjusted p {row['p_adjusted']:.3f})" for _, row in part.iterrows())
            parts.append(f"{names.get(feature, feature)}, {part['value'].iloc[0]:.3g} in the document: "
                         f"{shares} [{instrument_note(feature)}]")
        text += (f" {len(hits)} stand out at a false discovery rate of {alpha:g}: " + "; ".join(parts) + ".")
    closest = table[table["p_adjusted"] > alpha].dropna(subset=["p_value"]).nsmallest(3, "p_value")
    if len(closest):
        text += (" Fewest reference documents reach the document's value on "
                 + "; ".join(f"{names.get(r['feature'], r['feature'])} against {r[by]} ({r['value']:.3g}: "
                             f"{int(r['k'])} of {int(r['n'])}, adjusted p {r['p_adjusted']:.2f}; "
                             f"{instrument_status(r['feature'])})"
                             for _, r in closest.iterrows())
                 + ", none of which stands out once the number of comparisons is accounted for.")
    rest = table[(table["p_adjusted"] > alpha) & (table["value"] > 0)]
    typical = [names.get(f, f) for f, part in rest.groupby("feature", sort=False) if (part["share"] >= 0.25).all()]
    if typical:
        text += (" At least a quarter of the documents of every group reach the document's value on: "
                 + ", ".join(typical) + ".")
    return text


def reaching_phrase(table: pd.DataFrame, feature: str, by: str = "group") -> str:
    """One measure of a :func:`reaching_table` in words: the document's value, then per group
    "k of n reach it (share % [low, high]; adjusted p)". Empty string for an unknown measure."""
    part = table[table["feature"] == feature]
    if part.empty:
        return ""
    groups = "; ".join(
        f"{row[by]}: {int(row['k'])} of {int(row['n'])} reach it ({100 * row['share']:.0f} % "
        f"[{100 * row['low']:.0f}, {100 * row['high']:.0f}], adjusted p {row['p_adjusted']:.2f})"
        if pd.notna(row["p_value"]) else f"{row[by]}: no value"
        for _, row in part.iterrows())
    return f"{part['value'].iloc[0]:.3g} in the document; {groups}"


def contrast_findings(
    summary: pd.DataFrame,
    target: str,
    comparators: Sequence[str],
    features: Mapping[str, str],
    by: str = "group",
) -> str:
    """A Markdown list written from a :func:`group_summary`: for each measure of ``features``
    (column -> words), the ``target`` group's value (one document: no interval), each
    comparator group's mean with its interval, whether the target lies above, below or inside
    each interval, and the instrument behind the measure (:func:`instrument_note`). Groups
    missing from ``summary`` are left out; none left: a sentence saying so."""
    present = [g for g in comparators if g in set(summary[by])]
    if target not in set(summary[by]) or not present:
        return "No comparison: the document or every comparator group is missing here."
    lines = []
    for feature, words in features.items():
        rows = summary[summary["feature"] == feature].set_index(by)
        if feature not in set(summary["feature"]) or target not in rows.index:
            continue
        value = rows.loc[target, "mean"]
        parts = []
        for g in present:
            mean, low, high = rows.loc[g, ["mean", "low", "high"]]
            side = ("no interval" if pd.isna(low)
                    else "above" if value > high else "below" if value < low else "inside")
            parts.append(f"{g} {mean:.3g} [{low:.3g}, {high:.3g}] ({side})")
        lines.append(f"* **{words}**: {value:.3g} in the document; " + "; ".join(parts)
                     + f". *Instrument: {instrument_note(feature)}.*")
    return "\n".join(lines) if lines else "No measure to compare."


def tone_findings(summary: pd.DataFrame, groups: Sequence[str], actors: Sequence[str], by: str = "group") -> str:
    """A Markdown list written from a :func:`tone_summary`: per actor, each group's mean tone
    with its cluster-bootstrap interval, mentions and documents, and whether the interval holds
    zero; a group of one document is given without interval. Actors or groups without mentions
    are said to have none."""
    lines = []
    for actor in actors:
        parts = []
        for g in groups:
            row = summary[(summary[by] == g) & (summary["actor"] == actor)]
            if row.empty:
                parts.append(f"{g}: no mention")
                continue
            r = row.iloc[0]
            counts = (f"{count_phrase(int(r['n_mentions']), 'mention')} in "
                      f"{count_phrase(int(r['n_documents']), 'document')}")
            if pd.isna(r["low"]):
                parts.append(f"{g}: {r['mean_score']:+.2f} ({counts}, no interval)")
            else:
                side = ("holds zero" if r["low"] <= 0 <= r["high"] else "above zero" if r["low"] > 0 else "below zero")
                parts.append(f"{g}: {r['mean_score']:+.2f} [{r['low']:+.2f}, {r['high']:+.2f}], {side} "
                             f"({counts}, {100 * r['share_positive']:.0f} % positive, "
                             f"{100 * r['share_negative']:.0f} % negative)")
        lines.append(f"* **{actor}**: " + "; ".join(parts) + ".")
    return "\n".join(lines)


def keyness_findings(keys: pd.DataFrame, group: str, n: int = 8) -> str:
    """A paragraph written from a one-vs-rest :func:`analysis.keywords.compare` frame: ``group``'s
    terms whose conservative log-ratio (LRC) is above zero, with their counts, how many terms
    could be tested, and the top ``n`` keywords of every other group."""
    if keys is None or keys.empty or group not in set(keys["group"]):
        return f"No keyness result for {group}."
    mine = keys[(keys["group"] == group) & (keys["direction"] == "target")]
    key = mine[mine["lrc"] > 0].nlargest(n, "lrc")
    tested = int((keys["group"] == group).sum())
    text = (f"Against the other groups pooled, {count_phrase(len(key), 'term')} of {group} "
            f"{'has' if len(key) == 1 else 'have'} an LRC above zero"
            + (": " + ", ".join(f'"{t}" ({a}/{b})' for t, a, b in zip(key["term"], key["count_target"],
                                                                       key["count_reference"])) if len(key) else "")
            + f" (counts in the group / the rest; {tested} terms tested).")
    others = []
    for other, part in keys[keys["group"] != group].groupby("group", sort=False):
        top = part[(part["direction"] == "target") & (part["lrc"] > 0)].nlargest(n, "lrc")["term"]
        others.append(f"{other}: " + (", ".join(f'"{t}"' for t in top) if len(top) else "none"))
    if others:
        text += " The other groups' top keywords: " + "; ".join(others) + "."
    return text


def keyword_findings(ranks: pd.DataFrame, overlap: pd.DataFrame) -> str:
    """A paragraph written from :func:`keyword_ranks` and :func:`keyword_overlap`: the keywords
    found by every run, and the range of the pairwise Jaccard agreement."""
    runs = ranks["run"].nunique()
    if runs == 0:
        return "No keyness run."
    in_runs = ranks.groupby("term")["run"].nunique()
    everywhere = [t for t in dict.fromkeys(ranks.sort_values("rank")["term"]) if in_runs[t] == runs]
    text = (f"{len(everywhere)} keywords come out of all {runs} runs"
            + (": " + ", ".join(f'"{t}"' for t in everywhere) if everywhere else "") + ".")
    if len(overlap):
        text += (f" Pairwise agreement of the lists (Jaccard) ranges from {overlap['jaccard'].min():.2f} to "
                 f"{overlap['jaccard'].max():.2f}.")
    return text


# --------------------------------------------------------------------------- keyword robustness


def keyword_ranks(results: Mapping[str, pd.DataFrame], n: int = 15, by: str = "lrc") -> pd.DataFrame:
    """The top ``n`` keywords of each keyness run, ranked by ``by`` (default LRC), in one frame.

    ``results`` maps a run's name (a reference corpus, a tokeniser) to a
    :func:`analysis.keywords.keyness` frame; only terms key for the target (``direction ==
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
