"""The state DB as text: one sorted NDJSON file per table, rows named by a natural key.

Why text and not the SQLite file: git cannot merge a binary file, and a binary diff says
nothing. One JSON object per line, sorted by its key, makes every change a readable
line in ``git log -p`` (the audit trail) and lets :mod:`generator.hosted.merge` merge two
runs row by row. Integer row ids (``consultations.pk``, ``social_attempts.id``,
``consultation_history.id``) differ between two copies of the database, so they are never
written: a consultation is named by ``(source, key)``, its history rows point at that pair,
and attempt and history rows are named by their whole content (append-only).

``export_tables(conn)`` → ``{table: {key: row}}``; ``import_tables(conn, tables)`` replaces
the rows of every table named here in one transaction (parents before children).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]
Rows = dict[str, Row]  # key (JSON text) → row

# Status order of a ledger row: the further along wins a conflict; a receipt is never lost.
_POST_RANK = {"planned": 0, "failed": 1, "sending": 2, "unknown": 3, "published": 4}


def _newest(field: str) -> Callable[[Row, Row], Row]:
    def pick(local: Row, remote: Row) -> Row:
        return local if (local.get(field) or "") > (remote.get(field) or "") else remote

    return pick


def _oldest(field: str) -> Callable[[Row, Row], Row]:
    def pick(local: Row, remote: Row) -> Row:
        return local if (local.get(field) or "") < (remote.get(field) or "") else remote

    return pick


def _post_winner(local: Row, remote: Row) -> Row:
    def rank(row: Row) -> tuple[int, str]:
        return _POST_RANK.get(row["status"], 0), row.get("updated_at") or ""

    winner = dict(local if rank(local) > rank(remote) else remote)
    winner["attempts"] = max(local.get("attempts") or 0, remote.get("attempts") or 0)
    return winner


def _link_winner(local: Row, remote: Row) -> Row:
    """A followed matter's link: a person's decision (bekreftet, avvist) beats a suggestion;
    between two of the same kind the newer wins."""

    def rank(row: Row) -> tuple[bool, str]:
        return row.get("state") != "forslag", row.get("at") or ""

    return local if rank(local) > rank(remote) else remote


def _run_winner(local: Row, remote: Row) -> Row:
    """A run's row: the copy that knows the end wins; else the newer one."""
    if bool(local.get("ended_at")) != bool(remote.get("ended_at")):
        return local if local.get("ended_at") else remote
    return _newest("ended_at")(local, remote)


@dataclass(frozen=True)
class Table:
    """How one table travels: its natural key and who wins when both sides changed a row."""

    name: str
    key: tuple[str, ...] | None  # None: the whole row is the key (append-only)
    select: str
    winner: Callable[[Row, Row], Row]
    columnwise: bool = False  # merge column by column (a person's fields vs the watcher's)

    def key_of(self, row: Row) -> str:
        if self.name == "consultation_history" and row.get("kind") == "ny":
            # A consultation is new once, whichever run saw it first.
            return json.dumps([row["source"], row["key"], "ny"], ensure_ascii=False)
        if self.key is None:
            return json.dumps(row, ensure_ascii=False, sort_keys=True)
        return json.dumps([row[c] for c in self.key], ensure_ascii=False)


TABLES = (
    Table("watch_sources", ("name",), "SELECT * FROM watch_sources", _newest("last_polled")),
    Table(
        "consultations",
        ("source", "key"),
        "SELECT * FROM consultations",
        _newest("last_seen"),
        columnwise=True,
    ),
    Table(
        "consultation_history",
        ("source", "key", "kind", "at", "field", "old", "new", "message"),
        "SELECT c.source, c.key, h.at, h.kind, h.field, h.old, h.new, h.message"
        " FROM consultation_history h JOIN consultations c ON c.pk = h.consultation",
        _oldest("at"),
    ),
    Table("social_posts", ("key",), "SELECT * FROM social_posts", _post_winner),
    Table(
        "social_attempts",
        None,
        "SELECT key, at, outcome, http_status, error FROM social_attempts",
        _newest("at"),  # never needed: the whole row is the key
    ),
    Table("schedule_runs", ("run_id",), "SELECT * FROM schedule_runs", _run_winner),
    # Following a matter after the response (generator/watch/follow): a step is recorded
    # once, by the first run that saw it; a case's newest check wins.
    Table("follow_matters", ("slug",), "SELECT * FROM follow_matters", _oldest("created")),
    Table("follow_links", ("matter", "kind", "ref"), "SELECT * FROM follow_links", _link_winner),
    Table("follow_cases", ("sak_id",), "SELECT * FROM follow_cases", _newest("checked")),
    Table(
        "follow_steps", ("matter", "kind", "ref"), "SELECT * FROM follow_steps", _oldest("recorded")
    ),
)
BY_NAME = {t.name: t for t in TABLES}
_DROPPED = {"consultations": ("pk",), "follow_links": ("id",), "follow_steps": ("id",)}


