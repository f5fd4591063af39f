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

from generator.campaigns import Campaign, load_campaigns
from generator.campaigns.posts import day_url
from generator.core.config import Config, Paths
from generator.core.dates import norwegian_date, norwegian_weekday_date
from generator.core.errors import StemmeError
from generator.core.state import open_db
from generator.handbook.markup import count, external_link, html_block, paragraphs, text
from generator.images import Manifest
from generator.social.ledger import Ledger, LedgerRow
from generator.social.plan import CARD_FORMAT, CHANNELS, CardRef, PlanItem, build_plan
from generator.social.progress import NEEDS_ACTION, label, moment, post_state

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


CHANNEL_NAMES = {"x": "X", "mastodon": "Mastodon", "bluesky": "Bluesky",
                 "manuell": "Facebook/Instagram"}  # fmt: skip


def _status_cell(item: PlanItem, row: LedgerRow | None, now: datetime) -> str:
    state = post_state(row, item.due_at, now)
    word = label(state)
    if row is None and item.channel == "manuell":
        word, state = "post selv", "planned"
    mark = "✗ " if state in NEEDS_ACTION else ""
    cell = f'<span class="{STATE_CSS.get(state, "")}">{mark}{text(word)}</span>'
    if row and row.remote_url:
        cell = external_link(row.remote_url, word)
    if row and row.error:
        cell += f"<br><small>{text(row.error)}</small>"
    if item.problems:
        found = count(len(item.problems), "problem", "problemer")
        cell += f'<br><small class="status-feilet">{found}</small>'
    return cell


def _schedule(view: CampaignView, today: date) -> str:
    now = moment(today)
    by_day: dict[date, dict[str, PlanItem]] = {}
    for item in view.plan:
        by_day.setdefault(item.date, {})[item.channel] = item
    head = "".join(f"<th>{text(CHANNEL_NAMES.get(ch, ch))}</th>" for ch in CHANNELS)
    rows = []
    for day in sorted(view.campaign.days, key=lambda d: d.date):
        items = by_day.get(day.date, {})
        first = next(iter(items.values()), None)
        cells = "".join(
            f"<td>{_status_cell(items[ch], view.ledger.get(items[ch].key), now)}</td>"
            if ch in items
            else "<td>–</td>"
            for ch in CHANNELS
        )
        when = f"{day.date:%d.%m.} kl. {text(first.time if first else '')}"
        if day.date == today:
            when = f"<strong>I dag</strong><br>{when}"
        css = ' class="i-dag"' if day.date == today else ""
        rows.append(f"<tr{css}><td>{when}</td><td>{text(day.theme)}</td>{cells}</tr>")
    return html_block(
        f'<table class="postplan"><thead><tr><th>Dag</th><th>Tema</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _day_details(view: CampaignView, config: Config) -> str:
    parts = []
    for day in sorted(view.campaign.days, key=lambda d: d.date):
        items = [i for i in view.plan if i.date == day.date]
        card = next((i.card for i in items if i.card is not None and i.card.is_file()), None)
        alt = next((i.alt_text for i in items if i.alt_text), "")
        image = (
            f'<img src="../{ASSET_DIR}/{text(view.campaign.slug)}/{text(card.name)}" '
            f'alt="{text(alt)}" width="240" height="240" loading="lazy">'
            if card
            else "<p><em>Kortet er ikke laget ennå — kjør «stemme post plan».</em></p>"
        )
        problems = "".join(
            f"<li><strong>{text(i.channel)}:</strong> {text(p)}</li>"
            for i in items
            for p in (*i.problems, *i.warnings)
        )
        parts.append(
            f"<h3>{norwegian_weekday_date(day.date)}: {text(day.theme)}</h3>"
            f"<p>Faktum: <code>{text(day.fact)}</code> · Dagens side: "
            f"{external_link(day_url(config, day), day_url(config, day))}</p>"
            f"{image}<blockquote>{paragraphs(day.post)}</blockquote>"
            f"<p><em>Alt-tekst:</em> {text(alt or 'mangler')}</p>"
            + (f"<ul>{problems}</ul>" if problems else "")
        )
    return html_block("".join(parts))


def _missed(view: CampaignView, now: datetime) -> int:
    return sum(
        post_state(view.ledger.get(i.key), i.due_at, now) == "missed"
        for i in view.plan
        if i.channel != "manuell"
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
        notice = html_block(
            '<div class="admonition danger"><p class="admonition-title">Kampanjen har feil'
            f"</p><p>{text(exc)}</p><p>Kjør <code>stemme check</code>.</p></div>"
        )
        return "# Kampanjeplan\n\n" + notice, {}
    return campaign_page(view, config, today), (view.cards if view else {})
