"""Pelican plugin: our Markdown reader (:mod:`generator.site.reader`) for ``.md``, and the
texts missing from the cache converted ahead on every core before Pelican reads any
(:func:`generator.site.conversion.convert_ahead`).

Module-level receivers (Pelican's signals hold weak references) and ``register()``, like
every plugin in this package.
"""

from __future__ import annotations

from typing import Any

from pelican import signals

from generator.site.conversion import convert_ahead
from generator.site.reader import StemmeMarkdownReader


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = StemmeMarkdownReader


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(convert_ahead)
