"""Campaigns: models and the loader/validator for ``campaigns/<slug>/campaign.yaml``.

A campaign runs for a period (default the 16 days of activism, 25 November – 10 December
of its ``year``) and has exactly one :class:`Day` per date: a theme, a fact id, a short
message and the post text for social media. Long sections may live in Markdown files
beside the YAML (``file: hvorfor.md``). A campaign without ``days`` is an archive entry
(year, name, summary), shown under «Tidligere kampanjer».

A campaign may give its texts in more languages: ``translations`` on the campaign (name,
slogan, summary, focus, sections by id) and on each day (theme, message, post), keyed by
language code. ``campaign.in_language("en")`` is the campaign as an English reader sees
it: translated where given, bokmål otherwise (a day without an English text stays in
bokmål). Cards follow the facts: a day's card in English is the fact's English card when
the fact has English text.

Post texts may contain ``{lenke}``: the loader replaces it with the day page's full
address (``[site].url`` in stemme.toml + ``Day.url_path``), so the address is never
written twice. Every problem becomes a :class:`~generator.core.errors.CampaignError` that names
the file, the day and the field; :func:`load_campaign` raises them together as
:class:`~generator.core.errors.ContentErrors`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Annotated, Any, Protocol

import yaml
from pydantic import AfterValidator, Field, ValidationInfo, field_validator

from generator.campaigns.languages import DEFAULT_LANGUAGE, CampaignText, DayText
from generator.campaigns.rules import (
    check_campaign,
    describe_model_errors,
    raw_fact_errors,
    validate_days,
)
from generator.core import (
    SLUG_RULE,
    CampaignError,
    Clock,
    Config,
    ContentError,
    ContentErrors,
    HexColour,
    Paths,
    StemmeError,
    StrictModel,
    is_slug,
    load_config,
    load_yaml,
    suggest_slug,
    translation_keys,
    yaml_problem,
)
from generator.facts import load_facts

CAMPAIGN_FILE = "campaign.yaml"
LINK_PLACEHOLDER = "{lenke}"
INTERNATIONAL_URL = "https://16dayscampaign.org/"


class FactLookup(Protocol):
    """What campaigns need from a FactBook: ``get(id)`` returns the fact or None,
    ``ids()`` every id (for «Mente du …?»)."""

    def get(self, fact_id: str) -> Any: ...

    def ids(self) -> list[str]: ...


def _hashtag(value: str) -> str:
    tag = "#" + value.strip().lstrip("#")
    if not re.fullmatch(r"#\w+", tag):
        raise ValueError("må være én emneknagg uten mellomrom, f.eks. «#TaushetTarLiv»")
    return tag


Hashtag = Annotated[str, AfterValidator(_hashtag)]
Text = Annotated[str, Field(min_length=1)]


class Colours(StrictModel):
    """Brand colours of a campaign: text ``on_primary`` sits on ``primary``."""

    primary: HexColour
    on_primary: HexColour
    accent: HexColour


class Organisation(StrictModel):
    name: Text
    url: str | None = None


class LegalBasis(StrictModel):
    """A law or convention and what it obliges the municipalities (or the state) to do."""

    name: Text
    obliges: Text
    duties: list[str] = []


class Section(StrictModel):
    """A titled block of Markdown, written inline (``body``) or in a file (``file``)."""

    id: str = ""
    title: Text
    body: str = ""
    file: str | None = None


class ArchiveNote(StrictModel):
    year: int
    name: Text
    summary: Text


class Day(StrictModel):
    """One day of a campaign: its own page, card and post."""

    date: date
    theme: Text
    fact: Text
    message: Text
    post: Text
    time: Clock | None = None
    campaign_slug: str = ""
    translations: dict[str, DayText] = {}
    path_prefix: str = ""  # "en/" for the day as in_language("en") gives it

    @field_validator("translations", mode="before")
    @classmethod
    def _translation_codes(cls, value: Any) -> Any:
        return translation_keys(value)

    def in_language(self, lang: str) -> Day:
        """The day in ``lang``: its translated theme, message and post where given."""
        given = self.translations.get(lang)
        if given is None:
            return self
        update = {k: v for k in ("theme", "message", "post") if (v := getattr(given, k))}
        return self.model_copy(update=update)

    def with_prefix(self, prefix: str) -> Day:
        return self.model_copy(update={"path_prefix": prefix})

    @property
    def url_path(self) -> str:
        return f"{self.path_prefix}kampanjer/{self.campaign_slug}/{self.date.isoformat()}/"

    @property
    def iso(self) -> str:
        return self.date.isoformat()


class Campaign(StrictModel):
    """A campaign; without ``days`` it is an archive entry only."""

    slug: str
    name: Text
    year: int = Field(ge=1990, le=2100)
    summary: str = ""
    slogan: str = ""
    start: date
    end: date
    focus: str = ""
    lead_fact: str | None = None
    sections: list[Section] = []
    legal_basis: list[LegalBasis] = []
    partners: list[Organisation] = []
    funder: Organisation | None = None
    hashtags: list[Hashtag] = []
    colours: Colours | None = None
    international_url: str = INTERNATIONAL_URL
    days: list[Day] = []
    translations: dict[str, CampaignText] = {}
    path_prefix: str = ""  # "en/" for the campaign as in_language("en") gives it

    @field_validator("translations", mode="before")
    @classmethod
    def _translation_codes(cls, value: Any) -> Any:
        return translation_keys(value)

    @field_validator("translations", mode="after")
    @classmethod
    def _known_sections(cls, value: dict[str, CampaignText], info: ValidationInfo) -> Any:
        ids = [section.id for section in info.data.get("sections") or [] if section.id]
        for lang, text in value.items():
            for section_id in text.sections:
                if section_id not in ids:
                    known = ", ".join(ids) or "ingen"
                    raise ValueError(
                        f"translations.{lang}.sections: «{section_id}» er ikke id-en til "
                        f"en seksjon i kampanjen (finnes: {known})"
                    )
        return value

    @property
    def languages(self) -> list[str]:
        """Every language the campaign or one of its days has text in (bokmål aside)."""
        found = list(self.translations)
        found += [lang for day in self.days for lang in day.translations]
        return list(dict.fromkeys(found))

    def in_language(self, lang: str) -> Campaign:
        """The campaign as a reader of ``lang`` sees it: translated where given, bokmål
        otherwise (days included)."""
        if lang == DEFAULT_LANGUAGE or lang not in self.languages:
            return self
        given = self.translations.get(lang) or CampaignText()
        update: dict[str, Any] = {
            k: v for k in ("name", "slogan", "summary", "focus") if (v := getattr(given, k))
        }
        sections = []
        for section in self.sections:
            text = given.sections.get(section.id)
            sections.append(
                section.model_copy(update={"title": text.title, "body": text.body})
                if text
                else section
            )
        update["sections"] = sections
        update["days"] = [day.in_language(lang).with_prefix(f"{lang}/") for day in self.days]
        update["path_prefix"] = f"{lang}/"
        return self.model_copy(update=update)

    @property
    def url_path(self) -> str:
        return f"{self.path_prefix}kampanjer/{self.slug}/"

    @property
    def archive_only(self) -> bool:
        return not self.days

    @property
    def hashtag(self) -> str:
        """The campaign's main hashtag (first in the list), or ""."""
        return self.hashtags[0] if self.hashtags else ""

    def day(self, when: date) -> Day | None:
        return next((d for d in self.days if d.date == when), None)

    def is_running(self, today: date) -> bool:
        return bool(self.days) and self.start <= today <= self.end

    def dates(self) -> list[date]:
        """Every date of the period, start to end."""
        return [self.start + timedelta(n) for n in range((self.end - self.start).days + 1)]


