"""regjeringen.no: the hearings RSS plus the detail page that holds the deadline.

The feed has no deadline, status or department field (the department is usually the
first words of the description). The detail page has them as label and value, in
markups that vary between page templates::

    <p><strong>Status:</strong> P&#xE5; h&#xF8;ring</p>
    <p><strong>Høringsfrist:</strong> 15.02.2027</p>           (nynorsk: Høyringsfrist)
    <p><strong>Høringsfrist:</strong> <span>15.02.2027</span></p>
    <dl><dt>Høringsfrist</dt><dd>15.02.2027</dd></dl>
    <p><strong>Høringsfrist:</strong> 15. februar 2027</p>

so the page is first turned into plain text lines (:func:`~generator.watch.text.page_lines`)
and the value is read after the label, on the same line or the next. Without a label the
letter's prose («Høringsfristen er 15. februar 2027») counts. Also read: ``<meta
name="DC.Creator">`` (department) and "Vår ref.: 26/7716" (reference). A page where
neither status nor deadline is found does not count as read (:attr:`PageFacts.found`):
the poller warns and reads it again next time. A date-only deadline is the end of that
day, Oslo.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TypeVar
from urllib.parse import urlsplit

from generator.watch.model import Entry, Parsed
from generator.watch.sources.rss import parse_feed as parse_rss
from generator.watch.text import (
    deadline_in_text,
    end_of_day,
    http_url,
    page_lines,
    parse_norwegian_date,
    plain_text,
)

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

_DEADLINE_LABEL = re.compile(r"^H(?:ø|o)y?ringsfrist\b\s*:?\s*(.*)$", re.IGNORECASE)
_STATUS_LABEL = re.compile(r"^Status\s*(?::\s*(.*))?$", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_CREATOR = re.compile(r'<meta\s+name="DC\.Creator"\s+content="([^"]+)"', re.IGNORECASE)
_OWNER = re.compile(r'<span class="owner">.*?<a[^>]*>([^<]+)</a>', re.IGNORECASE | re.DOTALL)
_REFERENCE = re.compile(r"Vår ref\.?\s*:?\s*([0-9][0-9A-Za-z/.\-]*)", re.IGNORECASE)
_MAX_STATUS = 60
T = TypeVar("T")


@dataclass(frozen=True)
class PageFacts:
    deadline: datetime | None
    status: str | None
    department: str | None
    reference: str | None

    @property
    def found(self) -> bool:
        """The page said something about the hearing itself (status or deadline)."""
        return self.deadline is not None or self.status is not None


def parse_feed(data: bytes, *, source: str) -> Parsed:
    return parse_rss(data, source=source)


def parse_page(markup: str) -> PageFacts:
    """Read deadline, status, department and reference from a hearing page."""
    lines = page_lines(markup)
    deadline = _labelled(lines, _DEADLINE_LABEL, _date_value)
    if deadline is None:
        deadline = deadline_in_text(" ".join(lines))
    status = _labelled(lines, _STATUS_LABEL, _status_value)
    raw = html.unescape(markup)
    department = _first(_CREATOR, raw) or _first(_OWNER, raw)
    return PageFacts(
        deadline=end_of_day(deadline) if deadline else None,
        status=status,
        department=plain_text(department) or None if department else None,
        reference=_first(_REFERENCE, "\n".join(lines)),
    )


def _labelled(
    lines: list[str], label: re.Pattern[str], read: Callable[[str], T | None]
) -> T | None:
    """The first value ``read`` accepts after ``label``: same line, else the next line."""
    for number, line in enumerate(lines):
        match = label.match(line)
        if not match:
            continue
        same_line = (match.group(1) or "").strip()
        value = read(same_line) if same_line else None
        if value is None and not same_line and number + 1 < len(lines):
            value = read(lines[number + 1])
        if value is not None:
            return value
    return None


def _date_value(text: str) -> date | None:
    match = _NUMERIC_DATE.search(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            return None
    return parse_norwegian_date(text)


def _status_value(text: str) -> str | None:
    text = text.strip()
    return text if 0 < len(text) <= _MAX_STATUS and any(c.isalpha() for c in text) else None


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
