"""Bluesky: the card with alt text, ``langs=["nb"]``, links and hashtags as facets.

Bluesky does not find links in the text by itself: a link or hashtag is only clickable
when the post carries a *facet* for it, addressed by UTF-8 **byte** offsets (so every
«æ», «ø», «å» before a link shifts it by one extra byte). We build them ourselves, offline,
and log in with the handle and an app password from the environment — once per channel
object, so once per ``post due`` run.

Creation is idempotent: the post is written with a record key (:func:`record_key`, a valid
TID) derived from the ledger key and the due time, so the same plan item always has the
same key and the repository refuses a second record with it. After a 5xx or a timeout on
``createRecord`` the record is looked up by that key (``getRecord``): there → published;
«RecordNotFound» → created again at once with the same key (a repeat of a record that
does exist comes back as a generic 500 and is looked up again). When even the lookup
fails, :class:`SafeToRepeat` (no time limit) leaves it to the next run.
"""

from __future__ import annotations

import hashlib
import io
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import regex
from atproto import Client, models
from atproto_client import exceptions as at
from PIL import Image

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

ENV = ("STEMME_BLUESKY_HANDLE", "STEMME_BLUESKY_APP_PASSWORD")
DEFAULT_SERVICE = "https://bsky.social"
COLLECTION = "app.bsky.feed.post"
CREATE_ATTEMPTS = 3
CREATE_PAUSES = (2.0, 10.0)  # seconds before the 2nd and 3rd attempt
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"  # base32-sortable
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def record_key(key: str, due_at: datetime) -> str:
    """A valid TID for the plan item: the due time (in µs, plus a part of the key's hash)
    and a 10-bit clock id from the key's hash. Same item → same record key, always."""
    digest = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big")
    micros = (due_at - _EPOCH) // timedelta(microseconds=1) + digest % 1_000_000
    value = (micros << 10) | (digest >> 54)  # top bit stays 0: micros < 2**53
    return "".join(TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))


_LINK = regex.compile(r"https?://[^\s]+")
_TRAILING = regex.compile(r"[.,;:!?)\]»”'\"]+$")
_TAG = regex.compile(r"(?<![\p{L}\p{N}_&/])#((?=[\p{L}\p{N}_]*\p{L})[\p{L}\p{N}_]{1,64})")


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode("utf-8"))


def facets(text: str) -> list[dict[str, Any]]:
    """Links and hashtags as facet dicts with UTF-8 byte offsets, in text order."""
    found: list[tuple[int, int, dict[str, str]]] = []
    for match in _LINK.finditer(text):
        link = _TRAILING.sub("", match.group(0))
        start = match.start()
        found.append(
            (start, start + len(link), {"$type": "app.bsky.richtext.facet#link", "uri": link})
        )
    for match in _TAG.finditer(text):
        if any(s <= match.start() < e for s, e, _ in found):
            continue
        feature = {"$type": "app.bsky.richtext.facet#tag", "tag": match.group(1)}
        found.append((match.start(), match.end(), feature))
    return [
        {
            "index": {"byteStart": _byte_offset(text, s), "byteEnd": _byte_offset(text, e)},
            "features": [f],
        }
        for s, e, f in sorted(found, key=lambda item: item[0])
    ]


def _facet_models(text: str) -> list[models.AppBskyRichtextFacet.Main]:
    result = []
    for facet in facets(text):
        feature = facet["features"][0]
        if feature["$type"].endswith("#link"):
            model: Any = models.AppBskyRichtextFacet.Link(uri=feature["uri"])
        else:
            model = models.AppBskyRichtextFacet.Tag(tag=feature["tag"])
        index = models.AppBskyRichtextFacet.ByteSlice(
            byte_start=facet["index"]["byteStart"], byte_end=facet["index"]["byteEnd"]
        )
        result.append(models.AppBskyRichtextFacet.Main(features=[model], index=index))
    return result


