"""The follow-up tables in the state DB (area ``"follow"``) and their read/write API.

* ``follow_matters`` — one row per sent response we follow (``slug`` = the file name of
  the response in ``content/hoeringssvar/`` without ``.md``).
* ``follow_links`` — what a matter is linked to: ``prop`` (a normalised «Prop. 23 LS
  (2026–2027)»), ``sak`` (a Stortinget case id), each ``forslag`` (suggested by Stemme,
  waiting for a person), ``bekreftet`` (found in the data, or confirmed/added by hand) or
  ``avvist`` (a person said no; never suggested again). ``UNIQUE (matter, kind, ref)``.
* ``follow_cases`` — per Stortinget case the fingerprint of its list entry when its
  details were last read, so a case is fetched again only when the list says it changed.
* ``follow_steps`` — each step of a matter, recorded once (``UNIQUE (matter, kind, ref)``)
  with its date, text, source link, where it came from, when Stemme learnt it, and
  whether it is public (written to the file beside the response).

Every timestamp is ISO 8601 in UTC; a step's ``day`` is its date in Europe/Oslo.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, datetime

from generator.core import WatchError, register_migrations
from generator.watch.store import to_db_time, transaction

MIGRATIONS = [
    """
    CREATE TABLE follow_matters (
        slug TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        department TEXT,
        consultation TEXT,
        sent TEXT,
        created TEXT NOT NULL
    );
    CREATE TABLE follow_links (
        id INTEGER PRIMARY KEY,
        matter TEXT NOT NULL REFERENCES follow_matters (slug) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('prop', 'sak')),
        ref TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('forslag', 'bekreftet', 'avvist')),
        found_by TEXT NOT NULL,
        title TEXT,
        url TEXT,
        published TEXT,
        at TEXT NOT NULL,
        UNIQUE (matter, kind, ref)
    );
    CREATE TABLE follow_cases (
        sak_id TEXT PRIMARY KEY,
        session TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        checked TEXT NOT NULL
    );
    CREATE TABLE follow_steps (
        id INTEGER PRIMARY KEY,
        matter TEXT NOT NULL REFERENCES follow_matters (slug) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        day TEXT,
        text TEXT NOT NULL,
        url TEXT,
        source TEXT NOT NULL,
        recorded TEXT NOT NULL,
        public INTEGER NOT NULL DEFAULT 1,
        UNIQUE (matter, kind, ref)
    );
    CREATE INDEX follow_steps_recorded ON follow_steps (recorded)
    """,
]

register_migrations("follow", MIGRATIONS)

LINK_STATES = ("forslag", "bekreftet", "avvist")
# The order of a matter's steps on the same day (and the only kinds there are).
KINDS = ("svar", "prop", "sak", "komite", "horing", "talere", "innstilling", "votering",
         "lovvedtak", "ferdig", "sanksjon", "ikraft", "lovdata")  # fmt: skip


@dataclass(frozen=True)
class Matter:
    slug: str
    title: str
    department: str | None
    consultation: str | None
    sent: str | None


@dataclass(frozen=True)
class Link:
    matter: str
    kind: str
    ref: str
    state: str
    found_by: str
    title: str | None
    url: str | None
    published: datetime | None


@dataclass(frozen=True)
class Step:
    matter: str
    kind: str
    ref: str
    day: date | None
    text: str
    url: str | None
    source: str
    recorded: datetime
    public: bool


# ---------------------------------------------------------------- matters


def save_matter(conn: sqlite3.Connection, matter: Matter, now: datetime) -> None:
    """Insert a matter, or refresh its title/department/link from the response file."""
    conn.execute(
        "INSERT INTO follow_matters (slug, title, department, consultation, sent, created) "
        "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (slug) DO UPDATE SET title = excluded.title, "
        "department = excluded.department, consultation = excluded.consultation, "
        "sent = excluded.sent",
        (matter.slug, matter.title, matter.department, matter.consultation, matter.sent,
         to_db_time(now)),
    )  # fmt: skip


def matters(conn: sqlite3.Connection) -> list[Matter]:
    rows = conn.execute("SELECT * FROM follow_matters ORDER BY sent DESC, slug")
    return [
        Matter(r["slug"], r["title"], r["department"], r["consultation"], r["sent"]) for r in rows
    ]


def matter(conn: sqlite3.Connection, slug: str) -> Matter:
    for item in matters(conn):
        if item.slug == slug or (item.slug.endswith(slug) and len(slug) >= 4):
            return item
    known = ", ".join(m.slug for m in matters(conn)) or "ingen ennå (kjør «stemme watch»)"
    raise WatchError(
        f"Fant ingen sak vi følger som heter «{slug}». Bruk navnet på høringssvaret "
        f"(filnavnet uten .md). Disse finnes: {known}."
    )


# ---------------------------------------------------------------- links


def _link(row: sqlite3.Row) -> Link:
    published = datetime.fromisoformat(row["published"]) if row["published"] else None
    return Link(row["matter"], row["kind"], row["ref"], row["state"], row["found_by"],
                row["title"], row["url"], published)  # fmt: skip


def links(
    conn: sqlite3.Connection, matter: str | None = None, *, state: str | None = None
) -> list[Link]:
    where, params = [], []
    if matter is not None:
        where.append("matter = ?")
        params.append(matter)
    if state is not None:
        where.append("state = ?")
        params.append(state)
    sql = "SELECT * FROM follow_links" + (" WHERE " + " AND ".join(where) if where else "")
    return [_link(r) for r in conn.execute(sql + " ORDER BY matter, kind, ref", params)]


def save_link(
    conn: sqlite3.Connection,
    link: Link,
    now: datetime,
    *,
    overrule: bool = False,
) -> bool:
    """Record a link; True when it is new. A suggestion never overrides what a person
    decided (``bekreftet``/``avvist``); ``overrule=True`` (a person) always wins."""
    row = conn.execute(
        "SELECT state FROM follow_links WHERE matter = ? AND kind = ? AND ref = ?",
        (link.matter, link.kind, link.ref),
    ).fetchone()
    values = (link.state, link.found_by, link.title, link.url,
              to_db_time(link.published), to_db_time(now))  # fmt: skip
    if row is None:
        conn.execute(
            "INSERT INTO follow_links (matter, kind, ref, state, found_by, title, url, "
            "published, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (link.matter, link.kind, link.ref, *values),
        )
        return True
    if overrule or (row["state"] == "forslag" and link.state == "bekreftet"):
        conn.execute(
            "UPDATE follow_links SET state = ?, found_by = ?, title = COALESCE(?, title), "
            "url = COALESCE(?, url), published = COALESCE(?, published), at = ? "
            "WHERE matter = ? AND kind = ? AND ref = ?",
            (*values, link.matter, link.kind, link.ref),
        )
    return False


def set_link_source(
    conn: sqlite3.Connection,
    matter: str,
    kind: str,
    ref: str,
    title: str | None,
    url: str | None,
    published: datetime | None,
) -> None:
    """What the source says about a linked document (title, link, date), whoever linked it."""
    conn.execute(
        "UPDATE follow_links SET title = ?, url = ?, published = ? "
        "WHERE matter = ? AND kind = ? AND ref = ?",
        (title, url, to_db_time(published), matter, kind, ref),
    )


# ---------------------------------------------------------------- cases


def case_fingerprint(conn: sqlite3.Connection, sak_id: str) -> str | None:
    row = conn.execute("SELECT fingerprint FROM follow_cases WHERE sak_id = ?", (sak_id,))
    found = row.fetchone()
    return found["fingerprint"] if found else None


def case_session(conn: sqlite3.Connection, sak_id: str) -> str | None:
    row = conn.execute("SELECT session FROM follow_cases WHERE sak_id = ?", (sak_id,))
    found = row.fetchone()
    return found["session"] if found else None


def save_case(
    conn: sqlite3.Connection, sak_id: str, session: str, fingerprint: str, now: datetime
) -> None:
    conn.execute(
        "INSERT INTO follow_cases (sak_id, session, fingerprint, checked) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (sak_id) DO UPDATE SET session = excluded.session, "
        "fingerprint = excluded.fingerprint, checked = excluded.checked",
        (sak_id, session, fingerprint, to_db_time(now)),
    )


# ---------------------------------------------------------------- steps


def record_step(conn: sqlite3.Connection, step: Step) -> bool:
    """Record a step once; True when it was not known before."""
    cursor = conn.execute(
        "INSERT OR IGNORE INTO follow_steps (matter, kind, ref, day, text, url, source, "
        "recorded, public) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (step.matter, step.kind, step.ref, step.day.isoformat() if step.day else None,
         step.text, step.url, step.source, to_db_time(step.recorded), int(step.public)),
    )  # fmt: skip
    return cursor.rowcount == 1


def _step(row: sqlite3.Row) -> Step:
    return Step(
        matter=row["matter"],
        kind=row["kind"],
        ref=row["ref"],
        day=date.fromisoformat(row["day"]) if row["day"] else None,
        text=row["text"],
        url=row["url"],
        source=row["source"],
        recorded=datetime.fromisoformat(row["recorded"]),
        public=bool(row["public"]),
    )


def steps(
    conn: sqlite3.Connection, matter: str | None = None, *, since: datetime | None = None
) -> list[Step]:
    """Steps in the order they happened (date; unknown dates by when they were learnt)."""
    where, params = [], []
    if matter is not None:
        where.append("matter = ?")
        params.append(matter)
    if since is not None:
        where.append("recorded >= ?")
        params.append(to_db_time(since))
    sql = "SELECT * FROM follow_steps" + (" WHERE " + " AND ".join(where) if where else "")
    found = [_step(r) for r in conn.execute(sql + " ORDER BY id", params)]
    return sorted(found, key=lambda s: (s.matter, s.day or s.recorded.date(), KINDS.index(s.kind)))


__all__ = ["transaction"]
