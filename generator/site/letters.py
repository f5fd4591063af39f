"""A høringssvar file → its :class:`~generator.pdf.letter.Letter`, with the site's own rules.

The page and the letter are made from the same file by the same means, so they cannot
drift apart: the front matter is read with the site's content model, a *sent* response
that still has the draft's placeholders is refused (:mod:`generator.site.placeholders`),
and the body is converted with the site's ``MARKDOWN`` settings (pelicanconf.py) and its
``[[fakta:ID]]`` extension — told to render a fact as text for print
(:func:`generator.pdf.template.letter_fact_box`). Used by the letters plugin and by
``stemme letter``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Markdown

from generator.core.config import Config
from generator.core.errors import ContentErrors
from generator.facts import FactBook
from generator.pdf.letter import Letter, Letterhead, Signer, split_closing
from generator.pdf.template import letter_fact_box
from generator.site.content_model import ResponseMeta, load_document, sent_response_errors
from generator.site.fact_boxes import FactBoxExtension


def letter_markdown(settings: Mapping[str, Any], book: FactBook, source: Path) -> Markdown:
    """A converter with the site's Markdown settings and the letter's fact boxes."""
    options = {k: v for k, v in settings.items() if k != "extensions"}
    # Pelican adds every configured extension by name; instances are kept too, except the
    # site's fact boxes, which the letter replaces with its own.
    extensions: list[Any] = list(options.get("extension_configs", {}))
    for extension in settings.get("extensions", []):
        if not isinstance(extension, FactBoxExtension) and extension not in extensions:
            extensions.append(extension)
    extensions.append(FactBoxExtension(book, box=letter_fact_box))
    md = Markdown(**{**options, "extensions": extensions})
    if "meta" in md.preprocessors:  # front matter is read separately, as on the site
        md.preprocessors.deregister("meta")
    md.stemme_source = source  # type: ignore[attr-defined]  # for the fact box's errors
    return md


def load_letter(
    path: Path,
    *,
    slug: str,
    config: Config,
    root: Path,
    book: FactBook,
    markdown: Mapping[str, Any],
) -> Letter:
    """Read ``path`` (a høringssvar) and build its letter; a draft is marked as a draft."""
    doc = load_document(path, "hoeringssvar")
    meta = doc.meta
    assert isinstance(meta, ResponseMeta)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    if errors := sent_response_errors(doc, shown):
        raise ContentErrors(errors)
    org = config.organisation
    names = {n.lower() for n in (org.name, org.short_name) if n}
    body, greeting, extra = split_closing(doc.body, names)
    return Letter(
        slug=slug,
        source=path,
        title=meta.title,
        summary=meta.summary,
        recipient=meta.department,
        your_reference=meta.reference,
        our_reference=meta.our_reference,
        date=meta.sent or meta.date,
        body_html=letter_markdown(markdown, book, path).convert(body),
        greeting=greeting,
        closing_lines=extra,
        signers=tuple(Signer(s.name, s.role) for s in meta.signed_by),
        draft=meta.status != "sendt",
        letterhead=Letterhead.from_config(config, root),
    )
