"""Turn untrusted text into safe HTML for the handbook.

Everything that comes from a feed (titles, summaries, departments, URLs) is plain text
and is *escaped* here; links are kept only when they are http(s). Every HTML fragment the
handbook generates is finally run through :func:`sanitise` (nh3, a strict allowlist), so a
mistake in a template still cannot smuggle a script, an event handler or a
``javascript:`` link into a page.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import nh3
from markupsafe import Markup

from generator.core import html_text, strip_controls
from generator.core import http_url_or_none as safe_url

_TAGS = {
    "a", "p", "div", "span", "table", "thead", "tbody", "tr", "th", "td", "ul", "ol", "li",
    "strong", "em", "code", "small", "br", "figure", "figcaption", "img", "time", "dl", "dt",
    "dd", "mark", "blockquote", "h2", "h3", "details", "summary",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height", "loading"},
    "time": {"datetime"},
    "td": {"data-dager"},
    "tr": {"data-id"},
}


def count(number: int, one: str, many: str) -> str:
    """«1 frist», «2 frister», «0 frister»: the number with the right Norwegian form."""
    return f"{number} {one if number == 1 else many}"


def text(value: object) -> str:
    """Plain text → HTML text (``<`` becomes ``&lt;``; quotes escaped for attributes)."""
    return html_text(value)


def one_line(value: object) -> str:
    """Plain text on one line (titles): whitespace runs collapse to one space."""
    return " ".join(str(value or "").split())


def external_link(url: str | None, label: object) -> str:
    """An escaped link to an outside page, or just the escaped label when the URL is unsafe."""
    safe = safe_url(url)
    if safe is None:
        return text(label)
    return f'<a href="{text(safe)}">{text(label)}</a>'


def paragraphs(value: str | None) -> str:
    """Plain text with blank lines → escaped ``<p>`` elements (no blank lines in the output)."""
    blocks = [" ".join(b.split()) for b in re.split(r"\n\s*\n", value or "")]
    return "".join(f"<p>{text(b)}</p>" for b in blocks if b)


def sanitise(fragment: str) -> str:
    """Run generated HTML through nh3 with the handbook's allowlist.

    Relative links (our own pages, ``../kort/x.png``) survive; absolute links survive only
    with http(s); external links get ``rel="noopener noreferrer"``.
    """
    return nh3.clean(
        fragment,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def html_block(fragment: str) -> str:
    """A sanitised HTML fragment ready to sit in Markdown as one raw block.

    Python-Markdown keeps a block-level HTML element verbatim only up to a blank line, so
    the fragment is wrapped in a ``div`` and may not contain one.
    """
    clean = sanitise(fragment)
    clean = re.sub(r"\n\s*\n", "\n", clean)
    return f'<div class="stemme-blokk">\n{clean}\n</div>\n'


def _finalize(value: object) -> object:
    """Every value a template prints: None as nothing, plain text without controls."""
    if value is None:
        return ""
    if isinstance(value, str) and not isinstance(value, Markup):
        return strip_controls(value)
    return value


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=True,
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
    )
    env.globals["link"] = lambda url, label: Markup(external_link(url, label))
    return env


def fragments() -> Any:
    """The macros of ``templates/fragments.html``; each returns autoescaped HTML (Markup)
    for :func:`html_block`."""
    return _environment().get_template("fragments.html").module
