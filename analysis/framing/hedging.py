"""Hedging, speculation, absence of evidence and certainty: marker spans and uncertain sentences.

Two instruments:

* :func:`hedging` (lexical rules) finds every marker of :data:`HEDGING_LEXICON` in a text: one row
  per marker, with its category, span, sentence, and whose it is: the writer's, or the quoted
  source's when it stands inside a quotation found by :func:`analysis.framing.quotes.quotes`
  (with that quotation's speaker where the quote rules found one). :func:`hedging_summary`
  counts them per category and per 1,000 word tokens.
* :func:`uncertain_sentences` (a trained classifier) gives every sentence of a text the
  probability that it is uncertain in the sense of the CoNLL-2010 shared task (hedged,
  speculative or weasel-worded), the cues that weighed most, and whose they are.
  :class:`UncertaintyClassifier` is the scikit-learn estimator behind it: L2 logistic regression
  over inspectable features (word lemmas, lemma bigrams, the rule markers of
  :data:`HEDGING_LEXICON` with their categories, the words around each marker and the first
  word of the sentence), trained on the CoNLL-2010 Wikipedia training sentences
  (``load("conll2010-train")``) with every setting (feature blocks, minimum document frequency,
  C, class weight, decision threshold, and whether the BioScope sentences join the training
  data) chosen by 5-fold cross-validation on those training sentences
  (:func:`select_settings`). The model is kept as a JSON card plus npz arrays
  (:mod:`analysis.artefacts`, artefact :data:`ARTEFACT`), built on first use when no committed
  copy is valid.

The categories and cue lists follow the lexical hedging literature: Hyland (1998), *Hedging in
Scientific Research Articles* (John Benjamins) for hedges (epistemic modals, lexical verbs
"appear", "suggest", adverbs "possibly", "reportedly") and their opposite, boosters ("clearly",
"undoubtedly", "confirmed"); the CoNLL-2010 shared task on hedge cue detection (Farkas, Vincze,
Móra, Csirik & Szarvas 2010, "The CoNLL-2010 shared task: learning to detect hedges and their
scope in natural language text", CoNLL) for the Wikipedia "weasel" and speculation cues
("rumours", "is believed to", "unconfirmed"). The category "absence/uncertainty of evidence" is
ours, for news: markers of what the writer could not see or verify ("no sighting", "could not be
verified", "unclear", "declined to comment"). ``python -m analysis.evaluate hedging`` measures the
classifier, the rule markers alone and a keyword baseline on CoNLL-2010
(:mod:`analysis.evaluate.hedging`).

Measured (``python -m analysis.evaluate hedging``, 95 % bootstrap intervals over sentences, same
run): on the 7,330 CoNLL-2010 Wikipedia training sentences, 5-fold block cross-validation, the
classifier's sentence F1 is 0.609 [0.593, 0.625] (settings chosen on those folds; nested
cross-validation, settings re-chosen inside each training part: 0.607 [0.592, 0.622]), against 0.291
[0.271, 0.312] for the rule markers alone and 0.281 [0.261, 0.300] for a hedge-keyword list (the
best CoNLL-2010 Wikipedia system: 0.602 on the test set). On the 11,854 BioScope sentences the
same settings trained on BioScope folds reach 0.883 [0.873, 0.894], but the shipped Wikipedia
model only 0.492 [0.472, 0.510], below the rule markers (0.745) and the keyword list (0.721):
what it learned is Wikipedia's weasel wording ("some", "many", "often", "is considered"), and on
text of another register (news is one) its probabilities need reading with the rule markers
beside them.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin

from analysis.framing import _caseless
from analysis.framing.quotes import quotes
from analysis.tokenize import sentence_spans, token_spans

#: Marker lexicon: category -> regular expressions over words (matched case-insensitively as
#: whole words; a space stands for any whitespace). Categories are tried in this order and
#: entries in list order, so at one position "could not be verified" (absence) wins over
#: "could" (hedge) and "intense speculation" over "speculation". Extend it with, e.g.,
#: ``{**HEDGING_LEXICON, "hedge": [*HEDGING_LEXICON["hedge"], "arguably"]}``.
HEDGING_LEXICON: dict[str, list[str]] = {
    "absence/uncertainty of evidence": [
        r"no (?:public |confirmed )?sightings?",
        r"(?:has|have|had) not been (?:seen|heard from)",
        r"not (?:been )?seen",
        r"no (?:clear |direct |hard |independent |official )?(?:signs?|evidence|proof|indication|confirmation)",
        r"(?:could not|cannot|can not|can't|couldn't) (?:be )?(?:independently )?(?:verified|confirmed|verify|confirm)",
        r"not (?:been )?(?:independently )?(?:verified|confirmed)",
        r"(?:did|does|do|would) not (?:immediately )?(?:confirm|say|specify|elaborate|disclose|respond|comment)",
        r"declined to (?:comment|confirm|say|elaborate)",
        r"neither confirmed nor denied",
        r"(?:gave|giving|provided|offered) no (?:details|reason|evidence)",
        r"without (?:giving |providing |offering )?(?:details|evidence)",
        r"remains? to be seen",
        r"unclear", r"not clear", r"unknown", r"uncertain(?:ty)?",
        r"doubts?", r"doubtful", r"questionable",
    ],
    "speculation": [
        r"(?:(?:intense|intensive|widespread|growing|mounting|rampant|wild|feverish|fresh|renewed|persistent) )?"
        r"speculat\w*",
        r"rumou?r(?:s|ed|ing)?", r"unconfirmed", r"unverified", r"conjectur\w*", r"hearsay",
        r"guesswork",
    ],
    "certainty": [
        r"(?:there is |there's )?no doubt", r"without (?:a |any )?doubt", r"beyond (?:any )?doubt",
        r"it is (?:clear|certain|obvious|evident) that",
        r"confirm(?:s|ed)?", r"clearly", r"certainly", r"undoubtedly", r"definitely", r"surely",
        r"indeed", r"obviously", r"evidently", r"undeniably", r"unquestionably", r"of course",
        r"in fact", r"prove[sdn]?", r"proved", r"demonstrat(?:es|ed)",
    ],
    "hedge": [
        # modals: "may" in lower case only (not the month) and "might" before a verb-like word
        # (not "military might and ..."); "could", not "could not" (negated ability)
        r"(?-i:may)(?= [a-z])",
        r"might(?= (?!(?:and|or|of|in|to|for|with|is|was|has|had|as|that|the|which|on|at|by|from)\b)[a-z])",
        r"could(?! not\b)",
        r"(?:is|are|was|were) (?:believed|thought|understood|expected|said|reported) to",
        r"appears? to", r"appeared to", r"seems? to", r"seemed to", r"seemingly",
        r"reportedly", r"allegedly", r"purportedly", r"supposedly", r"apparently", r"possibly",
        r"(?:it is |it.s )?possible that", r"perhaps", r"maybe", r"probably", r"presumably", r"likely", r"unlikely",
        r"potentially", r"conceivably", r"suggest(?:s|ed)?", r"suspected", r"alleged",
    ],
}

CATEGORIES = tuple(HEDGING_LEXICON)
#: Categories that make a sentence uncertain for the rule-marker system ("certainty" does not).
UNCERTAIN_CATEGORIES = ("absence/uncertainty of evidence", "speculation", "hedge")
WRITER, QUOTED_SOURCE = "writer", "quoted source"
_WHITESPACE = r"\s+"  # what a space in a lexicon entry stands for
COLUMNS = ["marker", "category", "start", "end", "sentence", "in_quote", "whose", "speaker", "speaker_name",
           "quote_kind"]
_DTYPES = {"marker": object, "category": object, "start": "int64", "end": "int64", "sentence": "int64",
           "in_quote": "bool", "whose": object, "speaker": object, "speaker_name": object, "quote_kind": object}
SUMMARY_COLUMNS = ["category", "count", "quoted", "tokens", "per_1000"]


@lru_cache(maxsize=8)
def _compile(lexicon: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """One alternation, a named group per entry; ``group name -> category``."""
    groups, category_of = [], {}
    for category, entries in lexicon:
        for entry in entries:
            name = f"e{len(groups)}"
            groups.append(f"(?P<{name}>{entry.replace(' ', _WHITESPACE)})")
            category_of[name] = category
    return re.compile(rf"(?<!\w)(?:{'|'.join(groups)})(?!\w)", re.I), category_of


def _frozen(lexicon: Mapping[str, Iterable[str]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((category, tuple(entries)) for category, entries in (lexicon or HEDGING_LEXICON).items())


def _table(rows: list[dict], columns: list[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A frame from row dicts, column by column (fast for the many small frames of a corpus)."""
    return pd.DataFrame({
        c: pd.Series([r[c] for r in rows], dtype=object) if dtypes.get(c) is object  # keeps None as None
        else pd.array([r[c] for r in rows], dtype=dtypes.get(c))
        for c in columns
    })


