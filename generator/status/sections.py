"""The sections of ``stemme status``, in screen order (see the package docstring)."""

from __future__ import annotations

from collections.abc import Callable

from generator.status.model import Section, StatusContext
from generator.status.posting import posting_section
from generator.status.scheduled import scheduled_section
from generator.status.site import site_section
from generator.status.translations import translations_section
from generator.status.watching import watch_section

SectionFunction = Callable[[StatusContext], Section]

# Append a new section function here.
SECTIONS: list[SectionFunction] = [
    posting_section,
    site_section,
    translations_section,
    watch_section,
    scheduled_section,
]
