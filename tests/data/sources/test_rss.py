import pandas as pd

from analysis.data import load
from analysis.data.sources.rss import strip_html


def test_strip_html_paragraphs_entities_and_navigation_links():
    guardian = (
        '<p>A &amp; B <a href="x">linked words</a> end.</p>'
        '<p>• <a href="y">Coronavirus – latest updates</a></p>'            # navigation: dropped
        '<ul><li><a href="z">See all our coverage</a></li>'                 # navigation: dropped
        '<li>Own text <a href="w">with a link</a></li></ul>'               # kept, as a paragraph
        'Tail<br />line <a href="v">Continue reading...</a>'
    )
    # by hand: paragraphs "A & B linked words end.", "Own text with a link", "Tail", "line"
    assert strip_html(guardian) == "A & B linked words end.\n\nOwn text with a link\n\nTail\n\nline"
    # plain text (BBC, CNN): entities decoded, "&" and "<" that are no markup survive
    assert strip_html("Simon & Garfunkel: a < b &amp; c\u00a0 d") == "Simon & Garfunkel: a < b & c d"
    assert strip_html("<p>  </p>") == ""
    assert strip_html('<a href="x">Continue reading...</a>') == ""
    assert strip_html(None) == "" and strip_html(float("nan")) == ""
    assert strip_html("<script>x()</script><p>Text</p>") == "Text"


def test_rss_news_counts_and_deduplication(require):
    require("rss-news-2020-04-05")
    frame = load("rss-news-2020-04-05")
    # measured: 7,867 items in the 149 daily files, one item (a Guardian feature published at
    # midnight UTC on 6 April) listed on 5 and 6 April -> 7,866 rows
    assert frame.attrs["deduplication"]["items_in_files"] == 7867
    assert len(frame) == 7866 and frame["doc_id"].is_unique and frame["link"].is_unique
    assert frame["outlet"].value_counts().to_dict() == {"Guardian": 5154, "BBC": 2038, "CNN": 674}
    assert frame["n_copies"].value_counts().to_dict() == {1: 7865, 2: 1}
    twice = frame[frame["n_copies"] == 2].iloc[0]
    assert twice["outlet"] == "Guardian" and "lockdown in Wuhan" in twice["title"]
    assert twice["first_seen"] == pd.Timestamp("2020-04-05") and twice["date"] == pd.Timestamp("2020-04-06")
    assert twice["n_versions"] == 1
    # items without a summary are kept and marked: 64 CNN items with an empty description, 35
    # Guardian items whose summary is only links
    assert (~frame["has_text"]).groupby(frame["outlet"]).sum().to_dict() == {"BBC": 0, "CNN": 64, "Guardian": 35}
    assert (frame["has_text"] == (frame["text"] != "")).all()
    assert frame["date"].min() == pd.Timestamp("2020-04-01") and frame["date"].max() == pd.Timestamp("2020-05-31")
    assert frame.groupby("outlet")["date"].nunique().to_dict() == {"BBC": 61, "CNN": 27, "Guardian": 61}
    assert not frame["text"].str.contains("<|Continue reading", regex=True).any()
    assert set(frame["feed"]) == {"https://www.theguardian.com/rss", "http://feeds.bbci.co.uk/news/rss.xml",
                                  "http://rss.cnn.com/rss/edition.rss"}


def test_rss_news_rows_read_by_hand(require):
    require("rss-news-2020-04-05")
    frame = load("rss-news-2020-04-05").set_index("link")
    bbc = frame.loc["https://www.bbc.co.uk/news/uk-england-beds-bucks-herts-52550309"]
    assert bbc["outlet"] == "BBC" and bbc["title"] == "Captain Tom Moore receives gold Blue Peter badge"
    assert bbc["text"] == "The 100-year-old fundraiser joins the Queen and David Attenborough in receiving the accolade."
    assert bbc["published"] == pd.Timestamp("2020-05-05 23:28:00", tz="UTC")
    guardian = frame.loc["https://www.theguardian.com/science/2020/may/06/"
                         "tummy-rumbles-otters-juggle-pebbles-probably-when-peckish"]
    # the raw summary is three <p> paragraphs and a "Continue reading..." link
    paragraphs = guardian["text"].split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0] == "Asian otters’ playfulness with rocks a mystery but Exeter study links juggling to hunger"
    assert paragraphs[2].endswith("round the fence”.")
    # published 23:00 UTC on 5 May (00:00 in London on 6 May): dated 5 May, UTC
    assert guardian["date"] == pd.Timestamp("2020-05-05")
    wuhan = frame.loc["https://www.theguardian.com/world/2020/apr/06/"
                      "we-were-trapped-for-too-long-coming-back-to-life-after-lockdown-in-wuhan"]
    # the raw summary lists three navigation links between its two paragraphs; they are dropped
    assert wuhan["text"].startswith("Guo Jing was confined to her home for 43 days.")
    assert "See all our coronavirus coverage" not in wuhan["text"] and wuhan["text"].count("\n\n") == 1
    # the weeks of speculation about a leader's health (read by hand): 15 headlines name him,
    # the first on 12 April, the BBC's first on 21 April
    named = frame[frame["title"].str.contains("Kim Jong")].sort_values("published")
    assert named["outlet"].value_counts().to_dict() == {"Guardian": 11, "BBC": 3, "CNN": 1}
    assert named["date"].min() == pd.Timestamp("2020-04-12")
    bbc_first = named[named["outlet"] == "BBC"].iloc[0]
    assert bbc_first["title"] == "Kim Jong-un illness rumours denied amid intense speculation"
    assert bbc_first["date"] == pd.Timestamp("2020-04-21")
