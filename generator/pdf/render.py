"""HTML → PDF with WeasyPrint: tagged PDF/UA-1, language, title and author metadata.

WeasyPrint takes ``lang`` from ``<html lang="nb">`` (the PDF's /Lang), the title from
``<title>``, the author from ``<meta name="author">`` and the creation date from
``<meta name="dcterms.created">``. The PDF/UA-1 variant turns on tagging (a structure
tree with marked content, MarkInfo /Marked true) and writes the XMP identification.
Fonts are embedded as subsets (WeasyPrint's default); photos at most 150 dpi. Only
``file:`` and ``data:`` URLs are fetched: a letter never reads the network. The file
identifier is derived from the cache key, so the same input gives the same bytes.

:func:`render_pdfs` lays out several letters with one font configuration and parses each
distinct stylesheet (the letter's ``<style>``) once: the same bytes as one by one, in
about two thirds of the time. The font configuration is dropped after each batch (its
temporary font folder with it, also in a pool worker).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import version
from typing import Any

from generator.core.errors import LetterError

PDF_VARIANT = "pdf/ua-1"
LOCAL_ONLY = {"file", "data"}  # URL schemes WeasyPrint may fetch
IMAGE_DPI = 150
# Bump when the options below or anything else about the PDF-making changes.
RENDERER_VERSION = "2"
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)  # the template's one stylesheet
MISSING_LIBRARIES = (
    "Brevene (PDF) kan ikke lages: WeasyPrint finner ikke systembibliotekene Pango og "
    "HarfBuzz på denne maskinen ({detail}). Slik retter du det: installer dem – på Debian "
    "og Ubuntu «sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0», "
    "på macOS «brew install pango» – og kjør kommandoen igjen."
)


@dataclass(frozen=True)
class PdfJob:
    """One letter to render: its HTML, the base URL of its files, the PDF identifier."""

    html: str
    base_url: str
    identifier: str


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


@lru_cache(maxsize=1)
def weasyprint_version() -> str:
    """The installed WeasyPrint's version, without importing it (a warm build never does)."""
    return version("weasyprint")


def render_pdf(html: str, *, base_url: str, identifier: str) -> RenderedPdf:
    """Lay out ``html`` and write it as a tagged PDF/UA-1 file."""
    return render_pdfs([PdfJob(html, base_url, identifier)])[0]


def render_pdfs(jobs: Sequence[PdfJob]) -> list[RenderedPdf]:
    """Several letters, in order, sharing fonts and parsed stylesheets."""
    if not jobs:
        return []  # and WeasyPrint is not even loaded
    fonts = _weasyprint().text.fonts.FontConfiguration()
    try:
        return _render_all(jobs, fonts)
    finally:
        # WeasyPrint removes its temporary font folder in __del__, which a pool worker
        # (ended by os._exit) never runs; so the batch removes it itself.
        folder = getattr(fonts, "_folder", None)
        if folder:
            shutil.rmtree(folder, ignore_errors=True)


def _weasyprint() -> Any:
    """WeasyPrint, imported here: it is slow to load, and only rendering needs it. It
    loads Pango and HarfBuzz when imported; a machine without them gets the fix."""
    try:
        import weasyprint
        import weasyprint.text.fonts
    except OSError as exc:  # cffi: «cannot load library 'pango-1.0-0': …»
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise LetterError(MISSING_LIBRARIES.format(detail=detail)) from exc
    return weasyprint


def _render_all(jobs: Sequence[PdfJob], fonts: Any) -> list[RenderedPdf]:
    weasyprint = _weasyprint()
    fetcher = weasyprint.URLFetcher(allowed_protocols=LOCAL_ONLY)
    sheets: dict[tuple[str, str], Any] = {}
    done = []
    for job in jobs:
        options: dict[str, Any] = {
            "pdf_variant": PDF_VARIANT,
            "pdf_identifier": job.identifier.encode("ascii"),
            "dpi": IMAGE_DPI,
            "jpeg_quality": 85,
        }
        html, stylesheets = job.html, []
        if style := _STYLE.search(html):
            html = html.replace(style.group(0), "", 1)
            key = (style.group(1), job.base_url)
            if key not in sheets:
                sheets[key] = weasyprint.CSS(
                    string=key[0], base_url=job.base_url, url_fetcher=fetcher, font_config=fonts
                )
            stylesheets.append(sheets[key])
        page = weasyprint.HTML(string=html, base_url=job.base_url, url_fetcher=fetcher)
        document = page.render(stylesheets=stylesheets, font_config=fonts, **options)
        done.append(RenderedPdf(document.write_pdf(**options), len(document.pages)))
    return done
