"""The post a campaign day sends: its text per channel, exactly as the poster sends it.

One function for the text, so the poster (``generator.social``), the day pages («Kopier
teksten») and the campaign kit all show the same words.
"""

from __future__ import annotations

import re

from generator.campaigns.model import Day
from generator.core import Config


def day_url(config: Config, day: Day) -> str:
    return f"{config.site.url}/{day.url_path}"


def post_text(config: Config, day: Day, channel: str) -> str:
    """The day's post, ending with the day page's address unless it is already in it.

    With ``[posting] x_include_link = false`` the X version carries no day address at all.
    """
    text = day.post.strip()
    url = day_url(config, day)
    if channel == "x" and not config.posting.x_include_link:
        # X charges more for links: drop the day page's address, wherever it stands.
        return re.sub(r"[ \t]*" + re.escape(url), "", text).strip()
    if url in text:
        return text
    return f"{text}\n\n{url}"


LINK_IN_BIO = "Lenke i profilen."


def link_in_bio_text(config: Config, day: Day) -> str:
    """The day's post for Facebook and Instagram in the kit: links cannot be clicked in an
    Instagram post, so the day page's address is left out and «Lenke i profilen.» ends it."""
    url = day_url(config, day)
    text = re.sub(r"[ \t]*" + re.escape(url), "", day.post.strip()).strip()
    return f"{text}\n\n{LINK_IN_BIO}"
