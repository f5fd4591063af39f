"""Fixtures for the card tests: the seeded facts and the site style."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.facts import FactBook, load_facts
from generator.images import CardStyle

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def book() -> FactBook:
    return load_facts(ROOT / "content" / "fakta.yaml")


@pytest.fixture(scope="session")
def style() -> CardStyle:
    return CardStyle("#5B2A86", "#FFFFFF", "#F2C14E", "#TaushetTarLiv")