def markers(text: str, lexicon: Mapping[str, Iterable[str]] | None = None) -> list[tuple[str, str, int, int]]:
    """``(marker, category, start, end)`` of every lexicon marker in ``text``, in text order.

    The bare scan behind :func:`hedging` (same method: one alternation, leftmost match first,
    first category and entry at one position, no overlaps), without sentences or quotations;
    the classifier's rule features read it. Not a str: no markers.
    """
    if not isinstance(text, str) or not text:
        return []
    pattern, category_of = _compile(_frozen(lexicon))
    return [(m.group(), category_of[m.lastgroup], m.start(), m.end()) for m in _caseless.finditer(pattern, text)]


def quotations(text: str) -> pd.DataFrame:
    """The outermost quotations of ``text`` with their speakers: ``start``, ``end`` (the quotation
    with its marks), ``speaker`` (as written, as :func:`analysis.framing.quotes.quotes` found it,
    or None), ``speaker_name`` (its canonical name when the quotes table gives one, else None) and
    ``kind``; sorted by ``start``. Read from the public :func:`~analysis.framing.quotes.quotes`
    table (nested quotations, ``depth > 0``, lie inside an outer one and are left out)."""
    if not isinstance(text, str) or not text:
        return pd.DataFrame({"start": [], "end": [], "speaker": [], "speaker_name": [], "kind": []})
    found = quotes(text)
    if "depth" in found.columns:
        found = found[found["depth"] == 0]

    def column(name: str) -> list:
        values = found[name] if name in found.columns else [None] * len(found)
        return [None if v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA else str(v) for v in values]

    frame = pd.DataFrame({
        "start": found["start"].astype("int64").to_numpy(), "end": found["end"].astype("int64").to_numpy(),
        **{name: pd.Series(column(name), dtype=object) for name in ("speaker", "speaker_name", "kind")},
    })
    return frame.sort_values("start", kind="stable").reset_index(drop=True)


