"""KCNA (Korean Central News Agency) English service, December 2023 - November 2024.

The source is one scraped JSON list (github.com/stiles/north-korea-news,
``headlines_2024-11-11.json``) of 2,111 items with ``topic``, ``headline``, ``link``, ``date``
(epoch milliseconds, midnight UTC), ``date_str`` and ``story_text``. The scrape lists a story once
per topic page it appeared on ("Top News", "Latest News", "External", ...), often under a different
link, so most stories occur two to six times.

De-duplication (:func:`deduplicate`): two items are the same story when

* their texts are equal after normalisation (whitespace collapsed, curly quotes straightened,
  case folded) and they carry the same date, or, for items without text, their cleaned headlines
  are equal and they carry the same date; or
* they have the same link (KCNA revised some stories in place: same link, reworded headline and
  text; 20 such groups in this file).

Stories are the connected groups of that relation. Each keeps the text version seen most often
(ties: the longer), with every topic in ``topics``, every link in ``links``, the number of items
in ``n_copies`` and the number of distinct texts in ``n_versions``. ``df.attrs["deduplication"]``
records the counts. Photo and video items have no text: they are kept as rows with
``has_text=False`` (``kind`` is "photo" or "video"), never dropped.

Cleaning (:func:`clean_story`): the dateline ("Pyongyang, December 24 (KCNA) --") moves to the
``dateline`` column (historical anecdotes have none), the sign-off " -0-" is removed, and lines
become paragraphs separated by a blank line. The scrape lost the spaces around the leaders' names,
which the site sets in a separate element ("ComradeKim Jong Unvisited"); a space is put back
between a letter or digit and "Kim Il Sung", "Kim Jong Il" or "Kim Jong Un". Headlines lose their
trailing "[Juche113.2.11.]" date tags.

``about_russia`` is True when the headline or text contains Russia, Russian(s), Putin or Moscow
as a whole word (case-insensitive); "Soviet" and "USSR" do not count.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

OUTLET = "KCNA"

_LEADERS = "Kim Il Sung|Kim Jong Il|Kim Jong Un"  # all eleven characters: valid look-behind
_GLUED_LEADER = re.compile(rf"(?<=[^\W_])(?={_LEADERS})|(?<={_LEADERS})(?=[^\W_])")
_DATELINE = re.compile(r"^([^\n]{1,80}?\(KCNA\))\s*[-–—]+\s*")
_SIGN_OFF = re.compile(r"\s*-0-\s*$")
_DATE_TAG = re.compile(r"\s*\[(?:Juche\s*\d+|\d{4})\.\d{1,2}\.\d{1,2}\.?\]\s*$")
_SPACES = re.compile(r"[^\S\n]+")  # whitespace other than newlines
_ABOUT_RUSSIA = re.compile(r"\b(?:Russia|Russians?|Putin|Moscow)\b", re.I)
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})
_KIND = re.compile(r"/en/(?:media/)?(article|photo|video)/")


def _normalise(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split()).casefold()


def clean_headline(headline: str) -> str:
    """Headline without the trailing "[Juche113.2.11.]" / "[2024.11.01.]" tag, spaces collapsed."""
    return " ".join(_GLUED_LEADER.sub(" ", _DATE_TAG.sub("", headline)).split())


def clean_story(text: str) -> tuple[str | None, str]:
    """``(dateline, body)`` of a KCNA story text.

    ``clean_story(text)``: the dateline is the opening "<Place>, <Month> <day> (KCNA)" before the
    dash ("--" or "–"), or None; the body has the " -0-" sign-off removed, spaces restored around
    the leaders' names (see the module docstring) and one paragraph per non-empty input line,
    separated by a blank line.
    """
    text = _GLUED_LEADER.sub(" ", text.strip())
    dateline = _DATELINE.match(text)
    if dateline:
        text = text[dateline.end() :]
    text = _SIGN_OFF.sub("", text)
    paragraphs = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return (dateline.group(1) if dateline else None), "\n\n".join(p for p in paragraphs if p)


def _story_key(item: dict) -> str:
    """Identity of an item's content: normalised text and date; headline and date without text."""
    if item["story_text"].strip():
        return f"text|{item['date_str']}|{_normalise(item['story_text'])}"
    return f"headline|{item['date_str']}|{_normalise(clean_headline(item['headline']))}"


def deduplicate(items: list[dict]) -> list[list[int]]:
    """Groups of item indices that are one story (equal content key and date, or same link).

    ``deduplicate(items)`` takes the raw JSON records and returns the connected groups of the
    relation described in the module docstring, each in file order, groups ordered by their first
    item. Union-find over the two keys.
    """
    parent = list(range(len(items)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_seen: dict[str, int] = {}
    for i, item in enumerate(items):
        for key in (_story_key(item), "link|" + item["link"]):
            if key in first_seen:
                parent[root(i)] = root(first_seen[key])
            else:
                first_seen[key] = i
    groups: dict[int, list[int]] = {}
    for i in range(len(items)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: group[0])


def _story_row(copies: list[dict]) -> dict:
    versions = Counter(_normalise(c["story_text"]) for c in copies if c["story_text"].strip())
    if versions:  # the version seen most often, ties broken by length
        best = max(versions, key=lambda v: (versions[v], len(v)))
        chosen = next(c for c in copies if _normalise(c["story_text"]) == best)
    else:
        chosen = copies[0]
    dateline, text = clean_story(chosen["story_text"])
    title = clean_headline(chosen["headline"])
    key = _story_key(chosen)
    return {
        "doc_id": "kcna-" + hashlib.sha1(key.encode()).hexdigest()[:12],
        "outlet": OUTLET,
        "date": chosen["date_str"],
        "title": title,
        "dateline": dateline,
        "text": text,
        "has_text": bool(text),
        "kind": _KIND.search(chosen["link"]).group(1),
        "topics": list(dict.fromkeys(c["topic"] for c in copies)),
        "links": list(dict.fromkeys(c["link"] for c in copies)),
        "n_copies": len(copies),
        "n_versions": len(versions),
        "about_russia": bool(_ABOUT_RUSSIA.search(title) or _ABOUT_RUSSIA.search(text)),
    }


def _parsed() -> pd.DataFrame:
    (path,) = fetch_dataset("kcna-2024").values()
    with open(path, encoding="utf-8") as handle:
        items = json.load(handle)
    groups = deduplicate(items)
    frame = pd.DataFrame([_story_row([items[i] for i in group]) for group in groups])
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame.attrs["deduplication"] = {
        "items_in_file": len(items),
        "stories": len(frame),
        "copies_merged": len(items) - len(frame),
        "stories_without_text": int((~frame["has_text"]).sum()),
        "rule": "same normalised text (or, without text, headline) and date, or same link",
    }
    return frame.sort_values(["date", "doc_id"], ignore_index=True)


@register("kcna-2024", "kcna-2024")
def load_kcna(accept_licence: bool = False) -> pd.DataFrame:
    """KCNA English stories Dec 2023 - Nov 2024, de-duplicated; photo/video rows kept."""
    return _parsed()
