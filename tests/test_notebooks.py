"""The committed notebooks: paired with their py:percent scripts, executed in order, no errors.

(nbmake, run by ``make test``, executes each one again; this file checks what is committed.)
"""

from __future__ import annotations

import json
import re

import jupytext
import pytest

from analysis import config

NOTEBOOK_DIR = config.PROJECT_DIR / "notebooks"
SCRIPTS = sorted(NOTEBOOK_DIR.glob("[0-9]*.py"))
MARKDOWN_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)\)")  # ![alt](path): the path


def code_cells(notebook) -> list[str]:
    return [c.source.strip() for c in notebook.cells if c.cell_type == "code"]


def test_there_are_notebooks():
    assert SCRIPTS, "no notebooks/NN_*.py found"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_paired_and_in_sync(script):
    ipynb = script.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} missing: run `make analysis`"
    assert code_cells(jupytext.read(script)) == code_cells(jupytext.read(ipynb)), (
        f"{ipynb.name} is out of date with {script.name}: run `make analysis`"
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_committed_executed_in_order_without_errors(script):
    cells = json.loads(script.with_suffix(".ipynb").read_text())["cells"]
    code = [c for c in cells if c["cell_type"] == "code" and "".join(c["source"]).strip()]
    counts = [c["execution_count"] for c in code]
    assert None not in counts, "unexecuted cells"
    assert counts == sorted(counts), "cells were run out of order"
    errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors[0].get("ename") if errors else ""


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_has_papermill_parameters(script):
    notebook = jupytext.read(script)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, "exactly one cell tagged 'parameters'"


def test_readme_figures_exist():
    """Every image the README embeds is a file in the repository (reports/ is not in git)."""
    readme = (config.PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    images = MARKDOWN_IMAGE.findall(readme)
    assert images, "the README embeds no figure"
    for image in images:
        assert not image.startswith("reports/"), f"{image}: reports/ is git-ignored; use docs/"
        assert (config.PROJECT_DIR / image).is_file(), f"{image} is missing: run `make analysis`"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_every_figure_is_inline(script):
    """A reader of the rendered notebook sees each plot: every code cell that draws holds a PNG
    (a kernel started with MPLBACKEND=Agg would draw none)."""
    cells = json.loads(script.with_suffix(".ipynb").read_text())["cells"]
    drawing = [c for c in cells if c["cell_type"] == "code" and re.search(r"\bplots\.\w+_plot\(", "".join(c["source"]))]
    for cell in drawing:
        outputs = cell.get("outputs", [])
        skipped = any("skipped" in "".join(o.get("text", "")) or "not available" in "".join(o.get("text", ""))
                      for o in outputs if o.get("output_type") == "stream")
        assert skipped or any("image/png" in o.get("data", {}) for o in outputs), (
            f"a plotting cell of {script.with_suffix('.ipynb').name} holds no image: "
            f"{''.join(cell['source'])[:80]!r}")
