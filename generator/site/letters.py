"""A høringssvar file → its :class:`~generator.pdf.letter.Letter`, with the site's own rules.

The page and the letter are made from the same file by the same means, so they cannot
drift apart: the front matter is read with the site's content model, a *sent* response
that still has the draft's placeholders is refused (:mod:`generator.placeholders`),
and the body is converted with the site's ``MARKDOWN`` settings (pelicanconf.py) and its
``[[fakta:ID]]`` extension — told to render a fact as text for print
(:func:`generator.pdf.template.letter_fact_box`). A photo from ``content/bilder/`` is
embedded from its file (not the site's web variants); any other image becomes its alt
text, since a letter loads nothing from the web. Used by the letters plugin and by
``stemme letter``. :func:`sources_key` hashes what a letter is made from, so the build
finds an unchanged response's letter without converting it
(:class:`generator.pdf.cache.SourceIndex`).
"""

from __future__ import annotations

import hashlib
import json
import xml.etree.ElementTree as etree
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from generator.core.code_version import code_version
from generator.core.config import Config, Paths
from generator.core.errors import ContentErrors
from generator.facts import FactBook
from generator.pdf.fonts import fonts_digest
from generator.pdf.letter import Letter, Letterhead, Signer, split_closing
from generator.pdf.template import letter_fact_box
from generator.placeholders import strip_notes
from generator.site.content_model import (
    ResponseMeta,
    load_document,
    read_markdown,
    sent_response_errors,
)
from generator.site.fact_boxes import FactBoxExtension
from generator.site.markdown_cache import facts_named, markdown_fingerprint
from generator.site.photos import PhotoExtension, photo_file

# The site's own extensions a letter replaces (fact boxes) or leaves out (web photos).
_REPLACED = (FactBoxExtension, PhotoExtension)


class LetterImages(Treeprocessor):
    """A content photo → its file (recorded in ``used``); another image → its alt text."""

    def __init__(self, md: Markdown, content: Path, used: list[Path]) -> None:
        super().__init__(md)
        self.content, self.used = content, used

    def run(self, root: etree.Element) -> None:
        for image in list(root.iter("img")):
            path = photo_file(image.get("src", ""), self.content)
            alt, title = image.get("alt", ""), image.get("title")
            image.attrib.clear()
            if path is not None and path.is_file():
                image.attrib.update({"src": path.as_uri(), "alt": alt})
                if title:
                    image.set("title", title)
                self.used.append(path)
            else:
                image.tag = "span"
                image.set("class", "image-alt")
                image.text = alt


class LetterImagesExtension(Extension):
    def __init__(self, content: Path, used: list[Path], **kwargs: Any) -> None:
        self.content, self.used = content, used
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(LetterImages(md, self.content, self.used), "brev_bilder", 5)


def letter_markdown(
    settings: Mapping[str, Any],
    book: FactBook,
    source: Path,
    *,
    content: Path,
    images: list[Path],
) -> Markdown:
    """A converter with the site's Markdown settings, the letter's fact boxes and images
    (the photo files it embeds are appended to ``images``)."""
    options = {k: v for k, v in settings.items() if k != "extensions"}
    # Pelican adds every configured extension by name; instances are kept too, except
    # those the letter replaces.
    extensions: list[Any] = list(options.get("extension_configs", {}))
    for extension in settings.get("extensions", []):
        if not isinstance(extension, _REPLACED) and extension not in extensions:
            extensions.append(extension)
    extensions.append(FactBoxExtension(book, box=letter_fact_box))
    extensions.append(LetterImagesExtension(content, images))
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
    images: list[Path] = []
    md = letter_markdown(markdown, book, path, content=Paths(root).content, images=images)
    body_html = md.convert(body)
    return Letter(
        slug=slug,
        source=path,
        title=meta.title,
        summary=meta.summary,
        recipient=meta.department,
        your_reference=meta.reference,
        our_reference=meta.our_reference,
        date=meta.sent or meta.date,
        body_html=body_html,
        greeting=greeting,
        closing_lines=extra,
        signers=tuple(Signer(s.name, s.role) for s in meta.signed_by),
        draft=meta.status != "sendt",
        letterhead=Letterhead.from_config(config, root),
        images=tuple(dict.fromkeys(images)),
    )


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
        code_version(),
        fonts_digest(),
        slug,
        repr(head),
        json.dumps([org.name, org.short_name]),
        markdown_fingerprint(markdown),
        json.dumps(facts_named(body, book)),
    ]
    digest = hashlib.sha256("\0".join(parts).encode("utf-8"))
    digest.update(hashlib.sha256(path.read_bytes()).digest())
    if head.logo is not None:
        digest.update(hashlib.sha256(head.logo.read_bytes()).digest())
    return digest.hexdigest()
