"""Keep the local state DB and the state branch in step; post with the claim pushed first.

``pull``: fetch the branch and merge it into the DB (three-way, :mod:`.merge`; the last
synced commit is the base, recorded in the DB's own table ``state_branch_base``), so local
changes not yet pushed survive. ``push``: pull, then
commit the DB's tables on top of the branch's tip and push without force; when another run
pushed first, do it again — at most ``attempts`` times, then a Norwegian error.

:class:`SyncedLedger` is the ledger of a scheduled run. Its ``claim`` is a compare-and-swap
on the branch::

    pull ─> BEGIN ─> claim (sending) ─> commit + push ──ok──> COMMIT ─> request goes out
                                              └─rejected─> ROLLBACK ─> pull ─> again
                                                            (row taken: «tatt av en annen
                                                             kjøring», nothing sent)

so «sending» is on the branch before any request; a run killed after the request leaves
«sending» there, and the next run turns it into «ukjent» exactly as locally
(``expire_sending``). The answer to a claim (receipt, failure, unknown) is pushed right
after it is recorded; what needs no claim (a day marked too late) rides along with the
next push, at the latest the run's last one.
"""

from __future__ import annotations

import random
import secrets
import sqlite3
import time
from datetime import datetime
from typing import Any

from generator.core import StateError
from generator.hosted import runs as _runs  # noqa: F401 - registers schedule_runs
from generator.hosted.branch import StateBranch
from generator.hosted.merge import merge_state
from generator.hosted.tables import export_tables, import_tables
from generator.social import Ledger

ATTEMPTS = 6


class StateSync:
    def __init__(self, branch: StateBranch, conn: sqlite3.Connection, attempts: int = ATTEMPTS):
        self.branch = branch
        self.conn = conn
        self.attempts = attempts
        # Two runs started in the same second make identical rows, and so identical commits:
        # the second push would then "land" as up to date. A token per run keeps them apart.
        self.token = secrets.token_hex(4)

    def pull(self) -> str | None:
        """Merge the branch's tip into the DB; it becomes the base. Returns the tip."""
        tip = self.branch.fetch()
        base = self.base()
        if tip is not None and tip == base:
            return tip
        local = export_tables(self.conn)
        # No branch on the remote (yet, or deleted): nothing changed there since the base.
        remote = self.branch.read(tip if tip is not None else base)
        merged = merge_state(self.branch.read(base), local, remote)
        if merged != local:
            import_tables(self.conn, merged)
        if tip is not None:
            self.set_base(tip)
        return tip

    def push_once(self, message: str, *, claim: bool = False) -> bool:
        """Commit the DB as it is (also inside an open transaction) on the base; push it.

        A ``claim`` is always a new commit: it lands only if nobody pushed since the base.
        """
        base = self.base()
        tables = export_tables(self.conn)
        if not claim and base is not None and tables == self.branch.read(base):
            return True  # nothing new
        commit = self.branch.commit(tables, base, f"{message}\n\nKjøring {self.token}")
        if not self.branch.push(commit):
            return False
        self.set_base(commit)
        return True

    def base(self) -> str | None:
        """The commit this database was last synced with — kept in the database itself, so a
        new or replaced database file has no base and is merged as a union, never read as
        «every row deleted»."""
        row = self.conn.execute(
            "SELECT commit_id FROM state_branch_base WHERE branch = ?", (self.branch.branch,)
        ).fetchone()
        if row is None:
            return None
        return self.branch.resolve(row["commit_id"])  # None if this clone lacks the commit

    def set_base(self, commit: str) -> None:
        self.conn.execute(
            "INSERT OR REPLACE INTO state_branch_base (branch, commit_id) VALUES (?, ?)",
            (self.branch.branch, commit),
        )

    def push(self, message: str) -> None:
        """Pull, merge and push until it lands (another run may push in between)."""
        for attempt in range(self.attempts):
            self.pull()
            if self.push_once(message):
                return
            _pause(attempt)
        raise StateError(
            f"Fikk ikke skrevet tilstanden til grenen «{self.branch.branch}» etter "
            f"{self.attempts} forsøk (andre kjøringer skrev hele tiden samtidig). Ingenting "
            "er tapt lokalt; kjør «stemme state push» igjen om litt."
        )


def _pause(attempt: int) -> None:
    time.sleep(random.uniform(0, 0.2 * (attempt + 1)))


class SyncedLedger(Ledger):
    """The ledger of a scheduled run: every change is on the branch before the run goes on."""

    def __init__(self, sync: StateSync) -> None:
        super().__init__(sync.conn)
        self.sync = sync

    def claim(self, key: str, now: datetime, content_hash: str, image_hash: str | None) -> bool:
        for attempt in range(self.sync.attempts):
            self.sync.pull()
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                if not super().claim(key, now, content_hash, image_hash):
                    self.conn.execute("ROLLBACK")
                    return False  # another run has it (or published it)
                landed = self.sync.push_once(f"Sender {key}", claim=True)
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            if landed:
                self.conn.execute("COMMIT")
                return True
            self.conn.execute("ROLLBACK")  # nothing was sent; look at the branch again
            _pause(attempt)
        return False

    def published(self, key: str, now: datetime, *args: Any, **kwargs: Any) -> None:
        super().published(key, now, *args, **kwargs)
        self.sync.push(f"Publisert {key}")

    def failed(self, key: str, now: datetime, *args: Any, **kwargs: Any) -> None:
        was_sending = self._sending(key)
        super().failed(key, now, *args, **kwargs)
        if was_sending:  # the answer to a claim; a late item waits for the run's last push
            self.sync.push(f"Feilet {key}")

    def unknown(self, key: str, now: datetime, *args: Any, **kwargs: Any) -> None:
        was_sending = self._sending(key)
        super().unknown(key, now, *args, **kwargs)
        if was_sending:
            self.sync.push(f"Ukjent utfall {key}")

    def _sending(self, key: str) -> bool:
        row = self.get(key)
        return row is not None and row.status == "sending"
