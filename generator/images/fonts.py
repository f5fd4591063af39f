"""Fonts for the cards: Lato from the installed ``font_lato`` package (SIL OFL).

Found through :mod:`generator.core.fonts` (never downloaded). :class:`PillowMeasure` is
the measuring side the pure geometry needs.
"""

from __future__ import annotations

import math
from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

from generator.core import fonts_digest as lato_digest
from generator.core import lato_face, lato_file

# Card weight name → the Lato face (from core's one table).
_FACES = {"black": lato_face(900), "bold": lato_face(700), "regular": lato_face(400)}
# Ink extents are measured on these: accents above capitals, descenders, brackets.
_TALL = "ÅÉÖÆØbdfhklgjpqy|()[]"


def font_path(weight: str) -> Path:
    return lato_file(_FACES[weight].ttf)


@lru_cache(maxsize=256)
def font(weight: str, size: int) -> ImageFont.FreeTypeFont:
    # BASIC layout: no shaping engine needed for Latin text, and the same on every machine.
    return ImageFont.truetype(str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC)


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a card may use."""
    return lato_digest(_FACES.values())


# Text is measured once at this size and scaled: fitting tries many sizes, and loading a
# FreeType face per size would cost more than drawing the card. Hinting makes real widths
# differ from the scaled ones by a hair, so scaled widths get a safety slack on top.
REFERENCE_SIZE = 200
SLACK = 0.015


class PillowMeasure:
    """Text measurements from FreeType, scaled from one reference size (cached)."""

    def width(self, text: str, weight: str, size: int) -> float:
        return _width(text, weight) * size / REFERENCE_SIZE * (1 + SLACK) + 2

    def extents(self, weight: str, size: int) -> tuple[int, int]:
        above, below = _extents(weight)
        scale = size / REFERENCE_SIZE * (1 + SLACK)
        return math.ceil(above * scale) + 1, math.ceil(below * scale) + 1

    def ink_offset(self, text: str, weight: str, size: int) -> int:
        return round(_ink_offset(text, weight) * size / REFERENCE_SIZE)


@lru_cache(maxsize=65536)
def _width(text: str, weight: str) -> float:
    """Width of a line's ink at the reference size (lines align on ink, not advance)."""
    x0, _, x1, _ = font(weight, REFERENCE_SIZE).getbbox(text, anchor="ls")
    return x1 - x0


@lru_cache(maxsize=65536)
def _ink_offset(text: str, weight: str) -> int:
    """Shift that puts the first glyph's ink on the box edge (optical alignment)."""
    return -font(weight, REFERENCE_SIZE).getbbox(text, anchor="ls")[0]


@lru_cache(maxsize=8)
def _extents(weight: str) -> tuple[int, int]:
    """(ink above the baseline, ink below it) for the tallest and deepest glyphs."""
    _, top, _, bottom = font(weight, REFERENCE_SIZE).getbbox(_TALL, anchor="ls")
    return -top, bottom
