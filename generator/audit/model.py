"""Proof that the published site works: the shared model of a site audit.

An audit looks at a built site folder (``output/`` or a fresh build in a temp dir). Pages
come from ``/sitemap.xml`` plus ``/404.html`` — never from a hard-coded list — and are
grouped by page type, so every type that exists (and any new one) is checked. Each check
writes :class:`Finding` s into one :class:`Report`; the report prints one Norwegian summary
table (page type × check: OK / FEIL / HOPPET OVER).

The checks themselves live beside this module: ``file_checks`` (links, weight, valid
HTML — no browser) and ``audit_browser`` (axe-core, quick exit, privacy, layout,
keyboard — Chromium through Playwright).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from defusedxml import ElementTree

from generator.core import BuildError

# Check key → column heading of the summary table (Norwegian, short).
CHECKS: dict[str, str] = {
    "axe": "Tilgj.(axe)",
    "exit": "Forlat siden",
    "privacy": "Sporing",
    "console": "Konsoll",
    "layout": "Bredde",
    "keyboard": "Tastatur",
    "html": "HTML",
    "links": "Lenker",
    "weight": "Vekt",
}

# Page type key → Norwegian name, in the order the table lists them.
PAGE_TYPES: dict[str, str] = {
    "forside": "Forside",
    "standpunkter-oversikt": "Standpunkter (oversikt)",
    "standpunkt": "Standpunkt",
    "hoeringssvar-oversikt": "Høringssvar (oversikt)",
    "hoeringssvar": "Høringssvar",
    "fakta": "Fakta (oversikt)",
    "faktum": "Faktum",
    "kampanjearkiv": "Kampanjearkiv",
    "kampanje": "Kampanjeside",
    "kampanjedag": "Kampanjedag",
    "tema-oversikt": "Temaer (oversikt)",
    "tema": "Tema",
    "sok": "Søk",
    "side": "Side",
    "404": "404-side",
}

OK, FAILED, SKIPPED = "OK", "FEIL", "HOPPET OVER"
WEIGHT_LIMIT = 60_000  # bytes: HTML + CSS + JS of one page, uncompressed
SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_TYPE_META = re.compile(
    r"<meta\s+[^>]*name=[\"']stemme:type[\"'][^>]*content=[\"']([^\"']+)[\"']"
    r"|<meta\s+[^>]*content=[\"']([^\"']+)[\"'][^>]*name=[\"']stemme:type[\"']",
    re.IGNORECASE,
)
# base.html: <body class="side-{% block page_type %}annet{% endblock %}">
_BODY_TYPE = re.compile(r"<body[^>]*\sclass=[\"'][^\"']*\bside-([a-z0-9-]+)", re.IGNORECASE)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class Page:
    """One HTML page of the built site."""

    path: str  # URL path from the site root, e.g. "/standpunkter/krisesenterloven/"
    file: Path
    type: str

    @property
    def type_name(self) -> str:
        return PAGE_TYPES.get(self.type, self.type)


@dataclass(frozen=True)
class Finding:
    """One problem: which page, which check, which rule, which element, what to do."""

    check: str
    page: str
    rule: str
    element: str
    message: str

    def __str__(self) -> str:
        element = f"\n      element: {self.element}" if self.element else ""
        return f"  {self.page}  [{self.rule}] {self.message}{element}"


@dataclass
class Report:
    """Everything one audit found, and which page was checked by which check."""

    pages: list[Page]
    findings: list[Finding] = field(default_factory=list)
    checked: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    skipped: dict[str, str] = field(default_factory=dict)
    heaviest: list[tuple[str, int]] = field(default_factory=list)
    screenshots: list[Path] = field(default_factory=list)

    def add(self, findings: list[Finding]) -> None:
        """Add findings; the same problem seen again by another flow counts once."""
        known = set(self.findings)
        for finding in findings:
            if finding not in known:
                known.add(finding)
                self.findings.append(finding)

    def mark_checked(self, check: str, page: Page | str) -> None:
        self.checked[check].add(page.path if isinstance(page, Page) else page)

    def skip(self, check: str, reason: str) -> None:
        self.skipped[check] = reason

    def failures(self, check: str) -> list[Finding]:
        return [f for f in self.findings if f.check == check]

    def failure_text(self, check: str) -> str:
        found = self.failures(check)
        head = f"{CHECKS[check]}: {len(found)} feil"
        return "\n".join([head, *(str(f) for f in found)])

    def status(self, page_type: str, check: str) -> str:
        if check in self.skipped:
            return SKIPPED
        paths = {p.path for p in self.pages if p.type == page_type}
        ran = paths & self.checked.get(check, set())
        if not ran:
            return SKIPPED
        bad = {f.page for f in self.findings if f.check == check and f.page in paths}
        return FAILED if bad else OK

    def table(self) -> str:
        """The Norwegian summary table: page type × check."""
        types = sorted(
            {p.type for p in self.pages},
            key=lambda t: (list(PAGE_TYPES).index(t) if t in PAGE_TYPES else 99, t),
        )
        header = ["Sidetype", "Sider", *CHECKS.values()]
        rows = [header]
        for page_type in types:
            count = sum(1 for p in self.pages if p.type == page_type)
            name = PAGE_TYPES.get(page_type, page_type)
            rows.append([name, str(count), *(self.status(page_type, c) for c in CHECKS)])
        known = {p.path for p in self.pages}
        if stray := {f.check for f in self.findings if f.page not in known}:
            rows.append(["Utenfor sidene", "–", *(FAILED if c in stray else "" for c in CHECKS)])
        widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
        lines = ["  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)) for r in rows]
        lines.insert(1, "  ".join("-" * w for w in widths))
        for check, reason in self.skipped.items():
            lines.append(f"{CHECKS[check]} hoppet over: {reason}")
        return "\n".join(lines)

    def weight_text(self) -> str:
        lines = ["Tyngste sider (HTML + CSS + JS, ukomprimert):"]
        for path, size in self.heaviest:
            near = "  ← nær grensen" if 0.9 * WEIGHT_LIMIT < size <= WEIGHT_LIMIT else ""
            lines.append(f"  {size / 1000:6.1f} kB  {path}{near}")
        return "\n".join(lines)


def page_type(path: str, html: str = "") -> str:
    """The page type: ``<meta name="stemme:type">`` if the template sets it; else the URL
    pattern of a known type; else the template's body class ``side-<type>``; else the
    URL's first folder (so a new section is a new type by itself)."""
    if match := _TYPE_META.search(html):
        return match.group(1) or match.group(2)
    from_url = _type_from_url(path)
    if from_url in PAGE_TYPES:
        return from_url
    if (match := _BODY_TYPE.search(html)) and match.group(1) != "annet":
        return match.group(1)
    return from_url


