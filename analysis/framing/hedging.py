"""Hedging, speculation, absence of evidence and certainty markers, as spans.

A lexical instrument: :func:`hedging` finds every marker of :data:`HEDGING_LEXICON` in a text
(one row per marker, with its category, span, sentence and whether it stands inside quotation
marks); :func:`hedging_summary` counts them per category and per 1,000 word tokens.

The categories and cue lists follow the lexical hedging literature: Hyland (1998), *Hedging in
Scientific Research Articles* (John Benjamins) for hedges (epistemic modals, lexical verbs
"appear", "suggest", adverbs "possibly", "reportedly") and their opposite, boosters ("clearly",
"undoubtedly", "confirmed"); the CoNLL-2010 shared task on hedge cue detection (Farkas, Vincze,
Móra, Csirik & Szarvas 2010, "The CoNLL-2010 shared task: learning to detect hedges and their
scope in natural language text", CoNLL) for the Wikipedia "weasel" and speculation cues
("rumours", "is believed to", "unconfirmed"). The category "absence/uncertainty of evidence" is
ours, for news: markers of what the writer could not see or verify ("no sighting", "could not be
verified", "unclear", "declined to comment").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

import pandas as pd

from analysis.framing import _caseless
from analysis.framing.quotes import MAX_NAME_WORDS, _check_text, _frame, _quote_rows
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
_WHITESPACE = r"\s+"  # what a space in a lexicon entry stands for
COLUMNS = ["marker", "category", "start", "end", "sentence", "in_quote"]
_DTYPES = {"marker": object, "category": object, "start": "int64", "end": "int64", "sentence": "int64",
           "in_quote": "bool"}
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


def hedging(text: str, lexicon: Mapping[str, Iterable[str]] | None = None) -> pd.DataFrame:
    """Hedging, speculation, absence-of-evidence and certainty markers in ``text``.

    One row per marker: ``marker`` (as written), ``category`` (a key of ``lexicon``, default
    :data:`HEDGING_LEXICON`: "hedge", "speculation", "absence/uncertainty of evidence",
    "certainty"), ``start``/``end``, ``sentence`` (index into
    :func:`analysis.tokenize.sentence_spans`) and ``in_quote`` (inside a quotation found by
    :func:`analysis.framing.quotes.quotes`: the speaker's hedge, not the writer's).

    Method: one compiled alternation of the lexicon's regular expressions, case-insensitive,
    whole words, leftmost match first and, at one position, the first category and entry in
    lexicon order; matches do not overlap. Lexicon after Hyland (1998, *Hedging in Scientific
    Research Articles*) and the CoNLL-2010 hedge-cue task (Farkas et al. 2010, CoNLL).

    Caveats: a lexicon sees no scope or sense: "could" in "he could attend" (ability) and
    "confirmed" in "confirmed their intention" count; "may" is read only in lower case (so
    "May 9" is no hedge, nor is a sentence-initial "May"); negation outside the listed phrases
    ("not likely") is not inverted.
    """
    _check_text(text, "hedging")
    pattern, category_of = _compile(_frozen(lexicon))
    sentences = sentence_spans(text)
    sentence_starts = [s for s, _ in sentences]
    quoted = [(q["start"], q["end"]) for q in _quote_rows(text, MAX_NAME_WORDS) if q["depth"] == 0]
    quoted_starts = [s for s, _ in quoted]
    rows = []
    for m in _caseless.finditer(pattern, text):
        q = bisect.bisect_right(quoted_starts, m.start()) - 1
        rows.append({
            "marker": m.group(), "category": category_of[m.lastgroup], "start": m.start(), "end": m.end(),
            "sentence": max(bisect.bisect_right(sentence_starts, m.start()) - 1, 0),
            "in_quote": q >= 0 and m.end() <= quoted[q][1],
        })
    frame = _frame(rows, COLUMNS, _DTYPES)
    frame.attrs.update(instrument="analysis.framing.hedging", lexicon=dict(_frozen(lexicon)))
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
    markers = hedging(text, lexicon)
    n_tokens = sum(any(c.isalnum() for c in text[s:e]) for s, e in token_spans(text))
    categories = [category for category, _ in _frozen(lexicon)]
    counts = markers.groupby("category").size().reindex(categories, fill_value=0)
    quoted = markers[markers["in_quote"]].groupby("category").size().reindex(categories, fill_value=0)
    frame = pd.DataFrame({
        "category": categories, "count": counts.to_numpy(), "quoted": quoted.to_numpy(), "tokens": n_tokens,
        "per_1000": counts.to_numpy() * 1000 / n_tokens if n_tokens else float("nan"),
    })
    frame.attrs.update(markers.attrs)
    return frame
