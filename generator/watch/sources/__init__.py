"""Source readers: bytes in, :class:`~generator.watch.model.Parsed` out. No network here.

* ``rss`` — any RSS/Atom feed (feedparser on bytes, after the DTD/ENTITY check);
* ``regjeringen`` — the regjeringen.no hearings feed plus its detail pages (deadline,
  status, department, reference);
* ``stortinget`` — data.stortinget.no ``eksport/horinger`` as XML (defusedxml) or JSON.

:data:`SOURCES` is the registry the poller and the CLI use: a kind's name → how to read
it. A new kind of source is one module here plus one line in the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from generator.watch.model import Parsed
from generator.watch.sources import regjeringen, rss, stortinget


def _no_warning(_url: str, _today: date) -> str | None:
    return None


@dataclass(frozen=True)
class SourceKind:
    """How to read one kind of source."""

    name: str
    parse: Callable[..., Parsed]  # (data: bytes, *, source: str) -> Parsed
    expects: str  # what the body should be, for «svaret er en vanlig nettside, ikke …»
    reads_pages: bool = False  # fetch each entry's detail page (deadline, status)
    address_warning: Callable[[str, date], str | None] = _no_warning


SOURCES: dict[str, SourceKind] = {
    kind.name: kind
    for kind in (
        SourceKind("regjeringen", regjeringen.parse_feed, "en strøm", reads_pages=True),
        SourceKind(
            "stortinget",
            stortinget.parse,
            "XML eller JSON fra Stortingets API",
            address_warning=stortinget.session_warning,
        ),
        SourceKind("rss", rss.parse_feed, "en strøm"),
    )
}
