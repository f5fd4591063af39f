"""Validation rules for campaign files, each problem as a CampaignError naming the
file, the day (its date) and the field.

Kept apart from :mod:`generator.campaigns.model` (models and loading) so both stay small.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ValidationError

from generator.core import CampaignError, ContentError, field_problems, line_of, risky_html
from generator.facts import broken_markers, fact_markers, unknown_fact

if TYPE_CHECKING:
    from generator.campaigns.model import Campaign, FactLookup


HIDDEN = {"slug", "campaign_slug", "path_prefix"}  # filled in by the loader, never written by staff
EXAMPLE_FIX = "se campaigns/taushet-tar-liv-2026/campaign.yaml for et eksempel."


def _line(node: Any) -> int | None:
    return getattr(node, "line", None) or None


def day_label(raw_day: Any, index: int) -> str:
    """How a day is named in messages: its date, or its number when the date is missing."""
    when = raw_day.get("date") if isinstance(raw_day, dict) else None
    if isinstance(when, date):
        return when.isoformat()
    return str(when) if isinstance(when, str) and when else f"nr. {index + 1}"


def _field_name(loc: tuple[Any, ...], data: dict[str, Any]) -> str:
    """Turn a pydantic location into «days[2026-11-27].fact»."""
    parts: list[str] = []
    node: Any = data
    for i, key in enumerate(loc):
        if isinstance(key, int):
            label = day_label(node[key], key) if loc[i - 1] == "days" else str(key + 1)
            parts[-1] += f"[{label}]"
        else:
            parts.append(str(key))
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            node = None
    return ".".join(parts)


def describe_model_errors(
    model: type[BaseModel], data: dict[str, Any], path: Path, raw: Any = None
) -> list[ContentError]:
    """Validate ``data`` against ``model``; every problem as a CampaignError. Lines come
    from ``raw``, the file as read (``data`` has the loader's defaults filled in)."""
    try:
        model.model_validate(data)
    except ValidationError as exc:
        errors: list[ContentError] = []
        for problem in field_problems(exc, model, HIDDEN):
            where = problem.loc[:-1] if problem.unknown else problem.loc
            text = problem.text if problem.text.endswith((".", "?")) else problem.text + "."
            errors.append(
                CampaignError(
                    text,
                    file=path,
                    field=_field_name(where, data) or None,
                    line=line_of(raw if raw is not None else data, problem.loc),
                    fix=problem.fix or EXAMPLE_FIX,
                )
            )
        return errors
    return []


def raw_fact_errors(
    raw: dict[str, Any], path: Path, facts: FactLookup | None
) -> list[ContentError]:
    """Unknown fact ids read straight from the file, for when the model itself failed (so
    a bad date does not hide a misspelt fact id in the same run)."""
    if facts is None:
        return []
    wanted = [("lead_fact", raw.get("lead_fact"), line_of(raw, ("lead_fact",)))]
    for index, day in enumerate(raw.get("days") or []):
        if isinstance(day, dict):
            field = f"days[{day_label(day, index)}].fact"
            wanted.append((field, day.get("fact"), line_of(day, ("fact",))))
    return [
        unknown_fact(fid, facts.ids(), file=path, line=line, field=field, error=CampaignError)
        for field, fid, line in wanted
        if isinstance(fid, str) and fid and facts.get(fid) is None
    ]


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
            line = line_of(raw_day, ("fact",)) or line
            errors.append(
                unknown_fact(
                    day.fact,
                    facts.ids(),
                    file=path,
                    line=line,
                    field=f"{field}.fact",
                    error=CampaignError,
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
    campaign: Campaign,
    raw: dict[str, Any],
    path: Path,
    facts: FactLookup | None,
    site_url: str = "",
) -> list[ContentError]:
    """Campaign-wide rules: period, required fields, colour contrast, lead fact, and the
    Markdown of the focus and the sections (fact boxes, risky HTML)."""
    errors: list[ContentError] = []
    if campaign.end < campaign.start:
        errors.append(
            CampaignError(
                f"sluttdatoen {campaign.end} kommer før startdatoen {campaign.start}.",
                file=path,
                field="end",
                line=line_of(raw, ("end",)),
                fix="rett start eller end.",
            )
        )
    if not campaign.archive_only:
        errors += _check_full(campaign, path)
    if facts is not None and campaign.lead_fact and facts.get(campaign.lead_fact) is None:
        line = line_of(raw, ("lead_fact",))
        errors.append(
            unknown_fact(
                campaign.lead_fact,
                facts.ids(),
                file=path,
                line=line,
                field="lead_fact",
                error=CampaignError,
            )
        )
    errors += _check_markdown(campaign, raw, path, facts, urlsplit(site_url).hostname)
    return errors + _check_archive(campaign, path)


def _check_archive(campaign: Campaign, path: Path) -> list[ContentError]:
    if not campaign.archive_only or campaign.summary:
        return []
    return [
        CampaignError(
            "en kampanje uten dager er en arkivoppføring og trenger et kort sammendrag.",
            file=path,
            field="summary",
            fix="skriv to–tre setninger om kampanjen, eller legg til «days».",
        )
    ]


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


def _markdown_texts(
    campaign: Campaign, raw: dict[str, Any], path: Path
) -> list[tuple[str, str, Path, int]]:
    """(field, Markdown, file, line of the text's first line) for the focus and each
    section — a section from its own file is checked in that file."""

    def start(node: Any, key: str) -> int:
        line = line_of(node, (key,)) or 1
        return (
            line + 1 if "\n" in str(node.get(key, "") if isinstance(node, dict) else "") else line
        )

    texts = [("focus", campaign.focus, path, start(raw, "focus"))]
    raw_sections = raw.get("sections") or []
    for index, section in enumerate(campaign.sections):
        raw_section = raw_sections[index] if index < len(raw_sections) else {}
        if section.file and not (isinstance(raw_section, dict) and raw_section.get("body")):
            texts.append(
                (f"sections[{section.title}]", section.body, path.parent / section.file, 1)
            )
        else:
            texts.append(
                (f"sections[{section.title}]", section.body, path, start(raw_section, "body"))
            )
    return texts


def _check_markdown(
    campaign: Campaign,
    raw: dict[str, Any],
    path: Path,
    facts: FactLookup | None,
    own_host: str | None,
) -> list[ContentError]:
    """Every ``[[fakta:ID]]`` must name a known fact; no risky HTML (as in content)."""
    errors: list[ContentError] = []
    for field, text, file, first in _markdown_texts(campaign, raw, path):
        where = {"file": file, "field": None if file != path else field}
        if facts is not None:
            errors += [
                unknown_fact(
                    fact_id, facts.ids(), line=first + number - 1, error=CampaignError, **where
                )
                for number, fact_id in fact_markers(text)
                if facts.get(fact_id) is None
            ]
        errors += [
            CampaignError(risk.text + ".", line=first + risk.line - 1, fix=risk.fix, **where)
            for risk in risky_html(text, own_host)
        ]
        errors += [
            CampaignError(m.text, line=first + m.line - 1, fix=m.fix, **where)
            for m in broken_markers(text)
        ]
    return errors


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two "#RRGGBB" colours (1.0 … 21.0)."""
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
