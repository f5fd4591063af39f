"""CLI commands for the public site: build, check, serve."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import click

from generator.core.config import Paths, load_config
from generator.site.build import build_site
from generator.site.checks import check_all


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"«{value}» er ikke en dato på formen 2026-11-25.") from None


@click.command()
@click.option("--publish", is_flag=True, help="Bygg for publisering (publishconf.py).")
@click.option(
    "--dato",
    "today",
    callback=_parse_day,
    metavar="ÅÅÅÅ-MM-DD",
    help="Bygg som om det var denne datoen (f.eks. for å se kampanjen før den starter).",
)
def build(publish: bool, today: date | None) -> None:
    """Bygg nettstedet til output/.

    Sjekker alt innhold først. Bygget skjer i en midlertidig mappe som først byttes inn
    når alt gikk bra – feiler noe, står forrige versjon urørt.
    """
    paths = Paths.discover()
    result = build_site(paths, publish=publish, today=today)
    for warning in result.warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    if result.letters is not None and result.letters.files:
        letters = result.letters
        click.echo(f"Brev (PDF): {letters.rendered} laget, {letters.cached} uendret")
    click.echo(f"Ferdig: {result.pages} sider i {result.output}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def check(as_json: bool) -> None:
    """Sjekk alt innhold (tekster, fakta, kampanjer) uten å bygge."""
    paths = Paths.discover()
    report = check_all(paths, load_config(paths.config))
    if as_json:
        click.echo(
            json.dumps(
                {
                    "ok": report.ok,
                    "errors": [str(e) for e in report.errors],
                    "warnings": report.warnings,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for error in report.errors:
            click.echo(f"Feil: {error}", err=True)
        for warning in report.warnings:
            click.echo(f"Advarsel: {warning}")
        if report.ok:
            click.echo(f"Alt i orden ({', '.join(report.checked)}).")
    if not report.ok:
        raise click.exceptions.Exit(1)


@click.command()
@click.option("--port", default=8000, show_default=True, help="Porten å lytte på.")
def serve(port: int) -> None:
    """Forhåndsvis nettstedet på http://localhost:8000 og bygg på nytt ved endringer."""
    paths = Paths.discover()
    build_site(paths)
    click.echo(f"Forhåndsvisning: http://localhost:{port}/  (Ctrl+C for å stoppe)")
    command = [
        sys.executable, "-m", "pelican", "--autoreload", "--listen",
        "--bind", "127.0.0.1", "--port", str(port),
        "-s", str(paths.root / "pelicanconf.py"), "-o", str(paths.output),
    ]  # fmt: skip
    raise click.exceptions.Exit(subprocess.call(command, cwd=paths.root))


def register(group: click.Group) -> None:
    for command in (build, check, serve):
        group.add_command(command)
