"""A høringssvar file → its :class:`~generator.pdf.letter.Letter`, with the site's own rules.

The page and the letter are made from the same file by the same means, so they cannot
drift apart: the front matter is read with the site's content model, a *sent* response
that still has the draft's placeholders is refused (:mod:`generator.placeholders`),
and the body is converted with the site's ``MARKDOWN`` settings (pelicanconf.py) and its
``[[fakta:ID]]`` extension — told to render a fact as text for print
(:func:`generator.pdf.template.letter_fact_box`). The HTML becomes the letter's Typst
markup through the letter's allow-list (:mod:`generator.pdf.markup`): a photo from
``content/bilder/`` is embedded (checked and made anew, not the site's web variants);
any other image, a risky element or attribute is an error naming the line, never left
out in silence. :func:`letter_check` is what ``stemme check`` says about the file.
Used by the letters plugin and by ``stemme letter``. :func:`sources_key` hashes what a
letter is made from, so the build finds an unchanged response's letter without
converting it (:class:`generator.pdf.cache.SourceIndex`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown

from generator.core import Config, ContentError, ContentErrors, Paths, code_digest, file_hash
from generator.facts import FactBook
from generator.pdf import (
    Letter,
    Letterhead,
    Signer,
    convert_body,
    fonts_digest,
    letter_fact_box,
    split_closing,
)
from generator.placeholders import strip_notes
from generator.site.content_model import (
    ResponseMeta,
    check_document,
    load_document,
    read_markdown,
    sent_response_errors,
)
from generator.site.fact_boxes import FactBoxExtension
from generator.site.markdown_cache import facts_named, markdown_fingerprint
from generator.site.photos import PhotoExtension, image_problems

# The site's own extensions a letter replaces (fact boxes) or leaves out (web photos).
_REPLACED = (FactBoxExtension, PhotoExtension)


def letter_markdown(settings: Mapping[str, Any], book: FactBook, source: Path) -> Markdown:
    """A converter with the site's Markdown settings and the letter's fact boxes (images
    stay ``<img>``: the letter's converter decides)."""
    options = {k: v for k, v in settings.items() if k != "extensions"}
    # Pelican adds every configured extension by name; instances are kept too, except
    # those the letter replaces.
    extensions: list[Any] = list(options.get("extension_configs", {}))
    for extension in settings.get("extensions", []):
        if not isinstance(extension, _REPLACED) and extension not in extensions:
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
    # Notes (<!-- … -->) out first: after the greeting they would read as closing lines.
    body, greeting, extra = split_closing(strip_notes(doc.body), names)
    md = letter_markdown(markdown, book, path)
    site = config.site.url.rstrip("/")
    letter_body = convert_body(
        md.convert(body),
        content=Paths(root).content,
        page_url=f"{site}/hoeringssvar/{slug}/",
        file=str(shown),
        source_text=doc_text(path),
    )
    return Letter(
        slug=slug,
        source=path,
        title=meta.title,
        summary=meta.summary,
        recipient=meta.department,
        your_reference=meta.reference,
        our_reference=meta.our_reference,
        date=meta.sent or meta.date,
        body=letter_body,
        greeting=greeting,
        closing_lines=extra,
        signers=tuple(Signer(s.name, s.role) for s in meta.signed_by),
        draft=meta.status != "sendt",
        letterhead=Letterhead.from_config(config, root),
    )


def doc_text(path: Path) -> str:
    """The response file's text (for the line numbers of the letter's errors)."""
    return path.read_text(encoding="utf-8", errors="replace")


def letter_check(path: Path, *, config: Config, root: Path, book: FactBook) -> None:
    """What ``stemme check`` says about this response file (its content model, risky
    HTML, unknown facts and images), raised as ContentErrors before a letter is made."""
    paths = Paths(root)
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    own_host = urlsplit(config.site.url).hostname
    ids = {fact.id for fact in book}
    errors: list[ContentError] = [
        e.relocated(shown) for e in check_document(path, "hoeringssvar", ids, own_host)
    ]
    try:
        _meta, body, first_line = read_markdown(path)
    except ContentError:
        body = ""  # reported above
    errors += image_problems(shown, body, first_line if body else 1, paths.content)
    if errors:
        raise ContentErrors(errors)


def sources_key(
    path: Path,
    *,
    slug: str,
    config: Config,
    root: Path,
    book: FactBook,
    markdown: Mapping[str, Any],
) -> str:
    """sha256 of everything :func:`load_letter` and the letter's rendering read — except
    the photos, which are known once the text is converted (the index records them)."""
    head = Letterhead.from_config(config, root)
    org = config.organisation
    _meta, body, _line = read_markdown(path)
    parts = [
        code_digest(),
        fonts_digest(),
        slug,
        repr(head),
        json.dumps([org.name, org.short_name]),
        markdown_fingerprint(markdown),
        json.dumps(facts_named(body, book)),
    ]
    digest = hashlib.sha256("\0".join(parts).encode("utf-8"))
    digest.update(file_hash(path).digest())
    if head.logo is not None:
        digest.update(file_hash(head.logo).digest())
    return digest.hexdigest()
