"""Shared fixtures. Corpus tests need third-party files from the mirror or the cache.

Where they are absent, a test is skipped with the reason, except in CI (``CI=true``), where the
mirror is promised and a missing dataset is a failure, so CI can never pass by skipping.
"""

from __future__ import annotations

import os

import pytest

from analysis import config
from analysis.data import is_available


def _require(*datasets: str) -> None:
    missing = [d for d in datasets if not is_available(d)]
    if not missing:
        return
    message = f"datasets not in ANALYSIS_MIRROR ({config.mirror_dir()}) or the cache: {missing}"
    if os.environ.get("CI", "").lower() in {"1", "true"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def require():
    """``require("kcna-2024", ...)`` skips (or, in CI, fails) when a dataset is not local."""
    return _require
