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
import sqlite3
import textwrap
from datetime import date, datetime
from typing import Any

import click

from generator.core import (
    CONSULTATION,
    Config,
    Paths,
    WatchError,
    dates,
    did_you_mean,
    echo_json,
    json_option,
    project,
    state_db,
)
from generator.watch import store
from generator.watch.describe import HEARING_LABEL, deadline_value, stortinget_lines
from generator.watch.digest import build_digest, is_configured, send_digest
from generator.watch.drafts import create_draft
from generator.watch.fetch import Fetcher, FetchSettings
from generator.watch.follow import store as follow_store
from generator.watch.follow.commands import describe_new, follow
from generator.watch.follow.poll import Follower, FollowReport
from generator.watch.ics import build_calendar
from generator.watch.model import OPEN_STATUSES, OSLO, STATUSES, Consultation
from generator.watch.poll import Poller, PollReport, SourceSpec
from generator.watch.relevance import RelevanceRule
from generator.watch.sources import SOURCES
from generator.watch.text import strip_controls

KINDS = tuple(SOURCES)


class TrackingStatus(click.ParamType):
    """A tracking status (ny, vurderes, svarer, svart, ikke aktuell), with «Mente du …?».

    Case and spaces around are forgiven («Ikke aktuell »); a near miss is named."""

    name = "status"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = " ".join(str(value).split()).lower().replace("_", " ").replace("-", " ")
        if text in STATUSES:
            return text
        allowed = ", ".join(f"«{s}»" for s in STATUSES)
        self.fail(
            f"«{value}» er ikke en status. Bruk en av: {allowed}.{did_you_mean(text, STATUSES)}",
            param,
            ctx,
        )

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "[" + "|".join(STATUSES) + "]"


STATUS = TrackingStatus()


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
                "pages_late": s.pages_late,
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
    """Se etter nye høringer hos alle kildene, og følg sakene vi har svart på.

    Viser nye relevante høringer, relevante endringer (f.eks. forlenget frist), frister
    de neste dagene og hva som har skjedd i sakene vi følger (se «stemme follow»; ikke
    med --source). En kilde som feiler stopper ikke de andre, men gir avslutningskode 1.
    """
    if ctx.invoked_subcommand:
        return
    proj = project()
    paths, config = proj.paths, proj.config
    with state_db(paths.state_db) as conn:
        _watch(conn, paths, config, sources, page_url, as_json)


def _watch(
    conn: sqlite3.Connection,
    paths: Paths,
    config: Config,
    sources: tuple[str, ...],
    page_url: str | None,
    as_json: bool,
) -> None:
    specs = _specs(config, sources, page_url)
    now = _now()
    progress = (lambda line: _say(line, err=True)) if not as_json else (lambda _l: None)
    followed: FollowReport | None = None
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
        if config.watch.follow.enabled and not sources:  # --source: only those sources
            followed = Follower(
                conn, fetcher, config.watch.follow, paths.responses,
                config.organisation.name, now, progress,
            ).run()  # fmt: skip
    if as_json:
        data = _report_json(report)
        data["follow"] = _follow_json(followed)
        echo_json(data)
    else:
        _print_report(report, config.watch.due_soon_days, now.date())
        _print_follow(conn, followed, paths)
    if report.failed:
        raise WatchError(failure_summary(report))
    if followed and followed.failed:
        raise WatchError(
            "Oppfølgingen av sakene vi følger feilet delvis (se «saker vi følger: FEIL» over). "
            "Høringene ble hentet som vanlig; det som mangler, hentes neste gang."
        )


def _print_follow(conn: sqlite3.Connection, followed: FollowReport | None, paths: Paths) -> None:
    if followed is None or not followed.matters:
        return
    names = {m.slug: m.title for m in follow_store.matters(conn)}
    _say(f"Saker vi følger – nytt siden sist ({len(followed.new_steps)}):")
    for line in describe_new(followed.new_steps, names):
        _say(line)
    if followed.suggestions:
        _say(f"Forslag å bekrefte ({len(followed.suggestions)}):")
        for link in followed.suggestions:
            _say(f"  • {link.ref} kan være videre behandling av «{names.get(link.matter)}»")
            _say(f'      bekreft: stemme follow {link.matter} --prop "{link.ref}"')
    for path in followed.files:
        _say(f"Oppdatert: {path.relative_to(paths.root)} (se over og legg i git)")
    for error in followed.errors:
        _say(f"saker vi følger: FEIL — {error}", err=True)
    for warning in followed.warnings:
        _say(f"  advarsel (saker vi følger): {warning}", err=True)


def _follow_json(followed: FollowReport | None) -> dict[str, Any] | None:
    if followed is None:
        return None
    return {
        "new_steps": [
            {"matter": s.matter, "kind": s.kind, "date": s.day.isoformat() if s.day else None,
             "text": s.text, "url": s.url, "public": s.public}
            for s in followed.new_steps
        ],
        "suggestions": [{"matter": k.matter, "prop": k.ref, "title": k.title}
                        for k in followed.suggestions],
        "errors": followed.errors,
        "warnings": followed.warnings,
        "files": [str(p) for p in followed.files],
    }  # fmt: skip


