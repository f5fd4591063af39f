"""CLI for the consultation watcher: parse, call the library, print. Nothing else.

stemme watch [--json] [--source KIND=URL ...] [--page-url MAL]
stemme watch digest [--print]
stemme consultations [--relevant] [--status S] [--due-within N] [--json]
stemme consultations ics
stemme consultation ID [--status S] [--owner NAVN] [--note TEKST]
stemme respond ID
"""

from __future__ import annotations

import shutil
import textwrap
from datetime import date, datetime
from typing import Any

import click

from generator.core import dates
from generator.core.arguments import CONSULTATION
from generator.core.command_line import echo_json, json_option, project
from generator.core.config import Config
from generator.core.errors import WatchError
from generator.core.state import state_db
from generator.watch import store
from generator.watch.describe import HEARING_LABEL, deadline_value, stortinget_lines
from generator.watch.digest import build_digest, is_configured, send_digest
from generator.watch.drafts import create_draft
from generator.watch.fetch import Fetcher, FetchSettings
from generator.watch.ics import build_calendar
from generator.watch.model import OPEN_STATUSES, OSLO, STATUSES, Consultation
from generator.watch.poll import Poller, PollReport, SourceSpec
from generator.watch.relevance import RelevanceRule
from generator.watch.sources import SOURCES
from generator.watch.text import strip_controls

KINDS = tuple(SOURCES)


def _say(text: str, *, err: bool = False) -> None:
    """Print text that may carry feed text: no control character reaches the terminal
    (rows stored before control characters were stripped are covered too)."""
    click.echo(strip_controls(text).replace("\r", ""), err=err)


def _now() -> datetime:
    return dates.now()


def _specs(config: Config, given: tuple[str, ...], page_url: str | None) -> list[SourceSpec]:
    if not given:
        specs = [SourceSpec.from_config(s) for s in config.watch.sources]
        if not specs:
            raise WatchError(
                "Ingen kilder er satt opp. Legg til [[watch.sources]] i stemme.toml, "
                "eller bruk --source regjeringen=https://…"
            )
        return specs
    specs: list[SourceSpec] = []
    for value in given:
        kind, sep, url = value.partition("=")
        if not sep or kind not in KINDS or not url.startswith(("http://", "https://")):
            raise click.BadParameter(
                f"«{value}» må ha formen TYPE=URL, der TYPE er en av {', '.join(KINDS)} "
                "og URL begynner med http(s)://",
                param_hint="--source",
            )
        same = sum(1 for s in specs if s.kind == kind)
        specs.append(SourceSpec(kind if not same else f"{kind}-{same + 1}", kind, url, page_url))
    return specs


def _line(c: Consultation, today: date) -> str:
    text = f"  • {c.id}  {c.title}\n      {c.department or 'ukjent avsender'} · "
    text += f"frist {deadline_value(c, today)}"
    if c.terms:
        text += f" · treff: {', '.join(c.terms)}"
    for label, value in stortinget_lines(c, today):
        text += f"\n      {label}: {value}"
    if c.url:
        text += f"\n      {c.url}"
    return text


def _print_report(report: PollReport, due_days: int, today: date) -> None:
    _say("")
    _say(f"Nye relevante høringer ({len(report.new_relevant)}):")
    for c in report.new_relevant:
        _say(_line(c, today))
    _say(f"Relevante endringer ({len(report.relevant_updates)}):")
    for u in report.relevant_updates:
        _say(_line(u.consultation, today))
        _say(f"      endret: {'; '.join(u.changes)}")
    _say(f"Frister innen {due_days} dager ({len(report.due_soon)}):")
    for c in report.due_soon:
        _say(_line(c, today))


def _report_json(report: PollReport) -> dict[str, Any]:
    return {
        "sources": [
            {
                "name": s.name,
                "kind": s.kind,
                "url": s.url,
                "ok": s.ok,
                "error": s.error,
                "not_modified": s.not_modified,
                "new": [c.id for c in s.new],
                "updated": [{"id": u.consultation.id, "changes": u.changes} for u in s.updated],
                "unchanged": s.unchanged,
                "pages_fetched": s.pages_fetched,
                "pages_failed": s.pages_failed,
                "warnings": s.warnings,
            }
            for s in report.sources
        ],
        "new_relevant": [c.as_dict() for c in report.new_relevant],
        "relevant_updates": [
            {**u.consultation.as_dict(), "changes": u.changes} for u in report.relevant_updates
        ],
        "due_soon": [c.as_dict() for c in report.due_soon],
        "failed": [s.name for s in report.failed],
    }


