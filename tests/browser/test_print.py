"""Printing a page from the browser gives the content alone.

Real Chromium prints real pages of the built site to PDF (``--print-to-pdf``), and the
PDF's text is read back: the page's own content is there, the quick-exit bar, the
emergency strip, the menu, the footer and the download link are not.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.audit.browser import LocalServer, find_chromium
from tests.browser.conftest import _fresh_build, require

pytestmark = [pytest.mark.browser, pytest.mark.slow]

RESPONSE = "hoeringssvar/2026-06-02-omvendt-voldsalarm-og-kontaktforbud/"
# Text of the page furniture that must not be printed.
FURNITURE = [
    "Forlat siden raskt",
    "eller trykk Shift tre ganger",
    "Hopp til hovedinnholdet",
    "Ved akutt fare",  # the emergency strip's notes (the front page's help box stays)
    "Gratis og anonym, døgnet rundt",
    "Personvern – ingen informasjonskapsler",
    "Tilgjengelighetserklæring",
    "Last ned som PDF",
]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(chromium=True)
    return _fresh_build(tmp_path_factory.mktemp("utskrift"))


def print_to_pdf(site: Path, path: str, dest: Path) -> str:
    """Print ``path`` of the site with headless Chromium; the PDF's text, spaces collapsed."""
    with LocalServer(site) as server:
        subprocess.run(
            [
                find_chromium() or "chromium",
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                f"--print-to-pdf={dest}",
                f"{server.origin}/{path}",
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    text = " ".join(page.extract_text() for page in PdfReader(dest).pages)
    return " ".join(text.split())


@pytest.mark.parametrize("path", [RESPONSE, "standpunkter/hjelp-til-voldsutovere/", "", "fakta/"])
def test_printing_gives_the_content_alone(site, path, tmp_path):
    text = print_to_pdf(site, path, tmp_path / "side.pdf")
    assert len(text) > 200
    for furniture in FURNITURE:
        assert furniture not in text, f"{furniture!r} kom med på utskriften av /{path}"


def test_a_printed_response_keeps_its_text_and_writes_out_links(site, tmp_path):
    text = print_to_pdf(site, RESPONSE, tmp_path / "svar.pdf")
    assert "Høringssvar – forslag om endringer i reglene om kontaktforbud" in text
    assert "Mottaker Justis- og beredskapsdepartementet" in text
    assert "Brudd må få følger – hver gang" in text
    url = "https://www.regjeringen.no/no/dokumenter/horing-forslag-om-endringer"
    assert url in text.replace(" ", "")
