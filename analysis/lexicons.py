"""Every word list as a versioned object: entries, licence, citation, file sha256, a matcher.

>>> from analysis.lexicons import get_lexicon
>>> vader = get_lexicon("vader")                       # MIT, bundled with vaderSentiment
>>> counts = vader.counts([["a", "good", "day"], ["war"]])
>>> counts.loc[0, "positive"], counts.loc[1, "negative"]
(np.int64(1), np.int64(1))

Opt-in lexicons (``lsd2015``, ``emfd``, ``nrc-emolex``) raise
:class:`~analysis.data.LicenceNotAccepted` unless ``accept_licence=True`` (or the dataset is
named in ``ANALYSIS_ACCEPT_LICENCES``). :data:`LEXICONS` lists them all; the raw entry frames are
also loadable with :func:`analysis.data.load` under the manifest names (see
:mod:`analysis.data.sources.lexicons`).

Matching rules (the same for every lexicon; :meth:`Lexicon.matches` shows each decision):

* Case-insensitive: tokens and patterns are lower-cased. Tokens are compared whole, so the
  tokeniser decides what "can't" or "U.S." are.
* Globs, only in lexicons whose source writes them (``globs=True``: LSD2015, MPQA's stemmed
  clues): ``*`` is any run of characters (also none: ``abandon*`` matches "abandon",
  "abandoned", not "bandon"), ``?`` exactly one. Elsewhere ``*`` and ``?`` are literal
  characters: VADER's emoticons ":*" and "?:(" or Hu & Liu's "f**k" match only themselves.
* Phrases (LSD2015's "not good*", MFD's "civil rights") match consecutive tokens, word by word.
* Longest match first, left to right, without overlap: a token inside a matched phrase is not
  matched again, so "not good" counts once as ``neg_positive`` and not also as ``positive``
  (quanteda's ``nested_scope = "dictionary"``; Young & Soroka 2012 pre-process negations to the
  same effect).
* Most specific pattern wins among matches of equal length: an exact word beats any glob, a
  glob with more literal characters beats one with fewer (LSD2015: "apologist" is ``negative``
  although ``apologis*`` is ``positive``). All entries of the winning pattern count (a word under
  two MFD categories counts in both).
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd
from scipy import sparse

from analysis.data.manifest import source
from analysis.data.sources import lexicons as readers

__all__ = ["LEXICONS", "Lexicon", "LexiconSpec", "get_lexicon", "lexicon_file", "list_lexicons"]

_WILDCARD = re.compile(r"[*?]")
_PREFIX_GLOB = re.compile(r"^([^*?]+)\*+$")


# --- matching ---------------------------------------------------------------------------------


def _glob_regex(word: str) -> re.Pattern:
    """``abandon*`` -> ``abandon.*`` anchored at both ends; ``?`` is one character."""
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in word)
    return re.compile(body, re.DOTALL)


class _WordIndex:
    """Which of a set of word patterns (exact or glob) one token matches, memoised per token.

    With ``globs=False`` every pattern is an exact word. Exact words are a dict lookup; prefix globs (``abandon*``, nearly all of them) a dict
    lookup per prefix length of the token; any other glob a regex ``fullmatch``. The result
    for a token is a tuple of ``(specificity, index)``: an exact match scores
    ``len(token) + 1``, a glob its number of literal characters.
    """

    def __init__(self, words: Sequence[str], globs: bool):
        self._exact: dict[str, list[int]] = {}
        self._prefix: dict[str, list[int]] = {}
        self._other: list[tuple[re.Pattern, int, int]] = []
        for index, word in enumerate(words):
            prefix = _PREFIX_GLOB.match(word)
            if not globs or not _WILDCARD.search(word):
                self._exact.setdefault(word, []).append(index)
            elif prefix:
                self._prefix.setdefault(prefix.group(1), []).append(index)
            else:
                literal = len(_WILDCARD.sub("", word))
                self._other.append((_glob_regex(word), literal, index))
        self._lengths = sorted({len(p) for p in self._prefix})
        self._cache: dict[str, tuple[tuple[int, int], ...]] = {}

    def find(self, token: str) -> tuple[tuple[int, int], ...]:
        found = self._cache.get(token)
        if found is None:
            found = self._cache[token] = self._find(token)
        return found

    def _find(self, token: str) -> tuple[tuple[int, int], ...]:
        hits = [(len(token) + 1, i) for i in self._exact.get(token, ())]
        for length in self._lengths:
            if length > len(token):
                break
            hits.extend((length, i) for i in self._prefix.get(token[:length], ()))
        hits.extend((literal, i) for regex, literal, i in self._other if regex.fullmatch(token))
        return tuple(hits)


class _Node:
    """A phrase-trie node: the word patterns that may come next, and the phrase ending here."""

    __slots__ = ("children", "kids", "index", "pattern_id")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}  # next word pattern -> node (while building)
        self.kids: list[_Node] = []  # the same nodes, in the order ``index`` numbers them
        self.index: _WordIndex | None = None
        self.pattern_id: int | None = None


class _Matcher:
    """Longest, most specific, non-overlapping matches of a lexicon's patterns in token lists
    (``globs``: whether ``*`` and ``?`` in a pattern are wildcards)."""

    def __init__(self, patterns: Sequence[str], globs: bool):
        self.root = _Node()
        for pattern_id, pattern in enumerate(patterns):
            node = self.root
            for word in pattern.split(" "):
                node = node.children.setdefault(word, _Node())
            node.pattern_id = pattern_id
        stack = [self.root]
        while stack:  # freeze: one word index per node over its children's words
            node = stack.pop()
            if node.children:
                node.index = _WordIndex(list(node.children), globs)
                node.kids = list(node.children.values())
                stack.extend(node.kids)

    def _best_at(self, types, codes, start, end, first) -> tuple[int, list[int]]:
        """(length, pattern ids) of the best match at flat position ``start`` (before ``end``)."""
        best_key, best_ids = (0, 0), []
        stack = [(self.root, first, 0, 0)]  # node, its index's hits for the token, depth, score
        while stack:
            node, hits, depth, score = stack.pop()
            for specificity, child_index in hits:
                child = node.kids[child_index]
                key = (depth + 1, score + specificity)
                if child.pattern_id is not None:
                    if key > best_key:
                        best_key, best_ids = key, [child.pattern_id]
                    elif key == best_key:
                        best_ids.append(child.pattern_id)
                nxt = start + depth + 1
                if child.index is not None and nxt < end:
                    deeper = child.index.find(types[codes[nxt]])
                    if deeper:
                        stack.append((child, deeper, *key))
        return best_key[0], best_ids

    def _single(self, hits) -> tuple[bool, list[int]]:
        """For a token's root hits: (may begin a phrase?, the best one-word pattern ids)."""
        best, ids = -1, []
        for specificity, child_index in hits:
            child = self.root.kids[child_index]
            if child.index is not None:
                return True, []
            if specificity > best:
                best, ids = specificity, [child.pattern_id]
            elif specificity == best:
                ids.append(child.pattern_id)
        return False, ids

    def scan(self, docs: Sequence[Sequence[str]]) -> tuple[np.ndarray, ...]:
        """Arrays ``(doc, start, length, pattern id)``, one element per matched pattern.

        Vectorised over distinct token types: each type is lower-cased and looked up once.
        Only positions whose token may begin a phrase are walked one by one (in order, so a
        phrase consumes its tokens); one-word matches elsewhere are expanded with numpy.
        """
        sizes = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
        ends = np.cumsum(sizes)
        flat = np.fromiter(itertools.chain.from_iterable(docs), object, count=int(sizes.sum()))
        codes, uniques = pd.factorize(flat, use_na_sentinel=False)
        not_str = [u for u in uniques if not isinstance(u, str)]
        if not_str:
            raise TypeError(f"tokens must be strings; got {not_str[:3]}")
        types = [u.lower() for u in uniques]
        find = self.root.index.find if self.root.index is not None else lambda token: ()
        first = [find(t) for t in types]
        single = [self._single(hits) for hits in first]
        walk_type = np.fromiter((w for w, _ in single), dtype=bool, count=len(types))
        n_ids = np.fromiter((len(ids) for _, ids in single), dtype=np.int64, count=len(types))
        flat_ids = np.fromiter(itertools.chain.from_iterable(i for _, i in single), dtype=np.int64)

        # 1. phrase-capable positions, in order; a match covers the tokens after its first
        walked, covered, resume = [], np.zeros(len(codes) + 1, dtype=np.int64), 0
        starts_of = (ends - sizes).tolist()
        positions = np.flatnonzero(walk_type[codes])
        for pos, doc in zip(positions.tolist(), np.searchsorted(ends, positions, "right").tolist()):
            if pos < resume:
                continue
            length, ids = self._best_at(types, codes, pos, int(ends[doc]), first[codes[pos]])
            if length:
                walked.extend((doc, pos - starts_of[doc], length, pid) for pid in ids)
                covered[pos + 1] += 1
                covered[pos + length] -= 1
                resume = pos + length
        inside = np.cumsum(covered)[:-1] > 0

        # 2. one-word matches everywhere else, each type's best ids repeated per position
        positions = np.flatnonzero((n_ids[codes] > 0) & ~walk_type[codes] & ~inside)
        type_of = codes[positions]
        repeat = n_ids[type_of]
        offsets = np.concatenate([[0], np.cumsum(n_ids)[:-1]])[type_of]
        within = np.arange(repeat.sum()) - np.repeat(np.cumsum(repeat) - repeat, repeat)
        doc = np.searchsorted(ends, positions, "right")
        start = positions - (ends - sizes)[doc]
        walked = np.asarray(walked, dtype=np.int64).reshape(-1, 4)
        result = np.concatenate(
            [
                np.column_stack(
                    [
                        np.repeat(doc, repeat),
                        np.repeat(start, repeat),
                        np.ones(repeat.sum(), dtype=np.int64),
                        flat_ids[np.repeat(offsets, repeat) + within],
                    ]
                ),
                walked,
            ]
        )
        result = result[np.lexsort((result[:, 3], result[:, 1], result[:, 0]))]
        return tuple(result.T)


