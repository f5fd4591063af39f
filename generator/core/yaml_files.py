"""YAML files staff write: one loader, and PyYAML's errors in Norwegian.

- :class:`YamlLoader`: SafeLoader whose mappings are :class:`LineDict` (they remember
  their line and the line of each key, see :func:`line_of`); a key written twice is an
  error; a date that cannot exist («2026-11-31») stays text for the model to explain.
  :class:`TextDatesLoader` reads no dates at all (front matter).
- :func:`load_yaml`: what every reader calls. It parses with libyaml (PyYAML's C parser,
  same constructors and resolvers, so the same data, lines and duplicate-key errors) when
  it is installed, and parses a text it refuses once more with the pure-Python loader,
  so an error is always PyYAML's own (its marks carry the text the explanation quotes).
- :func:`yaml_explanation`: a PyYAML error (its ``problem`` text and marks) as
  (explanation, fix, mark) — the mark is where the person should look, which is not
  always where PyYAML stopped (an unclosed quote is reported where it was opened). Used
  by :func:`generator.core.validation.yaml_problem`, the one place YAML errors are worded.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

try:  # PyYAML built with libyaml
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    CParser = None


class YamlLoader(yaml.SafeLoader):
    """SafeLoader for files staff write.

    Mappings are :class:`LineDict` (``.line``: the 1-based line they start on, and
    ``.key_lines``); a key written twice is an error (PyYAML would keep the last one
    silently); a date that cannot exist («2026-11-31») stays text, so the model explains
    it instead of PyYAML crashing."""


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys stand."""

    line: int = 0
    key_lines: dict[Any, int]


def _construct_mapping(loader: YamlLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None,
                None,
                f"found duplicate key {key!r} first on line {mapping.key_lines[key]}",
                key_node.start_mark,
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: YamlLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


YamlLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

# YAML 1.1 reads «no», «on», «off», «yes» as true/false and «10:30» as the number 630 (base
# 60). Staff write language codes («no», «nn») and clock times there, so only true/false
# are booleans (as in YAML 1.2) and a number never has a colon; the rest stays text.
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NUMBER_TAGS = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float")


class _Yaml12Rx:
    """A number resolver that refuses anything with a colon (sexagesimal)."""

    def __init__(self, rx: re.Pattern[str]) -> None:
        self.rx = rx

    def match(self, value: str) -> Any:
        return None if ":" in value else self.rx.match(value)


def _yaml12_resolvers(resolvers: dict[Any, list[tuple[str, Any]]]) -> dict[Any, list]:
    out: dict[Any, list] = {}
    for first, found in resolvers.items():
        kept = []
        for tag, rx in found:
            if tag == _BOOL_TAG:
                rx = _BOOL
                if first not in "tTfF":
                    continue
            elif tag in _NUMBER_TAGS:
                rx = _Yaml12Rx(rx)
            kept.append((tag, rx))
        out[first] = kept
    return out


YamlLoader.yaml_implicit_resolvers = _yaml12_resolvers(yaml.SafeLoader.yaml_implicit_resolvers)


class TextDatesLoader(YamlLoader):
    """:class:`YamlLoader` that reads no dates at all: ``2026-11-22`` stays text and the
    model parses it (front matter, where a date is always a field of a model)."""


TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in YamlLoader.yaml_implicit_resolvers.items()
}


_FAST: dict[type, type] = {}


def _fast(loader: type[YamlLoader]) -> type | None:
    """``loader`` with libyaml's parser (None when PyYAML was built without it)."""
    if CParser is None:
        return None
    if loader not in _FAST:

        def __init__(self: Any, stream: str) -> None:
            CParser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)

        name = f"C{loader.__name__}"
        _FAST[loader] = type(name, (CParser, loader), {"__init__": __init__})
    return _FAST[loader]


