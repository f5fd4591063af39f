"""Pelican plugin: every sent høringssvar also becomes a PDF letter, linked from its page.

- ``article_generator_finalized`` (after every article is read, before any page is
  written): for each *sent* response (a draft never gets a letter, not even in the
  preview in build/preview/, where drafts are shown), the
  letter is made (:mod:`generator.site.letters`, :mod:`generator.pdf`) — from the cache
  when nothing that affects it changed — and the article gets ``.letter`` (url, size,
  pages) for the template's «Last ned som PDF» link.
- ``finalized``: the PDFs are copied beside their pages, ``hoeringssvar/<slug>/<slug>.pdf``,
  into the build's temporary output folder (the build swaps it in only if all went well).

The report (rendered / from the cache) is logged and left in the settings under
``STEMME_LETTERS`` for the build to return. Module-level receivers (signals hold weak
references) and ``register()``, like the other plugins.
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from pelican import signals

from generator.facts import load_facts
from generator.pdf.cache import FOLDER, LetterReport, ensure_letter
from generator.site.letters import load_letter
from generator.site.project import project_config, project_paths

log = logging.getLogger(__name__)

REPORT = "STEMME_LETTERS"  # settings key: this run's LetterReport
_COPIES = "_STEMME_LETTER_COPIES"  # settings key: (cached PDF, path in the output)


def is_sent_response(article: Any) -> bool:
    category = getattr(getattr(article, "category", None), "slug", None)
    return category == "hoeringssvar" and getattr(article, "response_status", None) == "sendt"


def prepare_letters(generator: Any) -> None:
    """Make (or find in the cache) the letter of every sent response; link it."""
    settings = generator.settings
    report, copies = LetterReport(), []
    settings[REPORT], settings[_COPIES] = report, copies
    responses = [a for a in generator.articles if is_sent_response(a)]
    if not responses:
        return
    paths = project_paths(settings)
    config, book = project_config(settings), load_facts(paths.facts)
    cache = Path(settings.get("STEMME_CACHE") or paths.cache) / FOLDER
    for article in responses:
        letter = load_letter(
            Path(article.source_path),
            slug=article.slug,
            config=config,
            root=paths.root,
            book=book,
            markdown=settings["MARKDOWN"],
        )
        file = ensure_letter(letter, cache)
        report.files.append(file)
        saved_as = Path(article.save_as).parent / letter.file_name
        copies.append((file.path, saved_as))
        article.letter = {
            "url": saved_as.as_posix(),
            "name": letter.file_name,
            "size": file.size_text,
            "pages": file.pages_text,
        }
    log.info("Brev (PDF): %d laget, %d uendret", report.rendered, report.cached)


def publish_letters(pelican: Any) -> None:
    """Copy this run's letters into the output, beside their pages."""
    output = Path(pelican.settings["OUTPUT_PATH"])
    for cached, saved_as in pelican.settings.pop(_COPIES, []):
        dest = output / saved_as
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, dest)


def register() -> None:
    signals.article_generator_finalized.connect(prepare_letters)
    signals.finalized.connect(publish_letters)
