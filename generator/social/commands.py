"""``stemme post …``: plan, due, retry, status and export of campaign posts."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.core import (
    CAMPAIGN,
    OSLO,
    POST_KEY,
    Config,
    ProjectPath,
    dates,
    echo_json,
    json_option,
    now_option,
    output_path,
    project,
    state_db,
)
from generator.facts import load_facts
from generator.social import manual
from generator.social.channel import Channel
from generator.social.channels import CHANNELS, MANUAL
from generator.social.ledger import Ledger
from generator.social.plan import (
    X_LINK_WARNING,
    PlanItem,
    find_item,
    load_plan,
    load_running_plans,
    repeated_cards,
)
from generator.social.posting import Outcome, live_channels, run_due
from generator.social.progress import NEEDS_ACTION, label, moment, post_state


def _help(f: Any) -> Any:
    return click.help_option("-h", "--help", help="Vis denne hjelpen og avslutt.")(f)


def due_items(
    now: datetime, live: bool
) -> tuple[Config, dict[str, Channel] | None, list[PlanItem]]:
    """What «post due» works on: the configuration, the live channels (None: a dry run)
    and every item of the campaigns running ``now`` (their warnings printed)."""
    paths, config = project().paths, project().config
    channels = live_channels(config.posting) if live else None
    plans, warnings = load_running_plans(paths, config, now.date())
    for warning in warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    return config, channels, [item for plan in plans for item in plan.items]


def _dump(data: Any) -> None:
    echo_json(data, default=str)


@click.group()
@_help
def post() -> None:
    """Post kampanjedagene på X, Mastodon og Bluesky, og lag mapper for Facebook/Instagram."""


@post.command("plan")
@_help
@click.argument("campaign", type=CAMPAIGN, metavar="KAMPANJE")
@json_option("Skriv planen som JSON.")
def plan_command(campaign: str, as_json: bool) -> None:
    """Vis hele postingplanen for KAMPANJE: dag, tid, kanal, tekst, kort, alt-tekst og problemer."""
    proj = project()
    plan = load_plan(proj.paths, proj.config, campaign)
    if as_json:
        _dump([item.to_json() for item in plan.items])
    else:
        _print_plan(plan.campaign, plan.items)
    if any(item.problems for item in plan.items):
        raise click.exceptions.Exit(1)


def _print_plan(campaign: Any, items: list[PlanItem]) -> None:
    days = sorted({i.date for i in items})
    click.echo(f"{campaign.name} ({campaign.slug}): {len(days)} dager × 4 kanaler, Europe/Oslo")
    for day in days:
        today = [i for i in items if i.date == day]
        first = today[0]
        click.echo("")
        click.echo(f"{day:%d.%m.%Y} kl. {first.time}")
        click.echo(f"  kort: {first.card or '(mangler)'}")
        click.echo(f"  alt:  {first.alt_text or '(mangler)'}")
        click.echo("  tekst:")
        for line in next(i for i in today if i.channel == "mastodon").text.splitlines():
            click.echo(f"    │ {line}")
        for item in today:
            status = "OK" if item.valid else "PROBLEM"
            click.echo(f"  {item.channel:<9} {item.length:>4} {_unit(item.channel)}  {status}")
            for problem in item.problems:
                click.echo(f"      ✗ {problem}")
    _print_plan_summary(items)


def _unit(channel: str) -> str:
    spec = CHANNELS.get(channel)
    return spec.unit if spec else "tegn"


def _print_plan_summary(items: list[PlanItem]) -> None:
    bad = [i for i in items if i.problems]
    click.echo("")
    click.echo(f"{len(items)} innlegg, {len(bad)} med problemer.")
    for card, days in repeated_cards(items).items():
        when = ", ".join(f"{d:%d.%m.}" for d in days)
        click.echo(f"Merk: kortet {card} brukes {len(days)} ganger ({when}).")
    if any(X_LINK_WARNING in i.warnings for i in items):
        count = sum(X_LINK_WARNING in i.warnings for i in items)
        click.echo(f"Merk ({count} innlegg på X): {X_LINK_WARNING}.")


@post.command("due")
@_help
@click.option("--live", is_flag=True, help="Post på ordentlig (krever innloggingsopplysninger).")
@now_option("Kjør som om klokka var dette (ISO, f.eks. 2026-11-26T08:05+01:00).")
@json_option()
def due_command(live: bool, now_at: datetime | None, as_json: bool) -> None:
    """Post alt som er forfalt og ikke publisert (for cron).

    Uten --live er det en prøvekjøring som viser nøyaktig hva som ville blitt sendt.
    """
    now = now_at or dates.now()
    config, channels, items = due_items(now, live)
    with state_db(project().paths.state_db) as conn:
        outcomes = run_due(items, Ledger(conn), config.posting, now, channels)
    if as_json:
        _dump([o.to_json() for o in outcomes])
    else:
        print_outcomes(outcomes, items, now, live)
    if any(o.action in ("feilet", "ukjent") for o in outcomes):
        raise click.exceptions.Exit(1)


def print_outcomes(
    outcomes: list[Outcome], items: list[PlanItem], now: datetime, live: bool
) -> None:
    mode = "Posting" if live else "Prøvekjøring (ingenting sendes; bruk --live for å poste)"
    click.echo(f"{mode} — {now.astimezone(OSLO):%d.%m.%Y kl. %H:%M} norsk tid")
    if not outcomes:
        click.echo("Ingenting å poste nå.")
        return
    by_key = {i.key: i for i in items}
    for outcome in outcomes:
        click.echo("")
        item = by_key.get(outcome.key)
        when = f" (planlagt {item.due_at:%d.%m. kl. %H:%M})" if item else ""
        click.echo(f"{outcome.key}{when}: {outcome.action} — {outcome.message}")
        if outcome.payload:
            _print_payload(outcome.payload)
    counts = Counter(o.action for o in outcomes)
    click.echo("")
    click.echo("Sammendrag: " + ", ".join(f"{n} {a}" for a, n in sorted(counts.items())))


def _print_payload(payload: dict[str, Any]) -> None:
    for step, body in payload.items():
        if step == "kanal" or not isinstance(body, dict):
            continue
        click.echo(f"  POST {body.get('url')}")
        for name, value in body.items():
            if name == "url" or value is None:
                continue
            if isinstance(value, str) and "\n" in value:
                click.echo(f"    {name}:")
                for line in value.splitlines():
                    click.echo(f"      │ {line}")
            else:
                click.echo(f"    {name}: {json.dumps(value, ensure_ascii=False)}")


@post.command("retry")
@_help
@click.argument("key", type=POST_KEY, metavar="NØKKEL")
@now_option("Tidspunkt for godkjenningen (ISO).")
def retry_command(key: str, now_at: datetime | None) -> None:
    """Godkjenn at innlegget KEY (kampanje/dato/kanal) sendes ved neste «post due --live».

    Gjelder innlegg som feilet, har ukjent utfall eller er for sent ute.

    Bruk dette først når du har sjekket kontoen: etter «ukjent» kan innlegget allerede
    være publisert.
    """
    proj = project()
    now = now_at or dates.now()
    item = find_item(proj.paths, proj.config, key)
    with state_db(proj.paths.state_db) as conn:
        ledger = Ledger(conn)
        ledger.ensure(item.key, item.due_at, now)
        row = ledger.approve(item.key, now)
    click.echo(f"{row.key}: godkjent for ny sending. Sendes ved neste «stemme post due --live».")


@post.command("status")
@_help
@click.argument("campaign", type=CAMPAIGN, metavar="KAMPANJE")
@json_option("Skriv statusen som JSON.")
@now_option("Vis statusen som om klokka var dette (ISO).")
def status_command(campaign: str, as_json: bool, now_at: datetime | None) -> None:
    """Vis hva som er planlagt, sendt, feilet, uavklart eller IKKE SENDT for KAMPANJE.

    Et innlegg hvis tidspunkt er passert uten at det ble sendt, er «IKKE SENDT» (rødt):
    da har ingen kjørt «stemme post due --live» (se cron-linjen i håndboken).
    """
    proj = project()
    now = now_at or moment(dates.today())  # STEMME_TODAY counts here
    with state_db(proj.paths.state_db) as conn:
        rows = {r.key: r for r in Ledger(conn).rows(campaign)}
    plan = load_plan(proj.paths, proj.config, campaign)
    entries = []
    for item in plan.items:
        if item.channel == MANUAL:
            continue
        row = rows.get(item.key)
        entry = row.to_json() if row else {"key": item.key, "status": "planned", "attempts": 0}
        entry["due_at"] = item.due_at.isoformat()
        entry["state"] = post_state(row, item.due_at, now)
        entries.append(entry)
    if as_json:
        _dump(entries)
        return
    for e in entries:
        extra = e.get("remote_url") or e.get("error") or ""
        when = datetime.fromisoformat(e["due_at"])
        line = f"{e['key']:<44} {when:%d.%m. %H:%M}  {_state_word(e['state'])} {extra}".rstrip()
        click.echo(click.style(line, fg=STATE_COLOURS.get(e["state"])))
    missed = sum(e["state"] == "missed" for e in entries)
    if missed:
        click.echo("")
        click.echo(
            click.style(f"{missed} innlegg er IKKE SENDT.", fg="red", bold=True)
            + " Ingen har kjørt «stemme post due --live» for dem. Se «stemme status» for "
            "hva du gjør, og cron-linjen i håndboken (Kjøre de 16 dagene)."
        )


STATE_COLOURS = {"missed": "red", "failed": "red", "unknown": "yellow", "published": "green"}


def _state_word(state: str) -> str:
    mark = "✗ " if state in NEEDS_ACTION else "  "
    return f"{mark}{label(state):<14}"


@post.command("export")
@_help
@click.argument("campaign", type=CAMPAIGN, metavar="KAMPANJE")
@click.option(
    "--til",
    "out",
    type=ProjectPath(),
    help="Mappen i prosjektet det skal skrives til (standard: build/manuell/KAMPANJE).",
)
def export_command(campaign: str, out: Path | None) -> None:
    """Lag kampanjepakken i mapper, én per dag: alle kortformater, tekst per kanal, alt-tekst."""
    paths, config = project().paths, project().config
    plan = load_plan(paths, config, campaign)
    out_dir = output_path(
        out or paths.build / "manuell" / campaign,
        paths.root,
        suffix=None,
        kind="kampanjepakken",
        example=f"build/manuell/{campaign}",
    )
    exported = manual.export_kit(plan, config, load_facts(paths.facts), out_dir)
    click.echo(f"Skrev {len(exported)} dagsmapper, LESMEG.txt og kalenderen til {out_dir}")


def register(group: click.Group) -> None:
    group.add_command(post)
