"""Is this body what the source should send? Checked before any parser sees it.

A body fails its source (a :class:`~generator.core.errors.SourceError`, so nothing from that
poll is stored) when it is

* empty;
* truncated — an XML document that stops before its root element closes, or JSON that
  stops before its last bracket (a dropped connection, a proxy that cut it off);
* an ordinary HTML page where a feed should be (a moved feed, a landing page);
* a bot challenge from the site's CDN (Cloudflare, Akamai, Imperva …): «blokkert av
  nettstedet» (:class:`Blocked`), never retried blindly, whatever its HTTP status.

:func:`challenge` is also used by the fetcher on error statuses (a challenge often comes
as 403 or 503) and for detail pages (:func:`check_page`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from generator.core import SourceError
from generator.watch.xmlsafety import decoded

NOTHING_STORED = "Ingenting ble lagret"
_RETRY = f"{NOTHING_STORED}; kilden prøves igjen ved neste kjøring."

# (who, pattern in the first 64 KB of the body)
_CHALLENGES = (
    (
        "Cloudflare",
        re.compile(
            r"window\._cf_chl_opt|/cdn-cgi/challenge-platform/|"
            r"<title>\s*(?:Just a moment\.\.\.|Attention Required! \| Cloudflare)",
            re.IGNORECASE,
        ),
    ),
    (
        "Akamai",
        re.compile(
            r"errors\.edgesuite\.net|<title>\s*Access Denied\s*</title>.{0,3000}?"
            r"Reference(?:\s|&#32;)*(?:#|&#35;)",
            re.IGNORECASE | re.DOTALL,
        ),
    ),
    ("Imperva", re.compile(r"_Incapsula_Resource|Incapsula incident ID", re.IGNORECASE)),
    (
        "nettstedet",
        re.compile(r"<title>[^<]{0,80}(?:captcha|are you a robot|bot verification)", re.I),
    ),
)
_PEEK = 64 * 1024
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_PROLOG = re.compile(r"\A(?:\s|<\?.*?\?>|<!--.*?-->|<![^<>]*(?:\[.*?\])?\s*>)*", re.DOTALL)
_ROOT = re.compile(r"<([A-Za-z_][\w.\-]*(?::[\w.\-]+)?)")
_HTML_START = re.compile(r"<!doctype\s+html|<html[\s>]", re.IGNORECASE)


def challenge(status: int, headers: Mapping[str, str], body: bytes) -> str | None:
    """Who served a bot challenge instead of the content (``None``: not a challenge)."""
    if headers.get("cf-mitigated", "").lower() == "challenge":
        return "Cloudflare"
    text = body[:_PEEK].decode("utf-8", errors="replace")
    for who, pattern in _CHALLENGES:
        if pattern.search(text):
            return who
    return None


class Blocked(SourceError):
    """The site's CDN answered with a bot challenge instead of the content."""


def blocked(url: str, who: str, status: int) -> Blocked:
    return Blocked(
        f"{url}: blokkert av nettstedet — svaret var en robotsjekk fra {who} (HTTP {status}), "
        f"ikke innholdet. {NOTHING_STORED}. Prøv igjen senere; skjer det hver gang, be "
        "nettstedet slippe gjennom Stemme (avsenderen står i User-Agent)."
    )


def check_feed(url: str, body: bytes, *, status: int = 200, expects: str = "en strøm") -> None:
    """Raise SourceError unless ``body`` can be a complete feed (``expects`` names it)."""
    if not body.strip():
        raise SourceError(f"{url}: svaret var tomt. {_RETRY}")
    who = challenge(status, {}, body)
    if who:
        raise blocked(url, who, status)
    text = decoded(body)
    start = _PROLOG.match(text)
    rest = text[start.end() if start else 0 :]
    if _HTML_START.match(rest):
        raise SourceError(
            f"{url}: svaret er en vanlig nettside (HTML), ikke {expects}. {NOTHING_STORED}. "
            "Sjekk adressen i stemme.toml — nettstedet kan ha flyttet strømmen."
        )
    _check_complete(url, rest)


def _check_complete(url: str, text: str) -> None:
    stripped = text.rstrip()
    if stripped[:1] in ("{", "["):
        closer = "}" if stripped[0] == "{" else "]"
        if not stripped.endswith(closer):
            raise SourceError(f"{url}: svaret er avkortet (slutter før siste {closer}). {_RETRY}")
        return
    root = _ROOT.match(stripped)
    if root is None:
        return  # not XML at all: the parser says what it is
    name = root.group(1)
    if not re.search(rf"</\s*{re.escape(name)}\s*>\Z", _COMMENT.sub("", stripped[-4096:])):
        raise SourceError(f"{url}: svaret er avkortet (slutter før </{name}>). {_RETRY}")


def check_page(url: str, body: bytes, *, status: int = 200) -> None:
    """A detail page: empty or a bot challenge fails the page (it is retried next poll)."""
    if not body.strip():
        raise SourceError(f"{url}: siden var tom; den leses på nytt ved neste kjøring.")
    who = challenge(status, {}, body)
    if who:
        raise blocked(url, who, status)
