"""X (Twitter): one card, its alt text and the post text, through tweepy.

Authentication is OAuth 1.0a user context from four environment variables. tweepy 4.17
still uploads media through X's retired v1.1 endpoint, so the upload goes to the v2
endpoint (``POST /2/media/upload`` with exactly the documented form fields ``media`` and
``media_category``, then ``/2/media/metadata`` for the alt text) through tweepy's own
requests session signed with tweepy's OAuth1 handler. The v1.1 fallback is retired
(upload.twitter.com was switched off in 2025): ``x_media_upload = "v1.1"`` stops with a
Norwegian error before anything is sent. An upload reply without a media id is «ikke
sendt», naming what came back. The post itself is ``tweepy.Client.create_tweet``.

Rate limits: ``wait_on_rate_limit`` stays off (tweepy would sleep and re-send blindly);
the reset time goes into the ledger instead. A 429 that is a *usage cap*
(``…/problems/usage-capped``) waits for the 24-hour reset when that cap is the one used
up, and otherwise stops (:class:`UsageCapped`) with the reason — never blind retries.
X has no idempotency key, so a 5xx or timeout on the post call stays «ukjent».
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import requests
import tweepy

from generator.core import OSLO, ConfigError, Posting
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
    UsageCapped,
    credentials_from_env,
    image_summary,
    quiet_library_loggers,
    validate_common,
)
from generator.social.limits import retired_x_upload

ENV = ("STEMME_X_API_KEY", "STEMME_X_API_SECRET", "STEMME_X_ACCESS_TOKEN", "STEMME_X_ACCESS_SECRET")

V2_UPLOAD = "https://api.x.com/2/media/upload"
V2_METADATA = "https://api.x.com/2/media/metadata"
USAGE_CAPPED = "https://api.twitter.com/2/problems/usage-capped"
CREATE_TWEET = "https://api.twitter.com/2/tweets"  # where tweepy 4.17 sends create_tweet
TIMEOUT = (10, 60)  # connect, read (seconds)


class XChannel:
    name = "x"

    def __init__(self, credentials: Credentials, media_upload: str = "v2") -> None:
        refuse_retired_upload(media_upload)
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
            raise too_many_requests(exc.response, _message(exc)) from None
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
        files = {"media": (post.image.name if post.image else "kort.png", data, mime)}
        body = self._call(V2_UPLOAD, files=files, data={"media_category": "tweet_image"})
        media_id = (body.get("data") or {}).get("id") if isinstance(body, dict) else None
        if not media_id:
            shown = json.dumps(body, ensure_ascii=False)[:300]
            raise NotSent(
                f"X svarte på opplastingen av kortet, men uten media-id (svar: {shown}); "
                "innlegget er ikke sendt."
            )
        meta = {"id": str(media_id), "metadata": {"alt_text": {"text": post.alt_text}}}
        self._call(V2_METADATA, json=meta)
        return str(media_id)

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
            raise too_many_requests(
                response, f"X: for mange forespørsler ved opplasting av kortet ({url})."
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
        try:
            return response.json() if response.content else {}
        except ValueError:
            raise NotSent(
                f"X svarte {response.status_code} med noe som ikke er JSON "
                f"({response.text[:200]!r}); innlegget er ikke sendt.",
                http_status=response.status_code,
            ) from None


_NO_CREDITS = (
    "X svarte 402: kontoen har ikke flere API-kreditter. Fyll på i X-utviklerportalen, "
    "og bestem så om innlegget skal sendes med «stemme post retry»."
)


def refuse_retired_upload(media_upload: str) -> None:
    if problem := retired_x_upload(media_upload):
        what, fix = problem
        raise ConfigError(f"stemme.toml, [posting] {what} Slik retter du det: {fix}")


def render_payload(post: Post, media_upload: str = "v2") -> dict[str, Any]:
    """Exactly what ``publish`` sends, without credentials (the dry run prints this)."""
    refuse_retired_upload(media_upload)
    return {
        "kanal": "x",
        "opplasting": {"url": V2_UPLOAD, "media_category": "tweet_image", **image_summary(post)},
        "alt_tekst": {"url": V2_METADATA, "alt_text": post.alt_text},
        "innlegg": {
            "url": CREATE_TWEET,
            "text": post.text,
            "media": {"media_ids": ["<id fra opplastingen>"]},
        },
    }


def too_many_requests(response: requests.Response, message: str) -> Exception:
    """429: a rate limit waits for its reset; a usage cap waits only for a daily reset."""
    problem = _json(response)
    capped = problem.get("type") == USAGE_CAPPED or problem.get("title") == "UsageCapExceeded"
    if not capped:
        return RateLimited(message, reset=rate_limit_reset(response.headers))
    detail = str(problem.get("detail") or problem.get("title") or "usage cap")
    daily = daily_cap_reset(response.headers)
    if daily is not None:
        local = daily.astimezone(OSLO)
        return RateLimited(
            f"X: dagskvoten for API-et er brukt opp ({detail}); venter til den nullstilles "
            f"{local:%d.%m. kl. %H:%M}.",
            reset=daily,
        )
    return UsageCapped(
        f"X svarte 429: bruksgrensen for API-et er nådd ({detail}), og den nullstilles ikke i "
        "løpet av dagen. Postingen til X stopper her i stedet for å prøve på nytt; post for "
        "hånd på X, og avgjør med «stemme post retry» når kvoten er fornyet.",
        http_status=429,
    )


def _json(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def daily_cap_reset(headers: Mapping[str, str]) -> datetime | None:
    """When an exhausted 24-hour cap (user or app) resets; None if none is exhausted."""
    resets = [
        int(reset)
        for prefix in ("x-user-limit-24hour", "x-app-limit-24hour")
        if headers.get(f"{prefix}-remaining") == "0"
        and str(reset := headers.get(f"{prefix}-reset", "")).isdigit()
    ]
    return datetime.fromtimestamp(max(resets), UTC) if resets else None


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


def connect(posting: Posting, environ: Mapping[str, str] | None = None) -> XChannel:
    """The live channel (credentials from the environment), for the channel table."""
    return XChannel.from_env(posting.x_media_upload, environ)


def preview(post: Post, posting: Posting) -> dict[str, Any]:
    """Exactly what would be sent (dry run), for the channel table."""
    return render_payload(post, posting.x_media_upload)
