"""Comparing texts and corpora: frequency lists, keyness, keyword-in-context and collocations.

Every function takes texts in any of these forms (called *docs* below) and returns a tidy DataFrame:

* one text (``str``), a list of texts, a ``pd.Series`` of texts, or a corpus frame with a ``text``
  column: tokenised with :func:`analysis.tokenize.tokens`;
* a list of token lists (``list[list[str]]``): used as given, so any tokeniser can be plugged in
  (wrap a single token list as ``[tokens]``);
* a frequency list: a numeric ``pd.Series`` or a mapping (term -> count), or a frame with ``term``
  and ``count`` columns such as :func:`frequencies` returns (not for :func:`kwic`/:func:`collocations`).

Keyness compares a *target* (one article, an outlet) with a *reference* corpus term by term. The
result frame reports, for every term, the counts and rates on both sides, a significance test
(log-likelihood G², Dunning 1993) with multiple-testing adjustments, and effect sizes that do not
grow with corpus size (log-ratio, Hardie 2014; its conservative lower bound LRC, Evert 2022; the
Fightin' Words z-score, Monroe, Colaresi & Quinn 2008). One short article against a corpus is a
small-sample problem: a term used three times in 400 words can look "key" by chance, so read the
counts and the intervals, keep a minimum frequency, and prefer LRC over G² for ranking.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np
import pandas as pd
from scipy import stats

from analysis.tokenize import WORD_CHARACTER
from analysis.tokenize import tokens as _tokenize

__all__ = ["adjust_pvalues", "collocations", "compare", "frequencies", "keyness", "kwic"]

#: A "word" token contains at least one letter or digit; punctuation-only tokens are not words.
#: Word spans used to count KWIC context windows (independent of the tokeniser's punctuation).
_CONTEXT_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_WHITESPACE = re.compile(r"\s+")
#: Typographic apostrophes folded to ASCII ("Kim’s" and "Kim's" are one spelling).
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})

REFERENCES = {
    "g2": "Dunning, T. (1993). Accurate methods for the statistics of surprise and coincidence. "
    "Computational Linguistics 19(1); Rayson, P. & Garside, R. (2000). Comparing corpora using "
    "frequency profiling. Workshop on Comparing Corpora, ACL 2000.",
    "log_ratio": "Hardie, A. (2014). Log Ratio: an informal introduction. ESRC Centre for "
    "Corpus Approaches to Social Science (CASS), Lancaster University.",
    "lrc": "Evert, S. (2022). Measuring keyness. Digital Humanities 2022 (DH2022), Tokyo; online "
    "supplement and reference implementation (2023), https://osf.io/x8z9n, and R package "
    "corpora >= 0.6, keyness(measure='LRC').",
    "fightin_words": "Monroe, B. L., Colaresi, M. P. & Quinn, K. M. (2008). Fightin' words: "
    "lexical feature selection and evaluation for identifying the content of political "
    "conflict. Political Analysis 16(4), 372-403, section 3.5.",
    "bh": "Benjamini, Y. & Hochberg, Y. (1995). Controlling the false discovery rate. Journal of "
    "the Royal Statistical Society B 57(1), 289-300.",
    "collocations": "Evert, S. (2008). Corpora and collocations. In Luedeling & Kyto (eds.), "
    "Corpus Linguistics: An International Handbook, article 58; Church, K. & Hanks, P. (1990). "
    "Word association norms, mutual information, and lexicography. Computational Linguistics 16(1).",
}


# --------------------------------------------------------------------------- input handling


def _parse_docs(docs, *, what: str = "docs") -> list[list[str]] | pd.Series:
    """Token lists for texts/token lists, or a count Series (term -> count) for frequency lists."""
    if isinstance(docs, str):
        return [_tokenize(docs)]
    if isinstance(docs, pd.DataFrame):
        if {"term", "count"} <= set(docs.columns):
            return _count_series(docs.groupby("term")["count"].sum(), what)
        if "text" not in docs.columns:
            raise TypeError(
                f"{what}: a DataFrame needs 'term' and 'count' columns (a frequency list) or a "
                f"'text' column (a corpus); got columns {list(docs.columns)}"
            )
        docs = docs["text"]
    if isinstance(docs, pd.Series):
        if pd.api.types.is_numeric_dtype(docs.dtype):
            return _count_series(docs, what)
        docs = docs.tolist()
    if isinstance(docs, Mapping):
        return _count_series(pd.Series(docs, dtype=float), what)
    if not isinstance(docs, Iterable):
        raise TypeError(f"{what}: expected texts, token lists or a frequency list, got {docs!r}")
    out = []
    for i, doc in enumerate(docs):
        if isinstance(doc, str):
            out.append(_tokenize(doc))
        elif isinstance(doc, (list, tuple)) and all(isinstance(t, str) for t in doc):
            out.append(list(doc))
        else:
            raise TypeError(
                f"{what}: document {i} is a {type(doc).__name__} ({doc!r:.60}); expected a text "
                "(str) or a token list (list of str)"
            )
    return out


def _count_series(counts: pd.Series, what: str) -> pd.Series:
    if len(counts) and pd.api.types.infer_dtype(counts.index, skipna=False) != "string":
        raise TypeError(f"{what}: a frequency list must be indexed by terms (str)")
    values = counts.to_numpy(dtype=float, na_value=np.nan)
    if not np.isfinite(values).all() or (values < 0).any():
        raise ValueError(f"{what}: frequency counts must be finite and >= 0")
    return pd.Series(values, index=counts.index.astype(str), name="count")


def _normalise(terms: pd.Series, *, lowercase: bool, fold_apostrophes: bool) -> pd.Series:
    if lowercase:
        terms = terms.str.lower()
    if fold_apostrophes:
        terms = terms.str.translate(_APOSTROPHES)
    return terms


def _keep(terms: pd.Index, *, words_only: bool, min_length: int, stop_words) -> np.ndarray:
    """Boolean mask over a vocabulary: the filters of :func:`frequencies`, vectorised."""
    s = pd.Series(terms, dtype=object)
    keep = s.str.len() >= min_length
    if words_only:
        keep &= s.str.contains(WORD_CHARACTER, regex=True)  # analysis.tokenize.is_word
    if stop_words:
        keep &= ~s.str.lower().isin({w.lower() for w in stop_words})
    return keep.to_numpy(dtype=bool)


def _frequency_table(docs, *, lowercase, fold_apostrophes, words_only, min_length, stop_words,
                     what="docs"):
    """(frame indexed by term with ``count`` and ``docs`` columns, number of documents or None)."""
    parsed = _parse_docs(docs, what=what)
    if isinstance(parsed, pd.Series):
        terms = _normalise(pd.Series(parsed.index, dtype=object), lowercase=lowercase,
                           fold_apostrophes=fold_apostrophes)
        counts = parsed.groupby(terms.to_numpy()).sum()
        table = pd.DataFrame({"count": counts, "docs": pd.NA}).astype({"docs": "Int64"})
        n_docs = None
    else:
        lengths = [len(t) for t in parsed]
        flat = _normalise(pd.Series([t for doc in parsed for t in doc], dtype=object),
                          lowercase=lowercase, fold_apostrophes=fold_apostrophes)
        pairs = pd.DataFrame({"doc": np.repeat(np.arange(len(parsed)), lengths), "term": flat})
        table = pd.DataFrame(
            {
                "count": pairs["term"].value_counts(),
                "docs": pairs.drop_duplicates()["term"].value_counts(),
            }
        ).astype({"count": float, "docs": "Int64"})
        n_docs = len(parsed)
    table = table[(table["count"] > 0).to_numpy()]
    table = table[_keep(table.index, words_only=words_only, min_length=min_length,
                        stop_words=stop_words)]
    table.index.name = "term"
    return table, n_docs


def frequencies(
    docs,
    *,
    lowercase: bool = True,
    fold_apostrophes: bool = True,
    words_only: bool = True,
    min_length: int = 1,
    stop_words: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Frequency list: one row per term with its ``count`` and ``docs`` (documents containing it).

    Tokens come from :func:`analysis.tokenize.tokens` for texts, or are taken as given for token
    lists; a frequency list passed in is re-normalised with the same options.

    Defaults: ``lowercase=True``; ``fold_apostrophes=True`` maps ’ ‘ ʼ to ' (the seed article
    mixes "Kim’s" and "Russia's"); ``words_only=True`` drops tokens without a letter or digit
    (punctuation, "**"); ``min_length=1``; ``stop_words=None`` (no stop-word removal unless a set is
    passed; matched case-insensitively). Rows are sorted by count, then term. ``docs`` is <NA> when
    the input was already a frequency list.

    ``df.attrs``: method, parameters, ``n_tokens`` (the sum of counts after the filters: this, not
    the raw token count, is the corpus size keyness uses), ``n_types``, ``n_docs``.

    Caveat: raw frequencies hide dispersion; a term frequent in one document only has a high count
    and a ``docs`` of 1 (Egbert & Biber 2019, *Corpus Linguistics and Linguistic Theory*).
    """
    norm = dict(lowercase=lowercase, fold_apostrophes=fold_apostrophes, words_only=words_only,
                min_length=min_length, stop_words=stop_words)
    table, n_docs = _frequency_table(docs, **norm)
    out = table.reset_index().sort_values(["count", "term"], ascending=[False, True],
                                          ignore_index=True)
    out["count"] = _whole(out["count"])
    out.attrs = {
        "method": "frequencies",
        "parameters": {**norm, "stop_words": _describe(stop_words)},
        "n_tokens": float(table["count"].sum()),
        "n_types": len(out),
        "n_docs": n_docs,
    }
    return out


