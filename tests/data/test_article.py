"""read_article on the seed and on small hand-made files in the same layout."""

from __future__ import annotations

import time

import pytest

from analysis import config
from analysis.data.article import ArticleDecodeError, parse_article, parse_date, read_article


@pytest.fixture(scope="module")
def seed():
    return read_article(config.seed_article_path())


def test_seed_metadata(seed):
    assert seed.title == "Putin Hands World War II Medal to North Korea's Kim Jong Un"
    assert seed.date == "2020-05-05"  # "May 05, 2020" in the file
    assert seed.outlet == "The Moscow Times"  # looked up from the URL's host
    assert seed.url == (
        "https://www.themoscowtimes.com/2020/05/05/"
        "putin-hands-world-war-ii-medal-to-north-koreas-kim-jong-un-a70185"
    )
    assert seed.credit == "Valery Sharifulin / TASS"
    assert seed.caption.startswith("Kim Jong Un made his first public appearance")
    assert seed.related == ["Kim Jong Un Looks to Putin for Help Dealing With Trump Whiplash"]


def test_seed_body_is_clean(seed):
    # 8 body paragraphs in the file once the caption, related line and URL block are removed
    # and the two halves of the medal's quoted name are one paragraph again.
    assert len(seed.paragraphs) == 8
    assert seed.text == "\n\n".join(seed.paragraphs)
    assert seed.text.startswith("Russian President Vladimir Putin has given")
    assert seed.text.endswith("to mark the 75th anniversary of Victory Day.")
    for leftover in ("Related article", "Original url", "**", "](#)", "Sharifulin", "http"):
        assert leftover not in seed.text
    # markdown links become their text
    assert "Russia's Embassy in Pyongyang said Tuesday." in seed.text
    assert "TASS news agency reports that 1,375" in seed.text
    # the paragraph break inside the quoted medal name is rejoined with one space
    assert '"75 Years of Victory in the Great Patriotic War 1941-1945” to Kim’s' in seed.text
    # the caption repeats a body sentence; it stays in the body once, from the body
    assert seed.text.count("made his first public appearance") == 1


def test_seed_frame(seed):
    frame = seed.to_frame()
    assert list(frame.columns[:5]) == ["doc_id", "outlet", "date", "title", "text"]
    assert frame.loc[0, "doc_id"] == "moscow-times-2020-05-05-putin-medal-kim"
    assert str(frame.loc[0, "date"].date()) == "2020-05-05"


def test_other_article_same_layout():
    raw = (
        "Headline Here\r\n\r\n12 March 2021\r\n\r\n"
        "A caption. **Jane Doe / AP**\r\n\r\n"
        "He said \"we will not\r\n\r\nback down\" on Monday.\r\n\r\n"
        "\u201cA second paragraph of speech,\u201d she said.\r\n\r\n"
        "Original url:\r\n\r\n<https://www.bbc.co.uk/news/x-1>"
    )
    article = parse_article(raw)
    assert (article.title, article.date, article.outlet) == ("Headline Here", "2021-03-12", "BBC News")
    assert article.url == "https://www.bbc.co.uk/news/x-1"
    assert article.paragraphs == [
        'He said "we will not back down" on Monday.',
        "\u201cA second paragraph of speech,\u201d she said.",
    ]


def test_multi_paragraph_quotation_is_not_joined():
    # News style: a quotation running over paragraphs ends the first with punctuation and
    # reopens the next with a quote mark; those stay two paragraphs.
    raw = 'T\n\nMay 1, 2020\n\n"First part of the speech.\n\n"Second part," he said.'
    assert parse_article(raw).paragraphs == ['"First part of the speech.', '"Second part," he said.']


def test_outlet_override_and_missing_date_warns():
    with pytest.warns(UserWarning, match="no date line"):
        article = parse_article("Title only\n\nBody text.", outlet="Example Times")
    assert (article.date, article.outlet, article.text) == (None, "Example Times", "Body text.")


