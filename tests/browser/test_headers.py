"""The site served the way Netlify or Cloudflare Pages serves it: with the headers from
``_headers``. Chromium must load every page type without a console error (an unknown
Permissions-Policy feature or a CSP violation would log one), and no other site may frame
a page (``frame-ancestors 'none'``)."""

from __future__ import annotations

import fnmatch
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from generator.audit.browser import CHROMIUM_ARGS, find_chromium
from tests.browser.conftest import _fresh_build, require

pytestmark = pytest.mark.browser
PAGES = ["/", "/standpunkter/", "/fakta/", "/kampanjer/taushet-tar-liv-2026/", "/om-oss/"]


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    """Netlify/Cloudflare ``_headers``: a path pattern, then indented ``Name: value`` lines."""
    rules: ClassVar[list[tuple[str, dict[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), {}))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


class _HeaderHandler(SimpleHTTPRequestHandler):
    rules: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def end_headers(self) -> None:
        for pattern, headers in self.rules:
            if fnmatch.fnmatch(self.path.split("?")[0], pattern):
                for name, value in headers.items():
                    self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    require(chromium=True)
    site: Path = _fresh_build(tmp_path_factory.mktemp("hoder"))
    handler = type("Handler", (_HeaderHandler,), {})
    handler.rules = parse_headers_file((site / "_headers").read_text("utf-8"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_pages_load_without_errors_under_the_header_policy(served):
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        for path in PAGES:
            response = tab.goto(served + path)
            assert response is not None and response.ok, path
            assert response.headers["x-frame-options"] == "DENY"
            assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        browser.close()
    assert errors == []


def test_another_site_cannot_frame_a_page(served):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.set_content(f'<iframe id="ramme" src="{served}/"></iframe>')
        tab.wait_for_timeout(1000)
        frame = tab.frame_locator("#ramme")
        assert frame.locator("#forlat-siden").count() == 0  # blocked: nothing rendered
        browser.close()


def test_search_works_under_the_header_policy(served):
    """Pagefind searches in a web worker that compiles WebAssembly: the header policy the
    worker gets must allow that, or the search is dead on the real host."""
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        tab = browser.new_page()
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.goto(served + "/sok/")
        tab.fill("#sok", "krisesenter")
        tab.press("#sok", "Enter")
        tab.wait_for_selector("#treff .search-results__title")
        title = tab.inner_text("#treff .search-results__title")
        browser.close()
    assert " treff for «krisesenter»" in title, title
    assert errors == []
