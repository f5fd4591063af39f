"""Letter → one Typst document, and the files it may read.

``letter_source(letter)`` is the whole input the compiler gets besides the font files:
the letter's values as Typst *strings* (``meta``: never markup, so no value can become
code), ``templates/letter.typ`` (letterhead, addressing, fact boxes, closing, page
furniture, «Side 1 av 3», «UTKAST» on drafts) and the body's markup
(:mod:`generator.pdf.markup`). ``LetterSource.files`` are the only files the compiler
can see: the logo and the letter's photos, as bytes for its own folder. The hash of the
source, those bytes and the fonts is the letter's cache key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from generator.facts import Fact
from generator.pdf.letter import Letter
from generator.pdf.markup import typst_string

TEMPLATES = Path(__file__).resolve().parent / "templates"
DRAFT_MARK = "UTKAST – ikke sendt"
LOGO_TYPES = {".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp"}


def letter_fact_box(fact: Fact) -> str:
    """A fact as the letter shows it: «7 av 10 partnerdrap … Kilde: NOU 2020: 17 … (2020)».

    The site's ``[[fakta:ID]]`` extension renders facts with this in a letter's body: a
    letter is printed and archived, so the source is text and there are no links. The
    body's converter turns the classes into the template's fact box.
    """
    return (
        '<div class="fact">\n'
        f'<p class="fact__text"><strong class="fact__figure">{escape(fact.figure)}</strong> '
        f"{escape(fact.statement)}</p>\n"
        f'<p class="fact__source">{escape(fact.source_line)}</p>\n'
        "</div>"
    )


@lru_cache(maxsize=1)
def template_text() -> str:
    return (TEMPLATES / "letter.typ").read_text(encoding="utf-8")


@dataclass(frozen=True)
class LetterSource:
    """The Typst document of one letter and the files (name → bytes) it may read."""

    text: str
    files: tuple[tuple[str, bytes], ...]


def _value(value: object) -> str:
    """A Python value as a Typst value: strings as string literals, never markup."""
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return typst_string(value)
    if isinstance(value, dict):
        pairs = ", ".join(f"{key}: {_value(item)}" for key, item in value.items())
        return f"({pairs})" if pairs else "(:)"
    if isinstance(value, list | tuple):
        items = [_value(item) for item in value]
        return "(" + ", ".join(items) + ("," if len(items) == 1 else "") + ")"
    raise TypeError(f"no Typst value for {value!r}")


def _logo(letter: Letter) -> tuple[str, bytes] | None:
    logo = letter.letterhead.logo
    if logo is None:
        return None
    suffix = logo.suffix.lower()
    return (f"logo{suffix if suffix in LOGO_TYPES else '.png'}", logo.read_bytes())


def letter_meta(letter: Letter, logo: str | None) -> dict[str, object]:
    head = letter.letterhead
    first, second = head.footer_lines
    return {
        "title": letter.title,
        "author": head.name,
        "summary": letter.summary or None,
        "keywords": ["høringssvar", letter.recipient],
        "year": letter.date.year,
        "month": letter.date.month,
        "day": letter.date.day,
        "brand": head.colour,
        "logo": logo,
        "recipient": letter.recipient,
        "your-ref": letter.your_reference,
        "our-ref": letter.our_reference,
        "date": letter.date_text,
        "greeting": letter.greeting,
        "closing-lines": list(letter.closing_lines),
        "signers": [{"name": s.name, "role": s.role} for s in letter.signers],
        "draft": letter.draft,
        "draft-mark": DRAFT_MARK,
        "footer-first": first,
        "footer-second": second,
    }


def letter_source(letter: Letter) -> LetterSource:
    """The letter as one Typst document, with the files it may read."""
    logo = _logo(letter)
    files = ([logo] if logo else []) + [(name, p.data) for name, p in letter.body.photos]
    meta = _value(letter_meta(letter, logo[0] if logo else None))
    text = "\n".join(
        [
            f"#let meta = {meta}",
            template_text(),
            "#letterhead",
            "#addressing",
            "#heading(level: 1, meta.title)",
            "",
            letter.body.markup,
            "",
            "#closing",
            "",
        ]
    )
    return LetterSource(text, tuple(files))
