"""The letter's body: the same Markdown as the site, with fact boxes as plain text.

``letter_markdown`` builds a Markdown converter from the site's ``MARKDOWN`` settings
(pelicanconf.py: the same extensions and configuration the pages use) and the site's
``[[fakta:ID]]`` extension, told to render a fact as figure, statement and source in
text — a letter is printed and archived, so it has no links to the cards.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from pathlib import Path
from typing import Any

from markdown import Markdown

from generator.facts import Fact, FactBook
from generator.site.facts_plugin import FactBoxExtension


def letter_fact_box(fact: Fact) -> str:
    """A fact as the letter shows it: «1 av 4 drap … Kilde: NOU 2020: 17 … (2020)»."""
    return (
        '<div class="fact">\n'
        f'<p class="fact__text"><strong class="fact__figure">{escape(fact.figure)}</strong> '
        f"{escape(fact.statement)}</p>\n"
        f'<p class="fact__source">{escape(fact.source_line)}</p>\n'
        "</div>"
    )


def letter_markdown(settings: Mapping[str, Any], book: FactBook, source: Path) -> Markdown:
    """A converter with the site's Markdown settings and the letter's fact boxes."""
    options = {k: v for k, v in settings.items() if k != "extensions"}
    configs = dict(options.get("extension_configs", {}))
    # Pelican adds every configured extension by name; instances (like the site's own
    # FactBoxExtension) are kept, except the fact boxes, which the letter renders itself.
    extensions: list[Any] = list(configs)
    for extension in settings.get("extensions", []):
        if isinstance(extension, FactBoxExtension) or extension in extensions:
            continue
        extensions.append(extension)
    extensions.append(FactBoxExtension(book, box=letter_fact_box))
    md = Markdown(**{**options, "extensions": extensions})
    if "meta" in md.preprocessors:  # front matter is read separately, as on the site
        md.preprocessors.deregister("meta")
    md.stemme_source = source  # type: ignore[attr-defined]  # for the fact box's errors
    return md


def body_html(markdown: str, settings: Mapping[str, Any], book: FactBook, source: Path) -> str:
    return letter_markdown(settings, book, source).convert(markdown)
