"""Lato for the letters: ``@font-face`` rules pointing WeasyPrint at the installed
``font_lato`` TTFs (found through :func:`generator.core.fonts.lato_file`; never
downloaded). WeasyPrint embeds only the glyphs a letter uses. ``fonts_digest()`` is part
of every letter's cache key.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache

from generator.core.fonts import lato_file

FAMILY = "Lato"
# (CSS weight, CSS style) → file in the font package
FACES = {
    (400, "normal"): "Lato-Regular.ttf",
    (400, "italic"): "Lato-Italic.ttf",
    (700, "normal"): "Lato-Bold.ttf",
    (700, "italic"): "Lato-BoldItalic.ttf",
    (900, "normal"): "Lato-Black.ttf",
}


def font_faces() -> str:
    """``@font-face`` rules for every Lato face a letter may use (absolute file URLs)."""
    return "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
        f'font-style: {style}; src: url("{lato_file(file).as_uri()}"); }}'
        for (weight, style), file in FACES.items()
    )


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a letter may use."""
    digest = hashlib.sha256()
    for file in sorted(FACES.values()):
        digest.update(lato_file(file).read_bytes())
    return digest.hexdigest()
