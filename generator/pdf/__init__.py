"""Høringssvar as letters: an A4 PDF/UA-1 a ministry accepts, from the same Markdown as the page.

A layer below the site: it is handed a :class:`~generator.pdf.letter.Letter` and makes the
PDF with Typst; the site layer reads the response file into one (``generator.site.letters``:
the site's content model, its Markdown and fact boxes, and the placeholder guard). ::

    Letter (letter.py)  recipient, «Deres ref.», «Vår ref.», date, title, body, closing
        and signed_by; Letterhead from [organisation] (name, address, e-mail, phone,
        logo); split_closing takes «Med vennlig hilsen …» off the text
    markup.convert_body  the body's HTML → Typst markup through allow-lists of elements
        and attributes, every markup character escaped; photos only from
        content/bilder/ (photos.py: checked, made anew without metadata); anything else
        is an error naming the file and line
    ─ template.letter_source ─> one Typst document: the letter's values as strings,
        templates/letter.typ (letterhead, fact boxes, closing, «Side 1 av 3», «UTKAST» on
        drafts), the body; and the files it may read (logo, photos) as bytes
    ─ render.render_pdfs ─> tagged PDF/UA-1 (Typst, checked while compiling): /Lang nb,
        title, author, Lato subsets; the compiler's root is a folder of the letter's own
        files, fonts only Lato (fonts.py: the installed TTFs and their digest), no network
    cache.ensure_letter(s) / make_letters ─> .cache/stemme/letters/<slug>-<key>.pdf,
        rendered only when the hash of everything above is new, in batches on every core;
        a LetterReport counts rendered / cached; SourceIndex finds a letter by its
        sources' key before any Markdown

Who calls it: the site plugin ``generator.site.plugins.letters`` (every *sent* response,
hard-linked into ``hoeringssvar/<slug>/<slug>.pdf`` and linked from its page) and
``stemme letter FILE|SLUG`` (``generator.site.letter_command``, beside the code that reads
a response; one letter, drafts included, written to
``build/brev/``, never to ``output/``). ``check(paths, config)`` is what ``stemme check``
runs for this area (the letterhead's logo file).

This ``__init__`` stays light (no Typst), so ``stemme check`` loads quickly.
"""

from __future__ import annotations

from generator.core import Config, ContentError, Paths, Public, lazy_entrance
from generator.pdf.letter import LOGO_FIX, LOGO_INSIDE_FIX, logo_problem


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Problems that would stop a letter: the letterhead's logo must be a readable file
    inside the project."""
    logo = config.organisation.logo
    if logo is None or (problem := logo_problem(logo, paths.root)) is None:
        return [], []
    error = ContentError(
        problem,
        file=paths.config.name,
        field="organisation.logo",
        fix=LOGO_FIX if "finnes ikke" in problem else LOGO_INSIDE_FIX,
    )
    return [error], []


# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "Letter": ("generator.pdf.letter", "Letter"),
    "LetterFile": ("generator.pdf.cache", "LetterFile"),
    "LetterReport": ("generator.pdf.cache", "LetterReport"),
    "Letterhead": ("generator.pdf.letter", "Letterhead"),
    "Signer": ("generator.pdf.letter", "Signer"),
    "SourceIndex": ("generator.pdf.cache", "SourceIndex"),
    "convert_body": ("generator.pdf.markup", "convert_body"),
    "ensure_letter": ("generator.pdf.cache", "ensure_letter"),
    "fonts_digest": ("generator.pdf.fonts", "fonts_digest"),
    "letter_fact_box": ("generator.pdf.template", "letter_fact_box"),
    "make_letters": ("generator.pdf.cache", "make_letters"),
    "split_closing": ("generator.pdf.letter", "split_closing"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "Letter",
    "LetterFile",
    "LetterReport",
    "Letterhead",
    "Signer",
    "SourceIndex",
    "check",
    "convert_body",
    "ensure_letter",
    "fonts_digest",
    "letter_fact_box",
    "make_letters",
    "split_closing",
]
