"""Status section «Planlagte jobber»: each scheduled job's last run on the git host, read
from the state branch this checkout last fetched (``generator.hosted.runs``; no network).

A project that runs its jobs from cron has no state branch: the section then says so in
one line and points to the routine for running without a server of one's own.
"""

from __future__ import annotations

from datetime import timedelta

from generator.core import OSLO
from generator.hosted import JOBS, JobRun, branch_runs
from generator.status.model import Line, Section, StatusContext

# How long a job may go without a run before the schedule itself is suspect.
EXPECTED = {
    "post": timedelta(hours=1),
    "publish": timedelta(days=1, hours=2),
    "watch": timedelta(days=1),
    "digest": timedelta(days=8),
}
ROUTINE = "håndboken, «Kampanjen uten egen server»"


def scheduled_section(ctx: StatusContext) -> Section:
    section = Section("scheduled", "Planlagte jobber på git-verten")
    runs = branch_runs(ctx.paths.root)
    if not runs:
        section.lines.append(
            Line(
                "info",
                f"Ingen kjøringer på tilstandsgrenen (bare i bruk uten egen server: {ROUTINE}).",
            )
        )
        return section
    section.lines.extend(_line(ctx, run) for run in runs)
    return section


def _line(ctx: StatusContext, run: JobRun) -> Line:
    name = JOBS.get(run.job, run.job)
    when = run.started_at.astimezone(OSLO)
    text = f"{name}: sist startet {when:%d.%m. kl. %H:%M}"
    link = (run.url,) if run.url else ()
    if run.ended_at is None:
        return Line("warn", f"{text}, ble aldri ferdig (stoppet utenfra?).", (*link, ROUTINE))
    if run.outcome != "ok":
        detail = f" ({run.detail})" if run.detail else ""
        return Line("alarm", f"{text}, {run.outcome}{detail}.", (*link, ROUTINE))
    limit = EXPECTED.get(run.job)
    if limit is not None and ctx.now - run.started_at > limit:
        return Line(
            "warn",
            f"{text}: ingen kjøring siden da. Er tidsplanen slått av?",
            (f"Sjekk tidsplanen for jobben ({ROUTINE}).",),
        )
    return Line("ok", f"{text}, gikk bra.")
