"""Bluesky: the card with alt text, ``langs=["nb"]``, links and hashtags as facets.

Bluesky does not find links in the text by itself: a link or hashtag is only clickable
when the post carries a *facet* for it, addressed by UTF-8 **byte** offsets (so every
«æ», «ø», «å» before a link shifts it by one extra byte). We build them ourselves, offline,
and log in with the handle and an app password from the environment.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import httpx
import regex
from atproto import Client, models
from atproto_client import exceptions as at
from PIL import Image

from generator.social.channel import (
    Credentials,
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

ENV = ("STEMME_BLUESKY_HANDLE", "STEMME_BLUESKY_APP_PASSWORD")
DEFAULT_SERVICE = "https://bsky.social"

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

    def __init__(self, credentials: Credentials, service: str = DEFAULT_SERVICE) -> None:
        quiet_library_loggers(credentials.secrets())
        self._credentials = credentials
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
            self.client.login(
                self.handle,
                self._credentials["STEMME_BLUESKY_APP_PASSWORD"],
                fetch_bsky_profile=False,
            )
            blob = self.client.upload_blob(data).blob
        except at.AtProtocolError as exc:
            raise _error(exc, during_post=False) from None
        embed = models.AppBskyEmbedImages.Main(
            images=[
                models.AppBskyEmbedImages.Image(alt=post.alt_text, image=blob, aspect_ratio=ratio)
            ]
        )
        try:
            created = self.client.send_post(
                post.text,
                profile_identify=self._did(),
                embed=embed,
                langs=[post.language],
                facets=_facet_models(post.text),
            )
        except at.AtProtocolError as exc:
            raise _error(exc, during_post=True) from None
        rkey = created.uri.rsplit("/", 1)[-1]
        return Receipt(created.uri, f"https://bsky.app/profile/{self.handle}/post/{rkey}", 200)

    def _did(self) -> str:
        session = self.client._session  # the session of the login above
        return session.did if session else self.handle


def render_payload(post: Post, service: str = DEFAULT_SERVICE) -> dict[str, Any]:
    """Exactly what ``publish`` sends, without credentials (the dry run prints this)."""
    return {
        "kanal": "bluesky",
        "opplasting": {"url": f"{service}/xrpc/com.atproto.repo.uploadBlob", **image_summary(post)},
        "innlegg": {
            "url": f"{service}/xrpc/com.atproto.repo.createRecord",
            "text": post.text,
            "langs": [post.language],
            "facets": facets(post.text),
        },
    }


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
