"""Tests for analysis.inputs: the one input contract and its error messages."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from analysis.inputs import texts_of


def test_the_three_shapes():
    assert texts_of("one text") == (["one text"], pd.RangeIndex(1))
    texts, index = texts_of(["a", "b"])
    assert texts == ["a", "b"] and list(index) == [0, 1]
    texts, index = texts_of(np.array(["a", "b"], dtype=object))
    assert texts == ["a", "b"]
    texts, index = texts_of(pd.Series(["a", "b"], index=[7, 9]))
    assert texts == ["a", "b"] and list(index) == [7, 9]
    frame = pd.DataFrame({"body": ["x", "y"], "group": ["g", "h"]}, index=["d1", "d2"])
    texts, index = texts_of(frame, "body")
    assert texts == ["x", "y"] and list(index) == ["d1", "d2"]


def test_one_message_style():
    with pytest.raises(KeyError, match=r"f\(\): no text column 'text'; the columns are \['body'\]"):
        texts_of(pd.DataFrame({"body": ["x"]}), function="f")
    with pytest.raises(TypeError, match=r"f\(\): expected a text, a sequence of texts, or a DataFrame"):
        texts_of(None, function="f")
    with pytest.raises(TypeError, match=r"got bytes"):
        texts_of(b"bytes", function="f")
    with pytest.raises(TypeError, match=r"f\(\): document 'd2' is int; expected a text \(str\)"):
        texts_of(pd.Series(["x", 3], index=["d1", "d2"]), function="f")


def test_unchecked_values_for_callers_that_mark_rows():
    texts, _ = texts_of(pd.Series(["x", None, 3]), strict=False)
    assert texts == ["x", None, 3]
