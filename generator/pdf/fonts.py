"""Lato for the letters: the installed ``font_lato`` TTFs (found through
:func:`generator.core.fonts.lato_file`; never downloaded) are the only fonts the letter's
compiler sees. Typst embeds only the glyphs a letter uses. ``fonts_digest()`` is part
of every letter's cache key.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.core import LATO, lato_file
from generator.core import fonts_digest as lato_digest

FAMILY = "Lato"
# (weight, style) → file in the font package
FACES = {(face.weight, face.style): face.ttf for face in LATO}


def font_files() -> list[Path]:
    """Every font file a letter may use."""
    return [lato_file(file) for file in sorted(set(FACES.values()))]


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a letter may use."""
    return lato_digest(LATO)
