"""Calendar files (.ics) the staff import: one header for every calendar Stemme makes.

Campaign days (``generator.campaigns.calendar``) and consultation deadlines
(``generator.watch.ics``) both start from :func:`new_calendar`, so every file names the
organisation, uses Europe/Oslo and gets stable event UIDs from :func:`uid_domain`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from icalendar import Calendar

from generator.core.config import TIMEZONE


def uid_domain(site_url: str) -> str:
    """The domain event UIDs end with (``…@krisesentersekretariatet.no``)."""
    return urlsplit(site_url).hostname or "stemme.local"


def new_calendar(org_name: str, product: str, name: str) -> Calendar:
    """An empty calendar called ``name`` (e.g. «Høringsfrister – Org»), made by Stemme."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{org_name}//Stemme {product}//NO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", TIMEZONE)
    return calendar
