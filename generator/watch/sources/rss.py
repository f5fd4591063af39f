"""Any RSS/Atom feed → entries. feedparser only ever sees bytes; it never fetches.

A feed that is not well-formed XML but complete (a stray control character, a bare
``&``) is read with feedparser's lenient parser and gives a warning; a feed with no
readable item fails the source. Each item is read on its own: one that cannot be read
is skipped with a warning, never the whole source.
"""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from typing import Any

import feedparser
from feedparser.exceptions import ThingsNobodyCaresAboutButMe  # encoding/content-type notes

from generator.core import SourceError
from generator.watch.model import Entry, Parsed
from generator.watch.text import deadline_in_text, end_of_day, http_url, plain_text, plausible
from generator.watch.xmlsafety import refuse_declarations

_DEPARTMENT = re.compile(
    r"\b([A-ZÆØÅ][a-zæøå]*-\s+og\s+[a-zæøå]+departementet|[A-ZÆØÅ][a-zæøå]+departementet)\b"
)
_ID_IN_LINK = re.compile(r"/id(\d+)/?(?:[?#].*)?$")


def parse_feed(data: bytes, *, source: str) -> Parsed:
    """Parse feed bytes into entries (newest first as the feed gives them, no duplicates)."""
    refuse_declarations(data, source=source)
    parsed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    problem = getattr(parsed, "bozo_exception", None) if parsed.bozo else None
    if problem is not None and not parsed.entries:
        raise SourceError(
            f"{source}: svaret er ikke en lesbar RSS/Atom-strøm ({problem}). "
            "Sjekk at adressen peker på selve strømmen."
        )
    result = Parsed()
    entries: dict[str, Entry] = {}
    for number, item in enumerate(parsed.entries, start=1):
        try:
            entry = entry_from_item(item)
        except Exception as exc:  # one odd item must not cost the whole source
            result.warnings.append(
                f"sak nr. {number} ble hoppet over ({type(exc).__name__}: {exc})."
            )
            continue
        if entry is not None and entry.key not in entries:
            entries[entry.key] = entry
    result.entries = list(entries.values())
    if problem is not None and _malformed(problem):
        result.warnings.insert(
            0,
            f"strømmen er ikke gyldig XML ({problem}); "
            f"{len(result.entries)} saker ble lest likevel.",
        )
    return result


def _malformed(problem: Exception) -> bool:
    """A real XML error (not a harmless encoding or content-type remark)."""
    return not isinstance(problem, ThingsNobodyCaresAboutButMe)


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
    if guid.isascii() and guid.isdigit():
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
            try:
                return plausible(datetime(*value[:6], tzinfo=UTC))
            except (TypeError, ValueError, OverflowError):
                return None
    return None
