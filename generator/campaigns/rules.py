"""Validation rules for campaign files, each problem as a CampaignError naming the
file, the day (its date) and the field.

Kept apart from :mod:`generator.campaigns.model` (models and loading) so both stay small.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from generator.core.errors import CampaignError, ContentError
from generator.core.validation import explain
from generator.facts import fact_markers

if TYPE_CHECKING:
    from generator.campaigns.model import Campaign, FactLookup


def _line(node: Any) -> int | None:
    return getattr(node, "line", None) or None


def day_label(raw_day: Any, index: int) -> str:
    """How a day is named in messages: its date, or its number when the date is missing."""
    when = raw_day.get("date") if isinstance(raw_day, dict) else None
    return when.isoformat() if isinstance(when, date) else f"nr. {index + 1}"


def _field_name(loc: tuple[Any, ...], data: dict[str, Any]) -> tuple[str, int | None]:
    """Turn a pydantic location into «days[2026-11-27].fact» and the YAML line."""
    parts: list[str] = []
    node: Any = data
    line = _line(data)
    for i, key in enumerate(loc):
        if isinstance(key, int):
            label = day_label(node[key], key) if loc[i - 1] == "days" else str(key + 1)
            parts[-1] += f"[{label}]"
        else:
            parts.append(str(key))
        try:
            node = node[key]
            line = _line(node) or line
        except (KeyError, IndexError, TypeError):
            pass
    return ".".join(parts), line


def describe_model_errors(
    model: type[BaseModel], data: dict[str, Any], path: Path
) -> list[ContentError]:
    """Validate ``data`` against ``model``; every problem as a CampaignError."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors: list[ContentError] = []
        for err in exc.errors():
            field, line = _field_name(tuple(err["loc"]), data)
            errors.append(
                CampaignError(
                    f"{explain(err)}.",
                    file=path,
                    field=field,
                    line=line,
                    fix="se campaigns/taushet-tar-liv-2026/campaign.yaml for et eksempel.",
                )
            )
        return errors
    return []


def validate_days(
    campaign: Campaign, raw: dict[str, Any], path: Path, facts: FactLookup | None
) -> tuple[list[ContentError], list[str]]:
    """Dates (one per day of the period), fact ids, hashtag and link: (errors, warnings).

    Post lengths per channel are the poster's rule (:mod:`generator.social.checks`)."""
    if campaign.archive_only:
        return [], []
    raw_days = raw.get("days") or []
    errors = _check_dates(campaign, raw_days, path)
    warnings: list[str] = []
    for day, raw_day in zip(campaign.days, raw_days, strict=True):
        line = _line(raw_day)
        field = f"days[{day.iso}]"
        if facts is not None and facts.get(day.fact) is None:
            errors.append(
                CampaignError(
                    f"dag {day.iso}: ukjent fakta-id «{day.fact}».",
                    file=path,
                    field=f"{field}.fact",
                    line=line,
                    fix="bruk en id fra content/fakta.yaml (se «stemme facts» eller /fakta/).",
                )
            )
        if campaign.hashtag and campaign.hashtag.lower() not in day.post.lower():
            warnings.append(
                f"{path}: dag {day.iso}: innlegget mangler emneknaggen {campaign.hashtag}"
            )
        if "/kampanjer/" not in day.post:
            warnings.append(
                f"{path}: dag {day.iso}: innlegget lenker ikke til dagens side — skriv {{lenke}}"
            )
    return errors, warnings


