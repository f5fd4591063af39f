"""Status section «Kampanjeposting»: today's and missed posts per channel, failed and unknown.

Reads the running campaign (its days only: no cards are rendered) and the posting ledger;
:func:`generator.social.progress.post_state` says what each post is now.
"""

from __future__ import annotations

import shlex
from collections import defaultdict
from datetime import date, timedelta

from generator.campaigns import Campaign, load_campaigns_around
from generator.facts import load_facts
from generator.social import (
    Ledger,
    LedgerRow,
    PlanItem,
    build_plan,
    display_name,
    label,
    post_state,
)
from generator.status.model import Line, Section, StatusContext


def posting_section(ctx: StatusContext) -> Section:
    section = Section("posting", "Kampanjeposting")
    campaigns, _ = load_campaigns_around(ctx.paths, load_facts(ctx.paths.facts), ctx.today)
    running = [c for c in campaigns if c.is_running(ctx.today)] or campaigns
    if not running:
        section.lines.append(Line("info", "Ingen kampanje pågår nå; ingenting skal postes."))
        return section
    conn = ctx.db()
    for campaign in running:
        items = [
            i
            for i in build_plan(campaign, ctx.config, lambda _fact: None)
            if i.channel in ctx.config.posting.channels
        ]
        rows = {r.key: r for r in Ledger(conn).rows(campaign.slug)} if conn else {}
        section.lines.extend(_campaign_lines(ctx, campaign, items, rows))
    return section


def _campaign_lines(
    ctx: StatusContext, campaign: Campaign, items: list[PlanItem], rows: dict[str, LedgerRow]
) -> list[Line]:
    number = sorted(d.date for d in campaign.days)
    day_no = sum(d <= ctx.today for d in number)
    lines = [Line("info", f"{campaign.name}: dag {day_no} av {len(number)}.")]
    states = {i.key: post_state(rows.get(i.key), i.due_at, ctx.now) for i in items}
    lines.append(_today_line(ctx, items, states))
    lines += _missed_lines(ctx, items, states)
    for item in items:
        row = rows.get(item.key)
        if states[item.key] == "failed" and row is not None:
            lines.append(_failed_line(item, row))
        elif states[item.key] == "unknown":
            lines.append(
                Line(
                    "alarm",
                    f"{item.key}: ukjent utfall — kanskje publisert, kanskje ikke.",
                    (
                        f"Sjekk kontoen på {display_name(item.channel)}. Ble det ikke "
                        f"publisert: stemme post retry {item.key}",
                        "stemme post due --live",
                    ),
                )
            )
    if not any(line.level == "alarm" for line in lines):
        lines.append(Line("ok", "Ingen innlegg mangler, har feilet eller er uavklart."))
    return lines


def _today_line(ctx: StatusContext, items: list[PlanItem], states: dict[str, str]) -> Line:
    today = [i for i in items if i.date == ctx.today]
    if not today:
        return Line("info", "Ingen innlegg i dag.")
    words = ", ".join(f"{display_name(i.channel)} {label(states[i.key])}" for i in today)
    level = "alarm" if any(states[i.key] == "missed" for i in today) else "ok"
    return Line(level, f"I dag {ctx.today:%d.%m.} kl. {today[0].time}: {words}.")


def _missed_lines(ctx: StatusContext, items: list[PlanItem], states: dict[str, str]) -> list[Line]:
    missed: dict[str, list[PlanItem]] = defaultdict(list)
    for item in items:
        if states[item.key] == "missed":
            missed[item.channel].append(item)
    if not missed:
        return []
    lines = [
        Line(
            "alarm",
            f"{display_name(channel)}: {len(gone)} innlegg IKKE SENDT "
            f"({day_ranges([i.date for i in gone])}).",
        )
        for channel, gone in missed.items()
    ]
    late = timedelta(hours=ctx.config.posting.late_after_hours)
    gone = [i for g in missed.values() for i in g]
    fixes = [
        "Ingen kjører «stemme post due --live». Legg denne linjen i cron (crontab -e), så "
        "går de neste innleggene av seg selv (innloggingen i ~/.stemme-posting.env, se "
        "håndboken, «Kjøre de 16 dagene»):",
        f"  */5 * * * * cd {shlex.quote(str(ctx.paths.root))} && . ~/.stemme-posting.env && "
        ".venv/bin/stemme post due --live >> state/post.log 2>&1",
    ]
    if any(ctx.now - i.due_at <= late for i in gone):
        fixes += ["Send det som ikke er for sent ennå, nå:", "  stemme post due --live"]
    old = [i for i in gone if ctx.now - i.due_at > late]
    if old:
        newest = max(old, key=lambda i: i.due_at)
        fixes += [
            f"Eldre enn {ctx.config.posting.late_after_hours} timer sendes ikke av seg selv. "
            "Vil du likevel sende ett (her det nyeste på ett av stedene):",
            f"  stemme post retry {newest.key} && stemme post due --live",
        ]
    lines.append(Line("info", "Slik får du postingen i gang igjen:", tuple(fixes)))
    return lines


def day_ranges(days: list[date]) -> str:
    """«25.11.–04.12., 06.12.»: consecutive days as one range."""
    runs: list[list[date]] = []
    for day in sorted(days):
        if runs and day - runs[-1][-1] == timedelta(days=1):
            runs[-1].append(day)
        else:
            runs.append([day])
    return ", ".join(
        f"{r[0]:%d.%m.}" if len(r) == 1 else f"{r[0]:%d.%m.}–{r[-1]:%d.%m.}" for r in runs
    )


def _failed_line(item: PlanItem, row: LedgerRow) -> Line:
    text = f"{item.key}: feilet ({row.attempts} forsøk): {row.error or 'ukjent feil'}"
    if row.retryable:
        return Line("warn", text, ("Prøves igjen av neste «stemme post due --live».",))
    return Line(
        "alarm",
        text,
        (f"Rett det feilen sier (konto, nøkler, tekst), så: stemme post retry {item.key}",),
    )
