"""``stemme follow``: the matters we follow after a sent response, and their links.

stemme follow [--json]                          every matter, its links and latest step
stemme follow SLUG                              one matter: links and timeline
stemme follow SLUG --prop "Prop. 23 LS (2026–2027)"   confirm a suggestion or add by hand
stemme follow SLUG --sak 104512                 add a Stortinget case by hand
stemme follow SLUG --reject "Prop. …" / --reject-sak 104512   a wrong link: never again
"""

from __future__ import annotations

from datetime import date

import click

from generator.core import (
    WatchError,
    dates,
    echo_json,
    json_option,
    norwegian_date,
    project,
    state_db,
)
from generator.watch.follow import refs, store
from generator.watch.follow.responses import sent_responses
from generator.watch.follow.stortinget import CASE_URL
from generator.watch.store import transaction
from generator.watch.text import strip_controls

STATES = {"forslag": "forslag – ikke bekreftet", "bekreftet": "bekreftet", "avvist": "avvist"}


def _say(text: str) -> None:
    click.echo(strip_controls(text))


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else "ukjent dato"


def _prop(value: str) -> str:
    prop = refs.normal_prop(value)
    if prop is None:
        raise click.BadParameter(
            f"«{value}» er ikke et proposisjonsnummer. Skriv det slik: "
            '"Prop. 23 LS (2026–2027)" (bindestrek eller tankestrek, i anførselstegn).',
            param_hint="--prop",
        )
    return prop


def _sak(value: str) -> str:
    text = value.strip()
    if not text.isdigit() or len(text) > 9:
        raise click.BadParameter(
            f"«{value}» er ikke et saksnummer fra Stortinget. Det er tallet i sakens adresse, "
            "f.eks. 104512 i …/Sak/?p=104512.",
            param_hint="--sak",
        )
    return text


@click.command()
@click.argument("slug", required=False, metavar="[SVAR]")
@click.option(
    "--prop",
    "prop",
    metavar="PROP",
    help='Bekreft eller legg til, f.eks. "Prop. 23 LS (2026–2027)".',
)
@click.option("--sak", "sak", metavar="NUMMER", help="Legg til en sak i Stortinget (saksnummeret).")
@click.option(
    "--reject", "reject", metavar="PROP", help="Avvis et forslag (det foreslås aldri igjen)."
)
@click.option(
    "--reject-sak", "reject_sak", metavar="NUMMER", help="Avvis en sak som ble koblet feil."
)
@json_option()
def follow(slug: str | None, prop: str | None, sak: str | None, reject: str | None,
           reject_sak: str | None, as_json: bool) -> None:  # fmt: skip
    """Følg sakene etter høringssvaret: proposisjon, sak, høring, innstilling, vedtak.

    Uten SVAR vises alle sakene vi følger (ett sendt høringssvar = én sak). SVAR er
    filnavnet til høringssvaret uten .md. «stemme watch» finner forslag; bekreft dem her.
    """
    paths = project().paths
    with state_db(paths.state_db) as conn:
        _follow(conn, paths.responses, slug, prop, sak, reject, reject_sak, as_json)


def _follow(conn, responses, slug: str | None, prop: str | None, sak: str | None,  # type: ignore[no-untyped-def]
            reject: str | None, reject_sak: str | None, as_json: bool) -> None:  # fmt: skip
    now = dates.now()
    with transaction(conn):
        for matter in sent_responses(responses):
            store.save_matter(conn, matter, now)
    changes = [value for value in (prop, sak, reject, reject_sak) if value]
    if changes and not slug:
        raise click.UsageError(
            "Skriv hvilket høringssvar koblingen gjelder: stemme follow SVAR --prop …"
        )
    if slug is None:
        _list(conn, as_json)
        return
    matter = store.matter(conn, slug)
    with transaction(conn):
        for kind, ref, state in (
            ("prop", _prop(prop) if prop else None, "bekreftet"),
            ("sak", _sak(sak) if sak else None, "bekreftet"),
            ("prop", _prop(reject) if reject else None, "avvist"),
            ("sak", _sak(reject_sak) if reject_sak else None, "avvist"),
        ):
            if ref is None:
                continue
            url = CASE_URL.format(id=ref) if kind == "sak" else None
            link = store.Link(matter.slug, kind, ref, state, "for hånd", None, url, None)
            store.save_link(conn, link, now, overrule=True)
            verb = "bekreftet" if state == "bekreftet" else "avvist"
            _say(f"{ref} er {verb} for «{matter.slug}».")
    if changes:
        _say("Kjør «stemme watch» for å hente det som har skjedd i saken.")
        return
    _show(conn, matter, as_json)


