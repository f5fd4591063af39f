"""Untrusted feed text made safe and plain, links filtered, Norwegian dates read and written.

Everything a feed or page says is treated as hostile: :func:`plain_text` drops every tag
(and the content of ``script``/``style``), decodes entities and collapses whitespace, so the
store only ever holds plain text. :func:`http_url` keeps http(s) links and drops the rest
(``javascript:``, ``data:``, relative junk). Whoever renders stored text into HTML
(handbook tracker pages, the site) uses :func:`html_text` for text and :func:`safe_html`
for any fragment that must keep markup (nh3, http(s) links only).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

from generator.core.dates import norwegian_date
from generator.watch.model import OSLO

MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
_MONTH_RE = "|".join(MONTHS)
NORWEGIAN_DATE = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_DEADLINE_PHRASE = re.compile(r"\bH(?:ø|o)y?ringsfrist(?:en)?\b", re.IGNORECASE)


class _TextExtractor(HTMLParser):
    _SKIP = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in ("br", "p", "div", "li"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def plain_text(value: str | None) -> str:
    """Untrusted (possibly HTML) text → plain text: no tags, entities decoded, one line."""
    if not value:
        return ""
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    text = "".join(parser.parts)
    # A second pass catches markup that arrived entity-encoded (&lt;script&gt;).
    if "<" in text and re.search(r"<\s*[a-zA-Z!/]", text):
        return plain_text(text)
    return re.sub(r"\s+", " ", text).strip()


def html_text(value: str | None) -> str:
    """Stored plain text ready to place inside HTML (escaped, quotes included)."""
    return escape(value or "", quote=True)


def safe_html(fragment: str | None) -> str:
    """An HTML fragment cleaned with nh3: safe tags only, http(s) links only."""
    return nh3.clean(fragment or "", url_schemes={"http", "https"}, link_rel="noopener noreferrer")


def http_url(value: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None."""
    if not value:
        return None
    value = value.strip()
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    if any(ch.isspace() or ord(ch) < 32 for ch in value):
        return None
    return value


def end_of_day(day: date) -> datetime:
    """A date-only deadline means the whole of that day, Europe/Oslo."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO)


def parse_norwegian_date(text: str) -> date | None:
    """'15. mars 2027' → date(2027, 3, 15); None when there is no valid date."""
    match = NORWEGIAN_DATE.search(text)
    return _to_date(match) if match else None


def _to_date(match: re.Match[str]) -> date | None:
    day, month, year = match.groups()
    try:
        return date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def deadline_in_text(text: str) -> date | None:
    """A deadline stated in prose: 'Høringsfristen er 4. desember 2026'.

    Within the sentence the last date counts, so 'forlenget fra 1. mars 2027 til
    15. mars 2027' gives the new deadline.
    """
    found: date | None = None
    for phrase in _DEADLINE_PHRASE.finditer(text):
        window = text[phrase.end() : phrase.end() + 160]
        sentence = re.split(r"\.\s+(?=[A-ZÆØÅ])", window)[0]
        dates = [d for d in (_to_date(m) for m in NORWEGIAN_DATE.finditer(sentence)) if d]
        if dates:
            found = dates[-1]
    return found


def date_span(old: date, new: date) -> str:
    """'1. mars → 15. mars 2027'; both years shown when they differ."""
    if old.year == new.year:
        return f"{norwegian_date(old, year=False)} → {norwegian_date(new)}"
    return f"{norwegian_date(old)} → {norwegian_date(new)}"
