"""Keyness, KWIC and collocations: every expected value below is worked out by hand in a comment.

Counts are given as frequency lists with explicit corpus sizes where a 2x2 table is the point, so
these tests do not depend on the tokeniser.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
import pandas as pd
import pytest

from analysis import config
from analysis.keywords import adjust_pvalues, collocations, compare, frequencies, keyness, kwic


def _one_term(a, b, c, d, **options):
    """Keyness row of a single term 'w' with counts a, b in corpora of sizes c, d."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # small sizes are the point of these tests
        df = keyness(pd.Series({"w": a}), pd.Series({"w": b}), target_size=c, reference_size=d,
                     min_target=0, **options)
    return df.iloc[0]


def test_g2_two_cell_form_by_hand():
    # a=10, b=20, c=1000, d=5000; N = 6000, a+b = 30.
    # E1 = 1000*30/6000 = 5, E2 = 5000*30/6000 = 25.
    # G2 = 2 [10 ln(10/5) + 20 ln(20/25)] = 2 [6.931472 - 4.462871] = 4.937202.
    row = _one_term(10, 20, 1000, 5000)
    assert row["expected_target"] == pytest.approx(5.0)
    assert row["expected_reference"] == pytest.approx(25.0)
    assert row["g2"] == pytest.approx(4.937202, abs=1e-6)
    # p = P(chi2_1 > 4.937202) = erfc(sqrt(4.937202 / 2)) = 0.026285
    assert row["p"] == pytest.approx(math.erfc(math.sqrt(4.937202 / 2)), rel=1e-6)
    assert row["direction"] == "target"


def test_g2_full_form_adds_the_complement_cells():
    # The full 2x2 form adds 2 [990 ln(990/995) + 4980 ln(4980/4975)]
    #   = 2 [990 * (-0.00503779) + 4980 * 0.00100452] = 2 [-4.987410 + 5.002506] = 0.030192,
    # so G2 = 4.937202 + 0.030192 = 4.967394 (to rounding of the hand logs).
    row = _one_term(10, 20, 1000, 5000, g2_form="full")
    assert row["g2"] == pytest.approx(4.967394, abs=2e-5)


def test_log_ratio_and_its_confidence_interval():
    # log2((10/1000) / (20/5000)) = log2(0.01 / 0.004) = log2(2.5) = 1.321928.
    # SE on the ln scale = sqrt(1/10 + 1/20) = sqrt(0.15) = 0.387298; z(0.975) = 1.959964.
    # ln 2.5 = 0.916291; (0.916291 -/+ 1.959964 * 0.387298) / ln 2
    #   = (0.916291 -/+ 0.759091) / 0.693147 = 0.226792 and 2.417065.
    row = _one_term(10, 20, 1000, 5000)
    assert row["log_ratio"] == pytest.approx(1.321928, abs=1e-6)
    assert row["log_ratio_low"] == pytest.approx(0.226792, abs=1e-5)
    assert row["log_ratio_high"] == pytest.approx(2.417065, abs=1e-5)


def test_log_ratio_zero_correction():
    # b = 0 is replaced by 0.5: log2((4/100) / (0.5/100)) = log2(8) = 3.
    row = _one_term(4, 0, 100, 100)
    assert row["log_ratio"] == pytest.approx(3.0)


def test_lrc_is_zero_when_the_interval_contains_zero():
    # a=3, b=1, equal sizes: log-ratio = log2(3) = 1.585 > 0, but the 95% Clopper-Pearson lower
    # bound for 3/4 is Beta^-1(0.025; 3, 2) ~ 0.19, i.e. log2(0.19/0.81) < 0: the interval
    # contains 0, so LRC = 0.
    row = _one_term(3, 1, 1000, 1000)
    assert row["log_ratio"] == pytest.approx(math.log2(3))
    assert row["lrc"] == 0.0


def test_lrc_closed_form_when_the_reference_count_is_zero():
    # With b = 0 the Clopper-Pearson lower bound has a closed form: Beta^-1(q; a, 1) = q^(1/a).
    # One test (m = 1), 95%: q = 0.025, a = 20: 0.025^(1/20) = exp(ln 0.025 / 20)
    #   = exp(-3.688879 / 20) = exp(-0.1844440) = 0.8315665; equal sizes, so
    # LRC = log2(0.8315665 / 0.1684335) = log2(4.937062) = 2.303653.
    row = _one_term(20, 0, 1000, 1000)
    assert row["lrc"] == pytest.approx(2.303653, abs=1e-5)


