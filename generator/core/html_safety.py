"""Risky HTML in the Markdown staff write: found on what is rendered, with what to do instead.

The site promises visitors no scripts, no third-party requests and nothing that lets
another service see who reads a page; a høringssvar letter may show nothing but its own
text and the project's photos. Markdown lets anyone paste raw HTML, and what hides it from
a check of the source — an unclosed code fence, a stray backtick — does not hide it from
Markdown. So :func:`risky_html` renders the text with Markdown first and checks the HTML
that comes out, against an allow-list:

- elements: only text formatting, lists, tables, quotes, details, figures, ``<img>`` and
  local ``<picture>``/``<video>``/``<audio>``; everything else (``script``, ``style``,
  ``iframe``, ``object``, ``embed``, ``form``, ``svg``, ``math``, ``meta``, ``link``,
  ``base`` …) is refused;
- attributes: a short list per element; ``style=`` (but a table column's
  ``text-align``), event handlers (``on…=``) and ``rel="attachment"`` are refused;
- addresses: links (``href``) may go anywhere on the web (``https:``, ``http:``,
  ``mailto:``, ``tel:``, a path on the site, ``#``); resources (``src``, ``srcset``,
  ``poster``) only to the site itself or the project. Other schemes (``file:``,
  ``javascript:`` …), absolute paths on the author's machine (``/home/…``, ``C:\\…``)
  and relative paths climbing out of the project (``../../..``) are refused.

The same allow-list, run through nh3 (html5ever), is :func:`sanitise_html`; the check
compares the HTML before and after it, so whatever nh3 would remove and the explanations
above miss is still refused. Every :class:`Risk` carries the source line and column it
comes from, found by looking for the offending text in the Markdown (code blocks and spans
looked at last).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import nh3
from markdown import Markdown

IMAGE_FIX = (
    "last ned bildet, legg det i content/bilder/ og sett det inn med "
    "![Hva bildet viser](../bilder/navn.jpg)."
)
FIGURE_FIX = (
    "lagre figuren som et bilde (PNG eller JPEG) i content/bilder/ og sett det inn med "
    "![Hva figuren viser](../bilder/figur.png)."
)
EMBED_FIX = "lenk til videoen i stedet, f.eks. [Se filmen](https://…)."
LINK_FIX = "lenk til en vanlig adresse som begynner med https:// eller /."
LOCAL_FIX = (
    "legg filen i content/bilder/ og vis den med ![Hva bildet viser](../bilder/navn.jpg); "
    "lenk til andre ting med en https://-adresse."
)
GENERIC_FIX = "fjern elementet, eller skriv det med vanlig Markdown."

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
    "svg": ("SVG skrevet rett i teksten kan inneholde skript og hente andre filer", FIGURE_FIX),
    "link": (
        "slike innstillinger hører hjemme i temaet, og de kan hente eller legge ved filer",
        "fjern elementet.",
    ),
    "meta": (
        "et <meta>-element kan sende leseren videre til et annet nettsted",
        "fjern elementet; vil du vise til en annen side, skriv en vanlig lenke.",
    ),
}
ALIASES = {
    "frame": "iframe",
    "frameset": "iframe",
    "object": "iframe",
    "embed": "iframe",
    "applet": "iframe",
    "portal": "iframe",
    "math": "svg",
    "base": "link",
    "noscript": "script",
    "template": "script",
    "input": "form",
    "button": "form",
    "textarea": "form",
    "select": "form",
}

_HEADINGS = {f"h{n}" for n in range(1, 7)}
ALLOWED_TAGS = _HEADINGS | {
    "a", "abbr", "address", "article", "aside", "audio", "b", "bdi", "bdo", "blockquote",
    "br", "caption", "cite", "section",
    "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em",
    "figcaption", "figure", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p",
    "picture", "pre", "q", "s", "samp", "small", "source", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr",
    "track", "u", "ul", "var", "video", "wbr",
}  # fmt: skip
GLOBAL_ATTRIBUTES = {"id", "class", "title", "lang", "dir", "role", "translate"}
ATTRIBUTE_PREFIXES = ("aria-", "data-")
TAG_ATTRIBUTES: dict[str, set[str]] = {
    "a": {"href", "rel", "hreflang", "target", "type"},
    "img": {"src", "srcset", "sizes", "alt", "width", "height", "loading", "decoding"},
    "source": {"src", "srcset", "sizes", "type", "media", "width", "height"},
    "video": {"src", "poster", "controls", "width", "height", "preload", "muted", "loop"},
    "audio": {"src", "controls", "preload", "muted", "loop"},
    "track": {"src", "kind", "srclang", "label", "default"},
    "td": {"colspan", "rowspan", "align", "style", "headers"},
    "th": {"colspan", "rowspan", "align", "style", "scope", "headers", "abbr"},
    "col": {"span"},
    "colgroup": {"span"},
    "ol": {"start", "type", "reversed"},
    "li": {"value"},
    "time": {"datetime"},
    "del": {"cite", "datetime"},
    "ins": {"cite", "datetime"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "details": {"open"},
}
LINK_ATTRIBUTES = {"href", "cite"}
RESOURCE_ATTRIBUTES = {"src", "srcset", "poster"}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}
RELS = {"noopener", "noreferrer", "nofollow", "external", "me", "license", "author", "tag"}
IMAGE_DATA = re.compile(r"^data:image/(png|jpeg|gif|webp)[;,]", re.I)
TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.I)
# First folders of absolute paths on an author's machine (a site has none of these).
FILESYSTEM_ROOTS = {
    "bin", "boot", "dev", "etc", "home", "lib", "media", "mnt", "opt", "private", "proc",
    "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var", "users", "volumes",
}  # fmt: skip
# The Markdown the site renders with (pelicanconf.py MARKDOWN; smarty only changes text).
MARKDOWN_EXTENSIONS = ("extra", "sane_lists")


@dataclass(frozen=True)
class Risk:
    """One risky thing: 1-based line and column in the text, what is wrong, the fix."""

    line: int
    column: int
    text: str
    fix: str


@dataclass(frozen=True)
class Place:
    """Where a text's relative addresses are resolved: its folder and the project root."""

    folder: Path
    root: Path


