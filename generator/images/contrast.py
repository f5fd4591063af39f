"""WCAG 2 contrast between card colours; a pair under 4.5:1 is an ImageError."""

from __future__ import annotations

from generator.core import ImageError

MIN_CONTRAST = 4.5


def rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    try:
        if len(value) != 6:
            raise ValueError
        return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)
    except ValueError:
        raise ImageError(
            f'«{hex_colour}» er ikke en fargekode. Bruk formen "#5B2A86" i stemme.toml.'
        ) from None


def luminance(hex_colour: str) -> float:
    """Relative luminance as WCAG defines it (sRGB, 0 = black, 1 = white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def check_contrast(foreground: str, background: str, role: str = "teksten") -> float:
    """The ratio, or ImageError when it is below 4.5:1 (WCAG AA for normal text)."""
    ratio = contrast_ratio(foreground, background)
    if ratio < MIN_CONTRAST:
        raise ImageError(
            f"For svak kontrast mellom {role} ({foreground}) og bakgrunnen ({background}): "
            f"{ratio:.2f}:1, men kortene krever minst {MIN_CONTRAST}:1. Slik retter du det: "
            "velg en mørkere eller lysere farge i [brand] i stemme.toml (eller i kampanjens "
            "farger)."
        )
    return ratio