def test_lrc_bonferroni_uses_the_number_of_terms_tested():
    # Two terms tested (m = 2): q = 0.025 / 2 = 0.0125; 0.0125^(1/20) = exp(-4.382027 / 20)
    #   = exp(-0.2191013) = 0.8032403; LRC = log2(0.8032403 / 0.1967597) = log2(4.082342)
    #   = 2.029397.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        df = keyness(pd.Series({"w": 20, "v": 5}), pd.Series({"v": 5}), target_size=1000,
                     reference_size=1000, min_target=0)
    assert df.attrs["n_tests"] == 2
    assert df.set_index("term").loc["w", "lrc"] == pytest.approx(2.029397, abs=1e-5)


def test_fightin_words_on_a_tiny_example():
    # Target {x: 3, y: 1} (c = 4), reference {x: 1, y: 3} (d = 4), alpha_0 = 8.
    # Pooled shares: x 4/8, y 4/8, so alpha_x = alpha_y = 8 * 0.5 = 4.
    # delta_x = ln((3+4) / (4+8-3-4)) - ln((1+4) / (4+8-1-4)) = ln(7/5) - ln(5/7) = 2 ln 1.4
    #         = 0.672944; var = 1/7 + 1/5 = 0.342857; z = 0.672944 / 0.585540 = 1.149271.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        df = keyness({"x": 3, "y": 1}, {"x": 1, "y": 3}, alpha_0=8, min_target=0)
    df = df.set_index("term")
    assert df.loc["x", "fw_log_odds"] == pytest.approx(0.672944, abs=1e-6)
    assert df.loc["x", "fw_var"] == pytest.approx(0.342857, abs=1e-6)
    assert df.loc["x", "fw_z"] == pytest.approx(1.149271, abs=1e-6)
    assert df.loc["y", "fw_z"] == pytest.approx(-1.149271, abs=1e-6)  # symmetric
    assert df.loc["y", "direction"] == "reference"


def test_benjamini_hochberg_and_bonferroni():
    # p = [0.01, 0.04, 0.03, 0.005], m = 4. Sorted: 0.005, 0.01, 0.03, 0.04 (ranks 1-4);
    # p*m/rank = 0.02, 0.02, 0.04, 0.04; running minimum from the top leaves them unchanged.
    # Back in input order: [0.02, 0.04, 0.04, 0.02]. Bonferroni: 4p = [0.04, 0.16, 0.12, 0.02].
    p = [0.01, 0.04, 0.03, 0.005]
    np.testing.assert_allclose(adjust_pvalues(p, "bh"), [0.02, 0.04, 0.04, 0.02])
    np.testing.assert_allclose(adjust_pvalues(p, "bonferroni"), [0.04, 0.16, 0.12, 0.02])
    with pytest.raises(ValueError, match="bh"):
        adjust_pvalues(p, "holm")


def test_min_frequency_filters_and_direction():
    # Target sizes: 10 + 4 + 2 = 16; reference: 10 + 4 + 40 + 1 = 55 (with 'z' absent from target).
    target = {"common": 10, "mid": 4, "rare": 2}
    reference = {"common": 10, "mid": 4, "other": 40, "z": 1}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        default = keyness(target, reference)  # min_target=3 drops 'rare' and reference-only terms
        both = keyness(target, reference, min_target=0, min_reference=4)
    assert sorted(default["term"]) == ["common", "mid"]
    assert default.attrs["n_tests"] == 2
    # min_reference=4 keeps terms with b >= 4: common, mid, other (a = 0 allowed by min_target=0).
    assert sorted(both["term"]) == ["common", "mid", "other"]
    # 10/16 > 10/55: target; 0/16 < 40/55: reference.
    direction = both.set_index("term")["direction"]
    assert direction["common"] == "target" and direction["other"] == "reference"
    assert default.attrs["target_tokens"] == 16 and default.attrs["reference_tokens"] == 55


def test_small_sample_warning_and_flag():
    with pytest.warns(UserWarning, match="small-sample target"):
        df = keyness("Kim met Putin. Kim left.", ["Putin spoke.", "Putin met officials."],
                     min_target=1)
    assert df.attrs["small_sample"] is True
    big = {"w": 3000, "v": 3000}
    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)  # 6,000 tokens: no warning expected
        df = keyness(big, {"w": 10, "v": 20})
    assert df.attrs["small_sample"] is False


def test_input_kinds_give_the_same_counts():
    text = "Kim met Putin. Kim left."
    as_text = frequencies(text)
    as_tokens = frequencies([["Kim", "met", "Putin", ".", "Kim", "left", "."]])
    as_counts = frequencies(pd.Series({"Kim": 2, "met": 1, "Putin": 1, "left": 1, ".": 2}))
    # lower-cased, punctuation dropped: kim 2, left 1, met 1, putin 1 (5 tokens).
    expected = {"kim": 2, "left": 1, "met": 1, "putin": 1}
    for df in (as_text, as_tokens, as_counts):
        assert dict(zip(df["term"], df["count"])) == expected
        assert df.attrs["n_tokens"] == 5
    assert as_text["docs"].tolist() == [1, 1, 1, 1]
    assert as_counts["docs"].isna().all()


