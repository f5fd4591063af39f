"""Letters are rendered once per content: a cache keyed on everything that affects them.

The key is a sha256 over the letter's complete HTML (source text, facts used, letterhead
from stemme.toml, template and stylesheet — all already inside it), the font files, the
logo and photo files, WeasyPrint's version and :data:`RENDERER_VERSION`. A cached letter is
``<slug>-<key16>.pdf`` with ``<slug>-<key16>.json`` (pages, bytes) beside it, both
written atomically (temp file, then ``os.replace``; the PDF last, so its presence means
complete). Rendering a new version of a letter removes the old one. ``ensure_letters``
reports how many were rendered and how many came from the cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from generator.pdf.fonts import fonts_digest
from generator.pdf.letter import Letter
from generator.pdf.render import RENDERER_VERSION, render_pdf, weasyprint_version
from generator.pdf.template import letter_html

FOLDER = "letters"  # under .cache/stemme/


@dataclass(frozen=True)
class LetterFile:
    """A letter in the cache: where it is, its size and pages, and whether it was rendered
    in this run (``False``: it came from the cache)."""

    slug: str
    path: Path
    size: int
    pages: int
    rendered: bool

    @property
    def size_text(self) -> str:
        """«29 kB», «1,2 MB» (Norwegian decimal comma)."""
        if self.size < 1_000_000:
            return f"{max(1, round(self.size / 1000))} kB"
        return f"{self.size / 1_000_000:.1f} MB".replace(".", ",")

    @property
    def pages_text(self) -> str:
        return "1 side" if self.pages == 1 else f"{self.pages} sider"


@dataclass
class LetterReport:
    files: list[LetterFile] = field(default_factory=list)

    @property
    def rendered(self) -> int:
        return sum(1 for f in self.files if f.rendered)

    @property
    def cached(self) -> int:
        return sum(1 for f in self.files if not f.rendered)


def letter_key(html: str, assets: Iterable[Path] = ()) -> str:
    """sha256 of the HTML and of every file WeasyPrint reads besides it."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, weasyprint_version(), fonts_digest()):
        digest.update(part.encode() + b"\0")
    digest.update(html.encode("utf-8") + b"\0")
    for asset in assets:
        digest.update(hashlib.sha256(asset.read_bytes()).digest())
    return digest.hexdigest()


def _write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _prune(cache: Path, slug: str, keep: str) -> None:
    """Remove the older versions of one letter (same slug, other key)."""
    own = re.compile(rf"^{re.escape(slug)}-[0-9a-f]{{16}}\.(pdf|json)$")
    for path in cache.iterdir():
        if own.match(path.name) and not path.name.startswith(f"{keep}."):
            path.unlink(missing_ok=True)


def ensure_letter(letter: Letter, cache: Path) -> LetterFile:
    """The letter's PDF in ``cache``: rendered only when its key is new."""
    html = letter_html(letter)
    logo = letter.letterhead.logo
    key = letter_key(html, [*([logo] if logo else []), *letter.images])
    stem = f"{letter.slug}-{key[:16]}"
    pdf, info = cache / f"{stem}.pdf", cache / f"{stem}.json"
    if pdf.is_file() and info.is_file():
        try:
            pages = int(json.loads(info.read_text(encoding="utf-8"))["pages"])
            return LetterFile(letter.slug, pdf, pdf.stat().st_size, pages, rendered=False)
        except (ValueError, KeyError, TypeError):
            pass  # a damaged note only costs a new rendering
    cache.mkdir(parents=True, exist_ok=True)
    result = render_pdf(html, base_url=letter.source.parent.as_uri() + "/", identifier=key[:32])
    note = {"slug": letter.slug, "key": key, "pages": result.pages, "bytes": len(result.data)}
    _write_atomic(info, json.dumps(note).encode())
    _write_atomic(pdf, result.data)
    _prune(cache, letter.slug, stem)
    return LetterFile(letter.slug, pdf, len(result.data), result.pages, rendered=True)


def ensure_letters(letters: Iterable[Letter], cache: Path) -> LetterReport:
    return LetterReport([ensure_letter(letter, cache) for letter in letters])
