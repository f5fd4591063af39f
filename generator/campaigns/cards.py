"""A campaign's cards: its colours and hashtag on every fact its days use.

The one function the campaign pages and the poster both call, so the card posted is
pixel for pixel the card on the day page, and both always render the same set into the
campaign's card folder (``Paths.cards / slug``), never deleting each other's cards.
"""

from __future__ import annotations

from pathlib import Path

from generator.campaigns.model import Campaign, FactLookup
from generator.core import Brand
from generator.facts import Fact
from generator.images import CardStyle, Manifest, ensure_cards


def card_style(campaign: Campaign, brand: Brand) -> CardStyle:
    """The campaign's colours (the organisation's brand where it has none) and hashtag."""
    colours = campaign.colours or brand
    return CardStyle(
        background=colours.primary,
        text=colours.on_primary,
        accent=colours.accent,
        tag=campaign.hashtag or campaign.name,
    )


def card_facts(campaign: Campaign, facts: FactLookup) -> list[Fact]:
    """The facts the campaign shows, each once: the lead fact first, then the days'."""
    ids = dict.fromkeys([campaign.lead_fact, *(day.fact for day in campaign.days)])
    return [fact for i in ids if i and (fact := facts.get(i)) is not None]


def render_campaign_cards(
    campaign: Campaign, facts: FactLookup, brand: Brand, cards: Path
) -> Manifest:
    """Render what is missing or changed into ``cards / campaign.slug``; the manifest."""
    return ensure_cards(
        card_facts(campaign, facts), card_style(campaign, brand), cards / campaign.slug,
        progress=False,
    )  # fmt: skip
