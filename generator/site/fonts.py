"""Self-served web fonts from the installed OFL font package (font_lato).

The TTFs are subset to the Latin range Norwegian needs and saved as WOFF2 once; the
result is cached by the source file's hash, so builds stay fast and need no network.
"""

from __future__ import annotations

import hashlib
import shutil
from importlib import resources
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from generator.errors import BuildError

# Name in the output → file in the font package.
WEIGHTS = {
    "lato-400": "Lato-Regular.ttf",
    "lato-700": "Lato-Bold.ttf",
    "lato-900": "Lato-Black.ttf",
}
# Basic Latin, Latin-1 (æøå, é, «»), general punctuation (– — ‘ ’ “ ” …), € and ™.
UNICODES = "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+2030-203A,U+20AC,U+2122"


def font_file(name: str) -> Path:
    """Path of a TTF in the installed font_lato package."""
    try:
        path = resources.files("font_lato") / "files" / name
    except ModuleNotFoundError:
        raise BuildError(
            "Fontpakken font-lato mangler. Kjør «make venv» for å installere avhengighetene."
        ) from None
    return Path(str(path))


def _subset(src: Path, dest: Path) -> None:
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["kern", "liga", "lnum", "tnum"]
    options.name_IDs = ["*"]  # keep the licence and copyright names
    font = TTFont(src)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=subset.parse_unicodes(UNICODES))
    subsetter.subset(font)
    font.flavor = "woff2"
    tmp = dest.with_suffix(".tmp")
    font.save(tmp)
    tmp.replace(dest)


def install_fonts(dest: Path, cache: Path) -> list[Path]:
    """Write the WOFF2 fonts (and the OFL licence) into ``dest``; return the files."""
    dest.mkdir(parents=True, exist_ok=True)
    (cache / "fonts").mkdir(parents=True, exist_ok=True)
    written = []
    for name, ttf in WEIGHTS.items():
        src = font_file(ttf)
        digest = hashlib.sha256(src.read_bytes()).hexdigest()[:16]
        cached = cache / "fonts" / f"{name}-{digest}.woff2"
        if not cached.exists():
            _subset(src, cached)
        shutil.copyfile(cached, dest / f"{name}.woff2")
        written.append(dest / f"{name}.woff2")
    shutil.copyfile(font_file("OFL.txt"), dest / "OFL.txt")
    return written
