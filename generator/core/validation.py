"""Validation shared by every loader (stemme.toml, front matter, fakta.yaml, campaign.yaml),
so the same mistake reads the same everywhere — in Norwegian, with the fix.

- :class:`StrictModel`: the base of every model read from a file staff write (unknown
  fields are errors, values are frozen).
- Validators and their annotated types: :data:`HexColour`, :data:`Clock`, :data:`Slug`
  (at most :data:`SLUG_MAX` characters), :func:`http_url`. They raise
  ``ValueError("<code>")``; :data:`CUSTOM` words the code.
- :func:`field_problems`: every pydantic error of a model as a :class:`Problem` — the
  explanation, and a fix where the error itself says what to do: «Mente du «title»?»
  for unknown fields and enum values, why an impossible date is impossible. A field
  reported missing because it was misspelt is reported once, as the misspelling.
- :func:`explain` / :func:`problems`: one pydantic error → a Norwegian explanation.
- :func:`did_you_mean`, :func:`norwegian_list`, :func:`date_reason`: the words for those.
- :func:`yaml_problem`: the one place a PyYAML error becomes a Norwegian message with
  line, column and the usual fix. The loader every file staff write is read with
  (:class:`~generator.core.yaml_files.YamlLoader`: lines, duplicate keys, impossible
  dates kept as text) and the words for each YAML mistake live in
  :mod:`generator.core.yaml_files`.
"""

from __future__ import annotations

import calendar
import difflib
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from babel.dates import get_month_names
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from generator.core.errors import ContentError
from generator.core.slugs import slugify
from generator.core.yaml_files import yaml_explanation

# What the value should look like, by pydantic error type.
EXPECTED = {
    "missing": "mangler",
    "extra_forbidden": "er ukjent",
    "string_type": "må være tekst",
    "int_type": "må være et heltall, f.eks. 5",
    "int_parsing": "må være et heltall, f.eks. 5",
    "int_from_float": "må være et heltall, f.eks. 5",
    "float_type": "må være et tall, f.eks. 1.5",
    "float_parsing": "må være et tall, f.eks. 1.5",
    "bool_type": "må være true eller false",
    "bool_parsing": "må være true eller false",
    "list_type": "må være en liste, f.eks. [a, b]",
    "dict_type": "må være en tabell med nøkler og verdier",
    "model_type": "må være en tabell med nøkler og verdier",
    "model_attributes_type": "må være en tabell med nøkler og verdier",
    "literal_error": "må være en av de tillatte verdiene",
    "greater_than_equal": "er for liten",
    "less_than_equal": "er for stor",
    "too_short": "kan ikke være tom",
    "too_long": "er for lang",
    "string_too_short": "kan ikke være tom",
    "string_too_long": "er for lang",
    "string_pattern_mismatch": "har feil form",
    "date_type": "må være en dato på formen 2026-11-22",
    "date_parsing": "må være en dato på formen 2026-11-22",
    "date_from_datetime_parsing": "må være en dato på formen 2026-11-22",
    "date_from_datetime_inexact": "må være en dato uten klokkeslett, f.eks. 2026-11-22",
    "datetime_parsing": "må være et tidspunkt på formen 2026-11-22T08:00",
    "url_parsing": "må være en nettadresse som begynner med https://",
}
DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing"}

SLUG_MAX = 80  # characters; a slug becomes a folder and a file name in the build
SLUG_RULE = f"kan bare ha små bokstaver (a–z), tall og bindestrek (høyst {SLUG_MAX} tegn)"

# Codes raised by our own validators as ValueError("<code>").
CUSTOM = {
    "hex_colour": 'må være en fargekode på formen "#5B2A86"',
    "http_url": "må være en nettadresse som begynner med https://",
    "clock": 'må være et klokkeslett på formen "08:00"',
    "slug": "må være et kort navn med små bokstaver (a–z), tall og bindestrek, "
    f"høyst {SLUG_MAX} tegn, f.eks. «om-oss»",
}

_HTTP_URL = re.compile(r"^https?://[^\s/]+")
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_CLOCK = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_SLUG = re.compile(SLUG_PATTERN)


class StrictModel(BaseModel):
    """Base of every model read from a file staff write: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def http_url(value: str) -> str:
    """Pydantic after-validator: an http(s) address, else the «http_url» explanation."""
    if not _HTTP_URL.match(value):
        raise ValueError("http_url")
    return value


def hex_colour(value: str) -> str:
    """«#5b2a86» → «#5B2A86»; anything else is the «hex_colour» explanation."""
    if not _HEX.match(value):
        raise ValueError("hex_colour")
    return value.upper()


