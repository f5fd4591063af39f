"""Feed text never becomes markup, and the built handbook asks no other host for anything."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.handbook.markup import external_link, html_block, safe_url, sanitise, text
from tests.handbook.helpers import HOSTILE_ID, HOSTILE_TITLE

# Attributes that make the browser fetch something by itself (a plain <a href> does not).
FETCHING = {
    "img": ("src", "srcset"), "script": ("src",), "iframe": ("src",), "source": ("src", "srcset"),
    "video": ("src", "poster"), "audio": ("src",), "embed": ("src",), "object": ("data",),
    "link": ("href",), "input": ("src",), "track": ("src",), "form": ("action",),
}  # fmt: skip
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)""")
CSS_IMPORT = re.compile(r"""@import\s+['"]([^'"]+)""")


class Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False
        self.h1 = ""
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        self._in_h1 = self._in_h1 or tag == "h1"

    def handle_endtag(self, tag):
        self._in_script = False if tag == "script" else self._in_script
        self._in_h1 = False if tag == "h1" else self._in_h1

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        if self._in_h1:
            self.h1 += data


def parse(page: str) -> Collector:
    collector = Collector()
    collector.feed(page)
    return collector


def is_external(url: str) -> bool:
    """Anything with a scheme or a host; inline ``data:`` URLs ask no host for anything."""
    url = url.strip()
    if url.lower().startswith("data:"):
        return False
    return bool(re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", url)) or url.startswith("//")


def fetched_urls(site: Path) -> list[tuple[Path, str]]:
    found = []
    for page in site.rglob("*.html"):
        for tag, attrs in parse(page.read_text(encoding="utf-8")).elements:
            for attr in FETCHING.get(tag, ()):
                value = attrs.get(attr)
                if value:
                    found += [(page, part.split()[0]) for part in value.split(",") if part.strip()]
            if style := attrs.get("style"):
                found += [(page, u) for u in CSS_URL.findall(style)]
    for sheet in site.rglob("*.css"):
        css = sheet.read_text(encoding="utf-8")
        found += [(sheet, u) for u in CSS_URL.findall(css) + CSS_IMPORT.findall(css)]
    return found


# ------------------------------------------------------------------ built pages


@pytest.fixture
def built(watched_site):
    return watched_site


def test_hostile_title_is_text_not_markup(built):
    page = built.page(f"hoeringer/regjeringen-{HOSTILE_ID}")
    doc = parse(page)
    assert doc.h1.strip() == HOSTILE_TITLE  # shown exactly, as text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert not any("onerror" in attrs for _, attrs in doc.elements)
    assert not any(tag == "img" and attrs.get("src") == "x" for tag, attrs in doc.elements)
    assert not any("alert(1)" in script for script in doc.scripts)
    hrefs = [attrs.get("href") or "" for _, attrs in doc.elements]
    assert not any(h.lower().startswith("javascript:") for h in hrefs)
    assert "<i>Ukjent</i>" not in page and "&lt;i&gt;Ukjent&lt;/i&gt;" in page


def test_hostile_title_is_text_on_every_page_that_shows_it(built):
    for url_path in ("frister", "hoeringer"):
        page = built.page(url_path)
        doc = parse(page)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
        assert not any("onerror" in attrs for _, attrs in doc.elements)
        assert not any("alert(1)" in script for script in doc.scripts)
    owner = built.page("hoeringer/regjeringen-3181402")
    assert "Ola &lt;b&gt;Fet&lt;/b&gt;" in owner


def test_search_index_keeps_the_hostile_title_escaped(built):
    index = json.loads((built.site / "search" / "search_index.json").read_text())
    docs = [d for d in index["docs"] if HOSTILE_ID in d["location"]]
    assert docs
    for doc in docs:
        assert "<script" not in doc["title"] + doc["text"]
        assert "<img" not in doc["title"] + doc["text"]


def test_no_request_to_another_host(built):
    urls = fetched_urls(built.site)
    assert urls, "expected stylesheets, scripts and fonts to check"
    external = [(str(p.relative_to(built.site)), u) for p, u in urls if is_external(u)]
    assert external == []
    everything = "".join(p.read_text(encoding="utf-8") for p in built.site.rglob("*.html"))
    for host in ("fonts.googleapis.com", "fonts.gstatic.com", "googletagmanager", "unpkg.com"):
        assert host not in everything


def test_relative_links_and_sources_resolve(built):
    missing = []
    for page in built.site.rglob("*.html"):
        for tag, attrs in parse(page.read_text(encoding="utf-8")).elements:
            for attr in ("href", "src"):
                value = (attrs.get(attr) or "").split("#")[0].split("?")[0]
                if (
                    not value
                    or is_external(value)
                    or (tag == "link" and attrs.get("rel") == "alternate")
                ):
                    continue
                base = built.site if value.startswith("/") else page.parent
                target = (base / value.lstrip("/")).resolve()
                if not (target.is_file() or (target / "index.html").is_file()):
                    missing.append((str(page.relative_to(built.site)), value))
    assert missing == []


def test_fonts_are_self_served_lato(built):
    css = (built.site / "stylesheets" / "stemme.css").read_text()
    assert '--md-text-font:"Lato"' in css
    for face in ("Lato-Regular", "Lato-Bold", "Lato-Italic", "Lato-BoldItalic"):
        font = built.site / "assets" / "fonts" / f"{face}.woff2"
        assert font.read_bytes()[:4] == b"wOF2"
        assert f"../assets/fonts/{face}.woff2" in css
    index = built.page("")
    assert "stylesheets/stemme.css" in index
    assert "fonts.googleapis" not in index


def test_handbook_asks_search_engines_to_stay_away(built):
    for page in ("", "frister", f"hoeringer/regjeringen-{HOSTILE_ID}"):
        assert '<meta name="robots" content="noindex, nofollow">' in built.page(page)
    assert "Disallow: /" in (built.site / "robots.txt").read_text()


def test_handbook_is_not_built_inside_the_public_output():
    config = (Path(__file__).resolve().parents[2] / "handbook" / "mkdocs.yml").read_text()
    assert "site_dir: ../build/handbook" in config
    assert "font: false" in config and "language: nb" in config
    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "$(BIN)/mkdocs build --strict -f handbook/mkdocs.yml" in makefile


# ------------------------------------------------------------------ markup units


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example/x",
     "vbscript:x", "https://ex ample.no", "/relative", "", None, "https://"],
)  # fmt: skip
def test_only_absolute_http_urls_survive(url):
    assert safe_url(url) is None
    assert "href" not in external_link(url, "lenke")


def test_http_links_are_kept_and_escaped():
    assert safe_url("https://www.regjeringen.no/id1/") == "https://www.regjeringen.no/id1/"
    link = external_link('https://ex.no/?a=1&b="2"', "<b>x</b>")
    assert link == '<a href="https://ex.no/?a=1&amp;b=&quot;2&quot;">&lt;b&gt;x&lt;/b&gt;</a>'


def test_sanitise_removes_scripts_handlers_and_bad_links():
    dirty = (
        '<p onclick="x()">a</p><script>alert(1)</script><img src=x onerror=alert(1)>'
        '<a href="javascript:alert(1)">b</a><a href="../ok/">c</a><iframe src="//e.no"></iframe>'
    )
    clean = sanitise(dirty)
    for bad in ("onclick", "<script", "onerror", "javascript:", "<iframe"):
        assert bad not in clean
    assert 'href="../ok/"' in clean


def test_text_escapes_and_html_block_has_no_blank_lines():
    assert text('<a href="x">&') == "&lt;a href=&quot;x&quot;&gt;&amp;"
    block = html_block("<p>a</p>\n\n\n<p>b</p>")
    assert "\n\n" not in block.strip()
