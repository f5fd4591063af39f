"""Security headers for hosts that read _headers/.htaccess, and pages with no inline style."""

from __future__ import annotations

import re

from generator.core.config import load_config
from generator.core.http_headers import cache_control, content_type


def test_header_files_carry_the_policy_the_meta_tag_cannot(built_site):
    headers = (built_site.output / "_headers").read_text("utf-8")
    htaccess = (built_site.output / ".htaccess").read_text("utf-8")
    csp = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self' 'wasm-unsafe-eval'; "  # the search's worker compiles WebAssembly
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
        "form-action 'self'; frame-ancestors 'none'"
    )
    for line in (
        f"Content-Security-Policy: {csp}",
        "Referrer-Policy: no-referrer",
        "X-Content-Type-Options: nosniff",
        "X-Frame-Options: DENY",
        "Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "browsing-topics=()",
    ):
        assert f"  {line}\n" in headers
        name, value = line.split(": ", 1)
        assert f'  Header always set {name} "{value}"\n' in htaccess
    assert headers.startswith(
        "# Laget av Stemme ved hvert bygg (generator/core/http_headers.py).\n/*\n"
    )
    assert "/*.woff2\n  Cache-Control: public, max-age=604800\n" in headers
    assert "/*.png" not in headers  # cards: the host's default, revalidated every time
    assert "Options -Indexes\nErrorDocument 404 /404.html\n" in htaccess


def test_every_page_has_the_strict_policy_and_no_inline_style(built_site, site_pages):
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
    for page in site_pages:
        policy = meta.search(page.html)
        assert policy, page.path
        assert "'unsafe-inline'" not in policy.group(1) and "style-src 'self';" in policy.group(1)
        assert "frame-ancestors" not in policy.group(1)  # ignored (with an error) in <meta>
        assert not page.find("style"), page.path
        assert not [t.name for t in page.tags if "style" in t.attrs], page.path


def test_colours_come_from_generated_stylesheets(built_site, site_pages):
    brand = load_config(built_site.config).brand
    css = (built_site.output / "theme" / "css" / "farger.css").read_text("utf-8")
    assert f"  --primary: {brand.primary};\n" in css and f"  --muted: {brand.muted};\n" in css
    campaign = (built_site.output / "theme" / "css" / "kampanjefarger.css").read_text("utf-8")
    assert '[data-kampanje="taushet-tar-liv-2026"] {\n  --c-primary: #7A1F3D;' in campaign
    front = next(p for p in site_pages if p.path == built_site.output / "index.html")
    assert front.find("link", rel="stylesheet", href="/theme/css/farger.css")
    assert front.find("link", rel="stylesheet", href="/theme/css/kampanjefarger.css")
    assert front.find("section", **{"data-kampanje": "taushet-tar-liv-2026"})


def test_content_types_carry_utf8_and_cache_is_short_for_pages_cards_and_letters():
    assert content_type("index.html") == "text/html; charset=utf-8"
    assert content_type("feeds/hoeringssvar.atom.xml") == "application/atom+xml; charset=utf-8"
    assert content_type("theme/fonts/lato-400.woff2") == "font/woff2"
    assert content_type("hoeringssvar/svar/svar.pdf") == "application/pdf"
    assert content_type("_headers") == "text/plain; charset=utf-8"
    assert cache_control("index.html") == "public, max-age=300"
    assert cache_control("theme/js/quick-exit.js") == "public, max-age=300"
    # A corrected figure or letter keeps its URL: it must not be served stale for a week.
    assert cache_control("kort/taushet/partnerdrap-andel-og.png") == "public, max-age=300"
    assert cache_control("hoeringssvar/svar/svar.pdf") == "public, max-age=300"
    assert cache_control("theme/fonts/lato-400.woff2") == "public, max-age=604800"
    assert cache_control("bilder/kaffe-0123456789ab-640.webp") == "public, max-age=604800"
    assert cache_control("bilder/kaffe.jpg") == "public, max-age=300"
    assert cache_control("theme/css/site.3f2a9c1d.css") == "public, max-age=31536000, immutable"
