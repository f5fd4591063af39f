"""The statistics: one source of truth (``content/fakta.yaml``) for pages, cards and posts.

``load_facts(path)`` reads and validates the file and returns a :class:`FactBook`
(id → :class:`Fact`, in file order). Every problem is a :class:`FactError` naming the
fact id and the field; several are collected into one :class:`ContentErrors`.
``check(paths, config, today=)`` is what ``stemme check`` calls: errors plus warnings
for sources older than ``[facts].max_age_years``, and for fact references in content.

A fact may carry its text in other languages under ``translations``, keyed by language
code (the bokmål fields stay the fact itself)::

    translations:
      en: {figure: "1 in 4", statement: "…", detail: "…", source_line: "Source: …"}

``fact.text(lang)`` gives the figure, statement, detail and source line in a language
(bokmål when the fact has no such translation); ``source_line`` may be left out for a
language whose word for «Kilde» is known (:data:`SOURCE_LABELS`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, Field, ValidationError, ValidationInfo, field_validator

from generator.core import (
    BASE_LANGUAGE,
    SLUG_PATTERN,
    ContentError,
    ContentErrors,
    FactError,
    Problem,
    Slug,
    StrictModel,
    dates,
    did_you_mean,
    field_problems,
    http_url,
    is_slug,
    line_of,
    load_yaml,
    nearest,
    translation_keys,
    yaml_problem,
)
from generator.placeholders import prose_lines

ID_PATTERN = SLUG_PATTERN
# A fact box in Markdown: ``[[fakta:ID]]`` on a line of its own (content and campaigns).
FACT_LINE = re.compile(r"^\s*\[\[fakta:\s*([^\]\s]+)\s*\]\]\s*$")


def fact_markers(text: str) -> list[tuple[int, str]]:
    """Every ``[[fakta:ID]]`` line in a Markdown text: (1-based line, id)."""
    return [
        (number, m.group(1))
        for number, line in enumerate(text.splitlines(), 1)
        if (m := FACT_LINE.match(line))
    ]


# Anything written like a fact marker: «[[fakta:id]]», «\\[[fakta:id]]» (escaped by an editor),
# «[[Fakta: id]]», «[[fact:id]]», «[[fakta:]]», «[[fakta:id]» (an unclosed one).
_MARKER = re.compile(r"(\\*)\[\\?\[\s*([^\[\]:\s\\]+)\s*:?\s*([^\]\s\\]*)\s*(?:\\?\]){0,2}")
FACT_WORD = "fakta"
INLINE_FIX = (
    "sett «[[fakta:{id}]]» alene på en linje, med en tom linje før og etter, og skriv "
    "setningen uten den. Vil du ha tallet i setningen, skriv det som vanlig tekst."
)


@dataclass(frozen=True)
class BrokenMarker:
    """A ``[[fakta:…]]`` that is not a fact box: it would be shown as plain text, silently."""

    line: int  # 1-based, in the text given
    column: int
    text: str  # what is wrong (Norwegian, with its closing punctuation)
    fix: str


def broken_markers(text: str) -> list[BrokenMarker]:
    """Every fact marker that would not become a box, with «Mente du»: escaped
    (``\\[[fakta:id]]``, as an editor may save it), without an id, misspelt
    («[[Fakta:id]]», «[[fact:id]]»), inside a sentence (a box is a block of its own) or
    unclosed. Only prose is read: code (which may show the syntax) and internal notes are
    skipped. One function for content pages and campaign sections alike."""
    found: list[BrokenMarker] = []
    for offset, line in prose_lines(text):
        if FACT_LINE.match(line):
            continue
        for m in _MARKER.finditer(line):
            word, fact_id = m.group(2), m.group(3)
            if word != FACT_WORD and nearest(word, [FACT_WORD]) is None:
                continue  # «[[something else]]»: not meant as a fact box
            shown = m.group(0)
            good = f"[[fakta:{fact_id or 'partnerdrap-andel'}]]"
            if "\\" in shown:
                what = (f"faktaboksen «{shown}» har \\ foran og vises som vanlig tekst, "
                        "ikke som en faktaboks.")  # fmt: skip
                fix = f"fjern \\ foran, så linjen blir «{good}» alene."
            elif not fact_id:
                what = f"faktaboksen «{shown}» mangler id-en til et faktum."
                fix = f"skriv id-en fra content/fakta.yaml, f.eks. «{good}»."
            elif word != FACT_WORD or not shown.endswith("]]"):
                what = f"«{shown}» blir stående som tekst på siden. Mente du «{good}»?"
                fix = f"skriv «{good}» (små bokstaver, som i content/fakta.yaml)."
            else:
                what = (
                    f"«{shown}» står inne i en setning og ville blitt publisert som tekst: "
                    "en faktaboks er en egen blokk. Mente du å sette den på en egen linje?"
                )
                fix = INLINE_FIX.format(id=fact_id)
            found.append(BrokenMarker(offset + 1, m.start() + 1, what, fix))
    return found


def _clean(value: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError("empty")
    return value


CleanText = Annotated[str, AfterValidator(_clean)]
Url = Annotated[str, AfterValidator(http_url)]


class Source(StrictModel):
    """Where a figure comes from; shown on every card as «Kilde: name (year)»."""

    name: CleanText
    url: Url
    year: int = Field(ge=1900, le=2100)


DEFAULT_LANGUAGE = BASE_LANGUAGE
# «Kilde» in the languages Stemme ships; another language writes its own source_line.
SOURCE_LABELS = {
    "nb": "Kilde",
    "nn": "Kjelde",
    "en": "Source",
    "pl": "Źródło",
    "uk": "Джерело",
    "ar": "المصدر",
    "so": "Isha",
    "ti": "ምንጪ",
    "ur": "ماخذ",
}


class FactText(StrictModel):
    """A fact's text in one language other than bokmål (the figures stay the same facts)."""

    figure: CleanText
    statement: CleanText
    detail: CleanText | None = None
    source_line: CleanText | None = None
    reviewed: bool = False  # read by a native speaker


