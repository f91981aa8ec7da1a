"""Gun Violence Frame Corpus: the workbook reader, the codebook mapping, and mirrored counts."""

from __future__ import annotations

import io
import re
import zipfile

import pytest

from analysis.data import load
from analysis.data.fetch import fetch_dataset
from analysis.data.sources.gvfc import CODEBOOK, FRAMES, _code


def test_codes_map_to_names_and_unknown_codes_are_refused():
    assert _code("3", FRAMES, "Q3", 1) == "Politics"
    assert _code("", FRAMES, "Q3", 1) == ""
    with pytest.raises(ValueError, match="not in the codebook"):
        _code("12", FRAMES, "Q3", 1)


@pytest.mark.corpus
def test_frame_names_follow_the_codebook_order(require):
    require("gvfc")
    (path,) = fetch_dataset("gvfc").values()
    with zipfile.ZipFile(path) as archive:
        docx = zipfile.ZipFile(io.BytesIO(archive.read(CODEBOOK)))
    xml = docx.read("word/document.xml").decode("utf-8")
    paragraphs = [
        "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)).strip()
        for p in re.findall(r"<w:p[ >].*?</w:p>", xml, re.S)
    ]
    start = next(i for i, p in enumerate(paragraphs) if p.startswith("Q3-1/2"))
    listed = [p for p in paragraphs[start + 1 :] if p][1:10]  # after the Note paragraph
    assert listed == list(FRAMES.values())


@pytest.mark.corpus
def test_mirrored_corpus(require):
    require("gvfc")
    df = load("gvfc")
    assert len(df) == 2990 and df["doc_id"].is_unique
    assert (df["title"] == df["text"]).all() and df["date"].isna().all()
    assert df["relevant"].sum() == 2609  # Q1 = 1; the other 381 are Q1 = 2
    assert df["focus"].value_counts().to_dict() == {"thematic": 1339, "episodic": 1269, "": 382}
    # theme counts: Q3 Theme1 and Theme2 columns of the workbook added up per code
    assert df[list(FRAMES.values())].sum().to_dict() == {
        "Gun/2nd Amendment rights": 66,
        "Gun control/regulation": 322,
        "Politics": 433,
        "Mental health": 80,
        "School or public space safety": 184,
        "Race/ethnicity": 134,
        "Public opinion": 262,
        "Society/culture": 48,
        "Economic consequences": 95,
    }
    n_frames = df[list(FRAMES.values())].sum(axis=1)
    assert n_frames.value_counts().to_dict() == {0: 1689, 1: 978, 2: 323}
    assert (~df["relevant"] & (df["theme1"] != "")).sum() == 0  # irrelevant: never themed
    assert (df["outlet"] != "").sum() == 1296  # headline found once in the extension file
    first = df.iloc[0]
    assert first["title"].startswith("Anti-gun student walkout")
    assert (first["outlet"], first["focus"], first["theme1"]) == (
        "www.theblaze.com",
        "episodic",
        "Public opinion",
    )
