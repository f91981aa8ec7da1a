"""Faster scans for case-insensitive rule patterns: the same matches, found on lower-cased text.

Python's ``re`` runs an alternation of words several times faster without ``IGNORECASE``: a
branch that starts with a plain literal is skipped after one character comparison, a
case-insensitive one (or one that opens a named group) is entered. So a rule pattern compiled
with ``re.IGNORECASE`` gets a *lower-case twin* (:func:`lower_case_twin`): the same expression
with its letters in lower case and no case flags or named groups, run on ``text.lower()``. For
a text with the same offsets in lower case (:func:`lowered`) the twin matches wherever the
pattern does, and maybe elsewhere: a case-sensitive part ("(?-i:may)", "[A-Z]") becomes
caseless. :func:`finditer` therefore uses the twin only to find where to try the exact
pattern, and yields the exact pattern's own matches, so results are identical to
``pattern.finditer(text)`` (tested); :func:`candidates` gives the twin's matches as a superset
for callers that check each match anyway. :func:`word_prefixes` reads, from the parsed pattern,
the letters every match must start a word with, so a caller can skip a text where no word
starts that way without scanning it.

Where the twin would not be a superset, the exact pattern scans as before. No twin for a pattern
with a back-reference, an escape that names a character by its code (``\\x41``, ``\\N{...}``),
or a case-sensitive part that excludes text (a negated class or character, or anything cased in
a negative lookaround): lower-cased, it would exclude more, not less. No lower-cased text when
lower-casing changes the length ("İ") or gives a letter that ``IGNORECASE`` equates with a letter
of another lower case (the long s "ſ" matches "s"; Greek and Cyrillic variants).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

try:  # CPython's private regex parser (3.11+): the parse tree decides when the twin is safe
    import re._constants as sre
    import re._parser as sre_parse
except ImportError:  # another interpreter: no twins, no prefixes; exact scans give the same matches
    sre = sre_parse = None

_CODE_ESCAPE = re.compile(r"\\[xuUN0-9]")
_CASE_SCOPES = re.compile(r"\(\?-?i:")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_ESCAPE_OR_CHAR = re.compile(r"\\.|.", re.S)
#: Lower-case letters other than i and s that IGNORECASE equates with a letter of another lower
#: case (CPython 3.11 ``re._casefix._EXTRA_CASES``; tested to agree).
SPECIAL_FOLDS = frozenset(
    "\xb5\u0131\u017f\u0345\u0390\u03b0\u03b2\u03b5\u03b8\u03b9\u03ba\u03bc\u03c0\u03c1\u03c2"
    "\u03c3\u03c6\u03d0\u03d1\u03d5\u03d6\u03f0\u03f1\u03f5\u0432\u0434\u043e\u0441\u0442\u044a"
    "\u0463\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88\u1e61\u1e9b\u1fbe\u1fd3\u1fe3"
    "\ua64b\ufb05\ufb06"
)


def _parse(source, flags):
    """The parse tree of a pattern, or None where the private parser is missing or fails (then
    callers fall back to the exact pattern: slower, same matches)."""
    if sre_parse is None:
        return None
    try:
        return sre_parse.parse(source, flags)
    except Exception:  # a private API: any change in it must cost speed, never correctness
        return None


def lowered(text: str) -> str | None:
    """``text.lower()`` if its offsets are those of ``text`` and ``IGNORECASE`` matching of
    ``text`` is literal matching of it (module docstring), else None."""
    lower = text.lower()
    if text.isascii() or len(lower) == len(text) and SPECIAL_FOLDS.isdisjoint(lower):
        return lower
    return None


def _cased(code: int) -> bool:
    return chr(code) != chr(code).swapcase()


def _twin_is_superset(items, ignorecase: bool, negative: bool) -> bool:
    """Whether the lower-cased copy of these parsed items matches at least what they match:
    nothing case-sensitive and cased may exclude text."""
    for op, av in items:
        if op is sre.SUBPATTERN:
            _, added, removed, sub = av
            scoped = (ignorecase or bool(added & re.I)) and not removed & re.I
            safe = _twin_is_superset(sub, scoped, negative)
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            safe = _twin_is_superset(av[1], ignorecase, negative or op is sre.ASSERT_NOT)
        elif op is sre.BRANCH:
            safe = all(_twin_is_superset(branch, ignorecase, negative) for branch in av[1])
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            safe = _twin_is_superset(av[2], ignorecase, negative)
        elif op is sre.ATOMIC_GROUP:
            safe = _twin_is_superset(av, ignorecase, negative)
        elif op in (sre.LITERAL, sre.NOT_LITERAL):
            safe = ignorecase or not _cased(av) or (op is sre.LITERAL and not negative)
        elif op is sre.IN:
            excludes = negative or any(o is sre.NEGATE for o, _ in av)
            cased = any(
                o is sre.LITERAL and _cased(a) or o is sre.RANGE and any(map(_cased, range(a[0], a[1] + 1)))
                for o, a in av
            )
            safe = ignorecase or not (excludes and cased)
        else:  # back-references fail; AT, ANY, CATEGORY are caseless
            safe = op not in (sre.GROUPREF, sre.GROUPREF_EXISTS)
        if not safe:
            return False
    return True


@lru_cache(maxsize=256)
def lower_case_twin(pattern: re.Pattern) -> re.Pattern | None:
    """The lower-case twin of a case-insensitive ``pattern`` (module docstring), or None."""
    source = pattern.pattern
    if not isinstance(source, str) or not pattern.flags & re.IGNORECASE or _CODE_ESCAPE.search(source):
        return None
    parsed = _parse(source, pattern.flags)
    if lowered(source) is None or parsed is None or not _twin_is_superset(parsed, True, False):
        return None
    source = _NAMED_GROUP.sub("(?:", _CASE_SCOPES.sub("(?:", source))
    twin = "".join(
        part if part.startswith("\\") else part.lower() for part in _ESCAPE_OR_CHAR.findall(source)
    )
    return re.compile(twin, pattern.flags & ~re.IGNORECASE)


def candidates(pattern: re.Pattern, text: str) -> Iterator[tuple[int, int]]:
    """Spans of the twin's matches in ``text`` (of the exact pattern's when there is no twin or no
    lower-cased text): every match of ``pattern`` starts at one of these starts or inside one."""
    lower, twin = lowered(text), lower_case_twin(pattern)
    for m in twin.finditer(lower) if twin is not None and lower is not None else pattern.finditer(text):
        yield m.span()


@lru_cache(maxsize=256)
def _opener(twin: re.Pattern) -> re.Pattern | None:
    """A trie of the twin's :func:`word_prefixes` after a word boundary, or None."""
    prefixes = word_prefixes(twin)
    return None if prefixes is None else re.compile(r"\b" + trie(prefixes))


