"""Tests for analysis.lexical: MATTR and its additive parts, worked out by hand."""

from __future__ import annotations

import math

import pytest

from analysis.lexical import mattr, mattr_parts


def test_mattr_by_hand():
    # windows of 3 over a b a c: "a b a" has 2 types (2/3), "b a c" has 3 (3/3): mean 5/6
    assert mattr(list("abac"), window=3) == pytest.approx(5 / 6)
    # window 2: "a b", "b a", "a c" are all 2/2
    assert mattr(list("abac"), window=2) == pytest.approx(1.0)
    # shorter than the window: the plain TTR, 3 types / 4 tokens
    assert mattr(list("abac"), window=10) == pytest.approx(0.75)
    assert math.isnan(mattr([]))
    for window in (0, 2.5, True):
        with pytest.raises(ValueError, match="window"):
            mattr(list("ab"), window=window)


def test_mattr_parts_add_up_over_blocks():
    # a b a c, window 3: window TTRs 2/3 and 3/3, so parts (5/3, 2)
    assert mattr_parts(list("abac"), window=3) == (pytest.approx(5 / 3), 2)
    assert mattr_parts([], window=3) == (0.0, 0)
    # two blocks "a b a c" | "c c c": (5/3, 2) + (1/3, 1) -> MATTR 2/3 over the three windows
    # that do not straddle the cut (the whole text has also "a c c" and "c c c" across it)
    total = [sum(p) for p in zip(mattr_parts(list("abac"), 3), mattr_parts(list("ccc"), 3))]
    assert total[0] / total[1] == pytest.approx((2 / 3 + 1 + 1 / 3) / 3)
