"""The section feeds (Atom) in Norwegian: Pelican names a category feed after its folder;
readers see «Standpunkter – <site>» and the language ``nb`` (a feed under /en/: ``en``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from generator.core import OSLO, dates
from generator.site.context import KEY

# Section feeds: Pelican names them after the folder; readers see these names.
SECTION_TITLES = {"standpunkter": "Standpunkter", "hoeringssvar": "Høringssvar"}


def norwegian_feed(context: dict[str, Any], feed: Any) -> None:
    """Give section feeds a Norwegian title and language before they are written."""
    site = context["SITENAME"]
    for slug, name in SECTION_TITLES.items():
        if feed.feed["title"] == f"{site} - {slug}":
            feed.feed["title"] = f"{name} – {site}"
    languages = getattr(context.get("STEMME"), "languages", None)
    feed.feed["language"] = languages.default if languages is not None else "nb"
    feed_language(context, feed)


def feed_language(context: dict[str, Any], feed: Any) -> None:
    """A feed under /en/ says it is English; an empty one (no English høringssvar yet)
    says «updated» = the build's day, not the clock's now, so two builds agree."""
    url = str(feed.feed.get("feed_url") or feed.feed.get("link") or "")
    base = str(context.get("FEED_DOMAIN") or context.get("SITEURL") or "")
    first = url.removeprefix(base).lstrip("/").split("/", 1)[0]
    languages = getattr(context.get("STEMME"), "languages", None)
    if languages is not None and first in languages.published:
        feed.feed["language"] = first
    if not feed.items:
        build = context.get(KEY)
        day = build.today if build is not None else dates.today()
        midnight = datetime(day.year, day.month, day.day, tzinfo=OSLO)
        feed.latest_post_date = lambda: midnight
