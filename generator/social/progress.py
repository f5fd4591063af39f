"""Where each planned post stands *now*: the ledger's status plus the clock.

The ledger only knows what a run did; a day nobody ran ``stemme post due --live`` for has
no row at all (or stays ``planned``). :func:`post_state` adds the clock, so a post whose
time has passed without being sent is ``missed`` — shown red by ``stemme post status``,
``stemme status`` and the handbook's campaign plan, never a neutral «planlagt»::

    due in the future ──────────────────────────────> planned   «planlagt»
    due passed, < GRACE ago, not sent ───────────────> due       «skal sendes nå»
    due passed, ≥ GRACE ago, not sent ───────────────> missed    «IKKE SENDT»
    ledger published / sending / failed / unknown ───> the same  («sendt», «sendes», …)

Example: 26.11. kl. 08:00 with no row, asked 05.12. kl. 10:00 → ``missed``.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from generator.core import OSLO, dates
from generator.social.ledger import LedgerRow

# A cron job every few minutes posts within this; after it a day counts as missed.
GRACE = timedelta(minutes=30)

LABELS = {
    "planned": "planlagt",
    "due": "skal sendes nå",
    "missed": "IKKE SENDT",
    "sending": "sendes",
    "published": "sendt",
    "failed": "feilet",
    "unknown": "ukjent",
}
# States a person must act on (the «what to do» of stemme status).
NEEDS_ACTION = ("missed", "failed", "unknown")


def post_state(row: LedgerRow | None, due_at: datetime, now: datetime) -> str:
    """planned | due | missed | sending | published | failed | unknown (see the diagram)."""
    status = row.status if row else "planned"
    if status != "planned":
        return status
    if now < due_at:
        return "planned"
    return "due" if now - due_at < GRACE else "missed"


def label(state: str) -> str:
    """The Norwegian word for a state (missed in capitals: it is an alarm)."""
    return LABELS.get(state, state)


def moment(today: date) -> datetime:
    """«Now» for a view of ``today``: the clock when today is the clock's date, else the
    start of that day (a frozen STEMME_TODAY: earlier days are over, today's are not)."""
    clock = dates.now()
    if clock.date() == today:
        return clock
    return datetime.combine(today, time(0, 0), tzinfo=OSLO)
