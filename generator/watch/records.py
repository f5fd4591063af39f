"""The poller's writes: source validators and errors, new and changed entries.

Call these inside :func:`generator.watch.store.transaction` (except
:func:`save_source_error`, which opens its own), so one source commits all or nothing.
Reading is :mod:`generator.watch.store`'s job.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from generator.watch.model import Entry
from generator.watch.store import (
    Change,
    from_db_time,
    log_change,
    source_state,
    to_db_time,
    transaction,
)


@dataclass(frozen=True)
class Known:
    """What the poller needs to know about a stored entry to decide new/updated/unchanged."""

    pk: int
    feed_hash: str
    content_hash: str
    page_checked: bool
    entry: Entry
    page_checked_at: datetime | None = None


def _ensure_source(conn: sqlite3.Connection, name: str, kind: str, url: str) -> None:
    conn.execute(
        "INSERT INTO watch_sources (name, kind, url) VALUES (?, ?, ?) "
        "ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, url = excluded.url, "
        "etag = CASE WHEN watch_sources.url = excluded.url THEN etag END, "
        "last_modified = CASE WHEN watch_sources.url = excluded.url THEN last_modified END",
        (name, kind, url),
    )


def validators(conn: sqlite3.Connection, name: str, url: str) -> tuple[str | None, str | None]:
    """Stored (ETag, Last-Modified) for this source — only if it still has the same URL."""
    state = source_state(conn, name)
    if state is None or state.url != url:
        return None, None
    return state.etag, state.last_modified


def save_source_success(
    conn: sqlite3.Connection,
    name: str,
    kind: str,
    url: str,
    now: datetime,
    *,
    etag: str | None,
    last_modified: str | None,
) -> None:
    """Record a successful poll (call inside the source's transaction)."""
    _ensure_source(conn, name, kind, url)
    conn.execute(
        "UPDATE watch_sources SET etag = ?, last_modified = ?, last_polled = ?, "
        "last_success = ?, last_error = NULL, last_error_at = NULL WHERE name = ?",
        (etag, last_modified, to_db_time(now), to_db_time(now), name),
    )


def save_source_error(
    conn: sqlite3.Connection, name: str, kind: str, url: str, now: datetime, message: str
) -> None:
    """Record a failed poll in its own transaction (the data stays as it was)."""
    with transaction(conn):
        _ensure_source(conn, name, kind, url)
        conn.execute(
            "UPDATE watch_sources SET last_polled = ?, last_error = ?, last_error_at = ? "
            "WHERE name = ?",
            (to_db_time(now), message, to_db_time(now), name),
        )


# ---------------------------------------------------------------- writing entries


def _entry_from_row(row: sqlite3.Row) -> Entry:
    return Entry(
        key=row["key"],
        title=row["title"],
        url=row["url"],
        summary=row["summary"],
        department=row["department"],
        published=from_db_time(row["published"]),
        deadline=from_db_time(row["deadline"]),
        reference=row["reference"],
        source_status=row["source_status"],
        extra=json.loads(row["extra"]),
    )


def known_entries(conn: sqlite3.Connection, source: str) -> dict[str, Known]:
    """Every stored entry of a source, keyed on its stable key."""
    rows = conn.execute("SELECT * FROM consultations WHERE source = ?", (source,))
    return {
        row["key"]: Known(
            pk=row["pk"],
            feed_hash=row["feed_hash"],
            content_hash=row["content_hash"],
            page_checked=row["page_checked"] is not None,
            entry=_entry_from_row(row),
            page_checked_at=from_db_time(row["page_checked"]),
        )
        for row in rows
    }


def _entry_values(entry: Entry) -> dict[str, Any]:
    return {
        "title": entry.title,
        "url": entry.url,
        "department": entry.department,
        "published": to_db_time(entry.published),
        "deadline": to_db_time(entry.deadline),
        "summary": entry.summary,
        "reference": entry.reference,
        "source_status": entry.source_status,
        "extra": json.dumps(entry.extra, ensure_ascii=False, sort_keys=True),
    }


@dataclass(frozen=True)
class Scored:
    """An entry with everything the poller worked out about it."""

    entry: Entry
    relevance: float
    relevant: bool
    terms: list[str]
    feed_hash: str
    content_hash: str
    page_checked: bool


def insert_entry(conn: sqlite3.Connection, source: str, scored: Scored, now: datetime) -> None:
    values = _entry_values(scored.entry)
    values.update(
        source=source,
        key=scored.entry.key,
        relevance=scored.relevance,
        relevant=int(scored.relevant),
        terms=json.dumps(scored.terms, ensure_ascii=False),
        first_seen=to_db_time(now),
        last_seen=to_db_time(now),
        feed_hash=scored.feed_hash,
        content_hash=scored.content_hash,
        page_checked=to_db_time(now) if scored.page_checked else None,
    )
    columns = ", ".join(values)
    marks = ", ".join(f":{name}" for name in values)
    cursor = conn.execute(f"INSERT INTO consultations ({columns}) VALUES ({marks})", values)
    log_change(conn, cursor.lastrowid, now, "ny", Change("", None, None, "ny høring"))


def update_entry(
    conn: sqlite3.Connection,
    pk: int,
    scored: Scored,
    now: datetime,
    changes: Iterable[Change],
) -> None:
    """Store new content; ``changes`` (may be empty) go to the history and bump the revision."""
    changes = list(changes)
    values = _entry_values(scored.entry)
    values.update(
        relevance=scored.relevance,
        relevant=int(scored.relevant),
        terms=json.dumps(scored.terms, ensure_ascii=False),
        last_seen=to_db_time(now),
        feed_hash=scored.feed_hash,
        content_hash=scored.content_hash,
    )
    sets = ", ".join(f"{name} = :{name}" for name in values)
    if scored.page_checked:
        sets += ", page_checked = :now"
    if changes:
        sets += ", updated_at = :now, revision = revision + 1"
    conn.execute(
        f"UPDATE consultations SET {sets} WHERE pk = :pk",
        {**values, "pk": pk, "now": to_db_time(now)},
    )
    for change in changes:
        log_change(conn, pk, now, "endret", change)


def touch_seen(conn: sqlite3.Connection, source: str, keys: Iterable[str], now: datetime) -> None:
    conn.executemany(
        "UPDATE consultations SET last_seen = ? WHERE source = ? AND key = ?",
        [(to_db_time(now), source, key) for key in keys],
    )
