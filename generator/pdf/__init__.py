"""Høringssvar as letters: an A4 PDF a ministry accepts, from the same Markdown as the page.

A layer below the site: it is handed a :class:`~generator.pdf.letter.Letter` and makes the
PDF; the site layer reads the response file into one (``generator.site.letters``: the
site's content model, its Markdown and fact boxes, and the placeholder guard). ::

    Letter (letter.py)  recipient, «Deres ref.», «Vår ref.», date, title, body HTML,
        closing and signed_by; Letterhead from [organisation] (name, address, e-mail,
        phone, logo); split_closing takes «Med vennlig hilsen …» off the text
    ─ template.letter_html ─> one HTML document: templates/letter.html + letter.css,
        Lato @font-face (fonts.py, from generator.core.fonts), footer, «Side 1 av 3»,
        «UTKAST» on drafts; letter_fact_box is how a fact reads in a letter
    ─ render.render_pdf ─> tagged PDF/UA-1 (WeasyPrint): /Lang nb, title, author, fonts
        embedded as subsets
    cache.ensure_letter(s) / make_letters ─> .cache/stemme/letters/<slug>-<key>.pdf,
        rendered only when the hash of everything above is new, in batches on every core
        (render.render_pdfs: one font configuration per batch); a LetterReport counts
        rendered / cached; SourceIndex finds a letter by its sources' key before any HTML

Who calls it: the site plugin ``generator.site.letters_plugin`` (every *sent* response,
hard-linked into ``hoeringssvar/<slug>/<slug>.pdf`` and linked from its page) and
``stemme letter FILE|SLUG`` in ``commands.py`` (one letter, drafts included, written to
``build/brev/``, never to ``output/``). ``check(paths, config)`` is what ``stemme check``
runs for this area (the letterhead's logo file).

This ``__init__`` stays light (no WeasyPrint), so ``stemme check`` loads quickly.
"""

from __future__ import annotations

from generator.core.config import Config, Paths
from generator.core.errors import ContentError
from generator.pdf.letter import LOGO_FIX


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Problems that would stop a letter: the letterhead's logo must be a readable file."""
    logo = config.organisation.logo
    if logo is None or (paths.root / logo).is_file():
        return [], []
    error = ContentError(
        f"peker på {logo}, men den filen finnes ikke.",
        file=paths.config.name,
        field="organisation.logo",
        fix=LOGO_FIX,
    )
    return [error], []


__all__ = ["check"]