def _sexagesimal_clock(value: Any) -> Any:
    # YAML 1.1 reads an unquoted 10:30 as the number 630 (base 60); turn it back.
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


def clock(value: str) -> str:
    """A time of day «08:00», else the «clock» explanation."""
    if not _CLOCK.match(value):
        raise ValueError("clock")
    return value


def is_slug(value: str) -> bool:
    """Lower-case a–z, digits and single hyphens, at most SLUG_MAX characters."""
    return len(value) <= SLUG_MAX and bool(_SLUG.match(value))


def slug(value: str) -> str:
    """A short lower-case name with digits and hyphens, else the «slug» explanation."""
    if not is_slug(value):
        raise ValueError("slug_too_long" if _SLUG.match(value) else "slug")
    return value


def suggest_slug(text: str) -> str:
    """A slug made from ``text``: «Taushet tar liv 2026 ø» → «taushet-tar-liv-2026-o»."""
    return slugify(text, SLUG_MAX) or "navn"


HexColour = Annotated[str, AfterValidator(hex_colour)]
Clock = Annotated[str, BeforeValidator(_sexagesimal_clock), AfterValidator(clock)]
Slug = Annotated[str, AfterValidator(slug)]


# ------------------------------------------------------------------------ words


def norwegian_list(values: Iterable[Any], last: str = "eller") -> str:
    """['a', 'b', 'c'] → «a», «b» eller «c»."""
    quoted = [f"«{v}»" for v in values]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {last} {quoted[-1]}"