def _check_documents(docs) -> None:
    """Refuse a bare token list or a string where a list of token lists is expected."""
    if isinstance(docs, str) or (len(docs) and isinstance(docs[0], str)):
        raise TypeError(
            "expected a list of token lists (one list per document); "
            "wrap a single document as [tokens]"
        )


# --- the lexicon object -----------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Lexicon:
    """A word list with its provenance and a fast, documented matcher.

    ``entries`` is tidy: ``pattern`` (lower-cased word, glob or space-separated phrase),
    ``category``, ``weight`` (NaN where the source has none) and the source's other columns.
    ``dataset``/``url``/``sha256`` name the exact file read (``sha256`` of that file, checked
    by the fetcher on every read). ``globs``: whether ``*`` and ``?`` in patterns are
    wildcards (default False: literal). See the module docstring for the matching rules.
    """

    name: str
    title: str
    version: str
    licence: str
    citation: str
    dataset: str
    url: str
    sha256: str
    opt_in: bool
    entries: pd.DataFrame = field(repr=False)
    note: str = ""
    globs: bool = False

    def __post_init__(self) -> None:
        missing = [c for c in readers.ENTRY_COLUMNS if c not in self.entries.columns]
        if missing:
            raise ValueError(f"lexicon {self.name!r}: entries lack columns {missing}")

    def __len__(self) -> int:
        return len(self.entries)

    @property
    def categories(self) -> list[str]:
        """The categories in order of first appearance in the source."""
        return list(pd.unique(self.entries["category"]))

    def provenance(self) -> dict:
        """A plain dict for ``DataFrame.attrs``: name, version, licence, citation, file, sha256."""
        keys = ("name", "title", "version", "licence", "citation", "dataset", "url", "sha256")
        return {key: getattr(self, key) for key in keys} | {"n_entries": len(self)}

    @cached_property
    def _patterns(self) -> pd.Index:
        return pd.Index(pd.unique(self.entries["pattern"]), name="pattern")

    @cached_property
    def _matcher(self) -> _Matcher:
        return _Matcher(self._patterns, self.globs)

    @cached_property
    def _entry_pattern(self) -> np.ndarray:
        return self._patterns.get_indexer(self.entries["pattern"])

    def _scan(self, docs) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        _check_documents(docs)
        return self._matcher.scan(docs)

    def matches(self, docs: Sequence[Sequence[str]]) -> pd.DataFrame:
        """``Lexicon.matches(docs)``: every match, one row per matched entry, for inspection.

        ``docs`` is a list of token lists. Columns: ``doc`` (position in ``docs``), ``start`` and
        ``end`` (token offsets, end exclusive), ``matched`` (the tokens, space-joined), then the
        entry's columns (``pattern``, ``category``, ``weight``, ...). Use this to read what a
        dictionary counted before trusting its scores (Grimmer & Stewart 2013).
        """
        doc, start, length, pid = self._scan(docs)
        hits = pd.DataFrame(
            {
                "doc": doc,
                "start": start,
                "end": start + length,
                "matched": [
                    " ".join(docs[d][s : s + n]).lower() for d, s, n in zip(doc, start, length)
                ],
                "pattern": self._patterns[pid] if len(pid) else pd.Series([], dtype=str),
            }
        )
        out = hits.merge(self.entries, on="pattern", how="left", sort=False)
        out.attrs["lexicon"] = self.provenance()
        return out

    def count_matrix(
        self, docs: Sequence[Sequence[str]], by: str = "category", value: str | None = None
    ) -> tuple[sparse.csr_matrix, pd.Index]:
        """``Lexicon.count_matrix(docs, by="category", value=None)``: sparse documents x columns.

        ``by="category"`` (default) gives one column per category, ``by="pattern"`` a
        document-term matrix over the distinct patterns, ``by="entry"`` one column per entry
        row. ``value=None`` counts matches; a column name (``"weight"``, eMFD's
        ``"sentiment"``) sums that column of each matched entry instead (NaN is an error).
        Returns ``(matrix, column labels)``; rows follow ``docs``. One pass over the tokens,
        memoised per distinct token, so 20,000 articles take seconds, not minutes.
        """
        doc, _, _, pid = self._scan(docs)
        n_docs, n_patterns = len(docs), len(self._patterns)
        dtm = sparse.csr_matrix(
            (np.ones(len(doc)), (doc, pid)), shape=(n_docs, n_patterns), dtype=np.float64
        )
        if by == "pattern":
            if value is not None:
                raise ValueError("value= needs by='category' or 'entry', not by='pattern'")
            return dtm, self._patterns
        values = np.ones(len(self.entries)) if value is None else self._values(value)
        if by == "category":
            codes, labels = pd.factorize(self.entries["category"])
            labels = pd.Index(labels, name="category")
        elif by == "entry":
            codes, labels = np.arange(len(self.entries)), self.entries.index
        else:
            raise ValueError(f"by must be 'category', 'pattern' or 'entry', not {by!r}")
        to_columns = sparse.csr_matrix(
            (values, (self._entry_pattern, codes)), shape=(n_patterns, len(labels))
        )
        return (dtm @ to_columns).tocsr(), labels

    def _values(self, column: str) -> np.ndarray:
        if column not in self.entries.columns:
            raise KeyError(f"lexicon {self.name!r} has no column {column!r}: {list(self.entries)}")
        values = pd.to_numeric(self.entries[column], errors="coerce").to_numpy(dtype=float)
        if np.isnan(values).any():
            raise ValueError(f"lexicon {self.name!r}: column {column!r} is not numeric everywhere")
        return values

    def counts(
        self, docs: Sequence[Sequence[str]], value: str | None = None
    ) -> pd.DataFrame:
        """``Lexicon.counts(docs, value=None)``: documents x categories as a dense DataFrame.

        Adds ``n_tokens`` (the document's length, for rates). ``value`` as in
        :meth:`count_matrix`; counts are integers when ``value`` is None.
        """
        matrix, labels = self.count_matrix(docs, by="category", value=value)
        frame = pd.DataFrame(matrix.toarray(), columns=labels)
        if value is None:
            frame = frame.astype(np.int64)
        frame["n_tokens"] = [len(doc) for doc in docs]
        frame.attrs["lexicon"] = self.provenance()
        frame.attrs["value"] = value
        return frame


