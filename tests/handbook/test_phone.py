"""The handbook on a phone (360 px) in real Chromium: no page is wider than the screen —
wide tables scroll inside their own box — and counts read as Norwegian («1 frist»,
«2 frister»), not «frist(er)»."""

from __future__ import annotations

import re

import pytest

from generator.audit.browser import LocalServer, find_chromium
from generator.handbook.markup import count
from tests.browser.conftest import SCREENSHOTS, require

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PHONE = 360


def test_count_uses_the_singular_for_one() -> None:
    assert [count(n, "frist", "frister") for n in (0, 1, 2)] == [
        "0 frister",
        "1 frist",
        "2 frister",
    ]


def test_no_page_has_a_bracketed_plural(watched_site) -> None:
    pages = sorted(watched_site.site.rglob("*.html"))
    found = [
        (p.relative_to(watched_site.site).as_posix(), m.group())
        for p in pages
        for m in re.finditer(r"\d+ \w+\((?:er|e|r)\)", p.read_text(encoding="utf-8"))
    ]
    assert found == []
    frister = watched_site.page("frister")
    match = re.search(r"(\d+) (frister?) innen 14 dager", frister)
    assert match and match[2] == ("frist" if match[1] == "1" else "frister")


def test_no_handbook_page_is_wider_than_a_phone(watched_site) -> None:
    require(chromium=True)
    from playwright.sync_api import sync_playwright

    site = watched_site.site
    paths = sorted(
        "/" + p.relative_to(site).as_posix().removesuffix("index.html")
        for p in site.rglob("index.html")
    )
    assert "/frister/" in paths and len(paths) > 10
    wide = {}
    with LocalServer(site) as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": PHONE, "height": 800})
        for path in paths:
            page.goto(server.origin + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE:
                wide[path] = width
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for name in ("frister", "kampanje", "rutiner/feilmeldinger"):
            if f"/{name}/" in paths:
                page.goto(f"{server.origin}/{name}/")
                shot = SCREENSHOTS / f"handbok-{name.replace('/', '-')}-{PHONE}.png"
                page.screenshot(path=str(shot))
        browser.close()
    assert wide == {}
