"""Fonts for the cards: Lato from the installed ``font_lato`` package (SIL OFL), and for
other scripts a Noto face from fonts-noto-core merged with a Latin subset of Noto Sans
(see :mod:`generator.images.scripts`).

Found through :mod:`generator.core.fonts` (never downloaded). :class:`PillowMeasure` is
the measuring side the pure geometry needs; it measures with the same face and the same
layout engine (BASIC for Latin and Cyrillic, Raqm for shaped scripts) as the renderer
draws with, so what was measured to fit is what is drawn.
"""

from __future__ import annotations

import hashlib
import io
import math
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import ImageFont

from generator.core import font_file, lato_face, lato_file, write_atomic
from generator.core import fonts_digest as lato_digest
from generator.images.scripts import FALLBACK_UNICODES, LATIN, CardScript

# Card weight name → the Lato face (from core's one table).
_FACES = {"black": lato_face(900), "bold": lato_face(700), "regular": lato_face(400)}
# Ink extents are measured on these: accents above capitals, descenders, brackets.
_TALL = "ÅÉÖÆØbdfhklgjpqy|()[]"
# … and for other scripts, their own tallest and deepest letters as well.
_SCRIPT_TALL = {
    "cyrl": "ЙЁЇДЦЩфру",
    "arab": "لأإكطظجيق",
    "urdu": "لأإکطظجیقےں",
    "ethi": "ጪጬፎፏጮቐ",
}


def font_path(weight: str) -> Path:
    return lato_file(_FACES[weight].ttf)


# Where merged faces are kept between runs (set by the card cache; None: memory only).
# Merging the Urdu face takes seconds, so a warm build must not do it again.
_FACE_CACHE: list[Path] = []


def use_face_cache(folder: Path | None) -> None:
    _FACE_CACHE[:] = [folder] if folder else []


def face_bytes(script: CardScript, weight: str) -> bytes:
    """The TTF a card in ``script`` is drawn with: the main face, with the Latin glyphs
    of its fallback added where it has a fallback (made once, then cached)."""
    return _face(*script.files(weight))


@lru_cache(maxsize=16)
def _face(main: str, fallback: str) -> bytes:
    if not fallback:
        return font_file(main).read_bytes()
    sources = font_file(main).read_bytes() + font_file(fallback).read_bytes()
    key = hashlib.sha256(sources + FALLBACK_UNICODES.encode()).hexdigest()[:20]
    cached = _FACE_CACHE[0] / f"{key}.ttf" if _FACE_CACHE else None
    if cached and cached.is_file():
        return cached.read_bytes()
    data = _merge(main, fallback)
    if cached:
        cached.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(cached, data)
    return data


def _merge(main: str, fallback: str) -> bytes:
    """``main`` with the glyphs it lacks from a Latin subset of ``fallback`` appended.

    Appended, not merged with fontTools' Merger: the main face's glyph ids stay as they
    are, so its shaping tables (GSUB/GPOS, huge for Nastaliq) are copied as raw bytes
    instead of being rebuilt — a fraction of a second instead of many. The added glyphs
    lose their hinting (their instructions belong to the other face's programs); both
    faces have 1000 units per em.
    """
    from fontTools.ttLib import TTFont

    with (
        TTFont(font_file(main), recalcTimestamp=False, lazy=True) as base,
        TTFont(font_file(fallback), recalcTimestamp=False) as latin,
    ):
        return _append(base, latin)


def _append(base: Any, latin: Any) -> bytes:
    from fontTools import subset

    if base["head"].unitsPerEm != latin["head"].unitsPerEm:  # pragma: no cover - Noto
        raise ValueError("ulik unitsPerEm")
    have = set(base.getBestCmap())
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.glyph_names = True
    options.notdef_outline = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        unicodes=[u for u in subset.parse_unicodes(FALLBACK_UNICODES) if u not in have]
    )
    subsetter.subset(latin)
    added = {g: f"fallback.{g}" for g in latin.getGlyphOrder() if g != ".notdef"}
    order = list(base.getGlyphOrder())
    glyf, hmtx = base["glyf"], base["hmtx"]
    for name, new in added.items():
        glyph = latin["glyf"][name]
        if glyph.isComposite():
            for component in glyph.components:
                component.glyphName = added[component.glyphName]
        order.append(new)
        glyf.glyphs[new] = glyph
        hmtx.metrics[new] = latin["hmtx"].metrics[name]
    base.setGlyphOrder(order)
    glyf.glyphOrder = order
    for code, name in latin.getBestCmap().items():
        for table in base["cmap"].tables:
            fits = table.format != 4 or code <= 0xFFFF  # format 4 holds the BMP only
            if table.isUnicode() and fits and code not in table.cmap:
                table.cmap[code] = added[name]
    for tag in ("hdmx", "LTSH", "VDMX", "DSIG"):  # per-glyph tables now too short
        if tag in base:
            del base[tag]
    base["head"].created = base["head"].modified = 0  # same bytes on every run
    out = io.BytesIO()
    base.save(out)
    return out.getvalue()


