"""Markdown for the tracker pages: «Frister», the consultation list and one page each.

Headings and our own words are Markdown; everything that carries feed text is one
sanitised HTML block (:func:`generator.handbook.markup.html_block`). Links inside those
blocks are final site URLs (directory style), relative to the page that holds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from markupsafe import Markup

from generator.core import OSLO, norwegian_date, norwegian_weekday_date
from generator.handbook.markup import (
    count,
    external_link,
    fragments,
    html_block,
    one_line,
    paragraphs,
    safe_url,
    text,
)
from generator.handbook.tracker import (
    SECTION,
    URGENT_DAYS,
    Tracked,
    days_text,
    deadline_html,
    page_title,
    urgency,
)
from generator.watch import OPEN_STATUSES, stortinget_lines

_EMPTY_DB = (
    '!!! info "Ingen høringer ennå"\n'
    "    Tilstandsdatabasen er tom eller finnes ikke på denne maskinen. Kjør "
    "`stemme watch` (eller `make watch`) for å hente høringer, og bygg håndboken på nytt "
    "med `make handbook`.\n"
)


def _front(title: str) -> str:
    # The title is already escaped text; YAML double quotes keep it one scalar.
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{quoted}"\n---\n\n'


def _row(item: Tracked, today: date, prefix: str) -> dict[str, Any]:
    c = item.consultation
    days = c.days_left(today)
    return {
        "urgency": urgency(item, today),
        "uid": item.uid,
        "deadline": Markup(deadline_html(c)),
        "days": "" if days is None else days,
        "days_text": days_text(days),
        "href": f"{prefix}{item.slug}/",
        "title": one_line(c.title),
        "department": c.department or "",
        "status": c.status,
        "owner": c.owner or "–",
    }


def _table(items: Sequence[Tracked], today: date, prefix: str) -> str:
    rows = [_row(item, today, prefix) for item in items]
    return html_block(fragments().deadlines_table(rows))


def _today_line(today: date) -> str:
    return (
        f"*Laget {norwegian_weekday_date(today)}. Tallene er ferske fra siste "
        "`make handbook`; kjør `stemme watch` og bygg på nytt for å oppdatere.*\n\n"
    )


def frister_page(items: Sequence[Tracked], today: date) -> str:
    """«Frister»: upcoming deadlines soonest first, then those with no known deadline."""
    out = _front("Frister") + "# Frister\n\n" + _today_line(today)
    if not items:
        return out + _EMPTY_DB
    upcoming = [i for i in items if (d := i.consultation.days_left(today)) is not None and d >= 0]
    unknown = [i for i in items if i.consultation.deadline is None]
    urgent = [
        i for i in upcoming
        if i.consultation.days_left(today) <= URGENT_DAYS  # type: ignore[operator]
        and i.consultation.status in OPEN_STATUSES
    ]  # fmt: skip
    if urgent:
        out += (
            f'!!! warning "{count(len(urgent), "frist", "frister")} innen {URGENT_DAYS} dager"\n'
            "    Radene med rød kant haster. Sjekk at noen står som ansvarlig.\n\n"
        )
    out += "## Kommende frister\n\n"
    out += _table(upcoming, today, "../hoeringer/") if upcoming else "Ingen kommende frister.\n"
    out += "\n## Uten kjent frist\n\n"
    if unknown:
        out += (
            "Fristen står ikke i kilden ennå. `stemme watch` prøver å lese den på nytt "
            "ved neste kjøring — sjekk høringssiden selv hvis den haster.\n\n"
        )
        out += _table(unknown, today, "../hoeringer/")
    else:
        out += "Alle relevante høringer har kjent frist.\n"
    return out


def list_page(items: Sequence[Tracked], today: date) -> str:
    """Every tracked consultation (past deadlines too), by deadline."""
    out = _front("Høringer") + "# Høringer vi følger\n\n" + _today_line(today)
    out += (
        "Her står alle høringer som er vurdert som relevante, eller som noen har begynt å "
        "jobbe med (status, ansvarlig eller notat). Se [Frister](../frister.md) for det som "
        "haster, og [rutinen](../rutiner/hoeringssvar.md) for hvordan du svarer.\n\n"
    )
    if not items:
        return out + _EMPTY_DB
    return out + _table(items, today, "")


def _facts(item: Tracked, today: date) -> str:
    c = item.consultation
    days = c.days_left(today)
    rows = [
        ("Frist", f'<span class="{urgency(item, today)}">{deadline_html(c)} '
                  f"({days_text(days)})</span>"),
        *((label, text(value)) for label, value in stortinget_lines(c, today)),
        ("Status", text(c.status)),
        ("Ansvarlig", text(c.owner or "ingen ennå")),
        ("Notat", text(c.note or "–")),
        ("Avsender", text(c.department or "ukjent")),
        ("Kilde", f"{text(c.source)} (id {text(c.id)})"),
        ("Publisert", norwegian_date(c.published) if c.published else "ukjent"),
        ("Relevans", f"{c.relevance:g} — treff: {text(', '.join(c.terms) or 'ingen')}"),
        ("Lenke", _link(c.url)),
        ("Saksnr. (deres ref.)", text(c.reference or "–")),
    ]  # fmt: skip
    if item.draft:
        rows.append(
            (
                "Svarutkast",
                f"<code>{text(item.draft.path)}</code> (status: {text(item.draft.status)})",
            )
        )
    else:
        rows.append(("Svarutkast", "ikke laget ennå"))
    return html_block(fragments().facts_list([(label, Markup(value)) for label, value in rows]))


def _link(url: str | None) -> str:
    if not url:
        return "ingen lenke i kilden"
    if safe_url(url) is None:
        return "lenken i kilden er fjernet (ikke en http(s)-adresse)"
    return external_link(url, "Åpne høringssiden")


def _history(item: Tracked) -> str:
    if not item.history:
        return "Ingen endringer registrert.\n"
    rows = [
        (
            f"{norwegian_date(h.at)} {h.at.astimezone(OSLO).strftime('%H:%M')}",
            h.kind,
            one_line(h.message),
        )
        for h in item.history
    ]
    return html_block(fragments().history_table(rows))


def consultation_page(item: Tracked, today: date) -> str:
    """One consultation: facts, summary, history and the commands to move it on."""
    c = item.consultation
    uid = re.sub(r"[^\w:.\-]", "", item.uid)  # shown in a code block, so no escaping
    out = _front(page_title(c))
    out += "[← Frister](../frister.md){ .md-button }\n\n"
    out += _facts(item, today)
    out += "\n## Sammendrag\n\n"
    out += html_block(paragraphs(c.summary)) if c.summary.strip() else "Ingen tekst i kilden.\n"
    out += "\n## Endringer\n\n" + _history(item)
    out += (
        "\n## Neste steg\n\n"
        "```sh\n"
        "# ta ansvar og vurder:\n"
        f'stemme consultation {uid} --status vurderes --owner "Ditt navn"\n'
        "# vi svarer — lag utkast (status blir «svarer»):\n"
        f"stemme respond {uid}\n"
        "# svaret er sendt:\n"
        f"stemme consultation {uid} --status svart\n"
        "```\n\n"
        "Se [Fra høring til sendt svar](../rutiner/hoeringssvar.md) for hele rutinen.\n"
    )
    return out


def consultation_pages(items: Sequence[Tracked], today: date) -> dict[str, str]:
    """src_uri → Markdown for every tracked consultation."""
    return {item.src_uri: consultation_page(item, today) for item in items}


__all__ = ["SECTION", "consultation_pages", "frister_page", "list_page"]
