"""What a draft høringssvar leaves for the writer, defined once, and the guard on it.

``stemme respond`` (generator/watch/drafts.py) writes a skeleton with *placeholders* —
text in square brackets, ``[Vårt viktigste standpunkt i én setning.]`` — and *guidance*
in HTML comments (``<!-- … -->``). Both are built from the markers below, and
:func:`leftovers` finds them again, so the two never drift apart.

A response with ``status: sendt`` is published and becomes a letter; if it still holds a
placeholder or a comment, ``stemme check`` (and so the build) fails with a
:class:`ContentError` per finding, naming the file, the line and the fix.

What is *not* a placeholder: Markdown links and images (``[tekst](…)``, ``[tekst][ref]``,
``[ref]: …``, shortcut references with a definition), footnotes (``[^1]``), fact lines
(``[[fakta:id]]``), a quotation's omission (``[…]``), escaped brackets (``\\[sic\\]``)
and anything inside code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import ContentError

PLACEHOLDER_OPEN = "["
PLACEHOLDER_CLOSE = "]"
GUIDANCE_OPEN = "<!--"
GUIDANCE_CLOSE = "-->"


def placeholder(text: str) -> str:
    """A placeholder the writer must replace: ``[text]``."""
    return f"{PLACEHOLDER_OPEN}{text}{PLACEHOLDER_CLOSE}"


_OPEN, _CLOSE = re.escape(PLACEHOLDER_OPEN), re.escape(PLACEHOLDER_CLOSE)
# Not after «\», «!», «[» or «]» (escapes, images, [[fakta:…]], [tekst][ref]); not a
# footnote; not followed by «(», «[» or «:» (links, references, definitions).
_PLACEHOLDER = re.compile(
    rf"(?<![\\!{_OPEN}{_CLOSE}]){_OPEN}(?!\^)([^{_OPEN}{_CLOSE}\n]*){_CLOSE}(?![(\[:])"
)
_DEFINITION = re.compile(rf"^ {{0,3}}{_OPEN}([^{_CLOSE}\n]+){_CLOSE}:\s*\S")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_OMISSIONS = {"…", "...", ""}
_SHOWN = 60  # characters of a long placeholder shown in the message

STATUS = "svaret har «status: sendt», men inneholder fortsatt"
PLACEHOLDER_FIX = (
    "skriv inn teksten som skal stå der, eller slett plassholderen. Skal det virkelig stå "
    "hakeparenteser i teksten, skriv \\[ og \\]."
)
GUIDANCE_FIX = f"slett kommentaren, fra {GUIDANCE_OPEN} til og med {GUIDANCE_CLOSE}."


@dataclass(frozen=True)
class Leftover:
    """One placeholder or guidance comment: its line (in the file) and its text."""

    line: int
    kind: str  # "placeholder" | "guidance"
    text: str


def _searchable_lines(body: str) -> list[tuple[int, str]]:
    """(offset, line) outside fenced code, with code spans blanked out."""
    lines, fenced = [], False
    for offset, line in enumerate(body.splitlines()):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((offset, _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)))
    return lines


def leftovers(body: str, first_line: int = 1) -> list[Leftover]:
    """Every placeholder and guidance comment in a Markdown body, in order.

    ``first_line`` is the file line the body starts on, so lines point into the file.
    """
    lines = _searchable_lines(body)
    labels = {m.group(1).strip().lower() for _, line in lines if (m := _DEFINITION.match(line))}
    found = []
    for offset, line in lines:
        if GUIDANCE_OPEN in line:
            found.append(Leftover(first_line + offset, "guidance", GUIDANCE_OPEN))
        for match in _PLACEHOLDER.finditer(line):
            inner = match.group(1).strip()
            if inner in _OMISSIONS or inner.lower() in labels:
                continue
            found.append(Leftover(first_line + offset, "placeholder", match.group(0)))
    return found


def _shown(text: str) -> str:
    if len(text) <= _SHOWN:
        return text
    return text[:_SHOWN].rsplit(" ", 1)[0] + " …" + PLACEHOLDER_CLOSE  # cut at a word


def leftover_errors(body: str, first_line: int, file: str | Path) -> list[ContentError]:
    """A ContentError (file, line, fix) for every leftover in a sent response's body."""
    errors = []
    for item in leftovers(body, first_line):
        if item.kind == "guidance":
            message = (
                f"{STATUS} en veiledningskommentar ({GUIDANCE_OPEN} … {GUIDANCE_CLOSE}) fra "
                "utkastet. Kommentarer vises ikke på siden, men står i kildekoden til den "
                "publiserte siden."
            )
            errors.append(ContentError(message, file=file, line=item.line, fix=GUIDANCE_FIX))
        else:
            message = f"{STATUS} plassholderen «{_shown(item.text)}» fra utkastet."
            errors.append(ContentError(message, file=file, line=item.line, fix=PLACEHOLDER_FIX))
    return errors
