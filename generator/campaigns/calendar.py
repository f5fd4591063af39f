"""A campaign's days as an iCalendar file for staff calendars.

One all-day event per day, with the theme as the title and the message, the post text
and the day page in the description. The public calendar (in the campaign kit on the
site) shows nothing of our planning; ``internal=True`` (``stemme campaign calendar``, for
staff) adds the posting time and the fact id. UIDs are derived from the campaign slug and
the date, so importing a newer file updates the events instead of duplicating them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Event

from generator.campaigns.model import Campaign, Day
from generator.core import new_calendar, uid_domain


def day_uid(campaign: Campaign, day: Day, domain: str) -> str:
    return f"kampanje-{campaign.slug}-{day.iso}@{domain}"


def build_calendar(
    campaign: Campaign,
    *,
    site_url: str,
    org_name: str,
    default_time: str,
    now: datetime,
    internal: bool = False,
) -> bytes:
    """The .ics bytes for ``campaign`` (archive-only campaigns give an empty calendar)."""
    domain = uid_domain(site_url)
    calendar = new_calendar(org_name, "kampanjer", f"{campaign.name} – {org_name}")
    for number, day in enumerate(campaign.days, start=1):
        event = Event()
        event.add("uid", day_uid(campaign, day, domain))
        event.add("dtstamp", now.astimezone(UTC))
        event.add("summary", f"{campaign.name}, dag {number}: {day.theme}")
        event.add("dtstart", day.date)
        event.add("dtend", day.date + timedelta(days=1))
        event.add("transp", "TRANSPARENT")
        event.add("url", f"{site_url.rstrip('/')}/{day.url_path}")
        event.add("categories", ["Kampanje"])
        planning = day.time or default_time if internal else None
        event.add("description", _description(day, planning, site_url))
        calendar.add_component(event)
    return calendar.to_ical()


def _description(day: Day, time: str | None, site_url: str) -> str:
    """Message, post and day page; with ``time`` (internal only) the posting time and fact."""
    lines = [day.message, ""]
    lines.append(f"Innlegg (publiseres kl. {time}):" if time else "Forslag til innlegg:")
    lines += [day.post, ""]
    if time:
        lines.append(f"Fakta: {day.fact}")
    lines.append(f"Dagens side: {site_url.rstrip('/')}/{day.url_path}")
    return "\n".join(lines)
