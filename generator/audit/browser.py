"""Checks in a real browser: Debian's Chromium driven by Playwright, on a local server.

One browser context walks the pages like one visitor; its traffic is routed: the local
server (and the site's own public origin, mapped back onto the build) passes; the
configured neutral exit URL gets a local stand-in, but only while the quick exit is being
used (so the visit ends there, offline); anything else is a third-party request —
recorded and blocked. Each visit also collects console errors, Content-Security-Policy
violations and cookies (cleared before the next visit). The flows that use this live in
``audit_flows``.
"""

from __future__ import annotations

import mimetypes
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from generator.audit.js import (
    CSP_PREFIX,
    CSP_PROBE_JS,
    FOCUS_STOPS_JS,
    HIDDEN_JS,
    OVERFLOW_JS,
    SKIP_RESULT_JS,
    UNLOAD_PROBE_JS,
)
from generator.audit.model import Finding, Page, file_for

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NARROW, MOBILE, WIDE = 320, 360, 1280
EXIT_TAB_STOPS = 3  # the quick exit must be among this many first tab stops
PROBE_PREFIX = "stemme-audit:"
STAND_IN = "<!doctype html><html lang='nb'><title>Været</title><h1>Nøytral side</h1></html>"


def find_chromium() -> str | None:
    """Chromium to drive: $STEMME_CHROMIUM, Debian's /usr/bin/chromium, or on PATH."""
    for candidate in (os.environ.get("STEMME_CHROMIUM"), "/usr/bin/chromium"):
        if candidate and Path(candidate).is_file():
            return candidate
    return shutil.which("chromium") or shutil.which("chromium-browser")


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # the browser closes connections when a context closes; that is no news


class LocalServer:
    """A threaded static file server for the build on 127.0.0.1 (free port)."""

    def __init__(self, site_dir: Path) -> None:
        handler = partial(_QuietHandler, directory=str(site_dir))
        self._httpd = _QuietServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self.origin = f"http://127.0.0.1:{self._httpd.server_address[1]}"

    def __enter__(self) -> LocalServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join()


def _same_origin(url: str, origin: str) -> bool:
    a, b = urlsplit(url), urlsplit(origin)
    return bool(origin) and (a.scheme, a.netloc) == (b.scheme, b.netloc)


@dataclass
class Traffic:
    """Routes one context's requests and remembers what must not happen."""

    server: str
    site_dir: Path
    public_origin: str
    neutral_url: str
    exit_allowed: bool = False
    external: list[str] = field(default_factory=list)
    exits: list[str] = field(default_factory=list)  # neutral URLs answered by the stand-in

    def is_neutral(self, url: str) -> bool:
        a, b = urlsplit(url), urlsplit(self.neutral_url)
        return a.netloc == b.netloc and a.path.rstrip("/").startswith(b.path.rstrip("/"))

    def handle(self, route: Any) -> None:
        url = route.request.url
        if _same_origin(url, self.server):
            route.continue_()
        elif _same_origin(url, self.public_origin):
            self._serve_from_build(route, url)
        elif self.exit_allowed and self.is_neutral(url):
            self.exits.append(url)
            route.fulfill(status=200, body=STAND_IN, content_type="text/html")
        else:
            self.external.append(url)
            route.abort("blockedbyclient")

    def _serve_from_build(self, route: Any, url: str) -> None:
        file = file_for(self.site_dir, urlsplit(url).path)
        if file is None:
            route.fulfill(status=404, body="ikke funnet")
            return
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)


@dataclass
class Session:
    page: Any
    traffic: Traffic
    console: list[str]
    probes: list[str]  # what the page reported through PROBE_PREFIX console lines
    url: str