def finditer(pattern: re.Pattern, text: str) -> Iterator[re.Match]:
    """Exactly ``pattern.finditer(text)`` for a pattern whose matches are never empty, faster
    for a case-insensitive alternation (module docstring): the exact pattern is tried only
    where the twin matches, and the twin only where a word starts with one of its
    :func:`word_prefixes` (when it has them; else the twin scans the text)."""
    lower, twin = lowered(text), lower_case_twin(pattern)
    if twin is None or lower is None:
        yield from pattern.finditer(text)
        return
    opener, position = _opener(twin), 0
    if opener is not None:
        for opened in opener.finditer(lower):
            if opened.start() >= position and twin.match(lower, opened.start()) is not None:
                exact = pattern.match(text, opened.start())
                if exact is not None and exact.end() > exact.start():
                    yield exact
                    position = exact.end()
        return
    while (found := twin.search(lower, position)) is not None:
        exact = pattern.match(text, found.start())
        if exact is not None and exact.end() > exact.start():
            yield exact
            position = exact.end()
        else:
            position = found.start() + 1


_NOT_AFTER_WORD = [(sre.IN, [(sre.CATEGORY, sre.CATEGORY_WORD)])] if sre else None  # (?<!\w)


def _is_word_start(item) -> bool:
    """Whether a parsed item is ``\\b`` or ``(?<!\\w)``."""
    op, av = item
    return (op is sre.AT and av is sre.AT_BOUNDARY) or (
        op is sre.ASSERT_NOT and av[0] == -1 and list(av[1]) == _NOT_AFTER_WORD
    )


def _is_word_char(code: int) -> bool:
    return chr(code).isalnum() or chr(code) == "_"


def _prefixes(items) -> set[str] | None:
    """Word-character strings one of which starts every match of the parsed items, or None."""
    if not items:
        return None
    op, av = items[0]
    if op is sre.LITERAL:
        run = ""
        for op, av in items:
            if op is not sre.LITERAL or not _is_word_char(av):
                break
            run += chr(av)
        return {run} if run else None
    if op is sre.BRANCH:
        found = [_prefixes(list(branch)) for branch in av[1]]
        return None if None in found else set().union(*found)
    if op is sre.SUBPATTERN:
        return _prefixes(list(av[3]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        inside = _prefixes(list(av[2]))
        if av[0] >= 1 or inside is None:
            return inside
        after = _prefixes(items[1:])  # optional: the match may start after it
        return None if after is None else inside | after
    if op is sre.IN and all(o is sre.LITERAL and _is_word_char(a) for o, a in av):
        return {chr(a) for _, a in av}
    return None


def _boundary_prefixes(items) -> set[str] | None:
    """:func:`_prefixes` after a word boundary that opens the items (or each of their branches)."""
    if not items:
        return None
    op, av = items[0]
    if _is_word_start(items[0]):
        return _prefixes(items[1:])
    if op is sre.BRANCH:
        found = [_boundary_prefixes(list(branch)) for branch in av[1]]
        return None if None in found else set().union(*found)
    if op is sre.SUBPATTERN:
        return _boundary_prefixes(list(av[3]))
    return None


@lru_cache(maxsize=256)
def word_prefixes(pattern: re.Pattern) -> frozenset[str] | None:
    """For a pattern whose every match starts at a word boundary (``\\b`` or ``(?<!\\w)``, first
    or first in every branch) with literal word characters: those characters, one run of which
    starts every match (a run ends at the first non-word character: "hit out at" gives "hit").
    None for any other pattern. A text can match only where a word starts with one of them."""
    parsed = _parse(pattern.pattern, pattern.flags)
    found = _boundary_prefixes(list(parsed)) if parsed is not None else None
    return frozenset(found) if found else None


def trie(words) -> str:
    """A pattern matching the longest of ``words`` that starts at a position, as a trie (one
    branch per next character, greedy optional continuations), which ``re`` runs far faster than
    an alternation of hundreds of words."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(char) + build(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(root)