def _whole(counts: pd.Series) -> pd.Series:
    """Counts as integers when they are whole numbers (they are, unless a float list came in)."""
    return counts.astype("int64") if (counts == counts.round()).all() else counts


def _describe(stop_words) -> str | None:
    return None if stop_words is None else f"{len(set(stop_words))} stop words"


# --------------------------------------------------------------------------- statistics


def _o_log_o_over_e(o, e):
    """``o * ln(o / e)`` with ``0 ln 0 = 0``; log1p keeps precision when o is close to e."""
    o, e = np.asarray(o, dtype=float), np.asarray(e, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log1p((o - e) / e), 0.0)


def _g2_2x2(o11, r1, c1, n):
    """Full 2x2 log-likelihood G² = 2 Σ O ln(O/E) for the table given by O11 and its margins."""
    o = [o11, r1 - o11, c1 - o11, n - r1 - c1 + o11]
    e = [r1 * c1 / n, r1 * (n - c1) / n, (n - r1) * c1 / n, (n - r1) * (n - c1) / n]
    return np.maximum(2 * sum(_o_log_o_over_e(oi, ei) for oi, ei in zip(o, e)), 0.0)


def adjust_pvalues(p, method: Literal["bh", "bonferroni"] = "bh") -> np.ndarray:
    """Multiple-testing adjustment of a vector of p-values.

    ``"bonferroni"``: ``min(1, p * m)`` controls the family-wise error rate. ``"bh"`` (default):
    Benjamini & Hochberg (1995, *JRSS B*) step-up adjustment, which controls the false discovery
    rate (assumes independent or positively dependent tests); computed with
    :func:`scipy.stats.false_discovery_control`. ``m`` is the length of ``p``: adjust over the
    whole family of tests at once.
    """
    p = np.asarray(p, dtype=float)
    if p.size == 0:
        return p
    if method == "bonferroni":
        return np.minimum(p * p.size, 1.0)
    if method == "bh":
        return stats.false_discovery_control(p, method="bh")
    raise ValueError(f"method must be 'bh' or 'bonferroni', got {method!r}")


