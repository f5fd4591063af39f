"""Pelican plugin: the Pagefind index of the finished build (``SEARCH_INDEX``), made by
:mod:`generator.site.search`; the last one reused when no page changed (the build context
holds what it was made from). A failure is logged as an error: the build fails."""

from __future__ import annotations

import logging
import shutil
from pathlib import Path
from typing import Any

from pelican import signals

from generator.core import code_digest
from generator.site.context import build_context
from generator.site.search import BUNDLE, build_indexes, pages_digest, reuse_index

log = logging.getLogger(__name__)


def index_site(pelican: Any) -> None:
    settings = pelican.settings
    if not settings.get("SEARCH_INDEX"):
        return
    context = build_context(settings)
    output = Path(settings["OUTPUT_PATH"])
    for old in output.glob(f"{BUNDLE}*"):  # pagefind/, pagefind-en/ … (one per language)
        shutil.rmtree(old, ignore_errors=True)
    state = context.search = {"html": pages_digest(output), "code": code_digest()}
    if reuse_index(context.previous_search, state, output):
        return
    languages = context.config.languages
    try:
        build_indexes(output, languages.default, tuple(languages.published))
    except RuntimeError as exc:
        context.search = None
        log.error("%s", exc)  # the build treats every logged error as fatal


def register() -> None:
    signals.finalized.connect(index_site)
