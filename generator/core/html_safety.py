"""Risky HTML in the Markdown staff write: found before the build, with what to do instead.

The site promises visitors no scripts, no third-party requests and nothing that lets
another service see who reads a page. Markdown lets anyone paste raw HTML, so
:func:`risky_html` reads a Markdown text — raw HTML blocks, inline HTML and Markdown
link/image syntax — with a real HTML tokenizer (:class:`html.parser.HTMLParser`) and
returns every :class:`Risk` with its line and column:

- elements: ``script``, ``style``, ``iframe``/``frame``, ``object``/``embed``/``applet``,
  ``form``, ``svg``/``math``, ``link``/``meta``/``base``;
- event attributes (``onclick=`` …) and ``javascript:``/``vbscript:``/``data:`` addresses;
- images, video and audio from another host than the site's own.

Code (fenced blocks and `inline code`), HTML comments and backslash-escaped characters
are left alone: they are shown (or hidden), never run.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

IMAGE_FIX = (
    "last ned bildet, legg det i content/bilder/ og sett det inn med "
    "![Hva bildet viser](../bilder/navn.jpg)."
)
FIGURE_FIX = (
    "lagre figuren som et bilde (PNG eller JPEG) i content/bilder/ og sett det inn med "
    "![Hva figuren viser](../bilder/figur.png)."
)
EMBED_FIX = "lenk til videoen i stedet, f.eks. [Se filmen](https://…)."

# Element → (why it is refused, what to do instead).
ELEMENTS: dict[str, tuple[str, str]] = {
    "script": (
        "skript i innholdet kan skade besøkende, og nettstedet blokkerer dem uansett",
        "fjern skriptet; trenger siden noe interaktivt, be den tekniske ansvarlige om hjelp.",
    ),
    "style": (
        "utseendet styres av temaet, så alle sider ser like ut",
        "fjern <style>-blokken; be den tekniske ansvarlige om endringer i theme/static/css/.",
    ),
    "iframe": ("innebygd innhold forteller et annet nettsted hvem som leser siden", EMBED_FIX),
    "form": (
        "et skjema kan sende det besøkende skriver, til et annet nettsted",
        "lenk til skjemaet i stedet.",
    ),
    "svg": ("SVG skrevet rett i teksten kan inneholde skript", FIGURE_FIX),
    "link": ("slike innstillinger hører hjemme i temaet", "fjern elementet."),
}
ALIASES = {
    "frame": "iframe",
    "frameset": "iframe",
    "object": "iframe",
    "embed": "iframe",
    "applet": "iframe",
    "portal": "iframe",
    "math": "svg",
    "meta": "link",
    "base": "link",
    "noscript": "script",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "xlink:href", "srcset"}
MEDIA = {"img": "bildet", "picture": "bildet", "video": "videoen", "audio": "lyden"}
MEDIA |= {"source": "mediefilen", "track": "teksten til videoen", "input": "bildet"}
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ESCAPED = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|]")
_MD_LINK = re.compile(r"(!?)\[[^\]\n]*\]\(\s*<?([^)\s>]*)")
_MD_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s|$)", re.M)
_MD_IMAGE_REF = re.compile(r"!\[([^\]\n]*)\]\[([^\]\n]*)\]")


@dataclass(frozen=True)
class Risk:
    """One risky thing: 1-based line and column in the text, what is wrong, the fix."""

    line: int
    column: int
    text: str
    fix: str


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def mask_code(markdown: str) -> str:
    """The text with what is never run blanked (same length, same lines): code blocks,
    code spans, HTML comments and backslash-escaped characters (``\\[`` is text)."""
    out, fence = [], ""
    for line in markdown.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence:
            out.append(_blank(line))
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                fence = ""
        elif m:
            fence = m.group(1)
            out.append(_blank(line))
        else:
            out.append(line)
    text = _CODE_SPAN.sub(lambda m: _blank(m.group(0)), "".join(out))
    text = _COMMENT.sub(lambda m: _blank(m.group(0)), text)
    text = text.replace("<!--", "    ")  # an unclosed comment hides nothing from the check
    return _ESCAPED.sub("  ", text)


def _scheme(url: str) -> str | None:
    """The refused scheme of ``url`` (browsers ignore spaces and control characters)."""
    clean = re.sub(r"[\x00-\x20]", "", html.unescape(url)).lower()
    return next((s for s in BAD_SCHEMES if clean.startswith(s)), None)


def _foreign_host(url: str, own_host: str | None) -> str | None:
    url = url.strip()
    if not re.match(r"^(?:[a-z][a-z0-9+.-]*:)?//", url, re.I):
        return None
    host = (urlsplit(url if "://" in url else "https:" + url).hostname or "").lower()
    return host if host and host != (own_host or "").lower() else None


def _scheme_risk(scheme: str, line: int, column: int) -> Risk:
    return Risk(
        line,
        column,
        f"en {scheme}-adresse er ikke tillatt (den kan kjøre skript hos den som klikker)",
        "lenk til en vanlig adresse som begynner med https:// eller /.",
    )


def _media_risk(what: str, host: str, line: int, column: int) -> Risk:
    fix = IMAGE_FIX if what == "bildet" else EMBED_FIX
    return Risk(
        line,
        column,
        f"{what} hentes fra et annet nettsted ({host}); det forteller det nettstedet "
        "hvem som leser siden, og nettstedet vårt blokkerer det uansett",
        fix,
    )


class _Scanner(HTMLParser):
    def __init__(self, own_host: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.own_host = own_host
        self.risks: list[Risk] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        column = offset + 1
        name = ALIASES.get(tag, tag)
        if name in ELEMENTS:
            why, fix = ELEMENTS[name]
            self.risks.append(Risk(line, column, f"<{tag}> er ikke tillatt: {why}", fix))
        for attr, value in attrs:
            self._attribute(tag, attr, value or "", line, column)

    handle_startendtag = handle_starttag

    def _attribute(self, tag: str, attr: str, value: str, line: int, column: int) -> None:
        if attr.startswith("on"):
            self.risks.append(
                Risk(
                    line,
                    column,
                    f"attributtet «{attr}» i <{tag}> er ikke tillatt (det kjører skript)",
                    f'fjern {attr}="…" fra elementet.',
                )
            )
        elif attr in URL_ATTRIBUTES:
            if scheme := _scheme(value):
                if not (scheme == "data:" and tag == "img" and attr == "src"):
                    self.risks.append(_scheme_risk(scheme, line, column))
            elif tag in MEDIA and attr in ("src", "srcset", "poster", "data"):
                urls = [part.split()[0] for part in value.split(",") if part.split()]
                host = next((h for u in urls if (h := _foreign_host(u, self.own_host))), None)
                if host:
                    self.risks.append(_media_risk(MEDIA[tag], host, line, column))


def _position(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _markdown_risks(text: str, own_host: str | None) -> list[Risk]:
    """[tekst](javascript:…), ![bilde](https://andre.no/…) and their reference forms."""
    risks = []
    definitions = {m.group(1).lower(): m for m in _MD_DEFINITION.finditer(text)}
    for m in _MD_LINK.finditer(text):
        risks += _url_risks(text, m.start(), m.group(2), bool(m.group(1)), own_host)
    for m in definitions.values():
        if scheme := _scheme(m.group(2)):
            risks.append(_scheme_risk(scheme, *_position(text, m.start())))
    for m in _MD_IMAGE_REF.finditer(text):
        ref = definitions.get((m.group(2) or m.group(1)).lower())
        if ref and (host := _foreign_host(ref.group(2), own_host)):
            risks.append(_media_risk("bildet", host, *_position(text, m.start())))
    return risks


def _url_risks(text: str, at: int, url: str, image: bool, own: str | None) -> list[Risk]:
    if scheme := _scheme(url):
        if not (image and scheme == "data:"):
            return [_scheme_risk(scheme, *_position(text, at))]
    elif image and (host := _foreign_host(url, own)):
        return [_media_risk("bildet", host, *_position(text, at))]
    return []


def risky_html(markdown: str, own_host: str | None = None) -> list[Risk]:
    """Every risky element, attribute, address and foreign image in ``markdown``, in
    the order they appear. ``own_host`` is the site's host (its images are fine)."""
    text = mask_code(markdown)
    scanner = _Scanner(own_host)
    scanner.feed(text)
    scanner.close()
    risks = scanner.risks + _markdown_risks(text, own_host)
    return sorted(risks, key=lambda r: (r.line, r.column))
