"""Bluesky channel: the real atproto client (httpx) runs; respx answers at the HTTP edge."""

from __future__ import annotations

import base64
import json

import httpx
import pytest
import respx

from generator.social.bluesky import BlueskyChannel, facets
from generator.social.channel import NotSent, Post, RateLimited, Rejected, Unknown

from .conftest import ALT

SERVICE = "https://pds.test"
DID = "did:plc:stemmetest123"
CID = "bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy"
# atproto 0.0.73 uploads blobs with httpx's deprecated ``data=<bytes>``; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")

TEXT = "Æ ø å: les mer på https://krisesenter.no/kampanjer/a/ #TaushetTarLiv!"


def _jwt() -> str:
    def part(data: dict) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    header = part({"alg": "HS256", "typ": "JWT"})
    claims = part({"sub": DID, "exp": 4102444800, "iat": 1700000000})
    return f"{header}.{claims}.c2ln"


def _routes(mock: respx.MockRouter, record: httpx.Response | None = None) -> dict[str, respx.Route]:
    session = {"accessJwt": _jwt(), "refreshJwt": _jwt(), "handle": "stemme.test", "did": DID}
    blob = {"blob": {"$type": "blob", "ref": {"$link": CID}, "mimeType": "image/png", "size": 10}}
    created = {"uri": f"at://{DID}/app.bsky.feed.post/3lcx2abc", "cid": CID}
    return {
        "session": mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").respond(
            json=session
        ),
        "blob": mock.post(f"{SERVICE}/xrpc/com.atproto.repo.uploadBlob").respond(json=blob),
        "record": mock.post(f"{SERVICE}/xrpc/com.atproto.repo.createRecord").mock(
            return_value=record or httpx.Response(200, json=created)
        ),
    }


@pytest.fixture
def post(card) -> Post:
    return Post("test-2026/2026-11-25/bluesky", "bluesky", TEXT, card, ALT)


def test_facets_use_utf8_byte_offsets():
    found = facets(TEXT)
    encoded = TEXT.encode("utf-8")
    link, tag = found
    assert (
        encoded[link["index"]["byteStart"] : link["index"]["byteEnd"]]
        == b"https://krisesenter.no/kampanjer/a/"
    )
    assert link["features"][0]["uri"] == "https://krisesenter.no/kampanjer/a/"
    assert encoded[tag["index"]["byteStart"] : tag["index"]["byteEnd"]] == b"#TaushetTarLiv"
    assert tag["features"][0]["tag"] == "TaushetTarLiv"
    # Æ, ø, å and the å in «på» are two bytes each: the link starts 4 bytes later.
    assert link["index"]["byteStart"] == TEXT.index("https") + 4


def test_publish_logs_in_uploads_image_and_posts_with_alt_langs_and_facets(credentials, post, card):
    with respx.mock(assert_all_called=True) as mock:
        routes = _routes(mock)
        receipt = BlueskyChannel(credentials, SERVICE).publish(post)
    login = json.loads(routes["session"].calls.last.request.content)
    assert login == {"identifier": "stemme.test", "password": "bpass-SECRET-6666"}
    assert routes["blob"].calls.last.request.content == card.read_bytes()
    request = routes["record"].calls.last.request
    assert request.headers["Authorization"].startswith("Bearer ")
    body = json.loads(request.content)
    assert body["repo"] == DID
    assert body["collection"] == "app.bsky.feed.post"
    record = body["record"]
    assert record["text"] == TEXT
    assert record["langs"] == ["nb"]
    assert record["facets"] == facets(TEXT) or _same_facets(record["facets"], facets(TEXT))
    image = record["embed"]["images"][0]
    assert image["alt"] == ALT
    assert image["image"]["ref"] == {"$link": CID}
    assert (image["aspectRatio"]["width"], image["aspectRatio"]["height"]) == (108, 108)
    assert receipt.remote_id == f"at://{DID}/app.bsky.feed.post/3lcx2abc"
    assert receipt.url == "https://bsky.app/profile/stemme.test/post/3lcx2abc"


def _same_facets(sent: list[dict], expected: list[dict]) -> bool:
    strip = lambda fs: [  # noqa: E731
        (
            {k: v for k, v in f["index"].items() if k != "$type"},
            f["features"][0].get("uri") or f["features"][0].get("tag"),
        )
        for f in fs
    ]
    return strip(sent) == strip(expected)


def test_429_is_rate_limited_with_reset(credentials, post):
    limited = httpx.Response(
        429, json={"error": "RateLimitExceeded"}, headers={"ratelimit-reset": "4102444800"}
    )
    with respx.mock() as mock:
        _routes(mock, record=limited)
        with pytest.raises(RateLimited) as caught:
            BlueskyChannel(credentials, SERVICE).publish(post)
    assert caught.value.reset is not None and caught.value.reset.year == 2100


def test_connect_error_is_not_sent_and_server_error_on_post_is_unknown(credentials, post):
    with respx.mock() as mock:
        mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").mock(
            side_effect=httpx.ConnectError("no route")
        )
        with pytest.raises(NotSent):
            BlueskyChannel(credentials, SERVICE).publish(post)
    with respx.mock() as mock:
        _routes(mock, record=httpx.Response(500, json={"error": "InternalServerError"}))
        with pytest.raises(Unknown):
            BlueskyChannel(credentials, SERVICE).publish(post)
    with respx.mock() as mock:
        mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").respond(
            401,
            json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
        )
        with pytest.raises(Rejected) as caught:
            BlueskyChannel(credentials, SERVICE).publish(post)
    assert "bpass-SECRET" not in str(caught.value)
