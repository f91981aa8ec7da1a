"""Read one news article (scraped text like the seed, plain text, or an HTML page) into a clean record.

The scraped layout this parser understands (the seed, ``data/articles/*.txt``)::

    Title

    Standfirst: one short paragraph under the headline   <- optional, before a byline/date line
    By Jane Doe                                          <- byline (optional)
    Sunday, October 9, 2016                              <- date line (any common news form)
    Outlet: The Example Times                            <- optional metadata line

    Photo caption text. **Photographer / Agency**  <- caption ending in a bold credit
    MOSCOW — Body paragraph with [markdown links](#)     <- "MOSCOW —" is the dateline
    Related article: [Another headline](#)         <- navigation, not text
    Body paragraph with "a quotation broken

    across a blank line” that is rejoined.
    Original url:
    <https://www.example.com/...>

Everything that is not body text (standfirst, byline, date, caption, credit, related-article
lines, the original URL) goes into metadata, never into ``text``. Paragraphs are kept (separated
by a blank line). A file whose first paragraph does not look like a headline (a single
paragraph, a paragraph longer than 200 characters or holding more than one sentence, or one that
opens with a dateline) is read as body only, with an empty title. The dateline ("MOSCOW —",
"WASHINGTON (Reuters) -") is recorded in ``dateline`` and stays in the text, as the outlet
printed it.

HTML pages (``.html``/``.htm``, or text that opens like an HTML document) are read with
trafilatura (Barbaresi 2021, ACL demo): its main-text extraction gives the body and its metadata
the title, date, author (byline), description (standfirst), site name (outlet) and URL.

Every pattern here is linear in the length of the input (no pattern can rescan a run of text
from each of its positions): tested with size-doubling runs on 40 KB of spaces and on
``"[a]("`` repeated.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

__all__ = [
    "DATEPARSER_SETTINGS", "OUTLETS", "Article", "ArticleDecodeError", "decode", "parse_article", "parse_date",
    "parse_html", "read_article",
]

#: Outlet names for hosts we know (a subdomain such as ``en.kremlin.ru`` finds its parent);
#: otherwise the outlet comes from the article's metadata, else the host itself.
OUTLETS = {
    "themoscowtimes.com": "The Moscow Times",
    "kremlin.ru": "Kremlin",
    "kcna.kp": "KCNA",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "reuters.com": "Reuters",
    "tass.com": "TASS",
}

#: Formats tried before the general date parser (quick, and the seed's own form).
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
#: dateparser settings that never depend on today's date: absolute dates only, day, month and
#: year all required, US month-day order for numeric forms, a fixed base for missing parts.
DATEPARSER_SETTINGS = {
    "PARSERS": ["absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "RELATIVE_BASE": datetime(2000, 1, 1),
    "PREFER_DAY_OF_MONTH": "first",
    "DATE_ORDER": "MDY",
    "RETURN_AS_TIMEZONE_AWARE": False,
}
_MAX_DATE_LINE = 80  # characters: a longer paragraph is never a date line
_DATE_PREFIX = re.compile(
    r"^(?:(?:last\s+)?updated|published|posted|first\s+published|date)\b\s*(?:on\s*)?[:\-–—]?\s*", re.I
)
_HEADER_BLOCKS = 4  # a byline, date, standfirst or metadata line is looked for this far down
_MAX_TITLE = 200
_MAX_STANDFIRST = 400
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
_BYLINE = re.compile(r"^By\s+(?P<byline>[A-Z][^\n]{1,150})$")
_METADATA = re.compile(r"^(?:Outlet|Publisher|Source|Publication)\s*:\s*(?P<outlet>[^\n]{1,80})$", re.I)
#: "MOSCOW —", "WASHINGTON (Reuters) -", "PYONGYANG, May 5 (KCNA) --": capitals, then a dash.
_DATELINE = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'’]*(?:[ \-][A-Z][A-Z.'’]*){0,4}(?:,[ A-Za-z.0-9]{1,30})?"
    r"(?: ?\([A-Za-z .&-]{1,30}\))?) ?(?:—|–|--?) ?"
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
#: ``[text](target)``: the text holds no bracket; the target no whitespace, bracket or
#: parenthesis but one level of ``(...)``. Disjoint character classes: each start fails in O(1).
_MD_LINK = re.compile(r"\[([^\[\]]*)\]\([^()\s\[\]]*(?:\([^()\s]*\)[^()\s\[\]]*)*\)")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_AUTOLINK = re.compile(r"^<(https?://[^>\s]+)>$")
_BARE_URL = re.compile(r"^(https?://\S+)$")
_RELATED = re.compile(r"^(?:Related article|Read more|See also)s?\s*:\s*(?P<rest>.+)$", re.I | re.S)
_ORIGINAL_URL = re.compile(r"^Original url\s*:\s*(?P<url>\S*)$", re.I)
_OPEN_QUOTES = "\"“”"  # straight and curly double quotes
_TERMINAL = tuple(".!?:;\"”’)")
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]{0,200}>\s*)?(?:<!doctype\s+html|<html)", re.I)


class ArticleDecodeError(ValueError):
    """The bytes of an article file are not in the encoding tried; the message names the file."""


@dataclass
class Article:
    """One article: the clean body ``text`` and everything around it as metadata."""

    title: str
    date: str | None  # ISO 8601 (YYYY-MM-DD)
    outlet: str
    url: str | None
    text: str
    paragraphs: list[str] = field(repr=False)
    caption: str | None = None
    credit: str | None = None
    related: list[str] = field(default_factory=list)
    path: str | None = None
    byline: str | None = None
    standfirst: str | None = None
    dateline: str | None = None

    @property
    def doc_id(self) -> str:
        """A stable id: the file name without extension, else a slug of the title."""
        if self.path:
            return Path(self.path).stem
        return re.sub(r"[^a-z0-9]+", "-", self.title.lower()).strip("-")[:80]

    def to_frame(self) -> pd.DataFrame:
        """A one-row tidy frame with the corpus columns (``doc_id``, ``outlet``, ``date``, ...)."""
        record = asdict(self)
        record.pop("paragraphs")
        record["doc_id"] = self.doc_id
        record["date"] = pd.to_datetime(self.date) if self.date else pd.NaT
        record["related"] = "; ".join(self.related)
        columns = ["doc_id", "outlet", "date", "title", "text", "url", "byline", "standfirst",
                   "dateline", "caption", "credit", "related", "path"]
        return pd.DataFrame([record], columns=columns)


# --- small parsers ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _dateparser():
    import dateparser  # imported on first need: it takes a few tenths of a second

    return dateparser


def parse_date(line: str) -> str | None:
    """The ISO date (``YYYY-MM-DD``) of a date line in a common news form, else None.

    Tries the seed's formats with :func:`datetime.strptime`, then ``dateparser.parse`` (Scrapinghub
    dateparser, English, :data:`DATEPARSER_SETTINGS`: absolute dates only, day, month and year
    required, so nothing depends on today's date) on the line without an "Updated:" or
    "Published" prefix. Accepts "May 05, 2020", "Oct. 9, 2016", "Sunday, October 9, 2016",
    "October 9, 2016 at 5:00 p.m. EDT", "2016-10-09T17:00:00Z"; numeric forms such as
    "9/10/2016" are read month first (US). Lines longer than 80 characters or without a digit
    are never dates; the time of day is dropped.
    """
    cleaned = " ".join(line.split()).rstrip(".")
    if not cleaned or len(cleaned) > _MAX_DATE_LINE or not any(c.isdigit() for c in cleaned):
        return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    cleaned = _DATE_PREFIX.sub("", cleaned)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # dateparser's own deprecation chatter
        parsed = _dateparser().parse(cleaned, languages=["en"], settings=DATEPARSER_SETTINGS)
    return parsed.date().isoformat() if parsed else None


def _strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _MD_BOLD.sub(r"\2", text)


def _join_lines(block: str) -> str:
    """The lines of a paragraph joined by one space, each stripped (linear; a ``\\s*\\n\\s*``
    pattern rescans a long run of spaces from each of its positions)."""
    return " ".join(part for line in block.split("\n") if (part := line.strip()))


def _caption(block: str) -> tuple[str, str] | None:
    """``(caption, credit)`` of a paragraph ending in a bold ``**credit**``, else None."""
    stripped = block.rstrip()
    if not stripped.endswith("**") or len(stripped) < 5:
        return None
    opening = stripped.rfind("**", 0, len(stripped) - 2)
    credit = stripped[opening + 2 : -2] if opening >= 0 else ""
    if opening < 0 or not credit.strip() or "*" in credit:
        return None
    return _strip_markdown(stripped[:opening]).strip(), credit.strip()


def _open_quotes(paragraph: str) -> int:
    return sum(paragraph.count(q) for q in _OPEN_QUOTES)


def _rejoin_broken_quotes(paragraphs: list[str]) -> list[str]:
    """Join a paragraph to the next when a blank line fell inside a quotation.

    News style opens every paragraph of a multi-paragraph quotation again with a quote mark and
    ends the previous one with punctuation, so a join happens only when the paragraph leaves a
    quote open (an odd number of double quotes), does not end like a sentence, and the next one
    does not open a quote itself. Linear: the quote parity of a joined paragraph is kept, not
    recounted.
    """
    groups: list[list[str]] = []
    odd: list[bool] = []
    for para in paragraphs:
        if groups and odd[-1] and not groups[-1][-1].endswith(_TERMINAL) and not para.startswith(tuple(_OPEN_QUOTES)):
            groups[-1].append(para)
            odd[-1] ^= _open_quotes(para) % 2 == 1
        else:
            groups.append([para])
            odd.append(_open_quotes(para) % 2 == 1)
    return [" ".join(group) for group in groups]


def _looks_like_title(block: str, n_blocks: int) -> bool:
    """A headline: not the only paragraph, at most 200 characters, one sentence, no dateline."""
    return (
        n_blocks > 1
        and len(block) <= _MAX_TITLE
        and not _SENTENCE_BREAK.search(block)
        and not _DATELINE.match(block)
    )


def _outlet(outlet: str | None, url: str | None, metadata: str | None) -> str:
    """The explicit ``outlet``, else a known host of ``url``, else the metadata's, else the host."""
    if outlet:
        return outlet
    host = urlsplit(url).netloc.lower().removeprefix("www.") if url else ""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        if (name := OUTLETS.get(".".join(parts[i:]))) is not None:
            return name
    return metadata or host or "unknown"


