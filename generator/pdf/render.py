"""HTML → PDF with WeasyPrint: tagged PDF/UA-1, language, title and author metadata.

WeasyPrint takes ``lang`` from ``<html lang="nb">`` (the PDF's /Lang), the title from
``<title>``, the author from ``<meta name="author">`` and the creation date from
``<meta name="dcterms.created">``. The PDF/UA-1 variant turns on tagging (a structure
tree with marked content, MarkInfo /Marked true) and writes the XMP identification.
Fonts are embedded as subsets (WeasyPrint's default); photos at most 150 dpi. Only
``file:`` and ``data:`` URLs are fetched: a letter never reads the network. The file
identifier is derived from the cache key, so the same input gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import version

PDF_VARIANT = "pdf/ua-1"
LOCAL_ONLY = {"file", "data"}  # URL schemes WeasyPrint may fetch
IMAGE_DPI = 150
# Bump when the options below or anything else about the PDF-making changes.
RENDERER_VERSION = "2"


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


def weasyprint_version() -> str:
    """The installed WeasyPrint's version, without importing it (a warm build never does)."""
    return version("weasyprint")


def render_pdf(html: str, *, base_url: str, identifier: str) -> RenderedPdf:
    """Lay out ``html`` and write it as a tagged PDF/UA-1 file."""
    import weasyprint  # imported here: it is slow to load, and only rendering needs it

    options = {
        "pdf_variant": PDF_VARIANT,
        "pdf_identifier": identifier.encode("ascii"),
        "dpi": IMAGE_DPI,
        "jpeg_quality": 85,
    }
    fetcher = weasyprint.URLFetcher(allowed_protocols=LOCAL_ONLY)
    page = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    document = page.render(**options)
    return RenderedPdf(document.write_pdf(**options), len(document.pages))
