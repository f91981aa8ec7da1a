import pandas as pd
import pytest

from analysis.data import load
from analysis.data.sources.bbc import decode, parse_article


def test_parse_article_title_then_paragraphs():
    raw = "Chelsea sack Mutu\n\nChelsea have sacked\nAdrian Mutu.\n\n  The 25-year-old  left.\n"
    # By hand: line 1 is the title; the wrapped line joins with a space; spaces collapse.
    assert parse_article(raw) == (
        "Chelsea sack Mutu",
        "Chelsea have sacked Adrian Mutu.\n\nThe 25-year-old left.",
    )
    with pytest.raises(ValueError, match="expected a title"):
        parse_article(" \n\n")


def test_decode_falls_back_to_latin1_only_when_needed():
    assert decode("£15.8m".encode("utf-8")) == "£15.8m"
    assert decode(b"\xa315.8m") == "£15.8m"  # sport/199.txt writes the pound sign as Latin-1 A3


def test_bbc_counts_categories_and_a_hand_read_article(require):
    require("bbc-news-2005")
    bbc = load("bbc-news-2005")
    # Files per folder (ls | wc -l): 510 / 386 / 417 / 511 / 401 = 2,225; README.TXT excluded.
    assert len(bbc) == 2225 and bbc["doc_id"].is_unique
    assert bbc["category"].value_counts().to_dict() == {
        "sport": 511, "business": 510, "politics": 417, "tech": 401, "entertainment": 386
    }
    assert bbc["date"].isna().all() and bbc["date"].dtype.kind == "M"
    # 2,225 files hold 2,127 distinct byte strings: 98 repeats, marked not dropped.
    assert bbc["duplicate"].sum() == 98
    # business/001.txt, read with head: "Ad sales boost Time Warner profit", blank line, then
    # "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m) ...".
    first = bbc.set_index("doc_id").loc["bbc-business-001"]
    assert first["title"] == "Ad sales boost Time Warner profit"
    assert first["text"].startswith(
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m)"
    )
    # sport/199.txt is the Latin-1 file: its pound sign must come out as "£".
    mutu = bbc.set_index("doc_id").loc["bbc-sport-199"]
    assert mutu["title"] == "Chelsea sack Mutu"
    assert "a £15.8m signing from Parma" in mutu["text"]
    assert pd.isna(mutu["date"])
