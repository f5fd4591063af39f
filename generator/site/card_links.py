"""Cards on pages: what a template gets for one card, and the cards placed in the site.

Fact cards live under ``kort/`` (the site's colours) and ``kort/<campaign>/`` (a
campaign's colours); both the Fakta pages and the campaign pages use these helpers, so
a card is described and published the same way everywhere. Cards are hard-linked from
the cache into the site (:mod:`generator.core.hardlinks`), never copied byte by byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.core import link_or_copy
from generator.facts import Fact
from generator.images import FORMAT_LABELS, FORMATS, MANIFEST, alt_text

CARDS_URL = "kort"


def card_info(fact: Fact, fmt: str, folder: str = CARDS_URL, lang: str = "") -> dict[str, Any]:
    """URL (relative to the site root), size, alt text and label of one card; in ``lang``
    when the fact is translated into it (its card there is made with the others)."""
    width, height = FORMATS[fmt]
    lang = lang if lang in fact.translations else ""
    suffix = f".{lang}" if lang else ""
    return {
        "url": f"{folder}/{fact.id}-{fmt}{suffix}.png",
        "width": width,
        "height": height,
        "alt": alt_text(fact, lang),
        "format": fmt,
        "label": FORMAT_LABELS[fmt],
    }


def publish_cards(source: Path, dest: Path) -> None:
    """Link rendered PNG cards and their manifest from the cache into the site."""
    dest.mkdir(parents=True, exist_ok=True)
    for path in [*sorted(source.glob("*.png")), source / MANIFEST]:
        if path.is_file():
            link_or_copy(path, dest / path.name)
