"""Load and validate ``stemme.toml``, the one place for organisation-wide settings.

``load_config()`` returns a frozen :class:`Config`; any problem raises
:class:`~generator.core.errors.ConfigError` with a Norwegian message naming the key and the
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
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from generator.core.errors import ConfigError
from generator.core.validation import (
    Clock,
    HexColour,
    Problem,
    StrictModel,
    field_name,
    field_problems,
    http_url,
)

CONFIG_NAME = "stemme.toml"
TIMEZONE = "Europe/Oslo"
OSLO = ZoneInfo(TIMEZONE)  # every date Stemme shows or schedules is Oslo time


def _http_url(value: str) -> str:
    return http_url(value).rstrip("/")


HttpUrl = Annotated[str, AfterValidator(_http_url)]

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
BASE_LANGUAGE = "nb"  # the language of the fields themselves in fakta.yaml and campaign.yaml


def translation_keys(value: Any) -> Any:
    """Validate a ``translations`` table (fakta.yaml, campaign.yaml): keyed by language codes
    other than bokmål, each written as text (YAML 1.1 would read ``no`` and ``on`` as
    booleans)."""
    if not isinstance(value, dict):
        return value
    for code in value:
        if not isinstance(code, str):
            raise ValueError(
                f"språkkoden {code!r} ble lest som noe annet enn tekst; skriv den i "
                'anførselstegn, f.eks. "no": eller "on":'
            )
        if not LANGUAGE_CODE.fullmatch(code) or code == BASE_LANGUAGE:
            raise ValueError(
                f"«{code}» er ikke en språkkode for en oversettelse; bruk en kode med små "
                "bokstaver fra ISO 639-1, f.eks. en, nn eller ar (bokmål er feltene over, "
                "ikke en oversettelse)"
            )
    return value


def _language(value: str) -> str:
    if not LANGUAGE_CODE.fullmatch(value):
        raise ValueError(
            "må være en språkkode med to eller tre små bokstaver (ISO 639), "
            'f.eks. "nb", "nn" eller "en"'
        )
    return value


Language = Annotated[str, AfterValidator(_language)]


class _Section(StrictModel):
    """A table of stemme.toml."""


LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


def _logo(value: str) -> str:
    path = Path(value)
    if path.is_absolute() or ".." in path.parts or path.suffix.lower() not in LOGO_SUFFIXES:
        raise ValueError(
            "må være en bildefil (.svg, .png eller .jpg) inne i prosjektmappen, "
            'f.eks. "theme/static/logo.svg"'
        )
    return value


class Organisation(_Section):
    name: str = Field(min_length=1)
    short_name: str | None = None
    email: str
    phone: str | None = None
    address: list[str] = []
    # Letterhead logo on høringssvar letters, relative to the project root (optional).
    logo: Annotated[str, AfterValidator(_logo)] | None = None


class SiteText(_Section):
    """[site.translations.<lang>]: the site's own words in another language."""

    title: str | None = None
    tagline: str | None = None
    description: str | None = None


class Site(_Section):
    url: HttpUrl
    title: str = Field(min_length=1)
    tagline: str = ""
    description: str = ""
    neutral_exit_url: HttpUrl = "https://www.yr.no"
    translations: dict[Language, SiteText] = {}

    def text(self, lang: str) -> SiteText:
        """title, tagline and description in ``lang`` (bokmål where not translated)."""
        own = self.translations.get(lang, SiteText())
        return SiteText(
            title=own.title or self.title,
            tagline=own.tagline or self.tagline,
            description=own.description or self.description,
        )


class Brand(_Section):
    primary: HexColour
    on_primary: HexColour = "#FFFFFF"
    accent: HexColour
    text: HexColour = "#1D1D1B"
    background: HexColour = "#FFFFFF"
    muted: HexColour = "#F4F4F4"


class NumberText(_Section):
    """[emergency.numbers.translations.<lang>]: a number's label and note in a language."""

    label: str | None = None
    note: str | None = None


class EmergencyNumber(_Section):
    label: str
    number: str
    note: str = ""
    translations: dict[Language, NumberText] = {}

    @property
    def tel(self) -> str:
        return "tel:" + re.sub(r"\s+", "", self.number)

    def text(self, lang: str) -> NumberText:
        own = self.translations.get(lang, NumberText())
        return NumberText(label=own.label or self.label, note=own.note or self.note)


class EmergencyText(_Section):
    find_centre_label: str | None = None


