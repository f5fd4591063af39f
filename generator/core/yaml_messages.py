"""PyYAML's errors in Norwegian: what went wrong and the usual fix, never its jargon.

:func:`yaml_explanation` reads a PyYAML error (its ``problem`` text and marks) and returns
(explanation, fix, mark) — the mark is where the person should look, which is not always
where PyYAML stopped (an unclosed quote is reported where it was opened). Used only by
:func:`generator.core.validation.yaml_problem`, the one place YAML errors are worded.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

INDENT_FIX = (
    "gi linjen samme innrykk som feltene på samme nivå (mellomrom, ikke tabulator; "
    "to mellomrom per nivå)."
)


def _line_text(mark: Any) -> str:
    """The line of the YAML text the mark points into (empty when unknown)."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        return ""
    lines = buffer.rstrip("\0").splitlines()
    return lines[mark.line] if 0 <= mark.line < len(lines) else ""


def _quoted_line(line: str) -> str | None:
    """«title: Høring: ny lov» → «title: "Høring: ny lov"» (None when it does not fit)."""
    m = re.match(r"^(\s*(?:- )?[\w-]+):\s+(.*\S)\s*$", line)
    if not m:
        return None
    key, value = m.groups()
    if '"' not in value:
        return f'{key}: "{value}"'
    if "'" not in value:
        return f"{key}: '{value}'"
    return None


def _colon(mark: Any) -> tuple[str, str]:
    """«mapping values are not allowed here»: a colon in a value, or a line indented
    deeper than the one above."""
    line = _line_text(mark)
    before = line[: mark.column] if mark else ""
    if ": " not in before and ":\t" not in before:
        return "linjen har mer innrykk enn feltet over", INDENT_FIX
    fixed = _quoted_line(line)
    fix = "sett teksten i anførselstegn når den inneholder kolon"
    fix += f", slik: {fixed}" if fixed else ', f.eks. title: "Høring: ny lov"'
    key = m.group(1) if (m := re.match(r"^\s*(?:- )?([\w-]+):", line)) else ""
    where = f"teksten etter «{key}:»" if key else "teksten"
    return f"{where} inneholder et kolon (:)", fix + "."


def _character(problem: str) -> tuple[str, str]:
    char = m.group(1) if (m := re.search(r"found character '(.*?)'", problem)) else "?"
    if char == "\\t":
        return "linjen har en tabulator", "bruk mellomrom i stedet for tabulator."
    return (
        f"tegnet «{char}» kan ikke stå først i en verdi",
        f'sett teksten i anførselstegn, f.eks. "{char}…".',
    )


def _opened(mark: Any) -> str:
    """The last [ or { opened before ``mark`` (for a flow list or table left open)."""
    buffer = getattr(mark, "buffer", None)
    if not isinstance(buffer, str):
        return "["
    before = buffer[: getattr(mark, "pointer", len(buffer))]
    return "{" if before.rfind("{") > before.rfind("[") else "["


def _flow(bracket: str) -> tuple[str, str]:
    """A list in [ ] or a table in { } that is not closed properly."""
    if bracket == "[":
        return (
            "listen i [ ] er ikke avsluttet riktig",
            "skriv listen som [a, b, c] med komma mellom og ] til slutt; "
            "sett tekst med komma eller kolon i anførselstegn.",
        )
    return (
        "tabellen i { } er ikke avsluttet riktig",
        "skriv den som {navn: verdi, navn: verdi} med } til slutt.",
    )


def yaml_explanation(exc: yaml.YAMLError) -> tuple[str, str, Any]:
    """(explanation, fix, mark) for a PyYAML error; the mark may be None."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if problem == "mapping values are not allowed here":
        return (*_colon(mark), mark)
    if problem == "could not find expected ':'":
        return (
            "linjen mangler kolon mellom feltnavnet og verdien",
            "skriv «navn: verdi» (med mellomrom etter kolonet), eller fortsett teksten "
            "på linjen over.",
            context_mark or mark,
        )
    if "quoted scalar" in context and "end of stream" in problem:
        return (
            "anførselstegnet som starter her, blir aldri lukket",
            "avslutt teksten med det samme anførselstegnet som den startet med.",
            context_mark or mark,
        )
    if problem.startswith("found unknown escape character"):
        return (
            'en \\ inne i "…" har en betydning YAML ikke kjenner',
            "bruk enkle anførselstegn ('…') rundt teksten, eller skriv \\\\ for én \\.",
            mark,
        )
    if "that cannot start any token" in problem:
        return (*_character(problem), mark)
    if problem.startswith("found undefined alias"):
        return (*_character("found character '*'"), mark)
    if problem.startswith("found duplicate key"):
        key = m.group(1) if (m := re.search(r"key '(.*?)'", problem)) else "?"
        first = m.group(1) if (m := re.search(r"on line (\d+)", problem)) else "?"
        return (
            f"feltet «{key}» står to ganger (først på linje {first})",
            "slett den ene linjen, eller slå dem sammen.",
            mark,
        )
    if "expected ',' or" in problem:
        return (*_flow("[" if "']'" in problem else "{"), mark)
    if "flow" in context:
        return (*_flow(_opened(mark)), mark)
    if problem.startswith(("expected <block end>", "did not find expected")):
        return "innrykket stemmer ikke med linjene over", INDENT_FIX, mark
    if "block scalar" in context:
        return (
            "en tekstblokk med | eller > må ha teksten på linjene under",
            "skriv | eller > alene på linjen, og teksten med innrykk på linjene under.",
            mark,
        )
    return (
        "formen stemmer ikke her",
        "sjekk innrykk, kolon og anførselstegn på linjen, og sammenlign med feltene over.",
        mark,
    )
