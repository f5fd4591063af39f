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
from functools import cache
from html import escape
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markupsafe import Markup

from generator.facts import DEFAULT_LANGUAGE, FACT_LINE, Fact, FactBook, fact_markers
from generator.placeholders import strip_notes
from generator.site import i18n

BOX_TEXTS = i18n.FACT_BOX_TEXTS


@cache
def _catalogue(theme: Path, lang: str) -> Any:
    return i18n.translations(theme, lang)


def fact_box_html(fact: Fact, lang: str | None = None, theme: Path | None = None) -> Markup:
    """The fact box: one sentence for screen readers, the figure big for the eye.

    In ``lang`` (with the catalogues of ``theme``) where the fact is translated into it;
    the bokmål box otherwise, byte for byte as before.
    """
    source = fact.source
    text = fact.text(lang) if lang else fact.text()
    if text.lang == DEFAULT_LANGUAGE or theme is None:
        words = {key: msgid for key, msgid in BOX_TEXTS.items()}
        source_html = (
            f'Kilde: <a href="{escape(source.url)}" rel="noreferrer">'
            f"{escape(source.name)}</a> ({source.year})"
        )
    else:
        catalogue = _catalogue(theme, text.lang)
        words = {key: catalogue.gettext(msgid) for key, msgid in BOX_TEXTS.items()}
        source_html = _linked_source(text.source_line, source.name, source.url)
    label = words["label"] % {"figure": text.figure}
    return Markup(
        # A note, not a landmark (several boxes per page). rel=stylesheet is allowed in <body>.
        f'<div class="faktaboks" role="note" aria-label="{escape(label)}">\n'
        '<link rel="stylesheet" href="/theme/css/facts.css">\n'
        f'<p class="faktaboks__fakta"><strong class="faktaboks__tall">{escape(text.figure)}'
        f"</strong> {escape(text.statement)}</p>\n"
        f'<p class="faktaboks__kilde">{source_html}</p>\n'
        f'<p class="faktaboks__kort"><a href="/fakta/{fact.id}/">{escape(words["card"])}'
        f"</a></p>\n</div>"
    )


def _linked_source(line: str, name: str, url: str) -> str:
    """A translated source line with the source's name as the link (where it appears)."""
    before, found, after = line.partition(name)
    if not found:
        return escape(line)
    link = f'<a href="{escape(url)}" rel="noreferrer">{escape(name)}</a>'
    return f"{escape(before)}{link}{escape(after)}"


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
            lang = getattr(self.md, "stemme_lang", None)
            box = self.box(fact, lang) if lang else self.box(fact)  # type: ignore[call-arg]
            out += ["", self.md.htmlStash.store(box), ""]
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
