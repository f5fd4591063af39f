"""``stemme post due``: send every due, valid, not yet published plan item — once.

``run_due`` walks the plan items in time order. For each, :func:`decide` reads the ledger
row and returns a :class:`Decision` (a :class:`Verdict` and the Norwegian reason); a dry
run stops there and reports the payload it would send. A live run commits ``sending``
before the call, then records the receipt or the kind of failure (see
:mod:`generator.social.ledger`). A failure that is safe to repeat (:class:`SafeToRepeat`:
Mastodon's Idempotency-Key, Bluesky's record key) is retried by the next run with no
person involved — for Mastodon only while its idempotency window lasts; after that the
row becomes «ukjent». Error texts pass through ``redact`` so no credential ever reaches
the output, the ledger or a log.
"""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from generator.core import Posting, file_digest
from generator.social.channel import (
    Channel,
    NotSent,
    RateLimited,
    Rejected,
    SafeToRepeat,
    Unknown,
    redact,
)
from generator.social.ledger import Ledger, LedgerRow
from generator.social.plan import PlanItem
from generator.social.registry import CHANNELS

POSTED_CHANNELS = tuple(CHANNELS)
LATE = "for sent:"


class Verdict(enum.Enum):
    """What may be done with one due plan item now."""

    SEND = "send"
    PUBLISHED = "publisert"
    IN_FLIGHT = "sendes"  # another run claimed it (or died; expire_sending decides)
    UNKNOWN = "ukjent"  # waits for a person
    STOPPED = "stoppet"  # the item itself has problems
    REJECTED = "avvist"  # waits for a person
    LATE = "for sent"
    GAVE_UP = "ga opp"  # max_attempts reached
    WAITING = "venter"  # retry_after not reached
    WINDOW_PASSED = "vinduet passert"  # a safe repeat is no longer safe: becomes unknown


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    reason: str = ""  # Norwegian, shown to the staff

    @property
    def may_send(self) -> bool:
        return self.verdict is Verdict.SEND


@dataclass(frozen=True)
class Outcome:
    """What ``post due`` did (or would do) with one plan item."""

    key: str
    action: str  # publisert | tørrkjøring | hoppet over | venter | feilet | ukjent
    message: str = ""
    payload: dict[str, Any] = field(default_factory=dict)
    url: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "action": self.action,
            "message": self.message,
            "payload": self.payload,
            "url": self.url,
        }


def content_hash(item: PlanItem) -> str:
    return hashlib.sha256(f"{item.text}\0{item.alt_text}".encode()).hexdigest()


def image_hash(item: PlanItem) -> str | None:
    if item.card is None or not item.card.is_file():
        return None
    return file_digest(item.card)


def dry_payload(item: PlanItem, posting: Posting) -> dict[str, Any]:
    return CHANNELS[item.channel].preview(item.post(), posting)


def live_channels(posting: Posting, environ: Mapping[str, str] | None = None) -> dict[str, Channel]:
    """The enabled channels with credentials from the environment (CredentialsError if missing).

    One channel object per service per run, so Bluesky logs in once per run.
    """
    return {name: CHANNELS[name].connect(posting, environ) for name in posting.channels}


def due_items(items: Iterable[PlanItem], posting: Posting, now: datetime) -> list[PlanItem]:
    chosen = [
        i
        for i in items
        if i.channel in POSTED_CHANNELS and i.channel in posting.channels and i.due_at <= now
    ]
    return sorted(chosen, key=lambda i: (i.due_at, POSTED_CHANNELS.index(i.channel)))


def decide(row: LedgerRow | None, item: PlanItem, posting: Posting, now: datetime) -> Decision:
    """What may be done with ``item`` now, and why not (Norwegian) when it may not."""
    status = row.status if row else "planned"
    if status == "published":
        return Decision(Verdict.PUBLISHED, "allerede publisert")
    if status == "sending":
        return Decision(
            Verdict.IN_FLIGHT,
            "sendes av en annen kjøring akkurat nå (eller kjøringen stoppet — sjekkes senere)",
        )
    if status == "unknown":
        return Decision(
            Verdict.UNKNOWN,
            f"ukjent utfall — sjekk kontoen og avgjør med «stemme post retry {item.key}»",
        )
    if item.problems:
        return Decision(Verdict.STOPPED, "stoppet før sending: " + "; ".join(item.problems))
    failed = row if row is not None and status == "failed" else None
    if failed is not None and (decision := _final_failure(failed, item, now)):
        return decision
    approved = row is not None and row.approved_at is not None
    if not approved and now - item.due_at > timedelta(hours=posting.late_after_hours):
        return Decision(
            Verdict.LATE,
            f"{LATE} skulle vært sendt {item.due_at:%d.%m. kl. %H:%M} — send manuelt, eller "
            f"godkjenn sending nå med «stemme post retry {item.key}»",
        )
    if failed is not None and (decision := _not_yet(failed, item, posting, now)):
        return decision
    return Decision(Verdict.SEND)


def _not_yet(row: LedgerRow, item: PlanItem, posting: Posting, now: datetime) -> Decision | None:
    """A retryable failure that must wait (retry_after) or has used up its attempts."""
    if row.attempts >= posting.max_attempts:
        return Decision(
            Verdict.GAVE_UP,
            f"ga opp etter {row.attempts} forsøk — avgjør med «stemme post retry {item.key}»",
        )
    after = row.retry_after_dt()
    if after is not None and now < after:
        local = after.astimezone(item.due_at.tzinfo)
        return Decision(Verdict.WAITING, f"venter til {local:%d.%m. kl. %H:%M} (grense nådd)")
    return None


