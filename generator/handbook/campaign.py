"""«Kampanjeplan»: the current (or next) campaign's posting plan with the ledger status.

The plan comes from the social helper's pure ``build_plan`` with the campaign's cards as
already rendered (``.cache/stemme/kort/<slug>/``) — the handbook never renders or posts.
Ledger rows are read from the state DB when it exists; a missing DB means "nothing tried".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator.campaigns import Campaign, day_url, load_campaigns
from generator.core import (
    Config,
    Paths,
    StemmeError,
    norwegian_date,
    norwegian_weekday_date,
    open_db,
)
from generator.handbook.markup import count, fragments, html_block, paragraphs, text
from generator.images import Manifest
from generator.social import (
    CARD_FORMAT,
    MANUAL,
    NEEDS_ACTION,
    CardRef,
    Ledger,
    LedgerRow,
    PlanItem,
    build_plan,
    display_name,
    label,
    moment,
    post_state,
)
from generator.social import PLAN_CHANNELS as CHANNELS

ASSET_DIR = "kort"
# progress state → CSS class (generator.social.progress gives the words)
STATE_CSS = {
    "planned": "status-planlagt",
    "due": "status-planlagt",
    "missed": "status-ikke-sendt",
    "sending": "status-sendes",
    "published": "status-postet",
    "failed": "status-feilet",
    "unknown": "status-ukjent",
}


@dataclass
class CampaignView:
    campaign: Campaign
    plan: list[PlanItem]
    ledger: dict[str, LedgerRow]
    cards: dict[str, Path]  # src_uri → campaign card PNG


def pick_campaign(campaigns: list[Campaign], today: date) -> Campaign | None:
    """Running today, else the next to start, else the latest — only those with days."""
    with_days = [c for c in campaigns if c.days]
    running = [c for c in with_days if c.is_running(today)]
    upcoming = sorted((c for c in with_days if c.start > today), key=lambda c: c.start)
    latest = sorted(with_days, key=lambda c: c.end, reverse=True)
    for group in (running, upcoming, latest):
        if group:
            return group[0]
    return None


def load_view(paths: Paths, config: Config, today: date) -> CampaignView | None:
    """The campaign to show, its plan, ledger rows and cards (raises StemmeError)."""
    campaign = pick_campaign(load_campaigns(paths, None), today)
    if campaign is None:
        return None
    manifest = Manifest.load(paths.cards / campaign.slug)
    plan = build_plan(campaign, config, lambda fact_id: rendered_card(manifest, fact_id))
    cards = {
        f"{ASSET_DIR}/{campaign.slug}/{item.card.name}": item.card
        for item in plan
        if item.card is not None and item.card.is_file()
    }
    return CampaignView(campaign, plan, read_ledger(paths.state_db, campaign.slug), cards)


def rendered_card(manifest: Manifest, fact_id: str) -> CardRef | None:
    """The day's rendered card, or None (the plan then reports it missing)."""
    entry = manifest.entries.get((fact_id, CARD_FORMAT))
    if entry is None:
        return None
    return CardRef(manifest.folder / entry["file"], entry["alt"], entry.get("sha256"))


def read_ledger(db_path: Path, slug: str) -> dict[str, LedgerRow]:
    if not db_path.is_file():
        return {}
    conn = open_db(db_path)
    try:
        return {row.key: row for row in Ledger(conn).rows(slug)}
    finally:
        conn.close()


def _status_cell(item: PlanItem, row: LedgerRow | None, now: datetime) -> dict[str, Any]:
    state = post_state(row, item.due_at, now)
    word = label(state)
    if row is None and item.channel == MANUAL:
        word, state = "post selv", "planned"
    return {
        "css": STATE_CSS.get(state, ""),
        "mark": "✗ " if state in NEEDS_ACTION else "",
        "word": word,
        "url": row.remote_url if row else None,
        "error": row.error if row else None,
        "problems": count(len(item.problems), "problem", "problemer") if item.problems else "",
    }