def _keyness_table(a, b, c, d, *, g2_form, zero_correction, conf_level, alpha_0):
    """Every keyness statistic for count vectors ``a`` (target) and ``b`` (reference)."""
    n = c + d
    e1, e2 = c * (a + b) / n, d * (a + b) / n
    g2 = 2 * (_o_log_o_over_e(a, e1) + _o_log_o_over_e(b, e2))
    if g2_form == "full":
        g2 = g2 + 2 * (_o_log_o_over_e(c - a, c - e1) + _o_log_o_over_e(d - b, d - e2))
    g2 = np.maximum(g2, 0.0)  # rounding can leave -1e-15 where the rates are equal
    p = stats.chi2.sf(g2, df=1)
    m = max(len(a), 1)

    # Log-ratio (Hardie 2014) with zeros replaced by `zero_correction`, and its Wald interval.
    a0 = np.where(a == 0, zero_correction, a)
    b0 = np.where(b == 0, zero_correction, b)
    ln_rr = np.log((a0 / c) / (b0 / d))
    z = stats.norm.isf((1 - conf_level) / 2)
    se = np.sqrt(1 / a0 + 1 / b0)

    # LRC (Evert 2022): Clopper-Pearson interval for a / (a + b), Bonferroni over the m tests.
    tail = (1 - conf_level) / 2 / m
    with np.errstate(divide="ignore"):
        lower = np.where(a > 0, stats.beta.ppf(tail, np.maximum(a, 1e-300), b + 1), 0.0)
        upper = np.where(b > 0, stats.beta.isf(tail, a + 1, np.maximum(b, 1e-300)), 1.0)
        lr_lower = np.log2(d / c * lower / (1 - lower))
        lr_upper = np.log2(d / c * upper / (1 - upper))
    more_in_target = a / c >= b / d
    lrc = np.where(more_in_target, np.maximum(lr_lower, 0.0), np.minimum(lr_upper, 0.0))

    # Fightin' Words: log-odds ratio with an informative Dirichlet prior from the pooled counts.
    alpha_w = alpha_0 * (a + b) / n
    delta = np.log((a + alpha_w) / (c + alpha_0 - a - alpha_w)) - np.log(
        (b + alpha_w) / (d + alpha_0 - b - alpha_w)
    )
    fw_var = 1 / (a + alpha_w) + 1 / (b + alpha_w)

    return pd.DataFrame(
        {
            "count_target": a,
            "count_reference": b,
            "per_million_target": a / c * 1e6,
            "per_million_reference": b / d * 1e6,
            "expected_target": e1,
            "expected_reference": e2,
            "low_expected": np.minimum(e1, e2) < 5,
            "g2": g2,
            "p": p,
            "p_bonferroni": adjust_pvalues(p, "bonferroni"),
            "p_bh": adjust_pvalues(p, "bh"),
            "direction": np.select([a / c > b / d, a / c < b / d], ["target", "reference"], "none"),
            "log_ratio": ln_rr / np.log(2),
            "log_ratio_low": (ln_rr - z * se) / np.log(2),
            "log_ratio_high": (ln_rr + z * se) / np.log(2),
            "lrc": lrc,
            "fw_log_odds": delta,
            "fw_var": fw_var,
            "fw_z": delta / np.sqrt(fw_var),
        }
    )


