"""What a source yields (:class:`Entry`, :class:`Parsed`) and what the store gives back
(:class:`Consultation`).

Both hold plain text only; every datetime is timezone-aware. Deadlines are the last
moment input is accepted (a date-only deadline means 23:59:59 Europe/Oslo that day).
Stortinget adds ``extra["anmodningsfrist"]`` (the deadline to ask to speak at the
hearing) and ``extra["horingstidspunkt"]`` (when and where the hearing is held), read
back through :attr:`Consultation.request_deadline` and :attr:`Consultation.hearings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from generator.core import OSLO

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


@dataclass
class Parsed:
    """What a source reader made of one body: the entries, and what it skipped or doubted.

    A warning is one Norwegian sentence about one item or field (an unreadable date, an
    item without an id); the item or field is left out and the rest of the source is used.
    """

    entries: list[Entry] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hearing:
    """One session of a Stortinget hearing: when (Europe/Oslo) and where."""

    at: datetime
    place: str | None


def _stored_time(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.astimezone(OSLO) if moment.tzinfo else None


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

    @property
    def request_deadline(self) -> datetime | None:
        """Stortinget: the last moment to ask to speak at the hearing (anmodningsfrist)."""
        return _stored_time(self.extra.get("anmodningsfrist"))

    @property
    def hearings(self) -> list[Hearing]:
        """Stortinget: when and where the hearing is held (may be several sessions)."""
        found = []
        for session in self.extra.get("horingstidspunkt") or []:
            at = _stored_time(session.get("tidspunkt")) if isinstance(session, dict) else None
            if at is not None:
                found.append(Hearing(at, session.get("sted") or None))
        return found

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