class BrowserAudit:
    """All browser flows for one build; one Chromium for the whole audit."""

    def __init__(
        self,
        browser: Any,
        server: str,
        site_dir: Path,
        public_origin: str,
        neutral_url: str,
        exit_timeout: int = 5_000,
    ) -> None:
        self.exit_timeout = exit_timeout  # ms the quick exit may take to reach the neutral page
        self.browser = browser
        self.server = server
        self.site_dir = site_dir
        self.public_origin = public_origin
        self.neutral_url = neutral_url
        self.traffic = Traffic(server, site_dir, public_origin, neutral_url)
        self._context: Any = None
        self._tab: Any = None
        self._console: list[str] = []
        self._probes: list[str] = []
        self._csp: list[str] = []  # CSP violations the page reported

    def _visitor(self) -> tuple[Any, Any]:
        """The one context and tab that walk the site, like one visitor (created lazily):
        one renderer is reused from page to page, which keeps the audit fast."""
        if self._context is None:
            self._context = self.browser.new_context(
                viewport={"width": MOBILE, "height": 720}, locale="nb-NO", service_workers="block"
            )
            self._context.set_default_timeout(10_000)  # a hang costs seconds, not minutes
            self._context.route("**/*", self.traffic.handle)
            self._context.add_init_script(CSP_PROBE_JS)
            self._tab = self._context.new_page()
            self._tab.on("console", self._on_console)
            self._tab.on("pageerror", lambda e: self._console.append(f"JavaScript-feil: {e}"))
        return self._context, self._tab

    def _on_console(self, message: Any) -> None:
        if message.text.startswith(PROBE_PREFIX):
            self._probes.append(message.text.removeprefix(PROBE_PREFIX))
        elif message.text.startswith(CSP_PREFIX):
            self._csp.append(message.text.removeprefix(CSP_PREFIX))
        elif message.type == "error":
            self._console.append(_console_text(message))

    @contextmanager
    def session(
        self, page: Page, width: int, findings: list[Finding], exit_allowed: bool = False
    ) -> Iterator[Session]:
        """One visit to ``page``; on leaving, report third-party requests, cookies and
        console errors into ``findings`` (cookies are then cleared for the next visit)."""
        context, tab = self._visitor()
        self.traffic.external.clear()
        self.traffic.exits.clear()
        self.traffic.exit_allowed = exit_allowed
        self._console.clear()
        self._probes.clear()
        self._csp.clear()
        tab.set_viewport_size({"width": width, "height": 720})
        try:
            yield Session(tab, self.traffic, self._console, self._probes, self.server + page.path)
            tab.wait_for_timeout(50)  # let late requests and errors arrive
            cookies = context.cookies()
            findings += self._leftovers(page, self.traffic, self._console, cookies)
            context.clear_cookies()
        except BaseException:
            self.close()  # a broken visit gets a fresh context next time
            raise
        finally:
            self.traffic.exit_allowed = False

    def close(self) -> None:
        if self._context is not None:
            self._context.close()
            self._context = None

    def _leftovers(
        self, page: Page, traffic: Traffic, console: list[str], cookies: list[dict]
    ) -> list[Finding]:
        found = [
            Finding(
                "privacy",
                page.path,
                "tredjeparts-forespørsel",
                url,
                "siden ber om noe fra en annen vert; alt skal ligge på vårt eget nettsted",
            )
            for url in dict.fromkeys(traffic.external)
        ]
        found += [
            Finding(
                "privacy",
                page.path,
                "informasjonskapsel",
                f"{c['name']} (domene {c['domain']})",
                "siden setter en informasjonskapsel; nettstedet skal ikke sette noen",
            )
            for c in cookies
        ]
        found += [
            Finding("console", page.path, "konsollfeil", text, "feil i nettleserkonsollen")
            for text in dict.fromkeys(console)
        ]
        found += [
            Finding(
                "console",
                page.path,
                "csp-brudd",
                text,
                "siden bryter sin egen Content-Security-Policy: stil eller skript må ligge i "
                "egne filer under /theme/, ikke i siden",
            )
            for text in dict.fromkeys(self._csp)
        ]
        return found


def _console_text(message: Any) -> str:
    where = message.location or {}
    url = where.get("url", "")
    return f"{message.text} ({url}:{where.get('lineNumber', '?')})" if url else message.text


def axe_findings(page: Page, tab: Any, width: int) -> list[Finding]:
    """axe-core (the copy shipped by axe-playwright-python) with WCAG 2.0/2.1 A + AA."""
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {"type": "tag", "values": AXE_TAGS},
        "resultTypes": ["violations", "incomplete"],
    }
    result = Axe().run(tab, options=options).response
    found = []
    for violation in [*result["violations"], *_invisible_text(result.get("incomplete", []))]:
        for node in violation["nodes"][:5]:
            target = " ".join(str(t) for t in node["target"])
            snippet = " ".join(node.get("html", "").split())[:200]
            found.append(
                Finding(
                    "axe",
                    page.path,
                    f"{violation['id']} ({violation.get('impact')}, {width} px)",
                    f"{target}  {snippet}",
                    f"{violation['help']} — {violation['helpUrl']}",
                )
            )
    return found


def _invisible_text(incomplete: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """axe files text in the colour of its own background (1:1, «equalRatio») under
    «incomplete», not «violations», as if it might be hidden on purpose. Visible text a
    visitor cannot read is a failure here: those nodes are returned as violations."""
    found = []
    for result in incomplete:
        if result.get("id") != "color-contrast":
            continue
        nodes = [
            node
            for node in result.get("nodes", [])
            if any(c.get("data", {}).get("messageKey") == "equalRatio" for c in node["any"])
        ]
        if nodes:
            found.append({**result, "nodes": nodes})
    return found


def overflow_findings(page: Page, tab: Any, width: int) -> list[Finding]:
    wide = tab.evaluate(OVERFLOW_JS)
    if not wide:
        return []
    return [
        Finding(
            "layout",
            page.path,
            f"vannrett-rulling-{width}px",
            "; ".join(wide["elements"]),
            f"siden er {wide['scrollWidth']} px bred i et vindu på {wide['width']} px",
        )
    ]


def tab_stops(tab: Any, count: int = 6) -> list[dict]:
    """Press Tab ``count`` times from the top; describe each stop and whether focus shows."""
    for index in range(count):
        tab.keyboard.press("Tab")
        tab.evaluate(FOCUS_STOPS_JS["focused"], index)
    return tab.evaluate(FOCUS_STOPS_JS["compare"])


def watch_unload(tab: Any) -> None:
    """Make the page report, as it is being left, whether its content was already hidden."""
    tab.evaluate(UNLOAD_PROBE_JS.replace("HIDDEN_JS", HIDDEN_JS), PROBE_PREFIX)


def skip_link_result(tab: Any, target_id: str) -> dict:
    return tab.evaluate(SKIP_RESULT_JS, target_id)
