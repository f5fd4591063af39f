"""``stemme post due``: send every due, valid, not yet published plan item — once.

``run_due`` walks the plan items in time order. For each it asks the ledger what may be
done (``decide``); a dry run stops there and reports the payload it would send. A live run
commits ``sending`` before the call, then records the receipt or the kind of failure (see
:mod:`generator.social.ledger`). Error texts pass through ``redact`` so no credential
ever reaches the output, the ledger or a log.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from generator.core.config import Posting
from generator.social import bluesky, mastodon_channel, x
from generator.social.channel import (
    Channel,
    NotSent,
    RateLimited,
    Rejected,
    Unknown,
    redact,
)
from generator.social.ledger import Ledger, LedgerRow
from generator.social.plan import PlanItem

POSTED_CHANNELS = ("x", "mastodon", "bluesky")
LATE = "for sent:"


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
    return hashlib.sha256(item.card.read_bytes()).hexdigest()


def dry_payload(item: PlanItem, posting: Posting) -> dict[str, Any]:
    post = item.post()
    if item.channel == "x":
        return x.render_payload(post, posting.x_media_upload)
    if item.channel == "mastodon":  # the instance address is not secret; show it if set
        instance = os.environ.get("STEMME_MASTODON_URL", "").rstrip("/") or "<instans>"
        return mastodon_channel.render_payload(post, instance)
    return bluesky.render_payload(post, posting.bluesky_service)


def live_channels(posting: Posting, environ: Mapping[str, str] | None = None) -> dict[str, Channel]:
    """The enabled channels with credentials from the environment (CredentialsError if missing)."""
    channels: dict[str, Channel] = {}
    for name in posting.channels:
        if name == "x":
            channels[name] = x.XChannel.from_env(posting.x_media_upload, environ)
        elif name == "mastodon":
            channels[name] = mastodon_channel.MastodonChannel.from_env(environ)
        elif name == "bluesky":
            channels[name] = bluesky.BlueskyChannel.from_env(posting.bluesky_service, environ)
    return channels


def due_items(items: Iterable[PlanItem], posting: Posting, now: datetime) -> list[PlanItem]:
    chosen = [
        i
        for i in items
        if i.channel in POSTED_CHANNELS and i.channel in posting.channels and i.due_at <= now
    ]
    return sorted(chosen, key=lambda i: (i.due_at, POSTED_CHANNELS.index(i.channel)))


def decide(row: LedgerRow | None, item: PlanItem, posting: Posting, now: datetime) -> str | None:
    """None if the item may be sent now; otherwise why not (Norwegian)."""
    status = row.status if row else "planned"
    if status == "published":
        return "allerede publisert"
    if status == "sending":
        return "sendes av en annen kjøring akkurat nå (eller kjøringen stoppet — sjekkes senere)"
    if status == "unknown":
        return f"ukjent utfall — sjekk kontoen og avgjør med «stemme post retry {item.key}»"
    if item.problems:
        return "stoppet før sending: " + "; ".join(item.problems)
    if row is not None and status == "failed" and not row.retryable:
        if row.error and row.error.startswith(LATE):
            return row.error
        return f"avvist ({row.error}) — avgjør med «stemme post retry {item.key}»"
    approved = row is not None and row.approved_at is not None
    if not approved and now - item.due_at > timedelta(hours=posting.late_after_hours):
        return (
            f"{LATE} skulle vært sendt {item.due_at:%d.%m. kl. %H:%M} — send manuelt, eller "
            f"godkjenn sending nå med «stemme post retry {item.key}»"
        )
    if row is not None and status == "failed":
        if row.attempts >= posting.max_attempts:
            return f"ga opp etter {row.attempts} forsøk — avgjør med «stemme post retry {item.key}»"
        after = row.retry_after_dt()
        if after is not None and now < after:
            local = after.astimezone(item.due_at.tzinfo)
            return f"venter til {local:%d.%m. kl. %H:%M} (grense nådd)"
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
        reason = decide(row, item, posting, now)
        if reason is not None:
            action = "venter" if reason.startswith("venter") else "hoppet over"
            newly_late = row is None or row.status == "planned" or row.retryable
            if live and reason.startswith(LATE) and newly_late:
                ledger.ensure(item.key, item.due_at, now)
                ledger.failed(item.key, now, reason, retryable=False)
            outcomes.append(Outcome(item.key, action, reason))
        elif not live:
            outcomes.append(
                Outcome(item.key, "tørrkjøring", "ville blitt sendt", dry_payload(item, posting))
            )
        else:
            assert channels is not None
            outcomes.append(send(item, channels[item.channel], ledger, posting, now))
    return outcomes


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
