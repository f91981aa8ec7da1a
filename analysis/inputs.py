"""The one input contract of the package's functions that read documents.

Every such function takes ``data`` as one of:

* one text (``str``): one document;
* a sequence of texts (a list, a tuple, a NumPy array, a pandas ``Series``);
* a ``DataFrame`` plus ``text_column`` (default ``"text"``), whose other columns the function
  may carry over.

:func:`texts_of` is the one checker: it returns the texts and the index the result rows keep
(the Series' or frame's own index, else ``0..n-1``), and raises with one message style, "<function>():
what is wrong; what to pass". Functions that mark bad rows instead of refusing them
(:func:`analysis.pipeline.featurize`: a missing, numeric or binary cell gets a ``status`` and a
``reason``) ask for the values unchecked (``strict=False``). Instruments that return character
offsets into one text (quotations, attributions, hedging markers, actor mentions) take one
text: their offsets would mean nothing across documents.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

__all__ = ["texts_of"]

_CONTRACT = "a text, a sequence of texts, or a DataFrame with a text column"


def texts_of(data, text_column: str = "text", *, function: str = "this function",
             strict: bool = True) -> tuple[list, pd.Index]:
    """``texts_of(data, text_column="text", function=..., strict=True)``: ``(texts, index)``.

    ``data`` as the module docstring says. ``strict=True``: every text must be a ``str`` (a
    ``TypeError`` names the first document that is not, by its index label); ``strict=False``:
    the values come back as they are, for a caller that marks bad rows itself. Errors:
    ``TypeError`` for anything else than the three shapes (including a bare ``bytes`` object or
    ``None``), ``KeyError`` naming the missing column and the columns there are.
    """
    if isinstance(data, str):
        values, index = [data], pd.RangeIndex(1)
    elif isinstance(data, pd.DataFrame):
        if text_column not in data.columns:
            raise KeyError(f"{function}(): no text column {text_column!r}; the columns are {list(data.columns)} "
                           "(pass text_column=...)")
        values, index = data[text_column].tolist(), data.index
    elif isinstance(data, pd.Series):
        values, index = data.tolist(), data.index
    elif isinstance(data, Iterable) and not isinstance(data, (bytes, bytearray, dict)):
        values = list(data.ravel() if hasattr(data, "ravel") else data)
        index = pd.RangeIndex(len(values))
    else:
        raise TypeError(f"{function}(): expected {_CONTRACT}; got {type(data).__name__}")
    if strict:
        for label, value in zip(index, values):
            if not isinstance(value, str):
                raise TypeError(f"{function}(): document {label!r} is {type(value).__name__}; expected a text (str)")
    return values, index