# ---------------------------------------------------------------------------- loading


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse a campaign file; mappings carry their line (``.line``, ``.key_lines``)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CampaignError(f"kan ikke leses ({exc.strerror}).", file=path) from None
    except yaml.YAMLError as exc:
        raise yaml_problem(exc, path, error=CampaignError) from None
    if not isinstance(data, dict):
        raise CampaignError(
            "må inneholde nøkler som name, year og days.",
            file=path,
            fix="se campaigns/taushet-tar-liv-2026/campaign.yaml for et eksempel.",
        )
    return data


def folder_problem(folder: Path) -> CampaignError | None:
    """The folder name is the campaign's address: a slug of at most SLUG_MAX characters."""
    if is_slug(folder.name):
        return None
    return CampaignError(
        f"mappenavnet «{folder.name}» blir en del av adressen til kampanjesidene og "
        f"lenkene i innleggene, og {SLUG_RULE}.",
        file=folder / CAMPAIGN_FILE,
        fix=f"gi mappen navnet «{suggest_slug(folder.name)}».",
    )


def _prepare(data: dict[str, Any], slug: str, folder: Path, site_url: str) -> dict[str, Any]:
    """Fill defaults (period, slug, section files, links) before validation."""
    data = dict(data)
    data["slug"] = slug
    year = data.get("year")
    if isinstance(year, int):
        data.setdefault("start", date(year, 11, 25))
        data.setdefault("end", date(year, 12, 10))
    sections = []
    for raw in data.get("sections") or []:
        if isinstance(raw, dict) and raw.get("file") and not raw.get("body"):
            raw = {**raw, "body": _read_section(str(raw["file"]), folder)}
        sections.append(raw)
    if sections:
        data["sections"] = sections
    if isinstance(data.get("translations"), dict):
        data["translations"] = {
            lang: _prepare_text(text, folder) for lang, text in data["translations"].items()
        }
    if isinstance(data.get("days"), list):
        data["days"] = [_prepare_day(d, slug, site_url) for d in data["days"]]
    return data


