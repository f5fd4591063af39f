"""Pelican plugin: every sent høringssvar also becomes a PDF letter, linked from its page.

- ``article_generator_finalized`` (after every article is read, before any page is
  written): for each *sent* response (a draft never gets a letter, not even in the
  preview in build/preview/, where drafts are shown), the letter is found by the key of
  its sources (:func:`generator.site.letters.sources_key`) — no Markdown, no HTML — or
  else made (:mod:`generator.site.letters`, :mod:`generator.pdf`: from the PDF cache
  when its HTML is unchanged, else rendered, all new letters at once on every core);
  the article gets ``.letter`` (url, size, pages) for the template's «Last ned som PDF»
  link.
- ``finalized``: the PDFs are hard-linked beside their pages,
  ``hoeringssvar/<slug>/<slug>.pdf``, into the build's temporary output folder (the build
  swaps it in only if all went well).

The report (rendered / from the cache) is logged and left in the build context
(:mod:`generator.site.context`) for the build to return. Module-level receivers (signals hold weak
references) and ``register()``, like the other plugins.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from pelican import signals

from generator.core import link_or_copy
from generator.pdf import Letter, LetterFile, LetterReport, SourceIndex, make_letters
from generator.site.context import build_context, site_facts
from generator.site.letters import load_letter, sources_key

log = logging.getLogger(__name__)


def is_sent_response(article: Any) -> bool:
    category = getattr(getattr(article, "category", None), "slug", None)
    return category == "hoeringssvar" and getattr(article, "response_status", None) == "sendt"


def prepare_letters(generator: Any) -> None:
    """Make (or find in the cache) the letter of every sent response; link it."""
    settings = generator.settings
    context = build_context(settings)
    context.letters, context.letter_copies = LetterReport(), []
    started = time.perf_counter()
    responses = [a for a in generator.articles if is_sent_response(a)]
    if not responses:
        return
    paths = context.paths
    files = _letter_files(responses, settings, paths.root, paths.letters_cache)
    context.letters = report = LetterReport(files)
    for article, file in zip(responses, files, strict=True):
        saved_as = Path(article.save_as).parent / f"{article.slug}.pdf"
        context.letter_copies.append((file.path, saved_as))
        article.letter = {
            "url": saved_as.as_posix(),
            "name": saved_as.name,
            "size": file.size_text,
            "pages": file.pages_text,
        }
    context.count("brev", report.rendered, report.cached, time.perf_counter() - started)
    log.info("Brev (PDF): %d laget, %d uendret", report.rendered, report.cached)


def _letter_files(
    responses: list[Any], settings: dict[str, Any], root: Path, cache: Path
) -> list[LetterFile]:
    """Each response's letter: found by its sources' key, else made on every core
    (Markdown, then the PDF cache, then rendering: :func:`generator.pdf.cache.make_letters`)."""
    config, book = build_context(settings).config, site_facts(settings)
    index = SourceIndex(cache)
    found: list[LetterFile | None] = []
    to_make: list[tuple[str, Callable[[], Letter]]] = []
    for article in responses:
        path = Path(article.source_path)
        how = {"slug": article.slug, "config": config, "root": root, "book": book,
               "markdown": settings["MARKDOWN"]}  # fmt: skip
        key = sources_key(path, **how)
        found.append(index.find(key, article.slug))
        if found[-1] is None:
            to_make.append((key, partial(load_letter, path, **how)))
    made = make_letters([maker for _key, maker in to_make], cache)
    for (key, _maker), letter in zip(to_make, made, strict=True):
        index.remember(key, letter.file, letter.images)
    index.prune()
    fresh = iter(made)
    return [file or next(fresh).file for file in found]


def publish_letters(pelican: Any) -> None:
    """Copy this run's letters into the output, beside their pages."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    context = build_context(pelican.settings)
    copies, context.letter_copies = context.letter_copies, []
    for cached, saved_as in copies:
        dest = output / saved_as
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(cached, dest)


def register() -> None:
    signals.article_generator_finalized.connect(prepare_letters)
    signals.finalized.connect(publish_letters)
