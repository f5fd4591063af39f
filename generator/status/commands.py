"""``stemme status [--json] [--now TIDSPUNKT]``: the campaign at a glance."""

from __future__ import annotations

from datetime import datetime

import click

from generator.core import StemmeError, dates, echo_json, json_option, now_option, project
from generator.social import moment
from generator.status.model import LEVELS, Line, Section, StatusContext
from generator.status.sections import SECTIONS

COLOURS = {"ok": "green", "warn": "yellow", "alarm": "red"}
# Headings for a section that could not read its data (the function's name without _section).
TITLES = {"posting": "Kampanjeposting", "site": "Nettstedet", "watch": "Høringsvarsling"}


def collect(ctx: StatusContext) -> list[Section]:
    """Run every section; one that cannot read its data becomes one alarm line."""
    sections = []
    for function in SECTIONS:
        try:
            sections.append(function(ctx))
        except StemmeError as exc:
            name = function.__name__.removesuffix("_section")
            line = Line("alarm", f"Kunne ikke lese: {exc}", ("stemme check",))
            sections.append(Section(name, TITLES.get(name, name), [line]))
    return sections


@click.command("status")
@click.help_option("-h", "--help", help="Vis denne hjelpen og avslutt.")
@json_option("Skriv statusen som JSON.")
@now_option("Vis statusen som om klokka var dette (ISO).")
def status(as_json: bool, now_at: datetime | None) -> None:
    """Kampanjen på én skjerm: dagens og manglende innlegg per kanal, feil og ukjente
    utfall, når nettstedet sist ble bygget og publisert, siste høringsvarsling – og hva du
    gjør med hvert problem.

    Avslutter med 1 når noe må rettes (✗), ellers 0 – så den kan gå i cron og varsle.
    """
    ctx = StatusContext(project().paths, project().config, now_at or moment(dates.today()))
    try:
        sections = collect(ctx)
    finally:
        ctx.close()
    alarms = sum(s.alarms for s in sections)
    if as_json:
        data = {
            "now": ctx.now.isoformat(timespec="minutes"),
            "alarms": alarms,
            "sections": [s.to_json() for s in sections],
        }
        echo_json(data)
    else:
        _print(ctx, sections, alarms)
    if alarms:
        raise click.exceptions.Exit(1)


def _print(ctx: StatusContext, sections: list[Section], alarms: int) -> None:
    when = f"{dates.norwegian_weekday_date(ctx.now)} kl. {ctx.now:%H:%M}"
    click.echo(click.style(f"Stemme – status {when}", bold=True))
    for section in sections:
        click.echo("")
        click.echo(click.style(section.title, bold=True))
        for line in section.lines:
            mark = LEVELS.get(line.level, " ")
            click.echo(click.style(f"  {mark} {line.text}", fg=COLOURS.get(line.level)))
            for detail in line.details:
                click.echo(f"      {detail}")
            for fix in line.fix:
                click.echo(f"      {'  ' if fix.startswith('  ') else '→ '}{fix.strip()}")
    click.echo("")
    if alarms:
        click.echo(
            click.style(f"{alarms} ting må rettes (✗). Gjør det som står etter →.", fg="red")
        )
    else:
        click.echo(click.style("Alt ser bra ut.", fg="green"))


def register(group: click.Group) -> None:
    group.add_command(status)
