"""Untrusted feed text made safe and plain, links filtered, Norwegian dates read and written.

Everything a feed or page says is treated as hostile: :func:`plain_text` parses it as HTML
(html5ever through nh3 — a real parser, no recursion), drops every tag and the content of
``script``/``style``, decodes entities, strips control characters (terminal escapes
included) and collapses whitespace, so the store only ever holds plain text.
:func:`page_lines` does the same for a detail page but keeps one line per block element.
:func:`~generator.core.untrusted.http_url` keeps http(s) links (``//host/…`` becomes
https) and drops the rest; control characters are those of :mod:`generator.core.untrusted`.
Whoever writes stored text somewhere it can become markup uses
:func:`~generator.core.untrusted.html_text` (HTML),
:func:`markdown_text` (Markdown) and :func:`safe_link` (a link, percent-encoded), or
:func:`safe_html` for a fragment that must keep markup (nh3, http(s) links only).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from html import escape, unescape
from urllib.parse import quote

import nh3

from generator.core import MONTHS, norwegian_date, strip_controls, untrusted
from generator.watch.model import OSLO

_MONTH_RE = "|".join(MONTHS)
NORWEGIAN_DATE = re.compile(rf"\b(\d{{1,2}})\.\s*({_MONTH_RE})\s+(\d{{4}})\b", re.IGNORECASE)
_DEADLINE_PHRASE = re.compile(r"\bH(?:ø|o)y?ringsfrist(?:en)?\b", re.IGNORECASE)

# Tags whose end makes a new line (page_lines) or a space (plain_text); every other tag
# is dropped with its text kept, and these lose their text as well:
_BLOCK_TAGS = frozenset(
    re.findall(
        r"\w+",
        "address article aside blockquote br dd div dl dt figcaption footer h1 h2 h3 h4 h5 h6 "
        "header li main nav ol p pre section table td th tr ul",
    )
)
_DROP_CONTENT = frozenset(
    re.findall(
        r"\w+", "script style template noscript iframe object embed textarea select title head"
    )
)
_TAG = re.compile(r"<[^>]*>")  # on nh3 output only, where every "<" starts a tag
# Markup that arrived entity-encoded (&lt;b&gt;): a complete tag after decoding.
_ENCODED_MARKUP = re.compile(r"</?[A-Za-z][^<>]*>")
_SPACE = re.compile(r"\s+")


def _protect_stray(markup: str) -> str:
    """Keep as text what can never be markup: a "<" after the last ">", and a "<!--"
    after the last "-->" (a browser would hide everything after an unclosed comment)."""
    cut = markup.rfind(">") + 1
    head, tail = markup[:cut], markup[cut:].replace("<", "&lt;")
    closed = head.rfind("-->") + 3 if "-->" in head else 0
    return head[:closed] + head[closed:].replace("<!--", "&lt;!--") + tail


def _markup_to_text(markup: str, separator: str) -> str:
    cleaned = nh3.clean(
        _protect_stray(markup),
        tags=set(_BLOCK_TAGS),
        clean_content_tags=set(_DROP_CONTENT),
        attributes={},
        generic_attribute_prefixes=set(),
        strip_comments=True,
        link_rel=None,
    )
    return strip_controls(unescape(_TAG.sub(separator, cleaned)))


def plain_text(value: str | None) -> str:
    """Untrusted (possibly HTML) text → plain text: no tags, entities decoded, one line.

    Two passes at most: the markup as sent, then once more if decoding the entities
    revealed a complete tag (``&lt;b&gt;``). Whatever is left is literal text, so
    «risiko &lt; Høy» stays «risiko < Høy».
    """
    if not value:
        return ""
    text = _markup_to_text(value, " ")
    if _ENCODED_MARKUP.search(text):
        text = _markup_to_text(text.replace("&", "&amp;"), " ")
    return _SPACE.sub(" ", text).strip()


def page_lines(markup: str) -> list[str]:
    """A whole HTML page as plain text lines, one per block element (for label: value)."""
    text = _markup_to_text(markup, "\n")
    lines = (_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    return [line for line in lines if line]


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]])")
_MARKDOWN_LINE_START = re.compile(r"^(\s*)([#>+\-=]|\d+(?=\.))")


def markdown_text(value: str | None, *, line_start: bool = True) -> str:
    """Plain text made inert in Markdown: no HTML, links, images, emphasis or attributes.

    ``<``, ``>`` and ``&`` become entities (Markdown passes raw HTML through);
    backslash-escapes stop links, images, emphasis, code, ``[[fakta:…]]`` and attribute
    lists ``{: …}``; a leading ``#``, ``-``, ``1.`` cannot start a heading or a list
    (``line_start=False`` when the text is placed after other text on its line).
    """
    text = escape(strip_controls(value or ""), quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    match = _MARKDOWN_LINE_START.match(text) if line_start else None
    if match:
        head, mark = match.groups()
        if mark.isdigit():
            return f"{head}{mark}\\{text[match.end() :]}"
        return f"{head}\\{mark}{text[match.end() :]}"
    return text


def safe_html(fragment: str | None) -> str:
    """An HTML fragment cleaned with nh3: safe tags only, http(s) links only."""
    return nh3.clean(fragment or "", url_schemes={"http", "https"}, link_rel="noopener noreferrer")


def http_url(value: str | None) -> str | None:
    """A feed's link if it is an absolute http(s) URL (``//host/…`` taken as https)."""
    return untrusted.http_url(value, protocol_relative=True)


