"""Self-served web fonts for the site: Lato subset to the Latin range Norwegian needs,
as WOFF2 made once by :func:`generator.core.fonts.web_font` and linked into the output.

Making them takes a couple of seconds, and only the end of a build needs them, so a build
without them in the cache (a cold build) starts :func:`fonts_ahead` at once: another
process makes them while this one reads and writes the pages.
"""

from __future__ import annotations

import multiprocessing
import shutil
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.core import (
    LICENCE,
    NORWEGIAN_UNICODES,
    can_fork,
    lato_face,
    lato_file,
    link_or_copy,
    quiet_interrupt,
    web_font,
    web_font_file,
)

# Name in the output → file in the font package.
WEIGHTS = {f"lato-{weight}": lato_face(weight).ttf for weight in (400, 700, 900)}


def install_fonts(dest: Path, fonts: Path) -> list[Path]:
    """Write the WOFF2 fonts (and the OFL licence) into ``dest``; return the files."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for name, ttf in WEIGHTS.items():
        cached = web_font(ttf, fonts, unicodes=NORWEGIAN_UNICODES)
        link_or_copy(cached, dest / f"{name}.woff2")
        written.append(dest / f"{name}.woff2")
    shutil.copyfile(lato_file(LICENCE), dest / LICENCE)
    return written


def make_fonts(fonts: Path) -> None:
    quiet_interrupt()  # runs in a forked process: Ctrl+C ends it without a traceback
    for ttf in WEIGHTS.values():
        web_font(ttf, fonts, unicodes=NORWEGIAN_UNICODES)


def fonts_ahead(fonts: Path) -> BaseProcess | None:
    """Start making the fonts the cache lacks in a forked process (None: nothing to do,
    or no fork here — :func:`install_fonts` then makes them). Join it before installing."""
    files = [web_font_file(t, fonts, unicodes=NORWEGIAN_UNICODES) for t in WEIGHTS.values()]
    if all(f.is_file() for f in files) or not can_fork():
        return None
    process = multiprocessing.get_context("fork").Process(target=make_fonts, args=(fonts,))
    process.start()
    return process
