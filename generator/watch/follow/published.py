"""Is our response published by the ministry? regjeringen.no lists the answers of a
hearing at ``<høring>?showSvar=true`` (searchable with ``consterm=<name>``)::

    <ul data-horingssvar-list>
      <li id="<uuid>" data-instans="Organisasjon"><a href="…?uid=<uuid>">Navn</a></li>
      <li …><a href="/contentassets/…/x.pdf?uid=…">Navn (vedlegg) (PDF, 212 kB)</a></li>

:func:`answers` gives (name, link) for each entry; :func:`ours` the first whose name is
the organisation's. Plain HTML parsing (the standard library's), nothing executed.
"""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote, urljoin, urlsplit

from generator.watch.text import http_url


class _Answers(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <ul data-horingssvar-list> (nesting of ul)
        self.href: str | None = None
        self.text: list[str] = []
        self.found: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "ul" and (self.depth or "data-horingssvar-list" in names):
            self.depth += 1
        elif self.depth and tag == "a":
            self.href, self.text = names.get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "ul" and self.depth:
            self.depth -= 1
        elif tag == "a" and self.href is not None:
            self.found.append((" ".join("".join(self.text).split()), self.href))
            self.href = None

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            self.text.append(data)


def answers(markup: str, page_url: str) -> list[tuple[str, str | None]]:
    parser = _Answers()
    parser.feed(markup)
    parser.close()
    return [(name, http_url(urljoin(page_url, href)) if href else None)
            for name, href in parser.found if name]  # fmt: skip


def ours(markup: str, page_url: str, org_name: str) -> tuple[str, str | None] | None:
    wanted = org_name.casefold().strip()
    for name, link in answers(markup, page_url):
        if wanted and name.casefold().startswith(wanted):
            return name, link
    return None


def search_url(consultation: str, org_name: str, origin: str | None = None) -> str:
    """``<høring>?showSvar=true&consterm=<name>``; ``origin`` replaces scheme+host (fixtures
    served on this machine)."""
    parts = urlsplit(consultation)
    base = f"{origin.rstrip('/')}{parts.path}" if origin else consultation.split("?")[0]
    return f"{base}?showSvar=true&consterm={quote(org_name)}"