# --------------------------------------------------------------------------- keyness


def keyness(
    target,
    reference,
    *,
    lowercase: bool = True,
    fold_apostrophes: bool = True,
    words_only: bool = True,
    min_length: int = 1,
    stop_words: Iterable[str] | None = None,
    min_target: int = 3,
    min_reference: int = 0,
    g2_form: Literal["two_cell", "full"] = "two_cell",
    zero_correction: float = 0.5,
    conf_level: float = 0.95,
    alpha_0: float = 1000.0,
    target_size: float | None = None,
    reference_size: float | None = None,
    small_sample_tokens: int = 5000,
) -> pd.DataFrame:
    """Keywords of a target against a reference: one row per term, sorted by G² (descending).

    ``target`` and ``reference`` are docs (see the module docstring): one article's text, texts,
    token lists, or frequency lists; :func:`frequencies` options (``lowercase``,
    ``fold_apostrophes``, ``words_only``, ``min_length``, ``stop_words``) apply to both. With a = the term's count in the target,
    b = its count in the reference, c and d = the two corpus sizes (kept tokens; pass
    ``target_size``/``reference_size`` when a frequency list is truncated):

    * ``count_*``, ``per_million_*`` (rates per million tokens), ``expected_*``:
      E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d); ``low_expected`` flags min(E1, E2) < 5, where the
      chi-squared approximation is doubtful (Rayson, Berridge & Francis 2004, JADT).
    * ``g2``: log-likelihood (Dunning 1993). Default ``g2_form="two_cell"`` is the Rayson & Garside
      (2000) form 2[a ln(a/E1) + b ln(b/E2)], as in the UCREL log-likelihood wizard and AntConc;
      ``"full"`` adds the two complement cells (c-a, d-b) of the 2x2 table, the exact likelihood
      ratio (as in Evert's ``corpora::keyness``). They differ little when a << c.
      ``p`` is its chi-squared (1 df) p-value; ``p_bonferroni`` and ``p_bh`` (Benjamini &
      Hochberg 1995) are adjusted over all rows returned (after the frequency filters).
    * ``direction``: "target" if a/c > b/d, "reference" if smaller, "none" if equal; it says
      which side uses the term more, not whether the difference is significant.
    * ``log_ratio``: log2((a/c)/(b/d)) (Hardie 2014); a zero count is replaced by
      ``zero_correction`` (default 0.5, CQPweb's convention), so a term absent from one side gets a
      finite, indicative value. ``log_ratio_low``/``_high``: Wald interval at ``conf_level`` (0.95)
      from the standard error of a log rate ratio, sqrt(1/a + 1/b) on the natural-log scale
      (zero-corrected counts), divided by ln 2. Not adjusted for multiple testing.
    * ``lrc``: conservative log-ratio (Evert 2022, ``corpora::keyness(measure="LRC")``): the
      exact Clopper-Pearson interval for the proportion a/(a+b) at confidence 1 - (1 -
      ``conf_level``)/m (two-sided Bonferroni over the m rows returned), mapped to log-ratio by
      log2((d/c) p/(1-p)); LRC is the bound closest to 0 (lower bound when a/c >= b/d, upper
      otherwise) and 0 when the interval contains 0. The recommended ranking for keywords.
    * ``fw_log_odds``, ``fw_var``, ``fw_z``: Fightin' Words (Monroe, Colaresi & Quinn 2008,
      §3.5): log-odds ratio (natural log) with an informative Dirichlet prior
      alpha_w = alpha_0 (a+b)/(c+d) from the pooled target+reference counts, its approximate
      variance 1/(a + alpha_w) + 1/(b + alpha_w) and z = log-odds / sqrt(variance). ``alpha_0``
      (default 1000, our choice: the paper leaves it to the analyst) sets the prior's strength
      in tokens: larger shrinks rare terms more toward "no difference". A term absent from one
      side gets a large variance 1/alpha_w, hence a modest z, however large its log-odds.

    Filters: rows need a >= ``min_target`` (default 3) and b >= ``min_reference`` (default 0).
    With ``min_target=0`` terms absent from the target (negative keywords) are kept too. The
    filters change m, and so the adjusted p-values and LRC.

    Caveats: one short article against a corpus is a small-sample problem. When the target has
    fewer than ``small_sample_tokens`` (5,000) tokens a ``UserWarning`` is issued and
    ``df.attrs["small_sample"]`` is True; read counts and intervals, not G² ranks alone. G² and
    the binomial model assume tokens are independent; words cluster in documents, so p-values
    are too small for corpora of few long documents. The reference should not contain the target.

    ``df.attrs``: method, parameters, ``target_tokens``, ``reference_tokens``, ``n_tests``,
    ``small_sample``, ``n_low_expected`` and ``references``.
    """
    if g2_form not in ("two_cell", "full"):
        raise ValueError(f"g2_form must be 'two_cell' or 'full', got {g2_form!r}")
    if not 0 < conf_level < 1:
        raise ValueError(f"conf_level must be between 0 and 1, got {conf_level}")
    if zero_correction <= 0 or alpha_0 <= 0:
        raise ValueError("zero_correction and alpha_0 must be positive")
    norm = dict(lowercase=lowercase, fold_apostrophes=fold_apostrophes, words_only=words_only,
                min_length=min_length, stop_words=stop_words)
    tgt, _ = _frequency_table(target, **norm, what="target")
    ref, _ = _frequency_table(reference, **norm, what="reference")
    c = _size(tgt, target_size, "target")
    d = _size(ref, reference_size, "reference")

    counts = pd.concat([tgt["count"].rename("a"), ref["count"].rename("b")], axis=1).fillna(0.0)
    counts = counts[(counts["a"] >= min_target) & (counts["b"] >= min_reference)]
    table = _keyness_table(counts["a"].to_numpy(), counts["b"].to_numpy(), c, d,
                           g2_form=g2_form, zero_correction=zero_correction,
                           conf_level=conf_level, alpha_0=alpha_0)
    table.insert(0, "term", counts.index.to_numpy())
    table["count_target"], table["count_reference"] = (
        _whole(table["count_target"]), _whole(table["count_reference"]))
    table = table.sort_values(["g2", "term"], ascending=[False, True], ignore_index=True)

    small = c < small_sample_tokens
    n_low = int(table["low_expected"].sum())
    if small:
        warnings.warn(
            f"keyness: small-sample target ({c:,.0f} tokens < {small_sample_tokens:,}); "
            f"{n_low} of {len(table)} tested terms have an expected count below 5. G² p-values "
            "are unreliable here: report counts, log-ratio intervals and LRC, and keep "
            "min_target >= 3.",
            UserWarning,
            stacklevel=2,
        )
    table.attrs = {
        "method": "keyness",
        "parameters": {**norm, "stop_words": _describe(stop_words), "min_target": min_target,
                       "min_reference": min_reference, "g2_form": g2_form,
                       "zero_correction": zero_correction, "conf_level": conf_level,
                       "alpha_0": alpha_0, "small_sample_tokens": small_sample_tokens},
        "target_tokens": c,
        "reference_tokens": d,
        "n_tests": len(table),
        "small_sample": bool(small),
        "n_low_expected": n_low,
        "references": REFERENCES,
    }
    return table


