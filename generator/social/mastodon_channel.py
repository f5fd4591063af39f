"""Mastodon: the card with its description, the text in Norwegian, through Mastodon.py.

The instance URL and access token come from the environment. Rate limits are thrown,
never slept on (``ratelimit_method="throw"``).

* **Media**: an upload that comes back still processing (202, ``url: null``) is polled
  (``GET /api/v1/media/:id``) at most :data:`MEDIA_POLLS` times before the status is
  posted; still not ready → :class:`NotSent` (nothing was posted).
* **Status**: ``status_post`` carries an ``Idempotency-Key`` derived from the ledger key,
  and Mastodon answers a repeat with the same key within an hour with the status it
  already made. So a 5xx or a timeout on the status POST is retried at once (up to
  :data:`STATUS_ATTEMPTS` times), and then left to the next run as
  :class:`SafeToRepeat` with :data:`SAFE_WINDOW`; the ledger turns it into «ukjent» only
  when that window has passed.

(Named ``mastodon_channel`` so it never shadows the ``mastodon`` library.)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from mastodon import (
    Mastodon,
    MastodonAPIError,
    MastodonNetworkError,
    MastodonRatelimitError,
    MastodonServerError,
)

from generator.core import Posting
from generator.social.channel import (
    Credentials,
    NotSent,
    Post,
    RateLimited,
    Receipt,
    Rejected,
    SafeToRepeat,
    Unknown,
    credentials_from_env,
    image_summary,
    quiet_library_loggers,
    validate_common,
)

ENV = ("STEMME_MASTODON_URL", "STEMME_MASTODON_TOKEN")
TIMEOUT = 60
MASTODON_VERSION = "4.0.0"
IDEMPOTENCY_WINDOW = timedelta(hours=1)  # how long Mastodon remembers an Idempotency-Key
SAFE_WINDOW = IDEMPOTENCY_WINDOW - timedelta(minutes=5)  # margin for clocks and slow calls
STATUS_ATTEMPTS = 3
STATUS_PAUSES = (2.0, 10.0)  # seconds before the 2nd and 3rd attempt
MEDIA_POLLS = 5
MEDIA_PAUSE = 2.0  # seconds between polls of a card that is still processing


class MastodonChannel:
    name = "mastodon"

    def __init__(
        self, credentials: Credentials, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        quiet_library_loggers(credentials.secrets())
        self._credentials = credentials
        self._sleep = sleep
        self.instance = credentials["STEMME_MASTODON_URL"].rstrip("/")
        self.client = Mastodon(
            api_base_url=self.instance,
            access_token=credentials["STEMME_MASTODON_TOKEN"],
            ratelimit_method="throw",
            # No version probe over the network: we target Mastodon 4 (v2 media upload).
            mastodon_version=MASTODON_VERSION,
            version_check_mode="created",
            request_timeout=TIMEOUT,
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> MastodonChannel:
        return cls(credentials_from_env("mastodon", ENV, environ))

    def __repr__(self) -> str:
        return f"MastodonChannel(instance={self.instance!r})"

    def secrets(self) -> list[str]:
        return [self._credentials["STEMME_MASTODON_TOKEN"]]

    def validate(self, post: Post) -> list[str]:
        return validate_common(post)

    def payload(self, post: Post) -> dict[str, Any]:
        return render_payload(post, self.instance)

    def publish(self, post: Post) -> Receipt:
        media = self._upload(post)
        media_id = str(media["id"])
        self._wait_until_processed(media)
        uncertain: Exception | None = None
        for attempt in range(STATUS_ATTEMPTS):
            if attempt:
                self._sleep(STATUS_PAUSES[min(attempt, len(STATUS_PAUSES)) - 1])
            try:
                return self._post_status(post, media_id)
            except (MastodonServerError, MastodonNetworkError) as exc:
                uncertain = exc  # the same Idempotency-Key again cannot post twice
        assert uncertain is not None
        raise _safe_to_repeat(uncertain) from None

    def _post_status(self, post: Post, media_id: str) -> Receipt:
        """One status POST; 5xx/timeouts are raised as they are for :meth:`publish`."""
        try:
            status = self.client.status_post(
                post.text,
                media_ids=[media_id],
                language=post.language,
                visibility="public",
                idempotency_key=post.idempotency_key,
            )
        except MastodonRatelimitError:
            raise RateLimited("Mastodon: for mange forespørsler.", reset=self._reset()) from None
        except MastodonNetworkError as exc:
            error = _network_error(exc, during_post=True)
            if isinstance(error, NotSent):
                raise error from None
            raise
        except MastodonServerError:
            raise
        except MastodonAPIError as exc:
            if _status(exc) == 422 and "processing" in _detail(exc).lower():
                # The image is still being processed; the status was refused, not posted.
                raise NotSent(
                    "Mastodon behandler fortsatt kortet; innlegget er ikke sendt.", http_status=422
                ) from None
            raise Rejected(
                f"Mastodon avviste innlegget: {_detail(exc)}", http_status=_status(exc)
            ) from None
        return Receipt(str(status["id"]), status.get("url") or status.get("uri"), 200)

    def _wait_until_processed(self, media: dict[str, Any]) -> None:
        """Poll a card that is still processing (202, url null) a bounded number of times."""
        media_id = str(media["id"])
        for _poll in range(MEDIA_POLLS):
            if media.get("url"):
                return
            self._sleep(MEDIA_PAUSE)
            try:
                media = self.client.media(media_id)
            except MastodonRatelimitError:
                raise RateLimited(
                    "Mastodon: for mange forespørsler.", reset=self._reset()
                ) from None
            except (MastodonNetworkError, MastodonAPIError):
                raise NotSent(
                    "Fikk ikke sjekket om Mastodon er ferdig med kortet; innlegget er ikke sendt."
                ) from None
        if not media.get("url"):
            raise NotSent(
                f"Mastodon behandlet fortsatt kortet etter {MEDIA_POLLS} forsøk; innlegget er "
                "ikke sendt og prøves igjen ved neste kjøring."
            )

    def _upload(self, post: Post) -> dict[str, Any]:
        data = post.image_bytes()
        mime = image_summary(post)["mime_type"]
        try:
            media = self.client.media_post(
                data,
                mime_type=mime,
                description=post.alt_text,
                file_name=post.image.name if post.image else None,
            )
        except MastodonRatelimitError:
            raise RateLimited("Mastodon: for mange forespørsler.", reset=self._reset()) from None
        except MastodonNetworkError as exc:
            raise _network_error(exc, during_post=False) from None
        except MastodonServerError as exc:
            raise NotSent(
                f"Mastodon svarte {_status(exc)} ved opplasting av kortet; "
                "innlegget er ikke sendt.",
                http_status=_status(exc),
            ) from None
        except MastodonAPIError as exc:
            raise Rejected(
                f"Mastodon avviste kortet: {_detail(exc)}", http_status=_status(exc)
            ) from None
        return dict(media)

    def _reset(self) -> datetime | None:
        reset = getattr(self.client, "ratelimit_reset", None)
        return datetime.fromtimestamp(reset, UTC) if reset else None


def render_payload(post: Post, instance: str = "<instans>") -> dict[str, Any]:
    """Exactly what ``publish`` sends, without credentials (the dry run prints this)."""
    return {
        "kanal": "mastodon",
        "opplasting": {"url": f"{instance}/api/v2/media", **image_summary(post)},
        "innlegg": {
            "url": f"{instance}/api/v1/statuses",
            "status": post.text,
            "language": post.language,
            "visibility": "public",
            "media_ids": ["<id fra opplastingen>"],
            "Idempotency-Key": post.idempotency_key,
        },
    }


def _status(exc: MastodonAPIError) -> int | None:
    return exc.args[1] if len(exc.args) > 1 and isinstance(exc.args[1], int) else None


def _detail(exc: MastodonAPIError) -> str:
    parts = [str(a) for a in exc.args[1:] if a]
    return " ".join(parts) or str(exc)


def _safe_to_repeat(exc: Exception) -> SafeToRepeat:
    what = (
        f"svarte {_status(exc)}"
        if isinstance(exc, MastodonServerError)
        else "svarte ikke (forbindelsen brøt)"
    )
    return SafeToRepeat(
        f"Mastodon {what} på innlegget {STATUS_ATTEMPTS} ganger — uklart om det ble "
        "publisert, men et nytt forsøk med samme Idempotency-Key kan ikke gi to innlegg.",
        window=SAFE_WINDOW,
        http_status=_status(exc) if isinstance(exc, MastodonServerError) else None,
    )


def _network_error(exc: MastodonNetworkError, *, during_post: bool) -> Exception:
    import requests

    cause = exc.__context__
    never_connected = isinstance(cause, requests.ConnectTimeout) or (
        isinstance(cause, requests.ConnectionError)
        and not isinstance(cause, requests.ReadTimeout)
        and "NewConnectionError" in repr(cause.args)
    )
    if never_connected or not during_post:
        return NotSent("Fikk ikke kontakt med Mastodon-instansen; innlegget er ikke sendt.")
    return Unknown("Forbindelsen til Mastodon brøt under innleggingen; sjekk kontoen.")


def connect(_posting: Posting, environ: Mapping[str, str] | None = None) -> MastodonChannel:
    """The live channel (credentials from the environment), for the channel table."""
    return MastodonChannel.from_env(environ)


def preview(post: Post, _posting: Posting) -> dict[str, Any]:
    """Exactly what would be sent (dry run); the instance address is not secret, so it is
    shown when it is set."""
    instance = os.environ.get("STEMME_MASTODON_URL", "").rstrip("/") or "<instans>"
    return render_payload(post, instance)
