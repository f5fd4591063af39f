"""Refuse XML that declares a DTD or entities, before any parser sees the bytes.

feedparser's fallback parser expands internal entities without limit (a 50 KB
"billion laughs" file became 25 MB and a MemoryError), and no feed we read needs a DTD.
So any ``<!DOCTYPE`` or ``<!ENTITY`` declaration makes the document fail with a
:class:`~generator.core.errors.SourceError` — checked on the decoded text, so a UTF-16 or
UTF-32 document cannot hide one. Stortinget's XML is additionally parsed with
defusedxml (``forbid_dtd=True``).
"""

from __future__ import annotations

import codecs
import re

from generator.core import SourceError

_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)\b", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decoded(data: bytes) -> str:
    """The document as text: BOM or UTF-16/32 layout honoured, else byte-for-byte latin-1."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    head = data[:4]
    if head.startswith(b"\x00\x00\x00<"):
        return data.decode("utf-32-be", errors="replace")
    if head.startswith(b"<\x00\x00\x00"):
        return data.decode("utf-32-le", errors="replace")
    if head.startswith(b"\x00<"):
        return data.decode("utf-16-be", errors="replace")
    if head.startswith(b"<\x00"):
        return data.decode("utf-16-le", errors="replace")
    # Any ASCII-compatible encoding keeps "<!DOCTYPE" as plain bytes.
    return data.decode("latin-1")


def refuse_declarations(data: bytes, *, source: str) -> None:
    """Raise SourceError if the document declares a DTD or an entity."""
    match = _DECLARATION.search(decoded(data))
    if match:
        raise SourceError(
            f"{source}: dokumentet inneholder en {match.group(1).upper()}-erklæring, som "
            "kan brukes til å sprenge minnet (entity-bombe). Det ble ikke lest. "
            "Sjekk at adressen virkelig er en nyhetsstrøm fra kilden."
        )
