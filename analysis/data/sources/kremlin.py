"""President of Russia, English news pages (en.kremlin.ru, wget mirror of August 2020).

Two manifest datasets hold the pages: ``kremlin-korea`` (every news page mentioning Korea, the
DPRK, Pyongyang or Kim Jong; 192 pages, 2000-2020) and ``kremlin-2019-2020`` (the other news
pages of 2019-2020; 1,184 pages). Their URLs do not overlap (a page listed in both would still be
one row). Each page is one row of the corpus ``kremlin``: ``korea`` says whether it is in the
Korea dataset and ``in_2019_2020`` whether it was published in 2019 or 2020 (the same-period
baseline; it includes the 39 Korea pages of those years). One page (62778) has photos only and
an empty ``text``.

Each page is parsed with the standard library's :class:`html.parser.HTMLParser` by
:func:`html_to_text`: the title is the ``<h1 class="entry-title">``, the date is
``<time class="read__published" datetime=...>`` (announcement pages lack it; their
"Publication date" in the page footer is used instead), the body is the markup between the
``read__internal_content`` element and the ``read__bottommeta`` element, without photo sliders,
captions, video players, "see also" boxes and person tooltips (all marked ``masha-ignore`` or
``hidden`` by the site). The one-sentence summary above the body is the ``lead`` column, the
place line (where given) the ``place`` column.

Caveat: page ``63123`` carries one byte that is not UTF-8 (``de\\xe3lared``); it is decoded as
U+FFFD, the replacement character, rather than guessed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

OUTLET = "President of Russia (en.kremlin.ru)"
URL_PREFIX = "http://en.kremlin.ru/events/president/news/"

_BLOCK_TAGS = frozenset(
    "address article blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header "
    "hr li ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset("head nav noscript script style template".split())
_VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())
_WHITESPACE = re.compile(r"\s+")  # in str patterns \s includes the no-break space U+00A0

_PAGE_ID = re.compile(r"/news/(\d+)\.html$")
_TITLE = re.compile(r'<h1 class="entry-title[^"]*"[^>]*>(.*?)</h1>', re.S)
_PUBLISHED = re.compile(r'<time class="read__published" datetime="(\d{4}-\d{2}-\d{2})"')
_PUBLICATION_DATE = re.compile(r'Publication date:\s*<time datetime="(\d{4}-\d{2}-\d{2})"')
_LEAD = re.compile(r'<div class="read__lead[^"]*"[^>]*>(.*?)<div class="read__meta"', re.S)
_PLACE = re.compile(r'<div class="read__place[^"]*">(.*?)</div>', re.S)
_BODY_START = re.compile(r'<div[^>]*\bread__internal_content\b[^>]*>')
_BODY_END = re.compile(r'<div[^>]*\bread__bottommeta\b')

_SITE_SKIP_CLASSES = frozenset({"masha-ignore", "hidden"})


class _TextExtractor(HTMLParser):
    """Collects text as paragraphs; block elements end a paragraph, skipped elements vanish."""

    def __init__(self, skip_classes: frozenset[str]):
        super().__init__(convert_charrefs=True)  # entities (&amp;, &nbsp;, &#8217;) unescaped
        self._skip_classes = skip_classes
        self._skipping: list | None = None  # [tag, nesting depth] of the element being skipped
        self._paragraphs: list[list[str]] = [[]]

    def handle_starttag(self, tag, attrs):
        if self._skipping:
            if tag == self._skipping[0]:
                self._skipping[1] += 1
            return
        classes = set((dict(attrs).get("class") or "").split())
        if tag in _SKIP_TAGS or classes & self._skip_classes:
            if tag not in _VOID_TAGS:
                self._skipping = [tag, 1]
        elif tag in _BLOCK_TAGS:
            self._end_paragraph()

    def handle_endtag(self, tag):
        if self._skipping:
            if tag == self._skipping[0]:
                self._skipping[1] -= 1
                if self._skipping[1] == 0:
                    self._skipping = None
        elif tag in _BLOCK_TAGS:
            self._end_paragraph()

    def handle_data(self, data):
        if not self._skipping:
            self._paragraphs[-1].append(data)

    def _end_paragraph(self):
        if self._paragraphs[-1]:
            self._paragraphs.append([])

    def text(self) -> str:
        paragraphs = (_WHITESPACE.sub(" ", "".join(p)).strip() for p in self._paragraphs)
        return "\n\n".join(p for p in paragraphs if p)


def html_to_text(html: str, skip_classes: frozenset[str] = frozenset()) -> str:
    """Readable text of an HTML fragment, paragraphs separated by a blank line.

    ``html_to_text(html, skip_classes=frozenset())`` uses the standard library's
    :class:`html.parser.HTMLParser`, which tolerates unclosed and stray tags. Block elements
    (``p``, ``div``, ``br``, ``li``, headings, ...) end a paragraph; inline elements (``b``, ``a``,
    ``span``) join their neighbours as written. The content of ``script``, ``style``, ``nav``,
    ``head``, ``noscript`` and ``template`` is dropped, and so is every element whose ``class``
    attribute contains one of ``skip_classes``. Entities are unescaped; runs of whitespace,
    including the no-break space, become one space. Comments are dropped.
    """
    parser = _TextExtractor(skip_classes)
    parser.feed(html)
    parser.close()
    return parser.text()


def parse_page(html: str, source: str = "<page>") -> dict:
    """Fields of one en.kremlin.ru news page: title, date, lead, place, text.

    ``parse_page(html, source="<page>")`` raises ``ValueError`` naming ``source`` when the page
    has no ``entry-title`` heading, no body markers or no date, i.e. is not a news page of the
    2020 site layout. ``date`` is an ISO ``YYYY-MM-DD`` string; ``lead`` and ``place`` are None
    when the page has none.
    """
    title, start, end = _TITLE.search(html), _BODY_START.search(html), _BODY_END.search(html)
    date = _PUBLISHED.search(html) or _PUBLICATION_DATE.search(html)
    if not (title and start and end and date) or end.start() < start.end():
        raise ValueError(
            f"{source}: not an en.kremlin.ru news page (expected an entry-title <h1>, a "
            "read__internal_content ... read__bottommeta body and a publication date)"
        )
    lead, place = _LEAD.search(html), _PLACE.search(html)
    return {
        "title": html_to_text(title.group(1)),
        "date": date.group(1),
        "lead": (html_to_text(lead.group(1)) or None) if lead else None,
        "place": (html_to_text(place.group(1)) or None) if place else None,
        "text": html_to_text(html[start.end() : end.start()], _SITE_SKIP_CLASSES),
    }


def _parsed() -> pd.DataFrame:
    korea = fetch_dataset("kremlin-korea")
    pages = {**fetch_dataset("kremlin-2019-2020"), **korea}  # keyed by URL: one row per page
    rows = []
    for url, path in pages.items():
        page_id = _PAGE_ID.search(url).group(1)
        html = path.read_bytes().decode("utf-8", errors="replace")
        rows.append(
            {"doc_id": f"kremlin-{page_id}", "outlet": OUTLET, **parse_page(html, str(path)),
             "url": URL_PREFIX + page_id, "korea": url in korea}
        )
    frame = pd.DataFrame(rows)
    frame["date"] = pd.to_datetime(frame["date"], format="%Y-%m-%d")
    frame["in_2019_2020"] = frame["date"].dt.year.isin([2019, 2020])
    columns = ["doc_id", "outlet", "date", "title", "lead", "place", "text", "url", "korea",
               "in_2019_2020"]
    return frame[columns].sort_values(["date", "doc_id"], ignore_index=True)


@register("kremlin", "kremlin-korea", "kremlin-2019-2020")
def load_kremlin(accept_licence: bool = False) -> pd.DataFrame:
    """Kremlin English news pages (2000-2020): 1,376, 192 on Korea, 1,223 of 2019-20."""
    return _parsed()
