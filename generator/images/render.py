"""Paint a card with Pillow and encode it as a small, deterministic palette PNG.

Cards are flat colours, so each ink (text, accent) is drawn as an 8-bit coverage mask
and the masks are mapped straight onto a palette of background→ink ramps. No RGB image,
no quantizer, no dithering: the palette PNG is a third of the raw data of an RGB one and
encodes fast. The PNG carries no timestamp or metadata, so equal input gives equal bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace

from PIL import Image, ImageChops, ImageDraw

from generator.core import ImageError
from generator.images.contrast import rgb
from generator.images.fonts import PillowMeasure, direction, font
from generator.images.geometry import Fitted, balance, figure_text, fit_text, language_splits
from generator.images.layout import Layout, Slot
from generator.images.scripts import LATIN, card_script, check_shaping

# Above this code point a character is not Latin (Latin Extended-B ends at U+024F).
LATIN_END = 0x024F

RENDERER_VERSION = "1"
LEVELS = 64  # antialiasing steps per ink
INKS = ("text", "accent")
PNG_COMPRESS_LEVEL = 6


@dataclass(frozen=True)
class Colours:
    background: str
    text: str
    accent: str


def _slot_for(slot: Slot, line_height: float) -> Slot:
    if line_height == 1.0:
        return slot
    return replace(slot, line_height=round(slot.line_height * line_height, 3))


def fit_slot(slot: Slot, name: str, text: str, lang: str = "") -> Fitted | None:
    """``text`` fitted into ``slot`` in the card's language (its faces, direction and
    hyphenation), or None when no size fits."""
    script = card_script(lang)
    check_shaping(lang)
    slot = _slot_for(slot, script.line_height)
    own_letters = script != LATIN and any(ord(c) > LATIN_END for c in text)
    return fit_text(
        figure_text(text) if name == "figure" else text,
        slot,
        PillowMeasure(script, own_letters),
        language_splits(lang) if slot.hyphenate else None,
        rtl=script.rtl,
    )


def fit_all(layout: Layout, texts: dict[str, str], lang: str = "") -> dict[str, Fitted]:
    """Fit every slot's text in the card's language; ImageError names the slot that
    cannot fit."""
    fitted = {}
    for name, slot in layout.slots.items():
        text = texts.get(name, "")
        if not text:
            continue
        result = fit_slot(slot, name, text, lang)
        if result is None:
            raise ImageError(
                f"Teksten «{text}» får ikke plass i feltet «{name}» på formatet "
                f"«{layout.format}». Slik retter du det: kort ned teksten."
            )
        fitted[name] = result
    return balance(fitted, layout.slots, layout.balance)


def _palette(colours: Colours) -> list[int]:
    background = rgb(colours.background)
    palette = list(background)
    for ink in INKS:
        target = rgb(getattr(colours, ink))
        for level in range(1, LEVELS + 1):
            palette += [
                round(b + (t - b) * level / LEVELS) for b, t in zip(background, target, strict=True)
            ]
    return palette


def _lut(ink_index: int) -> list[int]:
    base = 1 + ink_index * LEVELS
    return [0] + [base + max(0, round(v * LEVELS / 255) - 1) for v in range(1, 256)]


_LUTS = [_lut(i) for i in range(len(INKS))]


def paint(layout: Layout, texts: dict[str, str], colours: Colours, lang: str = "") -> Image.Image:
    """The card as a palette image (mode P), its text in ``lang`` (bokmål when "")."""
    script = card_script(lang)
    size = (layout.width, layout.height)
    masks = {ink: Image.new("L", size, 0) for ink in INKS}
    draws = {ink: ImageDraw.Draw(mask) for ink, mask in masks.items()}
    for rule in layout.rules:
        draws["accent"].rectangle((rule.x, rule.y, rule.right - 1, rule.bottom - 1), fill=255)
    for name, fitted in fit_all(layout, texts, lang).items():
        draw = draws[layout.slots[name].ink]
        face = font(fitted.weight, fitted.size, script)
        for line, origin in zip(fitted.lines, fitted.origins, strict=True):
            towards = direction(script, line)
            draw.text(origin, line, font=face, fill=255, anchor="ls", direction=towards)
    indexed = None
    for number, ink in enumerate(INKS):
        layer = masks[ink].point(_LUTS[number])
        indexed = layer if indexed is None else ImageChops.lighter(indexed, layer)
    assert indexed is not None
    indexed.putpalette(_palette(colours))
    return indexed


def encode_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=PNG_COMPRESS_LEVEL)
    return buffer.getvalue()


def render_png(layout: Layout, texts: dict[str, str], colours: Colours, lang: str = "") -> bytes:
    return encode_png(paint(layout, texts, colours, lang))
