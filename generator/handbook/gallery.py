"""The gallery of fact cards: every card in the cards cache with its alt text and source."""

from __future__ import annotations

from pathlib import Path

from generator.config import Paths


def load_cards(paths: Paths) -> list:
    return []


def card_assets(cards: list) -> dict[str, Path]:
    return {}


def gallery_page(cards: list, paths: Paths) -> str:
    return "# Faktakort\n\nIngen kort laget ennå. Kjør `stemme images`.\n"
