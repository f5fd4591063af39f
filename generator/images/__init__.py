"""Fact cards: layout as data, pure geometry, Pillow rendering, content-hash cache.

Public API (used by the site, campaigns and social posting)::

    FORMATS                      name → (width, height)
    FORMAT_LABELS                name → how the format is offered for download
    CardStyle(background, text, accent, tag)
    ensure_cards(facts, style, out_dir, formats=FORMATS, cache_dir=None) -> Manifest
    ensure_title_cards(titles, style, out_dir, formats=("og",), cache_dir=None) -> Manifest
    Manifest.card(fact_id, format) -> Card(path, width, height, alt, sha256)
    alt_text(fact) -> str

Modules: ``layout`` (formats and slots as data), ``geometry`` (wrap, hyphenate, shrink),
``fonts`` (Lato from font_lato), ``contrast`` (WCAG), ``render`` (Pillow, palette PNG),
``cards`` (specs, hash cache, manifest, rendering on every core; a title is shortened to
fit only when its card is rendered, so the key is taken before any measuring), ``photos``
(content photos: resized WebP + JPEG/PNG, metadata stripped, cached by content hash),
``site_cards`` (the site's own cards: brand colours from stemme.toml, the site title as
the tag).
"""

from generator.images.cards import (
    Card,
    CardStyle,
    Manifest,
    TitleCard,
    alt_text,
    ensure_cards,
    ensure_title_cards,
)
from generator.images.layout import FORMAT_LABELS, FORMATS

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "Card",
    "CardStyle",
    "Manifest",
    "TitleCard",
    "alt_text",
    "ensure_cards",
    "ensure_title_cards",
]