@dataclass(frozen=True)
class FactInLanguage:
    """What a card, an alt text or a page shows of a fact in one language."""

    lang: str
    figure: str
    statement: str
    detail: str | None
    source_line: str


class Fact(StrictModel):
    """One statistic: the big ``figure`` and the ``statement`` it completes."""

    id: Slug
    figure: CleanText
    statement: CleanText
    source: Source
    detail: CleanText | None = None
    topics: list[str] = []
    updated: date | None = None
    translations: dict[str, FactText] = {}

    @field_validator("translations", mode="before")
    @classmethod
    def _language_codes(cls, value: Any) -> Any:
        return translation_keys(value)

    @field_validator("translations", mode="after")
    @classmethod
    def _source_labels(cls, value: dict[str, FactText], info: ValidationInfo) -> Any:
        source = info.data.get("source")
        example = f"{source.name} ({source.year})" if source else "SSB (2024)"
        for code, text in value.items():
            if text.source_line is None and code not in SOURCE_LABELS:
                raise ValueError(
                    f"oversettelsen til «{code}» mangler source_line (ordet for «Kilde» på "
                    "det språket er ikke kjent); skriv hele kildelinjen, f.eks. "
                    f"«Source: {example}»"
                )
        return value

    @property
    def source_line(self) -> str:
        return f"Kilde: {self.source.name} ({self.source.year})"

    @property
    def languages(self) -> list[str]:
        """The languages the fact is translated into (bokmål not counted)."""
        return list(self.translations)

    def text(self, lang: str = DEFAULT_LANGUAGE) -> FactInLanguage:
        """The fact in ``lang``; bokmål when it has no translation into it."""
        given = self.translations.get(lang)
        if given is None:
            return FactInLanguage(
                DEFAULT_LANGUAGE, self.figure, self.statement, self.detail, self.source_line
            )
        line = given.source_line or (
            f"{SOURCE_LABELS[lang]}: {self.source.name} ({self.source.year})"
        )
        return FactInLanguage(lang, given.figure, given.statement, given.detail, line)


