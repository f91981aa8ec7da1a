"""The private NLTK data folder works with NLTK's own readers, without the NLTK downloader."""

from __future__ import annotations

import pytest

from analysis import config


@pytest.fixture(scope="module")
def nltk():
    if not (config.nltk_data_dir() / ".built").exists():
        from analysis.data.nltk_data import build

        build(verbose=False)
    import nltk

    from analysis.data.nltk_data import activate

    activate()
    return nltk


def test_punkt_tab_from_package(nltk):
    assert nltk.sent_tokenize("Mr. Smith arrived. He left.") == ["Mr. Smith arrived.", "He left."]


def test_vader_lexicon_from_package(nltk):
    from nltk.sentiment import SentimentIntensityAnalyzer

    # "good" has mean valence 1.9 in VADER's lexicon; compound = 1.9 / sqrt(1.9**2 + 15) = 0.4404
    assert SentimentIntensityAnalyzer().polarity_scores("good")["compound"] == 0.4404


def test_folder_is_private(nltk):
    for path in [config.nltk_data_dir(), *config.nltk_data_dir().rglob("*")]:
        assert path.stat().st_mode & 0o022 == 0, path


def test_corpora_zips_when_mirrored(nltk, require):
    require("nltk-data")
    from nltk.corpus import brown, stopwords

    assert len(brown.fileids(categories="news")) == 44  # ca01..ca44
    assert len(stopwords.words("english")) == 179
