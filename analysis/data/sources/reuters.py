"""Reuters-21578, Distribution 1.0: 21,578 Reuters newswire items of 1987 (Lewis 1997).

The 22 SGML files (``0.sgm`` ... ``21.sgm`` in the github.com/jakecyr/TextClassification copy,
i.e. ``reut2-000`` ... ``reut2-021``) are not well-formed XML, so :func:`parse_sgml` reads them
with regular expressions, one ``<REUTERS ...> ... </REUTERS>`` element at a time. Every item is
kept: ``text_type`` is the ``<TEXT TYPE=...>`` attribute,

* ``NORM`` (no TYPE attribute; 19,043 items): TITLE, DATELINE and BODY are tagged;
  ``text`` is the BODY, ``has_body`` is True;
* ``BRIEF`` (1,798): a headline only; ``text`` is "" and ``has_body`` False;
* ``UNPROC`` (737): an untagged story; ``text`` is the whole TEXT content, ``title`` is None and
  ``has_body`` False (NEWID 12793 is empty).

Cleaning: character references are unescaped (``&lt;`` -> ``<``), the wire's control characters
(``&#2;``, ``&#3;``, ``&#5;`` ...) are removed, the sign-off "Reuter"/"REUTER" at the end of the
text is stripped, and the indented lines of the wire copy become paragraphs separated by a blank
line (lines inside a paragraph are joined). ``date`` is the DATE field to the second; item
NEWID 17192 has the impossible time "605:12:19", so only its day is kept. Its DATE of NEWID 15370
was "added by S Finch as guesswork" (a comment in the file). File ``17.sgm`` has one byte that is
not ASCII (0xFC, inside the body of NEWID 17980); it is decoded as U+FFFD.

Columns besides the corpus ones: ``newid`` (int), ``lewissplit`` (TRAIN/TEST/NOT-USED),
``cgisplit``, ``topics_attr`` (the TOPICS attribute YES/NO/BYPASS, needed for the ModApte split
together with ``lewissplit``), ``topics`` and ``places`` (lists of category codes),
``dateline``, ``text_type``, ``has_body``.

Reference: Lewis, D. D. (1997). Reuters-21578 text categorization test collection,
Distribution 1.0. AT&T Labs - Research.
"""

from __future__ import annotations

import html
import re
from datetime import datetime

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

OUTLET = "Reuters"

_ITEM = re.compile(r"<REUTERS\b([^>]*)>(.*?)</REUTERS>", re.S)
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
_DATE = re.compile(r"<DATE>(.*?)</DATE>", re.S)
_DATE_VALUE = re.compile(r"(\d{1,2}-[A-Z]{3}-\d{4})\s+(\d+):(\d{2}):(\d{2})")
_TEXT = re.compile(r"<TEXT\b([^>]*)>(.*?)</TEXT>", re.S)
_TITLE = re.compile(r"<TITLE>(.*?)</TITLE>", re.S)
_DATELINE = re.compile(r"<DATELINE>(.*?)</DATELINE>", re.S)
_BODY = re.compile(r"<BODY>(.*?)</BODY>", re.S)
_D = re.compile(r"<D>(.*?)</D>", re.S)
_CODES = {field: re.compile(rf"<{field}>(.*?)</{field}>", re.S) for field in ("TOPICS", "PLACES")}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t])")  # wire copy indents each new paragraph


def _clean(fragment: str) -> str:
    """Unescape character references and drop control characters (keeps newlines and tabs)."""
    return _CONTROL.sub("", html.unescape(fragment))


def _strip_sign_off(text: str) -> str:
    """Drop the trailing "Reuter" sign-off (any case; a few items sign off twice)."""
    while text[-6:].lower() == "reuter" and not text[-7:-6].isalnum():
        text = text[:-6].rstrip()
    return text


def body_text(fragment: str) -> str:
    """Readable text of a BODY (or untagged TEXT): unescaped, sign-off stripped, paragraphs kept."""
    text = _strip_sign_off(_clean(fragment).strip())
    paragraphs = (" ".join(p.split()) for p in _PARAGRAPH_BREAK.split(text))
    return "\n\n".join(p for p in paragraphs if p)


def _codes(item: str, field: str) -> list[str]:
    match = _CODES[field].search(item)
    return [_clean(code).strip() for code in _D.findall(match.group(1))] if match else []


def _timestamp(value: str, newid: int) -> datetime:
    match = _DATE_VALUE.search(value)
    if not match:
        raise ValueError(f"NEWID {newid}: DATE {value!r} is not DD-MON-YYYY HH:MM:SS")
    day, hour, minute, second = match.groups()
    date = datetime.strptime(day, "%d-%b-%Y")
    if int(hour) > 23:  # NEWID 17192: "605:12:19.12"; keep the day only
        return date
    return date.replace(hour=int(hour), minute=int(minute), second=int(second))


def parse_sgml(sgml: str) -> list[dict]:
    """One dict per ``<REUTERS>`` element of a Reuters-21578 SGML file, in file order.

    ``parse_sgml(sgml)`` returns the columns described in the module docstring, ``date`` as a
    :class:`datetime.datetime`. Raises ``ValueError`` naming the NEWID when an item has
    no DATE or TEXT element.
    """
    rows = []
    for match in _ITEM.finditer(sgml):
        attributes = dict(_ATTRIBUTE.findall(match.group(1)))
        item = match.group(2)
        newid = int(attributes["NEWID"])
        date, text_element = _DATE.search(item), _TEXT.search(item)
        if not (date and text_element):
            raise ValueError(f"NEWID {newid}: expected <DATE> and <TEXT> elements")
        text_type = dict(_ATTRIBUTE.findall(text_element.group(1))).get("TYPE", "NORM")
        content = text_element.group(2)
        title, dateline, body = (p.search(content) for p in (_TITLE, _DATELINE, _BODY))
        if body:
            text = body_text(body.group(1))
        elif text_type == "UNPROC":
            text = body_text(content)
        else:
            text = ""
        rows.append(
            {
                "doc_id": f"reuters-{newid}",
                "outlet": OUTLET,
                "date": _timestamp(_clean(date.group(1)), newid),
                "title": " ".join(_clean(title.group(1)).split()) if title else None,
                "text": text,
                "newid": newid,
                "lewissplit": attributes.get("LEWISSPLIT"),
                "cgisplit": attributes.get("CGISPLIT"),
                "topics_attr": attributes.get("TOPICS"),
                "topics": _codes(item, "TOPICS"),
                "places": _codes(item, "PLACES"),
                "dateline": _clean(dateline.group(1)).strip(" \n-") if dateline else None,
                "text_type": text_type,
                "has_body": body is not None,
            }
        )
    return rows


def _parsed() -> pd.DataFrame:
    rows = []
    for path in fetch_dataset("reuters-21578").values():
        rows += parse_sgml(path.read_bytes().decode("utf-8", errors="replace"))
    frame = pd.DataFrame(rows)
    frame["date"] = frame["date"].astype("datetime64[us]")
    return frame.sort_values("newid", ignore_index=True)


@register("reuters-21578", "reuters-21578")
def load_reuters(accept_licence: bool = False) -> pd.DataFrame:
    """Reuters-21578 (1987 newswire): 21,578 items, 19,043 with a body (``has_body``)."""
    return _parsed()
