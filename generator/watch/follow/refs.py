"""Document references as the sources write them, made comparable.

Stortinget's API writes sessions with a hyphen, «Prop. 108 L (2019-2020)»; regjeringen.no
and the publications with an en dash, «Prop. 108 L (2019–2020)»; people type either, with
odd spaces. :func:`normal` gives one form (en dash, single spaces) for comparing and
showing; :func:`props_in` finds every Prop. in a text such as a growing ``henvisning``
(«Prop. 23 LS (2026-2027), Innst. 88 L (2026-2027), Lovvedtak 21 (2026-2027)»).
"""

from __future__ import annotations

import re

_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_SPACES = re.compile(r"\s+")
_SESSION = r"\(\s*(\d{4})\s*[-‐‑‒–—]\s*(\d{2,4})\s*\)"
PROP = re.compile(r"Prop\.\s*(\d{1,4})\s*(LS|L|S)\s*" + _SESSION, re.IGNORECASE)
INNST = re.compile(r"Innst\.\s*(\d{1,4})\s*(L|S)?\s*" + _SESSION, re.IGNORECASE)
LOVVEDTAK = re.compile(r"Lovvedtak\s*(\d{1,4})\s*" + _SESSION, re.IGNORECASE)


def _session(first: str, second: str) -> str:
    if len(second) == 2:  # «(1994-95)» before 2000
        second = first[:2] + second
    return f"({first}–{second})"


def prop(number: str, kind: str, first: str, second: str) -> str:
    return f"Prop. {int(number)} {kind.upper()} {_session(first, second)}"


def normal_prop(text: str) -> str | None:
    """«prop. 23 ls (2026-2027)» → «Prop. 23 LS (2026–2027)»; None when it is not one."""
    match = PROP.search(text or "")
    return prop(*match.groups()) if match else None


def props_in(text: str | None) -> list[str]:
    return [prop(*m.groups()) for m in PROP.finditer(text or "")]


def innst_in(text: str | None) -> list[str]:
    found = []
    for m in INNST.finditer(text or ""):
        number, kind, first, second = m.groups()
        found.append(f"Innst. {int(number)}{' ' + kind.upper() if kind else ''} "
                     f"{_session(first, second)}")  # fmt: skip
    return found


def lovvedtak_in(text: str | None) -> list[str]:
    return [f"Lovvedtak {int(n)} {_session(a, b)}" for n, a, b in LOVVEDTAK.findall(text or "")]


def session_of(text: str) -> str | None:
    """«Prop. 23 LS (2026–2027)» → «2026-2027» (the API's session id form)."""
    match = PROP.search(text or "")
    return f"{match.group(3)}-{_session(match.group(3), match.group(4))[6:10]}" if match else None