def failure_summary(report: PollReport) -> str:
    """The closing line when sources failed; it never speaks of «the others» when there
    were none."""
    failed, total = len(report.failed), len(report.sources)
    names = ", ".join(s.name for s in report.failed)
    if failed < total:
        return (
            f"{failed} av {total} kilder feilet ({names}). "
            "De andre ble hentet som vanlig; se meldingene over."
        )
    subject = f"Kilden {names} feilet" if total == 1 else f"Alle {total} kildene feilet ({names})"
    return (
        f"{subject}, så ingenting nytt ble hentet denne gangen. Det som var lagret fra før, "
        "står urørt; se meldingene over for hva som gikk galt, og prøv igjen senere."
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


# Upstream statuses that end a consultation (Stortinget: «Avlyst», «Avholdt»;
# regjeringen.no: «Avsluttet», «Høringen er avsluttet» is caught by the deadline).
CLOSED = ("avlyst", "avholdt", "avsluttet")
GROUPS = ("Åpne og relevante", "Andre åpne", "Utløpt eller avsluttet")


def group(c: Consultation, today: date) -> int:
    """0: open and relevant; 1: open but not relevant (or marked «ikke aktuell»);
    2: the deadline has passed, the source says it is over, or we are done (svart)."""
    left = c.days_left(today)
    upstream = (c.source_status or "").lower()
    if (left is not None and left < 0) or c.status == "svart" or upstream.startswith(CLOSED):
        return 2
    return 0 if c.relevant and c.status in OPEN_STATUSES else 1


def by_urgency(items: list[Consultation], today: date) -> list[Consultation]:
    """Open, relevant ones first by deadline (unknown last); then the other open ones;
    then expired or finished ones, most recent deadline first."""

    def key(c: Consultation) -> tuple:
        rank = group(c, today)
        left = c.days_left(today)
        if rank == 2:
            return (rank, left is None, -(left or 0))
        return (rank, left is None, left or 0)

    return sorted(items, key=key)  # stable: the store's order breaks ties


def _table(items: list[Consultation], today: date) -> None:
    if not items:
        _say("Ingen høringer å vise.")
        return
    width = shutil.get_terminal_size((120, 20)).columns
    _say(f"{'Frist':<11} {'Dager':>5}  {'Id':<10} {'Status':<12} {'Rel.':>4}  Tittel")
    current = None
    for c in items:
        rank = group(c, today)
        if rank != current:
            current = rank
            count = sum(1 for other in items if group(other, today) == rank)
            _say(f"{GROUPS[rank]} ({count}):")
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
@click.option("--status", type=STATUS, help="Bare høringer med denne statusen.")
@click.option("--due-within", type=click.IntRange(min=0), metavar="DAGER",
              help="Bare høringer med frist innen så mange dager.")  # fmt: skip
@json_option("Skriv listen som JSON.")
@click.pass_context
def consultations(
    ctx: click.Context, relevant: bool, status: str | None, due_within: int | None, as_json: bool
) -> None:
    """Vis høringene med dager igjen: åpne og relevante først (etter frist), så andre
    åpne, til slutt de utløpte og avsluttede."""
    if ctx.invoked_subcommand:
        return
    proj = project()
    with state_db(proj.paths.state_db) as conn:
        items = _listed(conn, relevant, status, due_within)
    today = _now().date()
    if as_json:
        data = [
            {**c.as_dict(), "days_left": c.days_left(today), "group": GROUPS[group(c, today)]}
            for c in items
        ]
        echo_json(data)
    else:
        _table(items, today)


def _listed(
    conn: sqlite3.Connection, relevant: bool, status: str | None, due_within: int | None
) -> list[Consultation]:
    """The consultations asked for, most urgent first (see :func:`by_urgency`)."""
    today = _now().date()
    items = store.list_consultations(
        conn, relevant=True if relevant else None, status=status, due_within=due_within,
        today=today,
    )  # fmt: skip
    return by_urgency(items, today)


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
    påminnelser 7 og 1 dag før, også for høringer i saker vi følger (stemme follow).
    Bruk: stemme consultations ics > frister.ics. Importer filen på nytt for å oppdatere.
    """
    proj = project()
    config = proj.config
    with state_db(proj.paths.state_db) as conn:
        # Committee hearings on a matter we follow come along even without a keyword match.
        followed = {s.ref for s in follow_store.steps(conn) if s.kind == "horing"}
        items = [
            c
            for c in store.list_consultations(conn, status=OPEN_STATUSES)
            if include_all or c.relevant or c.status != "ny" or c.id in followed
        ]
    data = build_calendar(
        items, site_url=config.site.url, org_name=config.organisation.name, now=_now()
    )
    click.echo(data, nl=False)


@click.command()
@click.argument("consultation_id", metavar="ID", type=CONSULTATION)
@click.option("--status", type=STATUS, help="Ny status.")
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
    group.add_command(follow)
