"""«Våre saker»: every sent response we follow after the hearing, and one page each with
its timeline (Prop. → sak → høring → Innst. → votering → lovvedtak) and links.

Reads the state DB only through :mod:`generator.watch.follow.store`. A missing DB, or one
without the follow-up tables, gives a friendly empty page. Every value from the sources
is escaped (:mod:`generator.handbook.markup`) and every HTML fragment sanitised.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.core import norwegian_date, norwegian_weekday_date, open_db
from generator.handbook.markup import external_link, html_block, one_line, text
from generator.watch import LABELS
from generator.watch import follow_store as store

SECTION = "saker"

_EMPTY = (
    '!!! info "Ingen saker ennå"\n'
    "    Et høringssvar følges videre når det har `status: sendt`. Kjør `stemme watch` "
    "(eller `make watch`) og bygg håndboken på nytt med `make handbook`.\n"
)


@dataclass
class Followed:
    matter: store.Matter
    links: list[store.Link] = field(default_factory=list)
    steps: list[store.Step] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9-]+", "-", self.matter.slug.lower()).strip("-") or "sak"

    @property
    def stage(self) -> store.Step | None:
        public = [s for s in self.steps if s.public]
        return public[-1] if public else None


def load_followed(db_path: Path) -> list[Followed]:
    if not db_path.is_file():
        return []
    conn = open_db(db_path)
    try:
        return [
            Followed(m, store.links(conn, m.slug), store.steps(conn, m.slug))
            for m in store.matters(conn)
        ]
    except sqlite3.OperationalError:  # a DB without the follow-up tables
        return []
    finally:
        conn.close()


def _front(title: str) -> str:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    return f'---\ntitle: "{quoted}"\n---\n\n'


def _day(value: date | None) -> str:
    return f'<time datetime="{value.isoformat()}">{norwegian_date(value)}</time>' if value else "–"


def _sent(value: str | None) -> str:
    try:
        return _day(date.fromisoformat(value or ""))
    except ValueError:
        return text(value or "–")


def overview_page(items: Sequence[Followed], today: date) -> str:
    out = _front("Våre saker") + "# Våre saker\n\n"
    out += (
        f"*Laget {norwegian_weekday_date(today)} fra siste `stemme watch`.* Hvert sendte "
        "høringssvar følges videre: proposisjon, sak i Stortinget, høring i komiteen, "
        "innstilling, votering og lovvedtak. Forslag til proposisjon bekreftes med "
        "`stemme follow`.\n\n"
    )
    if not items:
        return out + _EMPTY
    rows = ""
    for item in items:
        stage = item.stage
        waiting = sum(1 for k in item.links if k.state == "forslag")
        stage_text = (f"{text(LABELS[stage.kind])}: {_day(stage.day)}" if stage
                      else "ingen steg ennå")  # fmt: skip
        if waiting:
            stage_text += f"<br><small>{waiting} forslag å bekrefte</small>"
        rows += (
            f'<tr data-sak="{text(item.slug)}"><td><a href="{item.slug}/">'
            f"{text(one_line(item.matter.title))}</a></td><td>{_sent(item.matter.sent)}</td>"
            f"<td>{stage_text}</td></tr>"
        )
    table = (
        '<table data-tabell="saker"><thead><tr><th>Høringssvar</th><th>Sendt</th>'
        f"<th>Står nå</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return out + html_block(table)


def matter_page(item: Followed) -> str:
    m = item.matter
    out = _front(text(one_line(m.title))) + "[← Våre saker](index.md){ .md-button }\n\n"
    facts = (
        f"<dt>Høringssvar</dt><dd><code>content/hoeringssvar/{text(m.slug)}.md</code></dd>"
        f"<dt>Sendt</dt><dd>{text(m.sent or 'ukjent')}</dd>"
        f"<dt>Mottaker</dt><dd>{text(m.department or 'ukjent')}</dd>"
        f"<dt>Høringen</dt><dd>{external_link(m.consultation, 'Åpne høringssiden')}</dd>"
    )
    out += html_block(f'<dl class="hoering-fakta">{facts}</dl>')
    out += "\n## Tidslinje\n\n"
    if item.steps:
        rows = "".join(
            f"<tr><td>{_day(s.day)}</td><td>{text(LABELS[s.kind])}"
            f"{'' if s.public else ' <small>(internt)</small>'}</td>"
            f"<td>{external_link(s.url, one_line(s.text)) if s.url else text(one_line(s.text))}"
            "</td></tr>"
            for s in item.steps
        )
        out += html_block(
            '<table data-tabell="tidslinje"><thead><tr><th>Dato</th><th>Steg</th><th>Hva</th>'
            f"</tr></thead><tbody>{rows}</tbody></table>"
        )
    else:
        out += "Ingen steg ennå. `stemme watch` henter dem når saken kommer til Stortinget.\n"
    out += "\n## Koblinger\n\n"
    if item.links:
        rows = "".join(
            f"<tr><td>{text(k.kind)}</td><td>{text(k.ref)}</td><td>{text(k.state)}</td>"
            f"<td>{text(k.found_by)}</td></tr>"
            for k in item.links
        )
        out += html_block(
            "<table><thead><tr><th>Type</th><th>Hva</th><th>Status</th><th>Funnet</th></tr>"
            f"</thead><tbody>{rows}</tbody></table>"
        )
    else:
        out += "Ingen koblinger ennå.\n"
    slug = re.sub(r"[^\w.\-]", "", m.slug)
    out += (
        "\n## Rette koblingene\n\n```sh\n"
        f'stemme follow {slug} --prop "Prop. 23 LS (2026–2027)"   # bekreft eller legg til\n'
        f"stemme follow {slug} --sak 104512                      # en sak i Stortinget\n"
        f'stemme follow {slug} --reject "Prop. 23 LS (2026–2027)" # feil forslag\n'
        "```\n\nSe [Fra høring til sendt svar](../rutiner/hoeringssvar.md#etter-svaret).\n"
    )
    return out


def matter_pages(items: Sequence[Followed], today: date) -> dict[str, str]:
    pages = {f"{SECTION}/index.md": overview_page(items, today)}
    pages.update({f"{SECTION}/{item.slug}.md": matter_page(item) for item in items})
    return pages
