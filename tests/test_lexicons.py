"""Matching rules of :class:`analysis.lexicons.Lexicon`, and every lexicon as read from the mirror.

The small lexicon below is made up for the rules; expected counts are worked out by reading the
token lists against its patterns by hand (each case says how).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.data import LicenceNotAccepted
from analysis.lexicons import LEXICONS, Lexicon, get_lexicon, list_lexicons


def toy(patterns: dict[str, str] | pd.DataFrame, globs: bool = True) -> Lexicon:
    """A made-up lexicon: ``{pattern: category}`` (no weights) or an entries frame; ``*`` and
    ``?`` are wildcards unless ``globs=False``."""
    entries = patterns
    if isinstance(patterns, dict):
        entries = pd.DataFrame({"pattern": list(patterns), "category": list(patterns.values())})
        entries["weight"] = np.nan
    return Lexicon(
        name="toy", title="toy", version="0", licence="none", citation="none", dataset="none",
        url="", sha256="", opt_in=False, entries=entries, globs=globs,
    )


def counts(lexicon: Lexicon, *docs: list[str]) -> list[dict]:
    frame = lexicon.counts(list(docs)).drop(columns="n_tokens")
    return [{k: v for k, v in row.items() if v} for row in frame.to_dict("records")]


def test_prefix_glob_matches_words_that_start_with_it_only():
    lex = toy({"abandon*": "neg"})
    # abandon, abandoned, ABANDONING start with "abandon"; bandon and unabandoned do not
    assert counts(lex, ["abandon", "abandoned", "ABANDONING", "bandon", "unabandoned"]) == [
        {"neg": 3}
    ]


def test_question_mark_is_exactly_one_character():
    lex = toy({"col?r": "x"})
    assert counts(lex, ["color", "colour", "colr"]) == [{"x": 1}]  # only "color" has 1 char


def test_star_and_question_mark_are_literal_without_globs():
    lex = toy({":*": "pos", "?:(": "neg", "col?r": "x"}, globs=False)
    # read literally, ":*" is only the two characters ":*" and "?:(" only "?:("; with globs,
    # ":*" would also take ":" and ":-)", and "col?r" would take "color"
    assert counts(lex, [":", ":-)", "color"], [":*", "?:(", "col?r"]) == [{}, {"pos": 1, "neg": 1, "x": 1}]


def test_vader_emoticons_with_star_are_literal():
    vader = get_lexicon("vader")
    # vader_lexicon.txt lists ":*" (2.5) and "(*" but not ":"; as globs, ":*" would take ":"
    hits = vader.matches([[":"], [":*"], ["(*"]])
    assert hits[["doc", "pattern"]].values.tolist() == [[1, ":*"], [2, "(*"]]
    assert not get_lexicon("vader").globs and LEXICONS["lsd2015"].globs and LEXICONS["mpqa"].globs


def test_exact_word_beats_glob_and_longer_glob_beats_shorter():
    lex = toy({"apologis*": "pos", "apologist": "neg", "care*": "pos", "careless*": "neg"})
    # apologist: exact (neg) beats apologis*; apologise: only apologis* (pos);
    # carelessly: careless* (9 literal chars) beats care* (4); caring: neither
    assert counts(lex, ["apologist", "apologise", "carelessly", "caring"]) == [
        {"neg": 2, "pos": 1}
    ]


def test_phrase_consumes_its_tokens_so_negation_is_not_double_counted():
    lex = toy({"good*": "positive", "not good*": "neg_positive"})
    # "not good" is one neg_positive match; the later "good" alone is positive
    doc = ["it", "is", "not", "good", ",", "good"]
    assert counts(lex, doc) == [{"neg_positive": 1, "positive": 1}]
    hits = lex.matches([doc])
    assert hits[["start", "end", "matched"]].values.tolist() == [
        [2, 4, "not good"],
        [5, 6, "good"],
    ]


def test_phrases_do_not_cross_documents_and_a_bare_first_word_is_no_match():
    lex = toy({"not good*": "neg_positive"})
    assert counts(lex, ["not"], ["good"], ["not", "goodness"]) == [{}, {}, {"neg_positive": 1}]


def test_longest_phrase_wins_and_matches_do_not_overlap():
    lex = toy({"level playing field": "long", "playing field": "short", "field": "word"})
    # the three-word phrase takes all three tokens; the final "field" is a word on its own
    assert counts(lex, ["level", "playing", "field", "field"]) == [{"long": 1, "word": 1}]


def test_a_pattern_in_two_categories_counts_in_both_and_weights_sum():
    both = toy(
        pd.DataFrame(
            {
                "pattern": ["vulnerable", "vulnerable", "harm"],
                "category": ["care.virtue", "care.vice", "care.vice"],
                "weight": [0.5, 0.25, 2.0],
            }
        )
    )
    assert counts(both, ["vulnerable", "harm"]) == [{"care.virtue": 1, "care.vice": 2}]
    weighted = both.counts([["vulnerable", "harm"]], value="weight")
    # care.virtue: 0.5; care.vice: 0.25 (vulnerable) + 2.0 (harm)
    assert weighted.loc[0, ["care.virtue", "care.vice"]].tolist() == [0.5, 2.25]


def test_count_matrix_by_pattern_is_a_document_term_matrix():
    lex = toy({"war*": "neg", "peace": "pos"})
    matrix, labels = lex.count_matrix([["war", "wars", "peace"], [], ["peace"]], by="pattern")
    assert list(labels) == ["war*", "peace"]
    assert matrix.toarray().tolist() == [[2, 1], [0, 0], [0, 1]]


def test_bad_input_is_refused_with_a_clear_message():
    lex = toy({"war": "neg"})
    with pytest.raises(TypeError, match="list of token lists"):
        lex.counts(["war", "peace"])
    with pytest.raises(TypeError, match="strings"):
        lex.counts([["war", None]])
    with pytest.raises(ValueError, match="not numeric"):
        lex.counts([["war"]], value="weight")  # toy weights are NaN


def test_vader_is_always_available_with_its_metadata():
    vader = get_lexicon("vader")
    assert len(vader) == 7506  # 7,520 lines, 14 tokens listed twice (last line kept, as VADER)
    assert vader.licence == "MIT" and "Hutto" in vader.citation
    assert len(vader.sha256) == 64 and vader.version
    row = vader.entries.set_index("pattern").loc["good"]
    assert (row["category"], row["weight"]) == ("positive", 1.9)  # vader_lexicon.txt: good 1.9


@pytest.mark.corpus
@pytest.mark.parametrize(
    "name, dataset, n_entries",
    [
        ("hu-liu", "nltk-data", 6789),  # 2,006 positive + 4,783 negative
        ("stopwords", "nltk-data", 179),
        ("lsd2015", "lexicoder-lsd2015", 9148),  # 2,858 + 1,709 + 1,721 + 2,860
        ("mpqa", "mpqa-subjectivity", 8222),  # one per line of the .tff
        ("mfd2", "moral-foundations-2.0", 2103),  # 2,040 distinct words, 63 in two categories
        ("emfd", "emfd", 16350),  # 3,270 words x 5 foundations
        ("nrc-emolex", "nrc-emolex", 13901),  # (word, emotion) pairs flagged 1
    ],
)
def test_entry_counts_and_provenance(require, name, dataset, n_entries):
    require(dataset)
    lexicon = get_lexicon(name, accept_licence=True)
    assert len(lexicon) == n_entries
    assert lexicon.dataset == dataset and len(lexicon.sha256) == 64
    assert lexicon.licence and lexicon.citation and lexicon.version
    assert lexicon.entries["pattern"].str.len().gt(0).all()


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["lsd2015", "emfd", "nrc-emolex"])
def test_opt_in_lexicons_refuse_without_acceptance(require, monkeypatch, name):
    require(LEXICONS[name].dataset)
    monkeypatch.delenv("ANALYSIS_ACCEPT_LICENCES", raising=False)
    with pytest.raises(LicenceNotAccepted, match="opt-in"):
        get_lexicon(name)


@pytest.mark.corpus
def test_lsd2015_negation_phrases_and_globs(require):
    require("lexicoder-lsd2015")
    lsd = get_lexicon("lsd2015", accept_licence=True)
    doc = "the regime was not abandoned but abandoned , not good".split()
    hits = lsd.matches([doc])
    # "not abandoned" matches the neg_negative phrase "not abandon*" (counted positive);
    # the lone "abandoned" matches "abandon*" (negative); "not good" is neg_positive
    assert hits[["matched", "pattern", "category", "polarity"]].values.tolist() == [
        ["not abandoned", "not abandon*", "neg_negative", "positive"],
        ["abandoned", "abandon*", "negative", "negative"],
        ["not good", "not good", "neg_positive", "negative"],
    ]


@pytest.mark.corpus
def test_mpqa_stemmed_clue_is_a_glob(require):
    require("mpqa-subjectivity")
    mpqa = get_lexicon("mpqa")
    # the .tff has "abandon pos1=verb stemmed1=y" and "abandoned pos1=adj stemmed1=n":
    # "abandoned" matches the exact clue (more specific), "abandons" only the stemmed one
    hits = mpqa.matches([["abandoned", "abandons"]])
    assert hits[["matched", "pattern", "strength", "stemmed"]].values.tolist() == [
        ["abandoned", "abandoned", "weak", False],
        ["abandons", "abandon*", "weak", True],
    ]


@pytest.mark.corpus
def test_mfd2_phrase(require):
    require("moral-foundations-2.0")
    mfd = get_lexicon("mfd2")
    # "civil rights" is a fairness.virtue phrase in mfd2.0.dic; "rights" alone is one too
    assert counts(mfd, ["civil", "rights"], ["rights"]) == [
        {"fairness.virtue": 1},
        {"fairness.virtue": 1},
    ]


def test_list_lexicons_names_every_lexicon():
    listing = list_lexicons()
    assert listing["name"].tolist() == list(LEXICONS)
    assert listing.set_index("name").loc[["lsd2015", "emfd", "nrc-emolex"], "opt_in"].all()
    assert not listing.set_index("name").loc["vader", "opt_in"]
