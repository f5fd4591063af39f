"""``stemme consultations ics``: consultation deadlines as an iCalendar file.

One all-day event per deadline (the deadline is the end of that day), with reminders
14 and 3 days before. The UID is derived from the source and the stable id, and SEQUENCE
from the revision, so importing a newer file updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Event

from generator.core.calendar import new_calendar, uid_domain
from generator.core.dates import norwegian_date
from generator.watch.model import Consultation

REMINDER_DAYS = (14, 3)


def event_uid(consultation: Consultation, domain: str) -> str:
    return f"hoering-{consultation.source}-{consultation.id}@{domain}"


def build_calendar(
    consultations: Iterable[Consultation], *, site_url: str, org_name: str, now: datetime
) -> bytes:
    domain = uid_domain(site_url)
    calendar = new_calendar(org_name, "høringsfrister", f"Høringsfrister – {org_name}")
    for consultation in consultations:
        if consultation.deadline_date is None:
            continue
        calendar.add_component(_event(consultation, domain, now))
    return calendar.to_ical()


def _event(consultation: Consultation, domain: str, now: datetime) -> Event:
    day = consultation.deadline_date
    assert day is not None
    event = Event()
    event.add("uid", event_uid(consultation, domain))
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", consultation.revision)
    event.add("summary", f"Høringsfrist: {consultation.title}")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("transp", "TRANSPARENT")
    event.add("description", _description(consultation))
    if consultation.url:
        event.add("url", consultation.url)
    if consultation.terms:
        event.add("categories", ["Høring"])
    for days in REMINDER_DAYS:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", timedelta(days=-days))
        alarm.add(
            "description",
            f"Høringsfrist om {days} dager ({norwegian_date(day)}): {consultation.title}",
        )
        event.add_component(alarm)
    return event


def _description(c: Consultation) -> str:
    assert c.deadline is not None
    lines = [
        f"Frist: {norwegian_date(c.deadline_date)} kl. {c.deadline:%H:%M}",  # type: ignore[arg-type]
        f"Fra: {c.department or 'ukjent'}",
        f"Status hos oss: {c.status}" + (f" (ansvarlig: {c.owner})" if c.owner else ""),
    ]
    if c.terms:
        lines.append("Treff: " + ", ".join(c.terms))
    if c.url:
        lines.append(c.url)
    lines.append(f"Lag utkast: stemme respond {c.id}")
    return "\n".join(lines)
