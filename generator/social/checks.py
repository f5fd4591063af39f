"""The poster's part of ``stemme check``: every campaign day's post fits every channel.

Campaign files are the campaigns area's; what a post may hold (X's weighted 280,
Bluesky's 300 graphemes, Mastodon's 500) is this area's rule, so it is checked here and
``generator.campaigns`` never imports ``generator.social``. Each post's answer is kept
(:class:`generator.core.results.KeptResults`, ``.cache/stemme/sjekk/innlegg.json``), so
only a new or changed post is counted again (and twitter-text loaded for it).
"""

from __future__ import annotations

from generator.campaigns.model import parse_all
from generator.core.config import Config, Paths
from generator.core.errors import CampaignError, ContentError
from generator.core.results import KeptResults
from generator.social.limits import check_post_text

FIX = "korte ned innlegget; lenken teller 23 tegn på X, hele adressen ellers."


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Every post text that is too long for a channel, as (errors, warnings)."""
    errors: list[ContentError] = []
    kept = KeptResults(paths.cache / "sjekk" / "innlegg.json")
    for parsed in parse_all(paths, None, config.site.url):
        if parsed.campaign is None:
            continue  # the campaigns check reports why
        for day in parsed.campaign.days:
            errors += [
                CampaignError(
                    f"dag {day.iso}: {problem}.",
                    file=parsed.path,
                    field=f"days[{day.iso}].post",
                    line=parsed.day_lines.get(day.date),
                    fix=FIX,
                )
                for problem in kept.get([day.post], lambda post=day.post: check_post_text(post))
            ]
    kept.save()
    return errors, []