def _size(table: pd.DataFrame, size: float | None, what: str) -> float:
    total = float(table["count"].sum())
    if size is None:
        size = total
    elif size < total:
        raise ValueError(f"{what}_size={size} is smaller than the sum of its counts ({total})")
    if size <= 0:
        raise ValueError(f"{what} has no tokens after the filters; nothing to compare")
    return float(size)


def compare(
    groups: Mapping[str, object],
    *,
    lowercase: bool = True,
    fold_apostrophes: bool = True,
    words_only: bool = True,
    min_length: int = 1,
    stop_words: Iterable[str] | None = None,
    **options,
) -> pd.DataFrame:
    """Keyness of each group against all the other groups pooled (one-vs-rest), in one long frame.

    ``groups`` maps a name (e.g. "Moscow Times", "Kremlin", "KCNA", "BBC") to docs. Each group is
    the target once, with the sum of the other groups' counts as its reference; ``options`` go to
    :func:`keyness` (``min_target``, ``g2_form``, ``alpha_0``, ...; same defaults). The result has
    :func:`keyness`'s columns plus ``group`` first; adjusted p-values and LRC are adjusted within
    each group's comparison. Each small group triggers :func:`keyness`'s small-sample warning.

    Caveats: the rest is dominated by the largest groups, so a small group is mostly compared
    with them; compare groups of similar genre and period when the point is framing, not topic.

    ``df.attrs``: method, parameters and, per group, its token count and small-sample flag.
    """
    if len(groups) < 2:
        raise ValueError(f"compare needs at least two groups, got {len(groups)}")
    norm = dict(lowercase=lowercase, fold_apostrophes=fold_apostrophes, words_only=words_only,
                min_length=min_length, stop_words=stop_words)
    counts = pd.DataFrame(
        {name: _frequency_table(docs, **norm, what=f"group {name!r}")[0]["count"]
         for name, docs in groups.items()}
    ).fillna(0.0)
    rest = counts.sum(axis=1).to_numpy()[:, None] - counts
    frames, sizes = [], {}
    for name in counts.columns:
        part = keyness(counts[name], rest[name], lowercase=False, fold_apostrophes=False,
                       words_only=False, **options)
        part.insert(0, "group", name)
        frames.append(part)
        sizes[name] = {"tokens": part.attrs["target_tokens"],
                       "small_sample": part.attrs["small_sample"]}
    out = pd.concat(frames, ignore_index=True)
    out.attrs = {
        "method": "keyness one-vs-rest",
        "parameters": {**frames[0].attrs["parameters"], **norm,
                       "stop_words": _describe(stop_words)},
        "groups": sizes,
        "references": REFERENCES,
    }
    return out


