"""Letters are rendered once per content: a cache keyed on everything that affects them.

The key is a sha256 over the letter's complete Typst source (text, facts used, letterhead
from stemme.toml, template — all already inside it), the bytes of the files it may read
(logo, photos), the font files, Typst's version and :data:`RENDERER_VERSION`. A cached letter is
``<slug>-<key16>.pdf`` with ``<slug>-<key16>.json`` (pages, bytes) beside it, both
written atomically (temp file, then ``os.replace``; the PDF last, so its presence means
complete). Rendering a new version of a letter removes the old one. ``make_letters``
builds, looks up and renders letters in batches on every core
(:func:`generator.core.workers.map_forked`; in a process that has compiled a
letter already, here: :func:`generator.pdf.render.compiled_here`) — the caller hands it a
*maker* per letter, so even the Markdown of a letter is done in the workers.
``ensure_letters`` does the same for letters already built and reports how many were
rendered and how many came from the cache.

A second, earlier key saves even the Markdown: the site layer hashes a response's *sources*
(its file, the facts it names, the letterhead, the Markdown settings, the code version)
and :class:`SourceIndex` (``kilder/<key>.json``) remembers which cached letter those
sources made, with the photos it embeds — so an unchanged response is neither converted
nor laid out again.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from generator.core import digests_match, file_digests, map_forked, worker_count, write_atomic
from generator.pdf.fonts import fonts_digest
from generator.pdf.letter import Letter
from generator.pdf.render import (
    RENDERER_VERSION,
    PdfJob,
    RenderedPdf,
    compiled_here,
    load_fonts,
    render_pdfs,
    typst_version,
)
from generator.pdf.template import LetterSource, letter_source


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


def letter_key(source: LetterSource) -> str:
    """sha256 of the Typst source and of every file the compiler may read besides it."""
    digest = hashlib.sha256()
    for part in (RENDERER_VERSION, typst_version(), fonts_digest()):
        digest.update(part.encode() + b"\0")
    digest.update(source.text.encode("utf-8") + b"\0")
    for name, data in source.files:
        digest.update(name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()


_OWN = re.compile(r"^(?P<slug>.+)-[0-9a-f]{16}\.(?:pdf|json)$")


def _prune(cache: Path, keep: dict[str, str]) -> None:
    """Remove the older versions of the letters in ``keep`` (slug → the stem to keep)."""
    for path in cache.iterdir():
        own = _OWN.match(path.name)
        if own and own["slug"] in keep and path.name.rsplit(".", 1)[0] != keep[own["slug"]]:
            path.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Planned:
    """A letter with its Typst source and key, before the cache is asked."""

    letter: Letter
    source: LetterSource
    key: str

    @classmethod
    def of(cls, letter: Letter) -> _Planned:
        source = letter_source(letter)
        return cls(letter, source, letter_key(source))

    @property
    def stem(self) -> str:
        return f"{self.letter.slug}-{self.key[:16]}"

    def job(self) -> PdfJob:
        letter = self.letter
        return PdfJob(self.source.text, self.source.files, letter.date, letter.source.name)


def _from_cache(planned: _Planned, cache: Path) -> LetterFile | None:
    pdf, info = cache / f"{planned.stem}.pdf", cache / f"{planned.stem}.json"
    if not (pdf.is_file() and info.is_file()):
        return None
    try:
        pages = int(json.loads(info.read_text(encoding="utf-8"))["pages"])
    except (ValueError, KeyError, TypeError):
        return None  # a damaged note only costs a new rendering
    return LetterFile(planned.letter.slug, pdf, pdf.stat().st_size, pages, rendered=False)


def _store(planned: _Planned, result: RenderedPdf, cache: Path) -> LetterFile:
    slug = planned.letter.slug
    pdf, info = cache / f"{planned.stem}.pdf", cache / f"{planned.stem}.json"
    note = {"slug": slug, "key": planned.key, "pages": result.pages, "bytes": len(result.data)}
    write_atomic(info, json.dumps(note).encode())
    write_atomic(pdf, result.data)
    return LetterFile(slug, pdf, len(result.data), result.pages, rendered=True)


@dataclass(frozen=True)
class MadeLetter:
    """A letter's PDF in the cache, and the photo files the letter embeds."""

    file: LetterFile
    images: tuple[Path, ...]


