"""The error catalogue (handbook/docs/rutiner/feilmeldinger.md) says what Stemme says.

- Every example on the page is run for real: a file marked ``<!-- eksempel: PATH -->`` is
  written into a copy of the project and ``stemme check`` must print exactly the text
  block that follows it; a ``<!-- kommando: stemme … -->`` must print exactly its block.
- Every message in the tables is made by the code: each piece of it between the
  placeholders («x», …, N, numbers) is a piece of text in ``generator/``.
"""

from __future__ import annotations

import ast
import re
import shlex
from pathlib import Path

import pytest

from generator.cli import main
from tests.project import ROOT

CATALOGUE = ROOT / "handbook" / "docs" / "rutiner" / "feilmeldinger.md"
EXAMPLE = re.compile(
    r"<!-- (eksempel|kommando): (.+?) -->\n(?:```\w*\n(.*?)```\n)?.*?```text\n(.*?)```",
    re.S,
)
PLACEHOLDER = re.compile(r"…|«[^»]*»|\b[NMxyX]\b|\d+|ÅÅÅÅ-MM-DD|<[a-z]+>|\. (?=[A-ZÆØÅ])")


def _examples() -> list[tuple[str, str, str, str]]:
    text = CATALOGUE.read_text(encoding="utf-8")
    return [m.groups() for m in EXAMPLE.finditer(text)]  # type: ignore[misc]


def test_the_catalogue_has_examples() -> None:
    kinds = [kind for kind, *_ in _examples()]
    assert kinds.count("eksempel") >= 3 and "kommando" in kinds


@pytest.mark.parametrize(
    ("kind", "target", "source", "expected"),
    _examples(),
    ids=[f"{k}:{t}" for k, t, *_ in _examples()],
)
def test_every_example_prints_what_the_catalogue_shows(
    project, capsys, kind: str, target: str, source: str | None, expected: str
) -> None:
    if kind == "eksempel":
        path = project.root / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source or "", encoding="utf-8")
        args = ["check"]
    else:
        args = shlex.split(target)[1:]
    code = main(args)
    assert code in (1, 2)
    assert capsys.readouterr().err == expected


def _constants(trees: list[ast.Module]) -> dict[str, str]:
    """Module-level NAME = "text" (or a number) anywhere in generator/, by name."""
    found: dict[str, str] = {}
    for tree in trees:
        for node in tree.body:
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    if isinstance(target, ast.Name) and isinstance(node.value.value, str | int):
                        found[target.id] = str(node.value.value)
    return found


def _joined(node: ast.JoinedStr, constants: dict[str, str]) -> str:
    """An f-string with the values it names from constants filled in, others cut (\x00)."""
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name):
            out.append(constants.get(part.value.id, "\x00"))
        else:
            out.append("\x00")
    return "".join(out)


def _code_pieces() -> str:
    """Every piece of literal text in generator/, one per line (f-strings filled in with
    module constants where they can be, so «stemme.toml» or «høyst 80 tegn» are found)."""
    trees = [ast.parse(p.read_text(encoding="utf-8")) for p in (ROOT / "generator").rglob("*.py")]
    constants = _constants(trees)
    constants.update({k: _joined(v, constants) for k, v in _fstring_constants(trees).items()})
    pieces: list[str] = []
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                pieces.append(node.value)
            elif isinstance(node, ast.JoinedStr):
                pieces.append(_joined(node, constants))
    for po in (ROOT / "generator" / "locale").rglob("*.po"):
        pieces += re.findall(r'^msgstr(?:\[\d\])? "(.*)"$', po.read_text(encoding="utf-8"), re.M)
    return "\n".join(pieces)


def _fstring_constants(trees: list[ast.Module]) -> dict[str, ast.JoinedStr]:
    return {
        target.id: node.value
        for tree in trees
        for node in tree.body
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.JoinedStr)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def _segments(piece: str, code: str) -> int:
    """How few pieces of code text ``piece`` is made of (each at least 5 characters)."""
    longest = []
    for start in range(len(piece)):
        low, high = 0, len(piece) - start  # longest n with piece[start:start+n] in code
        while low < high:
            mid = (low + high + 1) // 2
            low, high = (mid, high) if piece[start : start + mid] in code else (low, mid - 1)
        longest.append(low)
    best = [0] + [99] * len(piece)
    for start in range(len(piece)):
        for end in range(start + 5, start + longest[start] + 1):
            best[end] = min(best[end], best[start] + 1)
    return best[len(piece)]


def _table_messages() -> list[str]:
    """The code spans in the first column of every table row."""
    found = []
    for line in CATALOGUE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| ") or line.startswith(("| Melding", "|---")):
            continue
        first = re.split(r"(?<!\\)\|", line)[1]
        found += [span.replace("\\|", "|") for span in re.findall(r"`([^`]+)`", first)]
    return found


def test_every_message_in_the_tables_is_made_by_the_code() -> None:
    code = _code_pieces()
    missing = []
    for message in _table_messages():
        for piece in PLACEHOLDER.split(message):
            piece = piece.strip(" .,:;()—-/#")
            if len(piece) >= 10 and piece not in code and _segments(piece, code) > 2:
                missing.append(f"{message!r}: «{piece}»")
    assert not missing, "Står i feilmeldinger.md, men ikke i koden:\n" + "\n".join(missing)


def test_the_tables_are_read() -> None:
    assert len(_table_messages()) > 100


def test_no_example_file_is_left_in_the_project() -> None:
    for _, target, *_ in _examples():
        assert not (ROOT / target).exists() or target.startswith("campaigns/taushet")


@pytest.fixture(autouse=True)
def _fresh_example_paths(project) -> None:
    """Each example starts from the example project (the fixture copies it per test)."""
    assert Path(project.root).is_dir()
