"""Validation shared by every loader (stemme.toml, front matter, fakta.yaml, campaign.yaml),
so the same mistake reads the same everywhere.

- :class:`StrictModel`: the base of every model read from a file staff write (unknown
  fields are errors, values are frozen).
- Validators and their annotated types: :data:`HexColour`, :data:`Clock`, :data:`Slug`,
  :func:`http_url`. They raise ``ValueError("<code>")``; :data:`CUSTOM` words the code.
- :func:`explain` / :func:`problems`: pydantic errors → Norwegian explanations.
- :func:`yaml_problem`: a PyYAML error → a :class:`ContentError` with line and fix.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, ValidationError

from generator.core.errors import ContentError

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

# Codes raised by our own validators as ValueError("<code>").
CUSTOM = {
    "hex_colour": 'må være en fargekode på formen "#5B2A86"',
    "http_url": "må være en nettadresse som begynner med https://",
    "clock": 'må være et klokkeslett på formen "08:00"',
    "slug": "må være et kort navn med små bokstaver, tall og bindestrek, f.eks. «om-oss»",
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


def slug(value: str) -> str:
    """A short lower-case name with digits and hyphens, else the «slug» explanation."""
    if not _SLUG.match(value):
        raise ValueError("slug")
    return value


HexColour = Annotated[str, AfterValidator(hex_colour)]
Clock = Annotated[str, BeforeValidator(_sexagesimal_clock), AfterValidator(clock)]
Slug = Annotated[str, AfterValidator(slug)]


def field_name(loc: tuple[Any, ...]) -> str:
    """('days', 3, 'fact') → 'days[3].fact'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def explain(err: dict[str, Any]) -> str:
    """The Norwegian explanation of one pydantic error (without the field name)."""
    etype = err["type"]
    ctx = err.get("ctx") or {}
    if etype in ("value_error", "assertion_error"):
        text = str(ctx.get("error", err["msg"]))
        text = text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return CUSTOM.get(text, text)
    text = EXPECTED.get(etype, err["msg"])
    if etype == "literal_error" and "expected" in ctx:
        text += f" ({ctx['expected']})"
    if etype not in ("missing", "extra_forbidden"):
        value = err.get("input")
        if value is not None and not isinstance(value, dict | list):
            text += f" (fant «{value}»)"
    return text


def problems(exc: ValidationError) -> list[tuple[str, str]]:
    """[(field, explanation), …] for every error in ``exc``."""
    return [(field_name(e["loc"]), explain(e)) for e in exc.errors()]


def yaml_problem(
    exc: yaml.YAMLError,
    path: str | Path,
    *,
    what: str = "filen",
    first_line: int = 1,
    error: type[ContentError] = ContentError,
) -> ContentError:
    """A PyYAML error as a ContentError naming the file and line (``first_line`` is the
    line of the file where the parsed YAML text starts, e.g. 2 for front matter)."""
    mark = getattr(exc, "problem_mark", None)
    return error(
        f"{what} er ikke gyldig YAML ({getattr(exc, 'problem', None) or exc}).",
        file=path,
        line=mark.line + first_line if mark else None,
        fix="sjekk innrykk, kolon og anførselstegn på linjen som nevnes.",
    )
