"""Quotations, their speakers, and attributions (who a news text says its information comes from).

Two functions, both rule-based over compiled regular expressions and both returning the character
spans (offsets into the original text) that support every row:

* :func:`quotes` — one row per quotation, with its speaker (and the speaker's proper name),
  verb of saying and kind (``"direct"``, ``"partial"``, ``"scare"`` or ``"name"``);
* :func:`attributions` — one row per attribution ("X said", "according to X", "X reports that"),
  with the source as written, whether it is named or anonymous, its coarse type
  (government / state media / independent media / other, from :data:`SOURCE_TYPES`) and its
  class (:func:`source_class`: person with role, government, state media, other media,
  document, anonymous, other). By default the cues other than quotations' verbs come from a
  learned cue model (:mod:`analysis.framing.attributions`, trained on PolNeAR); ``model=None``
  gives the rules alone.

Accuracy on PolNeAR (Newell, Margolin & Ruths 2018) is measured by
``python -m analysis.evaluate sourcing`` (:mod:`analysis.evaluate.sourcing`), next to a plain
baseline. The default tables hold no names of particular people: a source's type comes from
its words (titles, institutions, media names), never from who it is.

The rules follow the quotation-attribution patterns of news writing that rule-based quote
extractors rely on (Pouliquen, Steinberger & Best 2007, "Automatic detection of quotations in
multilingual news", RANLP; Pareti et al. 2013, "Automatically detecting and attributing indirect
quotations", EMNLP): a quotation is speech when a verb of saying stands next to it, with the
speaker before the verb ("the embassy said"), after it ("said Kim") or before a colon
("Kim said: ..."). Sourcing categories (named vs anonymous; official vs media sources) follow
the sourcing literature in journalism studies (e.g. Sigal 1973, *Reporters and Officials*;
Hallin 1986). See :func:`quotes` and :func:`attributions` for the rules and their caveats.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from analysis._memo import memoize_text
from analysis.tokenize import sentence_spans

# --- lexicons (extendable: pass your own to the functions) -------------------------------------

#: Verbs of saying that tie a speaker to an adjacent quotation (lower case; matched as written).
QUOTE_VERBS = (
    "said says say told tells added adds stated states noted notes reported reports claimed claims "
    "announced announces declared declares wrote writes explained explains insisted insists warned "
    "warns stressed stresses emphasized emphasised underlined asserted asserts alleged alleges argued "
    "argues acknowledged admitted denied denies replied replies responded continued asked quoted "
    "cited confirmed confirms commented recalled urged vowed pledged predicted concluded observed "
    "remarked revealed disclosed testified tweeted tweets tweeting called calling described describes "
    "saying stating telling adding noting arguing insisting writing explaining warning asking "
    "accused accusing suggested suggests countered wondered joked quipped boasted complained "
    "conceded maintained contended declaring declared lamented lamenting decried yelled shouted calls "
    "call sees assails assailed promised promising pledging echoed endorsing retaliated snapped barked"
).split()
#: Cues that attribute information to a source anywhere in a text (a subset of the verbs of
#: saying that report a claim, plus the prepositional cues, whose source follows them).
ATTRIBUTION_CUES = (
    "said says say told tells added adds stated states noted notes reported reports claimed claims "
    "announced announces declared declares wrote writes confirmed confirms alleged alleges insisted "
    "warned stressed quoted cited revealed disclosed"
).split()
ATTRIBUTION_CUES.remove("states")  # "member states", "the two states": far more often a noun
#: Cues whose source follows them ("according to the ministry", "citing sources").
FORWARD_CUES = ("according to", "citing", "quoting")
#: Words before a quotation that make it a name, title or scare quote, not speech.
NAMING_CUES = (
    "dubbed", "called", "named", "titled", "entitled", "nicknamed", "termed", "branded",
    "labelled", "labeled", "known as", "so-called", "the term", "the word", "the phrase",
    "the slogan", "the motto", "the title",
)

#: Source types, checked in this order; the first whose pattern occurs in the source wins.
#: Keys are case-insensitive regular expressions matched as whole words. Extend with
#: ``{**SOURCE_TYPES, "think tank": [...]}`` or by editing the lists before calling.
SOURCE_TYPES: dict[str, list[str]] = {
    "state media": [
        "TASS", "ITAR-TASS", "KCNA", "Korean Central News Agency", "Korean Central Television",
        "KCTV", "RIA Novosti", "RIA", "Sputnik", "RT", "Russia Today", "Rossiya", "Channel One",
        "Rodong Sinmun", "Minju Joson", "Voice of Korea", "Xinhua", "CCTV", "Global Times",
        "People's Daily", "state[- ]run", "state[- ]owned", "state[- ]controlled", "state media",
        "state television", "state TV", "state news agency", "official news agency",
    ],
    "independent media": [
        "Reuters", "AP", "Associated Press", "AFP", "Agence France-Presse", "BBC", "Bloomberg",
        "CNN", "NK News", "NBC", "ABC", "CBS", "Fox News", "MSNBC", "NPR", "Politico", "Axios", "Daily NK", "38 North", "Interfax",
        "Kommersant", "Vedomosti", "Meduza", "Novaya Gazeta", "New York Times", "Washington Post",
        "Wall Street Journal", "Financial Times", "The Guardian", "Guardian",
    ],
    "government": [
        "embassy", "embassies", "consulate", "ministry", "ministries", "minister", "Kremlin",
        "president", "presidential", "government", "ambassador", "diplomat", "diplomats",
        "official", "officials", "authorities", "cabinet", "premier", "prime minister",
        "foreign office", "State Department", "White House", "Pentagon", "spokesperson",
        "spokesman", "spokeswoman", "State Affairs Commission", "Central Committee", "Workers' Party of Korea",
        "WPK", "Supreme People's Assembly", "senator", "senators", "Sen\\.", "Rep\\.", "Gov\\.", "governor",
        "congressman", "congresswoman", "lawmaker", "lawmakers", "legislator", "mayor", "secretary of state",
        "Congress", "Senate", "Department", "FBI", "CIA", "police", "prosecutor", "prosecutors",
        "administration", "parliament", "council",
    ],
}

#: Head nouns of anonymous sources ("officials said", "a source familiar with ...").
ANONYMOUS = frozenset(
    "official officials source sources diplomat diplomats expert experts analyst analysts observer "
    "observers insider insiders people person someone witness witnesses resident residents aide "
    "aides critic critics activist activists defector defectors media report reports researchers "
    "scholars some many others".split()
)
GAP_CHARS, GAP_WORDS = 300, 30
DIRECT_LOOKBACK = 300
PARTIAL_CUE_MIN = 0.3
SAME_PARAGRAPH = 400
MAX_NAME_WORDS = 3  # a quotation of at most this many words, without a speaker, names something
_PRONOUNS = frozenset("he she they it we i you".split())
# adverbs in -ly that stand between a subject and its verb ("He earnestly said") are dropped;
# these nouns in -ly are kept
_LY_NOUNS = frozenset("family assembly ally supply monopoly anomaly rally daily weekly monthly".split())
# "according to" phrases that name no source: "according to the regulation", "... to whether"
_NOT_A_SOURCE = frozenset(
    "rule rules regulation regulations plan plans schedule law laws principle principles method "
    "procedure procedures standard standards need needs demand demands requirement requirements "
    "order orders whether how what which when where their its his her".split()
)
_DETERMINERS = frozenset(
    "the a an this these those its his her their our my one two three several some many".split()
)
# words that end a noun phrase read backwards from a verb (clause boundaries, auxiliaries)
_BOUNDARY = frozenset(
    "that which who whom whose when where while as because if but so since after before than "
    "though although what whether to was were is are be been being not has have had also later "
    "then further once previously earlier reportedly recently would will could can may might "
    "must should did does do just only".split()
)
# words that end a speaker read forwards ("said Kim on Tuesday", "said the embassy in a statement")
_FORWARD_STOP = frozenset(
    "on at in to during after before that who which when while as with from by late earlier last "
    "this yesterday today tonight monday tuesday wednesday thursday friday saturday sunday told "
    "adding according and or of for but".split()
)
_CONTINUE_BEFORE_NAME = frozenset("of in for at and".split())

# --- compiled patterns -------------------------------------------------------------------------

_OPENERS, _CLOSERS = "“«", "”»"
_MARK = re.compile(r'["“”«»]|\n[^\S\n]*\n')  # double quotation marks and paragraph breaks
_SINGLE_OPEN = re.compile(r"(?<![\w’'])[‘'](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])[’'](?!\w)")
_WORD = re.compile(r"[\w’'‘.\-]*\w[\w’'\-]*\.?|\w")
_TAIL_WORD = re.compile(r"[\w’'.\-]+")
# up to 14 words separated by blanks, read on the reversed text (so anchored at the end)
_REVERSED_CHAIN = re.compile(r"[ \t\n]*[\w’'.\-]+(?:[ \t\n]+[\w’'.\-]+){0,13}")
_NON_SPACE = re.compile(r"\S+")
_HEAD_WORDS = re.compile(r"[ \t\n]*((?:[\w’'\-]+(?:\.(?=\w))?)(?:[ \t]+[\w’'\-]+(?:\.(?=\w))?){0,14})")
def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first, any whitespace between words."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in words)
    return "|".join(sorted(escaped, key=len, reverse=True))


_NAMING = re.compile(
    rf"\b(?:{_alternation(NAMING_CUES)})"
    r"(?:\s+(?:it|them|him|her|this|that|as|the|a|an|its|his|their))?\s*[,:]?\s*$",
    re.I,
)
_SENTENCE_END = re.compile(r"[.!?…]$")
# naming cues that report the subject's words when a subject stands before them
_SPEECH_NAMING = frozenset("called branded labelled labeled termed".split())


_FORWARD = "|".join(f"[{c[0].upper()}{c[0]}]{_alternation([c[1:]])}" for c in FORWARD_CUES)
_QUOTE_VERB = _alternation([*QUOTE_VERBS, "pointed out", "went on"])
_QUOTE_VERB_SET = frozenset(QUOTE_VERBS)
_QUOTE_CUE = re.compile(rf"\b(?:(?P<forward>{_FORWARD})|(?P<verb>{_QUOTE_VERB}))\b")
_ATTRIBUTION_CUE = re.compile(rf"\b(?:(?P<forward>{_FORWARD})|(?P<verb>{_alternation(ATTRIBUTION_CUES)}))\b")
# after a quotation: ", said X" or ", the embassy said" (at most seven words before the verb),
# or ", Hope Hicks, his spokeswoman, said" (a name, then an apposition between commas)
_AFTER = re.compile(
    rf"[ \t]*[,—–-]?[ \t]*(?:(?P<verb1>{_QUOTE_VERB})\b|"
    rf"(?P<np>(?:[\w’'\-]+[ \t]+){{1,7}}?|(?:[\w’'\-]+[ \t]+){{0,5}}[\w’'\-]+,[^,.;:\n\"“”]{{1,120}},[ \t]+)"
    rf"(?:(?:has|had|also|later|then|once)[ \t]+)?"
    rf"(?P<verb2>{_QUOTE_VERB})\b)"
)
# after a quotation that ends with a comma: a name or pronoun and any verb in -ed/-s, then punctuation
_AFTER_ANY_VERB = re.compile(
    r"[ \t]+(?P<np>(?:he|she|they|we|I|He|She|They|We)|(?:(?:[Aa]n?|[Tt]he)[ \t]+[a-z][\w\-]*[ \t]+)?"
    r"(?:[A-Z][\w’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)[ \t]+(?P<verb>[a-z]{3,}(?:ed|s))(?=[.,;])"
)
# the subject at the start of a sentence: a pronoun or up to four capitalised words, then a lower-case word
_CLAUSE_SUBJECT = re.compile(
    r"[\s\"“”(]*(?P<subject>(?:He|She|They|We|I)\b|(?:[A-Z][\w’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)(?=[ \t]+[a-z])"
)
# between a verb of saying and an opening mark: a short object ("told reporters") and ":" or ","
# ("Kim said: "), or nothing at all before a quotation that starts with a capital ("Kim said “We")
_LEAD_IN = re.compile(r"(?:[ \t]+[\w’'\-]+){0,4}?[ \t]*[:,][ \t]*\Z|[ \t]*\Z")
# a noun used as a noun, not a cue: "media reports said", "diplomatic notes of"
_NOUN_USE = re.compile(r"\s+(?:said|say|says|suggest(?:s|ed)?|indicate[sd]?|of|from|on|about)\b")

_ATTRIBUTION_DTYPES = {
    "source": object, "cue": object, "source_type": object, "via": object, "named": "boolean", "quote": "Int64",
    "source_class": object, "source_role": object, "source_name": object,
    **dict.fromkeys(
        "source_start source_end cue_start cue_end start end sentence sentence_start sentence_end".split(), "int64"
    ),
}
QUOTE_COLUMNS = [
    "quote", "start", "end", "speaker", "speaker_start", "speaker_end", "verb", "verb_start",
    "verb_end", "kind", "depth", "balanced", "speaker_name",
]
_QUOTE_DTYPES = {
    "quote": object, "speaker": object, "verb": object, "kind": object, "start": "int64", "end": "int64",
    "speaker_start": "Int64", "speaker_end": "Int64", "verb_start": "Int64", "verb_end": "Int64",
    "depth": "int64", "balanced": "bool", "speaker_name": object,
}
ATTRIBUTION_COLUMNS = [
    "source", "source_start", "source_end", "cue", "cue_start", "cue_end", "start", "end",
    "sentence", "sentence_start", "sentence_end", "named", "source_type", "via", "quote",
    "source_class", "source_role", "source_name",
]


# --- abbreviations inside names --------------------------------------------------------------

#: Titles written with a period inside names ("Sen. Ben Sasse", "Lt. Gen. Michael Flynn").
TITLE_ABBREVIATIONS = (
    "Sen Sens Rep Reps Gov Govs Lt Gen Gens Col Maj Capt Cmdr Cmdt Adm Sgt Cpl Pvt Dr Drs Mr Mrs Ms "
    "Messrs Prof Rev Fr Hon Pres Sec Atty Supt Insp Amb Jr Sr St Mt Ft No Vol Corp Inc Co Ltd Bros"
).split()
_ABBREVIATION = re.compile(
    r"(?=[A-Z(])(?:"  # every alternative starts so: the scan skips other positions at once
    rf"\b(?:{'|'.join(TITLE_ABBREVIATIONS)})\.(?=[ \t]+\w|,)"  # Sen. Ben, Jr.,
    r"|\b[A-Z]\.(?=[ \t]*[A-Z])"  # George W. Bush, U.S.
    r"|\([A-Z]-[A-Z][A-Za-z.]{0,6}(?:[ \t][A-Z][A-Za-z.]{0,6})?\))"  # (R-Neb.), (D-N.Y.)
)
_MASKED = str.maketrans(dict.fromkeys(".() \t", "_"))


def mask_abbreviations(text: str) -> str:
    """``text`` with the periods (and brackets) of title abbreviations, initials and party tags
    turned into ``_``, offsets unchanged: "Sen. Ben Sasse (R-Neb.) said" reads as one phrase
    "Sen_ Ben Sasse _R-Neb__" to the rules, and every span is read back from ``text``.
    Linear: one pass of a pattern without nested repetition."""
    return _ABBREVIATION.sub(lambda m: m.group().translate(_MASKED), text)


# --- noun phrases around a cue -----------------------------------------------------------------


def _is_adverb(word: str) -> bool:
    return word.endswith("ly") and len(word) > 4 and word not in _LY_NOUNS


def _tail_words(text: str, lo: int, hi: int, most: int = 14) -> list[tuple[int, int]]:
    """Spans of the last ``most`` words (runs of word characters, apostrophes, periods and
    hyphens) of ``text[lo:hi]`` separated by blanks only and followed by blanks only up to ``hi``;
    a word cut by ``lo`` is left out. Empty when another character (a comma, a mark) stands
    last. One pass over the window: linear in ``hi - lo`` (a regex anchored at ``hi`` and
    searched from ``lo`` retried at every position, which made :func:`attributions` slow on
    long texts)."""
    chain = _REVERSED_CHAIN.match(text[lo:hi][::-1])  # one anchored match, no retries
    if chain is None:
        return []
    words = [m.span() for m in _TAIL_WORD.finditer(text, hi - chain.end(), hi)][-most:]
    if words and words[0][0] == lo and lo > 0 and _TAIL_WORD.match(text[lo - 1]):
        words = words[1:]  # the window began inside a word
    return words


def _phrase_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Span of the subject noun phrase ending at ``hi`` ("Russia's Embassy in Pyongyang").

    An apposition or relative clause between commas right before ``hi`` ("Hope Hicks, his
    campaign spokeswoman, said") is kept in the span, whose head is the phrase before it.
    """
    window = text[max(lo, hi - 200) : hi].rstrip()
    if window.endswith(","):
        comma = max(lo, hi - 200) + len(window) - 1
        previous = text.rfind(",", max(lo, comma - 150), comma)
        if previous > lo and not text[previous + 1 : comma].strip().endswith((".", "”", '"')):
            subject = _phrase_before(text, lo, previous) if text[previous - 1 : previous] != "," else None
            return None if subject is None else (subject[0], comma)
        return None
    words = _tail_words(text, max(lo, hi - 300), hi)
    if not words:
        return None
    lowered = [text[s:e].lower().rstrip(".") for s, e in words]
    while lowered and (lowered[-1] in _BOUNDARY or _is_adverb(lowered[-1])):  # "has said", "solemnly said"
        words, lowered = words[:-1], lowered[:-1]
    for i in range(len(words) - 1, -1, -1):  # cut at the last clause boundary
        word = text[words[i][0] : words[i][1]]
        coordinated = lowered[i] in ("and", "or") and 0 < i < len(words) - 1 and (
            text[words[i - 1][0]].isupper() and text[words[i + 1][0]].isupper()
        )
        if lowered[i] in _BOUNDARY or (lowered[i] in ("and", "or") and not coordinated) or word.endswith("."):
            words, lowered = words[i + 1 :], lowered[i + 1 :]
            break
    if not words:
        return None
    if lowered[-1] in _PRONOUNS:
        return words[-1]
    pronoun = next((i for i in range(len(words) - 1, -1, -1) if lowered[i] in _PRONOUNS), None)
    if pronoun is not None:  # "This year we ... declared"
        words, lowered = words[pronoun:], lowered[pronoun:]
    first = next((i for i, w in enumerate(lowered) if w in _DETERMINERS), None)
    if first is None:
        first = next((i for i, (s, _) in enumerate(words) if text[s].isupper()), None)
    if first is None and lowered[-1] in ANONYMOUS:
        first = 0
    if first is None or first == len(words) - 1 and lowered[first] in _DETERMINERS:
        return None
    return words[first][0], words[-1][1]