# --- the catalogue ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LexiconSpec:
    """How to build one lexicon: its reader, the file it reads and what the source says."""

    name: str
    title: str
    version: str
    read: Callable[[bool], pd.DataFrame]
    dataset: str  # manifest dataset ("" for the copy bundled with a PyPI package)
    file_suffix: str = ""  # which file of the dataset the reader reads
    licence: str = ""  # "" = the dataset's licence in data/sources.toml
    citation: str = ""  # "" = the dataset's citation in data/sources.toml
    note: str = ""
    globs: bool = False  # the source writes ``*``/``?`` wildcards; otherwise they are literal

    @property
    def opt_in(self) -> bool:
        return bool(self.dataset) and source(self.dataset).opt_in


_HU_LIU = (
    "Hu, M. & Liu, B. (2004). Mining and summarizing customer reviews. Proc. ACM SIGKDD "
    "(KDD 2004), 168-177."
)
_VADER = (
    "Hutto, C. J. & Gilbert, E. (2014). VADER: a parsimonious rule-based model for sentiment "
    "analysis of social media text. Proc. ICWSM 2014."
)

LEXICONS: dict[str, LexiconSpec] = {
    spec.name: spec
    for spec in (
        LexiconSpec(
            "vader", "VADER sentiment lexicon (vaderSentiment's bundled copy)",
            version=readers.vader_version(), read=lambda accept: readers.read_vader(),
            dataset="", licence="MIT", citation=_VADER,
            note="The nltk-data vader_lexicon.zip is an older copy: it lacks heart, hearts and "
            "flawed, scores badass -0.6 (not 1.4) and writes :P as :p.",
        ),
        LexiconSpec(
            "hu-liu", "Opinion Lexicon (Hu & Liu), NLTK's opinion_lexicon", version="2011 (NLTK)",
            read=readers.load_hu_liu, dataset="nltk-data", file_suffix="/opinion_lexicon.zip",
            licence="CC-BY-4.0", citation=_HU_LIU,
            note="envious, enviously and enviousness are in both lists (as in the source).",
        ),
        LexiconSpec(
            "lsd2015", "Lexicoder Sentiment Dictionary 2015", version="2015",
            read=readers.load_lsd2015, dataset="lexicoder-lsd2015", file_suffix=".rda",
            globs=True,
        ),
        LexiconSpec(
            "mpqa", "MPQA subjectivity clues", version="HLTEMNLP05",
            read=readers.load_mpqa, dataset="mpqa-subjectivity", file_suffix=".tff",
            globs=True,
        ),
        LexiconSpec(
            "mfd2", "Moral Foundations Dictionary 2.0", version="2.0",
            read=readers.load_mfd2, dataset="moral-foundations-2.0", file_suffix=".dic",
        ),
        LexiconSpec(
            "emfd", "extended Moral Foundations Dictionary (scoring)", version="emfd_scoring",
            read=readers.load_emfd, dataset="emfd", file_suffix=".csv",
        ),
        LexiconSpec(
            "nrc-emolex", "NRC Word-Emotion Association Lexicon, word level", version="0.92",
            read=readers.load_nrc_emolex, dataset="nrc-emolex", file_suffix=".txt",
        ),
        LexiconSpec(
            "stopwords", "NLTK English stopwords", version="NLTK stopwords.zip",
            read=readers.load_stopwords, dataset="nltk-data", file_suffix="/stopwords.zip",
            licence="none stated in the NLTK index (lists from Snowball via PostgreSQL, per the "
            "package README)",
            citation="Bird, S., Klein, E. & Loper, E. (2009). Natural Language Processing with "
            "Python. O'Reilly.",
        ),
    )
}


