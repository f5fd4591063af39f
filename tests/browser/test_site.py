"""The real site in a real browser: every page type, every check, 0 findings.

Pages come from the build's sitemap.xml (plus 404.html); the summary table and the five
heaviest pages are printed at the end of the run; screenshots land in build/screenshots/.
"""

from __future__ import annotations

import pytest

from generator.audit.model import CHECKS
from tests.browser.conftest import SCREENSHOTS, assert_clean

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Page types the example project must have (campaign and fact pages join as they land).
CORE_TYPES = {
    "forside",
    "standpunkter-oversikt",
    "standpunkt",
    "hoeringssvar-oversikt",
    "hoeringssvar",
    "side",
    "404",
    "sok",
    "tema-oversikt",
    "tema",
    "kampanjedag",
}


@pytest.mark.parametrize("check", list(CHECKS), ids=list(CHECKS))
def test_site_passes(site_report, check):
    assert_clean(site_report, check)


def test_every_core_page_type_is_found_in_the_sitemap(site_report):
    types = {p.type for p in site_report.pages}
    assert types >= CORE_TYPES, f"mangler sidetyper: {sorted(CORE_TYPES - types)}"


def test_every_page_type_is_checked_in_the_browser(site_report):
    if "axe" in site_report.skipped:
        assert_clean(site_report, "axe")  # skips (or fails in CI) with the reason
    for check in ("axe", "exit", "keyboard", "layout", "privacy", "console"):
        for page_type in {p.type for p in site_report.pages}:
            assert site_report.status(page_type, check) != "HOPPET OVER", (check, page_type)


def test_screenshots_of_each_page_type(site_report):
    if "layout" in site_report.skipped:
        assert_clean(site_report, "layout")
    taken = {shot.name for shot in site_report.screenshots}
    for page_type in {p.type for p in site_report.pages}:
        for width in (360, 1280):
            assert f"{page_type}-{width}.png" in taken, (page_type, width)
    assert all(shot.parent == SCREENSHOTS for shot in site_report.screenshots)