class _Owner:
    """Whose words stand at a span: the quotation (start, end, speaker, kind) holding it, if any."""

    def __init__(self, text: str):
        table = quotations(text)
        self.spans = list(zip(table["start"], table["end"], table["speaker"], table["kind"], table["speaker_name"]))
        self.starts = [s for s, *_ in self.spans]

    def of(self, start: int, end: int) -> tuple[int, int, str | None, str | None, str | None] | None:
        i = bisect.bisect_right(self.starts, start) - 1
        # quotations do not nest at depth 0, but a closer-less one may reach over the next: look back a little
        for j in range(i, max(i - 3, -1), -1):
            q = self.spans[j]
            if q[0] <= start and end <= q[1]:
                return q
        return None


def hedging(text: str, lexicon: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Hedging, speculation, absence-of-evidence and certainty markers in ``text``, and whose they are.

    One row per marker: ``marker`` (as written), ``category`` (a key of ``lexicon``, default
    :data:`HEDGING_LEXICON`: "hedge", "speculation", "absence/uncertainty of evidence",
    "certainty"), ``start``/``end``, ``sentence`` (index into
    :func:`analysis.tokenize.sentence_spans`), ``in_quote`` (the marker lies inside a quotation),
    ``whose`` (``"quoted source"`` inside a quotation, else ``"writer"``), ``speaker`` (the
    quotation's speaker as :func:`analysis.framing.quotes.quotes` found it, None when it found
    none or for the writer's markers), ``speaker_name`` (the speaker's canonical name where the
    quotes table gives one) and ``quote_kind`` (that quotation's kind: "direct",
    "partial", "name", ...; None for the writer's markers). Filter on ``quote_kind`` to treat
    names, titles and scare quotes differently from speech: a scare-quoted word is the writer's
    choice to display someone else's word.

    Method: one compiled alternation of the lexicon's regular expressions, case-insensitive,
    whole words, leftmost match first and, at one position, the first category and entry in
    lexicon order; matches do not overlap. Whose: the outermost quotations of the public
    :func:`~analysis.framing.quotes.quotes` table (:func:`quotations`); a marker belongs to the
    quoted source when it lies wholly inside one, marks included. Lexicon after Hyland (1998,
    *Hedging in Scientific Research Articles*) and the CoNLL-2010 hedge-cue task (Farkas et al.
    2010, CoNLL).

    Caveats: a lexicon sees no scope or sense: "could" in "he could attend" (ability) and
    "confirmed" in "confirmed their intention" count; "may" is read only in lower case (so
    "May 9" is no hedge, nor is a sentence-initial "May"); negation outside the listed phrases
    ("not likely") is not inverted. Reported speech without quotation marks ("officials said
    Kim may be ill") stays the writer's: the marker's owner is read from quotation marks only.
    Not a str (None, NaN): an empty table.
    """
    rows = []
    if isinstance(text, str) and text:
        found = markers(text, lexicon)
        sentence_starts = [s for s, _ in sentence_spans(text)] if found else []
        owner = _Owner(text) if found else None
        for marker, category, start, end in found:
            q = owner.of(start, end)
            rows.append({
                "marker": marker, "category": category, "start": start, "end": end,
                "sentence": max(bisect.bisect_right(sentence_starts, start) - 1, 0),
                "in_quote": q is not None, "whose": QUOTED_SOURCE if q else WRITER,
                "speaker": q[2] if q else None, "speaker_name": q[4] if q else None,
                "quote_kind": q[3] if q else None,
            })
    frame = _table(rows, COLUMNS, _DTYPES)
    frame.attrs.update(instrument="analysis.framing.hedging", lexicon=dict(_frozen(lexicon)))
    if not isinstance(text, str):
        frame.attrs["note"] = f"input was not a str ({type(text).__name__}): no markers"
    return frame


def hedging_summary(text: str, lexicon: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Document-level counts of :func:`hedging` markers: one row per category of ``lexicon``.

    Columns: ``category``, ``count`` (markers), ``quoted`` (of those, inside quotation marks),
    ``tokens`` (word tokens of the text: :func:`analysis.tokenize.token_spans` spans holding a
    letter or digit) and ``per_1000`` (``count`` per 1,000 word tokens; NaN for an empty text).
    Every category gets a row, zeros included, so documents can be stacked and compared.
    Caveat: in a short text a single marker moves the rate a lot (the seed article has about
    306 word tokens: one marker is 3.3 per 1,000); report counts with rates.
    """
    found = hedging(text, lexicon)
    text = text if isinstance(text, str) else ""
    n_tokens = sum(any(c.isalnum() for c in text[s:e]) for s, e in token_spans(text))
    categories = [category for category, _ in _frozen(lexicon)]
    counts = found.groupby("category").size().reindex(categories, fill_value=0)
    quoted = found[found["in_quote"]].groupby("category").size().reindex(categories, fill_value=0)
    frame = pd.DataFrame({
        "category": categories, "count": counts.to_numpy(), "quoted": quoted.to_numpy(), "tokens": n_tokens,
        "per_1000": counts.to_numpy() * 1000 / n_tokens if n_tokens else float("nan"),
    })
    frame.attrs.update(found.attrs)
    return frame


# --- sentence-level uncertainty: features -------------------------------------------------------

#: Feature blocks of :func:`cue_features`, by the prefix of their names.
FEATURE_BLOCKS = {
    "lemma": "w:",  # each word's lemma ("w:believe")
    "bigram": "b:",  # each pair of adjacent word lemmas ("b:some people")
    "rule": ("r:", "m:"),  # each rule marker: its category ("r:hedge") and its words ("m:is believed to")
    "context": ("c:", "f:"),  # the lemma before / after each marker ("c:may<it", "c:may>be"), first lemma ("f:some")
}
#: Hedge words of the keyword baseline (:func:`keyword_baseline`): the epistemic modals, verbs,
#: adverbs and adjectives of Hyland's (1998) hedge list that are most frequent in news, fixed in
#: advance and never tuned.
BASELINE_KEYWORDS = frozenset(
    "may might could possibly perhaps probably maybe likely unlikely apparently reportedly allegedly "
    "seem seems seemed appear appears appeared suggest suggests suggested believe believed believes "
    "presumably supposedly".split()
)
_WORD = re.compile(r"\w")


@lru_cache(maxsize=200_000)
def lemma(word: str) -> str:
    """Lower-cased dictionary lemma of one word (simplemma, Barbaresi 2021; "said" -> "say")."""
    import simplemma

    lowered = word.lower()
    return simplemma.lemmatize(lowered, lang="en").lower()


def _words(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(s, e) for s, e in token_spans(text, style="ud", start=start, end=end) if _WORD.search(text, s, e)]


def cue_features(text: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int]]:
    """Features of the sentence ``text[start:end]`` for :class:`UncertaintyClassifier`, each with
    the span it was read from: ``(name, start, end)``, offsets into ``text``.

    Blocks (:data:`FEATURE_BLOCKS`): ``w:`` word lemmas (:func:`lemma`; UD tokens holding a letter
    or digit), ``b:`` adjacent lemma pairs, ``r:`` the category and ``m:`` the lower-cased words
    of every :data:`HEDGING_LEXICON` marker (:func:`markers`), ``c:`` the lemma just before
    (``<``) and after (``>``) each marker ("c:may<it", "c:may>be"; ``^``/``$`` at the sentence
    edges) and ``f:`` the sentence's first lemma ("f:some": weasel sentences open with "Some",
    "Many", "It is"). Every name is readable as it stands, so a coefficient says what it weighs.
    """
    end = len(text) if end is None else end
    words = _words(text, start, end)
    lemmas = [lemma(text[s:e]) for s, e in words]
    out = [(f"w:{l}", s, e) for l, (s, e) in zip(lemmas, words)]
    out += [(f"b:{a} {b}", words[i][0], words[i + 1][1]) for i, (a, b) in enumerate(zip(lemmas, lemmas[1:]))]
    if lemmas:
        out.append((f"f:{lemmas[0]}", *words[0]))
    word_starts = [s for s, _ in words]
    for marker, category, m_start, m_end in markers(text[start:end]):
        m_start, m_end = m_start + start, m_end + start
        name = " ".join(marker.lower().split())
        out += [(f"r:{category}", m_start, m_end), (f"m:{name}", m_start, m_end)]
        i = bisect.bisect_left(word_starts, m_start)  # first word of the marker
        j = bisect.bisect_left(word_starts, m_end)  # first word after it
        out.append((f"c:{name}<{lemmas[i - 1] if i > 0 else '^'}", m_start, m_end))
        out.append((f"c:{name}>{lemmas[j] if j < len(lemmas) else '$'}", m_start, m_end))
    return out


@lru_cache(maxsize=50_000)
def _sentence_features(sentence: str) -> tuple[str, ...]:
    """Feature names of one whole-string sentence (memoised: cross-validation reads each sentence
    once for every setting)."""
    return tuple(name for name, _, _ in cue_features(sentence))


def _prefixes(features: Sequence[str]) -> tuple[str, ...]:
    unknown = [f for f in features if f not in FEATURE_BLOCKS]
    if unknown:
        raise ValueError(f"unknown feature blocks {unknown}; choose from {sorted(FEATURE_BLOCKS)}")
    out: list[str] = []
    for block in features:
        prefix = FEATURE_BLOCKS[block]
        out += [prefix] if isinstance(prefix, str) else list(prefix)
    return tuple(out)


# --- sentence-level uncertainty: the estimator ----------------------------------------------------


class UncertaintyClassifier(BaseEstimator, ClassifierMixin):
    """Is a sentence uncertain (hedged, speculative, weasel-worded)? L2 logistic regression over
    readable features.

    ``fit(X, y)``: ``X`` a sequence of sentence strings, ``y`` booleans (True = uncertain).
    ``features``: the blocks of :func:`cue_features` to use (default all four: ``("lemma",
    "bigram", "rule", "context")``); ``min_df``: keep features found in at least this many
    training sentences (default 2); ``C`` and ``class_weight``: of
    :class:`sklearn.linear_model.LogisticRegression` (liblinear solver); ``threshold``: the
    probability from which :meth:`predict` says uncertain (default 0.5). Fitted state:
    ``vocabulary_`` (feature name -> column), ``coef_`` (one row), ``intercept_``, ``classes_``
    (``[False, True]``). The defaults are the package's starting point; the trained model's
    settings come from :func:`select_settings` (5-fold cross-validation on CoNLL-2010).

    Method: binary presence features, as the sentence-level systems of the CoNLL-2010 shared task
    (Farkas et al. 2010; bag-of-words and cue-lexicon classifiers, e.g. Tang et al. 2010 and
    Georgescul 2010, the best Wikipedia system, an SVM over word n-grams). Caveats: no scope, so
    a sentence with a hedge in a subordinate quotation is uncertain as a whole; trained on
    encyclopaedia and biomedical sentences, not news.
    """

    def __init__(self, features: Sequence[str] = ("lemma", "bigram", "rule", "context"), min_df: int = 2,
                 C: float = 1.0, class_weight: str | None = None, threshold: float = 0.5):
        self.features = features
        self.min_df = min_df
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold

    def _names(self, sentence: str) -> list[str]:
        prefixes = _prefixes(self.features)
        return [f for f in _sentence_features(sentence if isinstance(sentence, str) else "") if f.startswith(prefixes)]

    def _matrix(self, X: Sequence[str], vocabulary: Mapping[str, int]):
        from scipy import sparse

        indptr, indices = [0], []
        for sentence in X:
            columns = sorted({vocabulary[f] for f in self._names(sentence) if f in vocabulary})
            indices += columns
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float64)
        return sparse.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr, dtype=np.int64)),
                                 shape=(len(indptr) - 1, len(vocabulary)))

    def fit(self, X: Sequence[str], y: Sequence[bool]) -> "UncertaintyClassifier":
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, dtype=bool)
        if len(X) != len(y):
            raise ValueError(f"X has {len(X)} sentences, y {len(y)} labels")
        df: dict[str, int] = {}
        for sentence in X:
            for f in set(self._names(sentence)):
                df[f] = df.get(f, 0) + 1
        names = sorted(f for f, n in df.items() if n >= self.min_df)
        self.vocabulary_ = {f: i for i, f in enumerate(names)}
        if y.all() or not y.any():
            raise ValueError("fit needs both certain and uncertain sentences")
        # the dual liblinear problem: the same L2 optimum, about 10x faster when features outnumber sentences
        model = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear", dual=True,
                                   max_iter=5000, random_state=0)  # liblinear's dual visits rows in a seeded order
        model.fit(self._matrix(X, self.vocabulary_), y)
        self.coef_ = model.coef_[0].astype(np.float64)
        self.intercept_ = float(model.intercept_[0])
        self.classes_ = np.array([False, True])
        return self

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        return self._matrix(X, self.vocabulary_) @ self.coef_ + self.intercept_

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        p = 1 / (1 + np.exp(-self.decision_function(X)))
        return np.column_stack([1 - p, p])

    def predict(self, X: Sequence[str]) -> np.ndarray:
        return self.predict_proba(X)[:, 1] >= self.threshold

    def cues(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[str, float, int, int]]:
        """The features of ``text[start:end]`` that the model knows, with their weights (the
        coefficient: each feature is present once), strongest first: ``(name, weight, start, end)``,
        the span of each feature's first occurrence."""
        prefixes, seen, out = _prefixes(self.features), set(), []
        for name, s, e in cue_features(text, start, end):
            if name in seen or not name.startswith(prefixes) or name not in self.vocabulary_:
                continue
            seen.add(name)
            out.append((name, float(self.coef_[self.vocabulary_[name]]), s, e))
        return sorted(out, key=lambda c: -c[1])

    def to_artefact(self) -> tuple[dict, dict[str, np.ndarray]]:
        """``(card, arrays)`` for :func:`analysis.artefacts.save`: parameters and vocabulary in the
        JSON card, ``coef`` and ``intercept`` in the npz."""
        names = sorted(self.vocabulary_, key=self.vocabulary_.get)
        card = {"class": "analysis.framing.hedging.UncertaintyClassifier",
                "params": {**self.get_params(), "features": list(self.features)}, "vocabulary": names}
        return card, {"coef": self.coef_, "intercept": np.array([self.intercept_])}

    @classmethod
    def from_artefact(cls, card: Mapping, arrays: Mapping[str, np.ndarray]) -> "UncertaintyClassifier":
        """The fitted estimator from a card and arrays written by :meth:`to_artefact`."""
        params = dict(card["params"])
        params["features"] = tuple(params["features"])
        model = cls(**params)
        model.vocabulary_ = {f: i for i, f in enumerate(card["vocabulary"])}
        model.coef_ = np.asarray(arrays["coef"], dtype=np.float64)
        model.intercept_ = float(np.asarray(arrays["intercept"])[0])
        model.classes_ = np.array([False, True])
        if len(model.coef_) != len(model.vocabulary_):
            raise ValueError(f"{len(model.coef_)} coefficients for {len(model.vocabulary_)} features")
        return model