def list_lexicons() -> pd.DataFrame:
    """Every lexicon :func:`get_lexicon` knows: name, title, version, dataset, opt-in, licence."""
    rows = []
    for spec in LEXICONS.values():
        src = source(spec.dataset) if spec.dataset else None
        rows.append(
            {
                "name": spec.name,
                "title": spec.title,
                "version": spec.version,
                "dataset": spec.dataset or "(PyPI package)",
                "opt_in": spec.opt_in,
                "licence": spec.licence or src.licence,
                "citation": spec.citation or src.citation,
            }
        )
    return pd.DataFrame(rows)


def lexicon_file(name: str) -> tuple[str, str]:
    """``lexicon_file(name)``: ``(url, sha256)`` of the file lexicon ``name`` is read from, without
    reading it (the manifest's pin; for VADER, the file its pinned package ships). Models record
    it as training data, so a check of their inputs works offline with no data."""
    if name not in LEXICONS:
        raise KeyError(f"unknown lexicon {name!r}; known: {', '.join(LEXICONS)}")
    spec = LEXICONS[name]
    if spec.dataset:
        (entry,) = [e for e in source(spec.dataset).files if e.url.endswith(spec.file_suffix)]
        return entry.url, entry.sha256
    path = readers.vader_lexicon_path()
    return path.as_uri(), hashlib.sha256(path.read_bytes()).hexdigest()