# ── addresses ────────────────────────────────────────────────────────────────────────


def _clean_url(url: str) -> str:
    """The address as a browser reads it (spaces and control characters ignored)."""
    return re.sub(r"[\x00-\x20]", "", html.unescape(url))


def _leaves_project(path: str, place: Place | None) -> bool:
    parts = PurePosixPath(unquote(path).replace("\\", "/")).parts
    if place is None:  # no folder known: a climb of three or more leaves content/<kind>/
        return parts[:3] == ("..", "..", "..")
    try:
        depth = len(place.folder.relative_to(place.root).parts)
    except ValueError:
        depth = 0
    for part in parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


def url_problem(
    tag: str, attr: str, url: str, own_host: str | None, place: Place | None = None
) -> tuple[str, str] | None:
    """(why, fix) when ``url`` in ``<tag attr=…>`` is not allowed, else None."""
    clean = _clean_url(url)
    resource = attr in RESOURCE_ATTRIBUTES
    what = "adressen" if not resource else "filen"
    if not clean or clean.startswith(("#", "?")):
        return None
    if resource and tag in ("img", "source") and IMAGE_DATA.match(clean):
        return None
    scheme = re.match(r"^([a-z][a-z0-9+.-]*):", clean, re.I)
    if scheme and len(scheme.group(1)) == 1:  # C:\Users\… on Windows
        return (f"{what} «{url}» er en sti på din egen maskin", LOCAL_FIX)
    if scheme and scheme.group(1).lower() == "file":
        return (f"{what} «{url}» peker på en fil på din egen maskin", LOCAL_FIX)
    allowed = {"http", "https"} if resource else LINK_SCHEMES
    if scheme and scheme.group(1).lower() not in allowed:
        return (
            f"en {scheme.group(1).lower()}:-adresse er ikke tillatt her "
            "(den kan kjøre skript eller hente filer)",
            LINK_FIX,
        )
    if clean.startswith("//") or scheme:
        host = (urlsplit(clean if scheme else "https:" + clean).hostname or "").lower()
        if resource and host != (own_host or "").lower():
            return _foreign(tag, host)
        return None
    path = urlsplit(clean).path
    first = next((p for p in path.split("/") if p), "").lower()
    if path.startswith(("/", "\\")) and (first in FILESYSTEM_ROOTS or path.startswith("\\")):
        return (f"{what} «{url}» er en sti på din egen maskin", LOCAL_FIX)
    if not path.startswith("/") and _leaves_project(path, place):
        return (f"{what} «{url}» peker ut av prosjektet", LOCAL_FIX)
    return None