# --- reading ----------------------------------------------------------------------------------


def _suggest_encoding(data: bytes) -> str:
    """An encoding to suggest for bytes that are not UTF-8: UTF-16 when a quarter of the bytes
    are NUL, Windows-1252 when they decode with it (Western news text; a superset of Latin-1's
    printable characters), else charset-normalizer's guess."""
    sample = data[:4096]
    if sample.count(0) > len(sample) // 4:
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536]).best()
        if best is not None and best.encoding not in {"utf_8", "ascii"}:
            return best.encoding.replace("_", "-")
    except Exception:  # a suggestion only
        pass
    return "latin-1"


def decode(data: bytes, path: str | Path | None = None, encoding: str | None = None) -> str:
    """The text of an article file's bytes.

    With ``encoding`` given, decodes with it; else UTF-8 (a byte-order mark is dropped), or
    UTF-16 when the bytes open with a UTF-16 byte-order mark. Undecodable bytes raise
    :class:`ArticleDecodeError` (a ``ValueError``) naming the file, the offset and an encoding to
    pass (guessed with charset-normalizer), never a bare ``UnicodeDecodeError``.
    """
    name = str(path) if path else "article"
    if encoding is None and data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        encoding = "utf-16"
    try:
        return data.decode(encoding or "utf-8-sig")
    except LookupError as error:
        raise ArticleDecodeError(f"{name}: unknown encoding {encoding!r}") from error
    except UnicodeDecodeError as error:
        if encoding:
            raise ArticleDecodeError(
                f"{name}: byte {data[error.start]:#04x} at offset {error.start} is not valid {encoding}; "
                f"pass the file's encoding, e.g. read_article(path, encoding={_suggest_encoding(data)!r})"
            ) from error
        raise ArticleDecodeError(
            f"{name}: not UTF-8 (byte {data[error.start]:#04x} at offset {error.start}); pass the file's "
            f"encoding, e.g. read_article(path, encoding={_suggest_encoding(data)!r})"
        ) from error


