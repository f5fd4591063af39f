"""A full publish build of the example content: pages, feeds, safety features on every page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

from generator.core.config import load_config
from generator.site.content_model import load_document
from generator.site.i18n import translations

EXPECTED = [
    "index.html",
    "404.html",
    "standpunkter/index.html",
    "hoeringssvar/index.html",
    "om-oss/index.html",
    "personvern/index.html",
    "tilgjengelighet/index.html",
    "trygg-pa-nett/index.html",
    "kommunenes-plikter/index.html",
    "sitemap.xml",
    "robots.txt",
    "feeds/standpunkter.atom.xml",
    "feeds/hoeringssvar.atom.xml",
    "theme/css/site.css",
    "theme/js/quick-exit.js",
    "theme/fonts/lato-400.woff2",
]
ATOM = "{http://www.w3.org/2005/Atom}"


def _drafts(paths):
    return [
        load_document(p, "hoeringssvar")
        for p in sorted(paths.responses.glob("*.md"))
        if load_document(p, "hoeringssvar").meta.status == "utkast"
    ]


def test_every_expected_file_exists(built_site):
    missing = [f for f in EXPECTED if not (built_site.output / f).is_file()]
    assert missing == []


def test_every_position_and_sent_response_has_a_page(built_site):
    for md in built_site.positions.glob("*.md"):
        slug, _, lang = md.stem.partition(".")  # foo.en.md is written under /en/
        folder = built_site.output / lang if lang else built_site.output
        assert (folder / "standpunkter" / slug / "index.html").is_file(), md
    for md in built_site.responses.glob("*.md"):
        doc = load_document(md, "hoeringssvar")
        page = built_site.output / "hoeringssvar" / md.stem / "index.html"
        assert page.is_file() == (doc.meta.status == "sendt"), md


def test_pages_are_norwegian_with_quick_exit_and_emergency_numbers(built_site, site_pages):
    config = load_config(built_site.config)
    neutral = config.site.neutral_exit_url
    assert len(site_pages) >= 15
    for page in site_pages:
        # bokmål, except under a language's own folder (/en/…: tests/site/test_languages.py)
        first = page.path.relative_to(built_site.output).parts[0]
        lang = first if first in config.languages.others else "nb"
        assert page.find("html", lang=lang), page.path
        exit_links = page.find("a", id="forlat-siden")
        assert exit_links and exit_links[0].attrs["href"] == neutral, page.path
        exit_text = translations(built_site.theme, lang).gettext("Forlat siden raskt")
        assert exit_text in page.text, page.path
        assert page.find("a", href="tel:112"), page.path
        assert page.find("a", href="tel:116006"), page.path
        assert page.find("a", href="#innhold") and page.find("main", id="innhold"), page.path
        assert page.find("script", src="/theme/js/quick-exit.js"), page.path


def test_no_asset_or_script_from_another_host(built_site, site_pages):
    asset_attrs = {"script": "src", "img": "src", "source": "srcset", "iframe": "src",
                   "video": "src", "audio": "src", "embed": "src", "object": "data"}  # fmt: skip
    for page in site_pages:
        for tag in page.tags:
            url = None
            if tag.name in asset_attrs:
                url = tag.attrs.get(asset_attrs[tag.name])
            elif tag.name == "link" and tag.attrs.get("rel") not in ("canonical", "alternate"):
                url = tag.attrs.get("href")
            if url:
                assert not urlparse(url).netloc, f"{page.path}: {tag.name} {url}"
                assert not url.startswith("//"), f"{page.path}: {tag.name} {url}"
        assert not page.find("iframe"), page.path
    for css in built_site.output.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text()):
            assert not urlparse(url).netloc and not url.startswith("//"), f"{css}: {url}"


def test_dates_are_norwegian(built_site):
    html = (built_site.output / "hoeringssvar" / "index.html").read_text()
    assert re.search(
        r"\d{1,2}\. (januar|februar|mars|april|mai|juni|juli|august|september|oktober"
        r"|november|desember) \d{4}",
        html,
    )
    assert not re.search(r"\b(January|February|March|June|July|October|December)\b", html)


def test_responses_index_groups_by_year(built_site, site_pages):
    wanted = built_site.output / "hoeringssvar" / "index.html"  # not /en/hoeringssvar/
    index = next(p for p in site_pages if p.path == wanted)
    years = [t.attrs["id"] for t in index.tags if t.attrs.get("id", "").startswith("aar-")]
    assert years == sorted(years, reverse=True) and len(years) >= 2


def test_drafts_are_nowhere(built_site):
    drafts = _drafts(built_site)
    assert drafts, "the example content should include one draft response"
    everything = "\n".join(
        p.read_text(encoding="utf-8", errors="ignore")
        for p in built_site.output.rglob("*")
        if p.is_file() and p.suffix in (".html", ".xml", ".txt")
    )
    for doc in drafts:
        assert doc.path.stem not in everything
        assert doc.meta.title not in everything
    assert not (built_site.output / "drafts").exists()


def test_sitemap_and_feeds(built_site):
    base = load_config(built_site.config).site.url
    root = ET.parse(built_site.output / "sitemap.xml").getroot()
    locs = [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert f"{base}/" in locs and f"{base}/hoeringssvar/" in locs
    assert all(loc.startswith(base) for loc in locs)
    assert not any("404" in loc for loc in locs)
    for name in ("standpunkter", "hoeringssvar"):
        feed = ET.parse(built_site.output / "feeds" / f"{name}.atom.xml").getroot()
        title = feed.find(f"{ATOM}title").text
        assert title.startswith(("Standpunkter –", "Høringssvar –")), title
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "nb"
        links = [e.get("href") for e in feed.iter(f"{ATOM}link")]
        assert any(link and link.startswith(f"{base}/{name}/") for link in links)
    robots = (built_site.output / "robots.txt").read_text()
    assert f"Sitemap: {base}/sitemap.xml" in robots


def test_canonical_and_opengraph_on_every_page(built_site, site_pages):
    base = load_config(built_site.config).site.url
    for page in site_pages:
        canonical = page.find("link", rel="canonical")
        assert canonical and canonical[0].attrs["href"].startswith(base), page.path
        for prop in ("og:title", "og:description", "og:url", "og:locale"):
            assert page.find("meta", property=prop), (page.path, prop)
        assert page.find("meta", name="twitter:card"), page.path
