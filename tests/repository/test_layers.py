"""Imports run with the flow: core ← models ← cards ← site/social/watch/… ← cli.

Each module of ``generator`` has a layer; a module may import its own layer or lower
ones, never higher. This keeps the map in ``generator/core/__init__.py`` and DESIGN.md
true: the core imports no area, models never reach for cards or pages, and nothing but
the CLI layer assembles commands.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.project import ROOT

PACKAGE = ROOT / "generator"

# Longest matching prefix wins.
LAYERS = {
    "generator.core": 0,
    "generator": 0,  # generator/__init__ (version)
    "generator.facts": 1,
    "generator.placeholders": 1,
    "generator.campaigns": 1,
    "generator.campaigns.cards": 2,
    "generator.campaigns.kit": 2,  # the kit holds the cards
    "generator.images": 2,
    "generator.pdf": 2,
    "generator.site": 3,
    "generator.social": 3,
    "generator.watch": 3,
    "generator.handbook": 3,
    "generator.deploy": 3,
    "generator.audit": 3,
    "generator.admin": 3,  # the browser editor at /admin/: its files and generated configuration
    "generator.hosted": 3,  # the state branch: syncs the ledger and the watcher's tables
    "generator.status": 3,  # reads what the other areas record
    "generator.cli": 4,
    "generator.cli_messages": 4,
}
NAMES = {0: "core", 1: "modeller", 2: "kort", 3: "område", 4: "kommandolinje"}


def layer(module: str) -> int:
    if module.endswith(".commands") or ".commands." in module:
        return 4
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
            if node.module == "generator":
                names = [f"generator.{alias.name}" for alias in node.names]
            found += [(node.lineno, n) for n in names if n.startswith("generator")]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.startswith("generator")]
    return found


def test_no_import_runs_against_the_flow() -> None:
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        mine = module_name(path)
        for line, other in imported(path):
            if other == "generator.__version__" or other == "generator":
                continue
            if layer(other) > layer(mine):
                wrong.append(
                    f"{path.relative_to(ROOT)}:{line}: {mine} ({NAMES[layer(mine)]}) "
                    f"importerer {other} ({NAMES[layer(other)]})"
                )
    assert not wrong, "\n".join(wrong)


def test_the_guard_sees_a_wrong_import() -> None:
    assert layer("generator.core.config") < layer("generator.facts") < layer("generator.images")
    assert layer("generator.images.cards") < layer("generator.site.build")
    assert layer("generator.watch.commands") == layer("generator.cli") == 4
    assert layer("generator.campaigns.cards") == layer("generator.images")
