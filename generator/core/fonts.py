"""Lato, from the installed ``font_lato`` package (SIL OFL), and the Noto faces for other
scripts (Arabic, Urdu, Ethiopic, Cyrillic), from Debian's ``fonts-noto-core`` (SIL OFL):
the one way Stemme finds a font file and the one way it makes a web font of it. Nothing
is ever downloaded, so builds work offline; a missing package is a :class:`FontError`
that says how to install it.

    lato_file("Lato-Black.ttf")            → the TTF (cards, letters)
    noto_file("NotoSansArabic-Bold.ttf")   → the TTF from fonts-noto-core
    font_file(name)                        → either, by the file's name
    web_font(ttf, cache, unicodes=…)       → a cached WOFF2 (site, handbook)

The Noto faces come from the system package rather than files in the repository: they
are large (the Urdu face alone is 0.6 MB a weight), Debian keeps them up to date, and a
site that publishes only Latin-script languages never needs them.

Web fonts are cached by the TTF's hash (and the subset), so only the first build converts,
and are deterministic (no fresh timestamp), so a rebuilt font has the same bytes.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from generator.core.errors import FontError
from generator.core.files import write_atomic

# Basic Latin, Latin-1 (æøå, é, «»), general punctuation (– — ‘ ’ “ ” …), € and ™.
NORWEGIAN_UNICODES = "U+0020-007E,U+00A0-00FF,U+0152-0153,U+2010-2027,U+2030-203A,U+20AC,U+2122"
LICENCE = "OFL.txt"


@dataclass(frozen=True)
class Face:
    """One Lato face: its CSS weight and style and its file in the font package."""

    weight: int
    style: str
    ttf: str

    @property
    def woff2(self) -> str:
        return self.ttf.removesuffix(".ttf") + ".woff2"


# The one table of Lato faces Stemme uses (cards, letters, site, handbook pick from it).
LATO = (
    Face(400, "normal", "Lato-Regular.ttf"),
    Face(400, "italic", "Lato-Italic.ttf"),
    Face(700, "normal", "Lato-Bold.ttf"),
    Face(700, "italic", "Lato-BoldItalic.ttf"),
    Face(900, "normal", "Lato-Black.ttf"),
    Face(900, "italic", "Lato-BlackItalic.ttf"),
)


def lato_face(weight: int, style: str = "normal") -> Face:
    """The face of ``weight`` and ``style`` in :data:`LATO`."""
    return next(f for f in LATO if (f.weight, f.style) == (weight, style))


def fonts_digest(faces: Iterable[Face]) -> str:
    """sha256 over the bytes of the faces' files, in file-name order (a cache key part)."""
    digest = hashlib.sha256()
    for ttf in sorted({face.ttf for face in faces}):
        digest.update(lato_file(ttf).read_bytes())
    return digest.hexdigest()


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


# Where Debian (and Ubuntu) install fonts-noto-core.
NOTO_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/noto"))
NOTO_PACKAGE = "fonts-noto-core"


def noto_file(name: str) -> Path:
    """Path of a Noto face (``NotoSansArabic-Bold.ttf``) from the system's fonts-noto-core."""
    for folder in NOTO_DIRS:
        path = folder / name
        if path.is_file():
            return path
    raise FontError(
        f"Finner ikke skriftfilen {name}, som trengs for språk med annen skrift enn latin "
        f"(arabisk, urdu, tigrinja, ukrainsk). Den kommer fra systempakken {NOTO_PACKAGE}. "
        f"Slik retter du det: kjør «sudo apt-get install {NOTO_PACKAGE}» "
        "(«bash .ci/run» installerer den også)."
    )


def font_file(name: str) -> Path:
    """A font file by name: Noto faces from fonts-noto-core, the rest from font-lato."""
    return noto_file(name) if name.startswith("Noto") else lato_file(name)


def web_font_file(ttf: str, cache: Path, *, unicodes: str | None = None) -> Path:
    """Where :func:`web_font` keeps the WOFF2 of ``ttf`` (whether it is made yet or not)."""
    source = font_file(ttf)
    key = hashlib.sha256(source.read_bytes() + (unicodes or "").encode()).hexdigest()[:16]
    return cache / f"{ttf.removesuffix('.ttf')}-{key}.woff2"


def web_font(ttf: str, cache: Path, *, unicodes: str | None = None) -> Path:
    """A WOFF2 of ``ttf`` in ``cache`` (subset to ``unicodes`` when given), made once."""
    source = font_file(ttf)
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
        # Arabic, Urdu and Ethiopic need all their shaping features (joining forms,
        # marks, ligatures); Lato needs only these.
        latin = ["kern", "liga", "lnum", "tnum"]
        options.layout_features = ["*"] if ttf.startswith("Noto") else latin
        options.name_IDs = ["*"]  # keep the licence and copyright names
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
        subsetter.subset(font)
    font.flavor = "woff2"
    data = io.BytesIO()
    font.save(data)
    write_atomic(target, data.getvalue())
    return target