# --------------------------------------------------------------------------- KWIC


def _texts(texts) -> list[tuple[object, str]]:
    """(doc_id, text) pairs from a text, a list, a Series (index = doc_id) or a corpus frame."""
    if isinstance(texts, str):
        return [(0, texts)]
    if isinstance(texts, pd.DataFrame):
        if "text" not in texts.columns:
            raise TypeError(f"expected a 'text' column; got columns {list(texts.columns)}")
        ids = texts["doc_id"] if "doc_id" in texts.columns else texts.index
        pairs = list(zip(ids, texts["text"]))
    elif isinstance(texts, pd.Series):
        pairs = list(texts.items())
    elif isinstance(texts, Mapping):
        pairs = list(texts.items())
    else:
        pairs = list(enumerate(texts))
    for doc_id, text in pairs:
        if not isinstance(text, str):
            raise TypeError(f"document {doc_id!r} is a {type(text).__name__}; expected a text (str)")
    return pairs


def _pattern(pattern, regex: bool, ignore_case: bool) -> re.Pattern:
    if isinstance(pattern, re.Pattern):
        return pattern
    flags = re.IGNORECASE if ignore_case else 0
    if regex:
        return re.compile(pattern, flags)
    words = pattern.split()
    if not words:
        raise ValueError("pattern is empty; give a word, a phrase or (regex=True) a regex")
    return re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", flags)


