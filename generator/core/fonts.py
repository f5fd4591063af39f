"""Lato, from the installed ``font_lato`` package (SIL OFL): the one way Stemme finds a
font file and the one way it makes a web font of it. Nothing is ever downloaded, so
builds work offline; a missing package is a :class:`FontError` that says how to install it.

    lato_file("Lato-Black.ttf")            → the TTF (cards, letters)
    web_font(ttf, cache, unicodes=…)       → a cached WOFF2 (site, handbook)

Web fonts are cached by the TTF's hash (and the subset), so only the first build converts,
and are deterministic (no fresh timestamp), so a rebuilt font has the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from functools import lru_cache
from pathlib import Path

from generator.core.errors import FontError
from generator.core.files import write_atomic

# Basic Latin, Latin-1 (æøå, é, «»), general punctuation (– — ‘ ’ “ ” …), € and ™.
NORWEGIAN_UNICODES = "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+2030-203A,U+20AC,U+2122"
LICENCE = "OFL.txt"


@lru_cache(maxsize=1)
def font_dir() -> Path:
    """The folder of the installed font_lato package's files."""
    try:
        import font_lato
    except ImportError:
        raise FontError(
            "Fontpakken font-lato mangler. Slik retter du det: kjør «make venv» for å "
            "installere avhengighetene."
        ) from None
    return Path(font_lato.font_directory)


def lato_file(name: str) -> Path:
    """Path of a file (``Lato-Bold.ttf``, ``OFL.txt``) in the installed font package."""
    path = font_dir() / name
    if not path.is_file():
        raise FontError(
            f"Finner ikke skriftfilen {name} i pakken font-lato ({path.parent}). "
            "Slik retter du det: installer pakkene på nytt med «make venv»."
        )
    return path


def web_font_file(ttf: str, cache: Path, *, unicodes: str | None = None) -> Path:
    """Where :func:`web_font` keeps the WOFF2 of ``ttf`` (whether it is made yet or not)."""
    source = lato_file(ttf)
    key = hashlib.sha256(source.read_bytes() + (unicodes or "").encode()).hexdigest()[:16]
    return cache / f"{ttf.removesuffix('.ttf')}-{key}.woff2"


def web_font(ttf: str, cache: Path, *, unicodes: str | None = None) -> Path:
    """A WOFF2 of ``ttf`` in ``cache`` (subset to ``unicodes`` when given), made once."""
    source = lato_file(ttf)
    target = web_font_file(ttf, cache, unicodes=unicodes)
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    from fontTools import subset  # slow to load; only a first build converts
    from fontTools.ttLib import TTFont

    font = TTFont(source, recalcTimestamp=False)  # same bytes on every machine and run
    if unicodes:
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["kern", "liga", "lnum", "tnum"]
        options.name_IDs = ["*"]  # keep the licence and copyright names
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    write_atomic(target, data.getvalue())
    return target