def read_article(path: str | Path, outlet: str | None = None, encoding: str | None = None) -> Article:
    """Parse an article file into an :class:`Article` (title, ISO date, outlet, url, text, byline,
    standfirst, dateline, caption, credit).

    A ``.html``/``.htm`` file (or one that opens like an HTML document) is read by
    :func:`parse_html`; any other file by :func:`parse_article`: normalise line endings; split
    into paragraphs at blank lines; the first paragraph is the title when it looks like one (see
    the module docstring; else the file is body only); a date line (:func:`parse_date`), a
    "By ..." byline, an "Outlet:"/"Source:" line and a standfirst among the next paragraphs; a
    paragraph ending in a bold ``**credit**`` is the photo caption; "Related article:" lines and
    the "Original url:" block become metadata; markdown links become their text; paragraphs
    broken inside a quotation are rejoined.

    ``outlet`` defaults to a name looked up from the URL's host (:data:`OUTLETS`), else the
    outlet in the file's metadata, else the host, else "unknown". ``encoding``: the file's text
    encoding (default UTF-8; see :func:`decode` for the error an undecodable file gives). Raises
    ``ValueError`` for an empty file; warns when no date line is found.
    """
    path = Path(path)
    data = path.read_bytes()
    if path.suffix.lower() in _HTML_SUFFIXES or _HTML_START.match(data[:1024]):
        return parse_html(data if encoding is None else decode(data, path, encoding), outlet=outlet, path=str(path))
    return parse_article(decode(data, path, encoding), outlet=outlet, path=str(path))


