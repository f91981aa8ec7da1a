"""``python -m analysis.evaluate NAME [args]``: run the benchmark module ``analysis.evaluate.NAME``."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import analysis.evaluate as package


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    if not argv or argv[0] not in names:
        print(f"usage: python -m analysis.evaluate {{{','.join(names)}}} [options]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"analysis.evaluate.{argv[0]}")
    return int(module.main(argv[1:]) or 0)


if __name__ == "__main__":
    sys.exit(main())
