"""Card layouts as data: one small declarative layout per format.

A layout is a set of named text slots (box, font, size range, ink, line limits) and
decorative rules (accent bars), all in pixels and all inside the format's safe margins.
Nothing here draws; :mod:`generator.images.geometry` fits text into the slots and
:mod:`generator.images.render` paints them. Changing a number here changes the layout
hash, so every affected card is rendered again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

# name → (width, height) in pixels
FORMATS: dict[str, tuple[int, int]] = {
    "kvadrat": (1080, 1080),
    "portrett": (1080, 1350),
    "historie": (1080, 1920),
    "bred": (1200, 675),
    "og": (1200, 630),
}

# How each format is offered for download (pages and campaign pages use the same words).
FORMAT_LABELS: dict[str, str] = {
    "kvadrat": "Kvadrat (Instagram, Facebook)",
    "portrett": "Portrett (Instagram)",
    "historie": "Historie (Instagram og Facebook)",
    "bred": "Bred (X, Bluesky, Mastodon)",
    "og": "Lenkeforhåndsvisning",
}

Ink = Literal["text", "accent"]
Weight = Literal["black", "bold", "regular"]


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def right(self) -> int:
        return self.x + self.w

    @property
    def bottom(self) -> int:
        return self.y + self.h

    def contains(self, other: Box) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )


@dataclass(frozen=True)
class Slot:
    """Where one text goes and how far it may shrink."""

    box: Box
    weight: Weight
    max_size: int
    min_size: int
    ink: Ink = "text"
    max_lines: int = 8
    line_height: float = 1.2
    valign: Literal["top", "middle", "bottom"] = "top"
    fewer_lines_first: bool = False  # a figure stays on one line as long as it can
    hyphenate: bool = True  # False: break only at dashes already in the text


@dataclass(frozen=True)
class Layout:
    format: str
    width: int
    height: int
    margin: tuple[int, int, int, int]  # top, right, bottom, left
    slots: dict[str, Slot]
    rules: tuple[Box, ...] = ()  # accent bars
    # Slots moved down together so that their text sits centred in the span of their boxes
    # (a short statement does not leave a hole under it).
    balance: tuple[str, ...] = ()

    @property
    def safe(self) -> Box:
        top, right, bottom, left = self.margin
        return Box(left, top, self.width - left - right, self.height - top - bottom)

    def fingerprint(self) -> dict:
        return asdict(self)


def _fact(
    fmt: str, margin: tuple[int, int, int, int], rule: Box, balance: bool, **slots: Slot
) -> Layout:
    width, height = FORMATS[fmt]
    group = ("figure", "statement") if balance else ()
    return Layout(fmt, width, height, margin, dict(slots), (rule,), group)


def _stacked(
    fmt: str,
    m: tuple[int, int, int, int],
    fig: tuple[int, int, int],
    stmt: tuple[int, int, int],
    foot: int,
) -> Layout:
    """Portrait-ish cards: figure above statement, source and tag at the bottom.

    fig/stmt = (top, height, max font size); foot = y where the source line starts.
    """
    top, right, bottom, left = m
    width, height = FORMATS[fmt]
    w = width - left - right
    safe_bottom = height - bottom
    return _fact(
        fmt,
        m,
        Box(left, top, 150, 16),
        True,
        figure=Slot(
            Box(left, fig[0], w, fig[1]),
            "black",
            fig[2],
            96,
            "accent",
            max_lines=2,
            line_height=1.0,
            valign="bottom",
            fewer_lines_first=True,
            hyphenate=False,
        ),
        statement=Slot(
            Box(left, stmt[0], w, stmt[1]), "bold", stmt[2], 34, max_lines=9, line_height=1.22
        ),
        source=Slot(
            Box(left, foot, w, safe_bottom - 52 - foot),
            "regular",
            30,
            20,
            max_lines=2,
            line_height=1.25,
            valign="bottom",
        ),
        tag=Slot(Box(left, safe_bottom - 40, w, 40), "bold", 32, 22, max_lines=1, valign="bottom"),
    )


def _wide(fmt: str) -> Layout:
    """Landscape cards: figure left, statement right, source and tag along the bottom."""
    width, height = FORMATS[fmt]
    m = (60, 64, 56, 64)
    top, right, bottom, left = m
    safe_bottom = height - bottom
    col = 470
    gap = 50
    body_top = top + 44
    body_h = safe_bottom - 118 - body_top
    return _fact(
        fmt,
        m,
        Box(left, top, 120, 12),
        False,
        figure=Slot(
            Box(left, body_top, col, body_h),
            "black",
            190,
            72,
            "accent",
            max_lines=3,
            line_height=1.0,
            valign="middle",
            fewer_lines_first=True,
            hyphenate=False,
        ),
        statement=Slot(
            Box(left + col + gap, body_top, width - right - left - col - gap, body_h),
            "bold",
            50,
            26,
            max_lines=8,
            line_height=1.22,
            valign="middle",
        ),
        source=Slot(
            Box(left, safe_bottom - 100, width - left - right, 56),
            "regular",
            24,
            17,
            max_lines=2,
            line_height=1.25,
            valign="bottom",
        ),
        tag=Slot(
            Box(left, safe_bottom - 32, width - left - right, 32),
            "bold",
            27,
            18,
            max_lines=1,
            valign="bottom",
        ),
    )


FACT_LAYOUTS: dict[str, Layout] = {
    "kvadrat": _stacked("kvadrat", (90, 90, 90, 90), (140, 330, 250), (500, 340, 64), 850),
    "portrett": _stacked("portrett", (100, 90, 100, 90), (160, 430, 280), (630, 440, 70), 1100),
    # Stories: phone apps cover the top and bottom, so the safe area is taller there.
    "historie": _stacked("historie", (250, 90, 270, 90), (310, 520, 300), (870, 560, 74), 1480),
    "bred": _wide("bred"),
    "og": _wide("og"),
}


def _title(fmt: str) -> Layout:
    """Title cards (og:image for pages without a fact): kicker, big title, tag."""
    width, height = FORMATS[fmt]
    m = (60, 64, 56, 64) if width > height else (110, 90, 110, 90)
    top, right, bottom, left = m
    w = width - left - right
    safe_bottom = height - bottom
    title_top = top + 100
    return Layout(
        fmt,
        width,
        height,
        m,
        {
            "kicker": Slot(Box(left, top + 36, w, 44), "bold", 34, 22, "accent", max_lines=1),
            "title": Slot(
                Box(left, title_top, w, safe_bottom - 70 - title_top),
                "black",
                92,
                34,
                max_lines=6,
                line_height=1.12,
                valign="middle",
            ),
            "tag": Slot(
                Box(left, safe_bottom - 32, w, 32), "bold", 27, 18, max_lines=1, valign="bottom"
            ),
        },
        (Box(left, top, 120, 12),),
    )


TITLE_LAYOUTS: dict[str, Layout] = {fmt: _title(fmt) for fmt in FORMATS}


def mirrored(layout: Layout) -> Layout:
    """The layout for right-to-left text: every box and bar flipped across the middle,
    so the accent bar and the lines start on the right and a wide card's figure stands
    on the right of its statement (the reading order of Arabic and Urdu)."""

    def flip(box: Box) -> Box:
        return Box(layout.width - box.right, box.y, box.w, box.h)

    top, right, bottom, left = layout.margin
    return replace(
        layout,
        margin=(top, left, bottom, right),
        slots={name: replace(slot, box=flip(slot.box)) for name, slot in layout.slots.items()},
        rules=tuple(flip(rule) for rule in layout.rules),
    )


def fit_problem(texts: dict[str, str], lang: str = "") -> tuple[str, str] | None:
    """(slot, format) of the first fact text that fits no size of its slot, else None.

    ``texts`` holds a fact's "figure", "statement" and "source" line, in ``lang`` (""
    for bokmål), measured with that language's faces and engine. Used when facts are
    loaded, so a text that is too long is a content error and never a failed render.
    """
    from generator.images.render import fit_slot

    for fmt, layout in FACT_LAYOUTS.items():
        for name, text in texts.items():
            if fit_slot(layout.slots[name], name, text, lang) is None:
                return name, fmt
    return None