def _prepare_text(text: Any, folder: Path) -> Any:
    """A campaign translation: its sections' Markdown files read, like the original's."""
    if not isinstance(text, dict) or not isinstance(text.get("sections"), dict):
        return text
    sections = {}
    for section_id, raw in text["sections"].items():
        if isinstance(raw, dict) and raw.get("file") and not raw.get("body"):
            raw = {**raw, "body": _read_section(str(raw["file"]), folder)}
        sections[section_id] = raw
    return {**text, "sections": sections}


def _read_section(name: str, folder: Path) -> str:
    """A section's Markdown file: a plain file name inside the campaign's own folder."""
    path = (folder / name).resolve()
    where = f"campaigns/{folder.name}/"
    if Path(name).name != name or name.startswith(".") or path.parent != folder.resolve():
        raise CampaignError(
            f"«{name}» er ikke en fil i kampanjemappen.",
            file=folder / CAMPAIGN_FILE,
            field="sections.file",
            fix=f"legg filen i {where} og skriv bare filnavnet, f.eks. «file: hvorfor.md».",
        )
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise CampaignError(
            f"fant ikke filen {name}.",
            file=folder / CAMPAIGN_FILE,
            field="sections.file",
            fix=f"legg filen i {where}, eller rett navnet.",
        ) from None


def _prepare_day(raw: Any, slug: str, site_url: str) -> Any:
    if not isinstance(raw, dict):
        return raw
    day = {**raw, "campaign_slug": slug}
    when = day.get("date")
    if not isinstance(when, date):
        return day
    link = f"{site_url.rstrip('/')}/kampanjer/{slug}/{when.isoformat()}/"
    if isinstance(day.get("post"), str):
        day["post"] = day["post"].replace(LINK_PLACEHOLDER, link).strip()
    if isinstance(day.get("translations"), dict):
        day["translations"] = {
            lang: {**text, "post": text["post"].replace(LINK_PLACEHOLDER, link).strip()}
            if isinstance(text, dict) and isinstance(text.get("post"), str)
            else text
            for lang, text in day["translations"].items()
        }
    return day


def site_url(paths: Paths) -> str:
    try:
        return load_config(paths.config).site.url
    except StemmeError:
        return ""


@dataclass(frozen=True)
class ParsedCampaign:
    """One campaign file after validation. ``campaign`` is None only when its fields could
    not be read at all; rule errors (dates, facts, contrast) leave it set, so other checks
    (post lengths) still see every day."""

    path: Path
    campaign: Campaign | None
    errors: list[ContentError]
    warnings: list[str]
    day_lines: dict[date, int]

    @property
    def ok(self) -> bool:
        return self.campaign is not None and not self.errors


