"""``/admin/``: the pinned Sveltia CMS, its fonts, its CSP and the generated configuration.

:func:`write_admin` puts into ``<site>/admin/``:

    index.html        noindex, the admin CSP as <meta> (hosts without header files), no
                      inline script
    sveltia-cms.js    the vendored bundle (its sha256 is in vendor.json) with the three
                      CDN font addresses in it pointing at fonts/ here instead
    fonts.css, fonts/ those fonts, served from here
    setup.js          the fact-box and photo editor components, the site's stylesheets
                      for the preview
    config.yml        :func:`generator.admin.cms_config.cms_config`
    .htaccess         the admin CSP for Apache; ``_headers`` gets an ``/admin/*`` rule

Both header files come from :mod:`generator.core.http_headers`.

The admin's CSP differs from the visitors' (Sveltia needs inline styles, blob: frames and
workers, and the git host's API); :func:`admin_csp` is the one place it is written.
``font-src 'self'`` blocks the bundle's CDN fonts, so Chromium uses ``fonts.css``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from generator.admin.cms_config import api_root, cms_config, config_yaml
from generator.core import Admin, Config, Paths, admin_headers_block, admin_htaccess, write_atomic

VENDOR = Path(__file__).parent / "vendor"
FOLDER = "admin"
BUNDLE = "sveltia-cms.js"
PREVIEW_STYLES = ("/theme/css/site.css", "/theme/css/farger.css", "/theme/css/facts.css")
# The bundle's own @font-face rules name these CDN files; the copy in /admin/ names ours.
CDN_FONTS = {
    "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2":
        "source-sans-3-latin-wght-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2":
        "noto-mono-latin-400-normal.woff2",
    "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2":
        "material-symbols-outlined-latin-wght-normal.woff2",
}  # fmt: skip
FONTS = {  # family → (file, format, weight)
    "Source Sans 3": ("source-sans-3-latin-wght-normal.woff2", "woff2-variations", "200 900"),
    "Noto Mono": ("noto-mono-latin-400-normal.woff2", "woff2", "400"),
    "Material Symbols Outlined": (
        "material-symbols-outlined-latin-wght-normal.woff2",
        "woff2-variations",
        "400",
    ),
}


def vendor_manifest() -> dict:
    """vendor.json: the pinned packages (version, npm integrity) and each file's sha256."""
    return json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))


def sveltia_version() -> str:
    return vendor_manifest()["packages"]["@sveltia/cms"]["version"]


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def admin_csp(admin: Admin | None, header: bool = True) -> str:
    """The admin page's policy; ``header=False`` leaves out what <meta> can't carry."""
    remote = sorted({_origin(api_root(admin)), _origin(admin.host_url)}) if admin else []
    extra = "".join(f" {o}" for o in remote)
    policy = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",  # Sveltia styles its elements inline
        "img-src": f"'self' data: blob:{extra}",
        "font-src": "'self'",
        "connect-src": f"'self' data: blob:{extra}",
        "frame-src": "blob:",  # the preview pane
        "worker-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'none'",
    }
    if header:
        policy["frame-ancestors"] = "'none'"
    return "; ".join(f"{k} {v}" for k, v in policy.items())


def index_html(admin: Admin | None) -> str:
    return f"""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{admin_csp(admin, header=False)}">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redigering – Stemme</title>
<link rel="stylesheet" href="/{FOLDER}/fonts.css">
</head>
<body>
<script src="/{FOLDER}/{BUNDLE}"></script>
<script src="/{FOLDER}/setup.js"></script>
</body>
</html>
"""


def fonts_css() -> str:
    rules = []
    for family, (file, kind, weight) in FONTS.items():
        display = "block" if family.startswith("Material") else "swap"
        rules.append(
            f"@font-face {{ font-family: '{family}'; font-style: normal; "
            f"font-weight: {weight}; font-display: {display}; "
            f"src: url(/{FOLDER}/fonts/{file}) format('{kind}'); }}"
        )
    return (
        "/* Sveltias skrifter, servert herfra i stedet for fra et CDN. */\n"
        + "\n".join(rules)
        + "\n"
    )