class BlueskyChannel:
    name = "bluesky"

    def __init__(
        self,
        credentials: Credentials,
        service: str = DEFAULT_SERVICE,
        *,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        quiet_library_loggers(credentials.secrets())
        self._credentials = credentials
        self._sleep = sleep
        self._repo: str | None = None  # the account's DID once logged in
        self.handle = credentials["STEMME_BLUESKY_HANDLE"].lstrip("@")
        self.service = service.rstrip("/")
        self.client = Client(base_url=self.service)

    @classmethod
    def from_env(
        cls, service: str = DEFAULT_SERVICE, environ: Mapping[str, str] | None = None
    ) -> BlueskyChannel:
        return cls(credentials_from_env("bluesky", ENV, environ), service)

    def __repr__(self) -> str:
        return f"BlueskyChannel(handle={self.handle!r}, service={self.service!r})"

    def secrets(self) -> list[str]:
        return [self._credentials["STEMME_BLUESKY_APP_PASSWORD"]]

    def validate(self, post: Post) -> list[str]:
        return validate_common(post)

    def payload(self, post: Post) -> dict[str, Any]:
        return render_payload(post, self.service)

    def publish(self, post: Post) -> Receipt:
        data = post.image_bytes()
        with Image.open(io.BytesIO(data)) as image:
            ratio = models.AppBskyEmbedDefs.AspectRatio(width=image.width, height=image.height)
        try:
            repo = self._login()
            blob = self.client.upload_blob(data).blob
        except at.AtProtocolError as exc:
            raise _error(exc, during_post=False) from None
        embed = models.AppBskyEmbedImages.Main(
            images=[
                models.AppBskyEmbedImages.Image(alt=post.alt_text, image=blob, aspect_ratio=ratio)
            ]
        )
        record = models.AppBskyFeedPost.Record(
            created_at=self.client.get_current_time_iso(),
            text=post.text,
            embed=embed,
            langs=[post.language],
            facets=_facet_models(post.text),
        )
        return self._create(repo, record, _post_key(post))

    def _login(self) -> str:
        """Log in once per channel object (so once per run); the account's DID."""
        if self._repo is None:
            self.client.login(
                self.handle,
                self._credentials["STEMME_BLUESKY_APP_PASSWORD"],
                fetch_bsky_profile=False,
            )
            session = self.client._session  # the session of the login above
            self._repo = session.did if session else self.handle
        return self._repo

    def _create(self, repo: str, record: Any, rkey: str) -> Receipt:
        """createRecord with a fixed record key; after a 5xx/timeout, look it up first."""
        for attempt in range(CREATE_ATTEMPTS):
            if attempt:
                self._sleep(CREATE_PAUSES[min(attempt, len(CREATE_PAUSES)) - 1])
            try:
                created = self.client.app.bsky.feed.post.create(repo, record, rkey=rkey)
                return self._receipt(created.uri)
            except at.AtProtocolError as exc:
                error = _error(exc, during_post=True)
                if not isinstance(error, Unknown):
                    raise error from None
                status = error.http_status
            if found := self._lookup(repo, rkey, status):
                return self._receipt(found)
        raise SafeToRepeat(
            f"Bluesky svarte ikke sikkert på innlegget etter {CREATE_ATTEMPTS} forsøk, og "
            f"posten med nøkkelen {rkey} finnes ikke ennå; et nytt forsøk med samme nøkkel "
            "kan ikke gi to innlegg.",
            window=None,
            http_status=status,
        )

    def _lookup(self, repo: str, rkey: str, status: int | None) -> str | None:
        """The record's URI if the post exists; None if not; SafeToRepeat if we cannot tell."""
        try:
            return self.client.app.bsky.feed.post.get(repo, rkey).uri
        except at.AtProtocolError as exc:
            if isinstance(exc, at.BadRequestError) and _problem(exc).endswith("RecordNotFound"):
                return None
            problem = _problem(exc)
        raise SafeToRepeat(
            f"Bluesky svarte ikke sikkert på innlegget, og det gikk ikke å sjekke om posten "
            f"med nøkkelen {rkey} finnes ({problem}); et nytt forsøk med samme nøkkel kan ikke "
            "gi to innlegg.",
            window=None,
            http_status=status,
        )

    def _receipt(self, uri: str) -> Receipt:
        rkey = uri.rsplit("/", 1)[-1]
        return Receipt(uri, f"https://bsky.app/profile/{self.handle}/post/{rkey}", 200)


def _post_key(post: Post) -> str:
    if post.due_at is None:
        raise ValueError(f"{post.key}: innlegget mangler tidspunkt (due_at)")
    return record_key(post.key, post.due_at)


def render_payload(post: Post, service: str = DEFAULT_SERVICE) -> dict[str, Any]:
    """Exactly what ``publish`` sends, without credentials (the dry run prints this)."""
    return {
        "kanal": "bluesky",
        "opplasting": {"url": f"{service}/xrpc/com.atproto.repo.uploadBlob", **image_summary(post)},
        "innlegg": {
            "url": f"{service}/xrpc/com.atproto.repo.createRecord",
            "rkey": _post_key(post) if post.due_at else None,
            "text": post.text,
            "langs": [post.language],
            "facets": facets(post.text),
        },
    }


def _problem(exc: at.AtProtocolError) -> str:
    """«500 InternalServerError» from an XRPC error; the exception's name when no answer came."""
    response = getattr(exc, "response", None)
    if response is None:
        return type(exc).__name__
    content = response.content
    error = content.get("error") if isinstance(content, dict) else getattr(content, "error", None)
    return f"{response.status_code} {error}" if error else str(response.status_code)


def _error(exc: at.AtProtocolError, *, during_post: bool) -> Exception:
    response = getattr(exc, "response", None)
    status = response.status_code if response is not None else None
    if isinstance(exc, at.RateLimitExceededError) or status == 429:
        headers = response.headers if response is not None else {}
        reset = headers.get("ratelimit-reset")
        when = datetime.fromtimestamp(int(reset), UTC) if reset and str(reset).isdigit() else None
        return RateLimited("Bluesky: for mange forespørsler.", reset=when)
    if isinstance(exc, at.NetworkError) and response is None:
        cause = exc.__cause__
        if isinstance(cause, httpx.ConnectError | httpx.ConnectTimeout) or not during_post:
            return NotSent("Fikk ikke kontakt med Bluesky; innlegget er ikke sendt.")
        return Unknown("Forbindelsen til Bluesky brøt under innleggingen; sjekk kontoen.")
    if status is not None and status >= 500:
        if during_post:
            return Unknown(
                f"Bluesky svarte {status} på innlegget — uklart om det ble publisert. "
                "Sjekk kontoen.",
                http_status=status,
            )
        return NotSent(f"Bluesky svarte {status}; innlegget er ikke sendt.", http_status=status)
    if isinstance(exc, at.UnauthorizedError):
        return Rejected(
            "Bluesky avviste innloggingen — sjekk brukernavnet og app-passordet "
            "(STEMME_BLUESKY_HANDLE, STEMME_BLUESKY_APP_PASSWORD).",
            http_status=status,
        )
    return Rejected(f"Bluesky avviste innlegget: {exc}", http_status=status)


def connect(posting: Posting, environ: Mapping[str, str] | None = None) -> BlueskyChannel:
    """The live channel (credentials from the environment), for the channel table."""
    return BlueskyChannel.from_env(posting.bluesky_service, environ)


def preview(post: Post, posting: Posting) -> dict[str, Any]:
    """Exactly what would be sent (dry run), for the channel table."""
    return render_payload(post, posting.bluesky_service)
