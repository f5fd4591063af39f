"""``stemme consultations ics``: consultation deadlines as an iCalendar file.

One all-day event per deadline (the deadline is the end of that day), with reminders
14 and 3 days before. A Stortinget hearing with an *anmodningsfrist* (the last moment to
ask to take part) gets a second, timed event at that moment, with reminders 7 days and
1 day before; the hearing's time and place are in both descriptions. The UID is derived
from the source and the stable id (plus «anmodning-» for the second event), and SEQUENCE
from the revision, so importing a newer file updates events instead of duplicating them.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Event

from generator.core import new_calendar, norwegian_date, uid_domain
from generator.watch.describe import HEARING_LABEL, REQUEST_LABEL, hearings_value, moment
from generator.watch.model import Consultation

REMINDER_DAYS = (14, 3)
REQUEST_REMINDER_DAYS = (7, 1)
REQUEST_MINUTES = 30  # the request deadline is a moment; a short event marks it


def event_uid(consultation: Consultation, domain: str) -> str:
    return f"hoering-{consultation.source}-{consultation.id}@{domain}"


def request_uid(consultation: Consultation, domain: str) -> str:
    return f"anmodning-{consultation.source}-{consultation.id}@{domain}"


def build_calendar(
    consultations: Iterable[Consultation], *, site_url: str, org_name: str, now: datetime
) -> bytes:
    domain = uid_domain(site_url)
    calendar = new_calendar(org_name, "høringsfrister", f"Høringsfrister – {org_name}")
    for consultation in consultations:
        if consultation.deadline_date is not None:
            calendar.add_component(_event(consultation, domain, now))
        if consultation.request_deadline is not None:
            calendar.add_component(_request_event(consultation, domain, now))
    return calendar.to_ical()


def _base_event(consultation: Consultation, uid: str, now: datetime) -> Event:
    """What every event of a consultation carries: identity, revision, text and link."""
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", now.astimezone(UTC))
    event.add("sequence", consultation.revision)
    event.add("transp", "TRANSPARENT")
    event.add("description", _description(consultation))
    if consultation.url:
        event.add("url", consultation.url)
    return event


def _event(consultation: Consultation, domain: str, now: datetime) -> Event:
    day = consultation.deadline_date
    assert day is not None
    event = _base_event(consultation, event_uid(consultation, domain), now)
    event.add("summary", f"Høringsfrist: {consultation.title}")
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    if consultation.terms:
        event.add("categories", ["Høring"])
    for days in REMINDER_DAYS:
        text = f"Høringsfrist om {days} dager ({norwegian_date(day)}): {consultation.title}"
        event.add_component(_alarm(days, text))
    return event


def _request_event(consultation: Consultation, domain: str, now: datetime) -> Event:
    when = consultation.request_deadline
    assert when is not None
    event = _base_event(consultation, request_uid(consultation, domain), now)
    event.add("summary", f"{REQUEST_LABEL} til høringen i Stortinget: {consultation.title}")
    event.add("dtstart", when.astimezone(UTC))
    event.add("dtend", when.astimezone(UTC) + timedelta(minutes=REQUEST_MINUTES))
    for days in REQUEST_REMINDER_DAYS:
        text = (
            f"{REQUEST_LABEL} om {days} dag{'er' if days > 1 else ''} ({moment(when)}): "
            f"{consultation.title}"
        )
        event.add_component(_alarm(days, text))
    return event


def _alarm(days: int, text: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", timedelta(days=-days))
    alarm.add("description", text)
    return alarm


def _description(c: Consultation) -> str:
    lines = [f"Frist: {moment(c.deadline) if c.deadline else 'ukjent'}"]
    if c.request_deadline:
        lines.append(f"{REQUEST_LABEL}: {moment(c.request_deadline)}")
    if hearings := hearings_value(c):
        lines.append(f"{HEARING_LABEL}: {hearings}")
    lines += [
        f"Fra: {c.department or 'ukjent'}",
        f"Status hos oss: {c.status}" + (f" (ansvarlig: {c.owner})" if c.owner else ""),
    ]
    if c.terms:
        lines.append("Treff: " + ", ".join(c.terms))
    if c.url:
        lines.append(c.url)
    lines.append(f"Lag utkast: stemme respond {c.id}")
    return "\n".join(lines)