def kwic(
    texts,
    pattern: str | re.Pattern,
    *,
    window: int = 5,
    regex: bool = False,
    ignore_case: bool = True,
) -> pd.DataFrame:
    """Keyword in context (concordance): one row per match.

    ``texts``: a text, a list of texts (doc_id = position), a Series (doc_id = index), a mapping,
    or a corpus frame with ``text`` (and ``doc_id``) columns. ``pattern``: a word or a phrase
    (matched as whole words, any whitespace, including line and paragraph breaks, between the
    words of a phrase), or a regular expression with ``regex=True`` (or a compiled pattern, used
    as is). ``ignore_case=True`` by default.

    Columns: ``doc_id``, ``left``, ``keyword`` (the matched text as it stands), ``right``,
    ``start``, ``end`` (character offsets: ``text[start:end] == keyword``). ``left``/``right``
    hold up to ``window`` (default 5) words on each side with the punctuation between them,
    whitespace collapsed to single spaces. Matches do not overlap (:func:`re.finditer`).

    Reference: the KWIC format goes back to Luhn (1960), "Key word-in-context index for technical
    literature", *American Documentation* 11(4).
    """
    rx = _pattern(pattern, regex, ignore_case)
    rows = []
    for doc_id, text in _texts(texts):
        matches = list(rx.finditer(text))
        if not matches:
            continue
        spans = np.array([w.span() for w in _CONTEXT_WORD.finditer(text)], dtype=int)
        spans = spans.reshape(-1, 2)
        for m in matches:
            start, end = m.span()
            if start == end:
                raise ValueError(f"pattern {rx.pattern!r} matched an empty string; it must "
                                 "match at least one character")
            before = np.searchsorted(spans[:, 1], start, side="right")  # words ending <= start
            after = np.searchsorted(spans[:, 0], end, side="left")  # first word starting >= end
            left_words = spans[max(before - window, 0) : before] if window else spans[:0]
            right_words = spans[after : after + window]
            left_start = left_words[0, 0] if len(left_words) else start
            right_end = right_words[-1, 1] if len(right_words) else end
            rows.append({
                "doc_id": doc_id,
                "left": _WHITESPACE.sub(" ", text[left_start:start]).strip(),
                "keyword": m.group(),
                "right": _WHITESPACE.sub(" ", text[end:right_end]).strip(),
                "start": start,
                "end": end,
            })
    out = pd.DataFrame(rows, columns=["doc_id", "left", "keyword", "right", "start", "end"])
    out.attrs = {"method": "kwic", "parameters": {"pattern": rx.pattern, "window": window,
                                                  "regex": regex, "ignore_case": ignore_case}}
    return out


# --------------------------------------------------------------------------- collocations