# --- sentence-level uncertainty: settings by cross-validation ---------------------------------------

#: The grid of :func:`select_settings`. Stage 1 crosses feature blocks, C and class weight (min_df
#: 2, training on Wikipedia only); stage 2 tries, for the best of stage 1, the other min_df values
#: and adding the BioScope sentences to each training fold. Thresholds: every 0.05 from 0.2 to 0.8.
GRID = {
    "features": [("lemma",), ("lemma", "bigram"), ("lemma", "rule", "context"), ("lemma", "bigram", "rule", "context")],
    "C": [0.03, 0.1, 0.3, 1.0],
    "class_weight": [None, "balanced"],
    "min_df": [2, 4],  # not 1: its vocabulary (130,000 features) would make a 2.5 MB artefact
    "bioscope": [False, True],
    "threshold": [round(t, 2) for t in np.arange(0.2, 0.801, 0.05)],
}


def f1(y_true, y_pred) -> float:
    """F1 of the positive (uncertain) class; 0 when nothing is predicted or nothing is gold."""
    y_true, y_pred = np.asarray(y_true, dtype=bool), np.asarray(y_pred, dtype=bool)
    tp = int((y_true & y_pred).sum())
    denominator = int(y_true.sum()) + int(y_pred.sum())
    return 2 * tp / denominator if denominator else 0.0