def _check_dates(campaign: Campaign, raw_days: list[Any], path: Path) -> list[ContentError]:
    errors: list[ContentError] = []
    period = set(campaign.dates())
    counts = Counter(d.date for d in campaign.days)
    reported: set[date] = set()
    for day, raw_day in zip(campaign.days, raw_days, strict=True):
        line, field = _line(raw_day), f"days[{day.iso}].date"
        if day.date not in period:
            errors.append(
                CampaignError(
                    f"dag {day.iso}: datoen er utenfor kampanjeperioden "
                    f"{campaign.start.isoformat()}–{campaign.end.isoformat()}.",
                    file=path,
                    field=field,
                    line=line,
                    fix="rett datoen, eller endre start/end for kampanjen.",
                )
            )
        elif counts[day.date] > 1 and day.date not in reported:
            reported.add(day.date)
            errors.append(
                CampaignError(
                    f"dag {day.iso}: datoen står {counts[day.date]} ganger.",
                    file=path,
                    field=field,
                    line=line,
                    fix="hver dato skal ha nøyaktig én dag — slå sammen eller flytt en av dem.",
                )
            )
    for missing in sorted(period - set(counts)):
        errors.append(
            CampaignError(
                f"dag {missing.isoformat()} mangler — hver dato i perioden skal ha én dag.",
                file=path,
                field=f"days[{missing.isoformat()}]",
                line=_line(raw_days) or None,
                fix=f"legg til en dag med «date: {missing.isoformat()}».",
            )
        )
    return errors


def check_campaign(
    campaign: Campaign, line: int | None, path: Path, facts: FactLookup | None
) -> list[ContentError]:
    """Campaign-wide rules: period, required fields, colour contrast, lead fact."""
    errors: list[ContentError] = []
    if campaign.end < campaign.start:
        errors.append(
            CampaignError(
                f"sluttdatoen {campaign.end} kommer før startdatoen {campaign.start}.",
                file=path,
                field="end",
                line=line,
                fix="rett start eller end.",
            )
        )
    if not campaign.archive_only:
        errors += _check_full(campaign, path)
    if facts is not None and campaign.lead_fact and facts.get(campaign.lead_fact) is None:
        errors.append(
            CampaignError(
                f"ukjent fakta-id «{campaign.lead_fact}».",
                file=path,
                field="lead_fact",
                fix="bruk en id fra content/fakta.yaml.",
            )
        )
    errors += _check_fact_markers(campaign, path, facts)
    if campaign.archive_only and not campaign.summary:
        errors.append(
            CampaignError(
                "en kampanje uten dager er en arkivoppføring og trenger et kort sammendrag.",
                file=path,
                field="summary",
                fix="skriv to–tre setninger om kampanjen, eller legg til «days».",
            )
        )
    return errors


def _check_full(campaign: Campaign, path: Path) -> list[ContentError]:
    errors: list[ContentError] = []
    for name in ("slogan", "lead_fact", "colours"):
        if not getattr(campaign, name):
            errors.append(
                CampaignError(
                    "mangler — en kampanje med dager må ha det.",
                    file=path,
                    field=name,
                    fix=f"legg til «{name}:» i filen.",
                )
            )
    if campaign.colours:
        ratio = contrast_ratio(campaign.colours.on_primary, campaign.colours.primary)
        if ratio < 4.5:
            errors.append(
                CampaignError(
                    f"kontrasten mellom on_primary {campaign.colours.on_primary} og primary "
                    f"{campaign.colours.primary} er {ratio:.2f}:1, men må være minst 4.5:1.",
                    file=path,
                    field="colours.on_primary",
                    fix="velg en mørkere primary eller en lysere on_primary (eller omvendt).",
                )
            )
    return errors


def _check_fact_markers(
    campaign: Campaign, path: Path, facts: FactLookup | None
) -> list[ContentError]:
    """Every ``[[fakta:ID]]`` in the focus and the sections must name a known fact."""
    if facts is None:
        return []
    texts = [("focus", campaign.focus)]
    texts += [(f"sections[{s.title}]", s.body) for s in campaign.sections]
    return [
        CampaignError(
            f"ukjent fakta-id «{fact_id}» i [[fakta:{fact_id}]].",
            file=path,
            field=field,
            fix="bruk en id fra content/fakta.yaml.",
        )
        for field, text in texts
        for _, fact_id in fact_markers(text)
        if facts.get(fact_id) is None
    ]


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours (1.0 … 21.0)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
