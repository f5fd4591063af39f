"""The routines and the CLI stay in step: every `stemme …` command and option the handbook
tells staff to run exists, and every error area of the code has a section."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from generator.cli import build_cli

DOCS = Path(__file__).resolve().parents[2] / "handbook" / "docs"
COMMAND = re.compile(r"\bstemme((?: [a-z][a-z-]*)+)((?: [^\n`#|]*)?)")


def _stemme() -> click.Group:
    return build_cli()


def _mentions() -> list[tuple[str, list[str], str]]:
    found = []
    for page in sorted(DOCS.rglob("*.md")):
        for match in COMMAND.finditer(page.read_text(encoding="utf-8")):
            words = match.group(1).split()
            found.append((page.name, words, match.group(2)))
    return found


def _resolve(group: click.Group, words: list[str]) -> click.Command:
    command: click.Command = group
    for word in words:
        if not isinstance(command, click.Group) or word not in command.commands:
            break
        command = command.commands[word]
    return command


def test_the_handbook_mentions_commands():
    assert len(_mentions()) > 40


@pytest.mark.parametrize("page, words, rest", _mentions())
def test_every_command_and_option_in_the_routines_exists(page, words, rest):
    group = _stemme()
    assert words[0] in group.commands, f"{page}: «stemme {' '.join(words)}» finnes ikke"
    command = _resolve(group, words)
    known = {opt for param in command.params for opt in getattr(param, "opts", [])}
    for option in re.findall(r"(?<![\w-])(--[a-z][a-z-]*)", rest):
        assert option in known, f"{page}: «{option}» finnes ikke for stemme {' '.join(words)}"