def _phrase_after(text: str, pos: int, hi: int, *, long: bool = False) -> tuple[int, int] | None:
    """Span of the noun phrase starting after ``pos`` ("said Kim", "according to the ministry").

    With ``long`` (the prepositional cues) the phrase runs to the next punctuation mark (at most
    15 words); otherwise it stops before a preposition, time word or clause word, unless "of",
    "in", "for", "at" or "and" is followed by a capitalised word ("Embassy in Pyongyang").
    """
    head = _HEAD_WORDS.match(text, pos, hi)
    if head is None:
        return None
    words = [m.span() for m in _NON_SPACE.finditer(text, head.start(1), head.end(1))]
    if words and head.start(1) > 0 and not text[head.start(1) - 1].isspace():
        words = words[1:]  # the scan began inside a word ("said'Kim"): not part of the phrase
    if not long:
        for i, (s, e) in enumerate(words):
            word = text[s:e].lower()
            if i and word in _FORWARD_STOP and not (
                word in _CONTINUE_BEFORE_NAME and i + 1 < len(words) and text[words[i + 1][0]].isupper()
                and text[words[i - 1][0]].isupper()
            ):
                words = words[:i]
                break
        words = words[:8]
    if not words or text[words[0][0] : words[0][1]].lower() in _FORWARD_STOP:
        return None
    return words[0][0], words[-1][1]


