"""What a status section returns: lines with a level, a Norwegian text and the fix."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from generator.core import Config, Paths, open_db

# level → mark on the screen; «alarm» needs a person now, «warn» soon.
LEVELS = {"ok": "✓", "info": "·", "warn": "!", "alarm": "✗"}


@dataclass(frozen=True)
class Line:
    level: str  # ok | info | warn | alarm
    text: str  # Norwegian, one sentence
    fix: tuple[str, ...] = ()  # what to do: exact commands or one short step each
    details: tuple[str, ...] = ()  # indented under the line (e.g. the missed keys)

    def to_json(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "text": self.text,
            "fix": list(self.fix),
            "details": list(self.details),
        }


@dataclass(frozen=True)
class Section:
    key: str  # stable id for --json, e.g. "posting"
    title: str  # Norwegian heading
    lines: list[Line] = field(default_factory=list)

    @property
    def alarms(self) -> int:
        return sum(line.level == "alarm" for line in self.lines)

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "title": self.title, "lines": [x.to_json() for x in self.lines]}


@dataclass
class StatusContext:
    """What every section may read: the project, its settings and the moment asked about."""

    paths: Paths
    config: Config
    now: datetime  # Europe/Oslo
    _conn: sqlite3.Connection | None = None

    @property
    def today(self) -> date:
        return self.now.date()

    def db(self) -> sqlite3.Connection | None:
        """The state DB, opened once; None when no command has created it yet."""
        if self._conn is None and self.paths.state_db.is_file():
            self._conn = open_db(self.paths.state_db)
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