def parse_article(raw: str, outlet: str | None = None, path: str | None = None) -> Article:
    """:func:`read_article` on a string already read (the text layout, not HTML)."""
    name = path or "article"
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [_join_lines(b) for b in _PARAGRAPH_BREAK.split(raw)]
    blocks = [b for b in blocks if b]
    if not blocks:
        raise ValueError(f"{name} is empty: expected a title, a date line and a body")

    title = _strip_markdown(blocks.pop(0)) if _looks_like_title(blocks[0], len(blocks)) else ""
    date = byline = standfirst = metadata_outlet = None
    header_end, first_is_other = 0, False  # header: optional standfirst, then date, byline, outlet
    for i, block in enumerate(blocks[:_HEADER_BLOCKS] if title else []):
        if date is None and (found := parse_date(block)) is not None:
            date = found
        elif byline is None and (m := _BYLINE.match(block)) is not None and not block.endswith((".", "!", "?")):
            byline = m["byline"].strip()
        elif metadata_outlet is None and (m := _METADATA.match(block)) is not None:
            metadata_outlet = m["outlet"].strip()
        elif i == 0 and len(block) <= _MAX_STANDFIRST:
            first_is_other = True  # a standfirst if a header line follows
            continue
        else:
            break
        header_end = i + 1
    if first_is_other and header_end > 1:
        standfirst = _strip_markdown(blocks[0])
    blocks = blocks[header_end:]
    if date is None:
        warnings.warn(f"{name}: no date line after the title; date is None", stacklevel=2)

    url = caption = credit = None
    related: list[str] = []
    body: list[str] = []
    expecting_url = after_url = False
    for block in blocks:
        original = _ORIGINAL_URL.match(block)
        link = _AUTOLINK.match(block) or _BARE_URL.match(block)
        if original:
            url = original["url"] or None
            expecting_url, after_url = url is None, True
        elif expecting_url and link:
            url, expecting_url = link[1], False
        elif (m := _RELATED.match(block)) is not None:
            related.append(_strip_markdown(m["rest"]).strip())
        elif after_url and metadata_outlet is None and (m := _METADATA.match(block)) is not None:
            metadata_outlet = m["outlet"].strip()
        elif not body and caption is None and (found := _caption(block)) is not None:
            caption, credit = found
        else:
            body.append(_strip_markdown(block))

    paragraphs = _rejoin_broken_quotes(body)
    dateline = _DATELINE.match(paragraphs[0]) if paragraphs else None
    return Article(
        title=title,
        date=date,
        outlet=_outlet(outlet, url, metadata_outlet),
        url=url,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        caption=caption,
        credit=credit,
        related=related,
        path=path,
        byline=byline,
        standfirst=standfirst,
        dateline=dateline["dateline"].strip() if dateline else None,
    )


def parse_html(html: str | bytes, outlet: str | None = None, path: str | None = None) -> Article:
    """An HTML news page as an :class:`Article`, with trafilatura (Barbaresi 2021, ACL demo).

    ``trafilatura.bare_extraction`` (comments and tables left out) gives the main text, split
    into paragraphs at its line breaks, and the page's metadata: title, date (htmldate; only a
    full ISO date is kept), author (``byline``), description (``standfirst``), site name and
    canonical URL; a first paragraph repeating the title is dropped. ``outlet``: the explicit one, else a known host of the URL (:data:`OUTLETS`),
    else the site name, else the host. Caveat: boilerplate removal is heuristic; a page with
    little prose (a photo gallery, an index page) may give an empty text, which is returned as
    it is (callers mark it). Bytes are passed to trafilatura, which detects their encoding.
    """
    import trafilatura

    name = path or "page"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, url=None
        )
    if doc is None:
        raise ValueError(f"{name}: no main text found in the HTML")
    meta = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    paragraphs = [p for line in (meta.get("text") or "").split("\n") if (p := " ".join(line.split()))]
    title = (meta.get("title") or "").strip()
    if paragraphs and title and paragraphs[0] == title:
        paragraphs.pop(0)  # the headline (<h1>) opens the main text too
    date = meta.get("date")
    date = date if isinstance(date, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else None
    url = meta.get("url") or None
    dateline = _DATELINE.match(paragraphs[0]) if paragraphs else None
    return Article(
        title=title,
        date=date,
        outlet=_outlet(outlet, url, (meta.get("sitename") or "").strip() or None),
        url=url,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        path=path,
        byline=(meta.get("author") or "").strip() or None,
        standfirst=(meta.get("description") or "").strip() or None,
        dateline=dateline["dateline"].strip() if dateline else None,
    )
