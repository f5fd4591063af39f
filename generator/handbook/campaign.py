"""The campaign page: the posting plan of the current (or next) campaign and the ledger."""

from __future__ import annotations

from datetime import date

from generator.config import Config, Paths


def campaign_page(paths: Paths, config: Config, today: date) -> str:
    return "# Kampanjeplan\n\nIngen kampanje funnet ennå.\n"