def collocations(
    texts,
    node: str | None = None,
    *,
    window: int = 5,
    min_freq: int = 3,
    lowercase: bool = True,
    fold_apostrophes: bool = True,
    stop_words: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Collocates of a node word within ±``window`` tokens, or (``node=None``) all bigrams.

    ``texts``: texts or token lists (not frequency lists: positions are needed). Windows and
    bigrams never cross a document boundary. Punctuation tokens occupy positions (so a bigram
    never jumps over a full stop) but are never reported; ``stop_words`` (default None) are
    removed from the output only, so the counts stay those of the running text.

    Each row is a 2x2 contingency table (Evert 2008):

    * bigrams: ``count`` = f(node collocate) adjacent, ``node_total`` = f(node as first word of a
      bigram), ``collocate_total`` = f(collocate as second word), ``n`` = number of bigrams;
    * node mode: token positions inside the union of the node's windows (node positions
      excluded, overlapping windows counted once) against all others; ``count`` = occurrences of
      the collocate inside, ``node_total`` = number of positions inside, ``collocate_total`` =
      its corpus frequency, ``n`` = corpus tokens.

    ``expected`` = node_total * collocate_total / n; ``pmi`` = log2(count / expected) (Church &
    Hanks 1990); ``g2`` = full 2x2 log-likelihood (Dunning 1993), signed as in Evert's UCS
    toolkit: negative when count < expected (the pair repels), so sorting puts attraction first;
    ``p`` is the chi-squared (1 df) p-value of |g2|. ``fold_apostrophes`` and ``lowercase`` as in
    :func:`frequencies`. Rows need ``count >= min_freq`` (default
    3); PMI overrates rare pairs, so keep the floor. Sorted by G² descending.
    """
    parsed = _parse_docs(texts, what="texts")
    if isinstance(parsed, pd.Series):
        raise TypeError("collocations need running text or token lists, not a frequency list")
    lengths = [len(t) for t in parsed]
    toks = _normalise(pd.Series([t for doc in parsed for t in doc], dtype=object),
                      lowercase=lowercase, fold_apostrophes=fold_apostrophes)
    doc = np.repeat(np.arange(len(parsed)), lengths)

    if node is None:
        same = doc[:-1] == doc[1:]
        pairs = pd.DataFrame({"node": toks.to_numpy()[:-1][same],
                              "collocate": toks.to_numpy()[1:][same]})
        o11 = pairs.value_counts().rename("count").reset_index()
        o11["node_total"] = o11["node"].map(pairs["node"].value_counts())
        o11["collocate_total"] = o11["collocate"].map(pairs["collocate"].value_counts())
        n = len(pairs)
    else:
        key = _normalise(pd.Series([node], dtype=object), lowercase=lowercase,
                         fold_apostrophes=fold_apostrophes)[0]
        positions = np.flatnonzero(toks.to_numpy() == key)
        inside = np.zeros(len(toks), dtype=bool)
        for offset in [k for k in range(-window, window + 1) if k]:
            p = positions + offset
            ok = (p >= 0) & (p < len(toks))
            p = p[ok]
            inside[p[doc[p] == doc[positions[ok]]]] = True
        inside[positions] = False
        o11 = toks[inside].value_counts().rename("count").rename_axis("collocate").reset_index()
        o11.insert(0, "node", key)
        o11["node_total"] = int(inside.sum())
        o11["collocate_total"] = o11["collocate"].map(toks.value_counts())
        n = len(toks)

    reported = o11[(o11["count"] >= min_freq).to_numpy()
                   & _keep(pd.Index(o11["node"]), words_only=True, min_length=1,
                           stop_words=stop_words if node is None else None)
                   & _keep(pd.Index(o11["collocate"]), words_only=True, min_length=1,
                           stop_words=stop_words)].reset_index(drop=True)
    o, r1, c1 = (reported[c].to_numpy(dtype=float) for c in ("count", "node_total",
                                                                "collocate_total"))
    reported["n"] = n
    reported["expected"] = r1 * c1 / n
    reported["pmi"] = np.log2(o / reported["expected"].to_numpy(dtype=float))
    g2 = _g2_2x2(o, r1, c1, float(n))
    reported["g2"] = np.where(o < reported["expected"], -g2, g2)
    reported["p"] = stats.chi2.sf(g2, df=1)
    reported = reported.sort_values(["g2", "node", "collocate"],
                                    ascending=[False, True, True], ignore_index=True)
    reported.attrs = {
        "method": "bigrams" if node is None else "window collocates",
        "parameters": {"node": node, "window": window, "min_freq": min_freq,
                       "lowercase": lowercase, "fold_apostrophes": fold_apostrophes,
                       "stop_words": _describe(stop_words)},
        "n": n,
        "node_count": None if node is None else int(len(positions)),
        "references": {"collocations": REFERENCES["collocations"], "g2": REFERENCES["g2"]},
    }
    return reported
