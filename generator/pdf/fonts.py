"""Lato for the letters, from the installed ``font_lato`` package (SIL OFL) — never downloaded.

``font_faces()`` is the ``@font-face`` CSS that points WeasyPrint at the package's TTF
files (WeasyPrint embeds only the glyphs a letter uses); ``fonts_digest()`` is part of
every letter's cache key. (The lead folds this lookup into ``generator.core.fonts``.)
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from generator.errors import LetterError

FAMILY = "Lato"
# (CSS weight, CSS style) → file in font_lato/files
FACES = {
    (400, "normal"): "Lato-Regular.ttf",
    (400, "italic"): "Lato-Italic.ttf",
    (700, "normal"): "Lato-Bold.ttf",
    (700, "italic"): "Lato-BoldItalic.ttf",
    (900, "normal"): "Lato-Black.ttf",
}


@lru_cache(maxsize=1)
def font_dir() -> Path:
    try:
        import font_lato
    except ImportError:
        raise LetterError(
            "Fonten Lato mangler (pakken font-lato). Kjør «make venv» for å installere "
            "avhengighetene."
        ) from None
    return Path(font_lato.font_directory)


def font_path(file: str) -> Path:
    path = font_dir() / file
    if not path.is_file():
        raise LetterError(f"Fant ikke fontfilen {path}. Installer font-lato på nytt (make venv).")
    return path


def font_faces() -> str:
    """``@font-face`` rules for every Lato face a letter may use (absolute file URLs)."""
    rules = []
    for (weight, style), file in FACES.items():
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-weight: {weight}; '
            f'font-style: {style}; src: url("{font_path(file).as_uri()}"); }}'
        )
    return "\n".join(rules)


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a letter may use."""
    digest = hashlib.sha256()
    for file in sorted(FACES.values()):
        digest.update(font_path(file).read_bytes())
    return digest.hexdigest()
