"""Lato for the handbook, from the installed ``font_lato`` package (OFL) — never downloaded.

The TTFs become WOFF2 once (:func:`generator.core.fonts.web_font`, cached under
``.cache/stemme/handbok-skrift/``), so later builds only copy. The handbook's stylesheet
declares the matching ``@font-face`` rules with relative URLs.
"""

from __future__ import annotations

from pathlib import Path

from generator.core import LATO, web_font

FONT_DIR = "assets/fonts"


FACES = tuple(face for face in LATO if face.weight in (400, 700))


def woff2_files(cache_dir: Path) -> dict[str, Path]:
    """Map ``assets/fonts/<name>.woff2`` → a cached WOFF2 file, converting when needed."""
    return {f"{FONT_DIR}/{face.woff2}": web_font(face.ttf, cache_dir) for face in FACES}


def font_face_css() -> str:
    """``@font-face`` rules for the faces above, with URLs relative to the stylesheet."""
    rules = [
        '@font-face{font-family:"Lato";'
        f"font-style:{face.style};font-weight:{face.weight};font-display:swap;"
        f'src:url("../{FONT_DIR}/{face.woff2}") format("woff2")}}'
        for face in FACES
    ]
    return "\n".join(rules) + "\n"
