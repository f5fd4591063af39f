"""Each package of ``generator`` has one public entrance, and its map names every module.

Other areas import a package only through its ``__init__`` (``__all__``; the names are
loaded from their modules on first use, see ``generator/core/entrance.py``), never an
inner module: what a package keeps inside can move without touching its users. Within a
package, modules import their siblings directly.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys

from tests.project import ROOT
from tests.repository.imports import (
    PACKAGE,
    is_package,
    module_file,
    modules,
    public_names,
    public_table,
)

# The CLI assembles each area's command module; those are the areas' commands, not an API.
COMMAND_MODULES = {"commands", "letter_command"}
AREAS = sorted(f"generator.{p.name}" for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())


def area(module: str) -> str:
    return ".".join(module.split(".")[:2])


def inner_imports(source: str, mine: str) -> list[tuple[int, str]]:
    """(line, what) for each import in ``source`` (module ``mine``) that reaches into an
    inner module of another area instead of its entrance."""
    wrong = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            written = [(a.name, None) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            written = [(node.module, a.name) for a in node.names]
        else:
            continue
        for module, name in written:
            if not module.startswith("generator.") or area(module) == area(mine):
                continue
            target = area(module)
            if not is_package(target):
                continue  # a module area (facts, placeholders): the module is its entrance
            if module != target:
                wrong.append((node.lineno, module))
            elif name is not None and module_file(f"{target}.{name}") is not None:
                allowed = name in public_names(target) or (
                    mine == "generator.cli" and name in COMMAND_MODULES
                )
                if not allowed:
                    wrong.append((node.lineno, f"{module}.{name}"))
    return sorted(set(wrong))


def test_other_areas_import_only_through_the_entrance() -> None:
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: {mine} importerer {what}; importer fra "
        f"{area(what)} (legg navnet i __all__ der)"
        for path, mine in modules()
        for line, what in inner_imports(path.read_text(encoding="utf-8"), mine)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_guard_sees_an_inner_import() -> None:
    mine = "generator.deploy.run"
    assert inner_imports("from generator.core.swap import swap_in", mine) == [
        (1, "generator.core.swap")
    ]
    assert inner_imports("import generator.site.build", mine) == [(1, "generator.site.build")]
    assert inner_imports("from generator.site import fingerprint", mine) == [
        (1, "generator.site.fingerprint")
    ]
    assert inner_imports("from generator.core import swap_in, dates", mine) == []
    assert inner_imports("from generator.deploy.plan import Plan", mine) == []  # a sibling
    assert inner_imports("from generator.site import commands", "generator.cli") == []
    assert public_table("generator.pdf")["Letter"] == "generator.pdf.letter"


def test_every_public_name_loads_and_is_listed() -> None:
    for package in AREAS:
        names = public_names(package)
        assert set(public_table(package)) <= set(names), package
        loaded = importlib.import_module(package)
        for name in names:
            assert getattr(loaded, name) is not None, f"{package}.{name}"


def test_the_entrances_load_nothing_on_import() -> None:
    """Importing a package loads only its ``__init__`` and the core's entrance."""
    code = (
        "import sys, importlib\n"
        f"for p in {AREAS!r}:\n"
        "    before = set(sys.modules)\n"
        "    importlib.import_module(p)\n"
        "    new = {m for m in set(sys.modules) - before if m.startswith(p + '.')}\n"
        "    if p in ('generator.core',): new -= {'generator.core.entrance'}\n"
        "    print(p, sorted(new))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    lazy = [line for line in done.stdout.splitlines() if line.split(" ", 1)[0] in LAZY]
    assert all(line.endswith("[]") for line in lazy), "\n".join(lazy)


# Entrances that load a light module eagerly (models, layout, the letter's logo check);
# every other entrance is wholly lazy.
EAGER = {"generator.campaigns", "generator.images", "generator.pdf"}
LAZY = set(AREAS) - EAGER


def map_names(docstring: str, stem: str) -> bool:
    pattern = (
        rf"(?m)^[ \t]*(- )?(``)?{stem}(\.py)?(``)?([ \t,:]|$)"
        rf"|\b{stem}\.\w|``{stem}``|\b{stem}/"
    )
    return re.search(pattern, docstring) is not None


def test_every_module_is_named_in_its_package_map() -> None:
    missing = []
    for init in sorted(PACKAGE.rglob("__init__.py")):
        folder = init.parent
        if folder == PACKAGE:
            continue
        docstring = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        parts = [p.stem for p in folder.glob("*.py") if p.name != "__init__.py"]
        parts += [p.name for p in folder.iterdir() if p.is_dir() and any(p.rglob("*.py"))]
        missing += [
            f"{(folder / part).relative_to(ROOT)}: står ikke i kartet i {init.relative_to(ROOT)}"
            for part in sorted(parts)
            if not map_names(docstring, part)
        ]
    assert not missing, "\n".join(missing)
