"""The state database: one SQLite file shared by the watcher and the posting ledger.

``open_db(path)`` opens (creating folders as needed) with WAL, foreign keys and a busy
timeout, then applies every pending migration (``with state_db(path) as conn:`` also closes
it at the end of the block). Each area registers its own ordered list of migrations under
its own name when its schema module is imported (``"watch"`` in ``generator.watch.store``,
``"social"`` in ``generator.social.ledger``), so a command that uses an area's tables has
always registered them; the table ``schema_migrations(area, version)`` records what has
run, so areas evolve independently and a migration never runs twice. Each migration runs
in its own transaction.

Several processes may open a brand-new file at the same moment (cron jobs that overlap):
switching to WAL is retried while another process holds the lock, and a migration's
version is read only after ``BEGIN IMMEDIATE`` (under the write lock), so the second
process sees that the first one already ran it.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from generator.core.errors import StateError

Migration = str | Callable[[sqlite3.Connection], None]

_MIGRATIONS: dict[str, Sequence[Migration]] = {}


def register_migrations(area: str, migrations: Sequence[Migration]) -> None:
    """Declare an area's migrations, oldest first. Never reorder or edit a released one."""
    _MIGRATIONS[area] = migrations


def open_db(path: Path, *, migrate: bool = True) -> sqlite3.Connection:
    """Open the state DB at ``path`` and bring every area's schema up to date."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, timeout=10, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StateError(
            f"Kan ikke åpne tilstandsdatabasen {path}: {_reason(exc)}. "
            "Sjekk at mappen finnes og er skrivbar, eller pek STEMME_DB til en annen fil."
        ) from None
    conn.row_factory = sqlite3.Row
    try:
        conn.execute("PRAGMA busy_timeout=10000")
        _use_wal(conn)
        conn.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as exc:
        conn.close()
        raise StateError(
            f"Kan ikke bruke tilstandsdatabasen {path}: {_reason(exc)}. Kjører en annen «stemme»-"
            "kommando lenge? Prøv igjen om litt."
        ) from None
    if migrate:
        apply_migrations(conn)
    return conn


@contextmanager
def state_db(path: Path, *, migrate: bool = True) -> Iterator[sqlite3.Connection]:
    """:func:`open_db` for a ``with`` block: the connection is closed when it ends."""
    conn = open_db(path, migrate=migrate)
    try:
        yield conn
    finally:
        conn.close()


# SQLite's English reasons a person may meet, in Norwegian (others are shown as they are).
_REASONS = (
    ("locked", "databasen er låst av en annen prosess"),
    ("busy", "databasen er opptatt i en annen prosess"),
    ("readonly", "filen er skrivebeskyttet"),
    ("not a database", "filen er ikke en SQLite-database"),
    ("disk i/o", "diskfeil ved lesing eller skriving"),
    ("unable to open", "filen kan ikke åpnes"),
    ("disk is full", "disken er full"),
)


def _reason(exc: BaseException) -> str:
    text = str(exc)
    return next((norsk for key, norsk in _REASONS if key in text.lower()), text)


def _use_wal(conn: sqlite3.Connection, wait: float = 10.0) -> None:
    """Switch to WAL; a new file opened by several processes at once may be busy briefly."""
    deadline = time.monotonic() + wait
    pause = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def _pending(conn: sqlite3.Connection) -> bool:
    """Cheap check without a lock: is any registered migration not recorded yet?"""
    try:
        done = set(conn.execute("SELECT area, version FROM schema_migrations"))
    except sqlite3.OperationalError:  # no table yet
        return True
    return any(
        (area, version) not in done
        for area, migrations in _MIGRATIONS.items()
        for version in range(1, len(migrations) + 1)
    )


def apply_migrations(conn: sqlite3.Connection) -> None:
    """Run every pending migration, each in its own write transaction."""
    if not _pending(conn):
        return
    for area, migrations in sorted(_MIGRATIONS.items()):
        for version, migration in enumerate(migrations, start=1):
            try:
                _migrate_once(conn, area, version, migration)
            except sqlite3.Error as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise StateError(
                    f"Migrering {area} v{version} av tilstandsdatabasen feilet: {_reason(exc)}."
                ) from None


def _migrate_once(conn: sqlite3.Connection, area: str, version: int, migration: Migration) -> None:
    # The lock first, then the question: another process may have just run this migration.
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " area TEXT NOT NULL, version INTEGER NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (datetime('now')),"
        " PRIMARY KEY (area, version))"
    )
    done = conn.execute(
        "SELECT 1 FROM schema_migrations WHERE area = ? AND version = ?", (area, version)
    ).fetchone()
    if done is None:
        if callable(migration):
            migration(conn)
        else:
            for statement in _split(migration):
                conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations (area, version) VALUES (?, ?)", (area, version))
    conn.execute("COMMIT")


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
