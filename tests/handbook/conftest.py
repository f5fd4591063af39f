"""Handbook fixtures: a state DB filled from the shared feed fixtures, and a real build.

The DB is filled through the watcher's store API (``insert_entry``/``update_entry``/
``set_tracking``) with the items of the two regjeringen fixture polls, deadlines as the
fixtures README states them, plus one hostile consultation. The handbook is built with
the real ``mkdocs build --strict`` in a subprocess, "today" frozen with STEMME_TODAY.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

import feedparser
import pytest

from generator.config import Paths
from generator.state import open_db
from generator.watch.model import OSLO, Entry
from generator.watch.store import (
    Change,
    Scored,
    insert_entry,
    known_entries,
    set_tracking,
    transaction,
    update_entry,
)

ROOT = Path(__file__).resolve().parents[2]
FEEDS = ROOT.parent / "shared" / "fixtures" / "feeds"
TODAY = date(2026, 11, 26)
TERMS = (
    "vold i nære relasjoner", "partnervold", "krisesent", "barnevern", "straffeprosess",
    "kontaktforbud", "voldsoffer", "negativ sosial kontroll", "dommeravhør", "barnehus",
)  # fmt: skip
# From the fixtures README: deadlines found on the detail pages (poll 2 extends 3181177).
DEADLINES_POLL1 = {"3181402": date(2027, 2, 15), "3181177": date(2027, 3, 1),
                   "3180960": date(2027, 1, 22)}  # fmt: skip
DEADLINES_POLL2 = {**DEADLINES_POLL1, "3181177": date(2027, 3, 15)}
HOSTILE_TITLE = "Høring om krisesentre <script>alert(1)</script><img src=x onerror=alert(1)>"
DRAFT_URL = (
    "https://www.regjeringen.no/no/dokumenter/"
    "horing-evaluering-av-krisesenterloven-og-forslag-til-endringer/id3170003/"
)


def end_of_day(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO)


def scored(entry: Entry) -> Scored:
    haystack = f"{entry.title} {entry.summary}".lower()
    terms = [t for t in TERMS if t in haystack]
    digest = hashlib.sha256(f"{entry.title}|{entry.summary}|{entry.deadline}".encode())
    return Scored(entry, float(len(terms)), bool(terms), terms, digest.hexdigest(),
                  digest.hexdigest(), True)  # fmt: skip


def feed_entries(name: str, deadlines: dict[str, date]) -> list[Entry]:
    feed = feedparser.parse((FEEDS / name).read_bytes())
    entries = []
    for item in feed.entries:
        published = datetime(*item.published_parsed[:6], tzinfo=UTC)
        entries.append(
            Entry(
                key=item.id,
                title=item.title,
                url=item.link,
                summary=item.summary,
                department=item.summary.split(" ")[0],
                published=published,
                deadline=end_of_day(deadlines[item.id]) if item.id in deadlines else None,
            )
        )
    return entries


def ingest(conn, entries: list[Entry], now: datetime) -> None:
    with transaction(conn):
        known = known_entries(conn, "regjeringen")
        for entry in entries:
            if entry.key not in known:
                insert_entry(conn, "regjeringen", scored(entry), now)
                continue
            old = known[entry.key].entry
            changes = []
            if old.deadline != entry.deadline:
                changes.append(
                    Change(
                        "deadline",
                        str(old.deadline),
                        str(entry.deadline),
                        "høringsfrist forlenget 1. mars → 15. mars 2027",
                    )
                )
            if old.title != entry.title:
                changes.append(Change("title", old.title, entry.title, "tittel endret"))
            update_entry(conn, known[entry.key].pk, scored(entry), now, changes)


def extra_entries() -> list[Entry]:
    hostile = Entry(
        key="9999001",
        title=HOSTILE_TITLE,
        url="javascript:alert(1)",
        summary='Krisesentre <img src=x onerror=alert(1)> "sitat" & <b>fet</b>',
        department="<i>Ukjent</i> departement",
        published=datetime(2026, 11, 20, 9, tzinfo=OSLO),
        deadline=end_of_day(date(2026, 12, 1)),
    )
    draft = Entry(
        key="3170003",
        title="Høring – evaluering av krisesenterloven og forslag til endringer",
        url=DRAFT_URL,
        summary="Barne- og familiedepartementet legger fram evalueringen av krisesenterloven.",
        department="Barne- og familiedepartementet",
        published=datetime(2026, 11, 2, 10, tzinfo=OSLO),
        deadline=end_of_day(date(2027, 1, 15)),
    )
    return [hostile, draft]


def fill_db(db_path: Path) -> None:
    conn = open_db(db_path)
    try:
        ingest(conn, feed_entries("regjeringen-horinger.rss", DEADLINES_POLL1) + extra_entries(),
               datetime(2026, 11, 16, 14, tzinfo=OSLO))  # fmt: skip
        ingest(conn, feed_entries("regjeringen-horinger-page2.rss", DEADLINES_POLL2),
               datetime(2026, 11, 19, 14, tzinfo=OSLO))  # fmt: skip
        now = datetime(2026, 11, 20, 9, tzinfo=OSLO)
        set_tracking(conn, "3170003", now, status="svarer", owner="Kari Nordmann",
                     note="Styret godkjenner 10. desember")  # fmt: skip
        set_tracking(conn, "3181402", now, status="vurderes", owner="Ola <b>Fet</b>")
    finally:
        conn.close()


@dataclass
class Built:
    site: Path
    result: subprocess.CompletedProcess

    def page(self, url_path: str) -> str:
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def build_handbook(project: Paths, site: Path, today: date = TODAY) -> Built:
    """``mkdocs build --strict`` of the real handbook against the project copy."""
    env = {**os.environ, "STEMME_TODAY": today.isoformat(), "NO_MKDOCS_2_WARNING": "1"}
    env["STEMME_ROOT"] = str(project.root)
    env["STEMME_DB"] = str(project.state_db)
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q",
           "-f", str(ROOT / "handbook" / "mkdocs.yml"), "-d", str(site)]  # fmt: skip
    result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    return Built(site, result)


@pytest.fixture
def filled_project(project: Paths) -> Paths:
    fill_db(project.state_db)
    return project


@pytest.fixture
def cards_cache(project: Paths) -> Paths:
    """Cached cards for the project copy, if the main checkout has rendered any."""
    src = ROOT / ".cache" / "stemme" / "kort"
    if src.is_dir():
        shutil.copytree(src, project.cards)
    return project
