"""Manual export for Facebook and Instagram: one ready-to-paste folder per campaign day.

Their APIs need app review, so a person posts by hand. Each folder holds the card in the
formats each service shows best (Instagram: kvadrat and portrett; Facebook: bred, og and
kvadrat), ``text.txt`` (the post), ``alt.txt`` (the alt text) and ``info.txt`` (when to
post, the day page, and what to remember on each service).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.errors import ImageError, PostError
from generator.social.plan import PlanItem

FORMATS = {"instagram": ("kvadrat", "portrett"), "facebook": ("bred", "og", "kvadrat")}

CardFile = Callable[[str, str], Path | None]  # (fact id, format) → file


@dataclass(frozen=True)
class ExportedDay:
    folder: Path
    files: tuple[str, ...]


def manifest_files(manifest: Any) -> CardFile:
    def card_file(fact_id: str, card_format: str) -> Path | None:
        try:
            card = manifest.card(fact_id, card_format)
        except (KeyError, LookupError, ImageError):
            return None
        return Path(card.path) if card else None

    return card_file


def export_days(
    items: list[PlanItem],
    facts_by_date: dict[str, str],
    themes_by_date: dict[str, str],
    card_file: CardFile,
    out_dir: Path,
) -> list[ExportedDay]:
    """Write one folder per ``manuell`` plan item; raise PostError if a card is missing."""
    exported = []
    for item in (i for i in items if i.channel == "manuell"):
        day = item.date.isoformat()
        folder = out_dir / day
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
        files = _copy_cards(facts_by_date[day], card_file, folder)
        (folder / "text.txt").write_text(item.text + "\n", encoding="utf-8")
        (folder / "alt.txt").write_text(item.alt_text + "\n", encoding="utf-8")
        (folder / "info.txt").write_text(_info(item, themes_by_date.get(day, "")), encoding="utf-8")
        exported.append(ExportedDay(folder, (*files, "text.txt", "alt.txt", "info.txt")))
    return exported


def _copy_cards(fact_id: str, card_file: CardFile, folder: Path) -> list[str]:
    names = []
    for service, formats in FORMATS.items():
        for card_format in formats:
            source = card_file(fact_id, card_format)
            if source is None or not source.is_file():
                raise PostError(
                    f"Mangler kortet «{fact_id}» i formatet {card_format} for {service}. "
                    "Kjør «stemme images» og prøv igjen."
                )
            name = f"{service}-{card_format}{source.suffix}"
            shutil.copyfile(source, folder / name)
            names.append(name)
    return names


def _info(item: PlanItem, theme: str) -> str:
    problems = "".join(f"  - {p}\n" for p in item.problems) or "  ingen\n"
    return (
        f"Dag: {item.date:%d.%m.%Y}, publiser kl. {item.time}\n"
        f"Tema: {theme}\n\n"
        "Instagram: bruk instagram-kvadrat eller instagram-portrett. Lenker i teksten kan\n"
        "ikke klikkes der — skriv «lenke i profilen» og legg dagens side i profilen.\n"
        "Lim inn alt.txt under Avanserte innstillinger → Skriv alternativ tekst.\n\n"
        "Facebook: bruk facebook-bred (eller facebook-kvadrat). Lim inn text.txt;\n"
        "lenken viser forhåndsvisning. Legg inn alt.txt under Rediger → Alternativ tekst.\n\n"
        f"Problemer funnet ved kontroll:\n{problems}"
    )
