"""Manual export for Facebook and Instagram: the campaign kit, unpacked, one folder per day.

Their APIs need app review, so a person posts by hand. ``stemme post export`` writes the
same layout as the campaign kit on the site (:mod:`generator.campaigns.kit`: every card
format including the story, the post per channel, the alt text, the calendar and
LESMEG.txt) and adds ``info.txt`` to each day: when to post and what to remember on each
service.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from generator.campaigns import (
    ALT_FILE,
    Day,
    FactLookup,
    KitFile,
    card_name,
    day_url,
    kit_files,
    write_folder,
)
from generator.core import Config
from generator.social.channels import CHANNELS, MANUAL
from generator.social.plan import CampaignPlan, PlanItem

INFO = "info.txt"


@dataclass(frozen=True)
class ExportedDay:
    folder: Path
    files: tuple[str, ...]


def export_kit(
    plan: CampaignPlan, config: Config, facts: FactLookup, out_dir: Path
) -> list[ExportedDay]:
    """Write the kit's files and each day's info.txt into ``out_dir``; one entry per day."""
    days = {day.iso: day for day in plan.campaign.days}
    files = kit_files(plan.campaign, config, plan.manifest, facts)
    files += [
        KitFile(
            f"{item.date.isoformat()}/{INFO}",
            _info(
                item, days[item.date.isoformat()], day_url(config, days[item.date.isoformat()])
            ).encode(),
        )
        for item in plan.items
        if item.channel == MANUAL
    ]
    for iso in days:  # a day folder holds only this export's files
        shutil.rmtree(out_dir / iso, ignore_errors=True)
    write_folder(files, out_dir)
    return [
        ExportedDay(out_dir / iso, tuple(sorted(p.name for p in (out_dir / iso).iterdir())))
        for iso in days
    ]


def _info(item: PlanItem, day: Day, url: str) -> str:
    problems = "".join(f"  - {p}\n" for p in item.problems) or "  ingen\n"
    square, portrait, story = (card_name(day, f) for f in ("kvadrat", "portrett", "historie"))
    text = f"innlegg-{CHANNELS[MANUAL].kit_file}.txt"
    return (
        f"Dag: {item.date:%d.%m.%Y}, publiser kl. {item.time}\n"
        f"Tema: {day.theme}\n"
        f"Dagens side: {url}\n\n"
        f"Instagram: bruk {square} eller {portrait}, og {story} i historien.\n"
        f"Lenker i innlegg kan ikke klikkes der, så {text} ender med «Lenke i profilen.»:\n"
        "legg dagens side i profilen; i historien kan du legge til et lenkeklistremerke.\n"
        f"Lim inn {ALT_FILE} under Avanserte innstillinger → Skriv alternativ tekst.\n\n"
        f"Facebook: bruk {card_name(day, 'bred')} (eller {square}). Lim inn {text}, og bytt\n"
        "«Lenke i profilen.» med dagens side (lenken viser forhåndsvisning).\n"
        f"Legg inn {ALT_FILE} under Rediger → Alternativ tekst.\n\n"
        f"Problemer funnet ved kontroll:\n{problems}"
    )
