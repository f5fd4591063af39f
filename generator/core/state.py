"""The state database: one SQLite file shared by the watcher and the posting ledger.

``open_db(path)`` opens (creating folders as needed) with WAL, foreign keys and a busy
timeout, then applies every pending migration. Each area registers its own ordered list
of migrations under its own name when its schema module is imported (``"watch"`` in
``generator.watch.store``, ``"social"`` in ``generator.social.ledger``), so a command
that uses an area's tables has always registered them; the table
``schema_migrations(area, version)`` records what has run, so areas evolve independently
and a migration never runs twice. Each migration runs in its own transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
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
            f"Kan ikke åpne tilstandsdatabasen {path}: {exc}. "
            "Sjekk at mappen finnes og er skrivbar, eller pek STEMME_DB til en annen fil."
        ) from None
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=10000")
    if migrate:
        apply_migrations(conn)
    return conn


def apply_migrations(conn: sqlite3.Connection) -> None:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " area TEXT NOT NULL, version INTEGER NOT NULL,"
        " applied_at TEXT NOT NULL DEFAULT (datetime('now')),"
        " PRIMARY KEY (area, version))"
    )
    for area, migrations in sorted(_MIGRATIONS.items()):
        done = {
            row[0]
            for row in conn.execute("SELECT version FROM schema_migrations WHERE area = ?", (area,))
        }
        for version, migration in enumerate(migrations, start=1):
            if version in done:
                continue
            try:
                conn.execute("BEGIN IMMEDIATE")
                if callable(migration):
                    migration(conn)
                else:
                    for statement in _split(migration):
                        conn.execute(statement)
                conn.execute(
                    "INSERT INTO schema_migrations (area, version) VALUES (?, ?)",
                    (area, version),
                )
                conn.execute("COMMIT")
            except sqlite3.Error as exc:
                conn.execute("ROLLBACK")
                raise StateError(
                    f"Migrering {area} v{version} av tilstandsdatabasen feilet: {exc}."
                ) from None


def _split(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]
