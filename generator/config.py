"""Load and validate ``stemme.toml``, the one place for organisation-wide settings.

``load_config()`` returns a frozen :class:`Config`; any problem raises
:class:`~generator.errors.ConfigError` with a Norwegian message naming the key and the
expected form. Paths the parts share (content, output, cache, state DB) come from
:class:`Paths`, so no module invents its own.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from generator.errors import ConfigError

CONFIG_NAME = "stemme.toml"
TIMEZONE = "Europe/Oslo"

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")


def _hex_colour(value: str) -> str:
    if not _HEX.match(value):
        raise ValueError("hex_colour")
    return value.upper()


def _http_url(value: str) -> str:
    if not re.match(r"^https?://[^\s/]+", value):
        raise ValueError("http_url")
    return value.rstrip("/")


def _clock(value: str) -> str:
    if not re.match(r"^([01]\d|2[0-3]):[0-5]\d$", value):
        raise ValueError("clock")
    return value


HexColour = Annotated[str, AfterValidator(_hex_colour)]
HttpUrl = Annotated[str, AfterValidator(_http_url)]
Clock = Annotated[str, AfterValidator(_clock)]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Organisation(_Section):
    name: str = Field(min_length=1)
    short_name: str | None = None
    email: str
    phone: str | None = None
    address: list[str] = []


class Site(_Section):
    url: HttpUrl
    title: str = Field(min_length=1)
    tagline: str = ""
    description: str = ""
    neutral_exit_url: HttpUrl = "https://www.yr.no"


class Brand(_Section):
    primary: HexColour
    on_primary: HexColour = "#FFFFFF"
    accent: HexColour
    text: HexColour = "#1D1D1B"
    background: HexColour = "#FFFFFF"
    muted: HexColour = "#F4F4F4"


class EmergencyNumber(_Section):
    label: str
    number: str
    note: str = ""

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"\s+", "", self.number)


class Emergency(_Section):
    numbers: list[EmergencyNumber] = Field(min_length=1)
    find_centre_label: str
    find_centre_url: HttpUrl


class Social(_Section):
    x: HttpUrl | None = None
    mastodon: HttpUrl | None = None
    bluesky: HttpUrl | None = None
    facebook: HttpUrl | None = None
    instagram: HttpUrl | None = None


class Facts(_Section):
    max_age_years: int = Field(default=5, ge=1)


class WatchSource(_Section):
    name: str
    kind: Literal["regjeringen", "stortinget", "rss"]
    url: HttpUrl


class Watch(_Section):
    sources: list[WatchSource] = []
    terms: dict[str, float] = {}


class Posting(_Section):
    default_time: Clock = "08:00"


class Config(_Section):
    organisation: Organisation
    site: Site
    brand: Brand
    emergency: Emergency
    social: Social = Social()
    facts: Facts = Facts()
    watch: Watch = Watch()
    posting: Posting = Posting()


# Norwegian wording for pydantic's error types: what form the value should have.
_EXPECTED = {
    "missing": "mangler — legg den til",
    "extra_forbidden": "er ukjent — sjekk stavingen eller fjern den",
    "string_type": "må være tekst i anførselstegn, f.eks. \"tekst\"",
    "int_type": "må være et heltall, f.eks. 5",
    "int_parsing": "må være et heltall, f.eks. 5",
    "int_from_float": "må være et heltall, f.eks. 5",
    "float_type": "må være et tall, f.eks. 1.5",
    "float_parsing": "må være et tall, f.eks. 1.5",
    "bool_type": "må være true eller false",
    "list_type": "må være en liste, f.eks. [\"a\", \"b\"]",
    "dict_type": "må være en tabell, f.eks. [seksjon]",
    "model_type": "må være en tabell, f.eks. [seksjon]",
    "literal_error": "må være en av de tillatte verdiene",
    "greater_than_equal": "er for liten",
    "too_short": "kan ikke være tom",
    "string_too_short": "kan ikke være tom",
}
_CUSTOM = {
    "hex_colour": "må være en fargekode på formen \"#5B2A86\"",
    "http_url": "må være en nettadresse som begynner med https://",
    "clock": "må være et klokkeslett på formen \"08:00\"",
}


def _describe(err: dict[str, Any]) -> str:
    key = ".".join(str(p) for p in err["loc"])
    etype = err["type"]
    if etype == "value_error":
        code = str(err.get("ctx", {}).get("error", ""))
        expected = _CUSTOM.get(code, err["msg"])
    else:
        expected = _EXPECTED.get(etype, err["msg"])
    if etype == "literal_error":
        expected += f" ({err.get('ctx', {}).get('expected', '')})"
    got = ""
    if etype not in ("missing",) and "input" in err and not isinstance(err["input"], dict):
        got = f" (fant {err['input']!r})"
    return f"nøkkelen «{key}» {expected}{got}"


def parse_config(data: dict[str, Any], source: str = CONFIG_NAME) -> Config:
    """Validate a parsed TOML document; raise ConfigError naming every bad key."""
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        problems = [_describe(e) for e in exc.errors()]
        raise ConfigError(
            f"{source}: " + "; ".join(problems) + ". Rett filen og prøv igjen."
        ) from None


def find_root(start: Path | None = None) -> Path:
    """The project root: $STEMME_ROOT, else the nearest folder upwards with stemme.toml."""
    if env := os.environ.get("STEMME_ROOT"):
        return Path(env).resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise ConfigError(
        f"Fant ikke {CONFIG_NAME} i {here} eller mappene over. "
        "Kjør kommandoen fra prosjektmappen, eller sett STEMME_ROOT."
    )


def load_config(path: Path | None = None) -> Config:
    """Read and validate stemme.toml (default: the one in the project root)."""
    path = path or find_root() / CONFIG_NAME
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"Kan ikke lese {path}: {exc.strerror}.") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(
            f"{path}: ugyldig TOML ({exc}). Sjekk anførselstegn og klammer på linjen som nevnes."
        ) from None
    return parse_config(data, source=str(path))


@dataclass(frozen=True)
class Paths:
    """Every path the parts share, derived from the project root."""

    root: Path

    @property
    def config(self) -> Path:
        return self.root / CONFIG_NAME

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def facts(self) -> Path:
        return self.content / "fakta.yaml"

    @property
    def positions(self) -> Path:
        return self.content / "standpunkter"

    @property
    def responses(self) -> Path:
        return self.content / "hoeringssvar"

    @property
    def pages(self) -> Path:
        return self.content / "sider"

    @property
    def campaigns(self) -> Path:
        return self.root / "campaigns"

    @property
    def theme(self) -> Path:
        return self.root / "theme"

    @property
    def output(self) -> Path:
        return self.root / "output"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @property
    def cache(self) -> Path:
        return self.root / ".cache" / "stemme"

    @property
    def cards(self) -> Path:
        """Rendered fact cards and their manifest (copied into output/ by the build)."""
        return self.cache / "kort"

    @property
    def state_db(self) -> Path:
        if env := os.environ.get("STEMME_DB"):
            return Path(env)
        return self.root / "state" / "stemme.sqlite3"

    @classmethod
    def discover(cls, start: Path | None = None) -> Paths:
        return cls(find_root(start))