@click.group(invoke_without_command=True, subcommand_metavar="[KOMMANDO]")
@json_option()
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="TYPE=URL",
    help="Hent bare denne kilden (kan gjentas), f.eks. --source rss=https://…. "
    "TYPE er regjeringen, stortinget eller rss.",
)
@click.option(
    "--page-url",
    metavar="MAL",
    help="Hvor høringssidene hentes fra for --source regjeringen, f.eks. "
    "«http://127.0.0.1:8000/horing-{id}.html» ({id}, {path} og {origin} fylles inn).",
)
@click.pass_context
def watch(
    ctx: click.Context, as_json: bool, sources: tuple[str, ...], page_url: str | None
) -> None:
    """Se etter nye høringer hos alle kildene.

    Viser nye relevante høringer, relevante endringer (f.eks. forlenget frist) og frister
    de neste dagene. En kilde som feiler stopper ikke de andre, men gir avslutningskode 1.
    """
    if ctx.invoked_subcommand:
        return
    proj = project()
    config = proj.config
    with state_db(proj.paths.state_db) as conn:
        specs = _specs(config, sources, page_url)
        now = _now()
        progress = (lambda line: _say(line, err=True)) if not as_json else (lambda _l: None)
        with Fetcher(FetchSettings.from_config(config)) as fetcher:
            report = Poller(
                conn,
                fetcher,
                RelevanceRule(config.watch.terms, config.watch.threshold),
                now,
                page_fetch_limit=config.watch.page_fetch_limit,
                due_soon_days=config.watch.due_soon_days,
                progress=progress,
            ).run(specs)
        if as_json:
            echo_json(_report_json(report))
        else:
            _print_report(report, config.watch.due_soon_days, now.date())
        if report.failed:
            names = ", ".join(s.name for s in report.failed)
            raise WatchError(
                f"{len(report.failed)} av {len(report.sources)} kilder feilet ({names}). "
                "De andre ble hentet som vanlig; se meldingene over."
            )


@watch.command("digest")
@click.option("--print", "to_stdout", is_flag=True, help="Skriv ut i stedet for å sende e-post.")
def digest_command(to_stdout: bool) -> None:
    """Ukens nye relevante høringer og kommende frister (Markdown eller e-post).

    Sendes med e-post når [watch.digest] i stemme.toml har host og to; ellers skrives
    oppsummeringen ut. Passordet hentes fra miljøvariabelen som password_env peker på.
    """
    proj = project()
    config = proj.config
    with state_db(proj.paths.state_db) as conn:
        settings = config.watch.digest
        digest = build_digest(
            conn,
            now=_now(),
            days=settings.days,
            due_days=config.watch.due_soon_days,
            org_name=config.organisation.name,
        )
        if to_stdout or not is_configured(settings):
            click.echo(digest.markdown, nl=False)
            return
        send_digest(digest, settings, fallback_sender=config.organisation.email)
        click.echo(f"Sendt til {', '.join(settings.to)}: {digest.subject}")


def _table(items: list[Consultation], today: date) -> None:
    if not items:
        _say("Ingen høringer å vise.")
        return
    width = shutil.get_terminal_size((120, 20)).columns
    _say(f"{'Frist':<11} {'Dager':>5}  {'Id':<10} {'Status':<12} {'Rel.':>4}  Tittel")
    for c in items:
        deadline = c.deadline_date.strftime("%d.%m.%Y") if c.deadline_date else "ukjent"
        left = c.days_left(today)
        days = "" if left is None else str(left)
        mark = "★" if c.relevant else ""
        head = f"{deadline:<11} {days:>5}  {c.id:<10} {c.status:<12} {mark:>4}  "
        room = max(20, width - len(head))
        title = c.title if len(c.title) <= room else c.title[: room - 1] + "…"
        _say(head + title)
    count = "1 høring" if len(items) == 1 else f"{len(items)} høringer"
    _say(f"\n{count}. ★ = relevant. Detaljer: stemme consultation ID")


@click.group(invoke_without_command=True, subcommand_metavar="[KOMMANDO]")
@click.option("--relevant", is_flag=True, help="Bare relevante høringer.")
@click.option("--status", type=click.Choice(STATUSES), help="Bare høringer med denne statusen.")
@click.option("--due-within", type=click.IntRange(min=0), metavar="DAGER",
              help="Bare høringer med frist innen så mange dager.")  # fmt: skip
@json_option("Skriv listen som JSON.")
@click.pass_context
def consultations(
    ctx: click.Context, relevant: bool, status: str | None, due_within: int | None, as_json: bool
) -> None:
    """Vis høringene, sortert etter frist, med dager igjen."""
    if ctx.invoked_subcommand:
        return
    proj = project()
    with state_db(proj.paths.state_db) as conn:
        today = _now().date()
        items = store.list_consultations(
            conn, relevant=True if relevant else None, status=status, due_within=due_within,
            today=today,
        )  # fmt: skip
        if as_json:
            data = [{**c.as_dict(), "days_left": c.days_left(today)} for c in items]
            echo_json(data)
        else:
            _table(items, today)


