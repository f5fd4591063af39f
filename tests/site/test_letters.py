"""The site links every sent høringssvar to its letter; drafts have neither page nor PDF."""

from __future__ import annotations

import re

from tests.site.conftest import parse_page

SENT = [
    "2025-09-26-plikt-til-kommunale-handlingsplaner",
    "2026-06-02-omvendt-voldsalarm-og-kontaktforbud",
]
DRAFT = "2026-11-20-evaluering-av-krisesenterloven"


def test_each_sent_response_links_its_letter_with_pages_and_size(built_site):
    for slug in SENT:
        page = parse_page(built_site.output / "hoeringssvar" / slug / "index.html")
        href = f"/hoeringssvar/{slug}/{slug}.pdf"
        links = page.find("a", href=href)
        assert len(links) == 1
        assert links[0].attrs["type"] == "application/pdf"
        assert links[0].attrs["download"] == f"{slug}.pdf"
        pdf = built_site.output / href.lstrip("/")
        assert pdf.read_bytes().startswith(b"%PDF-")
        size = f"{round(pdf.stat().st_size / 1000)} kB"
        match = re.search(
            r"Last ned som PDF \(brevet slik det ble sendt, (\d) sider, (\d+ kB)\)", page.text
        )
        assert match and match.group(2) == size


def test_drafts_have_no_page_and_no_letter(built_site):
    assert not any(DRAFT in p.as_posix() for p in built_site.output.rglob("*"))
    assert sorted(p.parent.name for p in built_site.output.rglob("*.pdf")) == SENT