def out_of_fold(frame: pd.DataFrame, params: Mapping, extra: pd.DataFrame | None = None) -> np.ndarray:
    """Out-of-fold probabilities of uncertainty for every row of ``frame`` (columns ``text``,
    ``uncertain``, ``block``: the fold, as ``load("conll2010-train")`` gives it): for each fold,
    an :class:`UncertaintyClassifier` with ``params`` fitted on the other folds (plus every row of
    ``extra``, e.g. the other domain's sentences, when given) predicts the fold."""
    probability = np.full(len(frame), np.nan)
    texts, labels, blocks = frame["text"].tolist(), frame["uncertain"].to_numpy(bool), frame["block"].to_numpy()
    for block in np.unique(blocks):
        train = np.flatnonzero(blocks != block)
        X = [texts[i] for i in train]
        y = labels[train]
        if extra is not None and len(extra):
            X += extra["text"].tolist()
            y = np.concatenate([y, extra["uncertain"].to_numpy(bool)])
        model = UncertaintyClassifier(**params).fit(X, y)
        test = np.flatnonzero(blocks == block)
        probability[test] = model.predict_proba([texts[i] for i in test])[:, 1]
    return probability


def best_threshold(y, probability, thresholds: Sequence[float] = GRID["threshold"]) -> tuple[float, float]:
    """``(threshold, F1)`` of the threshold in ``thresholds`` with the highest F1 (the lowest one on ties)."""
    scores = [f1(y, probability >= t) for t in thresholds]
    i = int(np.argmax(scores))
    return float(thresholds[i]), float(scores[i])


