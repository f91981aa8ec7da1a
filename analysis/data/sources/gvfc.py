"""Gun Violence Frame Corpus (GVFC; Liu, Guo, Mays, Betke & Wijaya, CoNLL 2019): framed headlines.

``GVFC.zip`` holds ``GVFC_headlines_and_annotations.xlsx`` (sheet ``gun_violence_master``:
2,990 headlines of U.S. news on gun violence, 2016-2018, with columns ``news_title``,
``Q1 Relevant``, ``Q2 Focus``, ``Q3 Theme1``, ``Q3 Theme2``), the codebook
(``GVFC_codebook.docx``) and a later multimodal extension (``GVFC_extension_multimodal.csv``:
1,300 relevant headlines with article URL and lead sentences). The workbook is read in memory
with :mod:`zipfile` and :mod:`xml.etree` (no spreadsheet package needed).

Codes, from ``GVFC_codebook.docx`` ("News Framing of U.S. Gun Violence Codebook"):

* Q1 relevant to U.S. gun violence: 1 yes, 2 no (no further coding then);
* Q2 focus: 1 episodic ("one incident or event"), 2 thematic ("an ongoing problem")
  (Iyengar 1991); 99 in the data where not coded;
* Q3 theme 1 and 2 (up to two, the first-mentioned first; 99 none): see :data:`FRAMES`.

Rows: ``doc_id`` (``gvfc-<row>``, the workbook row number less the header), ``outlet`` (the web
host of the article's URL where the headline occurs exactly once in the extension file, else
empty: the 2019 workbook does not say), ``date`` (NaT: not given), ``title`` and ``text`` (both
the headline: the annotation is of headlines only), ``lead`` and ``url`` (from the extension
where matched, else empty), ``relevant`` (bool), ``focus`` ("episodic"/"thematic", empty if not
coded), ``theme1``/``theme2`` (frame names, empty for 99 or not coded), and one boolean column
per frame (True if it is theme 1 or theme 2).
"""

from __future__ import annotations

import io
import re
import zipfile
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pandas as pd

from analysis.data.fetch import fetch_dataset
from analysis.data.sources import register

DATASET = "gvfc"
WORKBOOK = "GVFC/GVFC_headlines_and_annotations.xlsx"
EXTENSION = "GVFC/GVFC_extension_multimodal.csv"
CODEBOOK = "GVFC/GVFC_codebook.docx"

#: Q3 theme codes -> frame names, in the codebook's order (its list under Q3-1/2).
FRAMES = {
    1: "Gun/2nd Amendment rights",
    2: "Gun control/regulation",
    3: "Politics",
    4: "Mental health",
    5: "School or public space safety",
    6: "Race/ethnicity",
    7: "Public opinion",
    8: "Society/culture",
    9: "Economic consequences",
}
NOT_CODED = 99  # Q2 and Q3 use 99 for "none"/not coded (Q2: the 381 irrelevant headlines, 1 more)
FOCUS = {1: "episodic", 2: "thematic"}
RELEVANT = {1: True, 2: False}

_NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_COLUMN = re.compile(r"^([A-Z]+)\d+$")


def read_xlsx_sheet(data: bytes) -> pd.DataFrame:
    """The first worksheet of an ``.xlsx`` as strings, first row as header (shared strings only).

    Enough for plain data sheets: shared-string and numeric cells; a missing cell is "".
    """
    book = zipfile.ZipFile(io.BytesIO(data))
    strings = [
        "".join(t.text or "" for t in si.iter(f"{{{_NS['x']}}}t"))
        for si in ElementTree.fromstring(book.read("xl/sharedStrings.xml")).findall("x:si", _NS)
    ]
    sheet = ElementTree.fromstring(book.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind("x:sheetData/x:row", _NS):
        cells = {}
        for cell in row.iterfind("x:c", _NS):
            value = cell.findtext("x:v", default="", namespaces=_NS)
            if cell.get("t") == "s":
                value = strings[int(value)]
            cells[_COLUMN.match(cell.get("r")).group(1)] = value
        rows.append(cells)
    header = rows[0]
    return pd.DataFrame(
        [[r.get(col, "") for col in header] for r in rows[1:]], columns=list(header.values())
    )


def _code(value: str, codes: dict, what: str, row: int):
    """Map a numeric cell to its meaning; empty -> ""; an unknown code is an error."""
    if value == "":
        return ""
    number = int(float(value))
    if number not in codes:
        raise ValueError(f"GVFC row {row}: {what} code {number} not in the codebook ({codes})")
    return codes[number]


def _extension_by_headline(archive: zipfile.ZipFile) -> pd.DataFrame:
    """URL, outlet host and lead of the extension's headlines that occur exactly once there."""
    ext = pd.read_csv(io.BytesIO(archive.read(EXTENSION)), keep_default_na=False, dtype=str)
    ext = ext.drop_duplicates("headline", keep=False)
    return pd.DataFrame(
        {
            "url": ext["article_url"].to_numpy(),
            "outlet": [urlsplit(u).netloc for u in ext["article_url"]],
            "lead": ext["lead_3_sentences_summary_of_full_article_text"].str.strip('"').to_numpy(),
        },
        index=ext["headline"].str.strip().to_numpy(),
    )


@register(DATASET, kind="benchmark")
def load_gvfc(accept_licence: bool = False) -> pd.DataFrame:
    """Gun Violence Frame Corpus: 2,990 headlines, focus and up to two of 9 frames (CoNLL 2019)."""
    (path,) = fetch_dataset(DATASET, accept_licence).values()
    with zipfile.ZipFile(path) as archive:
        sheet = read_xlsx_sheet(archive.read(WORKBOOK))
        extension = _extension_by_headline(archive)
    themes = FRAMES | {NOT_CODED: ""}
    rows = []
    for number, record in enumerate(sheet.to_dict("records"), start=1):
        headline = record["news_title"].strip()
        rows.append(
            {
                "doc_id": f"gvfc-{number:04d}",
                "title": headline,
                "text": headline,
                "relevant": _code(record["Q1 Relevant"], RELEVANT, "Q1", number),
                "focus": _code(record["Q2 Focus"], FOCUS | {NOT_CODED: ""}, "Q2", number),
                "theme1": _code(record["Q3 Theme1"], themes, "Q3 Theme1", number),
                "theme2": _code(record["Q3 Theme2"], themes, "Q3 Theme2", number),
            }
        )
    frame = pd.DataFrame(rows)
    matched = extension.reindex(frame["title"]).fillna("").reset_index(drop=True)
    frame.insert(1, "outlet", matched["outlet"])
    frame.insert(2, "date", pd.NaT)
    frame["lead"], frame["url"] = matched["lead"], matched["url"]
    for name in FRAMES.values():
        frame[name] = (frame["theme1"] == name) | (frame["theme2"] == name)
    frame.attrs["frames"] = list(FRAMES.values())
    return frame
