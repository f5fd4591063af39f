"""The posting plan of a campaign: one item per day × channel, validated before anything is sent.

``build_plan(campaign, config, cards)`` is pure: the campaign model, the config and a card
lookup in, :class:`PlanItem` out. ``campaign_cards`` renders (or reuses) the campaign's
cards with its own colours and hashtag and returns that lookup. Every item carries the
exact text, card, alt text, the length the channel counts and every problem; an item with
problems is never sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from generator.campaigns import (
    Campaign,
    Day,
    load_campaign,
    load_campaigns_around,
    post_text,
    render_campaign_cards,
)
from generator.core import OSLO, Config, ImageError, Paths, PostError
from generator.facts import FactBook, load_facts
from generator.images import Manifest
from generator.social import channels, limits
from generator.social.channel import Post

CHANNELS = tuple(channels.CHANNELS)  # the channel table's order
CARD_FORMAT = "kvadrat"

X_LINK_WARNING = (
    "X tar langt mer betalt for API-innlegg som inneholder en lenke — vurder "
    "x_include_link = false i [posting] og å la kortet tale for seg selv på X"
)


@dataclass(frozen=True)
class CardRef:
    """The card of one day: file, alt text and checksum (from the card manifest)."""

    path: Path
    alt: str
    sha256: str | None = None


CardLookup = Callable[[str], CardRef | None]


@dataclass(frozen=True)
class PlanItem:
    campaign: str
    date: date
    time: str
    channel: str
    text: str
    card: Path | None
    card_sha256: str | None
    alt_text: str
    length: int
    problems: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        """The ledger key: campaign/date/channel."""
        return f"{self.campaign}/{self.date.isoformat()}/{self.channel}"

    @property
    def due_at(self) -> datetime:
        hour, minute = (int(p) for p in self.time.split(":"))
        return datetime.combine(self.date, time(hour, minute), tzinfo=OSLO)

    @property
    def valid(self) -> bool:
        return not self.problems

    def post(self) -> Post:
        return Post(self.key, self.channel, self.text, self.card, self.alt_text, due_at=self.due_at)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "date": self.date.isoformat(),
            "time": self.time,
            "channel": self.channel,
            "text": self.text,
            "card": str(self.card) if self.card else None,
            "alt_text": self.alt_text,
            "length": self.length,
            "problems": list(self.problems),
            "warnings": list(self.warnings),
        }


def build_plan(campaign: Campaign, config: Config, cards: CardLookup) -> list[PlanItem]:
    items = [
        _item(campaign, config, day, channel, cards(day.fact))
        for day in sorted(campaign.days, key=lambda d: d.date)
        for channel in CHANNELS
    ]
    return _flag_repeats(items)


def _item(
    campaign: Campaign, config: Config, day: Day, channel: str, card: CardRef | None
) -> PlanItem:
    text = post_text(config, day, channel)
    alt = card.alt if card else ""
    path = card.path if card else None
    problems = channels.check_text(channel, text) + channels.check_alt_text(channel, alt)
    problems += channels.check_image(channel, path)
    warnings = []
    if channel == "x" and limits.x_urls(text):
        warnings.append(X_LINK_WARNING)
    return PlanItem(
        campaign=campaign.slug,
        date=day.date,
        time=day.time or config.posting.default_time,
        channel=channel,
        text=text,
        card=path,
        card_sha256=card.sha256 if card else None,
        alt_text=alt,
        length=channels.text_length(channel, text),
        problems=tuple(problems),
        warnings=tuple(warnings),
    )


def repeated_cards(items: list[PlanItem]) -> dict[str, list[date]]:
    """Cards used on more than one day (followers see the same image twice)."""
    days: dict[str, list[date]] = {}
    for item in items:
        if item.channel == channels.MANUAL and item.card is not None:
            days.setdefault(item.card.name, []).append(item.date)
    return {name: dates for name, dates in days.items() if len(dates) > 1}


def _flag_repeats(items: list[PlanItem]) -> list[PlanItem]:
    """X refuses a post identical to an earlier one (403); flag repeated texts in the plan."""
    first: dict[tuple[str, str], date] = {}
    result = []
    for item in items:
        seen = first.setdefault((item.channel, item.text), item.date)
        if seen != item.date and item.channel == "x":
            problem = (
                f"samme tekst som {seen.isoformat()} — X avviser like innlegg, skriv teksten om"
            )
            item = _with_problem(item, problem)
        result.append(item)
    return result


def _with_problem(item: PlanItem, problem: str) -> PlanItem:
    return replace(item, problems=(*item.problems, problem))


def campaign_cards(paths: Paths, config: Config, campaign: Campaign, facts: FactBook) -> Manifest:
    """Render the campaign's cards (or reuse them); returns the Manifest.

    The same function the campaign pages call, so the card posted is pixel for pixel the
    card on the day page.
    """
    return render_campaign_cards(campaign, facts, config.brand, paths.cards)


def manifest_lookup(manifest: Manifest, card_format: str = CARD_FORMAT) -> CardLookup:
    def lookup(fact_id: str) -> CardRef | None:
        try:
            card = manifest.card(fact_id, card_format)
        except (KeyError, LookupError, ImageError):
            return None
        if card is None:
            return None
        return CardRef(Path(card.path), card.alt, getattr(card, "sha256", None))

    return lookup


@dataclass(frozen=True)
class CampaignPlan:
    campaign: Campaign
    items: list[PlanItem]
    manifest: Manifest


def load_plan(paths: Paths, config: Config, slug: str) -> CampaignPlan:
    """Load facts and the campaign, render its cards, build its plan."""
    facts = load_facts(paths.facts)
    campaign = load_campaign(paths, slug, facts)
    if not campaign.days:
        raise PostError(
            f"Kampanjen «{slug}» har ingen dager (den er bare en arkivoppføring) "
            "og kan ikke postes."
        )
    manifest = campaign_cards(paths, config, campaign, facts)
    return CampaignPlan(campaign, build_plan(campaign, config, manifest_lookup(manifest)), manifest)


def load_running_plans(
    paths: Paths, config: Config, today: date
) -> tuple[list[CampaignPlan], list[str]]:
    """Plans of every campaign with days running around ``today`` (a day of slack each
    side), and warnings about campaigns that are broken but not running (not posted)."""
    facts = load_facts(paths.facts)
    campaigns, warnings = load_campaigns_around(paths, facts, today)
    plans = []
    for campaign in campaigns:
        manifest = campaign_cards(paths, config, campaign, facts)
        items = build_plan(campaign, config, manifest_lookup(manifest))
        plans.append(CampaignPlan(campaign, items, manifest))
    return plans, warnings


def find_item(paths: Paths, config: Config, key: str) -> PlanItem:
    """The plan item with this ledger key (campaign/YYYY-MM-DD/channel), or a PostError."""
    slug = key.split("/", 1)[0]
    plan = load_plan(paths, config, slug)
    for item in plan.items:
        if item.key == key and item.channel != channels.MANUAL:
            return item
    raise PostError(
        f"Fant ikke «{key}» i planen for {slug}. En nøkkel ser slik ut: "
        f"{slug}/2026-11-25/x (kanal x, mastodon eller bluesky). "
        f"Se nøklene med «stemme post status {slug}»."
    )
