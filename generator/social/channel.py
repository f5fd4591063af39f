"""What every channel shares: the post to send, the receipt, and what can go wrong.

A channel has one small interface — validate → render payload → publish → receipt:

    channel.validate(post) -> list[str]     Norwegian problems; empty = may be sent
    channel.payload(post)  -> dict          exactly what would be sent (the dry run prints it)
    channel.publish(post)  -> Receipt       sends; raises a ChannelError subclass

Errors tell the ledger what happened, because that decides whether a retry is safe:

    ChannelError (generator.core.errors)
    ├── NotSent          nothing reached the service (connect failed, 5xx before the post
    │   │                call): safe to retry automatically
    │   ├── RateLimited  429; ``reset`` says when the post may be tried again
    │   └── SafeToRepeat the post call may have reached the service, but repeating it
    │                    cannot make a second post: Mastodon drops a repeat with the same
    │                    Idempotency-Key for ``window`` (1 hour), Bluesky refuses a second
    │                    record with the same record key (no time limit: ``window`` None)
    ├── Rejected         the service refused the post (4xx): a person decides
    │   ├── NoCredits    X 402: the account has no API credits left
    │   ├── UsageCapped  X 429 usage cap (monthly/product): no blind retries
    │   └── Duplicate    X 403: X thinks this post was already sent
    └── Unknown          the post call may have reached the service (timeout, 5xx) and a
                         repeat could post twice (X; Mastodon past its window): never
                         retried automatically

Credentials come only from environment variables (``credentials_from_env``); they are
never printed or logged, and ``redact`` scrubs them from any error text.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from generator.core import ChannelError, CredentialsError
from generator.social import channels, limits

# Library loggers that would write request headers (OAuth tokens) at DEBUG level.
_CHATTY_LOGGERS = ("requests_oauthlib", "oauthlib", "urllib3", "httpcore", "hpack")


@dataclass(frozen=True)
class Post:
    """One post for one channel, ready to validate and send."""

    key: str
    channel: str
    text: str
    image: Path | None
    alt_text: str
    language: str = "nb"
    due_at: datetime | None = None  # when the plan says it goes out (Bluesky's record key)

    def image_bytes(self) -> bytes:
        if self.image is None:
            raise ChannelError(f"{self.key}: innlegget har ikke noe kort.")
        return self.image.read_bytes()

    @property
    def idempotency_key(self) -> str:
        """Stable per ledger key: the service drops a second post with the same key."""
        return "stemme-" + hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:40]


@dataclass(frozen=True)
class Receipt:
    remote_id: str
    url: str | None
    http_status: int | None = None


class Channel(Protocol):
    name: str

    def validate(self, post: Post) -> list[str]: ...

    def payload(self, post: Post) -> dict[str, Any]: ...

    def publish(self, post: Post) -> Receipt: ...


def validate_common(post: Post) -> list[str]:
    """Text length, alt text and card checks every channel applies before any request."""
    return (
        channels.check_text(post.channel, post.text)
        + channels.check_alt_text(post.channel, post.alt_text)
        + channels.check_image(post.channel, post.image)
    )


def image_summary(post: Post) -> dict[str, Any]:
    data = post.image.read_bytes() if post.image and post.image.is_file() else b""
    return {
        "file": str(post.image) if post.image else None,
        "bytes": len(data),
        "mime_type": limits.image_type(data),
        "sha256": hashlib.sha256(data).hexdigest() if data else None,
        "alt_text": post.alt_text,
    }


class NotSent(ChannelError):
    """Nothing reached the service; a later run may try again."""

    retryable = True

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


class RateLimited(NotSent):
    """429 Too Many Requests; try again after ``reset`` (aware datetime, UTC)."""

    def __init__(
        self, message: str, *, reset: datetime | None, http_status: int | None = 429
    ) -> None:
        super().__init__(message, http_status=http_status)
        self.reset = reset


class SafeToRepeat(NotSent):
    """The post may have reached the service, but the same request again cannot duplicate it.

    ``window``: how long after this attempt a repeat stays safe (None: always).
    """

    def __init__(
        self, message: str, *, window: timedelta | None, http_status: int | None = None
    ) -> None:
        super().__init__(message, http_status=http_status)
        self.window = window


class Rejected(ChannelError):
    """The service refused the post; a person must decide (``stemme post retry``)."""

    retryable = False

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


class NoCredits(Rejected):
    """X 402 Payment Required: no API credits left on the account."""


class UsageCapped(Rejected):
    """X 429 with a usage cap that does not reset within the day: retrying cannot help."""


class Duplicate(Rejected):
    """X 403: the same text was already posted."""


class Unknown(ChannelError):
    """The post call may have reached the service; we cannot tell whether it was posted."""

    retryable = False

    def __init__(self, message: str, *, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


@dataclass(frozen=True)
class Credentials:
    """Values read from environment variables. ``repr`` never shows them."""

    values: Mapping[str, str] = field(repr=False)

    def __getitem__(self, name: str) -> str:
        return self.values[name]

    def secrets(self) -> list[str]:
        return [v for v in self.values.values() if v]


def credentials_from_env(
    channel: str, names: Iterable[str], environ: Mapping[str, str] | None = None
) -> Credentials:
    """Read the channel's variables; a missing one is a Norwegian error naming them all."""
    env = os.environ if environ is None else environ
    names = list(names)
    missing = [n for n in names if not env.get(n, "").strip()]
    if missing:
        raise CredentialsError(
            f"Mangler innloggingsopplysninger for {channels.display_name(channel)}: "
            f"sett miljøvariablene {', '.join(missing)} (i cron-jobben eller i skallet), "
            "eller kjør uten --live for en prøvekjøring. Verdiene skal aldri stå i stemme.toml."
        )
    credentials = Credentials({n: env[n].strip() for n in names})
    quiet_library_loggers(credentials.secrets())
    return credentials


def quiet_library_loggers(secrets: Iterable[str] = ()) -> None:
    """Keep HTTP libraries from logging tokens: no DEBUG headers, secrets masked in the rest."""
    for name in _CHATTY_LOGGERS:
        logger = logging.getLogger(name)
        if logger.level < logging.INFO:
            logger.setLevel(logging.INFO)
    _REDACTOR.secrets.update(s for s in secrets if s)
    for name in _REDACTED_LOGGERS:
        logger = logging.getLogger(name)
        if _REDACTOR not in logger.filters:
            logger.addFilter(_REDACTOR)


class _Redactor(logging.Filter):
    """Masks known secret values in records of the libraries that log responses."""

    def __init__(self) -> None:
        super().__init__()
        self.secrets: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message, self.secrets)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_REDACTOR = _Redactor()
# Loggers that write whole responses (which a misbehaving server could echo tokens into).
_REDACTED_LOGGERS = ("tweepy.client", "mastodon", "atproto_client", "httpx")


def redact(text: str, secrets: Iterable[str]) -> str:
    """Replace every secret value in ``text`` with ***."""
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text
