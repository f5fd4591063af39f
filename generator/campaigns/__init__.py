"""Campaigns: one folder per campaign in ``campaigns/`` (``campaign.yaml`` + Markdown).

    model     Campaign/Day models; read, validate and load campaign files
    rules     the rules a campaign file must follow (dates, facts, contrast), as errors
    cards     the campaign's cards: its colours and hashtag on the facts its days use —
              the one function the site and the poster both call
    calendar  the days as an .ics file
    commands  ``stemme campaign list|calendar``

Flow: campaign.yaml → model (+ rules) → Campaign → cards (images) → site pages
(``generator.site.campaign_generator``) and posts (``generator.social``). Campaigns
import the core, facts and images; nothing here imports site or social.
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

__all__ = [
    "Campaign",
    "Day",
    "ParsedCampaign",
    "check",
    "load_campaign",
    "load_campaigns",
    "parse_all",
    "running_campaign",
]
