import numpy as np
import pytest

from analysis import embeddings

needs_extra = pytest.mark.skipif(not embeddings.available(), reason="the optional embeddings extra is not installed")


@needs_extra
def test_encode_gives_unit_rows_in_order():
    vectors = embeddings.encode(["Putin praised Kim.", "Putin praised Kim.", "The weather was cold."])
    assert vectors.shape == (3, embeddings.DIMENSIONS) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)  # normalised
    assert vectors[0] @ vectors[1] == pytest.approx(1.0, abs=1e-5)  # same text, same vector
    assert vectors[0] @ vectors[2] < 0.9
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)


def test_missing_extra_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(embeddings, "available", lambda: False)
    embeddings._model.cache_clear()
    try:
        with pytest.raises(ImportError, match=r"\[embeddings\]"):
            embeddings.encode(["text"])
    finally:
        embeddings._model.cache_clear()
