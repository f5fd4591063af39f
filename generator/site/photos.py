"""Photos on pages: ``![alt text](bilder/foto.jpg)`` in Markdown becomes a ``<picture>``.

Staff put photos in ``content/bilder/`` and refer to them as ``bilder/…``, ``/bilder/…``
or ``../bilder/…``. The Markdown extension swaps each such image for a ``<picture>``:
WebP sources and a JPEG/PNG fallback in a few widths (``srcset``), ``width``/``height``
set, lazy loading; :func:`generator.images.photos.photo_set` does the pixels (metadata
stripped, cached by content hash). At the end of the build the variants the pages use
are linked into ``output/bilder/``; the originals never are.

``check`` (part of ``stemme check``) fails an image without alt text, or one whose file
is missing, naming the file and the line and saying how to fix it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from generator.core import Config, ContentError, Paths, StemmeError
from generator.images import PhotoSet, photo_problem, photo_set
from generator.site.content_model import content_files, read_markdown
from generator.site.context import build_context

PHOTOS_URL = "bilder"  # content/bilder/ → output/bilder/ (variants only)
SIZES = "(max-width: 44rem) 100vw, 42rem"  # the text column (.prose) is 42rem wide
_MARKDOWN_IMAGE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)"
)
_HTML_IMAGE = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_ALT = re.compile(r"\balt\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.S)
_SRC = re.compile(r"\bsrc\s*=\s*([\"'])(.*?)\1", re.IGNORECASE | re.S)
FIX_ALT = (
    "skriv hva bildet viser mellom klammene, f.eks. "
    "«![To hender holder en kopp kaffe](bilder/kaffe.jpg)». "
    "Beskriv det en som ikke ser bildet, trenger å vite."
)


def photo_file(src: str, content: Path) -> Path | None:
    """The file in content/bilder/ an image source names, or None if it names none."""
    rel = src.replace("{static}", "").split("?")[0].split("#")[0]
    while rel.startswith(("../", "./", "/")):
        rel = rel.removeprefix("../").removeprefix("./").removeprefix("/")
    if not rel.startswith(f"{PHOTOS_URL}/"):
        return None
    folder = (content / PHOTOS_URL).resolve()
    path = (content / rel).resolve()
    return path if path.is_relative_to(folder) else None


# ── check ────────────────────────────────────────────────────────────────────────────


def image_problems(file: Path, body: str, first_line: int, content: Path) -> list[ContentError]:
    """Images without alt text, and content photos whose file is missing."""
    problems = []
    for number, line in enumerate(body.splitlines(), start=first_line):
        found = [(m["alt"], m["src"]) for m in _MARKDOWN_IMAGE.finditer(line)]
        for tag in _HTML_IMAGE.findall(line):
            alt, src = _ALT.search(tag), _SRC.search(tag)
            found.append((alt.group(2) if alt else "", src.group(2) if src else ""))
        for alt, src in found:
            if not alt.strip():
                problems.append(
                    ContentError(
                        f"bildet «{src}» mangler alt-tekst.", file=file, line=number, fix=FIX_ALT
                    )
                )
            if problem := _photo_file_problem(src, content):
                problems.append(
                    ContentError(problem[0] + ".", file=file, line=number, fix=problem[1])
                )
    return problems


def _named_photo(src: str, content: Path) -> Path | None:
    """The path in content/bilder/ an image source names, links not resolved."""
    rel = src.replace("{static}", "").split("?")[0].split("#")[0]
    while rel.startswith(("../", "./", "/")):
        rel = rel.removeprefix("../").removeprefix("./").removeprefix("/")
    return content / rel if rel.startswith(f"{PHOTOS_URL}/") else None


def _photo_file_problem(src: str, content: Path) -> tuple[str, str] | None:
    """(why, fix) when a content photo is missing, links out of content/bilder/ or is no
    photo the site may show (:func:`generator.images.photos.photo_problem`)."""
    named = _named_photo(src, content)
    if named is None:
        return None
    path = photo_file(src, content)
    if path is None:
        if named.is_symlink() or named.resolve() != named.absolute():
            return (
                f"bildet «{src}» er en lenke til en fil utenfor content/{PHOTOS_URL}/; "
                "det ville ikke blitt vist",
                f"kopier selve bildet inn i content/{PHOTOS_URL}/ og slett lenken.",
            )
        return None
    if not path.is_file():
        return (
            f"fant ikke bildet «{src}»",
            f"legg bildet i content/{PHOTOS_URL}/, eller rett navnet.",
        )
    if problem := photo_problem(path):
        return (f"bildet «{src}»: {problem[0]}", problem[1])
    return None


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Every image in every content file: (errors, warnings)."""
    errors: list[ContentError] = []
    for path, _kind in content_files(paths):
        try:
            _meta, body, first_line = read_markdown(path)
        except StemmeError:
            continue  # the content model reports a broken file
        rel = path.relative_to(paths.root)
        errors += image_problems(rel, body, first_line, paths.content)
    return errors, []


# ── Markdown ─────────────────────────────────────────────────────────────────────────


def picture(element: etree.Element, photos: PhotoSet, alt: str) -> None:
    """Turn ``<img>`` into ``<picture>`` (WebP sources, fallback ``<img>``) in place."""
    title = element.get("title")
    element.clear()
    element.tag = "picture"
    srcset = lambda variants: ", ".join(f"/{PHOTOS_URL}/{v.name} {v.width}w" for v in variants)  # noqa: E731
    etree.SubElement(element, "source", type="image/webp", srcset=srcset(photos.webp), sizes=SIZES)
    largest = photos.largest
    img = etree.SubElement(
        element,
        "img",
        src=f"/{PHOTOS_URL}/{largest.name}",
        srcset=srcset(photos.fallback),
        sizes=SIZES,
        width=str(largest.width),
        height=str(largest.height),
        alt=alt,
        loading="lazy",
        decoding="async",
    )
    if title:
        img.set("title", title)


class PhotoTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, content: Path, cache: Path, used: dict[str, Any]) -> None:
        super().__init__(md)
        self.content, self.cache, self.used = content, cache, used

    def run(self, root: etree.Element) -> None:
        for element in list(root.iter("img")):
            path = photo_file(element.get("src", ""), self.content)
            if path is None:
                continue
            if not path.is_file():
                raise ContentError(
                    f"fant ikke bildet «{element.get('src')}».",
                    file=getattr(self.md, "stemme_source", None),
                    fix=f"legg bildet i content/{PHOTOS_URL}/, eller rett navnet.",
                )
            photos = photo_set(path, self.cache)
            self.used[str(path)] = photos
            getattr(self.md, "stemme_photos", []).append(path)  # for the Markdown cache
            picture(element, photos, element.get("alt", ""))


class PhotoExtension(Extension):
    def __init__(self, content: Path, cache: Path, used: dict[str, Any], **kwargs: Any) -> None:
        self.content, self.cache, self.used = content, cache, used
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        processor = PhotoTreeprocessor(md, self.content, self.cache, self.used)
        md.treeprocessors.register(processor, "stemme_bilder", 5)


# ── Pelican ──────────────────────────────────────────────────────────────────────────


def show_photo(settings: dict[str, Any], path: Path) -> None:
    """A page taken from the Markdown cache shows ``path``: publish its variants too."""
    context = build_context(settings)
    if str(path) not in context.photos:
        context.photos[str(path)] = photo_set(path, context.paths.photo_variants)
