"""Status section «Oversettelser»: translations whose original has changed since they were
made, and how many are not yet reviewed by a native speaker."""

from __future__ import annotations

from generator.site import translation_status
from generator.status.model import Line, Section, StatusContext


def translations_section(ctx: StatusContext) -> Section:
    section = Section("translations", "Oversettelser")
    states = [s for s in translation_status(ctx.paths) if s.lang in ctx.config.languages.others]
    if not states:
        section.lines.append(Line("info", "Ingen oversettelser ennå."))
        return section

    def rel(state_path: object) -> str:
        return str(state_path).removeprefix(str(ctx.paths.root) + "/")

    stale = [s for s in states if s.stale]
    if stale:
        section.lines.append(
            Line(
                "warn",
                f"{len(stale)} av {len(states)} oversettelser er laget fra en eldre versjon "
                "av originalen.",
                (
                    "oppdater teksten, og skriv den nye versjonen i translation_of_version "
                    "(stemme check viser den)",
                ),
                tuple(f"{rel(s.path)} (original: {rel(s.original)})" for s in stale),
            )
        )
    else:
        section.lines.append(
            Line("ok", f"Alle {len(states)} oversettelser er laget fra originalen slik den er nå.")
        )
    unreviewed = [s for s in states if not s.reviewed]
    if unreviewed:
        section.lines.append(
            Line(
                "info",
                f"{len(unreviewed)} oversettelser er ikke lest av en som har språket som "
                "morsmål (reviewed: false).",
            )
        )
    return section