def select_settings(data: pd.DataFrame | None = None, grid: Mapping | None = None,
                    verbose: bool = False) -> tuple[dict, pd.DataFrame]:
    """Choose every setting of :class:`UncertaintyClassifier` by 5-fold cross-validation on the
    CoNLL-2010 Wikipedia training sentences.

    ``data``: ``load("conll2010-train")`` (default) or a frame shaped like it. Folds: its ``block``
    column (five contiguous fifths of each file, so sentences of one article mostly share a
    fold). Each setting is scored by the F1 of the uncertain class over the pooled out-of-fold
    probabilities, at its best threshold of ``grid["threshold"]``. Stage 1 crosses the feature
    blocks, C and class weight of :data:`GRID` (min_df 2, Wikipedia only); stage 2 varies, for the
    winner, min_df and whether the BioScope sentences join every training fold (they are never
    scored). Returns ``(settings, table)``: the chosen ``features``, ``min_df``, ``C``,
    ``class_weight``, ``threshold`` and ``bioscope``, and one row per setting tried with its
    cross-validated F1. Caveat: the winner's F1 in the table is optimistic by the choice itself
    (reported in :mod:`analysis.evaluate.hedging`).
    """
    if data is None:
        from analysis.data import load

        data = load("conll2010-train")
    grid = {**GRID, **(grid or {})}
    wiki = data[data["part"] == "wikipedia"].reset_index(drop=True)
    bio = data[data["part"] == "bioscope"].reset_index(drop=True)
    y = wiki["uncertain"].to_numpy(bool)
    rows = []

    def score(params: dict, bioscope: bool, stage: int) -> None:
        probability = out_of_fold(wiki, params, bio if bioscope else None)
        threshold, value = best_threshold(y, probability, grid["threshold"])
        rows.append({**params, "features": "+".join(params["features"]), "bioscope": bioscope,
                     "threshold": threshold, "cv_f1": value, "stage": stage})
        if verbose:
            print(rows[-1], flush=True)

    for features in grid["features"]:
        for C in grid["C"]:
            for class_weight in grid["class_weight"]:
                score({"features": tuple(features), "min_df": grid["min_df"][0], "C": C,
                       "class_weight": class_weight}, False, 1)
    table = pd.DataFrame(rows)
    best = table.loc[table["cv_f1"].idxmax()]
    base = {"features": tuple(best["features"].split("+")), "C": float(best["C"]),
            "class_weight": None if pd.isna(best["class_weight"]) else best["class_weight"]}
    for min_df in grid["min_df"][1:]:
        score({**base, "min_df": min_df}, False, 2)
    for bioscope in grid["bioscope"]:
        if bioscope:
            score({**base, "min_df": int(best["min_df"])}, True, 2)
    table = pd.DataFrame(rows)
    table["class_weight"] = table["class_weight"].astype(object)
    winner = table.loc[table["cv_f1"].idxmax()]
    settings = {"features": list(winner["features"].split("+")), "min_df": int(winner["min_df"]),
                "C": float(winner["C"]),
                "class_weight": None if pd.isna(winner["class_weight"]) else str(winner["class_weight"]),
                "threshold": float(winner["threshold"]), "bioscope": bool(winner["bioscope"])}
    return settings, table


