"""The photos a letter may show: files in ``content/bilder/``, checked and made anew.

A letter shows a photo only when its source names a file in ``content/bilder/``
(``bilder/x.jpg``, ``../bilder/x.jpg``, ``/bilder/x.jpg`` or ``{static}/bilder/x.jpg``, as
on the site) that, with every link resolved, is still inside that folder and is a regular
file. Anything else — an absolute path, ``../`` out of the folder, ``file:``, ``data:``,
``http(s):`` — is no photo of the letter (:func:`photo_path` returns None and the letter
refuses it with an error: it is never left out silently).

:func:`letter_photo` reads the file once (at most :data:`MAX_BYTES`), checks the bytes
are a JPEG, PNG, GIF or WebP image (no SVG: it can pull in other files) of at most
:data:`MAX_PIXELS` that decodes to the end, turns it as the camera meant and encodes
it afresh at most :data:`MAX_WIDTH` px wide (150 dpi across the text column) with no
metadata at all: no EXIF, and above all no GPS — a photo can reveal where a shelter is.
Those bytes, not the file, are what the letter's compiler reads.
"""

from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from urllib.parse import unquote

from PIL import Image, ImageOps, UnidentifiedImageError

PHOTOS = "bilder"  # content/bilder/
FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}  # what a letter takes (SVG never)
MAX_BYTES = 25_000_000
MAX_PIXELS = 89_000_000  # Pillow's own limit against decompression bombs
MAX_WIDTH = 1000  # 150 dpi across the 165 mm text column
JPEG_QUALITY = 85
PHOTO_FIX = (
    "legg bildet i content/bilder/ og sett det inn med "
    "«![Hva bildet viser](../bilder/navn.jpg)» – eller fjern det fra brevet."
)


class PhotoProblem(Exception):
    """A photo that cannot go in a letter: what is wrong (Norwegian) and the fix."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


@dataclass(frozen=True)
class LetterPhoto:
    """A photo as the letter embeds it: fresh bytes, the file name's extension."""

    data: bytes
    extension: str


def photo_path(src: str, content: Path) -> Path | None:
    """The file in ``content/bilder/`` that ``src`` names (links resolved), or None."""
    rel = unquote(src.replace("{static}", "").split("?")[0].split("#")[0]).strip()
    while rel.startswith(("../", "./", "/")):
        rel = rel.removeprefix("../").removeprefix("./").removeprefix("/")
    if not rel.startswith(f"{PHOTOS}/") or "\\" in rel or "\0" in rel:
        return None
    folder = (content / PHOTOS).resolve()
    path = (content / rel).resolve()
    return path if path.is_relative_to(folder) and path != folder else None


def _read(path: Path) -> bytes:
    """The file's bytes: a regular file of at most MAX_BYTES, or a PhotoProblem."""
    try:
        info = os.stat(path)
    except OSError:
        raise PhotoProblem("bildet finnes ikke", PHOTO_FIX) from None
    if not stat.S_ISREG(info.st_mode):
        raise PhotoProblem("bildet er ikke en vanlig fil", PHOTO_FIX)
    if info.st_size > MAX_BYTES:
        raise PhotoProblem(
            f"bildefilen er {info.st_size // 1_000_000} MB, mer enn et brev tar "
            f"({MAX_BYTES // 1_000_000} MB)",
            "lagre bildet mindre (f.eks. 2000 px bredt) og prøv igjen.",
        )
    with open(path, "rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise PhotoProblem("bildefilen vokste mens den ble lest", PHOTO_FIX)
    return data


def _decode(data: bytes) -> Image.Image:
    """The pixels of a JPEG, PNG, GIF or WebP image, fully decoded."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            image = None
        except (UnidentifiedImageError, OSError, ValueError):
            raise PhotoProblem(
                "filen er ikke et bilde Stemme kan lese (SVG, HTML eller en skadet fil?)",
                "lagre bildet som JPEG eller PNG i content/bilder/ og prøv igjen.",
            ) from None
    if image is None or image.width * image.height > MAX_PIXELS:
        raise PhotoProblem(
            "bildet har for mange piksler",
            f"gjør bildet mindre enn {MAX_PIXELS // 1_000_000} millioner piksler "
            "(f.eks. 4000 × 3000 px) og prøv igjen.",
        )
    if image.format not in FORMATS:
        raise PhotoProblem(
            f"bildet er {image.format or 'et ukjent format'}; et brev tar JPEG, PNG, GIF og WebP",
            "lagre bildet som JPEG eller PNG og prøv igjen.",
        )
    try:
        image.load()
    except (OSError, ValueError, SyntaxError):
        raise PhotoProblem(
            "bildefilen er skadet eller ufullstendig",
            "lagre bildet på nytt som JPEG eller PNG og prøv igjen.",
        ) from None
    return image


def letter_photo(path: Path) -> LetterPhoto:
    """The photo at ``path`` (from :func:`photo_path`) as a letter embeds it."""
    image = ImageOps.exif_transpose(_decode(_read(path)))
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if alpha else "RGB"
    pixels = image.convert(mode)
    if pixels.width > MAX_WIDTH:
        height = max(1, round(pixels.height * MAX_WIDTH / pixels.width))
        pixels = pixels.resize((MAX_WIDTH, height), Image.Resampling.LANCZOS)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)  # a fresh image: nothing of the original's info travels along
    out = BytesIO()
    if alpha:
        clean.save(out, "PNG", optimize=True)
        return LetterPhoto(out.getvalue(), "png")
    clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    return LetterPhoto(out.getvalue(), "jpg")
