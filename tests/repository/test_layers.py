"""Imports run with the flow: core ← models ← cards ← site/social/watch/… ← cli.

Each module of ``generator`` has a layer; a module may import its own layer or lower
ones, never higher. This keeps the map in ``generator/core/__init__.py`` and DESIGN.md
true: the core imports no area, models never reach for cards or pages, and nothing but
the CLI layer assembles commands.
"""

from __future__ import annotations

from tests.project import ROOT
from tests.repository.imports import imports, modules

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
    "generator.social.channels": 1,  # the channel table: data the kit reads too
    "generator.social.limits": 1,  # each service's rules: pure functions on text
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
    best = max((p for p in LAYERS if module == p or module.startswith(p + ".")), key=len)
    return LAYERS[best]


def test_no_import_runs_against_the_flow() -> None:
    wrong = []
    for path, mine in modules():
        for found in imports(path):
            other = found.resolved  # through an entrance: the module that defines the name
            if other in ("generator.__version__", "generator"):
                continue
            if layer(other) > layer(mine):
                wrong.append(
                    f"{path.relative_to(ROOT)}:{found.line}: {mine} ({NAMES[layer(mine)]}) "
                    f"importerer {other} ({NAMES[layer(other)]})"
                )
    assert not wrong, "\n".join(wrong)


def test_the_guard_sees_a_wrong_import() -> None:
    assert layer("generator.core.config") < layer("generator.facts") < layer("generator.images")
    assert layer("generator.images.cards") < layer("generator.site.build")
    # An area's commands are part of the area: they may not reach above it either.
    assert layer("generator.watch.commands") == layer("generator.watch") < layer("generator.cli")
    assert layer("generator.pdf.commands") < layer("generator.site.letter_command")
    assert layer("generator.campaigns.cards") == layer("generator.images")
