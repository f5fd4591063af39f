"""Typst source → PDF/UA-1 bytes, the compiler shut in a folder of the letter's own files.

Each letter is compiled by Typst (the PyPI ``typst`` binding) with
``pdf_standards=["ua-1"]``: a tagged PDF (structure tree, marked content, /MarkInfo
/Marked true) with /Lang nb, the title shown as the window title, the XMP PDF/UA
identification, and header, footer and background as artifacts. Typst checks PDF/UA
while it compiles: an image without alt text, for one, stops the letter with an error.

What the compiler can read:

- its *root* is a fresh temporary folder holding only the letter's files
  (:class:`~generator.pdf.template.LetterSource`: the logo and the letter's checked
  photos, written there as bytes) — Typst reads no file outside its root, and the letter
  nothing outside that folder;
- fonts: only the Lato files of the installed font package (the faces in
  :data:`generator.pdf.fonts.FACES`), no system fonts and none of Typst's own;
- never the network: the template imports no package, and no text of a letter is ever
  code (:mod:`generator.pdf.markup`).

The creation date is the letter's date, so the same letter gives the same bytes.
Typst starts worker threads when it first compiles; a process that has compiled must
not fork workers that compile (they would wait for threads they do not have):
:func:`compiled_here` tells the letter cache.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path
from typing import Any

from generator.core import LetterError, font_dir

log = logging.getLogger(__name__)

PDF_STANDARDS = ["ua-1"]
# Bump when the options below or anything else about the PDF-making changes.
RENDERER_VERSION = "3-typst"
_COMPILED = False  # this process has compiled a letter (Typst's threads are running)


@dataclass(frozen=True)
class PdfJob:
    """One letter to compile: its Typst source, its files (name → bytes), its date, and
    the name errors show (the response file)."""

    source: str
    files: tuple[tuple[str, bytes], ...]
    day: date
    name: str


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


@lru_cache(maxsize=1)
def typst_version() -> str:
    """The installed Typst binding's version, without importing it."""
    return version("typst")


def compiled_here() -> bool:
    """Whether this process has compiled a letter (then it must not fork compilers)."""
    return _COMPILED


def load_fonts() -> None:
    """Load the fonts now (safe before a fork: it starts no thread), so forked workers
    share them instead of each reading them again."""
    _fonts()


@lru_cache(maxsize=1)
def _fonts() -> Any:
    import typst

    return typst.Fonts(
        include_system_fonts=False, include_embedded_fonts=False, font_paths=[str(font_dir())]
    )


def render_pdf(job: PdfJob) -> RenderedPdf:
    """Compile one letter to a tagged PDF/UA-1 file."""
    return render_pdfs([job])[0]


def render_pdfs(jobs: Sequence[PdfJob]) -> list[RenderedPdf]:
    """Several letters, in order, each in its own folder."""
    if not jobs:
        return []
    with tempfile.TemporaryDirectory(prefix="stemme-brev-") as folder:
        return [_compile(job, Path(folder) / str(number)) for number, job in enumerate(jobs)]


def _compile(job: PdfJob, root: Path) -> RenderedPdf:
    global _COMPILED
    import typst

    root.mkdir()
    for name, data in job.files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    compiler = typst.Compiler(root=str(root), font_paths=_fonts(), ignore_system_fonts=True)
    stamp = datetime(job.day.year, job.day.month, job.day.day, 12, tzinfo=UTC)
    _COMPILED = True
    try:
        data, warnings = compiler.compile_with_warnings(
            input=job.source.encode("utf-8"),
            format="pdf",
            pdf_standards=PDF_STANDARDS,
            timestamp=stamp,
        )
    except typst.TypstError as exc:
        raise LetterError(_failure(job.name, exc)) from None
    for warning in warnings:
        log.warning("Brevet %s: %s", job.name, getattr(warning, "message", warning))
    assert isinstance(data, bytes)
    return RenderedPdf(data, _pages(data))


def _failure(name: str, exc: Any) -> str:
    hints = " ".join(getattr(exc, "hints", None) or [])
    detail = getattr(exc, "message", None) or str(exc)
    return (
        f"Brevet fra {name} kan ikke lages: {detail}{f' ({hints})' if hints else ''}. "
        "Slik retter du det: sjekk teksten med «stemme check»; står feilen der fortsatt, "
        "er det en feil i Stemme – meld den til den tekniske ansvarlige."
    )


def _pages(data: bytes) -> int:
    """The number of pages, from the page tree's /Count (Typst writes it uncompressed)."""
    import re

    counts = [int(m) for m in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)]
    counts += [int(m) for m in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)]
    if not counts:
        raise LetterError("Typst skrev en PDF uten sider. Dette er en feil i Stemme.")
    return max(counts)
