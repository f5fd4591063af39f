"""The content staff write: front matter models and validation for every Markdown file.

``read_markdown(path)`` splits a file into its YAML front matter and Markdown body.
``check_document(path, kind, …)`` returns every problem of one file at once — each bad
field (with its line, «Mente du …?» for misspellings), unknown fact ids, risky HTML
(:mod:`generator.core.html_safety`) and a file name that cannot be an address.
``load_document(path, kind)`` is what the Pelican reader calls: the parsed document, or
:class:`ContentErrors` with all of its problems. ``validate_content(paths)`` checks every
file, so a staff member sees everything wrong in one run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import AfterValidator, Field, ValidationError, field_validator, model_validator

from generator.core import (
    CUSTOM,
    SLUG_RULE,
    ContentError,
    ContentErrors,
    KeptResults,
    Paths,
    Place,
    Problem,
    Risk,
    Slug,
    StrictModel,
    TextDatesLoader,
    field_problems,
    http_url,
    is_slug,
    load_yaml,
    nearest,
    risky_html,
    source_file_problem,
    suggest_slug,
    yaml_problem,
)
from generator.facts import broken_markers, fact_markers, unknown_fact
from generator.placeholders import (
    UNCLOSED,
    UNCLOSED_FIX,
    draft_label_errors,
    leftover_errors,
    note_errors,
    unclosed_comment,
)
from generator.site.translations import split_name
from generator.watch import STEPS_SUFFIX, read_steps

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
    "summary": "skriv én eller to setninger som tekst, f.eks. «summary: Derfor …».",
    "facts": "bruk id-er som finnes i content/fakta.yaml.",
    "reference": 'skriv departementets saksnummer i anførselstegn, f.eks. «reference: "26/1234"».',
    "our_reference": 'skriv vårt saksnummer i anførselstegn, f.eks. «our_reference: "2026/14"».',
    "translation_of_version": "skriv versjonen av originalen i anførselstegn, f.eks. "
    '«translation_of_version: "3f2a9c0b1d4e"» (.venv/bin/python -m '
    "generator.site.translations content/sider/om-oss.md skriver den ut).",
    "reviewed": "skriv «reviewed: true» når en som har språket som morsmål har lest "
    "oversettelsen, ellers «reviewed: false».",
    "signed_by": "skriv én linje per person som signerer, f.eks. "
    "«signed_by: [{name: Kari Nordmann, role: daglig leder}]».",
}


class _Meta(StrictModel):
    """Front matter common to every Markdown file."""

    title: str = Field(min_length=1)
    summary: str = ""


class _Translatable(_Meta):
    """A kind that may be translated (om-oss.en.md): which version of the original the
    translation was made from (generator.site.translations.version_of), and whether a
    native speaker has read it."""

    translation_of_version: str | None = None
    reviewed: bool = False

    @field_validator("translation_of_version", mode="before")
    @classmethod
    def _digits_are_a_version(cls, value: object) -> object:
        """A version of only digits that an editor saved without quotes (the browser editor
        does) is read back as the 12-character text it was."""
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return f"{value:012d}"
        return value


class PositionMeta(_Translatable):
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


class PageMeta(_Translatable):
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
    key_lines: dict[str, int]  # front matter field → its line in the file


# The last reading of each file, with the bytes it was read from: the check, the pages,
# the photos and the letters all ask for the same files, and each is parsed once.
_READ: dict[Path, tuple[bytes, tuple[dict, str, int]]] = {}


def read_markdown(path: Path) -> tuple[dict, str, int]:
    """Split ``path`` into (front matter dict, body, first body line). The dict is a
    :class:`~generator.core.yaml_files.LineDict` (``key_lines`` relative to line 2).
    An unchanged file is parsed once per process; treat the result as read-only."""
    parents = path.absolute().parents
    if problem := source_file_problem(path, parents[min(2, len(parents) - 1)]):
        raise ContentError(problem[0] + ".", file=path, fix=problem[1])
    raw = path.read_bytes()
    known = _READ.get(path)
    if known is not None and known[0] == raw:
        return known[1]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ContentError(
            "filen er ikke UTF-8.", file=path, fix="lagre filen som UTF-8 i editoren."
        ) from None
    result = _split(path, text)
    _READ[path] = (raw, result)
    return result


def _split(path: Path, text: str) -> tuple[dict, str, int]:
    # read_text() would have turned \r\n and \r into \n; so does this.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
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
        meta = load_yaml("".join(lines[1:end]), TextDatesLoader) or {}
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, path, what="front matter", first_line=2) from None
    if not isinstance(meta, dict):
        raise ContentError("front matter må være felt på formen «navn: verdi».", file=path, line=2)
    return meta, "".join(lines[end + 1 :]), end + 2


def _key_lines(meta: dict) -> dict[str, int]:
    """Front matter field → line in the file (the YAML starts on line 2)."""
    return {str(k): n + 1 for k, n in getattr(meta, "key_lines", {}).items()}


def meta_problems(path: Path, kind: str, meta: dict) -> tuple[_Meta | None, list[ContentError]]:
    """Validate front matter: (the metadata, []) or (None, one error per bad field)."""
    try:
        return MODELS[kind].model_validate(meta), []
    except ValidationError as exc:
        lines = _key_lines(meta)
        return None, [_field_error(path, p, lines) for p in field_problems(exc, MODELS[kind])]


def _field_error(path: Path, problem: Problem, lines: dict[str, int]) -> ContentError:
    top = str(problem.loc[0]) if problem.loc else ""
    text, field, fix = problem.text, problem.field or None, problem.fix
    if text == "sent_missing":
        field, top = "sent", "status"
        text = "mangler — et høringssvar med «status: sendt» må ha en dato"
    if field == "slug" and text.startswith(CUSTOM["slug"]):
        fix = f"bruk f.eks. «slug: {suggest_slug(str(problem.value))}»."
    return ContentError(
        text if text.endswith((".", "?")) else text + ".",
        file=path,
        line=lines.get(top),
        field=field,
        fix=fix or FIXES.get(re.split(r"[.\[]", field or "", maxsplit=1)[0]),
    )


def load_document(path: Path, kind: str) -> Document:
    """The document, or ContentErrors with every problem of its front matter."""
    meta, body, body_line = read_markdown(path)
    parsed, errors = meta_problems(path, kind, meta)
    if errors:
        raise ContentErrors(errors)
    assert parsed is not None
    return Document(path, parsed, body, body_line, _key_lines(meta))


def fact_references(
    meta: dict, body: str, body_line: int
) -> list[tuple[str, int | None, str | None]]:
    """Every fact id a file uses: (id, line, field) — front matter ids on the «facts:» line.
    Read from the raw front matter, so they are checked even when another field is bad."""
    listed = meta.get("facts") if isinstance(meta.get("facts"), list) else []
    line = _key_lines(meta).get("facts")
    refs: list[tuple[str, int | None, str | None]] = [
        (str(fid), line, "facts") for fid in listed if isinstance(fid, str)
    ]
    refs += [(fid, body_line + number - 1, None) for number, fid in fact_markers(body)]
    return refs


def sent_response_errors(doc: Document, rel: Path | str) -> list[ContentError]:
    """A sent høringssvar must not keep the draft's placeholders, guidance comments or
    internal notes (in the text, or «UTKAST» in its title or summary)."""
    if not isinstance(doc.meta, ResponseMeta) or doc.meta.status != "sendt":
        return []
    labels = {"title": doc.meta.title, "summary": doc.meta.summary}
    return [
        *draft_label_errors(labels, doc.key_lines, rel),
        *leftover_errors(doc.body, doc.body_line, rel),
        *note_errors(doc.body, doc.body_line, rel),
    ]


def content_files(paths: Paths) -> list[tuple[Path, str]]:
    """Every Markdown file staff write, with its kind (folder)."""
    found = []
    for kind in MODELS:
        folder = paths.content / kind
        found += [(p, kind) for p in sorted(folder.glob("*.md"))]
    return found


def check_document(
    path: Path,
    kind: str,
    fact_ids: set[str] | None = None,
    own_host: str | None = None,
    root: Path | None = None,
    kept: KeptResults | None = None,
) -> list[ContentError]:
    """Every problem of one file: its name, each bad field, a sent response's leftover
    placeholders, unknown facts, risky HTML (in what the body renders to; relative
    addresses resolved from the file's folder, ``root`` the project: by default the
    folder above content/)."""
    errors = _name_problems(path)
    try:
        meta, body, body_line = read_markdown(path)
    except ContentError as exc:
        return [*errors, exc]
    parsed, field_errors = meta_problems(path, kind, meta)
    errors += field_errors
    if parsed is not None:
        doc = Document(path, parsed, body, body_line, _key_lines(meta))
        errors += sent_response_errors(doc, path)
    if (line := unclosed_comment(body, body_line)) is not None:
        errors.append(ContentError(UNCLOSED + ".", file=path, line=line, fix=UNCLOSED_FIX))
    errors += [
        ContentError(
            risk.text + ".",
            file=path,
            line=body_line + risk.line - 1,
            column=risk.column,
            fix=risk.fix,
        )
        for risk in _html_risks(body, own_host, _place(path, root), kept)
    ]
    errors += [
        ContentError(m.text, file=path, line=body_line + m.line - 1, column=m.column, fix=m.fix)
        for m in broken_markers(body)
    ]
    if fact_ids is not None:
        errors += [
            unknown_fact(fid, fact_ids, file=path, line=line, field=field)
            for fid, line, field in fact_references(meta, body, body_line)
            if fid not in fact_ids
        ]
    return errors


def _html_risks(
    body: str, own_host: str | None, place: Place, kept: KeptResults | None
) -> list[Risk]:
    """:func:`risky_html`, answered from ``kept`` (.cache/stemme/sjekk/html.json) for a
    text checked before: rendering and sanitising every text is the check's slow part."""
    if kept is None:
        return risky_html(body, own_host, place)
    try:
        depth = str(len(place.folder.relative_to(place.root).parts))
    except ValueError:
        depth = "?"
    found = kept.get(
        ["html", body, own_host or "", depth, str(place.root), str(Path.home())],
        lambda: [[r.line, r.column, r.text, r.fix] for r in risky_html(body, own_host, place)],
    )
    return [Risk(*r) for r in found]


