"""A campaign in more languages: the texts a campaign and its days may give per language.

``translations`` in campaign.yaml is keyed by language code (``en``, ``nn``, ``ar`` …;
bokmål is the fields themselves). What a translation leaves out stays bokmål. See
:meth:`generator.campaigns.model.Campaign.in_language`.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import Field

from generator.core import StrictModel

Text = Annotated[str, Field(min_length=1)]

LANGUAGE_CODE = re.compile(r"[a-z]{2,3}")
DEFAULT_LANGUAGE = "nb"


def language_keys(value: Any) -> Any:
    """A ``translations`` table is keyed by language codes other than bokmål."""
    if not isinstance(value, dict):
        return value
    for code in value:
        if not isinstance(code, str):
            raise ValueError(
                f"språkkoden {code!r} ble lest som noe annet enn tekst; skriv den i "
                'anførselstegn, f.eks. "no":'
            )
        if not LANGUAGE_CODE.fullmatch(code) or code == DEFAULT_LANGUAGE:
            raise ValueError(
                f"«{code}» er ikke en språkkode for en oversettelse; bruk en kode med små "
                "bokstaver fra ISO 639-1, f.eks. en, nn eller ar (bokmål er feltene selv)"
            )
    return value


class SectionText(StrictModel):
    """A section in another language: its title and Markdown (inline or in a file)."""

    title: Text
    body: str = ""
    file: str | None = None


class CampaignText(StrictModel):
    """The campaign's own words in another language; what is left out stays bokmål."""

    name: Text | None = None
    slogan: str | None = None
    summary: str | None = None
    focus: str | None = None
    sections: dict[str, SectionText] = {}  # by the section's id
    reviewed: bool = False  # read by a native speaker


class DayText(StrictModel):
    """A day in another language; what is left out stays bokmål."""

    theme: Text | None = None
    message: Text | None = None
    post: Text | None = None
    reviewed: bool = False
