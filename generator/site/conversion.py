"""Markdown → HTML for the site's texts: one converter per build, and a cold build's texts
converted ahead on every core.

:func:`converter` is this build's Markdown (its settings and the plugins' extensions),
reset between texts; :func:`convert` records the content photos a text shows. The reader
(:mod:`generator.site.reader`) converts a text only when the cache
(:mod:`generator.site.markdown_cache`) has no entry for it.

:func:`convert_ahead` runs before Pelican reads anything (``article_generator_init``):
when many texts are missing from the cache (a cold build, a new version of Stemme), they
are converted by forked workers — which share this build's settings and extension
objects, handed to them through :func:`generator.core.workers.map_forked` — and put in
the cache, so the reader finds them all there. Without fork, or for
a few texts, the reader converts them one by one. A text that fails is left to the
reader, which reports the error as usual.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from markdown import Markdown

from generator.core import StemmeError, map_forked
from generator.site.content_model import content_files, load_document
from generator.site.context import BuildContext, build_context, site_facts
from generator.site.markdown_cache import MarkdownCache
from generator.site.translations import split_name

AHEAD_FROM = 24  # fewer missing texts than this are converted by the reader


def markdown_cache(context: BuildContext) -> MarkdownCache:
    """This build's Markdown cache (made on first use; the build prunes and counts it)."""
    if context.texts is None:
        context.texts = MarkdownCache(context.paths.converted_texts)
    return context.texts


def converter(settings: dict[str, Any]) -> Markdown:
    """This build's Markdown converter, reset for the next text."""
    context = build_context(settings)
    md = context.converter
    if md is None:
        md = context.converter = Markdown(**settings["MARKDOWN"])
        if "meta" in md.preprocessors:  # front matter is read by the content model
            md.preprocessors.deregister("meta")
    return md.reset()


def convert(settings: dict[str, Any], path: Path, body: str) -> tuple[str, list[Path]]:
    """(HTML, the content photos it shows) of one text."""
    md = converter(settings)
    md.stemme_source = path  # type: ignore[attr-defined]  # for extensions' errors
    md.stemme_lang = split_name(path)[1]  # type: ignore[attr-defined]  # fact boxes' language
    md.stemme_photos = []  # type: ignore[attr-defined]  # filled by the photo extension
    return md.convert(body), list(md.stemme_photos)  # type: ignore[attr-defined]


def _convert_ahead(
    settings: dict[str, Any], text: tuple[Path, str]
) -> tuple[str, list[Path]] | None:
    try:
        return convert(settings, *text)
    except Exception:
        return None  # the reader converts it again and reports the error


def convert_ahead(generator: Any) -> None:
    """Convert every text missing from the cache on every core (see the module)."""
    settings = generator.settings
    context = build_context(settings)
    cache, book, markdown = markdown_cache(context), site_facts(settings), settings["MARKDOWN"]
    missing: dict[str, tuple[Path, str]] = {}
    for path, kind in content_files(context.paths):
        try:
            body = load_document(path, kind).body
        except StemmeError:
            continue  # the reader reports it
        key = cache.key(body, book, markdown, split_name(path)[1])
        if not cache.has(key):
            missing.setdefault(key, (path, body))
    if len(missing) < AHEAD_FROM:
        return
    texts = list(missing.values())
    done = map_forked(_convert_ahead, settings, texts, label="Lager sider", chunk=8)
    for key, result in zip(missing, done, strict=True):
        if result is not None:
            cache.put(key, *result)
