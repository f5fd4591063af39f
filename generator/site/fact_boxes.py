"""Fact boxes: the one way a fact reaches a page, in Markdown and in templates.

``[[fakta:ID]]`` on a line of its own (:data:`generator.facts.FACT_LINE`) becomes
:func:`fact_box_html` through :class:`FactBoxExtension`, in content pages (Pelican's
Markdown) and campaign sections alike; templates call the same function as the Jinja
global ``fact_box(fact)``. An unknown id is a FactError naming the file and the line.

The same extension takes the writers' internal notes (HTML comments, ``<!-- … -->``) out
of the text first (:class:`NotesPreprocessor`, :func:`generator.placeholders.strip_notes`):
every converter of the site's texts — pages, campaign sections, letters — has this
extension, so a note reaches no page, feed or letter.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from generator.facts import FACT_LINE, Fact, FactBook, fact_markers
from generator.placeholders import strip_notes


def fact_box_html(fact: Fact) -> Markup:
    """The fact box: one sentence for screen readers, the figure big for the eye."""
    source = fact.source
    return Markup(
        # A note, not a landmark (several boxes per page). rel=stylesheet is allowed in <body>.
        f'<div class="faktaboks" role="note" aria-label="Fakta: {escape(fact.figure)}">\n'
        '<link rel="stylesheet" href="/theme/css/facts.css">\n'
        f'<p class="faktaboks__fakta"><strong class="faktaboks__tall">{escape(fact.figure)}'
        f"</strong> {escape(fact.statement)}</p>\n"
        f'<p class="faktaboks__kilde">Kilde: <a href="{escape(source.url)}" rel="noreferrer">'
        f"{escape(source.name)}</a> ({source.year})</p>\n"
        f'<p class="faktaboks__kort"><a href="/fakta/{fact.id}/">Last ned og del '
        f"faktakortet</a></p>\n</div>"
    )


class NotesPreprocessor(Preprocessor):
    """Internal notes (HTML comments) out of the text, before anything else reads it."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if "<!--" not in text:
            return lines
        return strip_notes(text).split("\n")


class FactBoxPreprocessor(Preprocessor):
    def __init__(
        self, md: Markdown, book: Callable[[], FactBook], box: Callable[[Fact], str]
    ) -> None:
        super().__init__(md)
        self.book = book
        self.box = box

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for number, line in enumerate(lines, 1):
            match = FACT_LINE.match(line)
            if not match:
                out.append(line)
                continue
            fact = self.book().require(
                match.group(1), file=self._source(), line=self._line(match.group(1), number)
            )
            out += ["", self.md.htmlStash.store(self.box(fact)), ""]
        return out

    def _source(self) -> str | None:
        source = getattr(self.md, "stemme_source", None)
        return str(source) if source else None

    def _line(self, fact_id: str, fallback: int) -> int:
        """The line in the file itself (the body passed to Markdown lacks front matter)."""
        source = getattr(self.md, "stemme_source", None)
        try:
            text = Path(source).read_text(encoding="utf-8") if source else ""
        except OSError:
            return fallback
        return next((n for n, fid in fact_markers(text) if fid == fact_id), fallback)


class FactBoxExtension(Extension):
    """Markdown extension for ``[[fakta:ID]]`` block lines.

    ``box`` turns a fact into HTML: the site's fact box by default; the høringssvar
    letters pass their own (:func:`generator.pdf.template.letter_fact_box`).
    """

    def __init__(
        self,
        book: FactBook | Callable[[], FactBook],
        box: Callable[[Fact], str] = fact_box_html,
        **kwargs: Any,
    ) -> None:
        # A callable is asked on every conversion, so a rebuild sees an edited fakta.yaml.
        self.book = book if callable(book) else lambda: book
        self.box = box
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        # After normalize_whitespace (30), before html_block (20): a comment is never
        # stashed as raw HTML, and a commented-out [[fakta:…]] line makes no box.
        md.preprocessors.register(NotesPreprocessor(md), "stemme_notes", 28)
        md.preprocessors.register(FactBoxPreprocessor(md, self.book, self.box), "stemme_fakta", 27)
