"""The posting ledger in the state DB: one row per campaign × day × channel, never posted twice.

    planned ──claim──> sending ──receipt──> published
                          │
                          ├── NotSent / RateLimited ──> failed (retryable, retry_after)
                          ├── SafeToRepeat ──────────> failed (retryable, retry_after,
                          │                            idempotent_until: after it, unknown)
                          ├── Rejected (402, 403, 4xx) ─> failed (not retryable)
                          └── Unknown / process died ──> unknown

``sending`` is committed *before* the network call and the remote id right after it, so a
process that dies in between leaves ``sending``; a later run turns a stale ``sending`` into
``unknown``. Nothing leaves ``unknown`` or a non-retryable ``failed`` by itself — a person
checks the account and runs ``stemme post retry KEY`` (``approve``). Every attempt is also
kept in ``social_attempts`` for the record.

``idempotent_until`` (v2) is set by the first attempt whose post call may have reached
the service but may safely be repeated (Mastodon's Idempotency-Key window); a retry after
that moment could post twice, so :func:`generator.social.posting.decide` turns the row
into ``unknown`` instead.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from generator.core import PostError, register_migrations

STATUSES = ("planned", "sending", "published", "failed", "unknown")

_V1 = """
CREATE TABLE social_posts (
    key TEXT PRIMARY KEY,
    campaign TEXT NOT NULL,
    day TEXT NOT NULL,
    channel TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'sending', 'published', 'failed', 'unknown')),
    due_at TEXT NOT NULL,
    content_hash TEXT,
    image_hash TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    first_attempt_at TEXT,
    last_attempt_at TEXT,
    published_at TEXT,
    remote_id TEXT,
    remote_url TEXT,
    http_status INTEGER,
    error TEXT,
    retryable INTEGER NOT NULL DEFAULT 0,
    retry_after TEXT,
    approved_at TEXT,
    updated_at TEXT NOT NULL,
    UNIQUE (campaign, day, channel)
);
CREATE INDEX social_posts_campaign ON social_posts (campaign, day);
CREATE TABLE social_attempts (
    id INTEGER PRIMARY KEY,
    key TEXT NOT NULL REFERENCES social_posts (key),
    at TEXT NOT NULL,
    outcome TEXT NOT NULL,
    http_status INTEGER,
    error TEXT
);
"""

_V2 = "ALTER TABLE social_posts ADD COLUMN idempotent_until TEXT"

register_migrations("social", [_V1, _V2])


@dataclass(frozen=True)
class LedgerRow:
    key: str
    campaign: str
    day: str
    channel: str
    status: str
    due_at: str
    content_hash: str | None
    image_hash: str | None
    attempts: int
    first_attempt_at: str | None
    last_attempt_at: str | None
    published_at: str | None
    remote_id: str | None
    remote_url: str | None
    http_status: int | None
    error: str | None
    retryable: bool
    retry_after: str | None
    approved_at: str | None
    updated_at: str
    idempotent_until: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> LedgerRow:
        data = dict(row)
        data["retryable"] = bool(data["retryable"])
        return cls(**data)

    def retry_after_dt(self) -> datetime | None:
        return datetime.fromisoformat(self.retry_after) if self.retry_after else None

    def idempotent_until_dt(self) -> datetime | None:
        return datetime.fromisoformat(self.idempotent_until) if self.idempotent_until else None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _iso(moment: datetime) -> str:
    """UTC, so stored times compare correctly as text."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class Ledger:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str) -> LedgerRow | None:
        row = self.conn.execute("SELECT * FROM social_posts WHERE key = ?", (key,)).fetchone()
        return LedgerRow.from_row(row) if row else None

    def rows(self, campaign: str | None = None) -> list[LedgerRow]:
        sql = "SELECT * FROM social_posts"
        args: tuple[Any, ...] = ()
        if campaign:
            sql += " WHERE campaign = ?"
            args = (campaign,)
        return [LedgerRow.from_row(r) for r in self.conn.execute(sql + " ORDER BY key", args)]

    def ensure(self, key: str, due_at: datetime, now: datetime) -> LedgerRow:
        campaign, day, channel = key.rsplit("/", 2)
        self.conn.execute(
            "INSERT OR IGNORE INTO social_posts (key, campaign, day, channel, due_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (key, campaign, day, channel, _iso(due_at), _iso(now)),
        )
        row = self.get(key)
        assert row is not None
        return row

    def claim(self, key: str, now: datetime, content_hash: str, image_hash: str | None) -> bool:
        """planned/failed → sending, committed before any request. False: someone else has it."""
        cursor = self.conn.execute(
            "UPDATE social_posts SET status = 'sending', attempts = attempts + 1,"
            " first_attempt_at = COALESCE(first_attempt_at, :now), last_attempt_at = :now,"
            " content_hash = :content, image_hash = :image, error = NULL, http_status = NULL,"
            " updated_at = :now WHERE key = :key AND status IN ('planned', 'failed')",
            {"key": key, "now": _iso(now), "content": content_hash, "image": image_hash},
        )
        if cursor.rowcount == 1:
            self._attempt(key, now, "sending")
        return cursor.rowcount == 1

    def published(
        self, key: str, now: datetime, remote_id: str, url: str | None, http_status: int | None
    ) -> None:
        self.conn.execute(
            "UPDATE social_posts SET status = 'published', published_at = :now, remote_id = :id,"
            " remote_url = :url, http_status = :status, error = NULL, retry_after = NULL,"
            " retryable = 0, updated_at = :now WHERE key = :key",
            {"key": key, "now": _iso(now), "id": remote_id, "url": url, "status": http_status},
        )
        self._attempt(key, now, "published", http_status)

    def failed(
        self,
        key: str,
        now: datetime,
        error: str,
        *,
        retryable: bool,
        retry_after: datetime | None = None,
        http_status: int | None = None,
        idempotent_until: datetime | None = None,
    ) -> None:
        """Record a failure; ``idempotent_until`` is kept from the first attempt that set it."""
        self.conn.execute(
            "UPDATE social_posts SET status = 'failed', error = :error, retryable = :retryable,"
            " retry_after = :after, http_status = :status, updated_at = :now,"
            " idempotent_until = COALESCE(idempotent_until, :until) WHERE key = :key",
            {
                "key": key,
                "now": _iso(now),
                "error": error,
                "retryable": int(retryable),
                "after": _iso(retry_after) if retry_after else None,
                "status": http_status,
                "until": _iso(idempotent_until) if idempotent_until else None,
            },
        )
        self._attempt(key, now, "failed", http_status, error)

    def unknown(self, key: str, now: datetime, error: str, http_status: int | None = None) -> None:
        self.conn.execute(
            "UPDATE social_posts SET status = 'unknown', error = :error, retryable = 0,"
            " http_status = :status, updated_at = :now WHERE key = :key",
            {"key": key, "now": _iso(now), "error": error, "status": http_status},
        )
        self._attempt(key, now, "unknown", http_status, error)

    def expire_sending(self, now: datetime, older_than: timedelta) -> list[str]:
        """A ``sending`` row older than ``older_than`` belongs to a process that died: unknown."""
        cutoff = _iso(now - older_than)
        keys = [
            r["key"]
            for r in self.conn.execute(
                "SELECT key FROM social_posts WHERE status = 'sending' AND last_attempt_at <= ?",
                (cutoff,),
            )
        ]
        for key in keys:
            self.unknown(
                key,
                now,
                "Kjøringen stoppet mens innlegget ble sendt — uklart om det ble publisert. "
                "Sjekk kontoen, og send eventuelt på nytt med «stemme post retry».",
            )
        return keys

    def approve(self, key: str, now: datetime) -> LedgerRow:
        """A person decided: post this again at the next ``post due --live`` (even if late)."""
        row = self.get(key)
        if row is None:
            raise PostError(
                f"Fant ikke «{key}» i posteringsloggen. "
                "Se nøklene med «stemme post status KAMPANJE»."
            )
        if row.status == "published":
            raise PostError(
                f"«{key}» er allerede publisert ({row.remote_url or row.remote_id}). "
                "Slett innlegget på kanalen først hvis det skal sendes på nytt."
            )
        if row.status == "sending":
            raise PostError(
                f"«{key}» sendes akkurat nå (eller kjøringen stoppet). Vent "
                "et kvarter og se «stemme post status» igjen før du avgjør."
            )
        self.conn.execute(
            "UPDATE social_posts SET status = 'planned', retry_after = NULL, retryable = 0,"
            " idempotent_until = NULL, approved_at = :now, updated_at = :now WHERE key = :key",
            {"key": key, "now": _iso(now)},
        )
        self._attempt(key, now, "approved")
        updated = self.get(key)
        assert updated is not None
        return updated

    def attempts(self, key: str) -> list[dict[str, Any]]:
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT at, outcome, http_status, error FROM social_attempts"
                " WHERE key = ? ORDER BY id",
                (key,),
            )
        ]

    def _attempt(
        self,
        key: str,
        now: datetime,
        outcome: str,
        http_status: int | None = None,
        error: str | None = None,
    ) -> None:
        self.conn.execute(
            "INSERT INTO social_attempts (key, at, outcome, http_status, error)"
            " VALUES (?, ?, ?, ?, ?)",
            (key, _iso(now), outcome, http_status, error),
        )