def _place(path: Path, root: Path | None) -> Place:
    folder = path.absolute().parent
    return Place(folder, root.absolute() if root else folder.parent.parent)


def _name_problems(path: Path) -> list[ContentError]:
    """The file name becomes the page's address: it must be a short slug (a translation's
    language, «om-oss.en.md», is not part of the address)."""
    if is_slug(split_name(path)[0]):
        return []
    return [
        ContentError(
            f"filnavnet «{path.name}» blir adressen til siden, og {SLUG_RULE}.",
            file=path,
            fix=f"gi filen navnet «{suggest_slug(path.stem)}.md».",
        )
    ]


# What may be in content/: the text folders, the photos, the facts. Anything else would be
# left out of the site without a word, so it is an error (an allow-list).
PHOTOS_FOLDER = "bilder"
KNOWN_FOLDERS = (*MODELS, PHOTOS_FOLDER)
KNOWN_FILES = ("fakta.yaml",)
TEXT_SUFFIX = ".md"
_DOCUMENTS = {".docx", ".doc", ".odt", ".rtf", ".pages", ".pdf"}


def _ignored(name: str) -> bool:
    """Hidden files and editors' backups (``.DS_Store``, ``.#fil.md``, ``fil.md~``)."""
    return name.startswith(".") or name.endswith("~")


