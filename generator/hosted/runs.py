"""Each scheduled job's runs: start, end and outcome, kept in the state DB (and so on the branch).

Tables of area ``"hosted"``: ``state_branch_base`` (the commit the DB last synced with,
see :mod:`.sync`; never travels) and ``schedule_runs``: ``run_id`` (job, start and the
host's run id), ``job``, ``started_at``, ``ended_at``, ``outcome`` (``kjører`` | ``ok`` |
``feilet``), ``detail`` (e.g. the exit code) and ``url`` (the run's page on the git
host). A run that stays ``kjører`` was stopped from outside (timeout, cancelled).

Read API for ``stemme status`` and ``stemme state show``::

    branch_runs(root, fetch=False) -> list[JobRun]  # from the state branch of the checkout
                                                    # at root; no network unless fetch
    last_runs(tables) -> list[JobRun]        # the newest run per job, by job name
    render_runs(runs, now) -> list[str]      # Norwegian lines
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from generator.core import OSLO, register_migrations
from generator.hosted.branch import BRANCH, REMOTE_REF, StateBranch
from generator.hosted.tables import Rows

register_migrations(
    "hosted",
    [
        """
        CREATE TABLE schedule_runs (
            run_id TEXT PRIMARY KEY,
            job TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            outcome TEXT NOT NULL DEFAULT 'kjører',
            detail TEXT,
            url TEXT
        );
        CREATE TABLE state_branch_base (
            branch TEXT PRIMARY KEY,
            commit_id TEXT NOT NULL
        )
        """
    ],
)

KEEP_RUNS = 50
JOBS = {
    "post": "Posting (post due --live)",
    "publish": "Publisering",
    "watch": "Høringsvarsling",
    "digest": "Oppsummering på e-post",
}


@dataclass(frozen=True)
class JobRun:
    job: str
    started_at: datetime
    ended_at: datetime | None
    outcome: str
    detail: str | None
    url: str | None

    def to_json(self) -> dict[str, str | None]:
        return {
            "job": self.job,
            "started_at": self.started_at.isoformat(),
            "ended_at": self.ended_at.isoformat() if self.ended_at else None,
            "outcome": self.outcome,
            "detail": self.detail,
            "url": self.url,
        }


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def run_url(env: Mapping[str, str] = os.environ) -> str | None:
    """The run's page on GitHub/Forgejo (GITHUB_* variables) or GitLab (CI_JOB_URL)."""
    if env.get("CI_JOB_URL"):
        return env["CI_JOB_URL"]
    if env.get("GITHUB_RUN_ID") and env.get("GITHUB_REPOSITORY"):
        server = env.get("GITHUB_SERVER_URL", "https://github.com")
        return f"{server}/{env['GITHUB_REPOSITORY']}/actions/runs/{env['GITHUB_RUN_ID']}"
    return None


def start_run(conn: sqlite3.Connection, job: str, now: datetime, url: str | None) -> str:
    """Record a start; only the newest :data:`KEEP_RUNS` of a job stay in the table (every
    run stays in the branch's history), so the file stays small at 96 posting runs a day."""
    run_id = f"{job}/{_iso(now)}/{secrets.token_hex(4)}"
    conn.execute(
        "INSERT INTO schedule_runs (run_id, job, started_at, url) VALUES (?, ?, ?, ?)",
        (run_id, job, _iso(now), url),
    )
    conn.execute(
        "DELETE FROM schedule_runs WHERE job = :job AND run_id NOT IN (SELECT run_id FROM"
        " schedule_runs WHERE job = :job ORDER BY started_at DESC LIMIT :keep)",
        {"job": job, "keep": KEEP_RUNS},
    )
    return run_id


def end_run(
    conn: sqlite3.Connection, run_id: str, now: datetime, outcome: str, detail: str | None
) -> None:
    conn.execute(
        "UPDATE schedule_runs SET ended_at = ?, outcome = ?, detail = ? WHERE run_id = ?",
        (_iso(now), outcome, detail, run_id),
    )


def branch_runs(
    root: Path, *, remote: str = "origin", branch: str = BRANCH, fetch: bool = False
) -> list[JobRun]:
    """The newest run of each job on the state branch of the checkout at ``root``.

    Without ``fetch`` it reads what this checkout last fetched (``stemme state pull|show``
    or ``git fetch``) and never raises for a missing branch or a folder that is not a
    git checkout (then: no runs). With ``fetch`` it fetches first (StateError on failure).
    """
    state = StateBranch(root, remote, branch)
    if fetch:
        tip = state.fetch()
    else:
        refs = (REMOTE_REF, f"refs/remotes/{remote}/{branch}")
        tip = next((c for ref in refs if (c := state.resolve(ref))), None)
    return last_runs(state.read(tip))


def last_runs(tables: Mapping[str, Rows]) -> list[JobRun]:
    """The newest run of each job in exported tables (a DB export or the branch)."""
    newest: dict[str, dict[str, str | None]] = {}
    for row in tables.get("schedule_runs", {}).values():
        seen = newest.get(row["job"])
        if seen is None or row["started_at"] > (seen["started_at"] or ""):
            newest[row["job"]] = row
    return [
        JobRun(
            job,
            datetime.fromisoformat(str(row["started_at"])),
            datetime.fromisoformat(row["ended_at"]) if row["ended_at"] else None,
            str(row["outcome"]),
            row.get("detail"),
            row.get("url"),
        )
        for job, row in sorted(newest.items())
    ]


def render_runs(runs: list[JobRun], now: datetime) -> list[str]:
    """One line per job: when it last ran (Oslo time), how long ago and how it ended."""
    if not runs:
        return ["Ingen planlagte kjøringer er registrert på tilstandsgrenen ennå."]
    lines = []
    for run in runs:
        name = JOBS.get(run.job, run.job)
        when = run.started_at.astimezone(OSLO)
        ago = _ago(now - run.started_at)
        outcome = run.outcome + (f" ({run.detail})" if run.detail else "")
        if run.ended_at is None:
            outcome = "kjører (eller ble stoppet utenfra)"
        lines.append(f"{name:<26} {when:%d.%m. kl. %H:%M} ({ago} siden)  {outcome}")
        if run.url:
            lines.append(f"{'':<26} {run.url}")
    return lines


def _ago(delta: object) -> str:
    seconds = int(getattr(delta, "total_seconds", lambda: 0)())
    if seconds < 3600:
        return f"{max(seconds // 60, 0)} min"
    if seconds < 2 * 86400:
        return f"{seconds // 3600} t"
    return f"{seconds // 86400} d"
