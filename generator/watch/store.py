"""The watcher's tables in the state DB, and the read API other parts use.

Schema (area ``"watch"`` of :func:`generator.core.state.open_db`):

* ``watch_sources`` — one row per source name: kind, url, ETag/Last-Modified validators,
  last poll, last success, last error.
* ``consultations`` — one row per (source, key); ``key`` is the source's stable numeric id.
  Holds title, url, department/committee, published, deadline, summary,
  reference, upstream status, relevance score + matched terms, tracking fields
  (``status`` ∈ ny|vurderes|svarer|svart|ikke aktuell, owner, note), first/last seen,
  content hash and revision.
  Every timestamp is stored as ISO 8601 in UTC ("2027-02-15T22:59:59+00:00"), so text
  order is time order and sorting needs no date functions.
* ``consultation_history`` — every change: ``kind`` is ``ny``, ``endret`` (content) or
  ``sporing`` (tracking fields), with field, old, new and a Norwegian message.

Read API (stable; the handbook and the commands use only these)::

    list_consultations(conn, *, relevant=None, status=None, due_within=None, today=None,
                       source=None) -> list[Consultation]   # by deadline, unknown last
    get_consultation(conn, id) -> Consultation               # id = "3181402" or
                                                             # "regjeringen:3181402"
    history(conn, id) -> list[HistoryEntry]                  # oldest first
    list_sources(conn) -> list[SourceState]

Writes: :func:`set_tracking` (status/owner/note, logged) and :func:`transaction`; the
poller's writes live in :mod:`generator.watch.records`. An unknown or ambiguous ``id``
raises :class:`~generator.core.errors.WatchError`.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from generator.core import WatchError, dates, register_migrations
from generator.watch.model import OSLO, STATUSES, Consultation

MIGRATIONS = [
    """
    CREATE TABLE watch_sources (
        name TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        url TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        last_polled TEXT,
        last_success TEXT,
        last_error TEXT,
        last_error_at TEXT
    );
    CREATE TABLE consultations (
        pk INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        title TEXT NOT NULL,
        url TEXT,
        department TEXT,
        published TEXT,
        deadline TEXT,
        summary TEXT NOT NULL DEFAULT '',
        reference TEXT,
        source_status TEXT,
        extra TEXT NOT NULL DEFAULT '{}',
        relevance REAL NOT NULL DEFAULT 0,
        relevant INTEGER NOT NULL DEFAULT 0,
        terms TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL DEFAULT 'ny'
            CHECK (status IN ('ny', 'vurderes', 'svarer', 'svart', 'ikke aktuell')),
        owner TEXT,
        note TEXT,
        first_seen TEXT NOT NULL,
        last_seen TEXT NOT NULL,
        updated_at TEXT,
        revision INTEGER NOT NULL DEFAULT 0,
        feed_hash TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        page_checked TEXT,
        UNIQUE (source, key)
    );
    CREATE INDEX consultations_deadline ON consultations (deadline);
    CREATE INDEX consultations_key ON consultations (key);
    CREATE TABLE consultation_history (
        id INTEGER PRIMARY KEY,
        consultation INTEGER NOT NULL REFERENCES consultations (pk) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('ny', 'endret', 'sporing')),
        field TEXT,
        old TEXT,
        new TEXT,
        message TEXT NOT NULL
    );
    CREATE INDEX consultation_history_consultation ON consultation_history (consultation)
    """,
]

register_migrations("watch", MIGRATIONS)


@dataclass(frozen=True)
class SourceState:
    name: str
    kind: str
    url: str
    etag: str | None
    last_modified: str | None
    last_polled: datetime | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime
    kind: str
    field: str | None
    old: str | None
    new: str | None
    message: str


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None
    new: str | None
    message: str


# ---------------------------------------------------------------- conversions


def to_db_time(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime")
    return value.astimezone(UTC).isoformat()


def from_db_time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction: everything inside commits together or not at all."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


# ---------------------------------------------------------------- sources


def _source(row: sqlite3.Row) -> SourceState:
    return SourceState(
        name=row["name"],
        kind=row["kind"],
        url=row["url"],
        etag=row["etag"],
        last_modified=row["last_modified"],
        last_polled=from_db_time(row["last_polled"]),
        last_success=from_db_time(row["last_success"]),
        last_error=row["last_error"],
        last_error_at=from_db_time(row["last_error_at"]),
    )


def source_state(conn: sqlite3.Connection, name: str) -> SourceState | None:
    row = conn.execute("SELECT * FROM watch_sources WHERE name = ?", (name,)).fetchone()
    return _source(row) if row else None


def list_sources(conn: sqlite3.Connection) -> list[SourceState]:
    return [_source(r) for r in conn.execute("SELECT * FROM watch_sources ORDER BY name")]


def log_change(
    conn: sqlite3.Connection, pk: int | None, now: datetime, kind: str, change: Change
) -> None:
    conn.execute(
        "INSERT INTO consultation_history (consultation, at, kind, field, old, new, message) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (pk, to_db_time(now), kind, change.field or None, change.old, change.new, change.message),
    )


# ---------------------------------------------------------------- reading


_TRACKING_LABELS = {"status": "status", "owner": "ansvarlig", "note": "notat"}


_COLUMNS = (
    "key, source, title, url, department, published, deadline, summary, reference, "
    "source_status, relevance, relevant, terms, status, owner, note, first_seen, last_seen, "
    "updated_at, revision, extra"
)
_EMPTY_JSON = {"[]": list, "{}": dict}


def _json(text: str) -> Any:
    empty = _EMPTY_JSON.get(text)
    return empty() if empty else json.loads(text)


def _time(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value).astimezone(OSLO) if value else None


def _consultation(row: tuple) -> Consultation:
    """Build from a tuple in ``_COLUMNS`` order (tuples are much faster than Rows)."""
    (key, source, title, url, department, published, deadline, summary, reference,
     source_status, relevance, relevant, terms, status, owner, note, first_seen, last_seen,
     updated_at, revision, extra) = row  # fmt: skip
    return Consultation(
        id=key,
        source=source,
        title=title,
        url=url,
        department=department,
        published=_time(published),
        deadline=_time(deadline),
        summary=summary,
        reference=reference,
        source_status=source_status,
        relevance=relevance,
        relevant=bool(relevant),
        terms=_json(terms),
        status=status,
        owner=owner,
        note=note,
        first_seen=datetime.fromisoformat(first_seen),
        last_seen=datetime.fromisoformat(last_seen),
        updated_at=datetime.fromisoformat(updated_at) if updated_at else None,
        revision=revision,
        extra=_json(extra),
    )


def _select(conn: sqlite3.Connection, where: str, params: Iterable[Any]) -> list[Consultation]:
    cursor = conn.cursor()
    cursor.row_factory = None
    rows = cursor.execute(f"SELECT {_COLUMNS} FROM consultations {where}", tuple(params))
    return [_consultation(row) for row in rows]


def list_consultations(
    conn: sqlite3.Connection,
    *,
    relevant: bool | None = None,
    status: str | Iterable[str] | None = None,
    due_within: int | None = None,
    today: date | None = None,
    source: str | None = None,
) -> list[Consultation]:
    """Stored consultations sorted by deadline (soonest first, unknown deadlines last).

    ``due_within=N`` keeps those whose deadline falls from ``today`` (Oslo; default the
    real today) up to and including ``today + N`` days.
    """
    where: list[str] = []
    params: list[Any] = []
    if relevant is not None:
        where.append("relevant = ?")
        params.append(int(relevant))
    if status is not None:
        wanted = [status] if isinstance(status, str) else list(status)
        _check_statuses(wanted)
        where.append(f"status IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if source is not None:
        where.append("source = ?")
        params.append(source)
    if due_within is not None:
        today = today or dates.today()
        start = datetime.combine(today, datetime.min.time(), tzinfo=OSLO)
        end = start + timedelta(days=due_within + 1)
        where.append("deadline >= ? AND deadline < ?")
        params.extend([to_db_time(start), to_db_time(end)])
    sql = " WHERE " + " AND ".join(where) if where else ""
    sql += " ORDER BY deadline IS NULL, deadline, published DESC, key"
    return _select(conn, sql, params)


def _row(conn: sqlite3.Connection, id: str) -> sqlite3.Row:
    id = id.strip()
    if ":" in id:
        source, key = id.split(":", 1)
        rows = conn.execute(
            "SELECT * FROM consultations WHERE source = ? AND key = ?", (source, key)
        ).fetchall()
    else:
        rows = conn.execute("SELECT * FROM consultations WHERE key = ?", (id,)).fetchall()
    if not rows:
        raise WatchError(
            f"Fant ingen høring med id «{id}». Se «stemme consultations» for id-ene som finnes."
        )
    if len(rows) > 1:
        choices = ", ".join(f"{r['source']}:{r['key']}" for r in rows)
        raise WatchError(f"Id-en «{id}» finnes i flere kilder. Skriv en av: {choices}.")
    return rows[0]


def get_consultation(conn: sqlite3.Connection, id: str) -> Consultation:
    """One consultation by id ("3181402", or "kilde:3181402" when ids collide)."""
    return _select(conn, "WHERE pk = ?", [_row(conn, id)["pk"]])[0]


def history(conn: sqlite3.Connection, id: str) -> list[HistoryEntry]:
    """Every recorded change of a consultation, oldest first."""
    pk = _row(conn, id)["pk"]
    rows = conn.execute(
        "SELECT * FROM consultation_history WHERE consultation = ? ORDER BY at, id", (pk,)
    )
    return [
        HistoryEntry(
            at=datetime.fromisoformat(r["at"]),
            kind=r["kind"],
            field=r["field"],
            old=r["old"],
            new=r["new"],
            message=r["message"],
        )
        for r in rows
    ]


def _check_statuses(statuses: Iterable[str]) -> None:
    for status in statuses:
        if status not in STATUSES:
            allowed = ", ".join(f"«{s}»" for s in STATUSES)
            raise WatchError(f"Ukjent status «{status}». Bruk en av: {allowed}.")


def set_tracking(
    conn: sqlite3.Connection,
    id: str,
    now: datetime,
    *,
    status: str | None = None,
    owner: str | None = None,
    note: str | None = None,
) -> Consultation:
    """Update status/owner/note (None = leave as is; "" clears owner/note); log each change."""
    if status is not None:
        _check_statuses([status])
    with transaction(conn):
        row = _row(conn, id)
        for field, value in (("status", status), ("owner", owner), ("note", note)):
            if value is None:
                continue
            new = value.strip() or None
            if field == "status" and new is None:
                continue
            if new == row[field]:
                continue
            conn.execute(f"UPDATE consultations SET {field} = ? WHERE pk = ?", (new, row["pk"]))
            message = f"{_TRACKING_LABELS[field]}: {row[field] or '–'} → {new or '–'}"
            log_change(conn, row["pk"], now, "sporing", Change(field, row[field], new, message))
        return _select(conn, "WHERE pk = ?", [row["pk"]])[0]