def _final_failure(row: LedgerRow, item: PlanItem, now: datetime) -> Decision | None:
    """A failure only a person can resolve (rejected, late, past the safe window), or None."""
    if not row.retryable:
        if row.error and row.error.startswith(LATE):
            return Decision(Verdict.LATE, row.error)
        return Decision(
            Verdict.REJECTED, f"avvist ({row.error}) — avgjør med «stemme post retry {item.key}»"
        )
    until = row.idempotent_until_dt()
    if until is not None and now >= until:
        return Decision(
            Verdict.WINDOW_PASSED,
            f"uklart om innlegget ble publisert, og det er for lenge siden til at et nytt "
            f"forsøk er trygt ({row.error}) — sjekk kontoen og avgjør med "
            f"«stemme post retry {item.key}»",
        )
    return None


def run_due(
    items: Iterable[PlanItem],
    ledger: Ledger,
    posting: Posting,
    now: datetime,
    channels: Mapping[str, Channel] | None = None,
) -> list[Outcome]:
    """Post (``channels`` given) or dry-run (``channels`` None) every due item."""
    live = channels is not None
    if live:
        ledger.expire_sending(now, timedelta(minutes=posting.stale_sending_minutes))
    outcomes = []
    for item in due_items(items, posting, now):
        row = ledger.get(item.key)
        if row is not None and row.status == "published":
            continue  # done; not repeated in every cron run's output
        decision = decide(row, item, posting, now)
        if not decision.may_send:
            outcomes.append(_held(item, row, decision, ledger, now, live=live))
        elif not live:
            outcomes.append(
                Outcome(item.key, "tørrkjøring", "ville blitt sendt", dry_payload(item, posting))
            )
        else:
            assert channels is not None
            outcomes.append(send(item, channels[item.channel], ledger, posting, now))
    return outcomes


def _held(
    item: PlanItem,
    row: LedgerRow | None,
    decision: Decision,
    ledger: Ledger,
    now: datetime,
    *,
    live: bool,
) -> Outcome:
    """An item that is not sent now; a live run records what became final."""
    if live and decision.verdict is Verdict.WINDOW_PASSED:
        ledger.unknown(item.key, now, decision.reason, row.http_status if row else None)
        return Outcome(item.key, "ukjent", decision.reason)
    newly_late = row is None or row.status == "planned" or row.retryable
    if live and decision.verdict is Verdict.LATE and newly_late:
        ledger.ensure(item.key, item.due_at, now)
        ledger.failed(item.key, now, decision.reason, retryable=False)
    action = "venter" if decision.verdict is Verdict.WAITING else "hoppet over"
    return Outcome(item.key, action, decision.reason)


def send(
    item: PlanItem, channel: Channel, ledger: Ledger, posting: Posting, now: datetime
) -> Outcome:
    """Validate, claim (``sending`` committed), publish, record the receipt or the failure."""
    post = item.post()
    problems = channel.validate(post)
    if problems:
        return Outcome(item.key, "hoppet over", "stoppet før sending: " + "; ".join(problems))
    ledger.ensure(item.key, item.due_at, now)
    if not ledger.claim(item.key, now, content_hash(item), image_hash(item)):
        return Outcome(item.key, "hoppet over", "tatt av en annen kjøring")
    secrets = getattr(channel, "secrets", list)()
    try:
        receipt = channel.publish(post)
    except Exception as exc:  # every failure is recorded; see _record_failure for the kinds
        return _record_failure(item.key, exc, ledger, posting, now, secrets)
    ledger.published(item.key, now, receipt.remote_id, receipt.url, receipt.http_status)
    return Outcome(item.key, "publisert", receipt.url or receipt.remote_id, url=receipt.url)


def _record_failure(
    key: str, exc: Exception, ledger: Ledger, posting: Posting, now: datetime, secrets: list[str]
) -> Outcome:
    status = getattr(exc, "http_status", None)
    if isinstance(exc, RateLimited):
        after = exc.reset or now + timedelta(minutes=posting.retry_minutes)
        message = redact(str(exc), secrets)
        ledger.failed(key, now, message, retryable=True, retry_after=after, http_status=status)
        return Outcome(key, "venter", f"{message} Prøver igjen etter {after.isoformat()}.")
    if isinstance(exc, SafeToRepeat):
        after = now + timedelta(minutes=posting.retry_minutes)
        until = now + exc.window if exc.window is not None else None
        message = redact(str(exc), secrets)
        ledger.failed(key, now, message, retryable=True, retry_after=after, http_status=status,
                      idempotent_until=until)  # fmt: skip
        return Outcome(key, "feilet", message + " Prøves igjen automatisk ved neste kjøring.")
    if isinstance(exc, NotSent):
        after = now + timedelta(minutes=posting.retry_minutes)
        message = redact(str(exc), secrets)
        ledger.failed(key, now, message, retryable=True, retry_after=after, http_status=status)
        return Outcome(key, "feilet", message + " Prøves igjen ved neste kjøring.")
    if isinstance(exc, Rejected):
        message = redact(str(exc), secrets)
        ledger.failed(key, now, message, retryable=False, http_status=status)
        return Outcome(key, "feilet", message)
    if isinstance(exc, Unknown):
        message = redact(str(exc), secrets)
    else:  # a bug or an unexpected library error: we cannot tell whether it was posted
        message = redact(f"uventet feil ({type(exc).__name__}): {exc}", secrets)
    ledger.unknown(key, now, message, status)
    return Outcome(key, "ukjent", message)
