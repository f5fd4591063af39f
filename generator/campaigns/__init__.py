"""Campaigns: one folder per campaign in ``campaigns/`` (``campaign.yaml`` + Markdown).

    model     Campaign/Day models; read, validate and load campaign files
    languages the texts a campaign and its days give in other languages (translations)
    rules     the rules a campaign file must follow (dates, facts, contrast), as errors
    cards     the campaign's cards: its colours and hashtag on the facts its days use —
              the one function the site and the poster both call
    calendar  the days as an .ics file
    posts     the post text per channel, as the poster sends it (pages and kit show it too)
    kit       the campaign kit: every day's cards, posts and alt texts, the calendar and
              a README (``templates/LESMEG.txt``, plain-text Jinja), as a deterministic
              zip (site) or a folder (``stemme post export``); channel names and kit
              file names from the channel table (``generator.social.channels``)
    running   the campaigns ``post due`` may post around a day (only those must be valid)
    commands  ``stemme campaign list|calendar``

Flow: campaign.yaml → model (+ rules) → Campaign → cards (images) → kit → site pages
(``generator.site.plugins.campaigns``) and posts (``generator.social``). Campaigns
import the core, facts and images (``cards`` and ``kit`` only); nothing here imports
site, and of social only the channel table (data, no network).
"""

from generator.campaigns.model import (
    Campaign,
    Day,
    ParsedCampaign,
    check,
    load_campaign,
    load_campaigns,
    parse_all,
    running_campaign,
)
from generator.campaigns.running import load_campaigns_around
from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "ALT_FILE": ("generator.campaigns.kit", "ALT_FILE"),
    "FactLookup": ("generator.campaigns.model", "FactLookup"),
    "HIDDEN": ("generator.campaigns.rules", "HIDDEN"),
    "KitFile": ("generator.campaigns.kit", "KitFile"),
    "card_name": ("generator.campaigns.kit", "card_name"),
    "day_url": ("generator.campaigns.posts", "day_url"),
    "ensure_kit": ("generator.campaigns.kit", "ensure_kit"),
    "kit_files": ("generator.campaigns.kit", "kit_files"),
    "kit_folder": ("generator.campaigns.kit", "kit_folder"),
    "kit_name": ("generator.campaigns.kit", "kit_name"),
    "post_text": ("generator.campaigns.posts", "post_text"),
    "render_campaign_cards": ("generator.campaigns.cards", "render_campaign_cards"),
    "write_folder": ("generator.campaigns.kit", "write_folder"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "ALT_FILE",
    "HIDDEN",
    "Campaign",
    "Day",
    "FactLookup",
    "KitFile",
    "ParsedCampaign",
    "card_name",
    "check",
    "day_url",
    "ensure_kit",
    "kit_files",
    "kit_folder",
    "kit_name",
    "load_campaign",
    "load_campaigns",
    "load_campaigns_around",
    "parse_all",
    "post_text",
    "render_campaign_cards",
    "running_campaign",
    "write_folder",
]