def _foreign(tag: str, host: str) -> tuple[str, str]:
    what = {"video": "videoen", "audio": "lyden", "track": "teksten til videoen"}.get(tag, "bildet")
    return (
        f"{what} hentes fra et annet nettsted ({host}); det forteller det nettstedet "
        "hvem som leser siden, og nettstedet vårt blokkerer det uansett",
        IMAGE_FIX if what == "bildet" else EMBED_FIX,
    )


def attribute_problem(
    tag: str, attr: str, value: str, own_host: str | None, place: Place | None = None
) -> tuple[str, str] | None:
    """(why, fix) when ``attr="value"`` on ``<tag>`` is not allowed, else None."""
    if attr.startswith("on"):
        return (
            f"attributtet «{attr}» i <{tag}> er ikke tillatt (det kjører skript)",
            f'fjern {attr}="…" fra elementet.',
        )
    if attr == "style" and not (tag in ("td", "th") and TABLE_ALIGN.match(value)):
        return (
            f"attributtet «style» i <{tag}> er ikke tillatt: utseendet styres av temaet, "
            "og en stil kan hente filer",
            f'fjern style="…" fra <{tag}>.',
        )
    if attr == "rel" and (words := set(value.lower().split()) - RELS):
        return (
            f"rel=«{' '.join(sorted(words))}» i <{tag}> er ikke tillatt "
            "(«attachment» legger en fil ved brevet)",
            'fjern rel="…"; skriv en vanlig lenke: [tekst](https://…).',
        )
    allowed = GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, set())
    if attr not in allowed and not attr.startswith(ATTRIBUTE_PREFIXES):
        return (f"attributtet «{attr}» i <{tag}> er ikke tillatt", f'fjern {attr}="…".')
    if attr in LINK_ATTRIBUTES or attr in RESOURCE_ATTRIBUTES:
        urls = [value]
        if attr == "srcset":
            urls = [p.split()[0] for p in value.split(",") if p.split()]
        return next(
            (found for u in urls if (found := url_problem(tag, attr, u, own_host, place))), None
        )
    return None


def element_problem(tag: str) -> tuple[str, str] | None:
    """(why, fix) when ``<tag>`` is not allowed, else None."""
    if tag in ALLOWED_TAGS:
        return None
    name = ALIASES.get(tag, tag)
    if name in ELEMENTS:
        why, fix = ELEMENTS[name]
        return f"<{tag}> er ikke tillatt: {why}", fix
    return (
        f"<{tag}> er ikke tillatt her: bare vanlig tekst, lister, tabeller og bilder",
        GENERIC_FIX,
    )


# ── the sanitiser ────────────────────────────────────────────────────────────────────


def sanitise_html(fragment: str, own_host: str | None = None, place: Place | None = None) -> str:
    """``fragment`` with everything the allow-list refuses removed (nh3/html5ever):
    refused elements lose their tags (script and style their content too), refused
    attributes and addresses are dropped. For HTML handed on to a browser or WeasyPrint."""

    def keep(tag: str, attr: str, value: str) -> str | None:
        return None if attribute_problem(tag, attr, value, own_host, place) else value

    attributes = {"*": set(GLOBAL_ATTRIBUTES)}
    attributes |= {tag: set(names) for tag, names in TAG_ATTRIBUTES.items()}
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        clean_content_tags={"script", "style"},
        attributes=attributes,
        attribute_filter=keep,
        generic_attribute_prefixes=set(ATTRIBUTE_PREFIXES),
        link_rel=None,
        url_schemes=LINK_SCHEMES | {"data"},
        strip_comments=True,
    )


# ── the check ────────────────────────────────────────────────────────────────────────


class _Tags(HTMLParser):
    """Every start tag of an HTML fragment: (tag, attributes) in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple((a, v or "") for a, v in attrs)))

    handle_startendtag = handle_starttag


def _start_tags(fragment: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Tags()
    parser.feed(fragment)
    parser.close()
    return parser.tags


_MARKDOWN: Markdown | None = None


def render_markdown(markdown: str) -> str:
    """``markdown`` as the site's Markdown renders it (raw HTML passed through)."""
    global _MARKDOWN
    if _MARKDOWN is None:
        _MARKDOWN = Markdown(extensions=list(MARKDOWN_EXTENSIONS), output_format="html5")
    return _MARKDOWN.reset().convert(markdown)


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)")


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def mask_code(markdown: str) -> str:
    """The text with closed code blocks and one-line code spans blanked (same length,
    same lines): where to look last for the source of a rendered element."""
    out, fence, held = [], "", []
    for line in markdown.splitlines(keepends=True):
        m = _FENCE.match(line)
        if fence:
            held.append(line)
            if m and m.group(1)[0] == fence[0] and len(m.group(1)) >= len(fence):
                out += [_blank(x) for x in held]
                fence, held = "", []
        elif m:
            fence, held = m.group(1), [line]
        else:
            out.append(line)
    out += held  # an unclosed fence is no code block: Markdown renders what follows
    return "".join(_CODE_SPAN.sub(lambda m: _blank(m.group(0)), line) for line in out)


