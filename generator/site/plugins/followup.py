"""Pelican plugin: «Hva skjedde videre?» on a sent response's page.

The watcher (``stemme watch``, :mod:`generator.watch.follow`) writes the public steps of
a followed matter into ``<slug>.videre.yaml`` beside the response in
``content/hoeringssvar/``; this plugin only reads that file (never the state DB or the
network), through the allow-list reader :func:`generator.watch.follow.public.read_steps`,
and gives the article ``.followup`` (a list of steps: date, text, url) for the template
``partials/followup.html``. A response without the file simply has no block.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from generator.site.plugins.letters import is_sent_response
from generator.watch import read_steps, steps_path


def attach_followup(generator: Any) -> None:
    for article in generator.articles:
        if not is_sent_response(article):
            continue
        path = steps_path(Path(article.source_path))
        if path.exists() or path.is_symlink():
            article.followup = read_steps(path)


def register() -> None:
    signals.article_generator_finalized.connect(attach_followup)
