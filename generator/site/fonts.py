"""Self-served web fonts for the site: Lato subset to the Latin range Norwegian needs,
as WOFF2 made once by :func:`generator.core.fonts.web_font` and linked into the output."""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.fonts import LICENCE, NORWEGIAN_UNICODES, lato_file, web_font
from generator.core.hardlinks import link_or_copy

# Name in the output → file in the font package.
WEIGHTS = {
    "lato-400": "Lato-Regular.ttf",
    "lato-700": "Lato-Bold.ttf",
    "lato-900": "Lato-Black.ttf",
}


def install_fonts(dest: Path, cache: Path) -> list[Path]:
    """Write the WOFF2 fonts (and the OFL licence) into ``dest``; return the files."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, ttf in WEIGHTS.items():
        cached = web_font(ttf, cache / "fonts", unicodes=NORWEGIAN_UNICODES)
        link_or_copy(cached, dest / f"{name}.woff2")
        written.append(dest / f"{name}.woff2")
    shutil.copyfile(lato_file(LICENCE), dest / LICENCE)
    return written
