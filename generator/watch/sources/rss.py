"""Any RSS/Atom feed → entries. feedparser only ever sees bytes; it never fetches."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

import feedparser

from generator.core.errors import SourceError
from generator.watch.model import Entry
from generator.watch.text import deadline_in_text, end_of_day, http_url, plain_text
from generator.watch.xmlsafety import refuse_declarations

_DEPARTMENT = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøå]+departementet|[A-ZÆØÅ][a-zæøå]+departementet)\b"
)
_ID_IN_LINK = re.compile(r"/id(\d+)/?(?:[?#].*)?$")


def parse_feed(data: bytes, *, source: str) -> list[Entry]:
    """Parse feed bytes into entries (newest first as the feed gives them, no duplicates)."""
    refuse_declarations(data, source=source)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if parsed.bozo and not parsed.entries:
        problem = getattr(parsed, "bozo_exception", None)
        raise SourceError(
            f"{source}: svaret er ikke en lesbar RSS/Atom-strøm ({problem}). "
            "Sjekk at adressen peker på selve strømmen."
        )
    entries: dict[str, Entry] = {}
    for item in parsed.entries:
        entry = entry_from_item(item)
        if entry is not None and entry.key not in entries:
            entries[entry.key] = entry
    return list(entries.values())


def entry_from_item(item: Any) -> Entry | None:
    title = plain_text(item.get("title"))
    link = http_url(item.get("link"))
    guid = str(item.get("id") or "").strip()
    key = stable_key(guid, link)
    if key is None or not title:
        return None
    summary = plain_text(item.get("summary") or item.get("description"))
    deadline = deadline_in_text(summary)
    return Entry(
        key=key,
        title=title,
        url=link,
        summary=summary,
        department=department_in_text(summary),
        published=_published(item),
        deadline=end_of_day(deadline) if deadline else None,
    )


def stable_key(guid: str, link: str | None) -> str | None:
    """The numeric page id when there is one (guid, or ``…/id3181402/`` in the link)."""
    if guid.isdigit():
        return guid
    for candidate in (link or "", guid):
        match = _ID_IN_LINK.search(candidate)
        if match:
            return match.group(1)
    basis = guid or link
    if not basis:
        return None
    return "h" + hashlib.sha256(basis.encode()).hexdigest()[:15]


def department_in_text(text: str) -> str | None:
    match = _DEPARTMENT.search(text)
    return match.group(1) if match else None


def _published(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed"):
        value = item.get(key)
        if value:
            return datetime(*value[:6], tzinfo=UTC)
    return None
