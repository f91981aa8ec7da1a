"""The raw lexicon entry frames, loadable with ``analysis.data.load`` under manifest names."""

from __future__ import annotations

import pytest

from analysis.data import LicenceNotAccepted, load
from analysis.data.sources.lexicons import read_dic


def test_read_dic_maps_category_ids_and_keeps_phrases():
    text = "%\r1\tcare.virtue\r2\tcare.vice\r%\rcare\t1\rvulnerable\t1\t2\rcivil rights\t1\r"
    frame = read_dic(text)
    assert frame.values.tolist() == [
        ["care", "care.virtue"],
        ["vulnerable", "care.virtue"],
        ["vulnerable", "care.vice"],
        ["civil rights", "care.virtue"],
    ]
    with pytest.raises(ValueError, match="category ids"):
        read_dic("%\n1\tcare.virtue\n%\nharm\t7\n")


@pytest.mark.corpus
def test_load_lsd2015_is_opt_in_and_carries_provenance(require, monkeypatch):
    require("lexicoder-lsd2015")
    monkeypatch.delenv("ANALYSIS_ACCEPT_LICENCES", raising=False)
    with pytest.raises(LicenceNotAccepted):
        load("lexicoder-lsd2015")
    frame = load("lexicoder-lsd2015", accept_licence=True)
    # counts stated in the dictionary's own description (quanteda.sentiment meta)
    assert frame["category"].value_counts().to_dict() == {
        "neg_negative": 2860,
        "negative": 2858,
        "neg_positive": 1721,
        "positive": 1709,
    }
    assert frame.attrs["provenance"][0]["source"] == "lexicoder-lsd2015"


@pytest.mark.corpus
def test_mpqa_flags_the_two_irregular_lines(require):
    require("mpqa-subjectivity")
    frame = load("mpqa-subjectivity")
    flagged = frame.loc[frame["source_note"] != "", ["word", "category", "stemmed"]]
    assert flagged.values.tolist() == [
        ["impassive", "negative", False],  # written 'polarity=negative'
        ["lugubrious", "negative", False],  # written 'stemmed1=1'
    ]
