"""Self-served web fonts for the site: Lato subset to the Latin range Norwegian needs,
as WOFF2 made once by :func:`generator.core.fonts.web_font` and linked into the output,
and — for pages in other scripts — subsets of Lato's Latin Extended-A (Polish) and of
the Noto faces from fonts-noto-core (Cyrillic, Arabic, Urdu Nastaliq, Ethiopic).

Every script face is declared in the stylesheet under the family «Lato» with its own
``unicode-range``, so a browser fetches it only for a page that has such characters (a
bokmål page never loads Arabic) and takes every character it lacks from the next face:
Noto Sans Ethiopic has no ASCII digits, and a Tigrinya page's figures come from Lato.
Urdu uses the family «Stemme Nastaliq» (``:lang(ur)`` in the stylesheet).

Making them takes a couple of seconds, and only the end of a build needs them, so a build
without them in the cache (a cold build) starts :func:`fonts_ahead` at once: another
process makes them while this one reads and writes the pages.
"""

from __future__ import annotations

import multiprocessing
import shutil
from collections.abc import Iterable
from multiprocessing.process import BaseProcess
from pathlib import Path

from generator.core import (
    LICENCE,
    NORWEGIAN_UNICODES,
    FontError,
    can_fork,
    lato_face,
    lato_file,
    link_or_copy,
    noto_file,
    quiet_interrupt,
    web_font,
    web_font_file,
)

# Name in the output → file in the font package.
WEIGHTS = {f"lato-{weight}": lato_face(weight).ttf for weight in (400, 700, 900)}

ARABIC = "U+0600-06FF,U+0750-077F,U+08A0-08FF,U+FB50-FDFF,U+FE70-FEFF,U+200C-200F"
# Name in the output → (font file, the characters kept). The ranges are the stylesheet's
# unicode-range for the same file.
SCRIPT_FACES: dict[str, tuple[str, str]] = {
    "lato-ext-400": ("Lato-Regular.ttf", "U+0100-017F"),
    "lato-ext-700": ("Lato-Bold.ttf", "U+0100-017F"),
    "lato-ext-900": ("Lato-Black.ttf", "U+0100-017F"),
    "noto-cyrillic-400": ("NotoSans-Regular.ttf", "U+0400-045F,U+0490-0491,U+02BC,U+2116"),
    "noto-cyrillic-700": ("NotoSans-Bold.ttf", "U+0400-045F,U+0490-0491,U+02BC,U+2116"),
    "noto-arabic-400": ("NotoSansArabic-Regular.ttf", ARABIC),
    "noto-arabic-700": ("NotoSansArabic-Bold.ttf", ARABIC),
    "noto-nastaliq-400": ("NotoNastaliqUrdu-Regular.ttf", ARABIC),
    "noto-nastaliq-700": ("NotoNastaliqUrdu-Bold.ttf", ARABIC),
    "noto-ethiopic-400": ("NotoSansEthiopic-Regular.ttf", "U+1200-139F,U+2D80-2DDF,U+AB00-AB2F"),
    "noto-ethiopic-700": ("NotoSansEthiopic-Bold.ttf", "U+1200-139F,U+2D80-2DDF,U+AB00-AB2F"),
}
# Which faces a language's pages need (others are Latin and need Lato only).
LANGUAGE_FACES = {
    "pl": ("lato-ext",),
    "uk": ("noto-cyrillic",),
    "ar": ("noto-arabic",),
    "ur": ("noto-nastaliq",),
    "ti": ("noto-ethiopic",),
}
NOTO_LICENCE = "OFL-noto.txt"


def _noto_available() -> bool:
    try:
        noto_file("NotoSans-Regular.ttf")
    except FontError:
        return False
    return True


def script_faces(languages: Iterable[str] | None = None) -> dict[str, tuple[str, str]]:
    """The script faces to install: those ``languages`` need (a FontError later if the
    Noto package is missing), or — when the languages are not known — every one the
    system can make."""
    if languages is None:
        noto = _noto_available()
        return {n: f for n, f in SCRIPT_FACES.items() if noto or f[0].startswith("Lato")}
    wanted = {p for lang in languages for p in LANGUAGE_FACES.get(lang, ())}
    return {n: f for n, f in SCRIPT_FACES.items() if n.rsplit("-", 1)[0] in wanted}


def _all_faces(languages: Iterable[str] | None) -> dict[str, tuple[str, str]]:
    lato = {name: (ttf, NORWEGIAN_UNICODES) for name, ttf in WEIGHTS.items()}
    return {**lato, **script_faces(languages)}


def install_fonts(dest: Path, fonts: Path, languages: Iterable[str] | None = None) -> list[Path]:
    """Write the WOFF2 fonts (and the OFL licences) into ``dest``; return the files."""
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    faces = _all_faces(languages)
    for name, (ttf, unicodes) in faces.items():
        cached = web_font(ttf, fonts, unicodes=unicodes)
        link_or_copy(cached, dest / f"{name}.woff2")
        written.append(dest / f"{name}.woff2")
    shutil.copyfile(lato_file(LICENCE), dest / LICENCE)
    if any(ttf.startswith("Noto") for ttf, _ in faces.values()):
        licence = _noto_licence()
        if licence:
            shutil.copyfile(licence, dest / NOTO_LICENCE)
    return written


def _noto_licence() -> Path | None:
    """Debian keeps the OFL text of fonts-noto-core in its copyright file."""
    path = Path("/usr/share/doc/fonts-noto-core/copyright")
    return path if path.is_file() else None


def make_fonts(fonts: Path, languages: tuple[str, ...] | None = None) -> None:
    quiet_interrupt()  # runs in a forked process: Ctrl+C ends it without a traceback
    for ttf, unicodes in _all_faces(languages).values():
        web_font(ttf, fonts, unicodes=unicodes)


def fonts_ahead(fonts: Path, languages: Iterable[str] | None = None) -> BaseProcess | None:
    """Start making the fonts the cache lacks in a forked process (None: nothing to do,
    or no fork here — :func:`install_fonts` then makes them). Join it before installing."""
    languages = None if languages is None else tuple(languages)
    try:
        faces = _all_faces(languages)
        files = [web_font_file(t, fonts, unicodes=u) for t, u in faces.values()]
    except FontError:
        return None  # install_fonts says what is missing
    if all(f.is_file() for f in files) or not can_fork():
        return None
    process = multiprocessing.get_context("fork").Process(
        target=make_fonts, args=(fonts, languages)
    )
    process.start()
    return process