def _known_folders() -> str:
    return ", ".join(f"{name}/" for name in KNOWN_FOLDERS)


def _stray_root_entry(entry: Path) -> ContentError:
    name = entry.name
    if entry.is_dir():
        near = nearest(name, KNOWN_FOLDERS)
        hint = f" Mente du «{near}/»?" if near else ""
        return ContentError(
            f"mappen «{name}/» er ukjent og blir ikke lest: Stemme leser bare "
            f"{_known_folders()}.{hint}",
            file=f"content/{name}/",
            fix=f"gi mappen navnet «{near}»." if near else "flytt filene til en av mappene.",
        )
    near = nearest(name, KNOWN_FILES)
    if near:
        return ContentError(
            f"filen «{name}» blir ikke lest. Mente du «{near}»?",
            file=f"content/{name}",
            fix=f"gi filen navnet «{near}».",
        )
    return ContentError(
        f"filen «{name}» ligger rett i content/ og blir ikke lest. Stemme leser tekster i "
        f"{_known_folders()} og tallene i {', '.join(KNOWN_FILES)}.",
        file=f"content/{name}",
        fix="flytt filen til mappen den hører til, f.eks. content/standpunkter/.",
    )


def _stray_text_entry(entry: Path, kind: str) -> ContentError | None:
    if entry.is_symlink() and entry.suffix != TEXT_SUFFIX:
        # Pelican would follow it (two links to «.» hang the build) and read past the check.
        return ContentError(
            f"«{entry.name}» er en lenke; i content/{kind}/ kan det bare ligge .md-filer "
            "(undermapper og lenker til mapper leses ikke).",
            file=f"content/{kind}/{entry.name}",
            fix=f"flytt filene rett inn i content/{kind}/, og slett lenken «{entry.name}».",
        )
    if entry.is_dir():
        return ContentError(
            f"mappen «{entry.name}/» inni {kind}/ blir ikke lest som {kind}.",
            file=f"content/{kind}/{entry.name}/",
            fix=f"flytt filene rett inn i content/{kind}/.",
        )
    if entry.suffix == TEXT_SUFFIX:
        return None
    if kind == "hoeringssvar" and entry.name.endswith(STEPS_SUFFIX):
        return _stray_steps_file(entry)
    wanted = f"{suggest_slug(entry.stem)}{TEXT_SUFFIX}"
    fix = f"gi filen navnet «{wanted}»."
    if entry.suffix.lower() in _DOCUMENTS:
        fix = (
            f"lag en ren tekstfil «{wanted}» med front matter øverst som i de andre filene, "
            "og lim inn teksten fra dokumentet."
        )
    return ContentError(
        f"filtypen «{entry.suffix or 'uten filtype'}» blir ikke lest: bare Markdown-filer "
        f"({TEXT_SUFFIX}) blir sider. Mente du «{wanted}»?",
        file=f"content/{kind}/{entry.name}",
        fix=fix,
    )


