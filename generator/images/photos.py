"""Photos from content (``content/bilder/``): resized, re-encoded, stripped of metadata.

``photo_set(source, cache)`` turns one original into a few widths (:data:`WIDTHS`, never
wider than the original), each as WebP and as a JPEG (PNG when the original is a PNG or
has transparency). Every variant is encoded afresh from the pixels with no metadata at
all: EXIF, and above all GPS, never reaches the site — a photo can reveal where a
shelter is. The camera's orientation is applied to the pixels first, so nothing is lost
with the EXIF.

Variants are cached in ``cache`` under names keyed on the original's content hash (and
:data:`PHOTO_VERSION`), so an unchanged photo is never encoded again, and a changed one
gets new file names (no stale copies in visitors' browsers).

``photo_problem(source)`` is what `stemme check` asks of every photo a text shows before
anything is built: a regular file of at most :data:`MAX_BYTES`, a JPEG, PNG or WebP by
its content (not its name: HTML named ``.jpg`` and SVG are refused), at most
:data:`MAX_PIXELS` pixels (a «decompression bomb» of a few kilobytes can ask for
gigabytes), and whole (every pixel decoded, so a truncated file is found). The build's
own reading (:func:`photo_set`) asks the same and fails in Norwegian, naming the photo.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from generator.core import ImageError, write_atomic

WIDTHS = (480, 800, 1200)
FORMATS = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}  # Pillow's name → ours
MAX_PIXELS = 40_000_000  # 40 megapixels: more than any camera photo on a web page needs
MAX_BYTES = 40 * 1024 * 1024
FIX_SMALLER = (
    "gjør bildet mindre enn 40 megapiksler (f.eks. 6000 × 4000 px) i et bildeprogram, "
    "og lagre det som JPEG."
)
FIX_FORMAT = "åpne bildet i et bildeprogram og lagre det som JPEG (foto) eller PNG (grafikk)."
_CHECKED: dict[tuple[str, int, int, int], tuple[str, str] | None] = {}
PHOTO_VERSION = "1"  # bump when the encoding below changes
WEBP_QUALITY = 80
JPEG_QUALITY = 82


@dataclass(frozen=True)
class Variant:
    """One encoded size of a photo: its file in the cache and its pixel size."""

    path: Path
    width: int
    height: int

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True)
class PhotoSet:
    """Every variant of one photo; ``fallback`` is JPEG or PNG, ``webp`` the same sizes."""

    webp: tuple[Variant, ...]
    fallback: tuple[Variant, ...]
    mime: str  # the fallback's type: image/jpeg or image/png

    @property
    def largest(self) -> Variant:
        return self.fallback[-1]

    @property
    def variants(self) -> tuple[Variant, ...]:
        return self.webp + self.fallback


def photo_problem(source: Path) -> tuple[str, str] | None:
    """(why, fix) when ``source`` is no photo the site may show, else None (see the
    module). The answer for an unchanged file is kept for the rest of the process."""
    try:
        st = source.stat()
    except OSError:
        return ("bildet finnes ikke", "legg bildet i content/bilder/, eller rett navnet.")
    key = (str(source), st.st_size, st.st_mtime_ns, st.st_ino)
    if key not in _CHECKED:
        _CHECKED[key] = _problem(source, st.st_size)
    return _CHECKED[key]


def _problem(source: Path, size: int) -> tuple[str, str] | None:
    if not source.is_file():
        return ("bildet er ingen vanlig fil", FIX_FORMAT)
    if size > MAX_BYTES:
        return (f"bildefilen er {size // (1024 * 1024)} MB; høyst 40 MB er tillatt", FIX_SMALLER)
    limit, Image.MAX_IMAGE_PIXELS = Image.MAX_IMAGE_PIXELS, None  # our cap comes first
    # WeasyPrint, once imported, lets Pillow load truncated files for the whole process.
    lenient, ImageFile.LOAD_TRUNCATED_IMAGES = ImageFile.LOAD_TRUNCATED_IMAGES, False
    try:
        with Image.open(source) as image:
            Image.MAX_IMAGE_PIXELS = limit
            found = image.format or "ukjent"
            if found not in FORMATS:
                return (f"filen er et {found}-bilde; bare JPEG, PNG og WebP er tillatt", FIX_FORMAT)
            width, height = image.size
            if width * height > MAX_PIXELS:
                return (_too_big(width, height), FIX_SMALLER)
            if found == "JPEG":
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
            image.load()  # every byte decoded: a truncated file fails here
    except Image.DecompressionBombError:
        return ("bildet ber om så mange piksler at det kan lamme maskinen", FIX_SMALLER)
    except UnidentifiedImageError:
        if _looks_like_svg(source):
            return ("filen er SVG, ikke et JPEG-, PNG- eller WebP-bilde", FIX_FORMAT)
        return (
            "filen er ikke et bilde Stemme kan lese (JPEG, PNG eller WebP), selv om navnet "
            "sier det",
            FIX_FORMAT,
        )
    except (OSError, SyntaxError, ValueError):
        return ("bildefilen er ødelagt eller ufullstendig (avkuttet)", FIX_FORMAT)
    finally:
        Image.MAX_IMAGE_PIXELS = limit
        ImageFile.LOAD_TRUNCATED_IMAGES = lenient
    return None


def _too_big(width: int, height: int) -> str:
    return (
        f"bildet er {width} × {height} px ({width * height / 1e6:.0f} megapiksler); "
        "så store bilder kan lamme byggingen"
    )


def _looks_like_svg(source: Path) -> bool:
    with source.open("rb") as f:
        head = f.read(2048).lower()
    return b"<svg" in head


def _open(source: Path, data: bytes) -> Image.Image:
    if problem := photo_problem(source):
        why, fix = problem
        raise ImageError(f"{source}: {why}. Slik retter du det: {fix}")
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except Exception:
        raise ImageError(
            f"{source}: bildet kan ikke leses. Slik retter du det: {FIX_FORMAT}"
        ) from None
    return ImageOps.exif_transpose(image)  # turn the pixels as the camera meant


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info


def _widths(width: int) -> list[int]:
    return list(dict.fromkeys([*(w for w in WIDTHS if w < width), min(width, WIDTHS[-1])]))


def photo_set(source: Path, cache: Path) -> PhotoSet:
    """The variants of ``source`` in ``cache``, encoding only those not cached yet."""
    data = source.read_bytes()
    key = hashlib.sha256(data + f"\0{PHOTO_VERSION}\0{WIDTHS}".encode()).hexdigest()[:12]
    stem = source.stem.lower()
    webp: list[Variant] = []
    fallback: list[Variant] = []
    image = _open(source, data)
    alpha = _has_alpha(image) or image.format == "PNG" or source.suffix.lower() == ".png"
    ext, mime = ("png", "image/png") if alpha else ("jpg", "image/jpeg")
    cache.mkdir(parents=True, exist_ok=True)
    for width in _widths(image.width):
        height = max(1, round(image.height * width / image.width))
        webp.append(Variant(cache / f"{stem}-{key}-{width}.webp", width, height))
        fallback.append(Variant(cache / f"{stem}-{key}-{width}.{ext}", width, height))
    todo = [v for v in webp + fallback if not v.path.is_file()]
    for variant in todo:
        _encode(image, variant, alpha)
    return PhotoSet(tuple(webp), tuple(fallback), mime)


def _encode(image: Image.Image, variant: Variant, alpha: bool) -> None:
    """Write one variant from the pixels alone: no EXIF, GPS, XMP, ICC or comments."""
    mode = "RGBA" if alpha else "RGB"
    pixels = image.convert(mode).resize((variant.width, variant.height), Image.Resampling.LANCZOS)
    clean = Image.new(mode, pixels.size)
    clean.paste(pixels)  # a fresh image: nothing of the original's info travels along
    out = BytesIO()
    suffix = variant.path.suffix
    if suffix == ".webp":
        clean.save(out, "WEBP", quality=WEBP_QUALITY, method=4)
    elif suffix == ".png":
        clean.save(out, "PNG", optimize=True)
    else:
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    write_atomic(variant.path, out.getvalue())
