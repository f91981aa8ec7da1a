"""Read one news article saved as scraped text (like the seed) into a clean record.

The scraped layout this parser understands (the seed, ``data/articles/*.txt``)::

    Title

    May 05, 2020                                   <- date line (several formats accepted)

    Photo caption text. **Photographer / Agency**  <- caption ending in a bold credit
    Body paragraph with [markdown links](#) ...
    Related article: [Another headline](#)         <- navigation, not text
    Body paragraph with "a quotation broken

    across a blank line” that is rejoined.
    Original url:
    <https://www.example.com/...>

Everything that is not body text (caption, credit, related-article lines, the original URL) goes
into metadata, never into ``text``. Paragraphs are kept (separated by a blank line).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

#: Outlet names for hosts we know; otherwise the host itself is the outlet.
OUTLETS = {
    "themoscowtimes.com": "The Moscow Times",
    "kremlin.ru": "Kremlin",
    "kcna.kp": "KCNA",
    "bbc.co.uk": "BBC News",
    "bbc.com": "BBC News",
    "reuters.com": "Reuters",
    "tass.com": "TASS",
}

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d", "%B %d %Y")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^)]*\))*\)")
_MD_BOLD = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_AUTOLINK = re.compile(r"^<(https?://[^>\s]+)>$")
_BARE_URL = re.compile(r"^(https?://\S+)$")
_CAPTION = re.compile(r"^(?P<caption>.*?)\s*\*\*(?P<credit>[^*]+)\*\*\s*$", re.S)
_RELATED = re.compile(r"^(?:Related article|Read more|See also)s?\s*:\s*(?P<rest>.+)$", re.I | re.S)
_ORIGINAL_URL = re.compile(r"^Original url\s*:\s*(?P<url>\S*)$", re.I)
_OPEN_QUOTES = "\"“”"  # straight and curly double quotes
_TERMINAL = tuple(".!?:;\"”’)")


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
        columns = ["doc_id", "outlet", "date", "title", "text", "url", "caption", "credit", "related", "path"]
        return pd.DataFrame([record], columns=columns)


def _parse_date(line: str) -> str | None:
    cleaned = re.sub(r"\s+", " ", line.strip()).rstrip(".")
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(cleaned, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _strip_markdown(text: str) -> str:
    text = _MD_LINK.sub(r"\1", text)
    return _MD_BOLD.sub(r"\2", text)


def _has_open_quote(paragraph: str) -> bool:
    """An odd number of double quotes: a quotation opened and not closed in this paragraph."""
    return sum(paragraph.count(q) for q in _OPEN_QUOTES) % 2 == 1


def _rejoin_broken_quotes(paragraphs: list[str]) -> list[str]:
    """Join a paragraph to the next when a blank line fell inside a quotation.

    News style opens every paragraph of a multi-paragraph quotation again with a quote mark and
    ends the previous one with punctuation, so a join happens only when the paragraph leaves a
    quote open, does not end like a sentence, and the next one does not open a quote itself.
    """
    out: list[str] = []
    for para in paragraphs:
        if (
            out
            and _has_open_quote(out[-1])
            and not out[-1].endswith(_TERMINAL)
            and not para.startswith(tuple(_OPEN_QUOTES))
        ):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


def read_article(path: str | Path, outlet: str | None = None) -> Article:
    """Parse a scraped article file into an :class:`Article` (title, ISO date, outlet, url, text).

    Steps: normalise line endings; split into paragraphs at blank lines; the first paragraph is
    the title and a following date line the date; a paragraph ending in a bold ``**credit**`` is
    the photo caption; "Related article:" lines and the "Original url:" block become metadata;
    markdown links become their text; paragraphs broken inside a quotation are rejoined.

    ``outlet`` defaults to a name looked up from the URL's host (:data:`OUTLETS`), else the host.
    Raises ``ValueError`` for an empty file; warns when no date line is found.
    """
    path = Path(path)
    raw = path.read_text(encoding="utf-8-sig")
    return parse_article(raw, outlet=outlet, path=str(path))


def parse_article(raw: str, outlet: str | None = None, path: str | None = None) -> Article:
    """:func:`read_article` on a string already read."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    blocks = [re.sub(r"\s*\n\s*", " ", b).strip() for b in _PARAGRAPH_BREAK.split(raw)]
    blocks = [b for b in blocks if b]
    if not blocks:
        raise ValueError(f"{path or 'article'} is empty: expected a title, a date line and a body")

    title = _strip_markdown(blocks.pop(0))
    date = _parse_date(blocks[0]) if blocks else None
    if date:
        blocks.pop(0)
    else:
        warnings.warn(f"{path or 'article'}: no date line after the title; date is None", stacklevel=2)

    url = caption = credit = None
    related: list[str] = []
    body: list[str] = []
    expecting_url = False
    for block in blocks:
        original = _ORIGINAL_URL.match(block)
        link = _AUTOLINK.match(block) or _BARE_URL.match(block)
        if original:
            url = original["url"] or None
            expecting_url = url is None
        elif expecting_url and link:
            url, expecting_url = link[1], False
        elif (m := _RELATED.match(block)) is not None:
            related.append(_strip_markdown(m["rest"]).strip())
        elif not body and caption is None and (m := _CAPTION.match(block)) is not None:
            caption, credit = _strip_markdown(m["caption"]).strip(), m["credit"].strip()
        else:
            body.append(_strip_markdown(block))

    paragraphs = _rejoin_broken_quotes(body)
    if outlet is None:
        host = urlsplit(url).netloc.removeprefix("www.") if url else ""
        outlet = OUTLETS.get(host, host or "unknown")
    return Article(
        title=title,
        date=date,
        outlet=outlet,
        url=url,
        text="\n\n".join(paragraphs),
        paragraphs=paragraphs,
        caption=caption,
        credit=credit,
        related=related,
        path=path,
    )