def _stray_steps_file(entry: Path) -> ContentError | None:
    """«Hva skjedde videre?» (written by «stemme watch») belongs beside its response."""
    response = entry.name.removesuffix(STEPS_SUFFIX) + TEXT_SUFFIX
    if (entry.parent / response).is_file():
        try:
            read_steps(entry)  # the build will read it: only what is allowed
        except ContentError as error:
            return error
        return None
    return ContentError(
        f"«{entry.name}» hører til høringssvaret «{response}», som ikke finnes.",
        file=f"content/hoeringssvar/{entry.name}",
        fix=f"slett filen, eller gi den samme navn som svaret den hører til (uten .md, "
        f"pluss {STEPS_SUFFIX}).",
    )


def layout_problems(paths: Paths) -> list[ContentError]:
    """Unknown folders and files under content/, and files of a type no one reads."""
    if not paths.content.is_dir():
        return []
    errors = []
    for entry in sorted(paths.content.iterdir()):
        if _ignored(entry.name):
            continue
        if entry.name in KNOWN_FOLDERS and entry.is_dir():
            if entry.name in MODELS:
                inside = [e for e in sorted(entry.iterdir()) if not _ignored(e.name)]
                found = (_stray_text_entry(e, entry.name) for e in inside)
                errors += [e for e in found if e is not None]
        elif entry.name not in KNOWN_FILES or not entry.is_file():
            errors.append(_stray_root_entry(entry))
    return errors


def validate_content(
    paths: Paths, fact_ids: set[str] | None = None, own_host: str | None = None
) -> list[ContentError]:
    """Validate every content file; check fact references when ``fact_ids`` is given."""
    errors: list[ContentError] = layout_problems(paths)
    kept = KeptResults(paths.check_results / "html.json")
    for path, kind in content_files(paths):
        rel = path.relative_to(paths.root)
        found = check_document(path, kind, fact_ids, own_host, paths.root, kept)
        errors += [e.relocated(rel) for e in found]
    kept.save()
    return errors
