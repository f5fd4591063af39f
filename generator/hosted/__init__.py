"""The campaign without a server: the git host's scheduled jobs, with their state on a branch.

What is inside::

    tables.py    the state DB as text: one sorted NDJSON file per table, natural keys
                 (no integer row ids), export and import in one transaction
    merge.py     three-way merge by row: base (last synced) × local × branch; the rules
                 per table; a row is never lost
    branch.py    the branch ``stemme-state`` through git plumbing: fetch, read, commit on
                 the base, push without force (a compare-and-swap)
    sync.py      pull / push with bounded retries; SyncedLedger: the «sending» claim is
                 pushed before the request goes out
    runs.py      each scheduled job's runs (start, end, outcome): last_runs, render_runs
    jobs.py      the secrets each job needs; a check that names the missing ones
    commands.py  ``stemme state pull|push|show|check|run|post-due``

How data flows::

    branch tip ──fetch──> merge(base, local DB, tip) ──> local DB ──> post due / watch …
    local DB ──export──> commit on tip ──push (no force)──> branch   (rejected: again)

Why a branch: it lives as long as the repository, every host keeps it, and its history is
the audit trail; CI caches and artifacts expire and are not guaranteed to be there.
"""

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "JOBS": ("generator.hosted.runs", "JOBS"),
    "JobRun": ("generator.hosted.runs", "JobRun"),
    "branch_runs": ("generator.hosted.runs", "branch_runs"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "JOBS",
    "JobRun",
    "branch_runs",
]
