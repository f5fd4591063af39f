"""Letter → one self-contained HTML document (template, stylesheet, fonts, organisation).

``letter_html(letter)`` is the whole input WeasyPrint gets besides the font and logo
files, so its hash (with those files' bytes) is the letter's cache key. The stylesheet is
``templates/letter.css`` plus rules made here from the organisation's values: the brand
colour, the logo, the footer text on every page and, for drafts, the «UTKAST» mark.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from generator.facts import Fact
from generator.pdf.fonts import FAMILY, font_faces
from generator.pdf.letter import Letter

TEMPLATES = Path(__file__).resolve().parent / "templates"
DRAFT_MARK = "UTKAST – ikke sendt"
# A faint diagonal «UTKAST» behind the text of every draft page (drawn as an artifact).
_WATERMARK = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="595" height="842" viewBox="0 0 595 842">'
    '<text x="297" y="421" text-anchor="middle" dominant-baseline="middle" '
    f'transform="rotate(-35 297 421)" font-family="{FAMILY}" font-weight="900" '
    'font-size="130" fill="#a4161a" fill-opacity="0.07" letter-spacing="8">UTKAST</text></svg>'
)


def letter_fact_box(fact: Fact) -> str:
    """A fact as the letter shows it: «7 av 10 partnerdrap … Kilde: NOU 2020: 17 … (2020)».

    The site's ``[[fakta:ID]]`` extension renders facts with this in a letter's body: a
    letter is printed and archived, so the source is text and there are no links.
    """
    return (
        '<div class="fact">\n'
        f'<p class="fact__text"><strong class="fact__figure">{escape(fact.figure)}</strong> '
        f"{escape(fact.statement)}</p>\n"
        f'<p class="fact__source">{escape(fact.source_line)}</p>\n'
        "</div>"
    )


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def css_string(text: str) -> str:
    """A CSS string literal; safe inside <style> (no quote, backslash or «<» breaks out)."""
    escaped = "".join(f"\\{ord(ch):X} " if ch in '"\\<>' or ord(ch) < 0x20 else ch for ch in text)
    return f'"{escaped}"'


def organisation_css(letter: Letter) -> str:
    """The rules that depend on the organisation and on the letter being a draft."""
    head = letter.letterhead
    first, second = head.footer_lines
    footer = css_string(first) + ' "\\A " ' + css_string(second)
    rules = [
        f":root {{ --brand: {head.colour}; }}",
        f"@page {{ @bottom-left {{ content: {footer}; }} }}",
    ]
    if head.logo is not None:
        rules.append(f":root {{ --logo: url({css_string(head.logo.resolve().as_uri())}); }}")
    if letter.draft:
        watermark = "data:image/svg+xml," + quote(_WATERMARK)
        rules.append(
            "@page { background: url(" + css_string(watermark) + ") no-repeat center / cover; "
            "@top-left { width: 65%; } "
            "@top-right { content: " + css_string(DRAFT_MARK) + "; "
            'font: 900 10pt/1 "Lato"; color: #a4161a; letter-spacing: 0.08em; '
            "white-space: nowrap; vertical-align: bottom; padding-bottom: 4mm; } }"
        )
    return "\n".join(rules)


def letter_css(letter: Letter) -> str:
    sheet = (TEMPLATES / "letter.css").read_text(encoding="utf-8")
    return "\n".join([font_faces(), sheet, organisation_css(letter)])


def letter_html(letter: Letter) -> str:
    """The letter as one HTML document, ready for WeasyPrint."""
    template = _environment().get_template("letter.html")
    return template.render(letter=letter, css=Markup(letter_css(letter)))
