import pytest

from analysis.data import load
from analysis.data.sources.brown import detokenize, tagged_to_text


def test_detokenize_quotes_punctuation_and_abbreviations():
    tokens = ["``", "Only", "a", "handful", "(", "few", ")", "''", ",", "the", "jury", "said",
              ";", "Ivan", "Allen", "Jr.", "."]
    # By hand: `` opens with no space after, '' closes with none before, no space before , ; )
    # or after (, and the extra sentence "." after "Jr." is dropped.
    assert detokenize(tokens) == '"Only a handful (few)", the jury said; Ivan Allen Jr.'
    assert detokenize(["at", "8", "p.m.", ".", "Next", "..."]) == "at 8 p.m. Next ..."
    assert detokenize(["Wait", "...", "."]) == "Wait ...."  # an ellipsis is not an abbreviation


def test_tagged_to_text_keeps_paragraphs_and_joins_sentence_lines():
    tagged = (
        "\n\n\tThe/at jury/nn said/vbd ``/`` no/at ''/'' ./.\n"
        "It/pps left/vbd ./.\n\n\n"
        "\tGoodby/uh ,/, Mr./np Sam/np\n./.\n"
    )
    # By hand: two blank-line blocks -> two paragraphs; the second block's lone "./." line
    # attaches to "Sam" without a space.
    assert tagged_to_text(tagged) == 'The jury said "no". It left.\n\nGoodby, Mr. Sam.'
    with pytest.raises(ValueError, match="word/TAG"):
        tagged_to_text("untagged words")


def test_brown_and_its_news_subset(require):
    require("nltk-data")
    brown = load("brown")
    # cats.txt lists 500 samples in 15 categories; 44 are "news" (ca01-ca44).
    assert len(brown) == 500 and brown["doc_id"].is_unique and brown["category"].nunique() == 15
    assert brown["date"].isna().all() and brown["date"].dtype.kind == "M"
    news = load("brown-news")
    assert len(news) == 44 and news["doc_id"].is_unique
    assert news["doc_id"].tolist() == [f"brown-ca{i:02d}" for i in range(1, 45)]
    assert (news["category"] == "news").all()
    assert news.attrs["provenance"][0]["source"] == "nltk-data"
    # ca01 read in the zip: "The/at Fulton/np-tl County/nn-tl Grand/jj-tl Jury/nn-tl said/vbd
    # Friday/nr an/at investigation/nn of/in Atlanta's/np$ ... ``/`` no/at evidence/nn ''/'' ...";
    # CONTENTS heading "A01. The Atlanta Constitution".
    first = news.iloc[0]
    assert first["text"].startswith(
        "The Fulton County Grand Jury said Friday an investigation of Atlanta's recent primary "
        'election produced "no evidence" that any irregularities took place.\n\nThe jury further'
    )
    assert first["source"] == "The Atlanta Constitution"
    # ca44's first paragraph (two sentence lines, read with unzip -p).
    assert news.iloc[-1]["text"].split("\n\n")[0] == (
        "Every library borrower, or at least those whose taste goes beyond the five-cent fiction "
        "rentals, knows what it is to hear the librarian say apologetically, \"I'm sorry, but we "
        "don't have that book. There wouldn't be much demand for it, I'm afraid\"."
    )
