"""The content staff write: front matter models and validation for every Markdown file.

``read_markdown(path)`` splits a file into its YAML front matter and Markdown body;
``validate_document(path, kind)`` checks the front matter against the model for its
folder and returns the parsed metadata, raising :class:`ContentError` that names the file,
the field and the fix. ``validate_content(paths)`` checks every file at once and returns
all problems, so a staff member sees everything wrong in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, Field, ValidationError, model_validator

from generator.core.config import Paths
from generator.core.errors import ContentError
from generator.core.validation import Slug, StrictModel, http_url, problems, yaml_problem
from generator.facts import fact_markers
from generator.site.placeholders import leftover_errors

# How to fix a field, by field name (shown after the explanation).
FIXES = {
    "title": "skriv en tittel, f.eks. «title: Hver kommune trenger en handlingsplan».",
    "date": "skriv datoen som ÅÅÅÅ-MM-DD, f.eks. «date: 2026-11-22».",
    "deadline": "skriv fristen som ÅÅÅÅ-MM-DD, f.eks. «deadline: 2027-02-15».",
    "sent": "skriv datoen svaret ble sendt, f.eks. «sent: 2026-06-02».",
    "status": "bruk «status: utkast» mens dere skriver, og «status: sendt» når svaret er sendt.",
    "department": "skriv hvem svaret gikk til, f.eks. «Justis- og beredskapsdepartementet».",
    "consultation": "lim inn lenken til høringen på regjeringen.no (https://…).",
    "slug": "bruk små bokstaver, tall og bindestrek, f.eks. «slug: om-oss».",
    "facts": "bruk id-er som finnes i content/fakta.yaml.",
    "reference": 'skriv departementets saksnummer i anførselstegn, f.eks. «reference: "26/1234"».',
    "our_reference": 'skriv vårt saksnummer i anførselstegn, f.eks. «our_reference: "2026/14"».',
    "signed_by": "skriv én linje per person som signerer, f.eks. "
    "«signed_by: [{name: Kari Nordmann, role: daglig leder}]».",
}


class _Meta(StrictModel):
    """Front matter common to every Markdown file."""

    title: str = Field(min_length=1)
    summary: str = ""


class PositionMeta(_Meta):
    """content/standpunkter/*.md"""

    date: date
    updated: date | None = None
    topics: list[str] = []
    facts: list[str] = []


class Signer(StrictModel):
    """One person who signs a høringssvar letter."""

    name: str = Field(min_length=1)
    role: str = ""


class ResponseMeta(_Meta):
    """content/hoeringssvar/*.md (høringssvar)."""

    date: date
    department: str = Field(min_length=1)
    consultation: Annotated[str, AfterValidator(http_url)]
    reference: str | None = None  # «Deres ref.»
    our_reference: str | None = None  # «Vår ref.»
    deadline: date | None = None
    status: Literal["utkast", "sendt"]
    sent: date | None = None
    signed_by: list[Signer] = []
    topics: list[str] = []
    facts: list[str] = []

    @model_validator(mode="after")
    def _sent_needs_date(self) -> ResponseMeta:
        if self.status == "sendt" and self.sent is None:
            raise ValueError("sent_missing")
        return self


class PageMeta(_Meta):
    """content/sider/*.md (plain pages)."""

    slug: Slug | None = None
    menu: int | None = None
    facts: list[str] = []


Kind = Literal["standpunkter", "hoeringssvar", "sider"]
MODELS: dict[str, type[_Meta]] = {
    "standpunkter": PositionMeta,
    "hoeringssvar": ResponseMeta,
    "sider": PageMeta,
}


@dataclass(frozen=True)
class Document:
    path: Path
    meta: _Meta
    body: str
    body_line: int  # line number where the body starts (1-based)


class _Loader(yaml.SafeLoader):
    """YAML without implicit timestamps: dates stay text and the model parses them, so an
    impossible date ("2026-13-45") gets the same clear message as any other bad date."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_markdown(path: Path) -> tuple[dict, str, int]:
    """Split ``path`` into (front matter dict, body, first body line)."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(
            "filen er ikke UTF-8.", file=path, fix="lagre filen som UTF-8 i editoren."
        ) from None
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            "mangler front matter øverst.",
            file=path,
            fix="start filen med en linje «---», feltene (title: …), og en ny linje «---».",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(
            "front matter er ikke avsluttet.",
            file=path,
            fix="legg til en linje med bare «---» etter feltene.",
        ) from None
    try:
        meta = yaml.load("".join(lines[1:end]), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, path, what="front matter", first_line=2) from None
    if not isinstance(meta, dict):
        raise ContentError("front matter må være felt på formen «navn: verdi».", file=path, line=2)
    return meta, "".join(lines[end + 1 :]), end + 2


def parse_meta(path: Path, kind: str, meta: dict) -> _Meta:
    """Validate front matter; raise ContentError for the first bad field."""
    try:
        return MODELS[kind].model_validate(meta)
    except ValidationError as exc:
        field, text = problems(exc)[0]
        if text == "sent_missing":
            field, text = "sent", "mangler — et høringssvar med «status: sendt» må ha en dato."
        elif text == "er ukjent":
            return _unknown_field(path, kind, field)
        base = re.split(r"[.\[]", field, maxsplit=1)[0]  # signed_by[0].name → signed_by
        raise ContentError(
            text + ".", file=path, field=field or None, fix=FIXES.get(base)
        ) from None


def _unknown_field(path: Path, kind: str, field: str) -> _Meta:
    allowed = ", ".join(MODELS[kind].model_fields)
    raise ContentError(
        "er ukjent.", file=path, field=field, fix=f"bruk bare disse feltene: {allowed}."
    )


def load_document(path: Path, kind: str) -> Document:
    meta, body, body_line = read_markdown(path)
    return Document(path, parse_meta(path, kind, meta), body, body_line)


def fact_references(doc: Document) -> list[tuple[str, int | None]]:
    """Every fact id a document uses: (id, line) — front matter ids have no line."""
    refs: list[tuple[str, int | None]] = [(fid, None) for fid in doc.meta.facts]
    refs += [(fid, doc.body_line + number - 1) for number, fid in fact_markers(doc.body)]
    return refs


def sent_response_errors(doc: Document, rel: Path | str) -> list[ContentError]:
    """A sent høringssvar must not keep the draft's placeholders or guidance comments."""
    if not isinstance(doc.meta, ResponseMeta) or doc.meta.status != "sendt":
        return []
    return leftover_errors(doc.body, doc.body_line, rel)


def content_files(paths: Paths) -> list[tuple[Path, str]]:
    """Every Markdown file staff write, with its kind (folder)."""
    found = []
    for kind in MODELS:
        folder = paths.content / kind
        found += [(p, kind) for p in sorted(folder.glob("*.md"))]
    return found


def validate_content(paths: Paths, fact_ids: set[str] | None = None) -> list[ContentError]:
    """Validate every content file; check fact references when ``fact_ids`` is given."""
    errors: list[ContentError] = []
    for path, kind in content_files(paths):
        rel = path.relative_to(paths.root)
        try:
            doc = load_document(path, kind)
        except ContentError as exc:
            errors.append(_relative(exc, rel))
            continue
        errors += sent_response_errors(doc, rel)
        if fact_ids is None:
            continue
        for fid, line in fact_references(doc):
            if fid not in fact_ids:
                errors.append(
                    ContentError(
                        f"faktaet «{fid}» finnes ikke.",
                        file=rel,
                        line=line,
                        field=None if line else "facts",
                        fix="bruk en id fra content/fakta.yaml (se siden /fakta/), "
                        "eller legg faktaet til der.",
                    )
                )
    return errors


def _relative(exc: ContentError, rel: Path) -> ContentError:
    return type(exc)(exc.message, file=rel, field=exc.field, fix=exc.fix, line=exc.line)