def _schedule(view: CampaignView, today: date) -> str:
    now = moment(today)
    by_day: dict[date, dict[str, PlanItem]] = {}
    for item in view.plan:
        by_day.setdefault(item.date, {})[item.channel] = item
    rows = []
    for day in sorted(view.campaign.days, key=lambda d: d.date):
        items = by_day.get(day.date, {})
        first = next(iter(items.values()), None)
        cells = [
            _status_cell(items[ch], view.ledger.get(items[ch].key), now) if ch in items else None
            for ch in CHANNELS
        ]
        rows.append(
            {
                "today": day.date == today,
                "date": f"{day.date:%d.%m.}",
                "time": first.time if first else "",
                "theme": day.theme,
                "cells": cells,
            }
        )
    channels = [display_name(ch) for ch in CHANNELS]
    return html_block(fragments().postplan(channels, rows))


def _day_details(view: CampaignView, config: Config) -> str:
    days = []
    for day in sorted(view.campaign.days, key=lambda d: d.date):
        items = [i for i in view.plan if i.date == day.date]
        card = next((i.card for i in items if i.card is not None and i.card.is_file()), None)
        days.append(
            {
                "heading": norwegian_weekday_date(day.date),
                "theme": day.theme,
                "fact": day.fact,
                "url": day_url(config, day),
                "card": card.name if card else None,
                "alt": next((i.alt_text for i in items if i.alt_text), ""),
                "post": Markup(paragraphs(day.post)),
                "problems": [(i.channel, p) for i in items for p in (*i.problems, *i.warnings)],
            }
        )
    card_dir = f"../{ASSET_DIR}/{view.campaign.slug}"
    return html_block(fragments().post_days(days, card_dir))


def _missed(view: CampaignView, now: datetime) -> int:
    return sum(
        post_state(view.ledger.get(i.key), i.due_at, now) == "missed"
        for i in view.plan
        if i.channel != MANUAL
    )


def campaign_page(view: CampaignView | None, config: Config, today: date) -> str:
    out = "# Kampanjeplan\n\n"
    out += (
        f"*Laget {norwegian_weekday_date(today)}. "
        "Status fra postingloggen da håndboken ble bygget.*\n\n"
    )
    if view is None:
        return out + "Ingen kampanje med dager funnet i `campaigns/`.\n"
    c = view.campaign
    out += (
        f"## {text(c.name)}\n\n"
        f"Periode: {norwegian_date(c.start)} – {norwegian_date(c.end)}. "
        f"Se hele planen i terminalen med `stemme post plan {c.slug}`, og rutinen i "
        "[Kjøre de 16 dagene](rutiner/16-dager.md).\n\n"
    )
    problems = sum(len(i.problems) for i in view.plan)
    if problems:
        out += (
            f'!!! warning "{count(problems, "problem", "problemer")} i planen"\n'
            "    Innlegg med problemer blir ikke sendt. Se detaljene per dag under.\n\n"
        )
    missed = _missed(view, moment(today))
    if missed:
        out += (
            f'!!! danger "{missed} innlegg er IKKE SENDT"\n'
            "    Tidspunktet er passert, og ingen har kjørt `stemme post due --live`. "
            "Kjør `stemme status` for hva du gjør nå, og sett opp cron-linjen i "
            "[Kjøre de 16 dagene](rutiner/16-dager.md).\n\n"
        )
    out += "## Status per dag og kanal\n\n" + _schedule(view, today)
    return out + "\n## Innleggene\n\n" + _day_details(view, config)


def campaign_section(paths: Paths, config: Config, today: date) -> tuple[str, Mapping[str, Path]]:
    """The page's Markdown and the card assets it shows; content errors become a notice."""
    try:
        view = load_view(paths, config, today)
    except StemmeError as exc:
        notice = html_block(fragments().admonition("Kampanjen har feil", str(exc), check=True))
        return "# Kampanjeplan\n\n" + notice, {}
    return campaign_page(view, config, today), (view.cards if view else {})