class Emergency(_Section):
    numbers: list[EmergencyNumber] = Field(min_length=1)
    find_centre_label: str
    find_centre_url: HttpUrl
    translations: dict[Language, EmergencyText] = {}

    def find_centre(self, lang: str) -> str:
        own = self.translations.get(lang, EmergencyText())
        return own.find_centre_label or self.find_centre_label


class Languages(_Section):
    """[languages]: the default language (plain file names) and the others published.

    ``published`` languages get the whole site (front page, lists, feeds, search);
    ``help_only`` languages get only the pages translated into them (the help page)."""

    default: Language = "nb"
    published: list[Language] = []
    help_only: list[Language] = []
    help_page: str = "hjelp"

    @model_validator(mode="after")
    def _each_once(self) -> Languages:
        seen = [self.default, *self.published, *self.help_only]
        doubles = sorted({code for code in seen if seen.count(code) > 1})
        if doubles:
            raise ValueError(
                f"språket {', '.join(doubles)} står flere ganger i [languages]; "
                "hvert språk står bare ett sted (default, published eller help_only)"
            )
        return self

    @property
    def others(self) -> list[str]:
        """Every language but the default, in the order written."""
        return [*self.published, *self.help_only]

    @property
    def all(self) -> list[str]:
        return [self.default, *self.others]


class Social(_Section):
    x: HttpUrl | None = None
    mastodon: HttpUrl | None = None
    bluesky: HttpUrl | None = None
    facebook: HttpUrl | None = None
    instagram: HttpUrl | None = None


class Facts(_Section):
    max_age_years: int = Field(default=5, ge=1)


class WatchSource(_Section):
    name: str = Field(min_length=1)
    kind: Literal["regjeringen", "stortinget", "rss"]
    url: HttpUrl
    # Where detail pages are fetched from: a template with {id} (the numeric id), {path}
    # (the item link's path) and {origin} (scheme+host of `url`). Default: the item link,
    # or {origin}{path} when `url` points at this machine (fixtures served locally).
    page_url: str | None = None


class WatchDigest(_Section):
    host: str | None = None
    port: int = Field(default=587, ge=1)
    user: str | None = None
    sender: str | None = Field(default=None, alias="from")
    to: list[str] = []
    password_env: str = "STEMME_SMTP_PASSWORD"
    starttls: bool = True
    days: int = Field(default=7, ge=1)


class WatchFollow(_Section):
    """[watch.follow]: where `stemme watch` follows our sent responses after the hearing."""

    enabled: bool = True
    # data.stortinget.no's export base: saker, sak, voteringer, horingsprogram live under it.
    stortinget: HttpUrl = "https://data.stortinget.no/eksport/"
    # regjeringen.no's feed of new propositions (candidates for a person to confirm).
    propositions: HttpUrl | None = (
        "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=dokumenter/proposisjoner"
    )
    # Lovdata's public data (no key, NLOD 2.0): the consolidated laws in force.
    lovdata: HttpUrl | None = "https://api.lovdata.no/v1/publicData/"
    # «Offisielt fra statsråd»: sanction of a Lovvedtak, law number, entry into force.
    statsrad: HttpUrl | None = (
        "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=aktuelt/offisieltfrastatsr%C3%A5d"
    )


class Watch(_Section):
    sources: list[WatchSource] = []
    terms: dict[str, float] = {}
    threshold: float = Field(default=2.0, ge=0)
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=30.0, gt=0)
    max_bytes: int = Field(default=10 * 1024 * 1024, ge=1024)
    max_redirects: int = Field(default=5, ge=0)
    retries: int = Field(default=2, ge=0)
    backoff_seconds: float = Field(default=1.0, ge=0)
    deadline: float = Field(default=60.0, gt=0)  # seconds per source, every request included
    page_fetch_limit: int = Field(default=30, ge=0)
    due_soon_days: int = Field(default=14, ge=1)
    digest: WatchDigest = WatchDigest()
    follow: WatchFollow = WatchFollow()


class Posting(_Section):
    """[posting]: when and where `stemme post due` posts the campaign days."""

    default_time: Clock = "08:00"
    channels: list[Literal["x", "mastodon", "bluesky"]] = ["x", "mastodon", "bluesky"]
    x_media_upload: Literal["v2", "v1.1"] = "v2"
    x_include_link: bool = True
    bluesky_service: HttpUrl = "https://bsky.social"
    late_after_hours: int = Field(default=6, ge=1)
    max_attempts: int = Field(default=5, ge=1)
    retry_minutes: int = Field(default=15, ge=1)
    stale_sending_minutes: int = Field(default=15, ge=1)