def _type_from_url(path: str) -> str:
    parts = [p for p in path.strip("/").split("/") if p]
    if path.endswith("404.html"):
        return "404"
    if not parts:
        return "forside"
    section, rest = parts[0], parts[1:]
    if section == "kampanjer":
        if not rest:
            return "kampanjearkiv"
        return "kampanjedag" if len(rest) > 1 and _DAY.match(rest[1]) else "kampanje"
    if section == "sok" and not rest:
        return "sok"
    plural = {
        "standpunkter": "standpunkt",
        "hoeringssvar": "hoeringssvar",
        "fakta": "faktum",
        "tema": "tema",
    }
    overview = {
        "hoeringssvar": "hoeringssvar-oversikt",
        "standpunkter": "standpunkter-oversikt",
        "tema": "tema-oversikt",
    }
    if section in plural:
        return plural[section] if rest else overview.get(section, section)
    return "side" if len(parts) == 1 else section


def file_for(site_dir: Path, path: str) -> Path | None:
    """The file that serves a URL path, as a static host would (``dir/`` → ``dir/index.html``)."""
    rel = unquote(path).lstrip("/")
    candidate = site_dir / rel
    if rel == "" or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    try:
        candidate.resolve().relative_to(site_dir.resolve())
    except ValueError:
        return None
    return candidate if candidate.is_file() else None


def sitemap_paths(site_dir: Path) -> list[str]:
    """URL paths listed in ``sitemap.xml`` (origin dropped), in file order."""
    sitemap = site_dir / "sitemap.xml"
    if not sitemap.is_file():
        raise BuildError(
            f"Fant ikke {sitemap}. Bygg nettstedet først (make publish), "
            "så kan sjekkene finne sidene."
        )
    root = ElementTree.parse(sitemap).getroot()
    paths = []
    for loc in root.iter(f"{SITEMAP_NS}loc"):
        split = urlsplit((loc.text or "").strip())
        paths.append(split.path or "/")
    return paths


def site_origin(site_dir: Path) -> str:
    """The public origin the sitemap uses (e.g. ``https://example.org``), or ``""``."""
    text = (site_dir / "sitemap.xml").read_text(encoding="utf-8", errors="replace")
    match = re.search(r"<loc>\s*(https?://[^/<\s]+)", text)
    return match.group(1) if match else ""


def discover_pages(site_dir: Path) -> tuple[list[Page], list[Finding]]:
    """Every page of the sitemap plus 404.html, typed; a sitemap entry without a file is a
    finding of the link check."""
    pages: list[Page] = []
    missing: list[Finding] = []
    seen: set[str] = set()
    for path in [*sitemap_paths(site_dir), "/404.html"]:
        if path in seen:
            continue
        seen.add(path)
        file = file_for(site_dir, path)
        if file is None:
            where = "404.html" if path == "/404.html" else "sitemap.xml"
            missing.append(
                Finding("links", path, "side-mangler", where, "siden finnes ikke i bygget")
            )
            continue
        html = file.read_text(encoding="utf-8", errors="replace")
        pages.append(Page(path, file, page_type(path, html)))
    return pages, missing


def samples(pages: list[Page], per_type: int) -> list[Page]:
    """Up to ``per_type`` pages of each type (first and last first), for costly checks."""
    by_type: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        by_type[page.type].append(page)
    chosen: list[Page] = []
    for group in by_type.values():
        order = [group[0], group[-1], *group[1:-1]] if len(group) > 1 else group
        chosen.extend(order[:per_type])
    return chosen
