"""A campaign in more languages: the texts a campaign and its days may give per language.

``translations`` in campaign.yaml is keyed by language code (``en``, ``nn``, ``ar`` …;
bokmål is the fields themselves). What a translation leaves out stays bokmål. See
:meth:`generator.campaigns.model.Campaign.in_language`.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from generator.core import BASE_LANGUAGE, StrictModel

Text = Annotated[str, Field(min_length=1)]

DEFAULT_LANGUAGE = BASE_LANGUAGE


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