# Which [deploy] keys each kind uses (and needs); see generator/deploy for what they do.
DEPLOY_KEYS = {
    "rsync": {"target"},
    "s3": {"bucket", "prefix", "endpoint_url", "region"},
    "git": {"target", "branch"},
}
_DEPLOY_EXAMPLE = {
    "rsync": 'target = "bruker@vert.example:/var/www/stemme" (eller en mappe, "/var/www/stemme")',
    "s3": 'bucket = "navnet-pa-botta"',
    "git": 'target = "git@github.com:organisasjon/nettsted.git"',
}


class Deploy(_Section):
    """[deploy]: where `make publish` sends output/ (credentials never here)."""

    kind: Literal["rsync", "s3", "git"]
    target: str | None = Field(default=None, validate_default=True)
    bucket: str | None = Field(default=None, validate_default=True)
    prefix: str | None = Field(default=None, validate_default=True)
    endpoint_url: HttpUrl | None = Field(default=None, validate_default=True)
    region: str | None = Field(default=None, validate_default=True)
    branch: str | None = Field(default=None, validate_default=True)

    @field_validator("target", "bucket", "prefix", "endpoint_url", "region", "branch")
    @classmethod
    def _belongs_to_kind(cls, value: str | None, info: ValidationInfo) -> str | None:
        kind = info.data.get("kind")
        if kind is None:
            return value
        key = info.field_name
        if value is not None and key not in DEPLOY_KEYS[kind]:
            users = " eller ".join(f'"{k}"' for k, keys in DEPLOY_KEYS.items() if key in keys)
            raise ValueError(f"brukes bare med kind = {users}; fjern linjen")
        required = {"rsync": "target", "s3": "bucket", "git": "target"}[kind]
        if key == required and not (value or "").strip():
            raise ValueError(f'mangler for kind = "{kind}": skriv f.eks. {_DEPLOY_EXAMPLE[kind]}')
        if key == "prefix" and value is not None:
            return value.strip("/") + "/" if value.strip("/") else ""
        return value

    @property
    def git_branch(self) -> str:
        return self.branch or "gh-pages"


ADMIN_HOSTS = {  # [admin].backend → the host's web address when base_url is left out
    "github": "https://github.com",
    "gitlab": "https://gitlab.com",
    "forgejo": "https://codeberg.org",
}


