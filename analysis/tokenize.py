"""Sentences and tokens as character spans into the original text, for news.

The contract: :class:`Span`; :func:`sentence_spans` (``text[s:e]`` is one sentence, no outer
whitespace); :func:`token_spans`; :func:`sentences`; :func:`tokens`; :func:`is_word` (the
package's one definition of a word token, behind every "per 1,000 words"). Added: :class:`AliasTable`
(multi-word actor names kept whole), :func:`stop_words`, :func:`ngrams`, :func:`tokenize_frame`
and :func:`ngram_frame` (tidy frames).

Method. Both splitters are rules over compiled regular expressions, so the text is scanned in C
and Python only looks at candidate sentence ends and token matches:

* Sentences: a blank line always ends a sentence (headlines, captions, datelines and bylines
  stand in paragraphs of their own and end without a period). Inside a paragraph, a candidate is
  a run of ``.``, ``!``, ``?`` or ``…`` with any closing quotes or brackets, followed by
  whitespace. It is a boundary when the next word does not start in lower case (so
  ``"the agreements... aimed at"`` and ``"Stop!" he said`` go on), except after a period that
  closes an abbreviation (``Mr.``, ``Nov.``, ``Corp.``) or an initial (``Jennifer M. Anderson``):
  there, as in Punkt's orthographic heuristic (Kiss & Strunk 2006, *Computational Linguistics*
  32(4)), only a frequent sentence starter after it (``The``, ``He``, ``But``) ends the sentence;
  titles before names (``Mr.``, ``Dr.``, ``Gen.``) never end one. Abbreviations and starters are a
  hand list plus those that the pretrained English Punkt model learned (``punkt`` package).
* Tokens follow the surface tokens of Universal Dependencies English (``style="ud"``, the
  default): words split at hyphens and slashes (``15 - year``) except after common prefixes
  (``e-mail``, ``non-human``); words with apostrophes whole (``don't``, ``it's``, ``Russia's``:
  UD's multiword tokens, whose surface form is the token); numbers with inner ``.,:/-`` whole
  (``1,375``, ``3.5``, ``1941-1945``); ``U.S.``, ``Mr.``, ``AT&T``, URLs, e-mail addresses, file
  and host names, emoticons, runs of one mark (``...``, ``--``, ``====``) whole; any other mark
  alone.
  ``style="ptb"`` follows the Penn Treebank instead: hyphenated words whole, all clitics split
  (``do n't``, ``ca n't``, ``it 's``), as ``nltk.tokenize.TreebankWordTokenizer`` does.

Caveats: one newline inside a paragraph is read as a space (newswire is often hard-wrapped), so
text whose only sentence breaks are single newlines needs blank lines first; sentences that end
without punctuation inside a paragraph (e-mail sign-offs, list items) are not found; lower-case
sentence starts after a period are not split. A stretch of more than :data:`MAX_SENTENCE_CHARS`
(5,000) characters without a sentence end is split into pieces (:func:`split_sentences` says how
many), and every pattern is backtracking-safe, so both splitters take time linear in the text
whatever it holds (tested by size doubling in ``tests/test_scaling.py``; a few bounds apply to
garbage only: e-mail local parts of at most 64 characters, host and file names of at most 255,
initialisms of at most 20 letters). ``python -m analysis.evaluate tokenize`` measures
both splitters on UD EWT/GUM dev and the Penn Treebank sample against NLTK's defaults.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import NamedTuple

import pandas as pd
from punkt.model.registry import load_model

from analysis._memo import memoize_text
from analysis.inputs import texts_of


class Span(NamedTuple):
    start: int
    end: int


#: A word token holds a character matching this: a letter or a digit of any script (:func:`is_word`).
WORD_CHARACTER = r"[^\W_]"
_WORD_CHARACTER = re.compile(WORD_CHARACTER)


def is_word(token: str) -> bool:
    """Whether ``token`` is a word token: it holds a letter or a digit (any script).

    The package's one definition, used by every count of words and every rate "per 1,000
    words" (:func:`analysis.pipeline.featurize`'s ``n_words``, :mod:`analysis.keywords`'
    ``words_only``, MATTR): tokens of punctuation, symbols or underscores alone (``--``, ``"``,
    ``___``, ``%``) are not words; ``3.5``, ``U.S.``, ``don't`` and ``e-mail`` are.
    """
    return _WORD_CHARACTER.search(token) is not None


# --- sentences -------------------------------------------------------------------------------

_PUNKT = load_model("english")
#: Titles that stand before a name: a period after them never ends a sentence.
TITLES = frozenset(
    "mr mrs ms messrs dr prof gen lt col maj capt sgt adm cmdr sen rep gov pres rev hon st mt ft "
    "amb supt insp det".split()
)
#: Abbreviations (lower case, no final period) after which a sentence rarely ends.
ABBREVIATIONS = TITLES | frozenset(_PUNKT.abbrev_types) | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "inc corp co ltd llc plc bros dept univ assn ave blvd rd no nos vol vols pp fig figs est approx "
    "vs etc al ca cf ed eds jr sr e.g i.e a.m p.m u.s u.k u.n "
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont neb nev "
    "okla ore pa tenn tex va vt wash wis wyo".split()
)
#: Abbreviations that often end a sentence ("... of Tiger International Inc. Mr. Wolf ..."):
#: before any capitalised word, their period is read as a sentence end.
FINAL_ABBREVIATIONS = frozenset("inc corp co ltd llc plc bros etc al jr sr".split())
#: Words that, capitalised after an abbreviation's period, mark a new sentence.
SENTENCE_STARTERS = frozenset(_PUNKT.sent_starters) | frozenset(
    "a an and as at for from he her his i it its my our she that their then there these they this "
    "those to we what when where which who why with you your".split()
)

# A paragraph ends at its last non-space character before a blank line (a line break, then
# another line break after nothing but whitespace) or at the end of the text. Every pattern here
# is backtracking-safe: a run is consumed possessively (``*+``, ``++``) when giving characters
# back could never help, so the time is linear in the text whatever it holds.
_PARAGRAPH_END = re.compile(r"\S(?=[ \t\r\f\v]*+\n[^\S\n]*+\n)")
_NON_SPACE = re.compile(r"\S")
# a sentence-end candidate: the terminal run (tried only at its first mark: a later start in
# the same run could only fail where the first did), closing quotes/brackets, then space
_CANDIDATE = re.compile(
    r"(?<![.!?…])(?P<term>\.(?: \.){2,}|[.!?…]++)(?P<close>[\"'”’»)\]]*+)(?P<space>\s++)"
    r"(?=[\"'“‘«(\[]*+(?P<next>[^\s\"'“‘«(\[]\w*))"
)
#: Longest sentence, in characters: a longer stretch without a sentence end (a list of
#: headlines joined by single line breaks, a transcript without full stops) is split into
#: pieces of at most this size, at a line break in the piece's second half if there is one, else
#: at its last whitespace, else anywhere. The longest sentence found in 21,578 Reuters, 2,225 BBC
#: and 1,275 KCNA texts has 4,232 characters (a KCNA list); news sentences rarely pass 600.
MAX_SENTENCE_CHARS = 5_000
_LINE_BREAK = re.compile(r"(?<=\S)[^\S\n]*+\n\s*+")
_SPACE_RUN = re.compile(r"(?<=\S)\s++")
_WORD_WINDOW = 40  # characters searched back for the word before a candidate
_INITIAL = re.compile(r"[A-Za-z]|(?:[A-Za-z]\.)+[A-Za-z]")


def _ends_sentence(word: str, term: str, close: str, following: str) -> bool:
    """Is a candidate ``word + term + close`` followed by ``following`` a sentence end?"""
    lower = following[0].islower()
    if close or term[0] in ".…" and len(term) > 1 or term == "…":  # "Stop!" he said; ... aimed
        return not lower
    if term != ".":
        return True  # ? and ! end a sentence even before lower case (web text: "great! you ...")
    bare = word.lstrip("\"'“‘«([").lower()
    if bare in TITLES:
        return False
    if bare in FINAL_ABBREVIATIONS:
        return not lower
    if bare in ABBREVIATIONS or _INITIAL.fullmatch(bare):
        return not lower and following.lower() in SENTENCE_STARTERS
    return True


def sentence_spans(text: str, max_chars: int | None = MAX_SENTENCE_CHARS) -> list[Span]:
    """Sentence spans of ``text``: paragraph-aware rules for news (module docstring).

    Method: blank lines end sentences; inside a paragraph, terminal punctuation followed by a
    word not in lower case does, except after titles, abbreviations and initials, where only a
    frequent sentence starter does (Punkt's heuristic: Kiss & Strunk 2006, *Computational
    Linguistics* 32(4)). ``text[s:e]`` is one sentence without outer whitespace; the spans are
    in order and never overlap. A stretch longer than ``max_chars`` (default
    :data:`MAX_SENTENCE_CHARS`, 5,000) without a sentence end is split into pieces of at most
    that size (at a line break, else at whitespace; :func:`split_sentences` counts them), so
    that every instrument's work per sentence stays bounded; ``max_chars=None`` never splits.
    Time is linear in the length of the text. Caveats: single newlines are spaces; unpunctuated
    sentence ends inside a paragraph and lower-case sentence starts are missed.

    Memoised for the most recent texts, 2 million characters in all: the framing instruments
    and the pipeline split the same texts.
    """
    if not isinstance(text, str):
        raise TypeError(f"sentence_spans() expects a str, got {type(text).__name__}")
    if max_chars is not None and (not isinstance(max_chars, int) or max_chars < 2):
        raise ValueError(f"max_chars must be an integer of at least 2 or None, got {max_chars!r}")
    return list(_memo_sentence_spans(text, max_chars)[0])


def split_sentences(text: str, max_chars: int | None = MAX_SENTENCE_CHARS) -> int:
    """How many sentences of ``text`` :func:`sentence_spans` split because they were longer
    than ``max_chars`` characters (0 for ordinary text). The pipeline reports it in ``reason``."""
    if not isinstance(text, str):
        raise TypeError(f"split_sentences() expects a str, got {type(text).__name__}")
    return _memo_sentence_spans(text, max_chars)[1]


def _paragraphs(text: str):
    """``(start, end)`` of each paragraph: from a non-space character to the last non-space
    character before a blank line or the end of the text (linear time)."""
    last, pos = len(text.rstrip()), 0
    while (first := _NON_SPACE.search(text, pos)) is not None:
        end = _PARAGRAPH_END.search(text, first.start())
        pos = end.end() if end is not None else last
        yield first.start(), pos


def _last(pattern: re.Pattern, text: str, start: int, end: int) -> re.Match | None:
    match = None
    for match in pattern.finditer(text, start, end):
        pass
    return match


def _split_long(text: str, start: int, end: int, limit: int) -> list[Span]:
    """``text[start:end]`` (no outer whitespace) in pieces of at most ``limit`` characters."""
    pieces = []
    while end - start > limit:
        stop = start + limit + 1  # a cut may fall just after the piece's last character
        cut = _last(_LINE_BREAK, text, start + limit // 2, stop) or _last(_SPACE_RUN, text, start + 1, stop)
        if cut is None:
            pieces.append(Span(start, start + limit))
            start += limit
        else:
            pieces.append(Span(start, cut.start()))
            start = _NON_SPACE.search(text, cut.start()).start()
    pieces.append(Span(start, end))
    return pieces


@memoize_text(max_chars=2_000_000)
def _memo_sentence_spans(text: str, max_chars: int | None) -> tuple[tuple[Span, ...], int]:
    spans = []
    for para_start, para_end in _paragraphs(text):
        start = para_start
        for cand in _CANDIDATE.finditer(text, para_start, para_end):
            before = text[max(para_start, cand.start() - _WORD_WINDOW) : cand.start()].rsplit(None, 1)
            word = before[-1] if before and not text[cand.start() - 1].isspace() else ""
            if _ends_sentence(word, cand["term"], cand["close"], cand["next"]):
                end = cand.end("close")
                spans.append(Span(start, end))
                start = cand.end("space")
        spans.append(Span(start, para_end))
    if max_chars is None or all(e - s <= max_chars for s, e in spans):
        return tuple(spans), 0
    capped, split = [], 0
    for s, e in spans:
        if e - s > max_chars:
            split += 1
            capped += _split_long(text, s, e, max_chars)
        else:
            capped.append(Span(s, e))
    return tuple(capped), split


# --- tokens ----------------------------------------------------------------------------------

_ABBREVIATION_TOKEN = "|".join(
    sorted((re.escape(a) for a in ABBREVIATIONS if a.isalpha()), key=len, reverse=True)
)
_FILE_ENDINGS = "com|org|net|edu|gov|uk|pdf|docx?|xlsx?|pptx?|html?|txt|jpe?g|gif|png|zip"
_PREFIXES = "e|non|re|pre|post|anti|pro|co|counter|cross|mis"
# Backtracking-safe: a run is consumed possessively where giving characters back cannot help,
# and the alternatives that scan a run of word characters and dots from every token start
# (e-mail local parts, file and host names, initialisms) are bounded (64 characters before the
# @ as RFC 5321 allows, 255 for a host or file name, 20 letters for an initialism), so a long
# run such as "a.a.a..." or "a-a-a-..." costs linear time instead of quadratic.
_COMMON = rf"""
    [^\W\d]\w*+(?=[\s,;!?)\]"”]|\Z)                    # fast path: a plain word, safely ended
  |    (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:!?'’")\]]     # URL
  | [\w.+-]{{1,64}}+@\w[\w-]*+(?:\.[\w-]++)++                 # e-mail address
  | (?<!\w)(?:[A-Za-z]\.){{2,20}}+(?!\w)                # U.S., e.g.
  | (?<!\w)(?=[A-Za-z.]{{1,8}}\.)(?i:{_ABBREVIATION_TOKEN})\.(?!\w)  # Mr., Nov., Corp.
  | (?<!\w)[A-Z]\.(?=\s++[A-Z])                        # an initial: Jennifer M. Anderson
  | \d++(?:[.,:/-]\d++)++                               # 1,375  3.5  10:30  7/8  303-832-8160
  | \w++(?:&\w++)++                                      # AT&T, S&P
  | (?=[\w.-]{{1,255}}+(?![\w.-]))[\w-]++(?:\.[\w-]++)*\.(?i:{_FILE_ENDINGS})(?!\w)  # API.pdf, bbc.co.uk
  | (?<!\w)(?i:{_PREFIXES})-\w+                          # e-mail, non-human, pre-war
  | [:;]-?[()DPp](?!\w)                                 # emoticons :) ;-)
"""
_PUNCTUATION = r"""
  | \.{2,} | (?P<mark>[*=_~#<>$+-])(?P=mark)+ | [!?]+ | ``? | ''      # ... -- ==== ?! `` ''
  | [^\w\s]                                             # any other mark alone
"""
_TOKEN = {
    "ud": re.compile(
        _COMMON
        + r"""
  | \w+(?:['’]\w+)*                                     # words split at - and /; don't, it's, Kim's
"""
        + _PUNCTUATION,
        re.X,
    ),
    "ptb": re.compile(
        _COMMON
        + r"""
  | (?i:ca|wo|do|does|did|is|are|was|were|has|have|had|could|would|should|must|need|ai)(?=n['’]t(?!\w))
  | (?i:can)(?=not(?!\w))                               # can not
  | n['’]t(?!\w) | ['’](?i:s|m|re|ve|ll|d)(?!\w)         # clitics split: do n't, it 's
  | \w+(?:[-/]\w+)*(?=n['’]t(?!\w))                     # other verbs before n't
  | \w+(?:[-/]\w+)*                                     # hyphenated words whole
"""
        + _PUNCTUATION,
        re.X,
    ),
}


def _spans(pattern: re.Pattern, text: str, start: int, end: int) -> list[Span]:
    return list(map(Span._make, map(re.Match.span, pattern.finditer(text, start, end))))


class AliasTable:
    """Multi-word names kept as one token: ``{canonical: [surface variants]}``, user-extensible.

    ``AliasTable({"Kim Jong Un": ["Kim Jong Un", "Kim Jong-un"]})`` makes every variant one
    token spanning the name, matched case-sensitively on word boundaries, longest variant first;
    the canonical name itself always counts as a variant. :meth:`add` extends the table.
    ``canonical(surface)`` gives the canonical name of a variant. There is no default table:
    which actors matter is a research decision.
    """

    def __init__(self, aliases: Mapping[str, Iterable[str]] | None = None):
        self._canonical: dict[str, str] = {}
        self._pattern: re.Pattern | None = None
        for name, variants in (aliases or {}).items():
            self.add(name, *variants)

    def add(self, canonical: str, *variants: str) -> AliasTable:
        """Add ``canonical`` and its ``variants``; returns the table. A variant already mapped
        to another canonical name raises ``ValueError``."""
        for surface in (canonical, *variants):
            if not surface.strip():
                raise ValueError(f"empty alias for {canonical!r}")
            if self._canonical.get(surface, canonical) != canonical:
                raise ValueError(f"{surface!r} is already an alias of {self._canonical[surface]!r}")
            self._canonical[surface] = canonical
        variants_by_length = sorted(self._canonical, key=len, reverse=True)
        self._pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, variants_by_length)) + r")(?!\w)")
        return self

    def canonical(self, surface: str) -> str:
        return self._canonical[surface]

    def __contains__(self, surface: object) -> bool:
        return surface in self._canonical

    def finditer(self, text: str, start: int = 0, end: int | None = None):
        if self._pattern is None:
            return iter(())
        return self._pattern.finditer(text, start, len(text) if end is None else end)

    def __len__(self) -> int:
        return len(set(self._canonical.values()))

    def __repr__(self) -> str:
        return f"AliasTable({len(self)} names, {len(self._canonical)} variants)"


def _as_table(aliases: AliasTable | Mapping[str, Iterable[str]] | None) -> AliasTable | None:
    return aliases if aliases is None or isinstance(aliases, AliasTable) else AliasTable(aliases)


def token_spans(
    text: str,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    style: str = "ud",
    start: int = 0,
    end: int | None = None,
) -> list[Span]:
    """Token spans of ``text[start:end]`` (offsets into ``text``).

    Method: one compiled regular expression (module docstring); ``style="ud"`` (default) gives
    Universal Dependencies English surface tokens (Nivre et al. 2020, LREC; contractions whole,
    hyphens split), ``style="ptb"`` Penn Treebank tokens (Marcus et al. 1993; clitics split,
    hyphenated words whole). With ``aliases`` (an :class:`AliasTable` or a dict), each listed
    name is one token. Caveats: no sentence context, so a period ends a word token only when
    the word is a known abbreviation or an initialism.

    The spans of a whole text without aliases are memoised for the most recent texts, 2
    million characters in all: the sentiment instruments tokenise the same sentences.
    """
    if style not in _TOKEN:
        raise ValueError(f"style must be one of {sorted(_TOKEN)}, got {style!r}")
    if aliases is None and start == 0 and end in (None, len(text)):
        return list(_whole_text_spans(text, style))
    pattern, end = _TOKEN[style], len(text) if end is None else end
    table = _as_table(aliases)
    if table is None:
        return _spans(pattern, text, start, end)
    spans, pos = [], start
    for match in table.finditer(text, start, end):
        spans += _spans(pattern, text, pos, match.start())
        spans.append(Span(*match.span()))
        pos = match.end()
    return spans + _spans(pattern, text, pos, end)


@memoize_text(max_chars=2_000_000)
def _whole_text_spans(text: str, style: str) -> tuple[Span, ...]:
    return tuple(_spans(_TOKEN[style], text, 0, len(text)))


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see :func:`sentence_spans`)."""
    return [text[s:e] for s, e in sentence_spans(text)]


# --- token normalisation ---------------------------------------------------------------------


@lru_cache(maxsize=None)
def stop_words(source: str = "nltk") -> frozenset[str]:
    """English stop words, lower case.

    ``source="nltk"`` (default): NLTK's English list (179 words; Bird, Klein & Loper 2009),
    read from the ``nltk-data`` dataset's ``stopwords.zip`` through the fetcher. When that file
    is not available, or with ``source="sklearn"``: scikit-learn's ``ENGLISH_STOP_WORDS`` (318
    words, from the Glasgow IR group's list), a documented fallback with a warning. Caveat: both
    lists hold negations and pronouns ("not", "he"), which matter for framing; remove them
    from the set if they should stay.
    """
    if source == "nltk":
        from analysis.data.fetch import DataUnavailable, fetch_dataset

        try:
            files = fetch_dataset("nltk-data")
        except DataUnavailable as error:
            import warnings

            warnings.warn(f"NLTK stop words unavailable ({error}); using scikit-learn's list", stacklevel=2)
        else:
            path = next(p for url, p in files.items() if url.endswith("/stopwords.zip"))
            with zipfile.ZipFile(path) as archive:
                return frozenset(archive.read("stopwords/english").decode("utf-8").split())
    elif source != "sklearn":
        raise ValueError(f"source must be 'nltk' or 'sklearn', got {source!r}")
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _normalise(
    words: list[str], is_alias: list[bool], lower: bool, stopwords: bool | Iterable[str], lemmas: bool
) -> list[str | None]:
    """Lemmatise, lower-case and mark stop words (``None``) in that order; aliases untouched."""
    if lemmas:
        import simplemma

        words = [w if a else simplemma.lemmatize(w, lang="en") for w, a in zip(words, is_alias)]
    if lower:
        words = [w.lower() for w in words]
    if stopwords:
        stop = stop_words() if stopwords is True else frozenset(w.lower() for w in stopwords)
        words = [None if not a and w.lower() in stop else w for w, a in zip(words, is_alias)]
    return words


def tokens(
    text: str,
    lower: bool = False,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    stopwords: bool | Iterable[str] = False,
    lemmas: bool = False,
    style: str = "ud",
) -> list[str]:
    """The tokens of ``text`` as strings; every normalisation is off by default.

    ``aliases``: listed names become one token, given as their canonical name ("Kim Jong-un"
    -> "Kim Jong Un"). ``lemmas=True``: simplemma's dictionary lemmas (Barbaresi 2021,
    simplemma), word by word without context (so "saw" -> "see"). ``lower=True`` lower-cases.
    ``stopwords=True`` drops NLTK's English stop words (:func:`stop_words`), or pass your own
    list; aliases are never dropped. ``style``: see :func:`token_spans`.
    """
    return [t for t in _token_strings(text, None, lower, aliases, stopwords, lemmas, style)[1] if t is not None]


def _token_strings(text, bounds, lower, aliases, stopwords, lemmas, style):
    table = _as_table(aliases)
    start, end = bounds or (0, len(text))
    spans = token_spans(text, table, style, start, end)
    words = [text[s:e] for s, e in spans]
    is_alias = [False] * len(words)
    if table is not None:
        is_alias = [w in table for w in words]
        words = [table.canonical(w) if a else w for w, a in zip(words, is_alias)]
    return spans, _normalise(words, is_alias, lower, stopwords, lemmas)


# --- n-grams and tidy frames -----------------------------------------------------------------


def ngrams(items: Sequence[str], n: int = 2) -> list[tuple[str, ...]]:
    """Contiguous ``n``-grams of a token list, in order (``n=2``: bigrams). ``n < 1`` is an error."""
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}")
    return list(zip(*(items[i:] for i in range(n))))


TOKEN_COLUMNS = ("doc_id", "sent_id", "token_id", "start", "end", "token")


def tokenize_frame(
    data,
    text_column: str = "text",
    id_column: str = "doc_id",
    lower: bool = False,
    aliases: AliasTable | Mapping[str, Iterable[str]] | None = None,
    stopwords: bool | Iterable[str] = False,
    lemmas: bool = False,
    style: str = "ud",
) -> pd.DataFrame:
    """One row per token of every document: ``doc_id, sent_id, token_id, start, end, token``.

    Sentences by :func:`sentence_spans`, tokens inside each sentence by :func:`token_spans`
    (so no token crosses a sentence end); ``sent_id`` and ``token_id`` count from 0 within the
    document, ``start``/``end`` are offsets into the document's text. Options as in
    :func:`tokens`; dropped stop words leave gaps in ``token_id``, so adjacency is still known.
    ``data``: a frame with ``text_column`` and ``id_column`` (a frame without ``id_column``, a
    list or one text: ids ``0..n-1``), the package's input contract (:mod:`analysis.inputs`). A
    missing (NaN) text gives no rows; a text that is not a string raises ``TypeError`` with its
    id. Duplicate ids raise ``ValueError``.
    """
    values, index = texts_of(data, text_column, function="tokenize_frame", strict=False)
    ids = data[id_column] if isinstance(data, pd.DataFrame) and id_column in data else pd.Series(range(len(values)))
    if not ids.is_unique:
        raise ValueError(f"tokenize_frame(): column {id_column!r} has duplicate ids; tokens could not be told apart")
    table = _as_table(aliases)
    rows = []
    for doc_id, text in zip(ids, values):
        if not isinstance(text, str):
            if pd.isna(text):
                continue
            raise TypeError(f"tokenize_frame(): document {doc_id!r} is {type(text).__name__}; expected a text (str)")
        token_id = 0
        for sent_id, bounds in enumerate(sentence_spans(text)):
            spans, words = _token_strings(text, bounds, lower, table, stopwords, lemmas, style)
            for (start, end), word in zip(spans, words):
                if word is not None:
                    rows.append((doc_id, sent_id, token_id, start, end, word))
                token_id += 1
    frame = pd.DataFrame(rows, columns=list(TOKEN_COLUMNS))
    frame.attrs["tokenizer"] = {
        "instrument": "analysis.tokenize",
        "style": style,
        "lower": lower,
        "stopwords": stopwords if isinstance(stopwords, bool) else "custom",
        "lemmas": lemmas,
        "aliases": len(table) if table else 0,
    }
    return frame


def ngram_frame(token_frame: pd.DataFrame, n: int = 2) -> pd.DataFrame:
    """``n``-grams within sentences of a :func:`tokenize_frame` result, one row each.

    Columns ``doc_id, sent_id, ngram_id, start, end, ngram`` (tokens joined by one space).
    Only tokens adjacent in the text (consecutive ``token_id``) form an n-gram, so n-grams never
    bridge a sentence end or a dropped stop word.
    """
    rows = []
    for (doc_id, sent_id), sent in token_frame.groupby(["doc_id", "sent_id"], sort=False):
        ids, starts, ends, words = (sent[c].tolist() for c in ("token_id", "start", "end", "token"))
        for i in range(len(ids) - n + 1):
            if ids[i + n - 1] - ids[i] == n - 1:
                rows.append((doc_id, sent_id, i, starts[i], ends[i + n - 1], " ".join(words[i : i + n])))
    return pd.DataFrame(rows, columns=["doc_id", "sent_id", "ngram_id", "start", "end", "ngram"])