def subject_before(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """Public form of the subject rule of :func:`attributions`: the span of the noun phrase
    ending at ``hi`` (read back to a clause boundary, no further than ``lo``), or None. Pass
    :func:`mask_abbreviations` of a text so that "Sen. Ben Sasse" stays one phrase."""
    return _phrase_before(text, lo, hi)


def phrase_after(text: str, pos: int, hi: int, *, long: bool = False) -> tuple[int, int] | None:
    """Public form of the forward rule ("said X", ``long``: "according to X ..."): the span of
    the noun phrase after ``pos`` (before ``hi``), or None."""
    return _phrase_after(text, pos, hi, long=long)


def sentence_bounds(text: str):
    """A function ``pos -> (sentence start, sentence end)`` over :func:`analysis.tokenize.sentence_spans`."""
    spans = sentence_spans(text)
    starts = [s for s, _ in spans]
    return lambda pos: _context(text, starts, spans, pos)


_SPEECH_VERB = re.compile(rf"\b(?:{_QUOTE_VERB})\b")
_LETTERS = re.compile(r"[A-Za-z]+(?:[’'][a-z]+)?")
_FIRST_PERSON = re.compile(r"\b(?:I|I’m|I'm|I’ve|I've|we|We|my|My|our|Our|me|us)\b")


def speech_features(text: str, rows=None) -> list[dict | None]:
    """Inspectable features of every quotation of ``quote_rows(text)`` (or ``rows``) for the
    learned speech decision of :mod:`analysis.framing.attributions`; None for nested ones.

    Names: ``k=`` the rule kind, ``nw=`` its length in words (1, 2, 3, 4-6, 7-15, 16+) and
    ``k|nw=`` both, ``sp`` a rule speaker, ``title``/``title_loose`` title case (the second
    ignoring a final period or comma: "Meet the Press."), ``cap``/``lower_start`` its first
    letter, ``endp`` a final . , ! or ?, ``verb_sent``/``verb_near``/``verb_after`` a verb of
    saying earlier in the sentence / in the 60 characters before / in the 60 after,
    ``colon``, ``that``, ``start`` (opens its sentence), ``para`` (opens a paragraph),
    ``pw=``/``nx=`` the word before and after, ``poss`` a possessive before ("NBC's"),
    ``bal`` balanced marks, ``first_person``, ``you``, ``inner_stop`` (a sentence ends inside),
    ``naming=`` the naming cue right before it ("so-called", "dubbed", "called" ...)."""
    rows = quote_rows(text) if rows is None else rows
    work = mask_abbreviations(text.replace("\r", "\n")).replace("\xa0", " ")
    bounds = sentence_bounds(text.replace("\r", "\n"))
    out: list[dict | None] = []
    for r in rows:
        if r["depth"]:
            out.append(None)
            continue
        inner = r["quote"]
        n = len(_WORD.findall(inner))
        size = "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4-6" if n <= 6 else "7-15" if n <= 15 else "16+"
        s0, s1 = bounds(r["start"])
        pre, post = work[s0 : r["start"]], work[r["end"] : s1]
        prev = _LETTERS.findall(work[max(0, r["start"] - 40) : r["start"]])
        nxt = _LETTERS.findall(work[r["end"] : r["end"] + 40])
        before = work[max(0, r["start"] - 6) : r["start"]].rstrip()
        out.append({
            f"k={r['kind']}": 1, f"nw={size}": 1, f"k|nw={r['kind']}|{size}": 1, "sp": int(r["speaker"] is not None),
            "title": int(_is_title(inner)), "title_loose": int(_is_title(inner.rstrip().rstrip(".,"))),
            "cap": int(inner[:1].isupper()), "lower_start": int(inner[:1].islower()),
            "endp": int(inner.rstrip()[-1:] in ".,!?"), "verb_sent": int(bool(_SPEECH_VERB.search(pre))),
            "verb_near": int(bool(_SPEECH_VERB.search(work, max(s0, r["start"] - 60), r["start"]))),
            "verb_after": int(bool(_SPEECH_VERB.search(post[:60]))), "colon": int(pre.rstrip()[-1:] == ":"),
            "that": int(bool(prev) and prev[-1].lower() == "that"), "start": int(not pre.strip()),
            "para": int(r["start"] == 0 or text[max(0, r["start"] - 2) : r["start"]].endswith("\n")),
            f"pw={prev[-1].lower() if prev else '^'}": 1, f"nx={nxt[0].lower() if nxt else '$'}": 1,
            "poss": int(before.endswith(("'s", "’s"))), "bal": int(r["balanced"]),
            "first_person": int(bool(_FIRST_PERSON.search(inner))), "you": int(bool(re.search(r"\b[Yy]ou\b", inner))),
            "inner_stop": int(bool(re.search(r"[.!?]\s", inner))),
        })
        naming = _NAMING.search(pre)
        if naming:
            out[-1][f"naming={naming.group().split()[0].lower()}"] = 1
    return out


def quote_rows(text: str, max_name_words: int = MAX_NAME_WORDS) -> tuple[dict, ...]:
    """The rows of :func:`quotes` as read-only dicts (memoised; no DataFrame built)."""
    return _quote_rows(text, max_name_words)


# --- quotations --------------------------------------------------------------------------------


def _pairs(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, balanced)`` of every top-level (double-mark) quotation, in order."""
    found, open_at, para_start, reopen_at = [], None, 0, -1
    for m in _MARK.finditer(text):
        mark, pos = m.group(), m.start()
        if mark[0] == "\n":  # a paragraph break
            if open_at is not None:
                nxt = len(text) - len(text[m.end() :].lstrip())
                if text[nxt : nxt + 1] in ('"', *_OPENERS):  # convention: a quote goes on
                    reopen_at = nxt
                else:
                    found.append((open_at, len(text[:pos].rstrip()), False))
                    open_at = None
            para_start = m.end()
        elif pos == reopen_at:
            continue
        elif open_at is None:
            if mark in _CLOSERS:  # a closing mark with no opening one: the quote began the paragraph
                found.append((para_start, m.end(), False))
            else:
                open_at = pos
        elif mark in _OPENERS and not (  # an opener typed for a closer: “rapists“ while, “It's unusual,“ said
            pos > open_at + 1 and not text[pos - 1].isspace() and (pos + 1 == len(text) or not text[pos + 1].isalnum())
        ):  # an opening mark inside a quotation: the first was never closed
            found.append((open_at, len(text[:pos].rstrip()), False))
            open_at = pos
        else:
            found.append((open_at, m.end(), True))
            open_at = None
    if open_at is not None:
        found.append((open_at, len(text.rstrip()), False))
    return found


def _nested(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Single-quoted spans inside a quotation (an opener, then the first closer after it)."""
    spans, pos = [], start
    while (opener := _SINGLE_OPEN.search(text, pos, end)) is not None:
        closer = _SINGLE_CLOSE.search(text, opener.end(), end)
        if closer is None:
            break
        spans.append((opener.start(), closer.end()))
        pos = closer.end()
    return spans


def _is_title(quote: str) -> bool:
    """Title case: every word longer than three letters is capitalised, as is the first word."""
    words = [w for w in _WORD.findall(quote) if w[0].isalnum()]
    if not words or _SENTENCE_END.search(quote.rstrip("”\"'’ ")):
        return False
    content = [w for w in words if len(w) > 3 and w[0].isalpha()]
    return (words[0][0].isupper() or words[0][0].isdigit()) and all(w[0].isupper() for w in content)


def _speaker_after(text: str, end: int, hi: int, inner: str):
    """``(speaker span, verb span)`` from an attribution right after a quotation, or None."""
    if inner.rstrip().endswith("."):  # "... win." He said ...: the sentence ended at the mark
        return None
    after = _AFTER.match(text, end, hi)
    if after is None:
        if not inner.rstrip().endswith((",", "?", "!")):
            return None
        other = _AFTER_ANY_VERB.match(text, end, hi)  # "“Go back,” Trump barked."
        return None if other is None else (other.span("np"), other.span("verb"))
    if after["verb1"]:
        speaker = _phrase_after(text, after.end(), hi)
        verb = after.span("verb1")
    else:
        speaker = _phrase_before(text, after.start("np"), after.end("np"))
        verb = after.span("verb2")
    return None if speaker is None else (speaker, verb)


# a line of symbols only (a rule, a separator between documents): speakers are not carried over it
_WORDLESS_LINE = re.compile(r"\n[^\S\n]*[^\w\s]+[^\S\n]*(?=\n)")
_PARTICIPLE_PREPOSITIONS = (" by", " without", " after", " before", " while", " when", " in", " on", " from")


def _speaker_before(text: str, lo: int, start: int):
    """``(speaker, verb, adjacent)`` from the last verb of saying before a quotation, or None.

    ``adjacent``: the verb (and a short object: "told reporters") stands right before the mark,
    with or without ":" / "," ("Kim said: "); otherwise the quotation is inside the writer's
    clause ("Kim said the talks were 'productive'").
    """
    cues = [c for c in _QUOTE_CUE.finditer(text, lo, start) if text[max(0, c.start() - 3) : c.start()] != "so-"]
    if not cues:  # ("the so-called establishment": no verb)
        return None
    cue = cues[-1]
    if cue["forward"]:
        speaker = _phrase_after(text, cue.end(), start, long=True)
        rest = text[speaker[1] if speaker else cue.end() : start]
        adjacent = bool(re.fullmatch(r"\s*[:,]\s*", rest))
    else:
        before = text[lo : cue.start()].rstrip()
        participle = cue.group().endswith("ing") and (
            before.endswith(",") or before.lower().endswith(_PARTICIPLE_PREPOSITIONS)  # "by saying", "without saying"
        )
        # "Trump defended the incident, calling the protester “...”": the subject of the clause
        speaker = None if participle else _phrase_before(text, lo, cue.start())
        if speaker is None:  # "Wilson praised Rubio and said ...": the subject of the clause
            speaker = _sentence_subject(text, lo, cue.start())
        lead_in = _LEAD_IN.match(text, cue.end(), start)
        adjacent = lead_in is not None and (lead_in.group().strip() or text[start + 1 : start + 2].isupper())
    return None if speaker is None else (speaker, cue.span(), adjacent)


def _context(text: str, starts: list[int], spans: list, pos: int) -> tuple[int, int]:
    """The sentence span containing ``pos``."""
    i = max(bisect.bisect_right(starts, pos) - 1, 0)
    return spans[i] if spans else (0, len(text))


def quotes(text: str, max_name_words: int = MAX_NAME_WORDS, model="polnear") -> pd.DataFrame:
    """Quotations in ``text``, one row per quotation, with speaker, verb and kind.

    Columns: ``quote`` (the text inside the marks), ``start``/``end`` (the quotation including
    its marks), ``speaker`` (as written, or None), ``speaker_start``/``speaker_end``, ``verb``
    ("said", "told", "according to", ...), ``verb_start``/``verb_end``, ``kind``
    ("direct", "partial", "scare" or "name"), ``depth`` (0; 1 for a single-quoted span inside a
    quotation), ``balanced`` (False when a mark has no partner) and ``speaker_name`` (the
    proper name in the speaker phrase, :func:`canonical_name`: "Sen. Ben Sasse (R-Neb.)" ->
    "Ben Sasse").

    Method (rules, in order):

    1. Marks. Double marks (straight ``"``, curly ``“ ”``, guillemets) pair up in order, so a
       straight opener may close with a curly mark. A quotation that reaches a paragraph break
       goes on when the next paragraph opens with a mark (the news convention for quotes over
       several paragraphs); otherwise it, like a closer without an opener or an opener inside an
       open quotation, gives a row with ``balanced=False`` that runs to the paragraph edge.
       Single marks (``‘ ’``, ``'``) count only inside a double-quoted quotation (``depth=1``):
       an opener after a space or mark, then the first closer not followed by a letter, so the
       apostrophes of "Kim’s" and "Russia's" are skipped. An opening mark typed for a closing
       one (after a non-space, before a space or punctuation: ``“rapists“ while``) closes.
    2. Speaker. After the closing mark, unless the quotation ended its sentence with a period:
       ``, the embassy said`` (a phrase of at most seven words, then a verb of saying) or
       ``, said Angela Merkel`` (the verb, then a name). Else before the opening mark, in the same
       sentence: the last verb of saying (:data:`QUOTE_VERBS`, or "according to X") and its
       subject, read backwards to a clause boundary and trimmed to start at a determiner, a
       capitalised word or a pronoun ("Russia's ambassador told reporters: ").
    3. Kind. ``name`` when a naming cue stands right before the mark ("dubbed", "called",
       "titled", "known as", "so-called", ...). ``direct`` when the quotation opens its sentence
       (nothing before it but an earlier quotation's attribution) or follows its verb of saying
       ("Kim said: ", "he added, "). Otherwise the quotation sits inside the writer's sentence:
       ``name`` when title-cased ("Order of Friendship", "The Art of the Deal"),
       ``partial`` when a speaker was found, ``scare`` (a scare quote: the writer's distance,
       not speech) when it has at most ``max_name_words`` words (default 3), else ``partial``
       with no speaker. After "called", "branded", "labelled" or "termed" with a subject
       ("Trump called it “a disaster”") the quotation is ``partial``, the subject its speaker.
       Nested (depth 1) spans get ``name`` or ``partial`` by the same shape rules and no speaker.
    4. Same speaker. A direct quotation without a speaker takes the speaker of the quotation
       before it when only that one's attribution stands between them (at most
       :data:`GAP_WORDS` words and :data:`GAP_CHARS` characters, no other verb of saying:
       ``“A,” she said. “B.”``, across paragraph breaks too), or of the one right after it
       (``“A.” “B,” she said.``).
    5. With the learned model (``model``, below): (a) the speech decision — a logistic
       regression over :func:`speech_features` (rule kind, length, title case, verbs of saying
       around it, first-person words inside, the word before ...) trained on PolNeAR decides
       whether each top-level quotation is someone's words: a rule scare quote or name it calls
       speech becomes ``partial``, a rule direct/partial quotation it does not becomes
       ``name`` (title case) or ``scare``, without speaker; (b) a partial quotation without a
       speaker takes the source of the last candidate cue before it in its sentence whose
       cue-model probability is at least :data:`PARTIAL_CUE_MIN` (lower than the cue model's
       own threshold: the quotation makes an attribution likely), a direct one the source of
       such a candidate in the :data:`DIRECT_LOOKBACK` characters before it (after the
       previous quotation; settings chosen on polnear-train); (c) a partial quotation still
       without one takes the subject at the start of its sentence (a pronoun or capitalised
       words, after a leading phrase with a comma; not "it", a demonstrative or a passive
       subject), with no verb, else the speaker of the quotation before it in the same
       paragraph (at most :data:`SAME_PARAGRAPH` characters away); rule 4 then runs again.
       When the model carries a speaker ranker (the packaged one does, artefact version 4 on),
       it replaces 5(b), 5(c) and the second run of rule 4: every speech quotation (``direct``
       or ``partial``) still without a speaker takes the best of its candidates
       (:func:`speaker_candidates`: sources of candidate cues, the sentence subject, the rule
       speaker of the quotation before it, names and pronouns in its paragraph and the one
       before), scored by a logistic regression over their inspectable features, when its
       probability reaches ``model.speaker_threshold``. Trained on polnear-train with out-of-fold
       cue probabilities; C (0.1) and the threshold (0) by grouped 5-fold cross-validation
       (out-of-fold quote-and-speaker F1 0.849 against 0.816 for rules 5(b)-(c) on the same
       folds; :func:`analysis.framing.attributions.select_speaker_settings`). A pronoun stays
       a pronoun.

    Titles, initials and party tags inside names ("Sen. Ben Sasse (R-Neb.)", "Lt. Gen.",
    "George W. Bush") are read as part of the name (:func:`mask_abbreviations`); an
    apposition between commas ("Hope Hicks, his campaign spokeswoman, said") stays in the
    speaker span. Measured on PolNeAR (``python -m analysis.evaluate sourcing``, see
    :mod:`analysis.evaluate.sourcing` for the figures and baselines).

    A partial quotation without an adjacent verb keeps ``speaker=None``: its source is usually
    an attribution elsewhere (in the seed article, the award citation comes from the embassy's
    statement named in the sentence before), and guessing it from the nearest preceding cue is
    wrong whenever the writer changes source; :func:`attributions` lists those cues.

    ``model``: "polnear" (default; or a fitted
    :class:`~analysis.framing.attributions.CueModel`) applies rule 5; a model without a speech
    decision instead turns a would-be scare quote in a sentence where the cue model accepts an
    attribution before it into ``partial``, that source its speaker ("Clinton slammed the
    proposal as “divisive”"); None: rules 1-4 and 5(c) only.

    Caveats: no parser, so a speaker is a phrase as written (a pronoun stays "he"); with the
    rules alone a quotation attributed in the next sentence ("... win." He said ...) has no
    speaker (the speaker ranker reads it); with the ranker a quotation whose source is not among
    its candidates gets a wrong one rather than none (its threshold is 0: the benchmark counts a
    wrong speaker and a missing one alike); British-style
    top-level single quotes are not read; inches/seconds marks (5'11") are read as quotes.
    References: Pouliquen, Steinberger & Best (2007, RANLP) for the verb-of-saying patterns;
    Pareti et al. (2013, EMNLP) for direct/partial (mixed)/indirect quotation types.
    """
    _check_text(text, "quotes")
    rows = _quote_rows(text, max_name_words)
    if model == "polnear" and rows:
        from analysis.framing.attributions import cue_model

        model = cue_model()
    learned = bool(model) and getattr(model, "speech_coef_", None) is not None
    rule_rows = rows
    if learned:
        rows = speech_kinds(text, rows, model)
    if learned and getattr(model, "speaker_coef_", None) is not None:
        rows = _ranked_speakers(text, rows, rule_rows, model)
        frame = _frame(rows, QUOTE_COLUMNS, _QUOTE_DTYPES)
        frame.attrs.update(instrument="analysis.framing.quotes", max_name_words=max_name_words)
        return frame
    unsourced = any(r["kind"] in ("scare", "partial", "direct") and r["speaker"] is None for r in rows)
    if model and unsourced:
        rows = _scare_to_partial(text, rows, model, promote=not learned)
    if any(r["kind"] == "partial" and r["speaker"] is None and r["depth"] == 0 for r in rows):
        rows = _subject_speakers(text, rows)
    if model and model != "polnear" and unsourced:  # speakers found above pass on to the next quotations
        rows = [dict(r) for r in rows]  # the memoised rows stay as they are
        _inherit_speakers(mask_abbreviations(text.replace("\r", "\n")).replace("\xa0", " "), rows)
    frame = _frame(rows, QUOTE_COLUMNS, _QUOTE_DTYPES)
    frame.attrs.update(instrument="analysis.framing.quotes", max_name_words=max_name_words)
    return frame


def _check_text(text, function: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{function}() expects the text as a str, got {type(text).__name__}")


def _frame(rows: list[dict], columns: list[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    """A frame from row dicts, built column by column (fast for the many small frames of a corpus)."""
    return pd.DataFrame({c: pd.array([r[c] for r in rows], dtype=dtypes.get(c)) for c in columns})


@memoize_text(max_chars=2_000_000)
def _quote_rows(text: str, max_name_words: int) -> tuple[dict, ...]:
    """The rows of :func:`quotes` as dicts, read-only: :func:`attributions` and hedging read the
    same text's quotations, so they are memoised for the most recent texts (2 million
    characters in all)."""
    unmasked = text.replace("\r", "\n")
    # same offsets; spans are read from text; a no-break space ("Trump\xa0said") is a space to the rules
    work = mask_abbreviations(unmasked).replace("\xa0", " ")
    spans = sentence_spans(unmasked)  # the tokeniser knows its abbreviations
    starts = [s for s, _ in spans]
    rows, previous_end = [], 0
    for start, end, balanced in _pairs(work):
        inner_start = start + 1 if work[start] in '"“«' else start
        inner_end = end - 1 if balanced or work[end - 1] in '"”»' else end
        inner = work[inner_start:inner_end]
        sent_start, sent_end = _context(work, starts, spans, start)
        lo = max(sent_start, previous_end, start - 600)
        pre = work[lo:start]
        para_end = work.find("\n\n", end, end + 400)
        hi = min(len(work), end + 400) if para_end < 0 else para_end
        speaker = verb = None
        adjacent = False
        naming = _NAMING.search(pre)
        n_words = len(_WORD.findall(inner))
        if naming:
            kind = "name"
            cue = naming.group().split()[0].lower()
            if cue in _SPEECH_NAMING and n_words > 0:  # "Trump called it “a disaster”": his words
                subject = _phrase_before(work, lo, lo + naming.start())
                if subject is not None:
                    kind, speaker, verb = "partial", subject, (lo + naming.start(), lo + naming.start() + len(cue))
        else:
            found = _speaker_after(work, end, hi, inner)
            before = _speaker_before(work, lo, start)
            if found is None and before is not None:
                speaker, verb, adjacent = before
            elif found is not None:
                speaker, verb = found
            opens_sentence = not pre.strip() or (before is not None and adjacent)
            if speaker is None and not pre.strip():  # "He said:\n\n“...”": a lead-in ending with a colon
                lead = work[max(0, start - 400) : start].rstrip()
                if lead.endswith(":"):
                    colon = max(0, start - 400) + len(lead) - 1
                    lead_start = max(_context(work, starts, spans, colon)[0], colon - 300)
                    colon_before = _speaker_before(work, lead_start, colon + 1)
                    if colon_before is not None:
                        speaker, verb, _ = colon_before
            if opens_sentence:
                kind = "direct"
            elif _is_title(inner):
                kind, speaker, verb = "name", None, None
            elif speaker is not None or n_words > max_name_words:
                kind = "partial"
            else:
                kind = "scare"
        rows.append(_quote_row(text, text[inner_start:inner_end], start, end, speaker, verb, kind, 0, balanced))
        for n_start, n_end in _nested(work, inner_start, inner_end):
            n_inner = text[n_start + 1 : n_end - 1]
            name = _is_title(n_inner) or len(_WORD.findall(n_inner)) <= max_name_words
            name = name or bool(_NAMING.search(work[inner_start:n_start]))
            rows.append(_quote_row(text, n_inner, n_start, n_end, None, None, "name" if name else "partial", 1, True))
        previous_end = end
    _inherit_speakers(work, rows)
    return tuple(rows)


def speech_kinds(text: str, rows, model) -> list[dict]:
    """The learned speech decision (:mod:`analysis.framing.attributions`) over the rule kinds:
    a top-level quotation the model calls speech is ``partial`` when the rules called it a
    scare quote or name (not a name after a naming cue other than "called", "branded",
    "labelled" or "termed": "so-called", "dubbed", "titled" ... keep it a name); one it does not call speech becomes ``name`` (title case, a final
    period or comma aside) or ``scare``, without speaker. Other rows are kept."""
    features = speech_features(text, rows)
    top = [i for i, f in enumerate(features) if f is not None]
    p = model.speech_probabilities([features[i] for i in top])
    out = list(rows)
    for i, q in zip(top, p):
        row = rows[i]
        speech = q >= model.speech_threshold
        named = [k for k in features[i] if k.startswith("naming=")]
        if named and named[0][7:] not in _SPEECH_NAMING:  # "so-called", "dubbed", "titled": a name stays a name
            speech = False if row["kind"] == "name" else speech
        if speech and row["kind"] in ("scare", "name"):
            out[i] = {**row, "kind": "partial"}
        elif not speech and row["kind"] in ("direct", "partial"):
            kind = "name" if features[i]["title_loose"] else "scare"
            out[i] = {**row, "kind": kind, **dict.fromkeys(
                ("speaker", "speaker_start", "speaker_end", "verb", "verb_start", "verb_end", "speaker_name"))}
    return out


def _scare_to_partial(text: str, rows, model, promote: bool = True) -> list[dict]:
    """Speakers from the learned cue model (rule 5b of :func:`quotes`); with ``promote`` (a
    model without a speech decision) also: a short quotation in a sentence where the cue model
    accepts an attribution before it is that source's word ("Clinton slammed the proposal as
    “divisive”"): kind ``partial``, the attribution's source its speaker."""
    scored = model.scored(text) if hasattr(model, "scored") else model.predict(text)
    accepted = sorted((cue, source) for cue, source, p in scored if p >= model.threshold)
    cue_starts = [cue[0] for cue, _ in accepted]
    # for a partial quotation: any candidate cue with at least PARTIAL_CUE_MIN (the quotation
    # itself makes an attribution likely)
    weak = sorted((cue, source) for cue, source, p in scored if p >= PARTIAL_CUE_MIN)
    weak_starts = [cue[0] for cue, _ in weak]
    bounds = sentence_bounds(text.replace("\r", "\n"))
    out, previous_end = [], 0
    for row in rows:
        if row["depth"] == 0 and row["kind"] == "direct" and row["speaker"] is None:
            # a direct quotation without a speaker: the source of an accepted cue in the
            # DIRECT_LOOKBACK characters before it, after the previous quotation ("Lynch announced
            # on Monday the lawsuit. “We are seeking ...”")
            i = bisect.bisect_left(weak_starts, row["start"]) - 1
            if i >= 0 and weak_starts[i] >= max(previous_end, row["start"] - DIRECT_LOOKBACK) \
                    and not _WORDLESS_LINE.search(text, weak[i][0][1], row["start"]):
                (c0, c1), (s0, s1) = weak[i]
                row = {**row, "speaker": text[s0:s1], "speaker_start": s0, "speaker_end": s1,
                       "verb": " ".join(text[c0:c1].split()), "verb_start": c0, "verb_end": c1,
                       "speaker_name": canonical_name(text[s0:s1])}
        if row["depth"] == 0:
            previous_end = row["end"]
        if row["depth"] == 0 and (row["kind"] == "scare" and promote or row["kind"] == "partial" and row["speaker"] is None):
            starts, found = (cue_starts, accepted) if row["kind"] == "scare" else (weak_starts, weak)
            i = bisect.bisect_left(starts, row["start"]) - 1
            if i >= 0 and starts[i] >= bounds(row["start"])[0]:
                (c0, c1), (s0, s1) = found[i]
                row = {**row, "kind": "partial", "speaker": text[s0:s1], "speaker_start": s0, "speaker_end": s1,
                       "verb": " ".join(text[c0:c1].split()), "verb_start": c0, "verb_end": c1,
                       "speaker_name": canonical_name(text[s0:s1])}
        out.append(row)
    return out


# sentence openers that are no subject: a leading phrase or clause ("In an interview, Trump ...")
_OPENERS_NOT_SUBJECT = frozenset(
    "in at on after before when while as but and so then if although though because since despite during "
    "with without for from by of to like unlike even also still yet now here there given having asked "
    "speaking writing according along following however indeed meanwhile yesterday today tonight instead "
    "later earlier finally first second third again moreover furthermore similarly separately overall "
    "afterwards thus therefore nevertheless nonetheless still also now then".split()
)
# first words of a subject that is no source (a clause, a demonstrative, a determiner phrase)
_NOT_SUBJECT = frozenset(
    "it it’s it's its that that’s that's what this those these there do does did all each every last next another "
    "one".split()
)
_SUBJECT_DETERMINERS = frozenset("the a an his her their many some most several".split())
_COPULA = re.compile(  # a passive: "was awarded", "were given", "has been widely seen"
    r"[ \t]+(?:was|were|is|are|be|been|being|has[ \t]+been|had[ \t]+been)[ \t]+(?:[a-z]+ly[ \t]+)?[a-z]+(?:ed|en)\b"
)
# a subject before a lower-case word or before the comma of an apposition ("Washington, star of ...")
_SUBJECT_OR_APPOSITION = re.compile(
    r"[\s\"“”(]*(?P<subject>(?:He|She|They|We|I)\b|(?:[A-Z][\w’'\-]*[ \t]+){0,3}[A-Z][\w’'\-]*)(?=[ \t]+[a-z]|,)"
)
_NOUN_WORDS = re.compile(r"(?:[ \t]+[a-z][\w’'\-]*){1,3}")


def _sentence_subject(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The subject at the start of the sentence ``text[lo:hi]``: a personal pronoun or up to
    four capitalised words before a lower-case word, after a leading phrase that ends with a
    comma ("In an interview on Fox, Trump said ..."); None when it starts with a determiner,
    a demonstrative or "it" (no source)."""
    subject = _SUBJECT_OR_APPOSITION.match(text, lo, hi)
    if subject is None:
        return None
    first = text[subject.start("subject") : subject.end("subject")].split()[0].lower()
    # a leading phrase or clause up to a comma: "Holding signs, the protesters", "Horrified at
    # the prospect, Ramos"; with no comma, an inverted clause ("Written on the ribbon were ...")
    if first in _OPENERS_NOT_SUBJECT or _is_adverb(first) or first.endswith(("ing", "ed", "en")):
        comma = text.find(",", subject.start("subject"), min(hi, lo + 200))
        if comma < 0:
            return None
        subject = _SUBJECT_OR_APPOSITION.match(text, comma + 1, hi)
        if subject is None:
            return None
        first = text[subject.start("subject") : subject.end("subject")].split()[0].lower()
    if first in _NOT_SUBJECT or first in _OPENERS_NOT_SUBJECT or first.rstrip("’'s") in _NOT_SUBJECT \
            or first.endswith(("ing", "ed", "en")):
        return None
    start, end = subject.span("subject")
    if _COPULA.match(text, end, hi):  # "Kim was awarded “...”": a passive or copular subject is no source
        return None
    if first in _SUBJECT_DETERMINERS:  # "The GOP presidential candidate sent": the noun phrase, to its verb
        more = _NOUN_WORDS.match(text, end, hi)
        words = more.group().split() if more else []
        for word in words:
            if word in _BOUNDARY or word in _FORWARD_STOP or word in _QUOTE_VERB_SET or word.endswith("ed") \
                    or word.endswith("s") and word != words[0]:
                break
            end = text.index(word, end) + len(word)
        if end == subject.end("subject") and len(text[start:end].split()) == 1:
            return None  # a bare determiner
    return start, end


def _subject_speakers(text: str, rows) -> list[dict]:
    """A partial quotation still without a speaker takes the subject at the start of its
    sentence, a pronoun or up to four capitalised words before a lower-case word ("Rubio also
    bemoaned ... people “literally hate each other”"): in news the writer's sentence around a
    partial quotation reports its subject's words."""
    work = mask_abbreviations(text.replace("\r", "\n"))
    bounds = sentence_bounds(text.replace("\r", "\n"))
    out, previous = [], None
    for row in rows:
        if row["depth"] == 0 and row["kind"] == "partial" and row["speaker"] is None:
            subject = _sentence_subject(work, bounds(row["start"])[0], row["start"])
            if subject is not None:
                s0, s1 = subject
                row = {**row, "speaker": text[s0:s1], "speaker_start": s0, "speaker_end": s1,
                       "speaker_name": canonical_name(text[s0:s1])}
            elif SAME_PARAGRAPH and previous is not None and previous["speaker"] is not None \
                    and row["start"] - previous["end"] <= SAME_PARAGRAPH \
                    and not re.search(r"\n[^\S\n]*\n", work[previous["end"] : row["start"]]):
                # the speaker of the quotation before it in the same paragraph
                row = {**row, **{k: previous[k] for k in ("speaker", "speaker_start", "speaker_end", "speaker_name")}}
        if row["depth"] == 0:
            previous = row
        out.append(row)
    return out


def _inherit_speakers(text: str, rows: list[dict]) -> None:
    """Second and third quotations of one speaker: a direct quotation without a speaker takes
    the speaker of the quotation just before it when only that quotation's attribution (at most
    twelve words, no other verb of saying) stands between them, paragraph breaks included
    (``“A,” she said. “B.”``); then, backwards, of the quotation right after it when nothing
    but space stands between (``“A.” “B,” she said.``). Changes ``rows`` in place."""
    top = [r for r in rows if r["depth"] == 0]
    for previous, row in zip(top, top[1:]):
        if row["speaker"] is not None or previous["speaker"] is None or row["kind"] != "direct":
            continue
        gap_start = max(previous["end"], previous["speaker_end"] or 0, previous["verb_end"] or 0)
        gap = text[gap_start : row["start"]]
        if len(gap) > GAP_CHARS or len(_WORD.findall(gap)) > GAP_WORDS or _QUOTE_CUE.search(gap) \
                or _WORDLESS_LINE.search(gap):
            continue
        _copy_speaker(row, previous)
    for row, following in zip(reversed(top[:-1]), reversed(top[1:])):
        if row["speaker"] is None and following["speaker"] is not None and row["kind"] == "direct" \
                and not text[row["end"] : following["start"]].strip():
            _copy_speaker(row, following)


def _copy_speaker(row: dict, other: dict) -> None:
    for key in ("speaker", "speaker_start", "speaker_end", "verb", "verb_start", "verb_end", "speaker_name"):
        row[key] = other[key]


# --- learned speaker ranker --------------------------------------------------------------------

_MENTION = re.compile(
    r"\b(?:(?P<pron>he|she|they|we|I|He|She|They|We)\b|(?P<name>[A-Z][\w’'\-]*(?:[ \t]+[A-Z][\w’'\-]*){0,3}))"
)
# first words of a capitalised run that are no part of a name ("But Trump", "The senator")
_NOT_NAME_START = _OPENERS_NOT_SUBJECT | _DETERMINERS | _NOT_SUBJECT | frozenset(("i",))
_VERB_NEXT = re.compile(rf"[ \t,]*(?:[\w’'\-]+[ \t]+)?(?:{_QUOTE_VERB})\b")
_VERB_BEFORE = re.compile(rf"\b(?:{_QUOTE_VERB})[ \t]*\Z")
_PLAIN_WORD = re.compile(r"[A-Za-z]+")
RANKER_BEFORE, RANKER_AFTER = 800, 400  # the window: the quotation's paragraph and the one before


def _bucket(x: float, edges: tuple, names: tuple) -> str:
    return next((name for edge, name in zip(edges, names) if x <= edge), names[-1])


def speaker_candidates(text: str, rows, scored, indices, rule_rows=None) -> dict[int, list]:
    """Candidate speakers of the quotations ``rows[i]`` for ``i`` in ``indices`` (top-level rows
    of :func:`quote_rows`, kinds possibly changed by the speech decision), for the learned speaker
    ranker of :func:`quotes`: ``{i: [((start, end), features), ...]}``.

    Candidates, in a window of the quotation's paragraph and the one before (at most
    :data:`RANKER_BEFORE` characters before it and :data:`RANKER_AFTER` after it): the source of
    every candidate cue of ``scored`` (``(cue, source, probability)`` of
    :meth:`~analysis.framing.attributions.CueModel.scored`) outside the quotation; the subject at
    the start of its sentence; the rule speaker (``rule_rows``, default ``rows``) of the quotation
    before it; every personal pronoun and run of capitalised words outside quotation marks.
    Overlapping candidates are merged (the first found keeps its span; features are joined).
    Features (one-hot, inspectable): ``t=`` the candidate's origins (cue, subj, prev, mention) and
    ``t=...|kind``, ``cue_p=`` the cue probability (bucketed) and ``cue_p`` itself,
    ``cue_same_sent``, ``cue_side=``, ``prev_gap=``, ``prev_same_para``, ``side=`` (before or after
    the quotation), ``dist=`` (characters, bucketed), ``rank=`` (nearest first, per side),
    ``same_sent``, ``same_para``, ``is_pron``, ``named`` (:func:`canonical_name`), ``nw=`` words,
    ``cls=`` (:func:`source_class`), ``verb_next``/``verb_prev`` (a verb of saying right after /
    before it), ``sent_start``, ``kind=``, ``salience=`` (how many candidates carry the same
    name) and ``pw=``/``nx=`` the word before and after it (added by grouped CV on polnear-train:
    out-of-fold quote-and-speaker F1 0.849 against 0.846 without, higher in 5 of 5 folds). Linear in the text: every window is bounded."""
    rule_rows = rows if rule_rows is None else rule_rows
    work = mask_abbreviations(text.replace("\r", "\n")).replace("\xa0", " ")
    bounds = sentence_bounds(text.replace("\r", "\n"))
    top = [k for k, r in enumerate(rows) if r["depth"] == 0]
    quoted = [(rows[k]["start"], rows[k]["end"]) for k in top]
    quoted_starts = [s for s, _ in quoted]
    cues = sorted(scored)
    cue_starts = [c[0][0] for c in cues]
    out = {}
    memo: dict = {}  # names and classes of the phrases seen in this text
    for i in indices:
        row = rows[i]
        s, e = row["start"], row["end"]
        floor = max(0, s - RANKER_BEFORE)
        newline = work.rfind("\n", floor, s)
        para = newline + 1 if newline >= 0 else 0  # where the quotation's paragraph starts
        lo = floor
        if newline >= 0:  # the paragraph before it, blank lines skipped
            end, before = newline, work.rfind("\n", floor, newline)
            while before >= 0 and not work[before + 1 : end].strip():
                end, before = before, work.rfind("\n", floor, before)
            lo = before + 1 if before >= 0 else floor
        end_para = work.find("\n", e, e + RANKER_AFTER)
        hi = min(len(work), e + RANKER_AFTER) if end_para < 0 else end_para
        s0, s1 = bounds(s)
        found = []
        j = bisect.bisect_left(cue_starts, lo)
        for (c0, _), (a, b), p in cues[j:]:
            if c0 >= hi:
                break
            if s <= c0 < e:
                continue
            found.append(((a, b), {
                "t=cue": 1, f"cue_p={_bucket(p, (0.3, 0.4, 0.54, 0.7), ('<.3', '.3-.4', '.4-.54', '.54-.7', '>.7'))}": 1,
                "cue_p": p, "cue_same_sent": int(s0 <= c0 < s1), f"cue_side={'before' if c0 < s else 'after'}": 1,
            }))
        subject = _sentence_subject(work, s0, s) if s0 < s else None
        if subject is not None:
            found.append((subject, {"t=subj": 1}))
        k = bisect.bisect_left(top, i)
        if k > 0:
            previous = rule_rows[top[k - 1]]
            if previous["speaker_start"] is not None and previous["end"] >= lo:
                gap = _bucket(s - previous["end"], (20, 100, 300), ("<20", "<100", "<300", "300+"))
                found.append(((previous["speaker_start"], previous["speaker_end"]), {
                    "t=prev": 1, f"prev_gap={gap}": 1, "prev_same_para": int(previous["end"] >= para)}))
        for m in _MENTION.finditer(work, lo, hi):
            a, b = m.span()
            q = bisect.bisect_right(quoted_starts, a) - 1
            if q >= 0 and quoted[q][0] <= a < quoted[q][1]:
                continue
            if m["name"]:
                words = work[a:b].split()
                while words and words[0].lower() in _NOT_NAME_START:
                    a = work.index(words[1], a + len(words[0])) if len(words) > 1 else b
                    words = words[1:]
                if not words:
                    continue
            found.append(((a, b), {"t=mention": 1, "pron": int(bool(m["pron"]))}))
        merged: list[tuple[tuple[int, int], dict]] = []
        for span, features in found:
            for other, joined in merged:
                if min(other[1], span[1]) > max(other[0], span[0]):
                    for key, value in features.items():
                        joined[key] = max(joined.get(key, 0), value)
                    break
            else:
                merged.append((span, dict(features)))
        names = [_cached(canonical_name, text[a:b], memo) for (a, b), _ in merged]
        befores = sorted(s - b for (a, b), _ in merged if b <= s)
        afters = sorted(a - e for (a, b), _ in merged if a >= e)
        ranked = []
        for ((a, b), f), name in zip(merged, names):
            before = b <= s
            dist = s - b if before else a - e if a >= e else 0
            side = "before" if before else "after"
            f[f"side={side}"] = 1
            f[f"dist={_bucket(dist, (10, 40, 100, 200, 400), ('<10', '<40', '<100', '<200', '<400', '400+'))}"] = 1
            order = befores if before else afters
            rank = bisect.bisect_left(order, dist) if a >= e or before else 9
            f[f"rank={side}{min(rank, 3)}"] = 1
            f["same_sent"], f["same_para"] = int(s0 <= a < s1), int(a >= para)
            written = text[a:b]
            f["is_pron"] = int(written.lower() in ("he", "she", "they", "we", "i"))
            f["named"] = int(name is not None)
            f[f"nw={_bucket(len(written.split()), (1, 2, 4), ('1', '2', '3-4', '5+'))}"] = 1
            f[f"cls={_cached(_class_of, written, memo)}"] = 1
            f["verb_next"] = int(bool(_VERB_NEXT.match(work, b, min(b + 40, len(work)))))
            f["verb_prev"] = int(bool(_VERB_BEFORE.search(work, max(0, a - 25), a)))
            f["sent_start"] = int(not work[max(bounds(a)[0], a - 200) : a].strip(" \t\n\"“”("))
            f[f"kind={row['kind']}"] = 1
            f[f"salience={min(sum(1 for n in names if n == name), 3) if name else 0}"] = 1
            before_words = _PLAIN_WORD.findall(text, max(0, a - 20), a)
            after_words = _PLAIN_WORD.findall(text, b, b + 20)
            f[f"pw={before_words[-1].lower() if before_words else '^'}"] = 1
            f[f"nx={after_words[0].lower() if after_words else '$'}"] = 1
            for key in [key for key in f if key.startswith("t=")]:
                f[f"{key}|{row['kind']}"] = 1
            ranked.append(((a, b), f))
        out[i] = ranked
    return out


def _class_of(phrase: str) -> str:
    return source_class(phrase)[0]


def _cached(function, phrase: str, memo: dict):
    key = (function, phrase)
    if key not in memo:
        memo[key] = function(phrase)
    return memo[key]


def _ranked_speakers(text: str, rows, rule_rows, model) -> list[dict]:
    """Rule 5(b) of :func:`quotes` with a speaker ranker: each top-level speech quotation without
    a rule speaker takes its best candidate of :func:`speaker_candidates` when the ranker's
    probability reaches ``model.speaker_threshold``."""
    todo = [i for i, r in enumerate(rows) if r["depth"] == 0 and r["kind"] in ("direct", "partial") and r["speaker"] is None]
    if not todo:
        return list(rows)
    found = speaker_candidates(text, rows, model.scored(text), todo, rule_rows)
    scores = model.speaker_probabilities([f for i in todo for _, f in found[i]])  # one call per text
    out, at = list(rows), 0
    for i in todo:
        p, at = scores[at : at + len(found[i])], at + len(found[i])
        if not found[i]:
            continue
        best = int(p.argmax())
        if p[best] >= model.speaker_threshold:
            s0, s1 = found[i][best][0]
            out[i] = {**rows[i], "speaker": text[s0:s1], "speaker_start": s0, "speaker_end": s1,
                      "speaker_name": canonical_name(text[s0:s1])}
    return out


def _quote_row(text, inner, start, end, speaker, verb, kind, depth, balanced) -> dict:
    return {
        "quote": inner, "start": start, "end": end,
        "speaker": text[speaker[0] : speaker[1]] if speaker else None,
        "speaker_start": speaker[0] if speaker else None, "speaker_end": speaker[1] if speaker else None,
        "verb": " ".join(text[verb[0] : verb[1]].split()) if verb else None,
        "verb_start": verb[0] if verb else None, "verb_end": verb[1] if verb else None,
        "kind": kind, "depth": depth, "balanced": balanced,
        "speaker_name": canonical_name(text[speaker[0] : speaker[1]]) if speaker else None,
    }


# --- attributions ------------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _type_patterns(table: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[tuple[str, re.Pattern], ...]:
    """One case-insensitive whole-word pattern per source type; acronyms ("AP", "RT") match as written."""

    def entry(pattern: str) -> str:
        return f"(?-i:{pattern})" if pattern.isupper() and len(pattern) <= 5 else pattern

    return tuple(
        (kind, re.compile(rf"(?<!\w)(?:{'|'.join(map(entry, patterns))})(?!\w)", re.I))
        for kind, patterns in table
    )


def source_type(source: str, types: Mapping[str, Iterable[str]] | None = None) -> str:
    """The type of a source as written: the first key of ``types`` (default :data:`SOURCE_TYPES`)
    with a pattern in ``source``, else "other". "Russia’s state-run TASS news agency" -> "state media"."""
    table = tuple((kind, tuple(patterns)) for kind, patterns in (types or SOURCE_TYPES).items())
    return next((kind for kind, pattern in _type_patterns(table) if pattern.search(source)), "other")


_MODIFIER_START = frozenset("of for in at with from familiar close on who published".split())


def is_named(source: str) -> bool | None:
    """Is a source named? False when its head noun (before "of/for/in/with/familiar ...") is in
    :data:`ANONYMOUS` ("a North Korean official", "sources familiar with the matter", "state
    media"); None (unresolved) for a bare pronoun; True otherwise ("the embassy", "TASS")."""
    words = [w.lower() for w in _WORD.findall(source)]
    if len(words) == 1 and words[0] in _PRONOUNS:
        return None
    head = words[: next((i for i, w in enumerate(words) if w in _MODIFIER_START), len(words))]
    return not any(w in ANONYMOUS for w in head)


#: Head nouns of a document or statement as a source ("the statement", "a new poll").
DOCUMENTS = frozenset(
    "statement statements report reports letter letters email emails memo memos document documents poll "
    "polls survey surveys study studies data filing filings complaint lawsuit transcript release releases "
    "tweet tweets post posts book analysis review records record indictment ruling order website "
    "ad ads video footage excerpts figures estimates numbers census testimony".split()
)
_NAME_PIECE = re.compile(r"[A-Z][\w’'\-]*(?:\.[A-Z]\.?)?|(?:Mc|Mac|O’|O')[A-Z]\w*")
_ROLE_STOP = frozenset("the a an his her their its our".split())


def canonical_name(phrase: str) -> str | None:
    """The proper name inside a speaker or source phrase, without titles, party tags and
    appositions: "Sen. Ben Sasse (R-Neb.)" -> "Ben Sasse", "Hope Hicks, his spokeswoman" -> "Hope
    Hicks", "Republican presidential nominee Donald Trump" -> "Donald Trump" (the last run of
    capitalised words before any comma or bracket, title abbreviations and adjectives of
    :data:`TITLE_ABBREVIATIONS` dropped). None for a pronoun or a phrase with no capitalised
    word after its first ("the embassy", "officials"). Rules, not a named-entity recogniser: a
    capitalised organisation ("the State Department") is returned as a name too."""
    head = re.split(r"[,(]", phrase, maxsplit=1)[0]
    words = head.split()
    runs, run, modifier = [], [], False
    for i, word in enumerate(words):
        bare = word.rstrip(".’'s").rstrip("’'")
        is_title = bare in TITLE_ABBREVIATIONS or (word.endswith(".") and len(bare) <= 4 and i < len(words) - 1)
        if word[:1].isupper() and not is_title and word.lower() not in _DETERMINERS and word.lower() not in _PRONOUNS:
            run.append(word)
        else:
            if run:
                runs.append(run)
                # a capitalised modifier of a common noun ("the Russian ambassador") is no name
                modifier = word[:1].islower() and not re.search(r"(?:’s|'s)$", run[-1]) and not run[-1].isupper()
            run = []
    if run:
        runs.append(run)
        modifier = False
    if not runs or modifier:
        return None
    name = " ".join(runs[-1])
    return re.sub(r"(?:’s|'s)$", "", name) or None


_LOWER_WORD_AFTER = re.compile(r"\s+[a-z]")


def _possessive_before_noun(name: str, source: str) -> bool:
    """Does ``name`` stand in ``source`` as a possessive before a lower-case word ("Clinton's
    campaign")? A string search, not a pattern compiled per name."""
    for possessive in (name + "’s", name + "'s"):
        at = source.find(possessive)
        while at >= 0:
            if _LOWER_WORD_AFTER.match(source, at + len(possessive)):
                return True
            at = source.find(possessive, at + 1)
    return False


def source_class(source: str, types: Mapping[str, Iterable[str]] | None = None) -> tuple[str, str | None, str | None]:
    """``(class, role, name)`` of a source as written, for a reader to check.

    Classes, the first that applies: "anonymous" (:func:`is_named` is False: "officials",
    "a source familiar with"), "document" (head noun in :data:`DOCUMENTS`: "the statement",
    "a new poll"), "state media" and "other media" (:func:`source_type` is "state media" /
    "independent media"), "person" (a proper name, with or without a title or role: "Sen. Ben
    Sasse (R-Neb.)", "Hope Hicks, his campaign spokeswoman", or a personal pronoun), "government"
    (:func:`source_type` "government" without a personal name: "the State Department",
    "the embassy"), else "other". ``role``: the words before the name or the apposition after it
    ("Sen.", "his campaign spokeswoman") for a person; ``name``: :func:`canonical_name`.
    Caveat: a capitalised organisation not in the type table ("the Clinton Foundation") reads
    as a person; the typology follows Sigal (1973) and Hallin (1986).
    """
    words = [w.lower() for w in _WORD.findall(source)]
    if not words:
        return "other", None, None
    coarse = source_type(source, types)
    head = words[: next((i for i, w in enumerate(words) if w in _MODIFIER_START), len(words))]
    name = canonical_name(source)
    if is_named(source) is False:
        return "anonymous", None, None
    if head and head[-1].rstrip("’'s") in DOCUMENTS or (head and head[-1] in DOCUMENTS):
        return "document", None, name
    if coarse == "state media":
        return "state media", None, name
    if coarse == "independent media":
        return "other media", None, name
    pronoun = len(words) == 1 and words[0] in ("he", "she", "i", "we", "they")
    if name is not None and _possessive_before_noun(name, source):  # "Clinton's campaign"
        return ("government" if coarse == "government" else "other"), None, name
    person = pronoun or (name is not None and coarse != "government") or (
        name is not None and len(name.split()) >= 2 and name.split()[0] not in ("State", "White", "Foreign")
    )
    if person and not pronoun:
        before, _, after = source.partition(name)
        role = " ".join(w for w in before.split() if w.lower() not in _ROLE_STOP).strip(" ,") or None
        apposition = after.split(",", 1)[1].strip(" ,") if "," in after else ""
        return "person", (apposition or role), name
    if person:
        return "person", None, None
    if coarse == "government":
        return "government", None, name
    return "other", None, name


def _inside(spans: list[tuple[int, int]], starts: list[int], pos: int) -> bool:
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and spans[i][0] < pos < spans[i][1]


def attributions(
    text: str, source_types: Mapping[str, Iterable[str]] | None = None, model="polnear"
) -> pd.DataFrame:
    """Attributions in ``text``: who the writer says information comes from, one row per cue.

    Columns: ``source`` (as written), ``source_start``/``source_end``, ``cue`` ("said",
    "according to", "reports", ...), ``cue_start``/``cue_end``, ``start``/``end`` (the
    attribution phrase: source and cue), ``sentence`` (index into
    :func:`analysis.tokenize.sentence_spans`) with ``sentence_start``/``sentence_end`` (the
    sentence the attribution governs), ``named`` (True, False for anonymous sources, <NA> for a
    bare pronoun: see :func:`is_named`), ``source_type`` (:func:`source_type` over
    ``source_types``, default :data:`SOURCE_TYPES`: "government", "state media", "independent
    media" or "other"), ``via`` ("quote" or "cue") and ``quote`` (the row of :func:`quotes`).

    New columns: ``source_class`` ("person", "government", "state media", "other media",
    "document", "anonymous", "other"), ``source_role`` and ``source_name`` (:func:`source_class`).

    ``model``: "polnear" (default) uses the learned cue model of
    :mod:`analysis.framing.attributions` (a logistic regression over candidate cues with their
    rule-found sources, trained on PolNeAR; falls back to the rules when its artefact is
    absent); None uses the rules below alone; or pass a fitted
    :class:`~analysis.framing.attributions.CueModel`.

    Method: every quotation with a speaker is one attribution (``via="quote"``, ``quote`` its
    row in ``quotes(text)``); its verb is then not counted again (a second quotation of the same
    attribution adds no row). With the learned model, its accepted candidates are the other
    attributions (``via="cue"``). With the rules alone, every other cue of
    :data:`ATTRIBUTION_CUES` outside quotation marks (speech inside a quotation is the
    speaker's sourcing, not the writer's) is an attribution (``via="cue"``) when a source is
    found: before a verb, its subject read back to a clause boundary and trimmed to start at a
    determiner, capital or pronoun ("Russia's Embassy in Pyongyang said Tuesday"); after a
    prepositional cue (:data:`FORWARD_CUES`), the phrase up to the next punctuation mark
    ("according to a statement and photographs published on the embassy’s Facebook page");
    after a verb that follows a comma ("..., said Lavrov"), the name. A cue used as a noun
    ("media reports said") is skipped. Verbs are matched in lower case only, so "the United
    States" is no cue.

    Caveats: rules, not a parser: a subject more than eight words long is cut; reported speech
    with no verb of saying ("Kim expressed the belief that") is missed; "told" and "reported"
    also catch non-sourcing uses ("he was told to leave" is skipped, "the KCNA reported
    field" is not). Typology after the sourcing literature (Sigal 1973; Hallin 1986): official
    vs media sources, named vs anonymous.
    """
    _check_text(text, "attributions")
    original, text = text, mask_abbreviations(text.replace("\r", "\n"))  # same offsets
    sentences = sentence_spans(text)
    sentence_starts = [s for s, _ in sentences]
    found = _quote_rows(original, MAX_NAME_WORDS)
    quoted = [(q["start"], q["end"]) for q in found if q["depth"] == 0]
    quoted_starts, quoted_ends = [s for s, _ in quoted], [e for _, e in quoted]  # both ascending
    if model == "polnear":
        from analysis.framing.attributions import cue_model

        model = cue_model()
    rows, used = [], set()
    for i, q in enumerate(found):
        if q["speaker"] is not None:
            cue = (q["verb_start"], q["verb_end"])
            if cue in used:  # a second quotation of the same attribution
                continue
            rows.append(((q["speaker_start"], q["speaker_end"]), cue, "quote", i))
            used.add(cue)
    # sources found so far: those starting at or before the current cue reach up to ``reach``
    # (cues come in text order), the others wait in a heap by start
    waiting, reach = [speaker for speaker, *_ in rows], 0
    heapq.heapify(waiting)
    if model:
        for cue, source, _ in model.predict(original):
            if cue in used:
                continue
            rows.append((source, cue, "cue", None))
    for cue in () if model else _ATTRIBUTION_CUE.finditer(text):
        if cue.span() in used or _inside(quoted, quoted_starts, cue.start()):
            continue
        if text[max(cue.start() - 3, 0) : cue.start()] == "to ":  # "continued to say": no subject here
            continue
        while waiting and waiting[0][0] <= cue.start():
            reach = max(reach, heapq.heappop(waiting)[1])
        if cue.start() < reach:  # inside a source: "according to reports that ..."
            continue
        _, sent_end = _context(text, sentence_starts, sentences, cue.start())
        if cue["forward"]:
            source = _phrase_after(text, cue.end(), sent_end, long=True)
            head = [w.lower() for w in _WORD.findall(text[source[0] : source[1]])] if source else []
            head = [w for w in head if w not in _DETERMINERS][:1]
            if not head or head[0] in _NOT_A_SOURCE:
                continue
        elif _NOUN_USE.match(text, cue.end()) and cue.group().endswith("s"):
            continue
        else:
            sent_start = _context(text, sentence_starts, sentences, cue.start())[0]
            before = bisect.bisect_right(quoted_ends, cue.start())  # quotations closed before it
            lo = max(sent_start, quoted_ends[before - 1] if before else 0)
            source = _phrase_before(text, lo, cue.start())
            if source is None and text[lo : cue.start()].rstrip()[-1:] in (",", "”", '"'):
                source = _phrase_after(text, cue.end(), sent_end)
        if source is not None:
            rows.append((source, cue.span(), "cue", None))
            heapq.heappush(waiting, source)
    records = [_attribution_row(original, *row, sentence_starts, sentences, source_types) for row in rows]
    records.sort(key=lambda r: r["start"])
    frame = _frame(records, ATTRIBUTION_COLUMNS, _ATTRIBUTION_DTYPES)
    frame.attrs.update(instrument="analysis.framing.attributions", source_types=dict(source_types or SOURCE_TYPES))
    return frame


def _attribution_row(text, source, cue, via, quote, sentence_starts, sentences, types) -> dict:
    sentence = max(bisect.bisect_right(sentence_starts, cue[0]) - 1, 0)
    written = text[source[0] : source[1]]
    return {
        "source": written, "source_start": source[0], "source_end": source[1],
        "cue": " ".join(text[cue[0] : cue[1]].split()), "cue_start": cue[0], "cue_end": cue[1],
        "start": min(source[0], cue[0]), "end": max(source[1], cue[1]),
        "sentence": sentence, "sentence_start": sentences[sentence][0], "sentence_end": sentences[sentence][1],
        "named": is_named(written), "source_type": source_type(written, types), "via": via, "quote": quote,
        **dict(zip(("source_class", "source_role", "source_name"), source_class(written, types))),
    }