# Characters a link keeps as they are; everything else (< > " ' ` space, non-ASCII) is
# percent-encoded, so the link cannot end an HTML comment or attribute, nor a Markdown link.
_LINK_SAFE = "/:?#@!$&()*+,;=%~-._"


def safe_link(value: str | None) -> str | None:
    """A validated http(s) link, percent-encoded so it is inert wherever it is written."""
    url = http_url(value)
    return quote(url, safe=_LINK_SAFE + "[]") if url else None


EARLIEST_YEAR, LATEST_YEAR = 1900, 2200


class ImplausibleDate(ValueError):
    """A date that parses but cannot be meant (year 1, .NET's 9999-12-31)."""


def plausible(moment: datetime) -> datetime:
    """``moment`` if its year is one a consultation can have; else ImplausibleDate."""
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        raise ImplausibleDate(moment.isoformat())
    return moment


def end_of_day(day: date) -> datetime:
    """A date-only deadline means the whole of that day, Europe/Oslo."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=OSLO)


def parse_norwegian_date(text: str) -> date | None:
    """'15. mars 2027' → date(2027, 3, 15); None when there is no valid date."""
    match = NORWEGIAN_DATE.search(text)
    return _to_date(match) if match else None


def _to_date(match: re.Match[str]) -> date | None:
    day, month, year = match.groups()
    try:
        return date(int(year), MONTHS.index(month.lower()) + 1, int(day))
    except ValueError:
        return None


def deadline_in_text(text: str) -> date | None:
    """A deadline stated in prose: 'Høringsfristen er 4. desember 2026'.

    Within the sentence the last date counts, so 'forlenget fra 1. mars 2027 til
    15. mars 2027' gives the new deadline.
    """
    found: date | None = None
    for phrase in _DEADLINE_PHRASE.finditer(text):
        window = text[phrase.end() : phrase.end() + 160]
        sentence = re.split(r"\.\s+(?=[A-ZÆØÅ])", window)[0]
        dates = [d for d in (_to_date(m) for m in NORWEGIAN_DATE.finditer(sentence)) if d]
        if dates:
            found = dates[-1]
    return found


def date_span(old: date, new: date) -> str:
    """'1. mars → 15. mars 2027'; both years shown when they differ."""
    if old.year == new.year:
        return f"{norwegian_date(old, year=False)} → {norwegian_date(new)}"
    return f"{norwegian_date(old)} → {norwegian_date(new)}"
