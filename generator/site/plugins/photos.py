"""Pelican plugin: content/bilder/ photos → <picture> in the Markdown
(:class:`generator.site.photos.PhotoExtension`), and the variants the pages show linked
into output/bilder/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from generator.core import link_or_copy
from generator.site.context import build_context
from generator.site.photos import PHOTOS_URL, PhotoExtension


def add_markdown_extension(pelican: Any) -> None:
    settings = pelican.settings
    context = build_context(settings)
    used = context.photos = {}  # a fresh set per build
    paths = context.paths
    cache = paths.photo_variants
    extensions = settings.setdefault("MARKDOWN", {}).setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, PhotoExtension)]
    extensions.append(PhotoExtension(paths.content, cache, used))


def publish_photos(pelican: Any) -> None:
    """Link the variants the pages use into output/bilder/."""
    dest = Path(pelican.settings["OUTPUT_PATH"]) / PHOTOS_URL
    for photos in build_context(pelican.settings).photos.values():
        dest.mkdir(parents=True, exist_ok=True)
        for variant in photos.variants:
            link_or_copy(variant.path, dest / variant.name)


def register() -> None:
    signals.initialized.connect(add_markdown_extension)
    signals.finalized.connect(publish_photos)
