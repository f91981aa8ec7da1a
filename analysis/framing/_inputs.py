"""Input checks shared by the framing instruments."""

from __future__ import annotations


def check_texts(texts) -> list[str]:
    """``texts`` as a list of strings; one bare string or a non-string item is a clear TypeError."""
    if isinstance(texts, str):
        raise TypeError("texts must be a sequence of strings, not one string")
    texts = list(texts)
    for i, text in enumerate(texts):
        if not isinstance(text, str):
            raise TypeError(f"texts[{i}] is {type(text).__name__}; expected str")
    return texts
