from datetime import datetime

import pandas as pd
import pytest

from analysis.data import load
from analysis.data.sources.reuters import body_text, parse_sgml

SNIPPET = """<!DOCTYPE lewis SYSTEM "lewis.dtd">
<REUTERS TOPICS="YES" LEWISSPLIT="TRAIN" CGISPLIT="TRAINING-SET" OLDID="5544" NEWID="7">
<DATE> 2-MAR-1987 09:41:48.13</DATE>
<TOPICS><D>acq</D><D>earn</D></TOPICS>
<PLACES><D>usa</D></PLACES>
<TEXT>&#2;
<TITLE>ACME &lt;ACM> BUYS WIDGET</TITLE>
<DATELINE>    NEW YORK, March 2 - </DATELINE><BODY>Acme Corp &lt;ACM> said it
bought Widget &amp; Co.
    The price was not disclosed.
 Reuter
&#3;</BODY></TEXT>
</REUTERS>
<REUTERS TOPICS="NO" LEWISSPLIT="TEST" CGISPLIT="TRAINING-SET" OLDID="1" NEWID="8">
<DATE>31-MAR-1987 605:12:19.12</DATE>
<TOPICS></TOPICS>
<PLACES></PLACES>
<TEXT TYPE="BRIEF">&#2;
******<TITLE>SHORT HEADLINE ONLY
</TITLE>
&#3;
</TEXT>
</REUTERS>
"""


def test_parse_sgml_on_a_hand_made_snippet():
    first, second = parse_sgml(SNIPPET)
    # By hand: &lt; and &amp; unescaped, the wrapped line joined, the indented line a new
    # paragraph, " Reuter" and the control reference &#3; removed.
    assert first == {
        "doc_id": "reuters-7",
        "outlet": "Reuters",
        "date": datetime(1987, 3, 2, 9, 41, 48),
        "title": "ACME <ACM> BUYS WIDGET",
        "text": "Acme Corp <ACM> said it bought Widget & Co.\n\nThe price was not disclosed.",
        "newid": 7,
        "lewissplit": "TRAIN",
        "cgisplit": "TRAINING-SET",
        "topics_attr": "YES",
        "topics": ["acq", "earn"],
        "places": ["usa"],
        "dateline": "NEW YORK, March 2",
        "text_type": "NORM",
        "has_body": True,
    }
    # A BRIEF: kept, no body; the impossible hour 605 keeps only the day.
    assert (second["title"], second["text"], second["has_body"], second["text_type"]) == (
        "SHORT HEADLINE ONLY", "", False, "BRIEF"
    )
    assert second["date"] == datetime(1987, 3, 31) and second["topics"] == []


def test_body_text_strips_a_double_sign_off_only_as_a_word():
    assert body_text("Net 5 mln.\n REUTER\n Reuter\n&#3;") == "Net 5 mln."
    assert body_text("Shares of Freuter rose") == "Shares of Freuter rose"


def test_parse_sgml_refuses_an_item_without_text():
    with pytest.raises(ValueError, match="NEWID 9"):
        parse_sgml('<REUTERS NEWID="9"><DATE>1-MAR-1987 00:00:00.00</DATE></REUTERS>')


def test_reuters_counts_and_the_first_item(require):
    require("reuters-21578")
    reuters = load("reuters-21578")
    # grep -c '<REUTERS' over the 22 files sums to 21,578; TEXT types counted with a regex:
    # 19,043 with <BODY> (no TYPE), 1,798 TYPE="BRIEF", 737 TYPE="UNPROC".
    assert len(reuters) == 21578 and reuters["doc_id"].is_unique
    assert reuters["newid"].tolist() == list(range(1, 21579))
    assert reuters["has_body"].sum() == 19043
    assert reuters["text_type"].value_counts().to_dict() == {
        "NORM": 19043, "BRIEF": 1798, "UNPROC": 737
    }
    assert reuters["lewissplit"].value_counts().to_dict() == {
        "TRAIN": 14668, "TEST": 6188, "NOT-USED": 722
    }
    assert reuters["date"].notna().all()
    assert reuters["date"].min() == pd.Timestamp("1987-02-26 15:01:01")
    assert reuters["date"].max() == pd.Timestamp("1987-10-20 22:53:18")
    assert not reuters["text"].str.contains(r"(?i)\breuter\s*$").any()
    # 0.sgm, NEWID 1, read in the file: BAHIA COCOA REVIEW, dateline "SALVADOR, Feb 26 - ",
    # body "Showers continued throughout the week in\nthe Bahia cocoa zone, ...".
    first = reuters.iloc[0]
    assert (first["title"], first["dateline"]) == ("BAHIA COCOA REVIEW", "SALVADOR, Feb 26")
    paragraphs = first["text"].split("\n\n")
    assert paragraphs[0].startswith("Showers continued throughout the week in the Bahia cocoa")
    assert paragraphs[1] == "The dry period means the temporao will be late this year."
    assert first["topics"] == ["cocoa"] and first["places"] == ["el-salvador", "usa", "uruguay"]
