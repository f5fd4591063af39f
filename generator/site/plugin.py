"""Core site plugin: our Markdown reader (texts missing from the cache converted ahead on
every core), self-served fonts, sitemap.xml, robots.txt, the brand colours stylesheet,
the host header files (``_headers``, ``.htaccess``) and the browser editor in ``admin/``
(:mod:`generator.admin`; never in the sitemap).

One module, ``register()``, module-level receivers (Pelican's signals hold weak
references). The sitemap is written last from the HTML files actually in the output, so
pages from every generator (campaigns, facts) are listed without knowing about them.
"""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from pelican import signals

from generator.admin.page import write_admin
from generator.site.conversion import convert_ahead
from generator.site.fonts import fonts_ahead, install_fonts
from generator.site.http_headers import write_header_files
from generator.site.languages import feed_language
from generator.site.project import project_config, project_paths
from generator.site.reader import StemmeMarkdownReader
from generator.site.stylesheets import BRAND_CSS, brand_css, write_stylesheet

EXCLUDED_FROM_SITEMAP = {"404.html"}
# Section feeds: Pelican names them after the folder; readers see these names.
SECTION_TITLES = {"standpunkter": "Standpunkter", "hoeringssvar": "Høringssvar"}
_FONTS = "_STEMME_FONTS_AHEAD"  # settings key: the process making the web fonts, if any


def add_reader(readers: Any) -> None:
    readers.reader_classes["md"] = StemmeMarkdownReader


def norwegian_feed(context: dict[str, Any], feed: Any) -> None:
    """Give section feeds a Norwegian title and language before they are written."""
    site = context["SITENAME"]
    for slug, name in SECTION_TITLES.items():
        if feed.feed["title"] == f"{site} - {slug}":
            feed.feed["title"] = f"{name} – {site}"
    feed.feed["language"] = context["STEMME"].languages.default
    feed_language(context, feed)


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


def _languages(pelican: Any) -> list[str]:
    """Every language the site is built in: their scripts decide which web fonts it needs."""
    return list(pelican.settings["STEMME"].languages.all)


def start_fonts(pelican: Any) -> None:
    cache = Path(pelican.settings["STEMME_CACHE"])
    pelican.settings[_FONTS] = fonts_ahead(cache, _languages(pelican))


def finish_site(pelican: Any) -> None:
    output = Path(pelican.settings["OUTPUT_PATH"])
    base = pelican.settings["CANONICAL_BASE"]
    if ahead := pelican.settings.pop(_FONTS, None):
        ahead.join()  # if it failed, install_fonts makes them (and says why it can't)
    cache = Path(pelican.settings["STEMME_CACHE"])
    install_fonts(output / "theme" / "fonts", cache, _languages(pelican))
    write_robots(output, base)
    write_sitemap(output, base)
    write_stylesheet(output, BRAND_CSS, brand_css(pelican.settings["STEMME"].brand))
    write_header_files(output)
    write_editor(pelican.settings, output)


def write_editor(settings: dict[str, Any], output: Path) -> None:
    """/admin/ (generator.admin): in the preview always (the local-repository mode of
    `make serve`), on the public site only when [admin] names the git host."""
    config = project_config(settings)
    if settings.get("STEMME_PREVIEW") or config.admin is not None:
        write_admin(output, config, project_paths(settings))


def register() -> None:
    signals.initialized.connect(start_fonts)
    signals.readers_init.connect(add_reader)
    signals.article_generator_init.connect(convert_ahead)
    signals.feed_generated.connect(norwegian_feed)
    signals.finalized.connect(finish_site)