class FactBook:
    """The facts of one file: mapping id → Fact, iterated in file order."""

    def __init__(
        self, facts: list[Fact], path: Path | None = None, lines: dict[str, int] | None = None
    ) -> None:
        self.path = path
        self._facts = {fact.id: fact for fact in facts}
        self._lines = lines or {}

    def line(self, fact_id: str) -> int | None:
        """The line in fakta.yaml where the fact starts (None when unknown)."""
        return self._lines.get(fact_id)

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts.values())

    def __len__(self) -> int:
        return len(self._facts)

    def __contains__(self, fact_id: object) -> bool:
        return fact_id in self._facts

    def __getitem__(self, fact_id: str) -> Fact:
        return self._facts[fact_id]

    def ids(self) -> list[str]:
        return list(self._facts)

    def get(self, fact_id: str, default: Fact | None = None) -> Fact | None:
        return self._facts.get(fact_id, default)

    def require(
        self,
        fact_id: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> Fact:
        """The fact with this id, or a FactError naming where it was asked for."""
        if fact_id in self._facts:
            return self._facts[fact_id]
        raise unknown_fact(fact_id, self.ids(), file=file, line=line, field=field)


def unknown_fact(
    fact_id: str,
    known: Iterable[str],
    *,
    file: str | Path | None = None,
    line: int | None = None,
    field: str | None = None,
    error: type[ContentError] = FactError,
) -> ContentError:
    """«ukjent fakta-id «x». Mente du «y»?» — the one message for an unknown fact id,
    wherever it is used (pages, campaign days, fact boxes); ``error`` is the class to
    raise it as (a campaign's is a CampaignError)."""
    known = list(known)
    near = nearest(fact_id, known)
    fix = (
        f"rett id-en til «{near}», eller legg faktaet til i content/fakta.yaml."
        if near
        else "bruk en id fra content/fakta.yaml (se siden /fakta/), eller legg faktaet til der."
    )
    return error(
        f"ukjent fakta-id «{fact_id}».{did_you_mean(fact_id, known)}",
        file=file,
        line=line,
        field=field,
        fix=fix,
    )


# How to fix a field, by its name (the last part of its place: «source.url» → «url»).
_FIXES = {
    "source": "legg til source: med name, url og year for faktaet.",
    "figure": "skriv tallet som skal stå stort på kortet, f.eks. «1 av 4».",
    "id": "gi faktaet en kort id med små bokstaver og bindestrek, f.eks. «barn-fysisk-vold».",
    "url": "lim inn hele adressen til kilden, med https://.",
    "year": "skriv året tallene er fra, f.eks. 2023.",
    "name": "skriv navnet på kilden, f.eks. «SSB».",
}


def _text(problem: Problem) -> str:
    loc = problem.loc
    if problem.text == "empty":
        return "kan ikke være tom."
    if problem.text == "mangler" and loc == ("source",):
        return "kilden mangler."
    if loc and loc[-1] == "year" and not problem.unknown and "tall" in problem.text:
        return "må være et årstall, f.eks. 2023."
    return problem.text if problem.text.endswith((".", "?")) else problem.text + "."


def _read(path: Path) -> list[Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FactError(f"kan ikke lese filen ({exc.strerror}).", file=path) from None
    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, path, error=FactError) from None
    if data is None:
        data = []
    if not isinstance(data, list):
        raise FactError("filen må være en liste av fakta («- id: …»).", file=path, line=1)
    return data


def _validate(item: Any, index: int, path: Path) -> Fact | list[FactError]:
    given = item.get("id") if isinstance(item, dict) else None
    label = given if isinstance(given, str) and is_slug(given) else f"nr. {index + 1}"
    if not isinstance(item, dict):
        return [
            FactError(
                "hvert faktum må være en tabell med id, figure, statement og source.",
                file=path,
                field=f"{label}",
            )
        ]
    try:
        return Fact.model_validate(item)
    except ValidationError as exc:
        return [
            FactError(
                _text(problem),
                file=path,
                line=line_of(item, problem.loc),
                field=".".join(p for p in (label, problem.field) if p),
                fix=problem.fix or _FIXES.get(str(problem.loc[-1]), "rett verdien og prøv igjen."),
            )
            for problem in field_problems(exc, Fact)
        ]


# The last book read from each file, with the bytes it was read from: one build asks for
# the facts in many places, and an unchanged file is read once per process.
_LOADED: dict[Path, tuple[bytes, FactBook]] = {}


def load_facts(path: Path) -> FactBook:
    """Read and validate content/fakta.yaml; raise FactError/ContentErrors on problems."""
    try:
        raw = path.read_bytes()
    except OSError:
        raw = None
    known = _LOADED.get(path)
    if raw is not None and known is not None and known[0] == raw:
        return known[1]
    book = _load(path)
    if raw is not None:
        _LOADED[path] = (raw, book)
    return book


def _load(path: Path) -> FactBook:
    data = _read(path)
    facts: list[Fact] = []
    errors: list[ContentError] = []
    seen: dict[str, int | None] = {}
    for index, item in enumerate(data):
        line = getattr(item, "line", None)
        result = _validate(item, index, path)
        if isinstance(result, list):
            errors += result
            continue
        if result.id in seen:
            errors.append(
                FactError(
                    f"«{result.id}»: id-en er brukt før (linje {seen[result.id]}).",
                    file=path,
                    line=line,
                    field=f"{result.id}.id",
                    fix="gi faktaet en egen id; id-er er stabile og skal aldri gjenbrukes.",
                )
            )
            continue
        seen[result.id] = line
        facts.append(result)
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise ContentErrors(errors)
    return FactBook(facts, path, {k: v for k, v in seen.items() if v is not None})


# How long «updated:» (the day staff last checked a fact) keeps the old-source warning away.
CHECKED_FOR_DAYS = 365
OLD_SOURCE = "kilden er fra {year} — vurder nyere tall"
OLD_SOURCE_FIX = (
    "Finnes det ikke nyere tall, skriv «updated: {today}» i faktaet; da kommer advarselen "
    "ikke igjen før om ett år."
)


def _year_line(lines: list[str], start: int | None) -> int | None:
    """The line of a fact's «year:» (its source's year), searched from where it starts."""
    if start is None:
        return None
    for number in range(start, len(lines) + 1):
        if re.search(r"(?:^|[\s{,])year:", lines[number - 1]):
            return number
        if number > start and lines[number - 1].lstrip().startswith("- "):
            break  # the next fact
    return start


def old_source_warnings(
    book: FactBook, max_age_years: int, today: date, file: str = "fakta.yaml"
) -> list[str]:
    """«content/fakta.yaml, linje 25: «x»: kilden er fra 2019 — vurder nyere tall. …» for
    every source older than the limit, unless the fact was checked («updated:») within
    the last year (staff confirmed there is nothing newer)."""
    try:
        lines = book.path.read_text(encoding="utf-8").splitlines() if book.path else []
    except OSError:
        lines = []
    warnings = []
    for fact in book:
        if today.year - fact.source.year <= max_age_years:
            continue
        if fact.updated is not None and 0 <= (today - fact.updated).days < CHECKED_FOR_DAYS:
            continue
        line = _year_line(lines, book.line(fact.id)) if lines else None
        where = f"{file}, linje {line}" if line else file
        warnings.append(
            f"{where}: «{fact.id}»: {OLD_SOURCE.format(year=fact.source.year)}. "
            + OLD_SOURCE_FIX.format(today=today.isoformat())
        )
    return warnings


def check(
    paths: Any, config: Any, today: date | None = None
) -> tuple[list[ContentError], list[str]]:
    """Validate content/fakta.yaml: (errors, warnings about old sources)."""
    today = today or dates.today()
    if not paths.facts.exists():
        return [
            FactError(
                "filen mangler.",
                file=paths.facts,
                fix="lag content/fakta.yaml med minst ett faktum.",
            )
        ], []
    try:
        book = load_facts(paths.facts)
    except (ContentErrors, FactError) as exc:
        found = exc.errors if isinstance(exc, ContentErrors) else [exc]
        rel = paths.facts.relative_to(paths.root)
        return [e.relocated(rel) for e in found], []
    # References from pages to facts are checked by the site's content model.
    rel = paths.facts.relative_to(paths.root).as_posix()
    return [], old_source_warnings(book, config.facts.max_age_years, today, rel)
