"""CLI commands for the site: build (preview or public), check, serve (the live preview)."""

from __future__ import annotations

import threading
from datetime import date

import click

from generator.core import ContentErrors, echo_json, json_option, project, seconds_text
from generator.site.build import BuildResult, build_site
from generator.site.checks import check_all
from generator.site.letter_command import letter_problems
from generator.site.preview import PreviewServer, PreviewState, build_preview, watch_and_build


def _parse_day(_ctx: click.Context, _param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"«{value}» er ikke en dato på formen 2026-11-25.") from None


DATE_OPTION = click.option(
    "--dato",
    "today",
    callback=_parse_day,
    metavar="ÅÅÅÅ-MM-DD",
    help="Bygg som om det var denne datoen (f.eks. for å se kampanjen før den starter).",
)


@click.command()
@click.option("--publish", is_flag=True, help="Bygg det offentlige nettstedet til output/.")
@DATE_OPTION
def build(publish: bool, today: date | None) -> None:
    """Bygg forhåndsvisningen til build/preview/ (med --publish: nettstedet til output/).

    Sjekker alt innhold først. Bygget skjer i en midlertidig mappe som først byttes inn
    når alt gikk bra – feiler noe, står forrige versjon urørt. Bare --publish (make
    publish) skriver til output/; forhåndsvisningen viser også utkast.
    """
    paths = project().paths
    result = build_site(paths, publish=publish, today=today)
    for warning in result.warnings:
        click.echo(f"Advarsel: {warning}", err=True)
    shown = result.output.relative_to(paths.root.resolve())
    if result.unchanged:
        click.echo(f"Ingen endringer siden forrige bygg – {shown}/ er uendret.")
        return
    for line in made_lines(result):
        click.echo(line)
    click.echo(f"Ferdig: {result.pages} sider i {shown}/")


# How each kind of work is reported: (label, what «made anew» is called)
MADE = {
    "tekster": ("Tekster (Markdown)", "gjort om til HTML"),
    "kort": ("Faktakort", "laget"),
    "brev": ("Brev (PDF)", "laget"),
}


def made_lines(result: BuildResult) -> list[str]:
    """«Faktakort: 0 laget, 215 uendret» for each kind of work the build did."""
    lines = []
    for what, (label, verb) in MADE.items():
        made, reused = result.counts.get(what, (0, 0))
        seconds = result.seconds.get(what)
        took = f" ({seconds_text(seconds)})" if seconds else ""
        if made or reused:
            lines.append(f"{label}: {made} {verb}, {reused} uendret{took}")
    return lines


@click.command()
@json_option()
def check(as_json: bool) -> None:
    """Sjekk alt innhold (tekster, fakta, kampanjer) uten å bygge."""
    proj = project()
    report = check_all(proj.paths, proj.config)
    faulted = {(proj.paths.root / str(e.file)).resolve() for e in report.errors if e.file}
    report.errors += letter_problems(proj.paths, proj.config, faulted)
    report.errors.sort(key=lambda e: e.sort_key)
    if as_json:
        echo_json(
            {
                "ok": report.ok,
                "errors": [str(e) for e in report.errors],
                "warnings": report.warnings,
            }
        )
    else:
        for warning in report.warnings:
            click.echo(f"Advarsel: {warning}")
        if report.ok:
            click.echo(f"Alt i orden ({', '.join(report.checked)}).")
        else:
            click.echo(f"Feil: {ContentErrors(report.errors)}", err=True)
    if not report.ok:
        raise click.exceptions.Exit(1)


@click.command()
@click.option("--port", default=8000, show_default=True, help="Porten å lytte på.")
@DATE_OPTION
def serve(port: int, today: date | None) -> None:
    """Forhåndsvis nettstedet på http://localhost:8000 og bygg på nytt ved endringer.

    Bygger til build/preview/ (aldri output/), med utkast merket «UTKAST – ikke
    publisert». Lagrer du en endring i content/, campaigns/, theme/ eller stemme.toml,
    bygges siden på nytt. Er noe feil, viser forhåndsvisningen feilmeldingene i stedet
    for siden. Bare «make publish» skriver til output/.
    """
    paths = project().paths
    click.echo("Bygger forhåndsvisningen …")
    state = build_preview(paths, today)
    _report(state)
    stop = threading.Event()
    try:
        server = PreviewServer(paths, port, state)
    except OSError as exc:
        raise click.UsageError(
            f"porten {port} er opptatt eller ikke tillatt ({exc.strerror}). "
            "Velg en annen med --port, f.eks. --port 8001."
        ) from None
    with server:
        click.echo(f"Forhåndsvisning: http://localhost:{server.port}/  (Ctrl+C for å stoppe)")
        try:
            watch_and_build(paths, server, stop, today, _report)
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
    click.echo("Forhåndsvisningen er stoppet.")


def _report(state: PreviewState) -> None:
    click.echo(state.summary, err=not state.ok)
    if state.errors:
        click.echo(f"Feil: {ContentErrors(state.errors)}", err=True)
    elif state.failure:
        click.echo(f"Feil: {state.failure}", err=True)


def register(group: click.Group) -> None:
    for command in (build, check, serve):
        group.add_command(command)
