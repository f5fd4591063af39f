"""Content hashes and Norwegian descriptions of what changed in a consultation.

Updates are detected by content — title, description and deadline — never by pubDate
(regjeringen.no keeps the pubDate and the link when a deadline is extended).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from generator.core import norwegian_date
from generator.watch.model import OSLO, Entry
from generator.watch.store import Change
from generator.watch.text import date_span


def _digest(values: list[Any]) -> str:
    blob = json.dumps(values, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(OSLO).isoformat() if value else None


def content_hash(entry: Entry) -> str:
    """What counts as a change worth reporting: title, description, deadline."""
    return _digest([entry.title, entry.summary, _iso(entry.deadline)])


def feed_hash(entry: Entry) -> str:
    """Everything the feed itself says (to skip unchanged items without a page fetch)."""
    return _digest(
        [
            entry.title,
            entry.summary,
            entry.url,
            entry.department,
            _iso(entry.published),
            _iso(entry.deadline),
            entry.reference,
            entry.source_status,
            entry.extra,
        ]
    )


def describe_changes(old: Entry, new: Entry) -> list[Change]:
    """Each changed field as a Change with a Norwegian message."""
    changes: list[Change] = []
    if old.deadline != new.deadline:
        changes.append(
            Change("deadline", _iso(old.deadline), _iso(new.deadline), _deadline(old, new))
        )
    if old.title != new.title:
        changes.append(
            Change("title", old.title, new.title, f"tittel endret: «{old.title}» → «{new.title}»")
        )
    if old.summary != new.summary:
        changes.append(Change("summary", old.summary, new.summary, "beskrivelsen er endret"))
    return changes


def _deadline(old: Entry, new: Entry) -> str:
    if old.deadline is None and new.deadline is not None:
        return f"høringsfrist satt: {norwegian_date(new.deadline.astimezone(OSLO).date())}"
    if new.deadline is None and old.deadline is not None:
        return f"høringsfrist fjernet (var {norwegian_date(old.deadline.astimezone(OSLO).date())})"
    assert old.deadline is not None and new.deadline is not None
    before = old.deadline.astimezone(OSLO)
    after = new.deadline.astimezone(OSLO)
    if before.date() == after.date():
        return f"høringsfrist endret til kl. {after:%H:%M} {norwegian_date(after.date())}"
    verb = "forlenget" if after > before else "framskyndet"
    return f"høringsfrist {verb} {date_span(before.date(), after.date())}"
