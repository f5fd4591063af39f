"""How the published site is served: security headers, content types and caching.

One policy, written three ways:

- the ``<meta>`` Content-Security-Policy in every page (``META_CSP``, via the Pelican
  setting ``CONTENT_SECURITY_POLICY``), which works on any host;
- ``_headers`` (Netlify, Cloudflare Pages) and ``.htaccess`` (Apache web hotels) in the
  output, for what only a real HTTP header can do: ``frame-ancestors``, Referrer-Policy,
  X-Content-Type-Options, Permissions-Policy;
- ``content_type(path)`` and ``cache_control(path)`` for targets that store headers with
  each file (S3; see ``generator.deploy``).

No style or script is inline anywhere (``'unsafe-inline'`` is absent): colours come from
generated stylesheets (``generator.site.stylesheets``), so an inline ``<style>`` in content
can't hide the quick-exit button.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "style-src": "'self'",
    "script-src": "'self'",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
META_CSP = "; ".join(f"{k} {v}" for k, v in _POLICY.items())
# frame-ancestors is ignored (with a console error) in <meta>; it only works as a header.
# The search (Pagefind) runs in a web worker that compiles WebAssembly, and a worker gets
# only the header policy: the header allows WebAssembly ('wasm-unsafe-eval' permits no
# JavaScript eval). Pages keep the stricter <meta> policy too, so they still can't.
HEADER_CSP = (
    META_CSP.replace("script-src 'self'", "script-src 'self' 'wasm-unsafe-eval'")
    + "; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": HEADER_CSP,
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()"
    ),
}

# Cards and letters keep their name when a figure or a sentence in them is corrected, so
# they are cached as briefly as the pages that show them: a correction is live everywhere
# in minutes, also through links that never pass a page (a card shared on social media, a
# letter's address in an e-mail to a ministry), which a version in the URL would not
# reach. Browsers and hosts revalidate with ETag/Last-Modified, so an unchanged card costs
# a «304 Not Modified». Only names that change with their content are kept longer.
SHORT = "public, max-age=300"  # pages, feeds, CSS, JS, cards, letters, logo: minutes
LONG = "public, max-age=604800"  # fonts, and photos (their names carry a content key)
IMMUTABLE = "public, max-age=31536000, immutable"  # fingerprinted names: a year
LONG_SUFFIXES = (".woff", ".woff2")
_FINGERPRINT = re.compile(r"\.[0-9a-f]{8,}\.[A-Za-z0-9]+$")
# Photo variants (generator.images.photos): «name-<12 hex of the content>-<width>.webp».
_PHOTO = re.compile(r"-[0-9a-f]{12}-[0-9]+\.(?:webp|jpg|png)$")
_PHOTO_APACHE = r"-[0-9a-f]{12}-[0-9]+\.(webp|jpg|png)"
PHOTOS_FOLDER = "bilder/"

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".json": "application/json",
    ".ics": "text/calendar; charset=utf-8",
    ".svg": "image/svg+xml; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".gif": "image/gif",
    ".ico": "image/x-icon",
    ".pdf": "application/pdf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}
ATOM = "application/atom+xml; charset=utf-8"
CONFIG_FILES = {"_headers", ".htaccess"}  # read by the host, never served as pages
# Files in the site root that only hosts and deploys read: never served (Apache: 404).
HIDDEN = r"(^|/)(\.htaccess|\.stemme-deploy\.json|_headers)$"


def content_type(path: str) -> str:
    """Content-Type for a site path such as ``feeds/standpunkter.atom.xml``."""
    name = PurePosixPath(path).name.lower()
    if name.endswith(".atom.xml"):
        return ATOM
    if name in CONFIG_FILES:
        return TYPES[".txt"]
    return TYPES.get(PurePosixPath(name).suffix, "application/octet-stream")


def cache_control(path: str) -> str:
    name = PurePosixPath(path).name.lower()
    if _FINGERPRINT.search(name):
        return IMMUTABLE
    if name.endswith(LONG_SUFFIXES) or (path.startswith(PHOTOS_FOLDER) and _PHOTO.search(name)):
        return LONG
    return SHORT


def headers_file() -> str:
    """``_headers`` for Netlify and Cloudflare Pages (their default cache is short)."""
    lines = ["# Laget av Stemme ved hvert bygg (generator/core/http_headers.py).", "/*"]
    lines += [f"  {name}: {value}" for name, value in SECURITY_HEADERS.items()]
    # No Cache-Control for «/*»: these hosts join the values of every matching rule, and
    # their default (revalidate every time) is as fresh as a page.
    for suffix in LONG_SUFFIXES:
        lines += ["", f"/*{suffix}", f"  Cache-Control: {LONG}"]
    lines += ["", f"/{PHOTOS_FOLDER}*", f"  Cache-Control: {LONG}"]
    return "\n".join(lines) + "\n"


def htaccess_file() -> str:
    """``.htaccess`` for Apache: headers, charset, types, caching, no folder listings."""
    long = "|".join(re.escape(s.lstrip(".")) for s in LONG_SUFFIXES)
    photo = _PHOTO_APACHE
    headers = [f'  Header always set {n} "{v}"' for n, v in SECURITY_HEADERS.items()]
    return "\n".join(
        [
            "# Laget av Stemme ved hvert bygg (generator/core/http_headers.py).",
            "Options -Indexes",
            "ErrorDocument 404 /404.html",
            "AddDefaultCharset utf-8",
            "AddCharset utf-8 .html .css .js .xml .txt .svg .ics",
            "AddType text/javascript .js",
            "AddType font/woff2 .woff2",
            '<FilesMatch "\\.atom\\.xml$">',
            '  ForceType "application/atom+xml; charset=utf-8"',
            "</FilesMatch>",
            # Not ``Require``: that needs AllowOverride AuthConfig, which the handbook does
            # not ask for (a 500 on every page). mod_alias's 404 needs only FileInfo.
            f'RedirectMatch 404 "{HIDDEN}"',
            "<IfModule mod_headers.c>",
            *headers,
            f'  Header set Cache-Control "{SHORT}"',
            f'  <FilesMatch "(\\.({long})|{photo})$">',
            f'    Header set Cache-Control "{LONG}"',
            "  </FilesMatch>",
            f'  <FilesMatch "{_FINGERPRINT.pattern}">',
            f'    Header set Cache-Control "{IMMUTABLE}"',
            "  </FilesMatch>",
            "</IfModule>",
            "",
        ]
    )


def write_header_files(root: Path) -> None:
    """Write ``_headers`` and ``.htaccess`` into the site root."""
    (root / "_headers").write_text(headers_file(), encoding="utf-8")
    (root / ".htaccess").write_text(htaccess_file(), encoding="utf-8")


# ── /admin/ (generator.admin) ─────────────────────────────────────────────────────────
# The browser editor has its own policy (inline styles, blob: frames, the git host's API).
# Netlify uses the later, more specific rule's value of a header for a path, so this block
# comes after /*. (Cloudflare Pages joins the two values instead: see the handbook,
# «Skrive i nettleseren».) Apache gets the same from admin/.htaccess.


def admin_headers_block(csp: str) -> str:
    """The ``_headers`` rule for ``/admin/*``: its own CSP, never indexed, never cached long."""
    return (
        f"\n/admin/*\n  Content-Security-Policy: {csp}\n  X-Robots-Tag: noindex, nofollow\n"
        f"  Cache-Control: no-cache\n"
    )


def admin_htaccess(csp: str) -> str:
    """``admin/.htaccess`` (Apache): replaces the site's CSP for the editor's folder."""
    return (
        "# Laget av Stemme ved hvert bygg (generator/core/http_headers.py).\n"
        "<IfModule mod_headers.c>\n"
        f'  Header always set Content-Security-Policy "{csp}"\n'
        '  Header always set X-Robots-Tag "noindex, nofollow"\n'
        '  Header set Cache-Control "no-cache"\n'
        "</IfModule>\n"
    )
