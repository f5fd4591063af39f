"""«Offisielt fra statsråd»: when a Lovvedtak is sanctioned, its law number and, when
decided, when the law enters into force. regjeringen.no writes it as running text::

    Sanksjon av Stortingets vedtak 9. mars 2027 til lov om endringer i straffeprosessloven
    … Lovvedtak 21 (2026-2027). Lov nr. 12. Loven trer i kraft 1. juli 2027.

Often «Loven gjelder fra den tid Kongen bestemmer» instead: then only the sanction is
known, and the date comes in a later notice. :func:`sanctions` finds every
(Lovvedtak, law number, in force) in a text; hyphen and en dash alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from generator.watch.follow.refs import lovvedtak_in
from generator.watch.text import parse_norwegian_date

_SANCTION = re.compile(
    r"(Lovvedtak\s*\d{1,4}\s*\(\s*\d{4}\s*[-‐‑‒–—]\s*\d{2,4}\s*\))\s*\.?\s*"
    r"Lov\s+nr\.\s*(\d{1,4})",
    re.IGNORECASE,
)
_NEXT = re.compile(r"Lovvedtak|Sanksjon|Kongen bestemmer", re.IGNORECASE)
_IN_FORCE = re.compile(r"trer\s+i\s+kraft\s+(\d{1,2}\.\s*\w+\s+\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class Sanction:
    lovvedtak: str  # normalised, «Lovvedtak 21 (2026–2027)»
    number: int  # «Lov nr. 12»
    in_force: date | None  # None: «Kongen bestemmer» or not stated


def sanctions(text: str) -> list[Sanction]:
    found = []
    flat = " ".join((text or "").split())
    for match in _SANCTION.finditer(flat):
        names = lovvedtak_in(match.group(1))
        if not names:
            continue
        tail = flat[match.end() : match.end() + 200]
        if stop := _NEXT.search(tail):
            tail = tail[: stop.start()]
        when = _IN_FORCE.search(tail)
        day = parse_norwegian_date(when.group(1)) if when else None
        found.append(Sanction(names[0], int(match.group(2)), day))
    return found
