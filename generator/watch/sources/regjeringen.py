"""regjeringen.no: the hearings RSS plus the detail page that holds the deadline.

The feed has no deadline, status or department field (the department is usually the
first words of the description). The detail page has::

    <p><strong>Status:</strong> P&#xE5; h&#xF8;ring</p>
    <p><strong>Høringsfrist:</strong> 15.02.2027</p>      (nynorsk: Høyringsfrist)

plus ``<meta name="DC.Creator">`` (department) and "Vår ref.: 26/7716" (reference).
Entities are decoded before matching. A date-only deadline is the end of that day, Oslo.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import urlsplit

from generator.watch.model import Entry
from generator.watch.sources.rss import parse_feed as parse_rss
from generator.watch.text import deadline_in_text, end_of_day, http_url, plain_text

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

_DEADLINE = re.compile(
    r"H(?:ø|o)y?ringsfrist\s*:?\s*(?:</strong>|</b>)?\s*:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})",
    re.IGNORECASE,
)
_STATUS = re.compile(r"<strong>\s*Status\s*:?\s*</strong>\s*:?\s*([^<]+)", re.IGNORECASE)
_CREATOR = re.compile(r'<meta\s+name="DC\.Creator"\s+content="([^"]+)"', re.IGNORECASE)
_OWNER = re.compile(r'<span class="owner">.*?<a[^>]*>([^<]+)</a>', re.IGNORECASE | re.DOTALL)
_REFERENCE = re.compile(r"Vår ref\.?\s*:?\s*([0-9][0-9A-Za-z/.\-]*)", re.IGNORECASE)


@dataclass(frozen=True)
class PageFacts:
    deadline: datetime | None
    status: str | None
    department: str | None
    reference: str | None


def parse_feed(data: bytes, *, source: str) -> list[Entry]:
    return parse_rss(data, source=source)


def parse_page(markup: str) -> PageFacts:
    """Read deadline, status, department and reference from a hearing page."""
    text = html.unescape(markup)
    deadline: date | None = None
    if match := _DEADLINE.search(text):
        day, month, year = (int(g) for g in match.groups())
        try:
            deadline = date(year, month, day)
        except ValueError:
            deadline = None
    if deadline is None:
        deadline = deadline_in_text(plain_text(markup))
    status = _first(_STATUS, text)
    department = _first(_CREATOR, text) or _first(_OWNER, text)
    return PageFacts(
        deadline=end_of_day(deadline) if deadline else None,
        status=plain_text(status) or None if status else None,
        department=plain_text(department) or None if department else None,
        reference=_first(_REFERENCE, text),
    )


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    match = pattern.search(text)
    return match.group(1).strip() if match else None


def page_url(entry: Entry, source_url: str, template: str | None) -> str | None:
    """Where to fetch the entry's detail page.

    ``template`` may use {id}, {path} (the link's path) and {origin} (scheme+host of the
    source URL). Without a template the item link is used — except when the source itself
    is served from this machine (fixtures), where the link's path is mapped onto the
    source's origin, so a local test never reaches out to regjeringen.no.
    """
    if not entry.url:
        return None
    link = urlsplit(entry.url)
    source = urlsplit(source_url)
    origin = f"{source.scheme}://{source.netloc}"
    if template:
        return http_url(template.format(id=entry.key, path=link.path, origin=origin))
    if source.hostname in LOCAL_HOSTS and link.hostname not in LOCAL_HOSTS:
        return http_url(origin + link.path)
    return entry.url


def merge_page(entry: Entry, facts: PageFacts) -> Entry:
    """The entry with what the page says; the page wins over the description."""
    entry.deadline = facts.deadline or entry.deadline
    entry.source_status = facts.status or entry.source_status
    entry.department = facts.department or entry.department
    entry.reference = facts.reference or entry.reference
    return entry