# --- the trained model ----------------------------------------------------------------------------

#: Artefact name of the trained model (:mod:`analysis.artefacts`) and its version.
ARTEFACT = "conll2010-uncertainty"
VERSION = 1


def _training_sha256() -> dict[str, str]:
    from analysis.data.manifest import source

    return {f.url: f.sha256 for f in source("conll2010-train").files}


def train_uncertainty_model(verbose: bool = False) -> tuple[dict, dict[str, np.ndarray]]:
    """Choose the settings (:func:`select_settings`), fit :class:`UncertaintyClassifier` on every
    Wikipedia training sentence (and BioScope's when cross-validation chose so) and return the
    artefact ``(card, arrays)``; the card also records the cross-validation table. About a minute."""
    from analysis.data import load

    data = load("conll2010-train")
    settings, table = select_settings(data, verbose=verbose)
    train = data if settings["bioscope"] else data[data["part"] == "wikipedia"]
    params = {k: v for k, v in settings.items() if k != "bioscope"}
    params["features"] = tuple(params["features"])
    model = UncertaintyClassifier(**params).fit(train["text"].tolist(), train["uncertain"].to_numpy(bool))
    card, arrays = model.to_artefact()
    card.update(
        trained_on="conll2010-train " + ("(Wikipedia and BioScope)" if settings["bioscope"] else "(Wikipedia)"),
        n_sentences=int(len(train)), bioscope=settings["bioscope"],
        tuned_on="conll2010-train Wikipedia sentences, 5-fold cross-validation (contiguous blocks)",
        cv=json.loads(table.to_json(orient="records")),
        cv_f1=float(table["cv_f1"].max()),
    )
    return card, {"coef": arrays["coef"].astype(np.float32), "intercept": arrays["intercept"]}


