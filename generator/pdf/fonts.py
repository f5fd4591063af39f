"""Lato for the letters: the installed ``font_lato`` TTFs (found through
:func:`generator.core.fonts.lato_file`; never downloaded) are the only fonts the letter's
compiler sees. Typst embeds only the glyphs a letter uses. ``fonts_digest()`` is part
of every letter's cache key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from generator.core.fonts import lato_file

FAMILY = "Lato"
# (weight, style) → file in the font package
FACES = {
    (400, "normal"): "Lato-Regular.ttf",
    (400, "italic"): "Lato-Italic.ttf",
    (700, "normal"): "Lato-Bold.ttf",
    (700, "italic"): "Lato-BoldItalic.ttf",
    (900, "normal"): "Lato-Black.ttf",
    (900, "italic"): "Lato-BlackItalic.ttf",
}


def font_files() -> list[Path]:
    """Every font file a letter may use."""
    return [lato_file(file) for file in sorted(set(FACES.values()))]


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a letter may use."""
    digest = hashlib.sha256()
    for path in font_files():
        digest.update(path.read_bytes())
    return digest.hexdigest()
