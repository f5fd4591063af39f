"""A consultation's dates in Norwegian, one wording for every output.

The terminal (``watch``, ``consultation``), the digest, the calendar and the handbook
tracker all say the deadline, Stortinget's *anmodningsfrist* (the last moment to ask to
take part in the hearing) and the hearing's time and place with these functions, so the
words are the same everywhere. Plain text; the caller escapes for its format.
"""

from __future__ import annotations

from datetime import date, datetime

from generator.core import norwegian_date
from generator.watch.model import OSLO, Consultation, Hearing

REQUEST_LABEL = "Påmeldingsfrist"  # Stortinget: anmodningsfrist, the last moment to ask to speak
HEARING_LABEL = "Høring i Stortinget"


def moment(value: datetime) -> str:
    """«30. november 2026 kl. 12:00» (Europe/Oslo)."""
    local = value.astimezone(OSLO)
    return f"{norwegian_date(local.date())} kl. {local:%H:%M}"


def days_phrase(left: int) -> str:
    """«i dag», «om 1 dag», «om 3 dager», «2 dager siden»."""
    if left == 0:
        return "i dag"
    if left > 0:
        return f"om {left} dag" + ("er" if left > 1 else "")
    return f"{-left} dag" + ("er" if left < -1 else "") + " siden"


def deadline_value(c: Consultation, today: date) -> str:
    """«15. februar 2027 (om 87 dager)», or «ukjent»."""
    if not c.deadline_date:
        return "ukjent"
    left = c.days_left(today)
    assert left is not None
    return f"{norwegian_date(c.deadline_date)} ({days_phrase(left)})"


def request_deadline_value(c: Consultation, today: date) -> str | None:
    """«30. november 2026 kl. 12:00 (om 10 dager)» when Stortinget gave one."""
    when = c.request_deadline
    if when is None:
        return None
    left = (when.astimezone(OSLO).date() - today).days
    return f"{moment(when)} ({days_phrase(left)})"


def hearing_value(hearing: Hearing) -> str:
    """«8. desember 2026 kl. 09:00, Stortingets komitéhus, Høringssal 1»."""
    return moment(hearing.at) + (f", {hearing.place}" if hearing.place else "")


def hearings_value(c: Consultation) -> str | None:
    """Every session of the hearing, «; »-separated; None when there is none."""
    return "; ".join(hearing_value(h) for h in c.hearings) or None


def stortinget_lines(c: Consultation, today: date) -> list[tuple[str, str]]:
    """(label, value) for the request deadline and the hearing, where known."""
    lines = []
    if request := request_deadline_value(c, today):
        lines.append((REQUEST_LABEL, request))
    if hearings := hearings_value(c):
        lines.append((HEARING_LABEL, hearings))
    return lines
