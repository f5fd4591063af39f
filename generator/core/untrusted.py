"""Text from outside (feeds, pages, staff fields) made harmless: the one set of control
characters Stemme removes, the one test for a link it will follow, and plain text
escaped for HTML.

:func:`strip_controls` removes terminal escape sequences (CSI, OSC) and every control
character but tab, newline and carriage return: C0, DEL, C1, and the bidirectional
overrides and isolates that make text read differently from what it is.
:func:`http_url` keeps an absolute http(s) URL with a host and nothing else (a feed's
``//host/…`` may be taken as https); :func:`html_text` escapes plain text for HTML,
quotes included.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import urlsplit

# Terminal escape sequences (CSI, OSC), then any other control character.
TERMINAL = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]"
)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences and control characters (tab/newline stay)."""
    return CONTROL.sub("", TERMINAL.sub("", text))


def html_text(value: object) -> str:
    """Plain text ready to place inside HTML: controls removed, escaped, quotes included."""
    return escape(strip_controls(str(value or "")), quote=True)


def http_url(value: str | None, *, protocol_relative: bool = False) -> str | None:
    """The URL if it is an absolute http(s) URL with a host, else None.

    With ``protocol_relative`` (a feed's links) ``//www.stortinget.no/…`` is taken as https.
    """
    if not value:
        return None
    value = value.strip()
    if protocol_relative and value.startswith("//") and not value.startswith("///"):
        value = "https:" + value
    if CONTROL.search(value) or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host:
        return None
    return value
