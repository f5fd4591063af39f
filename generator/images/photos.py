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
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from generator.core.errors import ImageError
from generator.core.files import write_atomic

WIDTHS = (480, 800, 1200)
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


def _open(source: Path, data: bytes) -> Image.Image:
    try:
        image = Image.open(BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError) as exc:
        raise ImageError(
            f"{source}: bildet kan ikke leses ({exc}). Lagre det som JPEG eller PNG og prøv igjen."
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
