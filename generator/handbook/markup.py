"""Turn untrusted text into safe HTML for the handbook.

Everything that comes from a feed (titles, summaries, departments, URLs) is plain text
and is *escaped* here; links are kept only when they are http(s). Every HTML fragment the
handbook generates is finally run through :func:`sanitise` (nh3, a strict allowlist), so a
mistake in a template still cannot smuggle a script, an event handler or a
``javascript:`` link into a page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

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
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def count(number: int, one: str, many: str) -> str:
    """«1 frist», «2 frister», «0 frister»: the number with the right Norwegian form."""
    return f"{number} {one if number == 1 else many}"


def text(value: object) -> str:
    """Plain text → HTML text (``<`` becomes ``&lt;``; quotes escaped for attributes)."""
    return html.escape(_CONTROL.sub("", str(value or "")), quote=True)


def one_line(value: object) -> str:
    """Plain text on one line (titles): whitespace runs collapse to one space."""
    return " ".join(str(value or "").split())


def safe_url(url: str | None) -> str | None:
    """The URL if it is an absolute http(s) URL with a host; otherwise None."""
    if not url:
        return None
    url = url.strip()
    if any(ch.isspace() for ch in url) or _CONTROL.search(url):
        return None
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


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