def _batches(count: int) -> list[list[int]]:
    """A few batches per core (the cores stay busy to the end), at most 20 letters each."""
    size = max(1, min(20, -(-count // (worker_count() * 4))))
    return [list(range(i, min(i + size, count))) for i in range(0, count, size)]


def _finish(planned: list[_Planned], cache: Path) -> list[MadeLetter]:
    """Look the letters up in the cache, render the others (together), store them."""
    files = [_from_cache(p, cache) for p in planned]
    todo = [p for p, file in zip(planned, files, strict=True) if file is None]
    rendered = iter(render_pdfs([p.job() for p in todo]))
    return [
        MadeLetter(file or _store(p, next(rendered), cache), p.letter.images)
        for p, file in zip(planned, files, strict=True)
    ]


def _make_batch(
    making: tuple[Sequence[Callable[[], Letter]], Path], indices: list[int]
) -> list[MadeLetter] | None:
    """In a worker: make these letters of ``making`` (the letters' makers, the cache).
    None: something failed, the caller tries again."""
    makers, cache = making
    try:
        return _finish([_Planned.of(makers[i]()) for i in indices], cache)
    except Exception:
        return None  # made again by the caller, where the error is raised as it should


def make_letters(
    makers: Sequence[Callable[[], Letter]], cache: Path, progress: bool | None = None
) -> list[MadeLetter]:
    """Each maker's letter (in order) with its PDF in ``cache``: built, looked up and, when
    its key is new, rendered — in batches on every core (forked workers run the makers)."""
    cache.mkdir(parents=True, exist_ok=True)
    batches = _batches(len(makers))
    if makers:
        load_fonts()  # once, shared by the forked workers
    # Workers need not walk the build's heap in every collection: freeze it before the fork.
    gc.freeze()
    try:
        done = map_forked(
            _make_batch,
            (makers, cache),
            batches,
            label="Lager brev",
            progress=progress,
            pool_from=len(batches) + 1 if compiled_here() else 2,
        )
    finally:
        gc.unfreeze()
    made: list[MadeLetter] = []
    for indices, batch in zip(batches, done, strict=True):
        made += batch or _finish([_Planned.of(makers[i]()) for i in indices], cache)
    if rendered := {m.file.slug: m.file.path.stem for m in made if m.file.rendered}:
        _prune(cache, rendered)
    return made


def ensure_letters(
    letters: Sequence[Letter], cache: Path, progress: bool | None = None
) -> LetterReport:
    """Every letter's PDF in ``cache``, in order; those whose key is new are rendered, on
    every core when there are several."""
    made = make_letters([partial(_given, letter) for letter in letters], cache, progress)
    return LetterReport([m.file for m in made])


def _given(letter: Letter) -> Letter:
    return letter


def ensure_letter(letter: Letter, cache: Path) -> LetterFile:
    """The letter's PDF in ``cache``: rendered only when its key is new."""
    return ensure_letters([letter], cache).files[0]


class SourceIndex:
    """Which cached letter a response's sources made (see the module docstring).

    ``find(key)`` is the letter, unless it left the cache or a photo it embeds changed;
    ``remember(key, file, photos)`` records a letter just made or found; ``prune()``
    removes the records this build did not use.
    """

    FOLDER = "kilder"

    def __init__(self, cache: Path) -> None:
        self.cache, self.folder = cache, cache / self.FOLDER
        self.used: set[str] = set()

    def find(self, key: str, slug: str) -> LetterFile | None:
        try:
            note = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            pdf, pages = self.cache / str(note["pdf"]), int(note["pages"])
            photos = [(Path(p), digest) for p, digest in note["photos"]]
            if not digests_match(photos):
                return None
            found = LetterFile(slug, pdf, pdf.stat().st_size, pages, rendered=False)
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.used.add(key)
        return found

    def remember(self, key: str, file: LetterFile, photos: Iterable[Path]) -> None:
        note = {
            "pdf": file.path.name,
            "pages": file.pages,
            "photos": file_digests(photos),
        }
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self.folder / f"{key}.json", json.dumps(note).encode())
        self.used.add(key)

    def prune(self) -> None:
        if self.folder.is_dir():
            for path in self.folder.glob("*.json"):
                if path.stem not in self.used:
                    path.unlink(missing_ok=True)