@consultations.command("ics")
@click.option(
    "--all",
    "include_all",
    is_flag=True,
    help="Ta med alle høringer med frist, ikke bare relevante og dem vi følger.",
)
def consultations_ics(include_all: bool) -> None:
    """Skriv en kalender (.ics) med høringsfrister og påminnelser 14 og 3 dager før.

    Stortingets påmeldingsfrister (frist for å be om å delta i høringen) kommer med
    påminnelser 7 og 1 dag før. Bruk: stemme consultations ics > frister.ics. Importer
    filen på nytt for å oppdatere.
    """
    proj = project()
    config = proj.config
    with state_db(proj.paths.state_db) as conn:
        items = [
            c
            for c in store.list_consultations(conn, status=OPEN_STATUSES)
            if include_all or c.relevant or c.status != "ny"
        ]
        data = build_calendar(
            items, site_url=config.site.url, org_name=config.organisation.name, now=_now()
        )
        click.echo(data, nl=False)


@click.command()
@click.argument("consultation_id", metavar="ID", type=CONSULTATION)
@click.option("--status", type=click.Choice(STATUSES), help="Ny status.")
@click.option("--owner", metavar="NAVN", help="Hvem som følger opp (tom tekst fjerner).")
@click.option("--note", metavar="TEKST", help="Notat (tom tekst fjerner).")
@json_option("Skriv høringen som JSON.")
def consultation(
    consultation_id: str, status: str | None, owner: str | None, note: str | None, as_json: bool
) -> None:
    """Vis én høring med historikk, eller endre status, ansvarlig og notat."""
    proj = project()
    with state_db(proj.paths.state_db) as conn:
        if status is not None or owner is not None or note is not None:
            item = store.set_tracking(
                conn, consultation_id, _now(), status=status, owner=owner, note=note
            )
        else:
            item = store.get_consultation(conn, consultation_id)
        changes = store.history(conn, consultation_id)
        if as_json:
            data = {**item.as_dict(), "history": [
                {"at": h.at.isoformat(), "kind": h.kind, "message": h.message} for h in changes
            ]}  # fmt: skip
            echo_json(data)
            return
        _print_consultation(item, changes, _now().date())


def _print_consultation(item: Consultation, changes: list[store.HistoryEntry], today: date) -> None:
    _say(f"{item.title}\n")
    terms = f" (treff: {', '.join(item.terms)})" if item.terms else ""
    rows = [
        ("Id", f"{item.id} ({item.source})"),
        ("Fra", item.department or "ukjent"),
        ("Frist", deadline_value(item, today)),
        *stortinget_lines(item, today),
        ("Status", item.status + (f", ansvarlig: {item.owner}" if item.owner else "")),
        ("Relevans", f"{item.relevance:g}{terms}"),
        ("Notat", item.note or "–"),
        ("Lenke", item.url or "–"),
    ]
    width = max(len(HEARING_LABEL), *(len(label) for label, _ in rows))  # same for every item
    for label, value in rows:
        _say(f"  {label:<{width}}  {value}")
    _say("\nSammendrag:")
    summary = item.summary or "Ingen tekst i kilden."
    columns = min(shutil.get_terminal_size((100, 20)).columns, 100)
    _say(textwrap.fill(summary, columns, initial_indent="  ", subsequent_indent="  "))
    _say("\nHistorikk:")
    for h in changes:
        _say(f"  {h.at.astimezone(OSLO):%d.%m.%Y %H:%M}  {h.message}")


@click.command()
@click.argument("consultation_id", metavar="ID", type=CONSULTATION)
def respond(consultation_id: str) -> None:
    """Lag et utkast til høringssvar i content/hoeringssvar/ og sett status «svarer»."""
    proj = project()
    paths = proj.paths
    config = proj.config
    with state_db(proj.paths.state_db) as conn:
        item = store.get_consultation(conn, consultation_id)
        now = _now()
        path = create_draft(paths.responses, item, config, now.date())
        store.set_tracking(conn, consultation_id, now, status="svarer")
        click.echo(f"Utkast laget: {path.relative_to(paths.root)}")
        click.echo(
            "Status satt til «svarer». Skriv svaret, og sett «status: sendt» når det er sendt."
        )


def register(group: click.Group) -> None:
    group.add_command(watch)
    group.add_command(consultations)
    group.add_command(consultation)
    group.add_command(respond)
