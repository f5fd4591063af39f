"""The repository stands on its own: nothing reads a path beside its root.

A clone made by anyone else has only the repository, so a test, benchmark, Makefile
recipe or CI step that reaches for a sibling folder (such as the workplace's ``shared``)
passes on a developer's machine and fails everywhere else. ``.ci/run`` proves it by
running in a fresh clone inside an empty folder; this test names the offending line
before CI has to.
"""

from __future__ import annotations

import re
from pathlib import Path

from tests.project import FEEDS, ROOT

# Written in pieces so this file does not match itself.
SIBLING = "sha" + "red"
FORBIDDEN = re.compile(
    r"\.\./" + SIBLING
    + r"|parents?(\[\d+\])?\s*/\s*[\"']" + SIBLING
    + r"|\bROOT\.parent\b"
)  # fmt: skip
CHECKED = ("generator", "tests", "bench", "handbook", ".ci", "Makefile", "pelicanconf.py",
           "publishconf.py", "pyproject.toml")  # fmt: skip
SUFFIXES = {".py", ".toml", ".yml", ".yaml", ".cfg", ".sh", ".md", ""}


def _files() -> list[Path]:
    files: list[Path] = []
    for name in CHECKED:
        path = ROOT / name
        candidates = [path] if path.is_file() else sorted(path.rglob("*"))
        files += [
            f for f in candidates
            if f.is_file() and f.suffix in SUFFIXES and "__pycache__" not in f.parts
            and f.resolve() != Path(__file__).resolve()
        ]  # fmt: skip
    return files


def test_nothing_reads_outside_the_repository() -> None:
    offending = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in _files()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if FORBIDDEN.search(line)
    ]
    assert not offending, "leser utenfor repositoriet:\n" + "\n".join(offending)


def test_the_guard_catches_each_form() -> None:
    for line in (
        f'FEEDS = ROOT.parent / "{SIBLING}" / "fixtures"',
        f'Path(__file__).parents[2] / "{SIBLING}"',
        f"cp ../{SIBLING}/fixtures/feeds/* tests/",
    ):
        assert FORBIDDEN.search(line), line


def test_feed_fixtures_live_in_the_repository() -> None:
    assert FEEDS.is_relative_to(ROOT)
    names = {p.name for p in FEEDS.iterdir()}
    assert {"README.md", "regjeringen-horinger.rss", "stortinget-horinger.json"} <= names
