"""A tiny hand-made site: one good page and pages each broken on purpose in one way.

Every check of the audit must pass the good pages and catch its own defect — that keeps
each check proven, not just green.
"""

from __future__ import annotations

from pathlib import Path

ORIGIN = "https://mini.example"
NEUTRAL = "https://www.yr.no"

CSS = """
body { margin: 0; font: 1rem/1.5 sans-serif; color: #1d1d1b; background: #fff; }
a { color: #5b2a86; }
a:focus-visible { outline: 3px solid #1d1d1b; outline-offset: 2px; }
.skip-link { position: absolute; left: 0.5rem; top: -4rem; background: #ffdd00; color: #1d1d1b; }
.skip-link:focus { top: 0.5rem; }
.quick-exit { display: flex; justify-content: flex-end; padding: 0.5rem; background: #1d1d1b; }
#forlat-siden { color: #fff; background: #b3171c; padding: 0.5rem 1rem; font-weight: 700; }
main, header, footer { padding: 0 1rem; }
main:focus { outline: none; }
"""

EXIT_JS = """
(function () {
  var button = document.getElementById("forlat-siden");
  if (!button) { return; }
  var url = button.getAttribute("data-neutral-url");
  var presses = 0;
  function exit(event) {
    if (event) { event.preventDefault(); }
    document.getElementById("side").hidden = true;
    window.location.replace(url);
  }
  button.addEventListener("click", exit);
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = 0; return; }
    presses += 1;
    if (presses >= 3) { presses = 0; exit(); }
  });
})();
"""

SKIP = '<a class="skip-link" href="#innhold">Hopp til hovedinnholdet</a>'
EXIT = (
    f'<div class="quick-exit"><a id="forlat-siden" href="{NEUTRAL}/" data-neutral-url="{NEUTRAL}/">'
    "Forlat siden raskt</a></div>"
)


def page(
    title: str,
    content: str = "<p>Innhold.</p>",
    *,
    head: str = "",
    kind: str = "",
    skip: str = SKIP,
    exit_button: str = EXIT,
    exit_script: bool = True,
) -> str:
    meta = f'<meta name="stemme:type" content="{kind}">' if kind else ""
    script = '<script src="/exit.js" defer></script>' if exit_script else ""
    return f"""<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
{meta}
<link rel="stylesheet" href="/site.css">
{script}
{head}
</head>
<body>
{skip}
{exit_button}
<div id="side">
<header><nav aria-label="Hovedmeny">
<a href="/">Forside</a> <a href="/standpunkter/">Standpunkter</a>
</nav></header>
<main id="innhold" tabindex="-1">
<h1>{title}</h1>
{content}
</main>
<footer><p>Krisesentersekretariatet</p></footer>
</div>
</body>
</html>
"""


# The site's own policy (+ 'report-sample', so the finding quotes the blocked style).
STRICT_CSP = "default-src 'self'; style-src 'self' 'report-sample'; script-src 'self'"
HEAVY = "<p>" + "ord " * 16_000 + "</p>"

# URL path → HTML. Each defect page names its own type, so the table shows one row each.
PAGES: dict[str, str] = {
    "/": page("Forside", '<p><a href="/standpunkter/#liste">Alle standpunkter</a></p>'),
    "/standpunkter/": page("Standpunkter", '<ul id="liste"><li>Ett</li></ul>'),
    "/uten-alt/": page(
        "Uten alt", '<img src="/bilde.svg" width="10" height="10">', kind="uten-alt"
    ),
    "/ekstern-font/": page(
        "Ekstern skrift",
        head='<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Lato">',
        kind="ekstern-font",
    ),
    "/brutt-lenke/": page(
        "Brutt lenke",
        '<p><a href="/finnes-ikke/">Borte</a> <a href="/#mangler">Anker</a></p>',
        kind="brutt-lenke",
    ),
    "/tung/": page("Tung side", HEAVY, kind="tung"),
    "/ugyldig/": page("Ugyldig HTML", "<p>Avsnitt</p></section>", kind="ugyldig"),
    "/bred/": page("Bred", '<div style="width: 600px">For bred boks</div>', kind="bred"),
    "/uten-utgang/": page("Uten utgang", skip="", exit_button="", kind="uten-utgang"),
    "/kapsel/": page("Kapsel", head='<script src="/kapsel.js"></script>', kind="kapsel"),
    "/konsollfeil/": page("Konsoll", head='<script src="/feil.js"></script>', kind="konsollfeil"),
    "/usynlig-fokus/": page(
        "Usynlig fokus",
        head="<style>a:focus, a:focus-visible { outline: none !important; }</style>",
        kind="usynlig-fokus",
    ),
    "/uten-skjul/": page("Uten skjul", exit_script=False, kind="uten-skjul"),
    "/innebygd-stil/": page(
        "Innebygd stil",
        '<p style="display: none">Skjult med innebygd stil</p>',
        head=f'<meta http-equiv="Content-Security-Policy" content="{STRICT_CSP}">'
        "<style>#forlat-siden { display: none; }</style>",
        kind="innebygd-stil",
    ),
    "/usynlig-tekst/": page(  # axe calls this «incomplete»; the audit calls it a failure
        "Usynlig tekst",
        '<p><a style="color: #fff; background: #fff" href="/">Se alle dagene</a></p>',
        kind="usynlig-tekst",
    ),
    "/404.html": page("Fant ikke siden", '<p><a href="standpunkter/">Standpunkter</a></p>'),
}

FILES: dict[str, str] = {
    "site.css": CSS,
    "exit.js": EXIT_JS,
    "kapsel.js": 'document.cookie = "sporing=1; path=/";',
    "feil.js": "window.ikkeDefinert.kall();",
    "bilde.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
}

MISSING_FROM_BUILD = "/forsvunnet/"


def write_site(root: Path) -> Path:
    """Write the mini site (with sitemap.xml) under ``root`` and return it."""
    for path, html in PAGES.items():
        file = root / (path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/"))
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(html, encoding="utf-8")
    for name, text in FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    urls = [p for p in PAGES if p != "/404.html"] + [MISSING_FROM_BUILD]
    locs = "\n".join(f"  <url><loc>{ORIGIN}{p}</loc></url>" for p in urls)
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{locs}\n</urlset>\n',
        encoding="utf-8",
    )
    return root
