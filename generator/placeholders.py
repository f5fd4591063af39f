"""What a draft høringssvar leaves for the writer, defined once, and the guard on it.

``stemme respond`` (generator/watch/drafts.py) writes a skeleton with *placeholders* —
text in square brackets, ``[Vårt viktigste standpunkt i én setning.]`` — and *guidance*
in HTML comments (``<!-- … -->``). Both are built from the markers below, and
:func:`leftovers` finds them again, so the two never drift apart.

A response with ``status: sendt`` is published and becomes a letter; if it still holds a
placeholder or a comment, ``stemme check`` (and so the build) fails with a
:class:`ContentError` per finding, naming the file, the line and the fix.

*Internal notes* are written the same way as the guidance: in an HTML comment,
``<!-- Sjekk med juristen. -->``, on its own line or inside a paragraph. It is the one way,
because Markdown writers know it, the CMS editor keeps it, and a comment is the one thing
:func:`strip_notes` can take out of the text before it becomes a page, a feed entry or a
letter — so a note never reaches a reader, even in a draft's preview of the letter. A
sent response must not keep any (they are questions to settle before sending), nor
notes written the other usual ways — «(Fyll inn: …)», «Vurder: …», «TODO», «Sjekk med …»,
«Merknad til oss selv», or «UTKAST» in its title or summary: :func:`note_errors` and
:func:`draft_label_errors` find those, each with its line and the fix.

What is *not* a placeholder: Markdown links and images (``[tekst](…)``, ``[tekst][ref]``,
``[ref]: …``, shortcut references with a definition), footnotes (``[^1]``), fact lines
(``[[fakta:id]]``), a quotation's omission (``[…]``), escaped brackets (``\\[sic\\]``)
and anything inside code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.core import ContentError

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


NOTE_FIX = (
    f"skriv interne merknader som en kommentar, {GUIDANCE_OPEN} … {GUIDANCE_CLOSE}, mens dere "
    "jobber (den vises aldri på siden, i feeden eller i brevet), og gjør teksten ferdig "
    "før svaret sendes."
)
DRAFT_LABEL_FIX = "ta bort «UTKAST» og skriv teksten slik den skal stå i det sendte svaret."
UNCLOSED = f"kommentaren som starter med {GUIDANCE_OPEN} her, er ikke avsluttet"
UNCLOSED_FIX = (
    f"avslutt kommentaren med {GUIDANCE_CLOSE}. Til da vises ingenting etter den på siden."
)

# The usual ways people write a note to themselves in the text (outside comments and code).
NOTE_MARKERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bfyll\s+inn\b", re.IGNORECASE), "Fyll inn"),
    (re.compile(r"\bvurder\s*:", re.IGNORECASE), "Vurder:"),
    (re.compile(r"\b(?:TODO|FIXME)\b"), "TODO"),
    (re.compile(r"\bsjekk\s+med\b", re.IGNORECASE), "Sjekk med"),
    (re.compile(r"\b(?:merknad|notat|note)\s+til\s+oss\s+selv\b", re.IGNORECASE),
     "Merknad til oss selv"),
)  # fmt: skip
_DRAFT_LABEL = re.compile(r"\bUTKAST\b")
_COMMENT_OR_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1|<!--")


def _without_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """One line with its HTML comments removed (code spans kept); whether a comment is
    still open at its end."""
    kept, rest = [], line
    while rest:
        if in_comment:
            end = rest.find(GUIDANCE_CLOSE)
            if end < 0:
                return "".join(kept), True
            rest, in_comment = rest[end + len(GUIDANCE_CLOSE) :], False
            continue
        match = _COMMENT_OR_CODE.search(rest)
        if match is None:
            kept.append(rest)
            break
        if match.group() != GUIDANCE_OPEN:  # a code span: kept as it is
            kept.append(rest[: match.end()])
            rest = rest[match.end() :]
            continue
        kept.append(rest[: match.start()])
        rest, in_comment = rest[match.end() :], True
    return "".join(kept), in_comment


def _note_scan(text: str) -> list[tuple[int, str, str, bool]]:
    """(offset, line, line without comments, fenced) for every line of ``text``; the
    line keeps its end of line. Comments inside fenced code are code, not notes."""
    out, fenced, in_comment = [], False, False
    for offset, line in enumerate(text.splitlines(keepends=True)):
        if not in_comment and _FENCE.match(line):
            fenced = not fenced
            out.append((offset, line, line, True))
            continue
        if fenced:
            out.append((offset, line, line, True))
            continue
        visible, in_comment = _without_comments(line, in_comment)
        out.append((offset, line, visible, False))
    return out


def strip_notes(text: str) -> str:
    """``text`` without its HTML comments (internal notes and guidance), outside code.

    A line that held nothing but a comment is dropped, so a note between two lines of a
    paragraph does not split it; an unclosed comment hides the rest, as a browser would.
    """
    out = []
    for _offset, line, visible, _fenced in _note_scan(text):
        if visible == line:
            out.append(line)
        elif visible.strip():
            ends = line.endswith("\n") and not visible.endswith("\n")
            out.append(visible + "\n" if ends else visible)
    return "".join(out)


def unclosed_comment(text: str, first_line: int = 1) -> int | None:
    """The line (in the file) of a comment that is never closed, or None."""
    start = None
    in_comment = False
    for offset, line, _visible, fenced in _note_scan(text):
        if fenced:
            continue
        if not in_comment and GUIDANCE_OPEN in _CODE_SPAN.sub("", line):
            start = first_line + offset
        _, in_comment = _without_comments(line, in_comment)
    return start if in_comment else None


def _note_shown(line: str) -> str:
    """The line with the note, as the writer sees it (long lines cut at a word)."""
    text = " ".join(line.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN].rsplit(" ", 1)[0] + " …"


def prose_lines(body: str) -> list[tuple[int, str]]:
    """(offset, text) of every line outside fenced code, with HTML comments taken out and
    code spans blanked: the text a reader of the page would see as prose."""
    return [
        (offset, _CODE_SPAN.sub(lambda m: " " * len(m.group()), visible))
        for offset, _line, visible, fenced in _note_scan(body)
        if not fenced
    ]


def note_errors(body: str, first_line: int, file: str | Path) -> list[ContentError]:
    """A ContentError for every internal note written in the text itself (not in a
    comment) of a sent response: «Fyll inn», «Vurder:», «TODO», «Sjekk med …», …"""
    errors = []
    for offset, text in prose_lines(body):
        for pattern, label in NOTE_MARKERS:
            if pattern.search(text):
                message = (
                    f"{STATUS} en intern merknad i teksten: «{_note_shown(text)}». "
                    f"Slike merknader («{label}») ville stått på siden, i feeden og i brevet."
                )
                errors.append(
                    ContentError(message, file=file, line=first_line + offset, fix=NOTE_FIX)
                )
                break
    return errors


def draft_label_errors(
    values: dict[str, str], lines: dict[str, int], file: str | Path
) -> list[ContentError]:
    """«UTKAST» in a sent response's title or summary (field → its text, field → line)."""
    return [
        ContentError(
            f"{STATUS} «UTKAST».",
            file=file,
            line=lines.get(name),
            field=name,
            fix=DRAFT_LABEL_FIX,
        )
        for name, value in values.items()
        if _DRAFT_LABEL.search(value or "")
    ]


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
                "utkastet. Kommentarer vises aldri på siden, i feeden eller i brevet, men en "
                "kommentar i et sendt svar er noe som ikke er avklart."
            )
            errors.append(ContentError(message, file=file, line=item.line, fix=GUIDANCE_FIX))
        else:
            message = f"{STATUS} plassholderen «{_shown(item.text)}» fra utkastet."
            errors.append(ContentError(message, file=file, line=item.line, fix=PLACEHOLDER_FIX))
    return errors