def _exists(conn: sqlite3.Connection, table: str) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
    ).fetchone()
    return found is not None


def export_tables(conn: sqlite3.Connection) -> dict[str, Rows]:
    """Every travelling table as ``{key: row}``; a table that does not exist is empty."""
    tables: dict[str, Rows] = {}
    for table in TABLES:
        rows: Rows = {}
        if _exists(conn, table.name):
            dropped = _DROPPED.get(table.name, ())
            for found in conn.execute(table.select):
                names = found.keys()  # a Row iterates its values, not its names
                row = {k: found[k] for k in names if k not in dropped}
                rows[table.key_of(row)] = row
        tables[table.name] = rows
    return tables


# Within one second a claim comes before its receipt.
_OUTCOME_ORDER = {"approved": 0, "sending": 1}


def _order(key: str, row: Row) -> tuple[str, str, int, str]:
    """Logs (attempts, history) in time order; other tables by their key."""
    at = row.get("at") or ""
    return at, row.get("key") or "", _OUTCOME_ORDER.get(row.get("outcome") or "", 2), key


def to_ndjson(rows: Rows) -> str:
    """One line per row in a fixed order, keys sorted: the same rows give the same bytes."""
    ordered = sorted(rows, key=lambda k: _order(k, rows[k]))
    lines = [json.dumps(rows[k], ensure_ascii=False, sort_keys=True) for k in ordered]
    return "".join(line + "\n" for line in lines)


def from_ndjson(table: Table, text: str, where: str) -> Rows:
    from generator.core import StateError

    rows: Rows = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise StateError(
                f"{where}, linje {number}: ikke gyldig JSON ({exc.msg}). Filen på "
                "tilstandsgrenen skal bare skrives av «stemme state»; gå tilbake til forrige "
                "versjon med git revert på grenen."
            ) from None
        if not isinstance(row, dict):
            raise StateError(f"{where}, linje {number}: forventet ett JSON-objekt per linje.")
        rows[table.key_of(row)] = row
    return rows


def import_tables(conn: sqlite3.Connection, tables: dict[str, Rows]) -> None:
    """Replace the rows of every travelling table with ``tables`` in one transaction."""
    present = [t.name for t in TABLES if _exists(conn, t.name)]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for name in reversed(present):  # children first
            conn.execute(f"DELETE FROM {name}")
        for name in present:  # parents first
            if name == "consultation_history":
                _insert_history(conn, tables.get(name, {}))
            else:
                _insert(conn, name, tables.get(name, {}))
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r["name"] for r in conn.execute(f"PRAGMA table_info({table})")}


def _insert(conn: sqlite3.Connection, table: str, rows: Rows) -> None:
    known = _columns(conn, table) - set(_DROPPED.get(table, ())) - {"id"}
    ordered = [rows[k] for k in sorted(rows, key=lambda k: _order(k, rows[k]))]
    for row in ordered:
        names = [c for c in row if c in known]
        marks = ", ".join("?" for _ in names)
        conn.execute(
            f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
            [row[c] for c in names],
        )


def _insert_history(conn: sqlite3.Connection, rows: Rows) -> None:
    pks = {
        (r["source"], r["key"]): r["pk"]
        for r in conn.execute("SELECT pk, source, key FROM consultations")
    }
    ordered = sorted(rows.values(), key=lambda r: (r["at"], r["source"], r["key"], r["kind"]))
    for row in ordered:
        pk = pks.get((row["source"], row["key"]))
        if pk is None:
            continue  # its consultation is gone (never happens: history and row travel together)
        conn.execute(
            "INSERT INTO consultation_history (consultation, at, kind, field, old, new, message)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (pk, row["at"], row["kind"], row["field"], row["old"], row["new"], row["message"]),
        )
