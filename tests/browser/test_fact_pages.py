"""The Fakta pages in real Chromium: their text starts where every other page's does
(no extra 16 px indent), at phone and desktop width."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit.browser import LocalServer, find_chromium
from tests.browser.conftest import SCREENSHOTS, require

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    require(chromium=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.mark.parametrize("width", [360, 1280])
def test_fact_pages_line_up_with_the_other_pages(browser, published_site: Path, width: int):
    with LocalServer(published_site) as server:
        page = browser.new_page(viewport={"width": width, "height": 900})
        lefts = {}
        for path in ("/standpunkter/", "/fakta/", "/fakta/partnerdrap-andel/"):
            page.goto(server.origin + path)
            lefts[path] = page.eval_on_selector("main h1", "h => h.getBoundingClientRect().left")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(server.origin + "/fakta/")
        page.screenshot(path=str(SCREENSHOTS / f"fakta-{width}.png"))
        page.close()
    assert len(set(lefts.values())) == 1, lefts