class _Locator:
    """Finds where a rendered element came from in the Markdown, in reading order."""

    def __init__(self, markdown: str) -> None:
        self.texts = (mask_code(markdown).lower(), markdown.lower())
        self.source = markdown
        self.cursor = 0

    def find(self, needles: list[str]) -> tuple[int, int]:
        for needle in filter(None, needles):
            for text in self.texts:
                for start in (self.cursor, 0):
                    if (index := text.find(needle.lower(), start)) >= 0:
                        self.cursor = index
                        return self._position(index)
        return 1, 1

    def _position(self, index: int) -> tuple[int, int]:
        line = self.source.count("\n", 0, index) + 1
        return line, index - (self.source.rfind("\n", 0, index) + 1) + 1


def risky_html(
    markdown: str, own_host: str | None = None, place: Place | None = None
) -> list[Risk]:
    """Every refused element, attribute and address in what ``markdown`` renders to, in
    reading order, with its line and column in ``markdown``. ``own_host`` is the site's
    host (its images are fine); ``place`` resolves relative addresses (``../``)."""
    return risky_rendered(render_markdown(markdown), markdown, own_host, place)


def risky_rendered(
    rendered: str, source: str, own_host: str | None = None, place: Place | None = None
) -> list[Risk]:
    """:func:`risky_html` for HTML already rendered from ``source``."""
    locate, risks = _Locator(source), []
    before = _start_tags(rendered)
    explained = _explain(before, locate, own_host, place, risks.append)
    after = Counter(_start_tags(sanitise_html(rendered, own_host, place)))
    missing = Counter(before) - after
    for tag, attrs in before:  # what nh3 removed that no rule above explains
        if missing[(tag, attrs)] > 0 and (tag, attrs) not in explained:
            missing[(tag, attrs)] -= 1
            line, column = locate.find([f"<{tag}"])
            risks.append(Risk(line, column, f"<{tag}> er ikke tillatt slik det står", GENERIC_FIX))
    for local in _local_paths(place):
        if shows_local_path(rendered, local):
            line, column = locate.find([local])
            risks.append(
                Risk(line, column, f"teksten viser en sti på maskinen din («{local}»)", LOCAL_FIX)
            )
    unique = {(r.line, r.column, r.text): r for r in risks}
    return sorted(unique.values(), key=lambda r: (r.line, r.column))


def shows_local_path(text: str, local: str) -> bool:
    """Whether ``text`` shows the folder ``local`` («/home/kari/») as a path of its own,
    not as the end of an address (``https://x.no/home/kari/`` is no local path)."""
    return re.search(r"(?<![\w.:/-])" + re.escape(local), text) is not None


def _local_paths(place: Place | None) -> list[str]:
    """The project's folder and the home folder as they would show in a page («…/»)."""
    if place is None:
        return []
    found = (place.root.absolute(), place.root.resolve(), Path.home())
    return [str(p).rstrip("/") + "/" for p in dict.fromkeys(found) if len(str(p)) > 1]


def _explain(
    tags: list[tuple[str, tuple[tuple[str, str], ...]]],
    locate: _Locator,
    own_host: str | None,
    place: Place | None,
    report: Callable[[Risk], None],
) -> set[tuple[str, tuple[tuple[str, str], ...]]]:
    """Report each refused element and attribute; the start tags that had one."""
    explained = set()
    for tag, attrs in tags:
        if found := element_problem(tag):
            explained.add((tag, attrs))
            report(Risk(*locate.find([f"<{tag}"]), f"{found[0]}", found[1]))
            continue
        for attr, value in attrs:
            if found := attribute_problem(tag, attr, value, own_host, place):
                explained.add((tag, attrs))
                written = [f'{attr}="{value}"', f"{attr}='{value}'", f"{attr}={value}"]
                needles = [*written, value] if value else []
                report(Risk(*locate.find([*needles, f"{attr}=", f"<{tag}"]), *found))
    return explained
