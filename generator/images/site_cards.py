"""The site's own cards: brand colours from stemme.toml, the site title as the tag."""

from __future__ import annotations

from generator.core import Config, ContentErrors, Paths
from generator.facts import load_facts
from generator.images.cards import CardStyle, Manifest, ensure_cards
from generator.images.checks import fit_errors

# Title cards (og:image for pages without a fact) live in this subfolder of the cards.
TITLE_FOLDER = "sider"


def site_style(config: Config) -> CardStyle:
    brand = config.brand
    return CardStyle(brand.primary, brand.on_primary, brand.accent, config.site.title)


def render_site_cards(paths: Paths, config: Config, progress: bool | None = None) -> Manifest:
    """Every fact in every format into Paths.cards (only what changed is rendered)."""
    book = load_facts(paths.facts)
    if errors := fit_errors(book):
        raise ContentErrors(errors)
    return ensure_cards(book, site_style(config), paths.cards, progress=progress)