def parse_campaign(
    path: Path, facts: FactLookup | None, site_url: str = "", root: Path | None = None
) -> ParsedCampaign:
    """Validate one campaign file: the campaign, every problem and every warning.

    Messages name the file relative to ``root`` when it is given."""
    folder = path.parent
    shown = path.relative_to(root) if root else path
    named = [e for e in [folder_problem(folder)] if e]
    try:
        raw = read_yaml(path)
        data = _prepare(raw, folder.name, folder, site_url)
    except CampaignError as err:
        return ParsedCampaign(path, None, [*named, err.relocated(shown)], [], {})
    errors = describe_model_errors(Campaign, data, shown, raw)
    if errors:
        errors += raw_fact_errors(raw, shown, facts)
        return ParsedCampaign(path, None, named + errors, [], {})
    campaign = Campaign.model_validate(data)
    errors, warnings = validate_days(campaign, raw, shown, facts)
    errors += check_campaign(campaign, raw, shown, facts, site_url)
    lines = {
        day.date: line
        for day, raw_day in zip(campaign.days, raw.get("days") or [], strict=False)
        if (line := getattr(raw_day, "line", None))
    }
    return ParsedCampaign(path, campaign, named + errors, warnings, lines)


def parse_all(paths: Paths, facts: FactLookup | None, site_url: str) -> list[ParsedCampaign]:
    """Every campaign file in campaigns/, parsed (in folder order)."""
    return [parse_campaign(path, facts, site_url, paths.root) for path in _campaign_files(paths)]


def _campaign_files(paths: Paths) -> list[Path]:
    if not paths.campaigns.is_dir():
        return []
    return sorted(
        p / CAMPAIGN_FILE for p in paths.campaigns.iterdir() if (p / CAMPAIGN_FILE).is_file()
    )


def load_campaign(paths: Paths, slug: str, facts: FactLookup | None) -> Campaign:
    """Load and validate one campaign; raise ContentErrors listing every problem."""
    path = paths.campaigns / slug / CAMPAIGN_FILE
    if not is_slug(slug) or not path.is_file():
        known = ", ".join(p.parent.name for p in _campaign_files(paths)) or "ingen"
        raise CampaignError(
            f"fant ingen kampanje «{slug}».",
            file=path,
            fix=f"bruk navnet på en mappe i campaigns/ (finnes: {known}).",
        )
    parsed = parse_campaign(path, facts, site_url(paths))
    if not parsed.ok:
        raise ContentErrors(parsed.errors)
    assert parsed.campaign is not None
    return parsed.campaign


def load_campaigns(paths: Paths, facts: FactLookup | None) -> list[Campaign]:
    """Every campaign, newest year first; raise ContentErrors listing every problem."""
    parsed = parse_all(paths, facts, site_url(paths))
    errors = [error for p in parsed for error in p.errors]
    if errors:
        raise ContentErrors(errors)
    return sort_campaigns(p.campaign for p in parsed if p.campaign is not None)


def sort_campaigns(campaigns: Iterable[Campaign]) -> list[Campaign]:
    return sorted(campaigns, key=lambda c: (c.year, c.start, c.slug), reverse=True)


def running_campaign(campaigns: Iterable[Campaign], today: date) -> Campaign | None:
    """The campaign that runs on ``today`` (the latest-starting one if several do)."""
    running = [c for c in campaigns if c.is_running(today)]
    return max(running, key=lambda c: c.start) if running else None


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """Validate every campaign without building: (errors, warnings)."""
    parsed = parse_all(paths, try_load_facts(paths), config.site.url)
    return [e for p in parsed for e in p.errors], [w for p in parsed for w in p.warnings]


def try_load_facts(paths: Paths) -> FactLookup | None:
    """The fact book, or None when it is missing or invalid (facts.check reports that)."""
    try:
        return load_facts(paths.facts)
    except StemmeError:
        return None
