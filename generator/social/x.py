"""X (Twitter): one card, its alt text and the post text, through tweepy.

Authentication is OAuth 1.0a user context from four environment variables. tweepy 4.17
still uploads media through X's deprecated v1.1 endpoint, so the upload goes to the v2
endpoint (``POST /2/media/upload``, then ``/2/media/metadata`` for the alt text) through
tweepy's own requests session signed with tweepy's OAuth1 handler; v1.1 stays available
with ``[posting] x_media_upload = "v1.1"``. The post itself is
``tweepy.Client.create_tweet``. ``wait_on_rate_limit`` stays off: tweepy would sleep and
re-send blindly; we record the reset time in the ledger instead.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import requests
import tweepy

from generator.social.channel import (
    Credentials,
    Duplicate,
    NoCredits,
    NotSent,
    Post,
    RateLimited,
    Receipt,
    Rejected,
    Unknown,
    credentials_from_env,
    image_summary,
    quiet_library_loggers,
    validate_common,
)

ENV = ("STEMME_X_API_KEY", "STEMME_X_API_SECRET", "STEMME_X_ACCESS_TOKEN", "STEMME_X_ACCESS_SECRET")

V2_UPLOAD = "https://api.x.com/2/media/upload"
V2_METADATA = "https://api.x.com/2/media/metadata"
V11_UPLOAD = "https://upload.twitter.com/1.1/media/upload.json"
V11_METADATA = "https://upload.twitter.com/1.1/media/metadata/create.json"
CREATE_TWEET = "https://api.twitter.com/2/tweets"  # where tweepy 4.17 sends create_tweet
TIMEOUT = (10, 60)  # connect, read (seconds)


class XChannel:
    name = "x"

    def __init__(self, credentials: Credentials, media_upload: str = "v2") -> None:
        quiet_library_loggers(credentials.secrets())
        self._credentials = credentials
        self.media_upload = media_upload
        self.client = tweepy.Client(
            consumer_key=credentials["STEMME_X_API_KEY"],
            consumer_secret=credentials["STEMME_X_API_SECRET"],
            access_token=credentials["STEMME_X_ACCESS_TOKEN"],
            access_token_secret=credentials["STEMME_X_ACCESS_SECRET"],
            wait_on_rate_limit=False,
        )
        # tweepy's session has no timeout; a hanging call must not block cron forever.
        self.client.session.request = functools.partial(  # type: ignore[method-assign]
            _with_timeout, self.client.session.request
        )

    @classmethod
    def from_env(
        cls, media_upload: str = "v2", environ: Mapping[str, str] | None = None
    ) -> XChannel:
        return cls(credentials_from_env("x", ENV, environ), media_upload)

    def __repr__(self) -> str:
        return f"XChannel(media_upload={self.media_upload!r})"

    def secrets(self) -> list[str]:
        return self._credentials.secrets()

    def validate(self, post: Post) -> list[str]:
        return validate_common(post)

    def payload(self, post: Post) -> dict[str, Any]:
        return render_payload(post, self.media_upload)

    def publish(self, post: Post) -> Receipt:
        media_id = self.upload(post)
        try:
            response = self.client.create_tweet(text=post.text, media_ids=[media_id])
        except tweepy.TooManyRequests as exc:
            raise RateLimited(_message(exc), reset=rate_limit_reset(exc.response.headers)) from None
        except tweepy.HTTPException as exc:
            raise _post_error(exc) from None
        except requests.RequestException as exc:
            raise _network_error(exc, during_post=True) from None
        tweet_id = str(response.data["id"])
        return Receipt(tweet_id, f"https://x.com/i/web/status/{tweet_id}", 201)

    def upload(self, post: Post) -> str:
        """Upload the card and set its alt text; returns the media id. Nothing is posted yet."""
        data = post.image_bytes()
        mime = image_summary(post)["mime_type"] or "application/octet-stream"
        if self.media_upload == "v2":
            files = {"media": (post.image.name if post.image else "kort.png", data, mime)}
            form = {"media_category": "tweet_image", "media_type": mime}
            body = self._call(V2_UPLOAD, files=files, data=form)
            media_id = str(body["data"]["id"])
            meta = {"id": media_id, "metadata": {"alt_text": {"text": post.alt_text}}}
            self._call(V2_METADATA, json=meta)
        else:
            files = {"media": (post.image.name if post.image else "kort.png", data, mime)}
            body = self._call(V11_UPLOAD, files=files, data={"media_category": "tweet_image"})
            media_id = str(body["media_id_string"])
            self._call(
                V11_METADATA, json={"media_id": media_id, "alt_text": {"text": post.alt_text}}
            )
        return media_id

    def _call(self, url: str, **kwargs: Any) -> dict[str, Any]:
        auth = tweepy.OAuth1UserHandler(
            self.client.consumer_key,
            self.client.consumer_secret,
            self.client.access_token,
            self.client.access_token_secret,
        ).apply_auth()
        headers = {"User-Agent": self.client.user_agent}
        try:
            response = self.client.session.post(url, auth=auth, headers=headers, **kwargs)
        except requests.RequestException as exc:
            raise _network_error(exc, during_post=False) from None
        if response.status_code == 429:
            raise RateLimited(
                f"X: for mange forespørsler ved opplasting av kortet ({url}).",
                reset=rate_limit_reset(response.headers),
            )
        if response.status_code == 402:
            raise NoCredits(_NO_CREDITS, http_status=402)
        if response.status_code >= 500:
            raise NotSent(
                f"X svarte {response.status_code} ved opplasting av kortet; "
                "innlegget er ikke sendt.",
                http_status=response.status_code,
            )
        if not 200 <= response.status_code < 300:
            raise Rejected(
                f"X avviste opplastingen av kortet ({response.status_code}): {response.text[:300]}",
                http_status=response.status_code,
            )
        return response.json() if response.content else {}


_NO_CREDITS = (
    "X svarte 402: kontoen har ikke flere API-kreditter. Fyll på i X-utviklerportalen, "
    "og bestem så om innlegget skal sendes med «stemme post retry»."
)


def render_payload(post: Post, media_upload: str = "v2") -> dict[str, Any]:
    """Exactly what ``publish`` sends, without credentials (the dry run prints this)."""
    upload, metadata = (
        (V2_UPLOAD, V2_METADATA) if media_upload == "v2" else (V11_UPLOAD, V11_METADATA)
    )
    return {
        "kanal": "x",
        "opplasting": {"url": upload, "media_category": "tweet_image", **image_summary(post)},
        "alt_tekst": {"url": metadata, "alt_text": post.alt_text},
        "innlegg": {
            "url": CREATE_TWEET,
            "text": post.text,
            "media": {"media_ids": ["<id fra opplastingen>"]},
        },
    }


def _with_timeout(request: Any, method: str, url: str, **kwargs: Any) -> Any:
    kwargs.setdefault("timeout", TIMEOUT)
    return request(method, url, **kwargs)


def _message(exc: tweepy.HTTPException) -> str:
    detail = "; ".join(str(m) for m in exc.api_messages) or exc.response.reason or ""
    return f"X svarte {exc.response.status_code}: {detail}".strip()


def _post_error(exc: tweepy.HTTPException) -> Exception:
    status = exc.response.status_code
    if status == 402:
        return NoCredits(_NO_CREDITS, http_status=402)
    if status == 403 and "duplicate" in _message(exc).lower():
        return Duplicate(
            "X svarte 403: samme tekst er allerede postet (duplikat). Sjekk kontoen før du "
            "eventuelt sender på nytt med «stemme post retry».",
            http_status=403,
        )
    if status >= 500:
        return Unknown(
            f"{_message(exc)} — uklart om innlegget ble publisert. Sjekk kontoen.",
            http_status=status,
        )
    return Rejected(_message(exc), http_status=status)


def _network_error(exc: requests.RequestException, *, during_post: bool) -> Exception:
    never_connected = isinstance(exc, requests.ConnectTimeout) or (
        isinstance(exc, requests.ConnectionError)
        and not isinstance(exc, requests.ReadTimeout)
        and "NewConnectionError" in repr(exc.args)
    )
    kind = type(exc).__name__
    if never_connected or not during_post:
        return NotSent(f"Fikk ikke kontakt med X ({kind}); innlegget er ikke sendt.")
    return Unknown(f"Forbindelsen til X brøt under innleggingen ({kind}); sjekk kontoen.")


def rate_limit_reset(headers: Mapping[str, str]) -> datetime | None:
    """When X allows the next post: the latest reset among the exhausted limits.

    X sends the 15-minute window (x-rate-limit-*) and the 24-hour user and app caps
    (x-user-limit-24hour-*, x-app-limit-24hour-*). A cap with remaining 0 decides; if no
    remaining count is given, every reset header present counts.
    """
    resets: list[int] = []
    fallback: list[int] = []
    for prefix in ("x-rate-limit", "x-user-limit-24hour", "x-app-limit-24hour"):
        reset = headers.get(f"{prefix}-reset")
        if reset is None or not str(reset).isdigit():
            continue
        remaining = headers.get(f"{prefix}-remaining")
        (resets if remaining in (None, "0") else fallback).append(int(reset))
    chosen = resets or fallback
    return datetime.fromtimestamp(max(chosen), UTC) if chosen else None
