"""The consultation tracker: «Frister», the list of consultations and one page each.

Reads the state DB only through the watcher's read API (``generator.watch.store``) and
the draft responses in ``content/hoeringssvar/``. A missing DB, or one without the
watcher's tables, gives friendly empty pages. Every feed-derived value is escaped
(:mod:`generator.handbook.markup`) and every HTML fragment is sanitised with nh3.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.core import front_matter_or_empty, norwegian_date, open_db
from generator.handbook.markup import one_line, text
from generator.watch import OPEN_STATUSES, Consultation, HistoryEntry, history, list_consultations

URGENT_DAYS = 14
SECTION = "hoeringer"


@dataclass(frozen=True)
class Draft:
    """A høringssvar in content/hoeringssvar/ that answers a consultation."""

    path: str  # relative to the project root
    status: str  # utkast | sendt


@dataclass
class Tracked:
    consultation: Consultation
    history: list[HistoryEntry] = field(default_factory=list)
    draft: Draft | None = None

    @property
    def uid(self) -> str:
        c = self.consultation
        return f"{c.source}:{c.id}"

    @property
    def slug(self) -> str:
        c = self.consultation
        source = re.sub(r"[^a-z0-9]+", "-", c.source.lower()).strip("-") or "kilde"
        key = re.sub(r"[^A-Za-z0-9]+", "-", c.id).strip("-")
        return f"{source}-{key}"

    @property
    def src_uri(self) -> str:
        return f"{SECTION}/{self.slug}.md"


def is_tracked(c: Consultation) -> bool:
    """Relevant by score, or someone has started working on it."""
    return c.relevant or c.status != "ny" or bool(c.owner) or bool(c.note)


def load_tracked(db_path: Path, root: Path) -> list[Tracked]:
    """Relevant/tracked consultations with history and draft, by deadline (unknown last)."""
    if not db_path.is_file():
        return []
    conn = open_db(db_path)
    try:
        consultations = [c for c in _list(conn) if is_tracked(c)]
        drafts = find_drafts(root / "content" / "hoeringssvar", root)
        result = []
        for c in consultations:
            item = Tracked(c, draft=drafts.get(c.url or "") or drafts.get(c.id))
            item.history = history(conn, item.uid)
            result.append(item)
        return result
    finally:
        conn.close()


def _list(conn: sqlite3.Connection) -> list[Consultation]:
    try:
        return list_consultations(conn)
    except sqlite3.OperationalError:  # an empty file without the watcher's tables
        return []


def find_drafts(folder: Path, root: Path) -> dict[str, Draft]:
    """Map consultation URL (and id, when the front matter has one) → the response file."""
    found: dict[str, Draft] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        meta = front_matter_or_empty(path)
        draft = Draft(str(path.relative_to(root)), str(meta.get("status") or "utkast"))
        for key in ("consultation", "consultation_id"):
            if meta.get(key):
                found[str(meta[key])] = draft
    return found


def days_text(days: int | None) -> str:
    if days is None:
        return "ukjent"
    if days < 0:
        return "utløpt" if days < -1 else "utløp i går"
    if days == 0:
        return "i dag"
    if days == 1:
        return "i morgen"
    return f"{days} dager"


def urgency(item: Tracked, today: date) -> str:
    """CSS class for the deadline: ``frist-haster`` ≤ 14 days (open statuses only)."""
    days = item.consultation.days_left(today)
    if days is None or item.consultation.status not in OPEN_STATUSES:
        return "frist-rolig"
    if days < 0:
        return "frist-utlopt"
    return "frist-haster" if days <= URGENT_DAYS else "frist-rolig"


def deadline_html(c: Consultation) -> str:
    d = c.deadline_date
    return f'<time datetime="{d.isoformat()}">{norwegian_date(d)}</time>' if d else "ukjent"


def page_title(c: Consultation) -> str:
    """The page title for mkdocs: plain text, escaped (themes print titles unescaped)."""
    return text(one_line(c.title))
