"""What a source yields (:class:`Entry`) and what the store gives back (:class:`Consultation`).

Both hold plain text only; every datetime is timezone-aware. Deadlines are the last
moment input is accepted (a date-only deadline means 23:59:59 Europe/Oslo that day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from generator.core.config import OSLO

STATUSES = ("ny", "vurderes", "svarer", "svart", "ikke aktuell")
OPEN_STATUSES = ("ny", "vurderes", "svarer")


@dataclass
class Entry:
    """One consultation as a source describes it, before it is stored."""

    key: str
    title: str
    url: str | None = None
    summary: str = ""
    department: str | None = None
    published: datetime | None = None
    deadline: datetime | None = None
    reference: str | None = None
    source_status: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Consultation:
    """A stored consultation with its tracking fields (read model; treat as read-only).

    Not frozen: frozen dataclasses are slow to build, and listing 10,000 must stay fast.
    """

    id: str
    source: str
    title: str
    url: str | None
    department: str | None
    published: datetime | None
    deadline: datetime | None
    summary: str
    reference: str | None
    source_status: str | None
    relevance: float
    relevant: bool
    terms: list[str]
    status: str
    owner: str | None
    note: str | None
    first_seen: datetime
    last_seen: datetime
    updated_at: datetime | None
    revision: int
    extra: dict[str, Any]

    @property
    def deadline_date(self) -> date | None:
        return self.deadline.astimezone(OSLO).date() if self.deadline else None

    def days_left(self, today: date) -> int | None:
        """Whole days from ``today`` (Oslo) to the deadline date; negative when past."""
        deadline = self.deadline_date
        return (deadline - today).days if deadline else None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (ISO datetimes in Europe/Oslo)."""

        def iso(value: datetime | None) -> str | None:
            return value.astimezone(OSLO).isoformat() if value else None

        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "url": self.url,
            "department": self.department,
            "published": iso(self.published),
            "deadline": iso(self.deadline),
            "deadline_date": self.deadline_date.isoformat() if self.deadline else None,
            "summary": self.summary,
            "reference": self.reference,
            "source_status": self.source_status,
            "relevance": self.relevance,
            "relevant": self.relevant,
            "terms": list(self.terms),
            "status": self.status,
            "owner": self.owner,
            "note": self.note,
            "first_seen": iso(self.first_seen),
            "last_seen": iso(self.last_seen),
            "updated_at": iso(self.updated_at),
            "extra": self.extra,
        }