def get_lexicon(name: str, accept_licence: bool = False) -> Lexicon:
    """``get_lexicon(name, accept_licence=False)``: the :class:`Lexicon` called ``name``.

    Names are those of :data:`LEXICONS` (``vader``, ``hu-liu``, ``lsd2015``, ``mpqa``,
    ``mfd2``, ``emfd``, ``nrc-emolex``, ``stopwords``). Opt-in lexicons raise
    :class:`~analysis.data.LicenceNotAccepted` unless ``accept_licence=True`` or the dataset is
    in ``ANALYSIS_ACCEPT_LICENCES``. Each call reads the file again (sha256-checked); keep the
    object rather than calling this in a loop.
    """
    if name not in LEXICONS:
        raise KeyError(f"unknown lexicon {name!r}; known: {', '.join(LEXICONS)}")
    spec = LEXICONS[name]
    entries = spec.read(accept_licence)  # checks the licence before reading anything
    if spec.dataset:
        src = source(spec.dataset)
        entry, _ = readers.manifest_file(spec.dataset, spec.file_suffix, accept_licence)
        url, sha256 = entry.url, entry.sha256
        licence, citation = spec.licence or src.licence, spec.citation or src.citation
    else:
        path = readers.vader_lexicon_path()
        url, sha256 = path.as_uri(), hashlib.sha256(path.read_bytes()).hexdigest()
        licence, citation = spec.licence, spec.citation
    return Lexicon(
        name=spec.name,
        title=spec.title,
        version=spec.version,
        licence=licence,
        citation=citation,
        dataset=spec.dataset or f"vaderSentiment=={spec.version} (PyPI)",
        url=url,
        sha256=sha256,
        opt_in=spec.opt_in,
        entries=entries,
        note=spec.note,
        globs=spec.globs,
    )