def test_frequencies_options_are_off_unless_asked():
    text = "The Kim and the Putin"
    assert frequencies(text, lowercase=False)["term"].tolist() == ["Kim", "Putin", "The", "and",
                                                                   "the"]
    kept = frequencies(text, stop_words={"the", "AND"}, min_length=4)
    assert kept["term"].tolist() == ["putin"]  # 'kim' is 3 letters; stop words case-insensitive
    # Curly and straight apostrophes are one spelling unless fold_apostrophes=False.
    tokens = [["Kim’s", "Kim's"]]
    assert frequencies(tokens)["count"].tolist() == [2]
    assert frequencies(tokens, fold_apostrophes=False)["count"].tolist() == [1, 1]


def test_bad_input_is_a_clear_error():
    with pytest.raises(TypeError, match="document 1 is a float"):
        frequencies(["a text", float("nan")])
    with pytest.raises(TypeError, match="'term' and 'count'"):
        frequencies(pd.DataFrame({"word": ["a"]}))
    with pytest.raises(ValueError, match="no tokens"):
        keyness("...", "some text")


def test_compare_is_one_vs_rest():
    groups = {"a": {"x": 6, "y": 2}, "b": {"x": 1, "y": 5}, "c": {"x": 1, "y": 5}}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        df = compare(groups, min_target=1)
    row = df[(df["group"] == "a") & (df["term"] == "x")].iloc[0]
    # Group a against b + c pooled: x 6 of 8 tokens vs 2 of 12.
    assert (row["count_target"], row["count_reference"]) == (6, 2)
    assert df.attrs["groups"]["a"]["tokens"] == 8
    assert sorted(df["group"].unique()) == ["a", "b", "c"]


def test_kwic_offsets_phrase_across_a_line_break():
    text = "Kim met Putin. Later, Kim\nJong Un left."
    # "Kim met Putin. Later, " has 3+1+3+1+6+1+6+1 = 22 characters, so the phrase starts at 22
    # and "Kim\nJong Un" (11 characters) ends at 33.
    df = kwic(text, "kim jong un", window=2)
    assert len(df) == 1
    row = df.iloc[0]
    assert (row["start"], row["end"]) == (22, 33)
    assert text[row["start"] : row["end"]] == row["keyword"] == "Kim\nJong Un"
    assert row["left"] == "Putin. Later,"
    assert row["right"] == "left"


def test_kwic_whole_words_and_regex():
    text = "Kim, Kimchi and KIM."
    assert kwic(text, "kim")["start"].tolist() == [0, 16]  # not inside "Kimchi"
    assert kwic(text, "KIM", ignore_case=False)["start"].tolist() == [16]
    assert kwic(["no match", text], r"Kim\w+", regex=True)[["doc_id", "keyword"]].values.tolist() \
        == [[1, "Kimchi"]]


def test_kwic_seed_article_medal_name_spans_the_paragraph_break():
    text = config.seed_article_path().read_text(encoding="utf-8")
    df = kwic(text, "75 Years of Victory in the Great Patriotic War")
    assert len(df) == 1
    assert "\n\n" in df.iloc[0]["keyword"]
    # "Kim Jong Un": title, caption, body (twice), related-article line = 5 mentions (read in
    # the file by eye).
    assert len(kwic(text, "Kim Jong Un")) == 5


def test_bigram_pmi_in_a_toy_corpus():
    docs = ["new york is big", "new york is old", "a new idea"]
    # Bigrams (never across documents): new-york x2, york-is x2, is-big, is-old, a-new,
    # new-idea: n = 8. f(new as first) = 3, f(york as second) = 2, O = 2.
    # E = 3 * 2 / 8 = 0.75; PMI = log2(2 / 0.75) = log2(2.666667) = 1.415037.
    df = collocations(docs, min_freq=2).set_index(["node", "collocate"])
    row = df.loc[("new", "york")]
    assert (row["count"], row["node_total"], row["collocate_total"], row["n"]) == (2, 3, 2, 8)
    assert row["pmi"] == pytest.approx(1.415037, abs=1e-6)
    assert ("is", "big") not in df.index  # count 1 < min_freq 2


def test_window_collocates_count_positions_once():
    docs = ["new york is big", "new york is old"]
    # Node 'york', window 1: positions inside = new, is in each document -> node_total = 4;
    # n = 8 tokens; 'is': O = 2, f = 2, E = 4 * 2 / 8 = 1, PMI = log2(2) = 1.
    df = collocations(docs, "York", window=1, min_freq=1).set_index("collocate")
    assert df.loc["is", "node_total"] == 4
    assert df.loc["is", "pmi"] == pytest.approx(1.0)
    assert "york" not in df.index
