"""Campaign fixtures: the project's fact book and a writer for campaign files in tmp."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.core.config import Paths
from generator.facts import FactBook, load_facts

FACT_IDS = ["partnerdrap-andel", "krisesenter-barn", "voldskostnader", "barn-fysisk-vold"]


@pytest.fixture
def facts(project: Paths) -> FactBook:
    return load_facts(project.facts)


def campaign_data(year: int = 2030, **changes: Any) -> dict[str, Any]:
    """A valid 16-day campaign as parsed YAML; ``changes`` replace top-level keys."""
    start = date(year, 11, 25)
    days = [
        {
            "date": start + timedelta(n),
            "theme": f"Tema {n + 1}",
            "fact": FACT_IDS[n % len(FACT_IDS)],
            "message": f"Budskap for dag {n + 1}.",
            "post": f"Dag {n + 1}: vi bryter tausheten. {{lenke}} #Prøvekampanje",
        }
        for n in range(16)
    ]
    data: dict[str, Any] = {
        "name": f"Prøvekampanje {year}",
        "year": year,
        "slogan": "Sammen bryter vi tausheten",
        "lead_fact": "partnerdrap-andel",
        "hashtags": ["Prøvekampanje"],
        "colours": {"primary": "#7A1F3D", "on_primary": "#FFFFFF", "accent": "#F2C14E"},
        "focus": "Årets fokus.",
        "days": days,
    }
    data.update(changes)
    return data


@pytest.fixture
def write_campaign(project: Paths) -> Callable[..., Path]:
    """Write ``data`` (or raw YAML text) to campaigns/<slug>/campaign.yaml in the project."""

    def write(data: dict[str, Any] | str, slug: str = "provekampanje") -> Path:
        folder = project.campaigns / slug
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "campaign.yaml"
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write
