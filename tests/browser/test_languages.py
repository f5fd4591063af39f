"""Every language in real Chromium (issue 25): the example project with the language
fixtures (tests/fixtures/languages/), audited page type by page type in each language
(axe, no third party, quick exit …), right-to-left pages at 360 px with a usable exit
button, and a search that answers from the visitor's own language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.audit.browser import LocalServer, find_chromium
from generator.audit.model import CHECKS, Report
from generator.audit.run import run_audit
from generator.core.config import load_config
from tests.browser.conftest import BUILD_DAY, SCREENSHOTS, assert_clean, require
from tests.language_fixtures import add_language_fixtures
from tests.project import copy_project, project_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SHOTS = SCREENSHOTS / "sprak"
# «Not translated» pages are noindex, so not in the sitemap the audit walks: add two.
UNTRANSLATED = ("/en/personvern/", "/nn/personvern/")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(chromium=True)
    from generator.site.build import build_site

    paths = copy_project(tmp_path_factory.mktemp("sprak") / "prosjekt", reuse_cards=True)
    add_language_fixtures(paths)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=BUILD_DAY)
    sitemap = paths.output / "sitemap.xml"
    base = load_config(paths.config).site.url
    extra = "".join(f"  <url><loc>{base}{p}</loc></url>\n" for p in UNTRANSLATED)
    sitemap.write_text(
        sitemap.read_text(encoding="utf-8").replace("</urlset>", extra + "</urlset>"),
        encoding="utf-8",
    )
    return paths.output


@pytest.fixture(scope="module")
def report(site: Path) -> Report:
    config = load_config(site.parent / "stemme.toml")
    return run_audit(site, neutral_url=config.site.neutral_exit_url, screenshots=SHOTS, per_type=1)


@pytest.mark.parametrize("check", list(CHECKS), ids=list(CHECKS))
def test_every_language_passes_the_audit(report: Report, check: str) -> None:
    assert_clean(report, check)


def test_each_language_is_its_own_page_type(report: Report) -> None:
    types = {p.type for p in report.pages}
    wanted = {
        "side-ar", "side-ur", "side-en", "side-nn", "forside-en", "forside-nn",
        "standpunkt-en", "standpunkter-oversikt-en", "sok-en", "ikke-oversatt-en",
    }  # fmt: skip
    assert wanted <= types, sorted(wanted - types)
    for page_type in wanted:
        for check in ("axe", "exit", "privacy", "layout"):
            assert report.status(page_type, check) == "OK", (page_type, check)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, site: Path):
    with LocalServer(site) as server:
        context = browser.new_context(viewport={"width": 360, "height": 780})
        page = context.new_page()
        page.origin = server.origin  # type: ignore[attr-defined]
        yield page
        context.close()


@pytest.mark.parametrize("lang", ["ar", "ur"])
def test_right_to_left_page_at_360_px_with_the_exit_button_in_reach(tab, lang: str) -> None:
    tab.goto(f"{tab.origin}/{lang}/hjelp/")
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"hjelp-{lang}-360.png"), full_page=False)
    assert tab.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    heading = tab.locator("main h1")
    main = tab.locator("main").bounding_box()
    box = heading.bounding_box()
    assert main and box
    # right to left: the heading hugs the right edge of the text column
    assert (main["x"] + main["width"]) - (box["x"] + box["width"]) < 40, (main, box)
    button = tab.locator("#forlat-siden")
    exit_box = button.bounding_box()
    assert exit_box and exit_box["y"] < 120  # at the top, sticky
    # where a thumb finds it: at the right edge, the same place as in bokmål
    assert 360 - (exit_box["x"] + exit_box["width"]) < 140, exit_box
    assert exit_box["width"] >= 44 and exit_box["height"] >= 24
    tab.goto(f"{tab.origin}/hjelp/")
    nb_box = tab.locator("#forlat-siden").bounding_box()
    assert nb_box and abs(nb_box["x"] + nb_box["width"] - exit_box["x"] - exit_box["width"]) < 2
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360


def test_hreflang_links_point_both_ways_in_the_browser(tab) -> None:
    tab.goto(f"{tab.origin}/om-oss/")
    links = tab.eval_on_selector_all(
        "link[rel=alternate][hreflang]", "ls => ls.map(l => [l.hreflang, l.href])"
    )
    english = dict(links)["en"]
    tab.goto(tab.origin + re.sub(r"^https?://[^/]+", "", english))
    back = dict(
        tab.eval_on_selector_all(
            "link[rel=alternate][hreflang]", "ls => ls.map(l => [l.hreflang, l.href])"
        )
    )
    assert back["nb"].endswith("/om-oss/") and back["en"] == english
    # the switcher leads there too, named in its own language
    tab.click("nav.lang-switch a[lang=nb]")
    assert tab.url == f"{tab.origin}/om-oss/"
    assert tab.locator("nav.lang-switch a[lang=en]").inner_text() == "English"


def test_search_answers_in_the_visitors_language(tab) -> None:
    tab.goto(f"{tab.origin}/en/sok/")
    tab.fill("#sok", "consent")
    tab.wait_for_selector("#treff .search-results__title")
    title = tab.locator("#treff .search-results__title").inner_text()
    assert re.match(r"\d+ results? for “consent”", title), title
    hrefs = tab.locator("#treff .search-hit__link").evaluate_all("ls => ls.map(l => l.pathname)")
    assert hrefs and all(h.startswith("/en/") for h in hrefs), hrefs
