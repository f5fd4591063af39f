"""sitemap.xml and robots.txt of a finished site.

The sitemap is written last from the HTML files actually in the output, so pages from
every generator (campaigns, facts, topics) are listed without knowing about them; the
404 page, drafts, the theme, the browser editor (admin/) and «not translated» pages
(noindex) never are. Each entry carries the hreflang alternates its page names.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from xml.sax.saxutils import escape

EXCLUDED_FROM_SITEMAP = {"404.html"}


_ALTERNATE = re.compile(
    r'<link rel="alternate" hreflang="(?P<lang>[A-Za-z-]+)" href="(?P<href>[^"]+)">'
)
_NOINDEX = '<meta name="robots" content="noindex">'
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _head(html: Path) -> str:
    text = html.read_text(encoding="utf-8", errors="replace")
    return text.split("</head>", 1)[0]


def sitemap_entries(output: Path, base: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(absolute URL, its hreflang alternates) of every HTML page under ``output``
    (directory-style), sorted; a page marked ``noindex`` (a «not translated» page) is
    left out. The alternates are the ones the page itself names, so page and sitemap
    always agree."""
    entries = []
    for html in sorted(output.rglob("*.html")):
        rel = html.relative_to(output).as_posix()
        if rel in EXCLUDED_FROM_SITEMAP or rel.startswith(("theme/", "drafts/", "admin/")):
            continue
        head = _head(html)
        if _NOINDEX in head:
            continue
        path = rel.removesuffix("index.html")
        alternates = [(m["lang"], unescape(m["href"])) for m in _ALTERNATE.finditer(head)]
        entries.append((f"{base}/{path}", alternates))
    return entries


def page_urls(output: Path, base: str) -> list[str]:
    """Absolute URLs of every HTML page under ``output`` (directory-style), sorted."""
    return [url for url, _alternates in sitemap_entries(output, base)]


def write_sitemap(output: Path, base: str) -> None:
    found = sitemap_entries(output, base)
    lines = []
    for url, alternates in found:
        links = "".join(
            f'<xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>'
            for lang, href in alternates
        )
        lines.append(f"  <url><loc>{escape(url)}</loc>{links}</url>\n")
    namespaces = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
    if any(alternates for _url, alternates in found):
        namespaces += f' xmlns:xhtml="{XHTML_NS}"'
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<urlset {namespaces}>\n"
        f"{''.join(lines)}</urlset>\n",
        encoding="utf-8",
    )


def write_robots(output: Path, base: str) -> None:
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n", encoding="utf-8"
    )