SETUP_JS = """// Laget av Stemme (generator/admin/page.py). Faktaboks og bilde som egne blokker i
// teksten: «[[fakta:id]]» skal stå alene på en linje og aldri bli «\\\\[[fakta:id]]».
(function () {
  'use strict';
  function esc(text) {
    return String(text || '').replace(/[&<>"']/g, function (c) {
      return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c];
    });
  }
  CMS.registerEditorComponent({
    id: 'fakta',
    label: 'Faktaboks',
    icon: 'analytics',
    fields: [{
      name: 'id', label: 'Faktum', widget: 'relation', collection: 'fakta', file: 'fakta',
      value_field: 'facts.*.id', search_fields: ['facts.*.id', 'facts.*.figure'],
      display_fields: ['facts.*.id'],
      hint: 'Faktaboksen viser tallet, setningen og kilden fra Fakta.'
    }],
    pattern: /^\\[\\[fakta:\\s*([^\\]\\s]+)\\s*\\]\\]$/,
    fromBlock: function (m) { return {id: m[1]}; },
    toBlock: function (d) { return '[[fakta:' + d.id + ']]'; },
    toPreview: function (d) {
      return '<div class="faktaboks" role="note"><p class="faktaboks__fakta">' +
        '<strong class="faktaboks__tall">Faktaboks</strong> ' + esc(d.id) + '</p></div>';
    }
  });
  CMS.registerEditorComponent({
    id: 'foto',
    label: 'Bilde',
    icon: 'image',
    fields: [
      {name: 'src', label: 'Bilde', widget: 'image',
       hint: 'Lastes opp til content/bilder/. Bildet må være ditt eget eller lisensiert.'},
      {name: 'alt', label: 'Alternativ tekst', widget: 'string',
       hint: 'Hva bildet viser, for den som ikke ser det. Påkrevd.'}
    ],
    pattern: /^!\\[([^\\]]+)\\]\\(([^)\\s]+)\\)$/,
    fromBlock: function (m) { return {alt: m[1], src: m[2]}; },
    toBlock: function (d) { return '![' + (d.alt || '') + '](' + (d.src || '') + ')'; },
    toPreview: function (d) {
      return '<img src="' + esc(d.src) + '" alt="' + esc(d.alt) + '">';
    }
  });
__STYLES__
})();
"""


def setup_js() -> str:
    styles = "\n".join(f"  CMS.registerPreviewStyle('{s}');" for s in PREVIEW_STYLES)
    return SETUP_JS.replace("__STYLES__", styles)


def served_bundle() -> bytes:
    """The vendored bundle with its three CDN font addresses pointing at /admin/fonts/."""
    bundle = (VENDOR / BUNDLE).read_bytes()
    for cdn, file in CDN_FONTS.items():
        if cdn.encode() not in bundle:
            raise RuntimeError(f"{BUNDLE}: fant ikke {cdn} (ny Sveltia-versjon? se vendor.json)")
        bundle = bundle.replace(cdn.encode(), f"/{FOLDER}/fonts/{file}".encode())
    return bundle


def write_admin(site: Path, config: Config, paths: Paths) -> Path:
    """Write ``site/admin/`` (the editor, its fonts and configuration); returns the folder."""
    folder = site / FOLDER
    (folder / "fonts").mkdir(parents=True, exist_ok=True)
    write_atomic(folder / BUNDLE, served_bundle())
    shutil.copyfile(VENDOR / "LICENSE-sveltia-cms.txt", folder / "LICENSE-sveltia-cms.txt")
    for file, _kind, _weight in FONTS.values():
        shutil.copyfile(VENDOR / "fonts" / file, folder / "fonts" / file)
    texts = {
        "index.html": index_html(config.admin),
        "fonts.css": fonts_css(),
        "setup.js": setup_js(),
        "config.yml": config_yaml(cms_config(config, paths)),
    }
    csp = admin_csp(config.admin)
    texts[".htaccess"] = admin_htaccess(csp)
    for name, text in texts.items():
        write_atomic(folder / name, text.encode("utf-8"))
    headers = site / "_headers"
    if headers.is_file() and "\n/admin/*\n" not in headers.read_text("utf-8"):
        write_atomic(headers, headers.read_bytes() + admin_headers_block(csp).encode("utf-8"))
    return folder
