"""Shared helpers for the handbook tests: a state DB filled by the real watcher from the
feed fixtures in tests/fixtures/feeds (two polls served by a local pytest-httpserver), plus
what no fixture feed carries, added through the store API: a hostile consultation (script
tag and onerror in the title, a javascript: link) and one answered by the example draft in
content/hoeringssvar/; and a real ``mkdocs build --strict`` of the handbook.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import time_machine
from pytest_httpserver import HTTPServer

from generator.cli import main
from generator.core.config import Paths
from generator.core.state import open_db
from generator.watch.model import OSLO, Entry
from generator.watch.records import Scored, insert_entry
from generator.watch.store import set_tracking, transaction
from tests.project import FEEDS, ROOT

TODAY = date(2026, 11, 26)
POLL_1 = datetime(2026, 11, 16, 15, 0, tzinfo=OSLO)
POLL_2 = datetime(2026, 11, 19, 9, 0, tzinfo=OSLO)
HOSTILE_TITLE = "Høring om krisesentre <script>alert(1)</script><img src=x onerror=alert(1)>"
HOSTILE_ID = "9999001"
DRAFT_ID = "3170003"
DRAFT_URL = (
    "https://www.regjeringen.no/no/dokumenter/"
    "horing-evaluering-av-krisesenterloven-og-forslag-til-endringer/id3170003/"
)
PAGES_1 = {"3181402": "horing-3181402.html", "3181177": "horing-3181177.html",
           "3180960": "horing-3180960.html"}  # fmt: skip
PAGES_2 = {**PAGES_1, "3181177": "horing-3181177-v2.html"}


def _serve(server: HTTPServer, feed_name: str, pages: dict[str, str]) -> str:
    """Serve a regjeringen feed at /rss, its detail pages at their link paths, Stortinget."""
    server.clear()
    server.no_handler_status_code = 404
    data = (FEEDS / feed_name).read_bytes()
    server.expect_request("/rss").respond_with_data(data, content_type="application/rss+xml")
    links = {e.id: urlsplit(e.link).path for e in feedparser.parse(data).entries}
    for guid, page in pages.items():
        server.expect_request(links[guid]).respond_with_data(
            (FEEDS / page).read_bytes(), content_type="text/html; charset=utf-8"
        )
    server.expect_request("/st").respond_with_data(
        (FEEDS / "stortinget-horinger.json").read_bytes(), content_type="application/json"
    )
    return server.url_for("/rss")


def _watch(server: HTTPServer, feed_name: str, pages: dict[str, str], when: datetime) -> None:
    url = _serve(server, feed_name, pages)
    with time_machine.travel(when, tick=True):
        code = main(["watch", "--source", f"regjeringen={url}",
                     "--source", f"stortinget={server.url_for('/st')}"])  # fmt: skip
    assert code == 0


def _end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO)


def _insert(conn, entry: Entry, terms: list[str], now: datetime) -> None:
    scored = Scored(entry, float(len(terms)) * 2, True, terms, entry.key, entry.key, True)
    with transaction(conn):
        insert_entry(conn, "regjeringen", scored, now)


def add_hostile_and_draft(db_path: Path) -> None:
    """Two consultations no fixture feed has, written through the watcher's store API."""
    conn = open_db(db_path)
    try:
        hostile = Entry(
            key=HOSTILE_ID,
            title=HOSTILE_TITLE,
            url="javascript:alert(1)",
            summary='Om krisesentre <img src=x onerror=alert(1)> "sitat" & <b>fet</b>',
            department="<i>Ukjent</i> departement",
            published=datetime(2026, 11, 20, 9, tzinfo=OSLO),
            deadline=_end_of_day(date(2026, 12, 1)),
        )
        draft = Entry(
            key=DRAFT_ID,
            title="Høring – evaluering av krisesenterloven og forslag til endringer",
            url=DRAFT_URL,
            summary="Departementet legger fram evalueringen av krisesenterloven.",
            department="Barne- og familiedepartementet",
            published=datetime(2026, 11, 2, 10, tzinfo=OSLO),
            deadline=_end_of_day(date(2027, 1, 15)),
        )
        _insert(conn, hostile, ["krisesent"], POLL_2)
        _insert(conn, draft, ["krisesent"], POLL_2)
        now = datetime(2026, 11, 20, 9, tzinfo=OSLO)
        set_tracking(conn, DRAFT_ID, now, status="svarer", owner="Kari Nordmann",
                     note="Styret godkjenner 10. desember")  # fmt: skip
        set_tracking(conn, "3181402", now, status="vurderes", owner="Ola <b>Fet</b>")
    finally:
        conn.close()


def fill_from_fixtures(project: Paths, server: HTTPServer) -> Paths:
    """Two real `stemme watch` runs into the project's DB, plus the hostile and draft rows."""
    _watch(server, "regjeringen-horinger.rss", PAGES_1, POLL_1)
    _watch(server, "regjeringen-horinger-page2.rss", PAGES_2, POLL_2)
    add_hostile_and_draft(project.state_db)
    return project


@dataclass
class Built:
    site: Path
    returncode: int
    stdout: str
    stderr: str
    project: Paths

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def build_handbook(project: Paths, site: Path, today: date | str = TODAY) -> Built:
    """``mkdocs build --strict`` of the real handbook config against the project copy."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env["STEMME_TODAY"] = today if isinstance(today, str) else today.isoformat()
    env["STEMME_ROOT"] = str(project.root)
    env["STEMME_DB"] = str(project.state_db)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict",
           "-f", str(ROOT / "handbook" / "mkdocs.yml"), "-d", str(site)]  # fmt: skip
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=180)
    return Built(site, result.returncode, result.stdout, result.stderr, project)
