"""The package's layers: no module imports from a layer above its own (at module level or inside
a function), and every module belongs to a layer. README "Layout" draws the same picture."""

from __future__ import annotations

import ast
from pathlib import Path

import analysis

#: Lowest first. A module may import from its own layer and those below.
LAYERS = (
    ("base", ("analysis.config", "analysis._memo", "analysis.inputs", "analysis.stats", "analysis.artefacts")),
    ("data", ("analysis.data",)),
    ("text", ("analysis.tokenize", "analysis.lexicons", "analysis.lexical", "analysis.tagger")),
    ("instruments", ("analysis.sentiment_models", "analysis.sentiment", "analysis.actor_tone",
                     "analysis.embeddings", "analysis.framing")),
    ("features", ("analysis.pipeline",)),
    ("comparison and plots", ("analysis.keywords", "analysis.compare", "analysis.coverage", "analysis.narrate",
                              "analysis.plots", "analysis.coding")),
    ("evaluation", ("analysis.evaluate",)),
    ("application", ("analysis.cli", "analysis.__main__")),
)
PACKAGE = Path(analysis.__file__).parent


def layer_of(module: str) -> int | None:
    """The layer of a dotted module name: the layer of its longest listed prefix."""
    found = [(len(prefix), i) for i, (_, prefixes) in enumerate(LAYERS) for prefix in prefixes
             if module == prefix or module.startswith(prefix + ".")]
    return max(found)[1] if found else None


def imports(path: Path) -> list[tuple[str, int]]:
    """``(module, line)`` of every ``analysis`` import in a file, wherever it stands."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("analysis"):
            found += [(f"analysis.{a.name}" if node.module == "analysis" else node.module, node.lineno)
                      for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("analysis")]
    return found


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name != "analysis":  # the package's lazy facade re-exports every layer
            yield name, path


def test_layer_of_by_hand():
    assert layer_of("analysis.framing.quotes") == 3 and layer_of("analysis.pipeline") == 4
    assert layer_of("analysis.data.sources.polnear") == 1 and layer_of("analysis.somewhere") is None


def test_every_module_has_a_layer():
    assert [name for name, _ in modules() if layer_of(name) is None] == []


def test_no_module_imports_from_a_layer_above_its_own():
    upward = [
        f"{name} ({LAYERS[layer_of(name)][0]}) imports {target} ({LAYERS[layer_of(target)][0]}), line {line}"
        for name, path in modules() for target, line in imports(path)
        if layer_of(target) is not None and layer_of(target) > layer_of(name)
    ]
    assert upward == []