def _list(conn, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    items = store.matters(conn)
    if as_json:
        echo_json([_as_dict(conn, m) for m in items])
        return
    if not items:
        _say("Ingen saker å følge ennå: et høringssvar følges når det har «status: sendt».")
        return
    for matter in items:
        steps = store.steps(conn, matter.slug)
        latest = f"{_day(steps[-1].day)}  {steps[-1].text}" if steps else "ingen steg ennå"
        _say(f"• {matter.slug}\n    {matter.title}\n    siste: {latest}")
        for link in store.links(conn, matter.slug):
            _say(f"    {link.ref}: {STATES[link.state]}")
            if link.state == "forslag":
                _say(f"      bekreft: stemme follow {matter.slug} --prop \"{link.ref}\""
                     f"  · avvis: --reject \"{link.ref}\"")  # fmt: skip
    _say("\nDetaljer: stemme follow SVAR")


def _show(conn, matter: store.Matter, as_json: bool) -> None:  # type: ignore[no-untyped-def]
    if as_json:
        echo_json(_as_dict(conn, matter))
        return
    _say(f"{matter.title}\n  svar: {matter.slug} (sendt {matter.sent or 'ukjent'})")
    _say("\nKoblinger:")
    for link in store.links(conn, matter.slug) or []:
        _say(f"  {link.kind:<5} {link.ref}  {STATES[link.state]} ({link.found_by})")
    if not store.links(conn, matter.slug):
        _say("  ingen ennå – «stemme watch» foreslår en proposisjon når den kommer")
    _say("\nTidslinje:")
    for step in store.steps(conn, matter.slug):
        mark = "" if step.public else "  (internt)"
        _say(f"  {_day(step.day)}  {step.text}{mark}")
        if step.url:
            _say(f"              {step.url}")
    if not store.steps(conn, matter.slug):
        _say("  ingen steg ennå")


def _as_dict(conn, matter: store.Matter) -> dict:  # type: ignore[no-untyped-def]
    return {
        "slug": matter.slug,
        "title": matter.title,
        "sent": matter.sent,
        "links": [
            {"kind": k.kind, "ref": k.ref, "state": k.state, "found_by": k.found_by}
            for k in store.links(conn, matter.slug)
        ],
        "steps": [
            {
                "kind": s.kind,
                "date": s.day.isoformat() if s.day else None,
                "text": s.text,
                "url": s.url,
                "public": s.public,
                "recorded": s.recorded.isoformat(),
            }
            for s in store.steps(conn, matter.slug)
        ],
    }


def describe_new(steps: list[store.Step], matters: dict[str, str]) -> list[str]:
    """Lines for «stemme watch»: what moved since last time, grouped by matter."""
    lines = []
    for slug in sorted({s.matter for s in steps}):
        lines.append(f"  • {matters.get(slug, slug)}")
        for step in (s for s in steps if s.matter == slug):
            when = norwegian_date(step.day) if step.day else "dato ukjent"
            lines.append(f"      {when}: {step.text}")
            if step.url:
                lines.append(f"      {step.url}")
    return lines


__all__ = ["WatchError", "describe_new", "follow"]
