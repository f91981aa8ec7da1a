import pandas as pd
import pytest

from analysis.data import load
from analysis.data.sources.kremlin import html_to_text, parse_page


def test_html_to_text_keeps_paragraphs_and_drops_scripts_nav_and_skipped_classes():
    html = (
        "<nav><a href='/'>Home</a></nav><script>var x = '<p>no</p>';</script>"
        "<p><b>Vladimir Putin</b>: Good&nbsp;afternoon,\n  colleagues.</p>"
        '<p>Minister <a class="person">Mikhail Murashko<span class="tooltip hidden">'
        "<span>Murashko Mikhail</span> Minister</span></a>: &lt;…&gt; R&amp;D</p>"
        "<div>Line one<br/>Line two<img src='x.jpg'></div>"
    )
    # Worked by hand: nav and script vanish; <b> is inline; &nbsp; and the newline+indent become
    # single spaces; the "hidden" span (with its nested span) is dropped; entities unescaped;
    # <br/> ends a paragraph; the void <img> neither adds text nor opens a skip.
    assert html_to_text(html, skip_classes=frozenset({"hidden"})) == (
        "Vladimir Putin: Good afternoon, colleagues.\n\n"
        "Minister Mikhail Murashko: <…> R&D\n\n"
        "Line one\n\nLine two"
    )


def test_parse_page_reads_title_date_lead_and_body_only():
    page = (
        "<html><head><title>T • President of Russia</title></head><body>"
        '<h1 class="entry-title p-name" itemprop="name">Talks with <i>X</i></h1>'
        '<div class="read__lead entry-summary"><div><p>A lead.</p></div></div>'
        '<div class="read__meta"><time class="read__published" datetime="2019-04-25">April 25'
        '</time><div class="read__place p-location"><i></i>Vladivostok</div></div>'
        '<div class="entry-content e-content read__internal_content" itemprop="articleBody">'
        '<div class="media masha-ignore"><span class="media__title">Caption.</span></div>'
        "<p>First paragraph.</p><p>Second.</p>"
        '<div class="read__bottommeta hidden-copy"><h3>Topics</h3></div></body></html>'
    )
    assert parse_page(page) == {
        "title": "Talks with X",
        "date": "2019-04-25",
        "lead": "A lead.",
        "place": "Vladivostok",
        "text": "First paragraph.\n\nSecond.",  # caption (masha-ignore) and footer excluded
    }
    with pytest.raises(ValueError, match="not an en.kremlin.ru news page"):
        parse_page("<html><p>no markers</p></html>", source="x.html")


@pytest.fixture
def kremlin(require):
    require("kremlin-korea", "kremlin-2019-2020")
    return load("kremlin")  # parsed once per process (functools.cache), copied per call


def test_kremlin_counts_flags_and_dates(kremlin):
    # Manifest: 192 kremlin-korea + 1,184 kremlin-2019-2020 URLs, no URL in both (sort | uniq -d).
    assert len(kremlin) == 1376 and kremlin["doc_id"].is_unique
    assert kremlin["korea"].sum() == 192
    # 39 Korea pages fall in 2019-2020 (measured), so the baseline has 1,184 + 39 pages.
    assert kremlin["in_2019_2020"].sum() == 1223
    assert (kremlin.loc[kremlin["korea"], "in_2019_2020"]).sum() == 39
    assert kremlin["date"].notna().all()
    assert kremlin["date"].min() == pd.Timestamp("2000-02-09")
    assert kremlin["date"].max() == pd.Timestamp("2020-08-27")
    # Page 62778 (meeting with Vladislav Shapsha) has photos only: the one empty body.
    assert kremlin.loc[kremlin["text"] == "", "doc_id"].tolist() == ["kremlin-62778"]


def test_kremlin_spot_checks_read_in_the_raw_html(kremlin):
    pages = kremlin.set_index("doc_id")
    # 60370.html, read by eye: <h1>News conference following Russian-North Korean talks</h1>,
    # read__published 2019-04-25, place "Russky Island, Vladivostok", body begins
    # "<p><b>President of Russia Vladimir Putin</b>: Good afternoon, </p><p>I suggest ...".
    page = pages.loc["kremlin-60370"]
    assert page["title"] == "News conference following Russian-North Korean talks"
    assert page["date"] == pd.Timestamp("2019-04-25")
    assert page["place"] == "Russky Island, Vladivostok"
    assert page["text"].startswith(
        "President of Russia Vladimir Putin: Good afternoon,\n\nI suggest that we go straight"
    )
    assert page["korea"] and page["in_2019_2020"]
    assert page["url"] == "http://en.kremlin.ru/events/president/news/60370"
    # 63173.html: the person tooltip after "Mikhail Murashko" ("Murashko Mikhail / Minister of
    # Healthcare", class "hidden masha-ignore") must not leak into the body.
    covid = pages.loc["kremlin-63173", "text"]
    assert covid.startswith("The videoconference meeting was attended by Alexander Gintsburg")
    assert "Murashko Mikhail" not in covid and "Minister of Healthcare" not in covid
    # 60878.html is an announcement without read__published: its footer says 2019-07-02.
    assert pages.loc["kremlin-60878", "date"] == pd.Timestamp("2019-07-02")
