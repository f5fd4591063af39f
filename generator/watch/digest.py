"""``stemme watch digest``: the week's new relevant consultations and upcoming deadlines.

:func:`build_digest` returns Markdown; :func:`send_digest` mails it over SMTP when
``[watch.digest]`` in stemme.toml names a host and recipients. The password is read from
the environment variable named by ``password_env`` — it is never stored, printed or logged.
"""

from __future__ import annotations

import os
import smtplib
import sqlite3
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from generator.core import WatchDigest, WatchError, norwegian_date
from generator.watch import store
from generator.watch.describe import deadline_value, stortinget_lines
from generator.watch.follow import store as follow_store
from generator.watch.model import OPEN_STATUSES, Consultation
from generator.watch.text import markdown_text, safe_link


@dataclass(frozen=True)
class Digest:
    subject: str
    markdown: str
    new: list[Consultation]
    due: list[Consultation]


def build_digest(
    conn: sqlite3.Connection, *, now: datetime, days: int, due_days: int, org_name: str
) -> Digest:
    since = now - timedelta(days=days)
    relevant = store.list_consultations(conn, relevant=True)
    new = [c for c in relevant if c.first_seen >= since]
    new.sort(key=lambda c: c.first_seen, reverse=True)
    due = store.list_consultations(
        conn, relevant=True, status=OPEN_STATUSES, due_within=due_days, today=now.date()
    )
    week = now.isocalendar().week
    subject = (
        f"Høringsvarsel uke {week}: {len(new)} nye relevante, {len(due)} frister innen "
        f"{due_days} dager"
    )
    lines = [f"# Høringsvarsel uke {week} – {org_name}", ""]
    lines += [f"## Nye relevante høringer siste {days} dager ({len(new)})", ""]
    lines += [_item(c, now) for c in new] or ["Ingen nye relevante høringer."]
    lines += ["", f"## Frister innen {due_days} dager ({len(due)})", ""]
    lines += [_item(c, now) for c in due] or ["Ingen frister de neste dagene."]
    moved = follow_store.steps(conn, since=since)
    if moved:
        titles = {m.slug: m.title for m in follow_store.matters(conn)}
        lines += ["", f"## Saker vi følger – nytt siste {days} dager ({len(moved)})", ""]
        lines += _moved(moved, titles)
    lines += ["", "Lag et utkast med «stemme respond ID». Se alle med «stemme consultations»."]
    if moved:
        lines += ["Se hver sak med «stemme follow SVAR»."]
    return Digest(subject, "\n".join(lines) + "\n", new, due)


def _moved(steps: list[follow_store.Step], titles: dict[str, str]) -> list[str]:
    """What moved, grouped by matter, named by our response's title, with context."""
    lines = []
    for slug in sorted({s.matter for s in steps}):
        lines.append(f"- **{markdown_text(titles.get(slug, slug), line_start=False)}** ({slug})")
        for step in (s for s in steps if s.matter == slug):
            when = norwegian_date(step.day) if step.day else "dato ukjent"
            line = f"  - {when}: {markdown_text(step.text, line_start=False)}"
            if link := safe_link(step.url):
                line += f" <{link}>"
            lines.append(line)
    return lines


def _item(c: Consultation, now: datetime) -> str:
    today = now.date()
    owner = f", ansvarlig: {markdown_text(c.owner, line_start=False)}" if c.owner else ""
    sender = markdown_text(c.department or "ukjent avsender", line_start=False)
    line = f"- **{markdown_text(c.title, line_start=False)}** ({c.id})  \n  {sender} · "
    line += f"frist {deadline_value(c, today)} · status: {c.status}{owner}"
    if c.terms:
        line += f" · treff: {markdown_text(', '.join(c.terms), line_start=False)}"
    for label, value in stortinget_lines(c, today):
        line += f"  \n  {label}: {markdown_text(value, line_start=False)}"
    if link := safe_link(c.url):
        line += f"  \n  <{link}>"
    return line


def is_configured(settings: WatchDigest) -> bool:
    return bool(settings.host and settings.to)


def send_digest(
    digest: Digest,
    settings: WatchDigest,
    *,
    fallback_sender: str,
    env: Mapping[str, str] = os.environ,
    timeout: float = 30.0,
) -> None:
    """Send the digest as a plain-text (Markdown) e-mail; raise WatchError on failure."""
    assert settings.host
    password = env.get(settings.password_env) if settings.user else None
    if settings.user and not password:
        raise WatchError(
            f"[watch.digest] har brukernavn, men miljøvariabelen {settings.password_env} "
            "med passordet er ikke satt. Sett den (aldri i stemme.toml) og prøv igjen."
        )
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = settings.sender or fallback_sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain=(settings.sender or fallback_sender).split("@")[-1])
    message.set_content(digest.markdown)
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=timeout) as smtp:
            if settings.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if settings.user and password:
                smtp.login(settings.user, password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise WatchError(
            f"Kunne ikke sende oppsummeringen via {settings.host}:{settings.port} "
            f"({type(exc).__name__}). Sjekk [watch.digest] i stemme.toml og nettforbindelsen."
        ) from None
