"""The poster's part of ``stemme check``: every campaign day's post fits every channel,
and ``[posting]`` names no upload X has retired.

Campaign files are the campaigns area's; what a post may hold (X's weighted 280,
Bluesky's 300 graphemes, Mastodon's 500) is this area's rule, so it is checked here and
``generator.campaigns`` never imports ``generator.social``. Each post's answer is kept
(:class:`generator.core.results.KeptResults`, ``.cache/stemme/sjekk/innlegg.json``), so
only a new or changed post is counted again (and twitter-text loaded for it).
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.campaigns import parse_all
from generator.core import CampaignError, Config, ContentError, KeptResults, Paths
from generator.social.channels import check_post_text
from generator.social.limits import retired_x_upload

FIX = "korte ned innlegget; lenken teller 23 tegn på X, hele adressen ellers."


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Every post text that is too long for a channel, as (errors, warnings)."""
    errors: list[ContentError] = _posting_errors(paths, config)
    kept = KeptResults(paths.check_results / "innlegg.json")
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


def _posting_errors(paths: Paths, config: Config) -> list[ContentError]:
    """A setting in ``[posting]`` that would stop posting on the campaign day itself."""
    posting = config.posting
    if "x" not in posting.channels or not (problem := retired_x_upload(posting.x_media_upload)):
        return []
    what, fix = problem
    return [
        ContentError(
            what,
            file=paths.config.name,
            field="posting.x_media_upload",
            line=_line_of(paths.config, "x_media_upload"),
            fix=fix,
        )
    ]


def _line_of(path: Path, key: str) -> int | None:
    """The line on which ``key = …`` is set in ``path`` (a TOML file), if it is found."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((n for n, text in enumerate(lines, 1) if pattern.match(text)), None)
