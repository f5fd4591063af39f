"""Fact cards: layout as data, pure geometry, Pillow rendering, content-hash cache.

Public API (used by the site, campaigns and social posting)::

    FORMATS                      name → (width, height)
    FORMAT_LABELS                name → how the format is offered for download
    CardStyle(background, text, accent, tag)
    ensure_cards(facts, style, out_dir, formats=FORMATS, cache_dir=None, languages=None)
        -> Manifest (cards also in every language a fact is translated into)
    ensure_title_cards(titles, style, out_dir, formats=("og",), cache_dir=None) -> Manifest
    Manifest.card(fact_id, format, lang="") -> Card(path, width, height, alt, sha256)
    alt_text(fact, lang="") -> str

Modules: ``layout`` (formats and slots as data), ``geometry`` (wrap, hyphenate, shrink),
``fonts`` (Lato from font_lato; Noto faces with a Latin fallback for other scripts),
``scripts`` (which faces, direction and shaping a language's cards use; Raqm or a
Norwegian error), ``contrast`` (WCAG), ``render`` (Pillow, palette PNG),
``cards`` (specs, hash cache, manifest, rendering on every core; a title is shortened to
fit only when its card is rendered, so the key is taken before any measuring), ``photos``
(content photos: resized WebP + JPEG/PNG, metadata stripped, cached by content hash),
``site_cards`` (the site's own cards: brand colours from stemme.toml, the site title as
the tag), ``checks`` (the cards' part of ``stemme check``: every fact fits every format),
``commands`` (``stemme images``).
"""

from generator.core import Public, lazy_entrance
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

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "MANIFEST": ("generator.images.cards", "MANIFEST"),
    "PhotoSet": ("generator.images.photos", "PhotoSet"),
    "TITLE_FOLDER": ("generator.images.site_cards", "TITLE_FOLDER"),
    "check": ("generator.images.checks", "check"),
    "photo_problem": ("generator.images.photos", "photo_problem"),
    "photo_set": ("generator.images.photos", "photo_set"),
    "site_style": ("generator.images.site_cards", "site_style"),
    "title_alt": ("generator.images.cards", "title_alt"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "MANIFEST",
    "TITLE_FOLDER",
    "Card",
    "CardStyle",
    "Manifest",
    "PhotoSet",
    "TitleCard",
    "alt_text",
    "check",
    "ensure_cards",
    "ensure_title_cards",
    "photo_problem",
    "photo_set",
    "site_style",
    "title_alt",
]
