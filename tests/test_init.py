"""The package's public API resolves, and ``import analysis`` stays light."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import analysis


def test_every_public_name_is_the_object_it_names():
    """Each lazy public name is its module's callable, even after every submodule was imported
    (a submodule named like a public function would shadow it: ``analysis.sentiment_models``)."""
    for module in pkgutil.walk_packages(analysis.__path__, "analysis."):
        if not module.name.endswith("__main__"):
            importlib.import_module(module.name)
    for name, module in analysis._LAZY.items():
        expected = getattr(importlib.import_module(module), name)
        assert getattr(analysis, name) is expected and callable(expected), name
    for name in analysis.__all__:
        assert getattr(analysis, name) is not None, name


def test_import_does_not_load_heavy_modules():
    code = "import sys, analysis; print(sorted(m for m in ('sklearn', 'analysis.sentiment') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
