"""sitemap.xml and robots.txt of a finished site.

The sitemap is written last from the HTML files actually in the output, so pages from
every generator (campaigns, facts, topics) are listed without knowing about them; the
404 page, drafts, the theme and the browser editor (admin/) never are.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

EXCLUDED_FROM_SITEMAP = {"404.html"}


def page_urls(output: Path, base: str) -> list[str]:
    """Absolute URLs of every HTML page under ``output`` (directory-style), sorted."""
    urls = []
    for html in sorted(output.rglob("*.html")):
        rel = html.relative_to(output).as_posix()
        if rel in EXCLUDED_FROM_SITEMAP or rel.startswith(("theme/", "drafts/", "admin/")):
            continue
        path = rel.removesuffix("index.html")
        urls.append(f"{base}/{path}")
    return urls


def write_sitemap(output: Path, base: str) -> None:
    entries = "".join(f"  <url><loc>{escape(u)}</loc></url>\n" for u in page_urls(output, base))
    (output / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n",
        encoding="utf-8",
    )


def write_robots(output: Path, base: str) -> None:
    (output / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base}/sitemap.xml\n", encoding="utf-8"
    )
