"""read_article on the seed and on small hand-made files in the same layout."""

from __future__ import annotations

import pytest

from analysis import config
from analysis.data.article import parse_article, read_article


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
