"""Fixtures for the watcher: a real local HTTP server serving the feed fixtures in
tests/fixtures/feeds, a real SQLite state DB, and a poller with instant backoff."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pytest_httpserver import HTTPServer

from generator.core.config import load_config
from generator.core.state import open_db
from generator.watch.fetch import Fetcher, FetchSettings
from generator.watch.model import OSLO
from generator.watch.poll import Poller, PollReport, SourceSpec
from generator.watch.relevance import RelevanceRule
from tests.project import FEEDS, FIXTURES, ROOT

REALWORLD = FIXTURES / "realworld"

POLL_1 = datetime(2026, 11, 16, 15, 0, tzinfo=OSLO)
POLL_2 = datetime(2026, 11, 19, 9, 0, tzinfo=OSLO)
TODAY = datetime(2026, 11, 20, 9, 0, tzinfo=OSLO)

PAGES = {
    "3181402": "horing-3181402.html",
    "3181177": "horing-3181177.html",
    "3180960": "horing-3180960.html",
}
RSS_TYPE = "application/rss+xml; charset=utf-8"


def feed(name: str) -> bytes:
    return (FEEDS / name).read_bytes()


def realworld(name: str) -> bytes:
    """A real-world variant from tests/fixtures/realworld (see its README)."""
    return (REALWORLD / name).read_bytes()


def link_paths(feed_name: str) -> dict[str, str]:
    """guid → path of the item's link (the detail page URL path)."""
    import feedparser

    parsed = feedparser.parse(feed(feed_name))
    return {e.id: urlsplit(e.link).path for e in parsed.entries}


@pytest.fixture
def server(httpserver: HTTPServer) -> HTTPServer:
    httpserver.no_handler_status_code = 404
    return httpserver


def serve_regjeringen(
    server: HTTPServer, feed_name: str = "regjeringen-horinger.rss", pages: dict | None = None
) -> str:
    """Serve a feed at /rss and its detail pages at the link paths; return the feed URL."""
    server.clear()
    server.no_handler_status_code = 404
    server.expect_request("/rss").respond_with_data(feed(feed_name), content_type=RSS_TYPE)
    serve_pages(server, feed_name, PAGES if pages is None else pages)
    return server.url_for("/rss")


def serve_pages(server: HTTPServer, feed_name: str, pages: dict[str, str]) -> None:
    """Serve detail pages (guid → fixture file) at the paths of the feed's item links."""
    paths = link_paths(feed_name)
    for guid, page in pages.items():
        server.expect_request(paths[guid]).respond_with_data(
            (FEEDS / page).read_bytes(), content_type="text/html; charset=utf-8"
        )


@pytest.fixture
def conn(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    connection = open_db(tmp_path / "state" / "stemme.sqlite3")
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def rule() -> RelevanceRule:
    """The organisation's own terms from stemme.toml — the README expectations use them."""
    watch = load_config(ROOT / "stemme.toml").watch
    return RelevanceRule(watch.terms, watch.threshold)


@dataclass
class Harness:
    conn: sqlite3.Connection
    rule: RelevanceRule
    sleeps: list[float] = field(default_factory=list)
    settings: FetchSettings = field(
        default_factory=lambda: FetchSettings(
            user_agent="Stemme/test (+mailto:post@example.org; Testorg)",
            connect_timeout=2,
            read_timeout=2,
            retries=2,
            backoff_seconds=0.5,
        )
    )

    def poll(self, specs: list[SourceSpec], now: datetime, **kwargs) -> PollReport:
        with Fetcher(self.settings, sleep=self.sleeps.append) as fetcher:
            return Poller(self.conn, fetcher, self.rule, now, **kwargs).run(specs)


@pytest.fixture
def harness(conn: sqlite3.Connection, rule: RelevanceRule) -> Harness:
    return Harness(conn, rule)


def regjeringen(url: str) -> list[SourceSpec]:
    return [SourceSpec("regjeringen", "regjeringen", url)]


Rows = Callable[[sqlite3.Connection], list[dict]]


def table(conn: sqlite3.Connection, name: str = "consultations") -> list[dict]:
    return [dict(r) for r in conn.execute(f"SELECT * FROM {name} ORDER BY 1")]