def test_empty_article_is_an_error(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text(" \n\n \n")
    with pytest.raises(ValueError, match="empty"):
        read_article(path)


# --- dates, byline, standfirst, dateline, outlet ------------------------------------------------


@pytest.mark.parametrize(
    "line, iso",
    [
        ("Oct. 9, 2016", "2016-10-09"),
        ("Sunday, October 9, 2016", "2016-10-09"),
        ("October 9, 2016 at 5:00 p.m. EDT", "2016-10-09"),
        ("Updated: Oct. 9, 2016 5:00 p.m. ET", "2016-10-09"),
        ("Mon 10 Oct 2016 13.14 BST", "2016-10-10"),
        ("2016-10-09T17:00:00Z", "2016-10-09"),
        ("9/10/2016", "2016-09-10"),  # numeric forms are read month first
    ],
)
def test_news_date_forms(line, iso):
    assert parse_date(line) == iso
    assert parse_article(f"Headline\n\n{line}\n\nBody.").date == iso


@pytest.mark.parametrize("line", ["yesterday", "October 9", "In 2016", "He said it on May 5, 2016, in a long speech to party members."])
def test_not_dates(line):
    # relative, partial or long lines are never dates: nothing depends on today's date
    assert parse_date(line) is None


def test_byline_standfirst_dateline_and_outlet_line():
    raw = (
        "Clinton Leaves Memorial Early\n\n"
        "The candidate felt unwell. Her aides said she would rest.\n\n"
        "By Jane Doe and John Roe\n\n"
        "Sunday, October 9, 2016\n\n"
        "Outlet: The Example Post\n\n"
        "WASHINGTON (Reuters) - The candidate left early.\n\n"
        "By Monday, she was back."
    )
    article = parse_article(raw)
    assert article.title == "Clinton Leaves Memorial Early"
    assert article.standfirst == "The candidate felt unwell. Her aides said she would rest."
    assert (article.byline, article.date) == ("Jane Doe and John Roe", "2016-10-09")
    assert article.outlet == "The Example Post"  # from the metadata line: there is no URL
    assert article.dateline == "WASHINGTON (Reuters)"
    # the dateline stays in the text; a sentence opening with "By" is body, not a byline
    assert article.paragraphs == ["WASHINGTON (Reuters) - The candidate left early.", "By Monday, she was back."]
    frame = article.to_frame()
    assert frame.loc[0, "byline"] == "Jane Doe and John Roe" and frame.loc[0, "dateline"] == "WASHINGTON (Reuters)"


def test_known_host_wins_over_metadata_and_subdomains_resolve():
    raw = "T\n\nMay 1, 2020\n\nOutlet: Someone\n\nBody.\n\nOriginal url:\n\n<http://en.kremlin.ru/events/1>"
    assert parse_article(raw).outlet == "Kremlin"
    raw = "T\n\nMay 1, 2020\n\nBody.\n\nOriginal url:\n\n<https://news.example.org/a>\n\nSource: Example News"
    assert parse_article(raw).outlet == "Example News"  # unknown host: the metadata's name


def test_body_only_files_are_read_as_body():
    with pytest.warns(UserWarning, match="no date line"):
        one = parse_article("Only one paragraph. It has two sentences.")
    assert (one.title, one.text) == ("", "Only one paragraph. It has two sentences.")
    with pytest.warns(UserWarning):
        dated = parse_article("MOSCOW — The talks ended.\n\nThey will resume.")
    assert dated.title == "" and dated.paragraphs == ["MOSCOW — The talks ended.", "They will resume."]
    assert dated.dateline == "MOSCOW"


# --- encodings ----------------------------------------------------------------------------------


def test_undecodable_bytes_name_the_file_and_an_encoding(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\u00e9 talks\n\nMay 1, 2020\n\nThe caf\u00e9 closed.".encode("latin-1"))
    with pytest.raises(ArticleDecodeError, match=r"latin\.txt: not UTF-8 .*offset 3.*encoding="):
        read_article(path)
    assert issubclass(ArticleDecodeError, ValueError)
    article = read_article(path, encoding="latin-1")
    assert (article.title, article.text) == ("Caf\u00e9 talks", "The caf\u00e9 closed.")


def test_utf16_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("Headline\n\nMay 1, 2020\n\nBody.".encode("utf-16"))
    assert read_article(path).text == "Body."


# --- HTML ---------------------------------------------------------------------------------------


def test_html_page_small(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Talks end | Example Site</title>"
        '<meta property="og:site_name" content="Example Site">'
        '<meta name="author" content="Jane Doe">'
        '<meta name="description" content="Short summary.">'
        '<meta property="article:published_time" content="2016-10-09">'
        "</head><body><nav>Home | World</nav><article><h1>Talks end</h1>"
        + "".join(f"<p>Paragraph {i} of the report says the talks ended without agreement today.</p>" for i in range(5))
        + "</article><footer>Copyright</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path)
    assert article.title.startswith("Talks end")
    assert (article.date, article.byline, article.standfirst) == ("2016-10-09", "Jane Doe", "Short summary.")
    assert article.outlet == "Example Site"  # no URL: the site name from the metadata
    assert len(article.paragraphs) == 5 and "Home" not in article.text and "Copyright" not in article.text


def test_kremlin_html_pages(require):
    require("kremlin-korea")
    from analysis.data.fetch import fetch_dataset

    paths = fetch_dataset("kremlin-korea")
    page = next(p for url, p in paths.items() if url.endswith("/news/17170.html"))
    article = read_article(page)
    assert article.title == "Congratulations to Park Geun-hye on her election as President of the Republic of Korea"
    assert (article.date, article.outlet) == ("2012-12-19", "Kremlin")  # en.kremlin.ru -> kremlin.ru
    assert article.url == "http://en.kremlin.ru/events/president/news/17170"
    assert article.paragraphs[0].startswith("Vladimir Putin noted the successful development")
    assert len(article.paragraphs) == 2


# --- linear time ----------------------------------------------------------------------------------


def _best_time(raw: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        parse_article(raw)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("unit, n", [(" ", 40_000), ("[a](", 25_000), ('x "a\n\n', 5_000)])
def test_linear_time_on_adversarial_runs(unit, n):
    # Doubling the input must not quadruple the time (was 1.7 s -> 10.7 s for 20 -> 40 KB of
    # spaces before the patterns were made backtracking-safe).
    # best of five each; the slack of 50 ms absorbs a loaded machine's noise on times of a few
    # milliseconds (a quadratic parse took seconds here)
    head = "T\n\nMay 1, 2020\n\na"
    small, large = _best_time(head + unit * n + "x", 5), _best_time(head + unit * 2 * n + "x", 5)
    assert large < 3 * small + 0.05, (small, large)
    assert large < 1.0