@lru_cache(maxsize=256)
def font(weight: str, size: int, script: CardScript = LATIN) -> ImageFont.FreeTypeFont:
    if script == LATIN:
        # BASIC layout: no shaping engine needed for Latin text, and the same on every
        # machine.
        return ImageFont.truetype(
            str(font_path(weight)), size, layout_engine=ImageFont.Layout.BASIC
        )
    engine = ImageFont.Layout.RAQM if script.shaped else ImageFont.Layout.BASIC
    return ImageFont.truetype(io.BytesIO(face_bytes(script, weight)), size, layout_engine=engine)


def direction(script: CardScript, text: str = "") -> str | None:
    """What to pass Pillow as ``direction`` for one line (Raqm only): the line's first
    strong character decides, as ``dir="auto"`` does in HTML, so a hashtag or a Latin
    source on an Arabic card keeps its own order («#TaushetTarLiv», not «TaushetTarLiv#»);
    a line without one takes the script's direction."""
    if not script.shaped:
        return None
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return "rtl" if script.rtl else "ltr"


@lru_cache(maxsize=1)
def fonts_digest() -> str:
    """sha256 over the bytes of every font file a card may use."""
    return lato_digest(_FACES.values())


@lru_cache(maxsize=16)
def script_digest(script: CardScript) -> str:
    """sha256 over the faces a card in ``script`` is drawn with (main and fallback)."""
    digest = hashlib.sha256()
    for weight in sorted(_FACES):
        for name in script.files(weight):
            if name:
                digest.update(font_file(name).read_bytes())
    return digest.hexdigest()


# Text is measured once at this size and scaled: fitting tries many sizes, and loading a
# FreeType face per size would cost more than drawing the card. Hinting makes real widths
# differ from the scaled ones by a hair, so scaled widths get a safety slack on top.
REFERENCE_SIZE = 200
SLACK = 0.015


class PillowMeasure:
    """Text measurements from FreeType, scaled from one reference size (cached)."""

    def __init__(self, script: CardScript = LATIN, own_letters: bool = True) -> None:
        """``own_letters``: the text has letters of the script (else its extents are
        the Latin ones: a hashtag on an Urdu card is not as tall as Nastaliq)."""
        self.script = script
        self.own_letters = own_letters

    def width(self, text: str, weight: str, size: int) -> float:
        return _width(text, weight, self.script) * size / REFERENCE_SIZE * (1 + SLACK) + 2

    def extents(self, weight: str, size: int) -> tuple[int, int]:
        above, below = _extents(weight, self.script, self.own_letters)
        scale = size / REFERENCE_SIZE * (1 + SLACK)
        return math.ceil(above * scale) + 1, math.ceil(below * scale) + 1

    def ink_offset(self, text: str, weight: str, size: int) -> int:
        return round(_ink_offset(text, weight, self.script) * size / REFERENCE_SIZE)


def _bbox(text: str, weight: str, script: CardScript) -> tuple[float, float, float, float]:
    face = font(weight, REFERENCE_SIZE, script)
    return face.getbbox(text, anchor="ls", direction=direction(script, text))


@lru_cache(maxsize=65536)
def _width(text: str, weight: str, script: CardScript = LATIN) -> float:
    """Width of a line's ink at the reference size (lines align on ink, not advance)."""
    x0, _, x1, _ = _bbox(text, weight, script)
    return x1 - x0


@lru_cache(maxsize=65536)
def _ink_offset(text: str, weight: str, script: CardScript = LATIN) -> float:
    """Shift that puts the first glyph's ink on the box edge (optical alignment)."""
    return -_bbox(text, weight, script)[0]


@lru_cache(maxsize=32)
def _extents(
    weight: str, script: CardScript = LATIN, own_letters: bool = True
) -> tuple[float, float]:
    """(ink above the baseline, ink below it) for the tallest and deepest glyphs."""
    tall = _TALL + (_SCRIPT_TALL.get(script.name, "") if own_letters else "")
    if own_letters and script.name in ("arab", "urdu", "ethi"):  # one script per run
        tall = _SCRIPT_TALL[script.name] + "0123456789()"
    _, top, _, bottom = _bbox(tall, weight, script)
    return -top, bottom
