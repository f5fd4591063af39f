"""The section feeds (Atom) in Norwegian: Pelican names a category feed after its folder;
readers see «Standpunkter – <site>» and the language ``nb``."""

from __future__ import annotations

from typing import Any

# Section feeds: Pelican names them after the folder; readers see these names.
SECTION_TITLES = {"standpunkter": "Standpunkter", "hoeringssvar": "Høringssvar"}


def norwegian_feed(context: dict[str, Any], feed: Any) -> None:
    """Give section feeds a Norwegian title and language before they are written."""
    site = context["SITENAME"]
    for slug, name in SECTION_TITLES.items():
        if feed.feed["title"] == f"{site} - {slug}":
            feed.feed["title"] = f"{name} – {site}"
    feed.feed["language"] = "nb"
