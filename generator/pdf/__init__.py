"""Høringssvar as letters: an A4 PDF a ministry accepts, from the same Markdown as the page.

How a letter is made (each step a module)::

    content/hoeringssvar/<slug>.md ─ letter.load_letter ─> Letter
        front matter (site's content model) → recipient, «Deres ref.», «Vår ref.»,
        date (sent, else date), title, signed_by; a sent response with the draft's
        placeholders is refused (generator.site.placeholders)
        body → markup.body_html: the site's MARKDOWN settings, [[fakta:ID]] as text
        stemme.toml [organisation] → Letterhead (name, address, e-mail, phone, logo)
    Letter ─ template.letter_html ─> one HTML document (letter.html + letter.css,
        Lato @font-face from fonts.py, footer, page numbers, «UTKAST» on drafts)
    HTML ─ render.render_pdf ─> tagged PDF/UA-1 (WeasyPrint): /Lang nb, title, author,
        Lato embedded as subsets
    cache.ensure_letter(s) ─> .cache/stemme/letters/<slug>-<key>.pdf, rendered only
        when the hash of everything above is new; reports rendered / cached

Who calls it: the site plugin ``generator.site.letters_plugin`` (every *sent* response,
copied to ``hoeringssvar/<slug>/<slug>.pdf`` and linked from its page) and
``stemme letter FILE|SLUG`` in ``commands.py`` (one letter, drafts included, written to
``build/brev/``, never to ``output/``). ``check(paths, config)`` is what ``stemme check``
runs for this area (the letterhead's logo file).

Import from the modules (``generator.pdf.letter``, ``generator.pdf.cache``, …); this
package's ``__init__`` stays light so ``stemme check`` does not load WeasyPrint.
"""

from __future__ import annotations

from generator.config import Config, Paths
from generator.errors import ContentError

LOGO_FIX = "legg logoen der, eller rett eller fjern nøkkelen."


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