def packaged_artefact() -> tuple[dict, dict[str, np.ndarray]]:
    """The committed artefact :data:`ARTEFACT` (``make models``): :func:`train_uncertainty_model`
    with its ``version``, the training files' sha256 and the dataset it learns from.
    Deterministic (seeded solver): the same data gives the same bytes."""
    card, arrays = train_uncertainty_model()
    return {**card, "version": VERSION, "data_sha256": _training_sha256(), "datasets": ["conll2010-train"]}, arrays


@lru_cache(maxsize=1)
def uncertainty_model() -> UncertaintyClassifier:
    """The trained :class:`UncertaintyClassifier` (artefact :data:`ARTEFACT`): the user-built or
    committed copy (:mod:`analysis.artefacts`), rebuilt by :func:`train_uncertainty_model` (a few
    minutes: the settings are re-chosen by cross-validation) when missing, corrupt or stale; that
    needs the ``conll2010-train`` data, else :class:`analysis.artefacts.ArtefactError`."""
    from analysis import artefacts
    from analysis.data import can_load

    card, arrays = artefacts.load_or_build(
        ARTEFACT, lambda: packaged_artefact(), version=VERSION, data_sha256=_training_sha256(),
        what="sentence uncertainty classifier (CoNLL-2010)", data_available=lambda: can_load("conll2010-train"),
    )
    model = UncertaintyClassifier.from_artefact(card, arrays)
    model.card_ = card
    return model


SENTENCE_COLUMNS = ["sentence", "start", "end", "probability", "uncertain", "cues", "cue_start", "cue_end",
                    "whose", "speaker", "speaker_name"]
_SENTENCE_DTYPES = {"sentence": "int64", "start": "int64", "end": "int64", "probability": "float64",
                    "uncertain": "bool", "cues": object, "cue_start": "Int64", "cue_end": "Int64",
                    "whose": object, "speaker": object, "speaker_name": object}


def uncertain_sentences(text: str, model: UncertaintyClassifier | None = None, n_cues: int = 3) -> pd.DataFrame:
    """Every sentence of ``text`` with the probability that it is uncertain, and whose doubt it is.

    Columns: ``sentence`` (index into :func:`analysis.tokenize.sentence_spans`), ``start``/``end``,
    ``probability`` (of uncertainty), ``uncertain`` (``probability >= model.threshold``, the
    threshold chosen by cross-validation), ``cues`` (the ``n_cues`` features, default 3, with the
    largest positive weights in the sentence, e.g. ``["w:believe", "r:hedge", "b:some people"]``;
    names as in :func:`cue_features`), ``cue_start``/``cue_end`` (the span of the strongest cue,
    <NA> when no feature weighs for uncertainty), ``whose`` (``"quoted source"`` when the strongest
    cue lies inside a quotation of :func:`analysis.framing.quotes.quotes`, else ``"writer"``; with
    no cue, the owner of the sentence's first character), ``speaker`` (that quotation's
    speaker as written, or None) and ``speaker_name`` (its canonical name where
    :func:`~analysis.framing.quotes.quotes` gives one).

    Method: :class:`UncertaintyClassifier` (``model``, default :func:`uncertainty_model`: trained
    on CoNLL-2010 Wikipedia sentences, settings by 5-fold cross-validation; sentence F1 in
    ``python -m analysis.evaluate hedging``). Reference: Farkas et al. (2010), CoNLL-2010 shared
    task. Caveats: trained on Wikipedia, whose "weasel" sentences ("some critics argue") are a
    kind of uncertainty news shares but whose register is not news; one label per sentence (no
    scope); a quoted sentence's doubt is the speaker's only when its cue lies between quotation
    marks. Not a str, or empty: an empty table.
    """
    rows = []
    if isinstance(text, str) and text.strip():
        model = model if model is not None else uncertainty_model()
        spans = sentence_spans(text)
        sentences = [text[s:e] for s, e in spans]
        probability = model.predict_proba(sentences)[:, 1] if sentences else np.array([])
        owner = _Owner(text)
        for i, ((start, end), p) in enumerate(zip(spans, probability)):
            cues = [c for c in model.cues(text, start, end) if c[1] > 0][:n_cues]
            where = (cues[0][2], cues[0][3]) if cues else (start, start + 1)
            q = owner.of(*where)
            rows.append({
                "sentence": i, "start": start, "end": end, "probability": float(p),
                "uncertain": bool(p >= model.threshold), "cues": [c[0] for c in cues],
                "cue_start": cues[0][2] if cues else None, "cue_end": cues[0][3] if cues else None,
                "whose": QUOTED_SOURCE if q else WRITER, "speaker": q[2] if q else None,
                "speaker_name": q[4] if q else None,
            })
    frame = _table(rows, SENTENCE_COLUMNS, _SENTENCE_DTYPES)
    frame.attrs.update(instrument="analysis.framing.hedging.uncertain_sentences", artefact=ARTEFACT)
    return frame