def load_yaml(text: str, loader: type[YamlLoader] = YamlLoader, *, fast: bool = True) -> Any:
    """Parse ``text`` with ``loader`` (through libyaml when ``fast`` and installed).

    A text libyaml refuses is parsed again by the pure-Python loader, so the YAMLError
    raised (and explained) is PyYAML's own, with the same marks as ever."""
    quick = _fast(loader) if fast else None
    if quick is not None:
        try:
            return yaml.load(text, Loader=quick)
        except yaml.YAMLError:
            pass  # the pure-Python loader below raises the error staff are shown
    return yaml.load(text, Loader=loader)


def front_matter_or_empty(path: Path) -> dict[str, Any]:
    """The front matter of a Markdown file as a dict, or ``{}`` when the file cannot be read
    or has none that parses: for readers that only look (the handbook's tracker, the
    watcher's list of sent responses); ``stemme check`` reports what is wrong."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    if not raw.startswith("---"):
        return {}
    try:
        meta = yaml.safe_load(raw.split("---", 2)[1])
    except (yaml.YAMLError, IndexError):
        return {}
    return meta if isinstance(meta, dict) else {}


def line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the field at ``loc`` (or of the nearest table around it that a
    :class:`LineDict` remembers)."""
    line, node = getattr(data, "line", None) or None, data
    for index, part in enumerate(loc):
        if isinstance(node, dict) and part in getattr(node, "key_lines", {}):
            line = node.key_lines[part]
        if index == len(loc) - 1:
            break
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        line = getattr(node, "line", None) or line
    return line


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


def _duplicate(problem: str) -> tuple[str, str]:
    key = m.group(1) if (m := re.search(r"key '(.*?)'", problem)) else "?"
    first = m.group(1) if (m := re.search(r"on line (\d+)", problem)) else "?"
    return (
        f"feltet «{key}» står to ganger (først på linje {first})",
        "slett den ene linjen, eller slå dem sammen.",
    )


MISSING_COLON = (
    "linjen mangler kolon mellom feltnavnet og verdien",
    "skriv «navn: verdi» (med mellomrom etter kolonet), eller fortsett teksten på linjen over.",
)
UNCLOSED_QUOTE = (
    "anførselstegnet som starter her, blir aldri lukket",
    "avslutt teksten med det samme anførselstegnet som den startet med.",
)
BAD_ESCAPE = (
    'en \\ inne i "…" har en betydning YAML ikke kjenner',
    "bruk enkle anførselstegn ('…') rundt teksten, eller skriv \\\\ for én \\.",
)
BLOCK_TEXT = (
    "en tekstblokk med | eller > må ha teksten på linjene under",
    "skriv | eller > alene på linjen, og teksten med innrykk på linjene under.",
)
UNKNOWN = (
    "formen stemmer ikke her",
    "sjekk innrykk, kolon og anførselstegn på linjen, og sammenlign med feltene over.",
)


def yaml_explanation(exc: yaml.YAMLError) -> tuple[str, str, Any]:
    """(explanation, fix, mark) for a PyYAML error; the mark may be None."""
    problem = str(getattr(exc, "problem", None) or exc)
    context = str(getattr(exc, "context", None) or "")
    mark = getattr(exc, "problem_mark", None)
    opened = getattr(exc, "context_mark", None) or mark  # where a quote or key began
    if problem == "mapping values are not allowed here":
        return (*_colon(mark), mark)
    if problem == "could not find expected ':'":
        return (*MISSING_COLON, opened)
    if "quoted scalar" in context and "end of stream" in problem:
        return (*UNCLOSED_QUOTE, opened)
    rules: list[tuple[bool, tuple[str, str]]] = [
        (problem.startswith("found unknown escape character"), BAD_ESCAPE),
        ("that cannot start any token" in problem, _character(problem)),
        (problem.startswith("found undefined alias"), _character("found character '*'")),
        (problem.startswith("found duplicate key"), _duplicate(problem)),
        ("expected ',' or" in problem, _flow("[" if "']'" in problem else "{")),
        ("flow" in context, _flow(_opened(mark))),
        (
            problem.startswith(("expected <block end>", "did not find expected")),
            ("innrykket stemmer ikke med linjene over", INDENT_FIX),
        ),
        ("block scalar" in context, BLOCK_TEXT),
    ]
    words = next((words for matches, words in rules if matches), UNKNOWN)
    return (*words, mark)
