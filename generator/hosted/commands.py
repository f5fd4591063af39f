"""``stemme state pull|push|show|check|run|post-due``: the campaign's state on its own branch."""

from __future__ import annotations

import os
import subprocess
from datetime import datetime

import click

from generator.core import (
    Paths,
    StateError,
    dates,
    echo_json,
    json_option,
    now_option,
    open_db,
    project,
)
from generator.hosted import jobs
from generator.hosted.branch import BRANCH, StateBranch
from generator.hosted.runs import branch_runs, end_run, render_runs, run_url, start_run
from generator.hosted.sync import StateSync, SyncedLedger
from generator.social import (
    due_items,
    print_outcomes,  # the same as post due
    run_due,
)

_REMOTE = click.option(
    "--remote",
    envvar="STEMME_STATE_REMOTE",
    default="origin",
    show_default=True,
    metavar="REMOTE",
    help="Git-remoten (navn eller adresse) med tilstandsgrenen. Miljø: STEMME_STATE_REMOTE.",
)
_BRANCH = click.option(
    "--gren",
    "branch",
    envvar="STEMME_STATE_BRANCH",
    default=BRANCH,
    show_default=True,
    help="Grenen tilstanden ligger på. Miljø: STEMME_STATE_BRANCH.",
)


def _help(f: object) -> object:
    return click.help_option("-h", "--help", help="Vis denne hjelpen og avslutt.")(f)


def _sync(paths: Paths, remote: str, branch: str) -> StateSync:
    return StateSync(StateBranch(paths.root, remote, branch), open_db(paths.state_db))


@click.group("state")
@_help
def state() -> None:
    """Tilstanden (postingloggen, høringene, kjøringene) på en egen gren i git.

    Brukes av de planlagte jobbene på git-verten: hent før, skriv etter.
    Se håndboken: «Kampanjen uten egen server».
    """


@state.command("pull")
@_help
@_REMOTE
@_BRANCH
def pull_command(remote: str, branch: str) -> None:
    """Hent tilstandsgrenen og flett den inn i den lokale databasen."""
    sync = _sync(project().paths, remote, branch)
    try:
        tip = sync.pull()
    finally:
        sync.conn.close()
    click.echo(f"Hentet «{branch}» ({tip[:10]})." if tip else f"«{branch}» finnes ikke ennå.")


@state.command("push")
@_help
@_REMOTE
@_BRANCH
@click.option("--melding", default="Tilstand", show_default=True, help="Commit-melding.")
def push_command(remote: str, branch: str, melding: str) -> None:
    """Flett og skriv den lokale databasen til tilstandsgrenen (prøver igjen ved kollisjon)."""
    sync = _sync(project().paths, remote, branch)
    try:
        sync.push(melding)
    finally:
        sync.conn.close()
    click.echo(f"Skrev tilstanden til «{branch}».")


@state.command("show")
@_help
@_REMOTE
@_BRANCH
@click.option("--uten-henting", "offline", is_flag=True, help="Bruk det som sist ble hentet.")
@json_option("Skriv kjøringene som JSON.")
def show_command(remote: str, branch: str, offline: bool, as_json: bool) -> None:
    """Vis når hver planlagte jobb sist kjørte og hvordan det gikk (fra tilstandsgrenen)."""
    runs = branch_runs(project().paths.root, remote=remote, branch=branch, fetch=not offline)
    if as_json:
        echo_json([r.to_json() for r in runs])
        return
    for line in render_runs(runs, dates.now()):
        click.echo(line)


@state.command("check")
@_help
@click.argument("job", type=click.Choice(jobs.JOB_NAMES), metavar="JOBB")
def check_command(job: str) -> None:
    """Sjekk at hemmelighetene JOBB (post, publish, watch, digest) trenger er satt."""
    absent = jobs.missing(job, project().config, os.environ)
    if absent:
        raise StateError(jobs.missing_message(job, absent))
    click.echo(f"Jobben «{job}» har hemmelighetene den trenger.")


@state.command("run", context_settings={"ignore_unknown_options": True})
@_help
@_REMOTE
@_BRANCH
@click.argument("job", type=click.Choice(jobs.JOB_NAMES), metavar="JOBB")
@click.argument("command", nargs=-1, required=True, type=click.UNPROCESSED, metavar="-- KOMMANDO")
def run_command(remote: str, branch: str, job: str, command: tuple[str, ...]) -> None:
    """Kjør KOMMANDO som jobben JOBB: hent tilstanden, registrer start og slutt, skriv tilbake."""
    paths = project().paths
    absent = jobs.missing(job, project().config, os.environ)
    if absent:
        raise StateError(jobs.missing_message(job, absent))
    sync = _sync(paths, remote, branch)
    try:
        sync.pull()
        run_id = start_run(sync.conn, job, dates.now(), run_url())
        sync.push(f"Start {job}")
        code, detail = _run(command, paths)
        end_run(sync.conn, run_id, dates.now(), "ok" if code == 0 else "feilet", detail)
        sync.push(f"Slutt {job}: {'ok' if code == 0 else 'feilet'}")
    finally:
        sync.conn.close()
    raise click.exceptions.Exit(code)


def _run(command: tuple[str, ...], paths: Paths) -> tuple[int, str | None]:
    env = {**os.environ, "STEMME_DB": str(paths.state_db.resolve())}
    try:
        code = subprocess.run(list(command), cwd=paths.root, env=env, check=False).returncode
    except OSError as exc:
        click.echo(f"Feil: fant ikke eller kunne ikke starte «{command[0]}» ({exc.strerror}).")
        return 127, "kommandoen kunne ikke startes"
    return code, None if code == 0 else f"avsluttet med kode {code}"


@state.command("post-due")
@_help
@_REMOTE
@_BRANCH
@click.option("--live", is_flag=True, help="Post på ordentlig (krever innloggingsopplysninger).")
@now_option("Kjør som om klokka var dette.")
@json_option()
def post_due_command(
    remote: str, branch: str, live: bool, now_at: datetime | None, as_json: bool
) -> None:
    """«post due» for en planlagt jobb: hvert «sendes» ligger på grenen før forespørselen går."""
    now = now_at or dates.now()
    config, channels, items = due_items(now, live)
    sync = _sync(project().paths, remote, branch)
    try:
        sync.pull()
        outcomes = run_due(items, SyncedLedger(sync), config.posting, now, channels)
        if live:
            sync.push("Posting: resten av loggen")  # e.g. days marked too late
    finally:
        sync.conn.close()
    if as_json:
        echo_json([o.to_json() for o in outcomes])
    else:
        print_outcomes(outcomes, items, now, live)
    if any(o.action in ("feilet", "ukjent") for o in outcomes):
        raise click.exceptions.Exit(1)


def register(group: click.Group) -> None:
    group.add_command(state)
