"""Status section «Høringsvarsling»: the last ``stemme watch`` run and every source that
failed in it (from ``watch_sources`` in the state DB)."""

from __future__ import annotations

from datetime import timedelta

from generator.core import OSLO, norwegian_weekday_date
from generator.status.model import Line, Section, StatusContext
from generator.watch import list_sources

STALE = timedelta(days=2)  # the watcher runs at least daily from cron


def watch_section(ctx: StatusContext) -> Section:
    section = Section("watch", "Høringsvarsling")
    conn = ctx.db()
    sources = list_sources(conn) if conn else []
    polled = [s.last_polled for s in sources if s.last_polled]
    if not polled:
        section.lines.append(Line("warn", "«stemme watch» har aldri kjørt her.", ("stemme watch",)))
        return section
    last = max(polled).astimezone(OSLO)
    level = "warn" if ctx.now - last > STALE else "ok"
    fix = (
        ("stemme watch   (og sjekk cron-jobben: håndboken, «Høringssvar»)",)
        if level == "warn"
        else ()
    )
    section.lines.append(
        Line(level, f"Siste kjøring {norwegian_weekday_date(last)} kl. {last:%H:%M}.", fix)
    )
    for source in sources:
        if source.last_error:
            section.lines.append(
                Line(
                    "alarm",
                    f"Kilden «{source.name}» feilet: {source.last_error}",
                    (
                        f"Sjekk adressen ({source.url}) under [watch] i stemme.toml, "
                        "og kjør: stemme watch",
                    ),
                )
            )
    if len(section.lines) == 1 and level == "ok":
        section.lines.append(Line("ok", f"Alle {len(sources)} kilder ble hentet."))
    return section
