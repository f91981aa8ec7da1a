"""Guardian, BBC News and CNN RSS items of April-May 2020 (RSS-Link-Database-2020).

The source (github.com/rumca-js/RSS-Link-Database-2020, commit 619a819) stores, per day, one JSON
list per feed of the items a crawler saw that day: ``source`` (the feed URL), ``title``,
``description`` (the feed's summary: HTML paragraphs, lists and a "Continue reading..." link for
the Guardian, plain text for BBC News and CNN), ``link``, ``date_published`` (UTC,
``YYYY-MM-DD hh:mm:ss+00:00``), ``language`` and the crawler's own fields (``persistent``,
``user``, two items with ``tags``; not kept). The manifest dataset ``rss-news-2020-04-05`` holds
the 149 daily files of 1 April - 31 May 2020 for three feeds: theguardian.com/rss (every
section), feeds.bbci.co.uk/news/rss.xml (BBC News top stories) and rss.cnn.com/rss/edition.rss
(CNN International top stories; 27 of the 61 days, from 5 April). These are headlines and
summaries, not articles: median summary length 17 words (BBC), 26 (CNN) and 96 (Guardian, whose
summary is the standfirst plus the opening paragraphs; up to 822 words for live blogs).

One row per item (:func:`load_rss`): ``doc_id`` (outlet plus the first 12 hex digits of the
link's sha1, stable), ``outlet`` ("Guardian", "BBC" or "CNN", from the feed file's name),
``date`` (the UTC day of ``date_published``), ``published`` (the UTC timestamp), ``title``,
``text`` (the summary, HTML stripped by :func:`strip_html`: entities decoded, block elements as
paragraphs separated by a blank line, the Guardian's trailing "Continue reading..." link and its
lists of navigation links dropped), ``has_text`` (False for the 99 items without a summary: 64 CNN
items with an empty description and 35 Guardian items, mostly cartoons and interactives, whose
summary is only links; kept, never dropped), ``link``, ``feed``
(the feed URL), ``first_seen`` (the first daily file holding the item), ``n_copies`` (how many
daily files hold it) and ``n_versions`` (distinct title/summary pairs among those copies).

De-duplication: an item the crawler saw on two days sits in both daily files; items with the same
link are one row, which keeps the copy of the earliest daily file and counts the copies. Items
with different links stay separate rows even with the same title and summary (BBC Sport's daily
"five things to do today" has one boilerplate summary under a new link each day).
``df.attrs["deduplication"]`` records the counts.

Caveats: the crawler's coverage varies by day (the CNN feed is absent on 34 days; the Guardian
file of 8 April holds 14 items against a median of 88), so daily counts measure the crawl as much as
the news; ``date`` is UTC, so a Guardian item published at 00:30 London time is dated the day
before.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from html.parser import HTMLParser

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

DATASET = "rss-news-2020-04-05"
#: Outlet by the feed file's name (the part after the day folder).
OUTLETS = {
    "https.www.theguardian.comrss_entries.json": "Guardian",
    "http.feeds.bbci.co.uknewsrss.xml_entries.json": "BBC",
    "http.rss.cnn.comrssedition.rss_entries.json": "CNN",
}
COLUMNS = ("doc_id", "outlet", "date", "published", "title", "text", "has_text", "link", "feed",
           "first_seen", "n_copies", "n_versions")

_DAY = re.compile(r"/(\d{4}-\d{2}-\d{2})/[^/]+$")
_MARKUP = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_BLOCK = frozenset("address article blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 "
                   "header hr li ol p pre section table td th tr ul".split())
_SKIP = frozenset("script style".split())
_CONTINUE = re.compile(r"^\s*continue reading\W*$", re.IGNORECASE)


class _Summary(HTMLParser):
    """Paragraphs of an RSS summary, without navigation links.

    Left out: a link whose whole text is "Continue reading...", and a paragraph or list item made of
    links only, apart from bullets and spaces (the Guardian's "Coronavirus - latest updates" / "See
    all our coronavirus coverage" lists). A paragraph with text of its own keeps its links' text.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[list[str]] = []
        self._parts: list[str] = []
        self._own_text = False  # the open paragraph has a letter or digit outside links
        self._anchor: list[str] | None = None
        self._skip = 0

    def _break(self):
        if self._parts and self._own_text:
            self.paragraphs.append(self._parts)
        self._parts, self._own_text = [], False

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self._skip += 1
        elif tag == "a":
            self._anchor = []
        elif tag in _BLOCK:
            self._break()

    def handle_startendtag(self, tag, attrs):
        if tag in _BLOCK:
            self._break()

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "a" and self._anchor is not None:
            anchor, self._anchor = "".join(self._anchor), None
            if not _CONTINUE.match(anchor):
                self._parts.append(anchor)
        elif tag in _BLOCK:
            self._break()

    def handle_data(self, data):
        if self._skip:
            return
        if self._anchor is not None:
            self._anchor.append(data)
        else:
            self._parts.append(data)
            self._own_text |= any(ch.isalnum() for ch in data)

    def close(self):
        if self._anchor is not None:  # an <a> never closed: its text counts as the paragraph's own
            self._parts.append("".join(self._anchor))
            self._own_text |= any(ch.isalnum() for ch in self._parts[-1])
            self._anchor = None
        super().close()
        self._break()


def strip_html(value) -> str:
    """``strip_html(value)``: the plain text of an RSS title or summary.

    Markup (anything that looks like a tag) is parsed with the standard library's
    :class:`html.parser.HTMLParser`: entities decoded, ``<p>``, ``<li>``, ``<br>`` and other block
    elements end a paragraph, paragraphs are joined by a blank line, whitespace inside a paragraph
    collapses to single spaces (the no-break space included), scripts and styles vanish, and a link
    whose text is only "Continue reading..." (the Guardian's feed) is dropped, as is a paragraph or
    list item made of links only (the Guardian's "See all our coronavirus coverage" navigation).
    Text without markup
    only has its entities decoded and whitespace collapsed (so "Simon & Garfunkel" and "a < b"
    survive). ``None``/NaN give ``""``.
    """
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if _MARKUP.search(text):
        parser = _Summary()
        parser.feed(text)
        parser.close()
        paragraphs = [" ".join("".join(p).split()) for p in parser.paragraphs]
    else:
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", html.unescape(text))]
    return "\n\n".join(p for p in paragraphs if p)


def _utc(value) -> pd.Timestamp:
    """The UTC timestamp of ``date_published`` (a naive one is taken as UTC); NaT if unreadable."""
    try:
        stamp = pd.Timestamp(value) if value else pd.NaT
    except (TypeError, ValueError):
        return pd.NaT
    if stamp is pd.NaT:
        return pd.NaT
    return stamp.tz_localize("UTC") if stamp.tzinfo is None else stamp.tz_convert("UTC")


def _items() -> list[dict]:
    items = []
    for url, path in fetch_dataset(DATASET).items():
        day = _DAY.search(url)
        name = url.rsplit("/", 1)[-1]
        if name not in OUTLETS or day is None:
            raise ValueError(f"{DATASET}: unexpected file {url} (known feeds: {sorted(OUTLETS)})")
        with open(path, encoding="utf-8") as handle:
            records = json.load(handle)
        for position, record in enumerate(records):
            items.append({**record, "_outlet": OUTLETS[name], "_day": day.group(1), "_position": position})
    return items


def _parsed() -> pd.DataFrame:
    items = _items()
    groups: dict[str, list[dict]] = {}
    for item in items:  # manifest order is by day, so the first copy is the earliest
        # an item without a link (none in this dataset) is its own group, never merged or dropped
        key = item.get("link") or f"no link: {item['_outlet']} {item['_day']} #{item['_position']}"
        groups.setdefault(key, []).append(item)
    rows = []
    for key, copies in groups.items():
        first = min(copies, key=lambda c: (c["_day"], c["_position"]))
        outlet = first["_outlet"]
        text = strip_html(first.get("description"))
        published = _utc(first.get("date_published"))
        rows.append({
            "doc_id": f"{outlet.lower()}-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12],
            "outlet": outlet,
            "date": published.tz_localize(None).normalize() if published is not pd.NaT else pd.NaT,
            "published": published,
            "title": strip_html(first.get("title")),
            "text": text,
            "has_text": bool(text),
            "link": first.get("link") or None,
            "feed": first.get("source"),
            "first_seen": first["_day"],
            "n_copies": len(copies),
            "n_versions": len({(c.get("title"), c.get("description")) for c in copies}),
        })
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[us]")
    frame["published"] = pd.to_datetime(frame["published"], utc=True)
    frame["first_seen"] = pd.to_datetime(frame["first_seen"], format="%Y-%m-%d").astype("datetime64[us]")
    if not frame["doc_id"].is_unique:  # a 12-digit sha1 prefix collision: never expected
        raise AssertionError(f"{DATASET}: doc_id collision")
    frame = frame.sort_values(["published", "doc_id"], ignore_index=True)
    frame.attrs["deduplication"] = {
        "items_in_files": len(items),
        "items": len(frame),
        "copies_merged": len(items) - len(frame),
        "items_without_text": int((~frame["has_text"]).sum()),
        "rule": "same link (the copy in the earliest daily file is kept; n_copies counts them)",
    }
    return frame


@register("rss-news-2020-04-05", DATASET)
def load_rss(accept_licence: bool = False) -> pd.DataFrame:
    """Guardian, BBC and CNN RSS items (title, summary) of April-May 2020, one row per item, de-duplicated."""
    return _parsed()
