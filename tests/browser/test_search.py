"""The search in real Chromium: type a word, see results; the query never reaches the
address bar, the history or another host, and is gone when the reader leaves the page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.audit.browser import LocalServer, find_chromium
from tests.browser.conftest import require

pytestmark = [pytest.mark.browser, pytest.mark.slow]
WORD = "krisesentre"


@pytest.fixture(scope="module")
def browser():
    require(chromium=True)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=find_chromium(), args=["--no-sandbox"])
        yield chromium
        chromium.close()


@pytest.fixture
def tab(browser, published_site: Path):
    with LocalServer(published_site) as server:
        context = browser.new_context(viewport={"width": 360, "height": 800})
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda r: page.requests.append(r.url))  # type: ignore[attr-defined]
        page.origin = server.origin  # type: ignore[attr-defined]
        yield page
        context.close()


def hit_count(page, region: str) -> int:
    title = page.wait_for_selector(f"#{region} .search-results__title").inner_text()
    match = re.match(r"(\d+) treff for «", title)
    return int(match[1]) if match else 0


def test_header_search_shows_results_without_putting_the_query_anywhere(tab):
    tab.goto(tab.origin + "/standpunkter/")
    history = tab.evaluate("history.length")
    tab.fill("#sok-topp", WORD)
    tab.press("#sok-topp", "Enter")
    tab.wait_for_selector("#treff-topp .search-hit")
    assert hit_count(tab, "treff-topp") >= 10
    titles = tab.locator("#treff-topp .search-hit__link").all_inner_texts()
    assert any("krisesenter" in t.lower() for t in titles), titles
    assert tab.url == tab.origin + "/standpunkter/"
    assert tab.evaluate("history.length") == history
    assert tab.evaluate("JSON.stringify(history.state)") == "null"
    assert not [u for u in tab.requests if WORD in u]  # never in a request either
    assert all(u.startswith(tab.origin) for u in tab.requests), tab.requests


def test_typing_on_the_search_page_finds_every_inflection_alike(tab):
    tab.goto(tab.origin + "/sok/")
    assert tab.locator("[data-search-nojs]").is_hidden()
    counts = {}
    for word in ("krisesenter", "krisesentre", "krisesentrene", "krisesenteret"):
        tab.fill("#sok", word)  # input events only: no submit, no navigation
        tab.wait_for_function(
            "w => (document.querySelector('#treff .search-results__title') || {}).textContent"
            "?.includes('«' + w + '»')",
            arg=word,
        )
        counts[word] = hit_count(tab, "treff")
    assert len(set(counts.values())) == 1 and counts["krisesenter"] > 10, counts
    assert tab.url == tab.origin + "/sok/"


def test_the_query_is_gone_when_the_reader_comes_back(tab):
    tab.goto(tab.origin + "/sok/")
    tab.fill("#sok", WORD)
    tab.press("#sok", "Enter")
    tab.wait_for_selector("#treff .search-hit")
    tab.locator("#treff .search-hit__link").first.click()
    tab.wait_for_load_state("load")
    # The first hit is now /tema/krisesentre/: the word may be in its path, never a query.
    assert "?" not in tab.url and "#" not in tab.url and tab.url.endswith("/")
    tab.go_back()
    tab.wait_for_load_state("load")
    assert tab.input_value("#sok") == ""
    assert tab.locator("#treff").is_hidden()


def test_no_search_code_loads_until_someone_searches(tab):
    tab.goto(tab.origin + "/")
    tab.wait_for_load_state("networkidle")
    assert not [u for u in tab.requests if "/pagefind/" in u or "search-ui" in u]
    with tab.expect_request(lambda r: r.url.endswith("/pagefind/pagefind.js")):
        tab.focus("#sok-topp")
    assert [u for u in tab.requests if u.endswith("/theme/js/search-ui.js")]


def _search_all(tab) -> list[str]:
    """Search WORD on /sok/; the hrefs of the first page of hits, in order."""
    tab.goto(tab.origin + "/sok/")
    tab.fill("#sok", WORD)
    tab.press("#sok", "Enter")
    tab.wait_for_selector("#treff .search-hit")
    return tab.locator("#treff .search-hit__link").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_every_hit_the_count_promises_can_be_reached(tab):
    _search_all(tab)
    total = hit_count(tab, "treff")
    assert total > 20  # more than one page of hits, or this proves nothing
    shown = tab.locator("#treff .search-hit").count()
    assert shown == 20
    more = tab.locator("#treff .search-results__more")
    while more.count():
        left = total - shown
        assert more.inner_text() == (
            f"Vis 20 treff til ({left} igjen)" if left > 20 else f"Vis de siste {left} treffene"
        )
        more.focus()
        tab.keyboard.press("Enter")  # the keyboard reaches it as a plain button
        tab.wait_for_function(
            "n => document.querySelectorAll('#treff .search-hit').length > n", arg=shown
        )
        focused = tab.evaluate(
            "[...document.querySelectorAll('#treff .search-hit__link')]"
            ".indexOf(document.activeElement)"
        )
        assert focused == shown  # the focus moves to the first new hit
        shown = tab.locator("#treff .search-hit").count()
    assert shown == total
    links = tab.locator("#treff .search-hit__link").evaluate_all("l => l.map(a => a.href)")
    assert len(set(links)) == total


def test_a_topic_page_and_its_position_rank_above_campaign_days(tab):
    hrefs = _search_all(tab)
    days = [i for i, h in enumerate(hrefs) if re.search(r"/kampanjer/[^/]+/\d{4}-\d\d-\d\d/", h)]
    topic = hrefs.index("/tema/krisesentre/")
    position = hrefs.index("/standpunkter/krisesentertilbud-i-hele-landet/")
    assert days and max(topic, position) < min(days), hrefs


def test_excerpts_start_and_end_with_words(tab):
    _search_all(tab)
    excerpts = tab.locator("#treff .search-hit__excerpt").all_inner_texts()
    assert excerpts
    for text in excerpts:
        assert re.match(r"^[\w«(]", text), text  # no stray «·» or punctuation first
        assert not re.search(r"[·•|–—:;,]\s*$", text), text