class Admin(_Section):
    """[admin]: the browser editor at /admin/ (the git host its saves go to; no secrets)."""

    backend: Literal["github", "gitlab", "forgejo"]
    repo: str = Field(pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")
    branch: str = Field(default="main", min_length=1)
    # GitHub: the sign-in worker (e.g. sveltia-cms-auth); GitLab/Forgejo: a self-hosted
    # instance. Left out: the public host in ADMIN_HOSTS.
    base_url: HttpUrl | None = None
    # GitLab/Forgejo: the OAuth application's id for sign-in with PKCE (not a secret).
    app_id: str | None = None

    @property
    def host_url(self) -> str:
        return self.base_url or ADMIN_HOSTS[self.backend]


class Config(_Section):
    organisation: Organisation
    site: Site
    brand: Brand
    emergency: Emergency
    social: Social = Social()
    facts: Facts = Facts()
    watch: Watch = Watch()
    posting: Posting = Posting()
    deploy: Deploy | None = None
    admin: Admin | None = None
    languages: Languages = Languages()


def parse_config(data: dict[str, Any], source: str = CONFIG_NAME) -> Config:
    """Validate a parsed TOML document; raise ConfigError naming every bad key."""
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        found = [_key_problem(p) for p in field_problems(exc, Config)]
        if len(found) == 1:
            raise ConfigError(f"{source}: {found[0]} Rett filen og prøv igjen.") from None
        listed = "".join(f"\n  • {text}" for text in found)
        raise ConfigError(
            f"{source}: {len(found)} feil:{listed}\nRett filen og prøv igjen."
        ) from None


def _key_problem(problem: Problem) -> str:
    """«nøkkelen «watch.sources[0].kind» må være …» — TOML calls fields keys."""
    key = field_name(problem.loc)
    if problem.unknown:
        return f"nøkkelen «{key}» er ukjent.{problem.text.partition('.')[2]}".rstrip()
    text = problem.text if problem.text.endswith((".", "?")) else problem.text + "."
    return f"nøkkelen «{key}» {text}"


# tomllib's words → (what is wrong, how to fix it), in Norwegian.
_TOML_WORDS = (
    ("Invalid value", "verdien har feil form", 'sett tekst i anførselstegn: navn = "Verdi".'),
    ("Illegal character '\\n'", "anførselstegnet blir aldri lukket", 'avslutt teksten med ".'),
    ("Unterminated string", "anførselstegnet blir aldri lukket", 'avslutt teksten med ".'),
    (
        "Expected '=' after a key",
        "linjen mangler = mellom nøkkelen og verdien",
        "skriv navn = verdi.",
    ),
    ("Cannot declare", "nøkkelen står to ganger", "slett den ene linjen."),
    ("Cannot overwrite a value", "nøkkelen står to ganger", "slett den ene linjen."),
    ("Unclosed array", "listen i [ ] er ikke avsluttet", 'skriv listen som ["a", "b"].'),
    ("Unclosed inline table", "tabellen i { } er ikke avsluttet", "avslutt med }."),
    ("Expected ']' at the end", "seksjonsnavnet mangler ] til slutt", "skriv f.eks. [site]."),
    ("Invalid date or datetime", "datoen finnes ikke", "skriv en dato som finnes, ÅÅÅÅ-MM-DD."),
    (
        "Unescaped '\\'",
        'en \\ inne i "…" har en betydning TOML ikke kjenner',
        "skriv \\\\ for én \\, eller bruk enkle anførselstegn ('…').",
    ),
    ("Illegal character", "teksten har et tegn som ikke er tillatt", "fjern tegnet (f.eks. Tab)."),
)


def toml_problem(exc: Exception) -> str:
    """«, linje 3, kolonne 9: kan ikke leses: … Slik retter du det: …» for a tomllib error."""
    text = str(exc)
    where = re.search(r"\(at line (\d+), column (\d+)\)", text)
    place = f", linje {where.group(1)}, kolonne {where.group(2)}" if where else ""
    what, fix = next(
        ((what, fix) for start, what, fix in _TOML_WORDS if text.startswith(start)),
        ("formen stemmer ikke", "sjekk anførselstegn, klammer og = på linjen."),
    )
    return f"{place}: kan ikke leses: {what}. Slik retter du det: {fix}"


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
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: filen er ikke UTF-8. Lagre den som UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}{toml_problem(exc)}") from None
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
    def preview(self) -> Path:
        """What ``stemme serve`` and ``stemme build`` show, drafts included (never public)."""
        return self.build / "preview"

    @property
    def cache(self) -> Path:
        """Everything made that can be made again: the folders below (and nothing else)."""
        return self.root / ".cache" / "stemme"

    @property
    def cards(self) -> Path:
        """Rendered fact cards and their manifest (copied into output/ by the build)."""
        return self.cache / "kort"

    @property
    def converted_texts(self) -> Path:
        """Markdown converted to HTML (generator.site.markdown_cache)."""
        return self.cache / "html"

    @property
    def letters_cache(self) -> Path:
        """Letters as PDF, and which sources made them (generator.pdf.cache)."""
        return self.cache / "letters"

    @property
    def photo_variants(self) -> Path:
        """The sizes and formats of content/bilder/ photos (generator.images.photos)."""
        return self.cache / "bilder"

    @property
    def web_fonts(self) -> Path:
        """Lato as WOFF2 for the site's theme (generator.site.fonts)."""
        return self.cache / "fonts"

    @property
    def handbook_fonts(self) -> Path:
        """The handbook's web fonts (generator.handbook.fonts)."""
        return self.cache / "handbok-skrift"

    @property
    def campaign_kits(self) -> Path:
        """Each campaign's kit as a zip (generator.campaigns.kit)."""
        return self.cache / "kampanjepakker"

    @property
    def compiled_templates(self) -> Path:
        """Jinja's compiled site templates (bytecode cache)."""
        return self.cache / "maler"

    @property
    def check_results(self) -> Path:
        """What slow checks found for files unchanged since (core.results.KeptResults)."""
        return self.cache / "sjekk"

    @property
    def build_records(self) -> Path:
        """What the last build of each output folder was made from (the no-change shortcut)."""
        return self.cache / "bygg"

    @property
    def deploy_repositories(self) -> Path:
        """Bare git repositories a git deploy fetches into and pushes from."""
        return self.cache / "deploy"

    @property
    def deploy_record(self) -> Path:
        """When the last real deploy ran, on this machine."""
        return self.cache / "publisert.json"

    @property
    def state_db(self) -> Path:
        if env := os.environ.get("STEMME_DB"):
            return Path(env)
        return self.root / "state" / "stemme.sqlite3"

    @classmethod
    def discover(cls, start: Path | None = None) -> Paths:
        return cls(find_root(start))
