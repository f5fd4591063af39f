"""CLI commands for campaigns: ``stemme campaign list`` and ``stemme campaign calendar``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generator.campaigns.calendar import build_calendar
from generator.campaigns.model import load_campaign, load_campaigns
from generator.core import (
    CAMPAIGN,
    ProjectPath,
    dates,
    echo_json,
    json_option,
    norwegian_date,
    output_path,
    project,
    write_atomic,
)
from generator.facts import load_facts


@click.group()
def campaign() -> None:
    """Kampanjer: oversikt og kalender for de 16 dagene."""


@campaign.command("list")
@json_option("Skriv listen som JSON.")
def list_campaigns(as_json: bool) -> None:
    """Vis alle kampanjene i campaigns/, den nyeste først."""
    paths = project().paths
    campaigns = load_campaigns(paths, load_facts(paths.facts))
    today = dates.today()
    rows = [
        {
            "slug": c.slug,
            "name": c.name,
            "year": c.year,
            "start": c.start.isoformat(),
            "end": c.end.isoformat(),
            "days": len(c.days),
            "archive_only": c.archive_only,
            "running": c.is_running(today),
            "url_path": c.url_path,
        }
        for c in campaigns
    ]
    if as_json:
        echo_json(rows)
        return
    if not rows:
        click.echo("Ingen kampanjer i campaigns/.")
    for c in campaigns:
        if c.archive_only:
            status = "arkiv"
        else:
            status = f"{len(c.days)} dager, {norwegian_date(c.start)} – {norwegian_date(c.end)}"
            status += " · pågår nå" if c.is_running(today) else ""
        click.echo(f"{c.slug}  {c.name} ({status})")


@campaign.command("calendar")
@click.argument("slug", type=CAMPAIGN, metavar="KAMPANJE")
@click.option(
    "-o",
    "--output",
    "output",
    type=ProjectPath(allow_dash=True),
    help="Filen i prosjektet kalenderen skrives til (standard: KAMPANJE.ics; «-» skriver "
    "til skjermen).",
)
def calendar(slug: str, output: Path | None) -> None:
    """Lag en kalenderfil (.ics) med kampanjens dager.

    Filen kan importeres i Outlook, Google Kalender eller på mobilen. Hver dag blir
    en heldagsavtale med tema, budskap og teksten som skal deles. Importerer du filen
    på nytt, oppdateres avtalene i stedet for å dobles.
    """
    paths, config = project().paths, project().config
    found = load_campaign(paths, slug, load_facts(paths.facts))
    data = build_calendar(
        found,
        site_url=config.site.url,
        org_name=config.organisation.name,
        default_time=config.posting.default_time,
        now=dates.now(),
        internal=True,  # for staff: with posting times and fact ids
    )
    if output is not None and str(output) == "-":
        sys.stdout.buffer.write(data)
        return
    target = output or Path(f"{slug}.ics")
    if target.is_dir() and not target.is_symlink():
        target = target / f"{slug}.ics"
    example = f"build/{slug}.ics"
    target = output_path(target, paths.root, suffix=".ics", kind="kalenderen", example=example)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(target, data)
    click.echo(f"Skrev {len(found.days)} dager til {target}")


def register(group: click.Group) -> None:
    group.add_command(campaign)
