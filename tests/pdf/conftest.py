"""Fixtures for the letters: a copy of the example project, real letters made by the real
``stemme letter`` command (Typst), and a reader for the PDFs (pypdf)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import cli
from generator.core.config import Paths, load_config
from tests.project import copy_project, project_env

SENT = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud"
DRAFT = "2026-11-20-evaluering-av-krisesenterloven"
_PAGE_NUMBER = re.compile(r"^Side \d+ av \d+$")


@dataclass
class LetterPdf:
    """A produced letter, read with pypdf."""

    path: Path
    reader: PdfReader
    furniture: tuple[str, ...]  # footer lines and the running title

    @property
    def pages(self) -> list:
        return list(self.reader.pages)

    def page_text(self, index: int) -> str:
        return self.reader.pages[index].extract_text()

    def body_text(self) -> str:
        """The text of every page without the page furniture, whitespace collapsed."""
        kept = []
        for page in self.reader.pages:
            for line in page.extract_text().splitlines():
                if line.strip() in self.furniture or _PAGE_NUMBER.match(line.strip()):
                    continue
                kept.append(line)
        return " ".join(" ".join(kept).split())


def read_letter(path: Path, title: str, paths: Paths) -> LetterPdf:
    from generator.pdf.letter import Letterhead

    head = Letterhead.from_config(load_config(paths.config), paths.root)
    return LetterPdf(path, PdfReader(path), (*head.footer_lines, title))


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the real CLI in-process; return (exit code, stdout, stderr)."""
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def letters_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Paths]:
    """A private copy of the example project; STEMME_ROOT/STEMME_DB point into it."""
    paths = copy_project(tmp_path_factory.mktemp("brev") / "prosjekt")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        yield paths


def example_letter(paths: Paths, stem: str = SENT):
    """The Letter of ``content/hoeringssvar/<stem>.md``, as the site build makes it."""
    from generator.facts import load_facts
    from generator.site.letter_command import pelican_settings
    from generator.site.letters import load_letter

    return load_letter(
        paths.responses / f"{stem}.md",
        slug=stem,
        config=load_config(paths.config),
        root=paths.root,
        book=load_facts(paths.facts),
        markdown=pelican_settings(paths)["MARKDOWN"],
    )


def make_letter(paths: Paths, name: str) -> Path:
    """`stemme letter NAME --out …` in the project; the path of the written PDF."""
    out = paths.root / "brev-test" / f"{name}.pdf"
    assert cli.main(["letter", name, "--out", str(out)]) == 0
    return out
