"""Lato for the handbook, from the installed ``font_lato`` package (OFL) — never downloaded.

The TTFs are converted once to WOFF2 with fontTools and cached under
``.cache/stemme/handbok-skrift/`` (keyed by the TTF's hash), so later builds only copy.
The handbook's stylesheet declares the matching ``@font-face`` rules with relative URLs.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import font_lato
from fontTools.ttLib import TTFont

from generator.errors import BuildError

FONT_DIR = "assets/fonts"


@dataclass(frozen=True)
class Face:
    ttf: str  # file name in font_lato/files
    weight: int
    style: str

    @property
    def woff2(self) -> str:
        return self.ttf.removesuffix(".ttf") + ".woff2"


FACES = (
    Face("Lato-Regular.ttf", 400, "normal"),
    Face("Lato-Italic.ttf", 400, "italic"),
    Face("Lato-Bold.ttf", 700, "normal"),
    Face("Lato-BoldItalic.ttf", 700, "italic"),
)


def _source(face: Face) -> Path:
    path = Path(font_lato.font_directory) / face.ttf
    if not path.is_file():
        raise BuildError(
            f"Finner ikke skriftfilen {face.ttf} i pakken font_lato ({path.parent}). "
            "Slik retter du det: installer pakkene på nytt med «make venv»."
        )
    return path


def woff2_files(cache_dir: Path) -> dict[str, Path]:
    """Map ``assets/fonts/<name>.woff2`` → a cached WOFF2 file, converting when needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    result: dict[str, Path] = {}
    for face in FACES:
        ttf = _source(face)
        digest = hashlib.sha256(ttf.read_bytes()).hexdigest()[:16]
        target = cache_dir / f"{digest}-{face.woff2}"
        if not target.is_file():
            font = TTFont(ttf)
            font.flavor = "woff2"
            partial = target.with_suffix(".tmp")
            font.save(partial)
            partial.replace(target)
        result[f"{FONT_DIR}/{face.woff2}"] = target
    return result


def font_face_css() -> str:
    """``@font-face`` rules for the faces above, with URLs relative to the stylesheet."""
    rules = [
        '@font-face{font-family:"Lato";'
        f"font-style:{face.style};font-weight:{face.weight};font-display:swap;"
        f'src:url("../{FONT_DIR}/{face.woff2}") format("woff2")}}'
        for face in FACES
    ]
    return "\n".join(rules) + "\n"