def nearest(word: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``word`` (difflib), or None when nothing is close."""
    candidates = {k.lower(): k for k in known}
    near = difflib.get_close_matches(str(word).lower(), list(candidates), n=1, cutoff=0.6)
    return candidates[near[0]] if near else None


def did_you_mean(word: str, known: Iterable[str]) -> str:
    """« Mente du «title»?» (with the leading space), or "" when nothing is close."""
    near = nearest(word, known)
    return f" Mente du «{near}»?" if near and near != word else ""


_ISO_LIKE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NORWEGIAN_FORM = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def date_reason(text: str) -> tuple[str, str] | None:
    """Why ``text`` (written like a date) is not one: (explanation, fix), or None.

    «2026-11-31» → («2026-11-31 finnes ikke: november har bare 30 dager»,
    «velg en dato som finnes, f.eks. 2026-11-30.»)."""
    if m := _NORWEGIAN_FORM.match(text):
        day, month, year = (int(g) for g in m.groups())
        iso = f"{year:04d}-{month:02d}-{day:02d}"
        return f"er skrevet som {text}", f"skriv datoen som ÅÅÅÅ-MM-DD: {iso}."
    m = _ISO_LIKE.match(text)
    if not m:
        return None
    year, month, day = (int(g) for g in m.groups())
    if not 1 <= month <= 12:
        return (
            f"{text} finnes ikke: det er bare 12 måneder (måneden står i midten: ÅÅÅÅ-MM-DD)",
            "skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-22 for 22. november.",
        )
    days = calendar.monthrange(year, month)[1]
    if 1 <= day <= days:
        return None
    if day == 0:
        reason = f"dagen kan ikke være {m.group(3)}"
    elif month == 2 and day == 29:
        reason = f"februar har bare 28 dager i {year} ({year} er ikke et skuddår)"
    else:
        reason = f"{get_month_names('wide', locale='nb_NO')[month]} har bare {days} dager"
    last = f"{year:04d}-{month:02d}-{days:02d}"
    return f"{text} finnes ikke: {reason}", f"velg en dato som finnes, f.eks. {last}."


# ---------------------------------------------------------------- pydantic errors


def field_name(loc: tuple[Any, ...]) -> str:
    """('days', 3, 'fact') → 'days[3].fact'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _literal_values(expected: str) -> list[str]:
    """ "'regjeringen', 'stortinget' or 'rss'" → ['regjeringen', 'stortinget', 'rss']."""
    parts = re.split(r", | or ", expected)
    return [p.strip().strip("'\"") for p in parts if p.strip()]


def _found(err: dict[str, Any]) -> str:
    value = err.get("input")
    if value is None or isinstance(value, dict | list):
        return ""
    text = str(value)
    if len(text) > 60:
        return f" (fant «{text[:40]}…», {len(text)} tegn)"
    return f" (fant «{text}»)"


def explain(err: dict[str, Any]) -> str:
    """The Norwegian explanation of one pydantic error (without the field name)."""
    etype = err["type"]
    ctx = err.get("ctx") or {}
    if etype in ("value_error", "assertion_error"):
        text = str(ctx.get("error", err["msg"]))
        text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        if text == "slug_too_long":
            return (
                f"er {len(str(err.get('input')))} tegn lang, men kan være høyst {SLUG_MAX} tegn "
                "(den blir en del av filnavn og adresser)"
            )
        return CUSTOM[text] + _found(err) if text in CUSTOM else text
    if etype == "literal_error" and "expected" in ctx:
        return f"må være {norwegian_list(_literal_values(ctx['expected']))}{_found(err)}"
    value = err.get("input")
    if etype in DATE_ERRORS and isinstance(value, str) and (why := date_reason(value.strip())):
        return why[0]
    text = EXPECTED.get(etype, err["msg"])
    if etype not in ("missing", "extra_forbidden"):
        text += _found(err)
    return text


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    """[(field, explanation), …] for every error in ``exc``."""
    return [(field_name(e["loc"]), explain(e)) for e in exc.errors()]


@dataclass(frozen=True)
class Problem:
    """One bad field: where (``loc``), what (``text``) and — when the error itself says
    what to do — the ``fix``. An unknown field is named in the text, so ``field`` is then
    the table it stands in ("" at the top)."""

    loc: tuple[Any, ...]
    field: str
    text: str
    fix: str | None = None
    unknown: bool = False
    value: Any = None


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            options = [a for a in get_args(annotation) if a is not type(None)]
            annotation = options[0] if len(options) == 1 else None
        else:
            return annotation


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def known_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed in the table where ``loc`` ends (for «Mente du …?»)."""
    current: Any = model
    for part in loc[:-1]:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else None
        elif get_origin(current) is dict:  # a table keyed by the writer (a language code)
            args = get_args(current)
            current = args[1] if len(args) == 2 else None
        elif _is_model(current) and part in current.model_fields:
            current = current.model_fields[part].annotation
        else:
            return []
    current = _unwrap(current)
    return list(current.model_fields) if _is_model(current) else []


def _describe(err: dict[str, Any], model: type[BaseModel], hidden: set[str]) -> Problem:
    loc = tuple(err["loc"])
    etype = err["type"]
    if etype == "extra_forbidden":
        known = [k for k in known_fields(model, loc) if k not in hidden]
        near = nearest(str(loc[-1]), known)
        if near:
            fix = f"skriv «{near}:» i stedet for «{loc[-1]}:»."
        else:
            fix = f"fjern linjen, eller bruk et av feltene {norwegian_list(known)}."
        text = f"ukjent felt «{loc[-1]}».{did_you_mean(str(loc[-1]), known)}"
        return Problem(loc, field_name(loc[:-1]), text, fix, unknown=True)
    text, fix = explain(err), None
    value = err.get("input")
    if etype == "literal_error" and (expected := (err.get("ctx") or {}).get("expected")):
        allowed = _literal_values(expected)
        near = nearest(str(value), allowed)
        text += f".{did_you_mean(str(value), allowed)}" if near else ""
        fix = f"bruk {norwegian_list(allowed)}."
    elif etype in DATE_ERRORS and isinstance(value, str) and (why := date_reason(value.strip())):
        fix = why[1]
    return Problem(loc, field_name(loc), text, fix, value=value)


def field_problems(
    exc: ValidationError, model: type[BaseModel], hidden: Iterable[str] = ()
) -> list[Problem]:
    """Every error of ``exc`` (raised by ``model``) as a Problem, in the model's words.

    ``hidden`` are fields the loader fills itself (never suggested). When «titel» is
    unknown and «title» missing in the same table, only the misspelling is reported."""
    described = [_describe(e, model, set(hidden)) for e in exc.errors()]
    misspelt = {
        (*p.loc[:-1], near)
        for p in described
        if p.unknown
        and (near := nearest(str(p.loc[-1]), known_fields(model, p.loc)))
        and near not in hidden
    }
    return [
        p
        for p, err in zip(described, exc.errors(), strict=True)
        if not (err["type"] == "missing" and p.loc in misspelt)
    ]


# -------------------------------------------------------------------------- YAML


def yaml_problem(
    exc: yaml.YAMLError,
    path: str | Path,
    *,
    what: str = "filen",
    first_line: int = 1,
    error: type[ContentError] = ContentError,
) -> ContentError:
    """A PyYAML error as a Norwegian ContentError naming the file, line and column, what
    went wrong and the usual fix (``first_line`` is the line of the file where the parsed
    YAML text starts, e.g. 2 for front matter)."""
    text, fix, mark = yaml_explanation(exc)
    return error(
        f"{what} kan ikke leses: {text}.",
        file=path,
        line=mark.line + first_line if mark else None,
        column=mark.column + 1 if mark else None,
        fix=fix,
    )
