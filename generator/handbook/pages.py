"""Everything the handbook generates for one build: virtual pages and copied assets.

:func:`collect` is called by ``handbook/hooks.py``; it reads the project (state DB, cards
manifest, campaigns) and returns Markdown by ``src_uri`` plus asset files by ``src_uri``.
Nothing is written into the project or into ``handbook/docs/``.

"Today" is an input: ``STEMME_TODAY=YYYY-MM-DD`` freezes it (tests, screenshots);
otherwise it is today's date in Europe/Oslo.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.core import Config, Paths, load_config
from generator.handbook import campaign, fonts, gallery, tracker, tracker_matters, tracker_pages

BRAND_CSS = "stylesheets/stemme.css"
ROBOTS = "# Intern håndbok — ikke for søkemotorer.\nUser-agent: *\nDisallow: /\n"


@dataclass
class Generated:
    pages: dict[str, str] = field(default_factory=dict)  # src_uri → Markdown
    assets: dict[str, Path] = field(default_factory=dict)  # src_uri → file to copy
    texts: dict[str, str] = field(default_factory=dict)  # src_uri → text asset (CSS)
    gallery: gallery.Gallery | None = None  # for [[kort:…]] markers in the routines


def brand_css(config: Config) -> str:
    """Fonts and brand colours from stemme.toml as CSS custom properties."""
    b = config.brand
    return fonts.font_face_css() + (
        ':root{--md-text-font:"Lato";--md-code-font:ui-monospace,monospace;'
        f"--md-primary-fg-color:{b.primary};--md-primary-fg-color--light:{b.primary};"
        f"--md-primary-fg-color--dark:{b.primary};--md-primary-bg-color:{b.on_primary};"
        f"--md-accent-fg-color:{b.primary};--stemme-accent:{b.accent};"
        f"--stemme-muted:{b.muted}}}\n"
    )


def collect(paths: Paths, today: date) -> Generated:
    """Every generated page and asset for a handbook build of the project at ``paths``."""
    config = load_config(paths.config)
    out = Generated()
    out.texts[BRAND_CSS] = brand_css(config)
    out.texts["robots.txt"] = ROBOTS
    out.assets.update(fonts.woff2_files(paths.handbook_fonts))

    items = tracker.load_tracked(paths.state_db, paths.root)
    out.pages["frister.md"] = tracker_pages.frister_page(items, today)
    out.pages[f"{tracker.SECTION}/index.md"] = tracker_pages.list_page(items, today)
    out.pages.update(tracker_pages.consultation_pages(items, today))
    followed = tracker_matters.load_followed(paths.state_db)
    out.pages.update(tracker_matters.matter_pages(followed, today))

    out.gallery = gallery.load_gallery(paths.facts, paths.cards)
    out.pages["faktakort.md"] = gallery.gallery_page(out.gallery)
    out.assets.update(gallery.card_assets(out.gallery))
    out.pages["kampanje.md"], campaign_cards = campaign.campaign_section(paths, config, today)
    out.assets.update(campaign_cards)
    return out
