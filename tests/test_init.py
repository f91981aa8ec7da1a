"""The package's public API resolves, and ``import analysis`` stays light."""

from __future__ import annotations

import subprocess
import sys

import analysis


def test_every_public_name_resolves():
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_import_does_not_load_heavy_modules():
    code = "import sys, analysis; print(sorted(m for m in ('sklearn', 'analysis.sentiment') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
