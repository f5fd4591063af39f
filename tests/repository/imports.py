"""How the repository tests read ``generator``'s imports: each imported name resolved to the
module that defines it, through a package's public entrance (its ``_PUBLIC`` table)."""

from __future__ import annotations

import ast
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tests.project import ROOT

PACKAGE = ROOT / "generator"


@dataclass(frozen=True)
class Import:
    line: int
    module: str  # as written: ``from <module> import name`` or ``import <module>``
    name: str | None  # the imported name (None for ``import <module>``)
    resolved: str  # the module the name comes from


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_file(module: str) -> Path | None:
    """The file of a module or package inside the repository, if there is one."""
    base = ROOT.joinpath(*module.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def is_package(module: str) -> bool:
    found = module_file(module)
    return found is not None and found.name == "__init__.py"


@cache
def public_table(package: str) -> dict[str, str]:
    """A package entrance's lazy names → the module each is loaded from."""
    init = module_file(package)
    if init is None or init.name != "__init__.py":
        return {}
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if (
            isinstance(node, ast.AnnAssign)
            and isinstance(node.target, ast.Name)
            and node.target.id == "_PUBLIC"
            and node.value is not None
        ):
            table = ast.literal_eval(node.value)
            return {name: module for name, (module, _attribute) in table.items()}
    return {}


def public_names(package: str) -> list[str]:
    """The ``__all__`` of a package's entrance (empty when it has none)."""
    init = module_file(package)
    if init is None:
        return []
    for node in ast.parse(init.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    return []


def resolve(module: str, name: str) -> str:
    """The module ``from module import name`` really loads."""
    if name in public_table(module):
        return public_table(module)[name]
    if module_file(f"{module}.{name}") is not None:
        return f"{module}.{name}"
    return module


def imports(path: Path) -> list[Import]:
    """Every import of a ``generator`` module in one file (function-level ones too)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.split(".")[0] != "generator":
                continue
            for alias in node.names:
                resolved = resolve(node.module, alias.name)
                found.append(Import(node.lineno, node.module, alias.name, resolved))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "generator":
                    found.append(Import(node.lineno, alias.name, None, alias.name))
    return found


def modules() -> list[tuple[Path, str]]:
    return [(path, module_name(path)) for path in sorted(PACKAGE.rglob("*.py"))]
