"""Markdown → HTML for the site's texts: one converter per build, and a cold build's texts
converted ahead on every core.

:func:`converter` is this build's Markdown (its settings and the plugins' extensions),
reset between texts; :func:`convert` records the content photos a text shows. The reader
(:mod:`generator.site.reader`) converts a text only when the cache
(:mod:`generator.site.markdown_cache`) has no entry for it.

:func:`convert_ahead` runs before Pelican reads anything (``article_generator_init``):
when many texts are missing from the cache (a cold build, a new version of Stemme), they
are converted by forked workers — which share this build's settings and extension
objects — and put in the cache, so the reader finds them all there. Without fork, or for
a few texts, the reader converts them one by one. A text that fails is left to the
reader, which reports the error as usual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown

from generator.core.errors import StemmeError
from generator.core.workers import map_on_cores
from generator.site.content_model import content_files, load_document
from generator.site.facts_plugin import site_facts
from generator.site.markdown_cache import FOLDER, MarkdownCache
from generator.site.project import project_paths

CACHE = "_STEMME_MARKDOWN_CACHE"  # settings key: this build's MarkdownCache
_CONVERTER = "_STEMME_MARKDOWN"  # settings key: this build's Markdown converter
AHEAD_FROM = 24  # fewer missing texts than this are converted by the reader
# What the forked workers convert: (this build's settings, [(file, body)]).
_AHEAD: tuple[dict[str, Any], list[tuple[Path, str]]] | None = None


def markdown_cache(settings: dict[str, Any]) -> MarkdownCache:
    """This build's Markdown cache (made on first use; the build prunes and counts it)."""
    cache = settings.get(CACHE)
    if cache is None:
        root = Path(settings.get("STEMME_CACHE") or Path(settings["PATH"]).parent / ".cache")
        cache = settings[CACHE] = MarkdownCache(root / FOLDER)
    return cache


def converter(settings: dict[str, Any]) -> Markdown:
    """This build's Markdown converter, reset for the next text."""
    md = settings.get(_CONVERTER)
    if md is None:
        md = settings[_CONVERTER] = Markdown(**settings["MARKDOWN"])
        if "meta" in md.preprocessors:  # front matter is read by the content model
            md.preprocessors.deregister("meta")
    return md.reset()


def convert(settings: dict[str, Any], path: Path, body: str) -> tuple[str, list[Path]]:
    """(HTML, the content photos it shows) of one text."""
    md = converter(settings)
    md.stemme_source = path  # type: ignore[attr-defined]  # for extensions' errors
    md.stemme_photos = []  # type: ignore[attr-defined]  # filled by the photo extension
    return md.convert(body), list(md.stemme_photos)  # type: ignore[attr-defined]


def _convert_ahead(index: int) -> tuple[str, list[Path]] | None:
    assert _AHEAD is not None
    settings, texts = _AHEAD
    try:
        return convert(settings, *texts[index])
    except Exception:
        return None  # the reader converts it again and reports the error


def convert_ahead(generator: Any) -> None:
    """Convert every text missing from the cache on every core (see the module)."""
    global _AHEAD
    settings = generator.settings
    cache, book, markdown = markdown_cache(settings), site_facts(settings), settings["MARKDOWN"]
    missing: dict[str, tuple[Path, str]] = {}
    for path, kind in content_files(project_paths(settings)):
        try:
            body = load_document(path, kind).body
        except StemmeError:
            continue  # the reader reports it
        key = cache.key(body, book, markdown)
        if not cache.has(key):
            missing.setdefault(key, (path, body))
    if len(missing) < AHEAD_FROM:
        return
    _AHEAD = (settings, list(missing.values()))
    try:
        done = map_on_cores(
            _convert_ahead, range(len(missing)), label="Lager sider", forked=True, chunk=8
        )
    finally:
        _AHEAD = None
    for key, result in zip(missing, done, strict=True):
        if result is not None:
            cache.put(key, *result)
