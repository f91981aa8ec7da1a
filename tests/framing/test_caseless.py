import re
import re._casefix

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.framing import _caseless
from analysis.framing.hedging import _compile, _frozen

HEDGES = _compile(_frozen(None))[0]
MAY = re.compile(r"(?<!\w)(?:(?-i:may)(?= [a-z])|maybe)(?!\w)", re.I)


def _spans(matches):
    return [m.span() for m in matches]


def test_special_folds_are_cpythons_extra_cases():
    extra = {chr(c) for c, others in re._casefix._EXTRA_CASES.items()} | {
        chr(o) for others in re._casefix._EXTRA_CASES.values() for o in others
    }
    assert _caseless.SPECIAL_FOLDS == frozenset(extra) - {"i", "s"}


def test_lowered_keeps_offsets_or_refuses():
    assert _caseless.lowered("Café MAY") == "café may"
    assert _caseless.lowered("İstanbul") is None  # lower case is one character longer
    assert _caseless.lowered("Meſſe") is None  # the long s matches "s" only under IGNORECASE


def test_case_sensitive_part_is_checked_on_the_original_text():
    # "May 9" is no hedge (lower-case "may" only); the twin finds it, the exact pattern refuses:
    # by hand, "maybe" at 13 and "may" at 23 remain.
    text = "May 9 it is, maybe. It may rain."
    assert _caseless.lower_case_twin(MAY) is not None
    assert _spans(_caseless.finditer(MAY, text)) == [(13, 18), (23, 26)] == _spans(MAY.finditer(text))


@pytest.mark.parametrize(
    "pattern",
    [
        r"may",  # not case-insensitive: nothing to gain
        r"(?i:(?!(?-i:Foo))\w+)",  # case-sensitive words inside a negative lookahead
        r"(?-i:[^A-Z])x",  # case-sensitive negated class
        r"(\w)\1",  # back-reference
        r"\x41b",  # a character named by its code stays upper case
    ],
)
def test_no_twin_where_it_would_not_be_a_superset(pattern):
    flags = 0 if pattern == "may" else re.I
    assert _caseless.lower_case_twin(re.compile(pattern, flags)) is None


def test_twin_drops_case_flags_and_named_groups():
    twin = _caseless.lower_case_twin(re.compile(r"(?P<e0>Foo)|(?-i:[A-Z]\w+)", re.I))
    assert twin.pattern == r"(?:foo)|(?:[a-z]\w+)" and not twin.flags & re.I


def test_candidates_cover_every_match():
    text = "Mother of two, says the MAYOR. May be."
    starts = [s for s, _ in _caseless.candidates(MAY, text)]
    assert all(m.start() in starts for m in MAY.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="aAmMyYbBeEsSkK\u212aıſİ \n.'-", max_size=60))
def test_finditer_is_exactly_the_patterns(text):
    for pattern in (HEDGES, MAY, re.compile(r"\b(?:ask|mask|s?kim)\w*", re.I)):
        assert _spans(_caseless.finditer(pattern, text)) == _spans(pattern.finditer(text))


def test_word_prefixes_of_branches_and_optional_starts():
    pattern = re.compile(r"\b(?:hit out at|accus\w*|(?:the )?other side|[xy]es)|\bpro- and anti-")
    # runs of literal word characters each match starts with: "hit" (up to the space), "accus",
    # "the" or, the group being optional, "other"; the class gives "x" and "y"; "pro" (up to "-")
    assert _caseless.word_prefixes(pattern) == {"hit", "accus", "the", "other", "x", "y", "pro"}


@pytest.mark.parametrize("pattern", [r"accus\w*", r"(?:\$|\busd)\d", r"\b\d+ dollars", r"\b(?:a|\w+ed)"])
def test_no_word_prefixes_without_a_boundary_and_a_literal_word_start(pattern):
    assert _caseless.word_prefixes(re.compile(pattern)) is None


WORDS = re.compile(r"\w+")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcehilnorstx -.", max_size=60))
def test_a_match_starts_a_word_with_one_of_the_prefixes(text):
    pattern = re.compile(r"\b(?:(?:the )?other side|lie[sd]?|cost\w*|rift)\b")
    prefixes = _caseless.word_prefixes(pattern)
    words = WORDS.findall(text)
    if pattern.search(text):
        assert any(word.startswith(prefix) for word in words for prefix in prefixes)


def test_word_prefixes_after_a_lookbehind_boundary():
    assert _caseless.word_prefixes(re.compile(r"(?<!\w)(?:foo\w*|bar)(?!\w)")) == {"foo", "bar"}


def test_trie_matches_the_longest_word_at_a_position():
    pattern = re.compile(r"\b" + _caseless.trie(["critic", "critici", "critics", "crisis", "a"]))
    # "criticism" starts with "critici" (longest), "critics" with itself; "ab" with "a"; "crit" with none
    assert pattern.findall("criticism of critics in a crisis, ab crit") == ["critici", "critics", "a", "crisis", "a"]


def test_without_the_private_parser_scans_are_exact(monkeypatch):
    """`re._parser` is CPython's private API: without it, no twin and no prefixes, same matches."""
    from analysis.framing import _caseless

    monkeypatch.setattr(_caseless, "sre_parse", None)
    pattern = re.compile(r"\b(?:sanction\w*|stalemate)\b", re.I)
    _caseless.lower_case_twin.cache_clear()
    _caseless.word_prefixes.cache_clear()
    try:
        assert _caseless.lower_case_twin(pattern) is None and _caseless.word_prefixes(pattern) is None
        text = "Sanctions and a STALEMATE; no sanction-free stalemates."
        assert [m.span() for m in _caseless.finditer(pattern, text)] == [(0, 9), (16, 25), (30, 38)]
    finally:
        _caseless.lower_case_twin.cache_clear()
        _caseless.word_prefixes.cache_clear()
