"""Bluesky channel: the real atproto client (httpx) runs; respx answers at the HTTP edge."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import httpx
import pytest
import respx

from generator.social.bluesky import CREATE_PAUSES, BlueskyChannel, facets, record_key
from generator.social.channel import NotSent, Post, RateLimited, Rejected, SafeToRepeat
from tests.social.helpers import (
    ALT,
    CID,
    DID,
    DUE,
    FOUND,
    KEY,
    RKEY,
    SERVICE,
    TEXT,
    URI,
    bluesky_routes,
)

# atproto 0.0.73 uploads blobs with httpx's deprecated ``data=<bytes>``; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")

TID = re.compile(r"^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$")


def channel(credentials, sleeps: list[float] | None = None) -> BlueskyChannel:
    return BlueskyChannel(credentials, SERVICE, sleep=(sleeps if sleeps is not None else []).append)


def rkeys(route: respx.Route) -> list[str]:
    return [json.loads(call.request.content)["rkey"] for call in route.calls]


@pytest.fixture
def post(card) -> Post:
    return Post(KEY, "bluesky", TEXT, card, ALT, due_at=DUE)


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
    with respx.mock(assert_all_called=False) as mock:
        routes = bluesky_routes(mock)
        receipt = channel(credentials).publish(post)
    login = json.loads(routes["session"].calls.last.request.content)
    assert login == {"identifier": "stemme.test", "password": "bpass-SECRET-6666"}
    assert routes["blob"].calls.last.request.content == card.read_bytes()
    request = routes["record"].calls.last.request
    assert request.headers["Authorization"].startswith("Bearer ")
    body = json.loads(request.content)
    assert body["repo"] == DID
    assert body["collection"] == "app.bsky.feed.post"
    assert body["rkey"] == RKEY and TID.match(RKEY)
    assert not routes["lookup"].called
    record = body["record"]
    assert record["text"] == TEXT
    assert record["langs"] == ["nb"]
    assert record["facets"] == facets(TEXT) or _same_facets(record["facets"], facets(TEXT))
    image = record["embed"]["images"][0]
    assert image["alt"] == ALT
    assert image["image"]["ref"] == {"$link": CID}
    assert (image["aspectRatio"]["width"], image["aspectRatio"]["height"]) == (108, 108)
    assert receipt.remote_id == URI
    assert receipt.url == f"https://bsky.app/profile/stemme.test/post/{RKEY}"


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
    with respx.mock(assert_all_called=False) as mock:
        bluesky_routes(mock, record=limited)
        with pytest.raises(RateLimited) as caught:
            channel(credentials).publish(post)
    assert caught.value.reset is not None and caught.value.reset.year == 2100


def test_connect_error_is_not_sent_and_a_refused_login_is_rejected(credentials, post):
    with respx.mock(assert_all_called=False) as mock:
        mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").mock(
            side_effect=httpx.ConnectError("no route")
        )
        with pytest.raises(NotSent):
            channel(credentials).publish(post)
    with respx.mock(assert_all_called=False) as mock:
        mock.post(f"{SERVICE}/xrpc/com.atproto.server.createSession").respond(
            401,
            json={"error": "AuthenticationRequired", "message": "Invalid identifier or password"},
        )
        with pytest.raises(Rejected) as caught:
            channel(credentials).publish(post)
    assert "bpass-SECRET" not in str(caught.value)


def test_record_keys_are_valid_tids_stable_per_item_and_distinct():
    assert record_key(KEY, DUE) == record_key(KEY, DUE) == RKEY
    others = {record_key(f"kampanje-{n}/2026-11-25/bluesky", DUE) for n in range(2000)}
    assert len(others) == 2000 and all(TID.match(k) for k in others)
    assert record_key(KEY, DUE + timedelta(minutes=1)) > RKEY  # TIDs sort by time


def test_logs_in_once_for_several_posts(credentials, post, card):
    second = Post("test-2026/2026-11-26/bluesky", "bluesky", "Dag to", card, ALT, due_at=DUE)
    with respx.mock(assert_all_called=False) as mock:
        routes = bluesky_routes(mock)
        publisher = channel(credentials)
        publisher.publish(post)
        publisher.publish(second)
    assert routes["session"].call_count == 1 and routes["record"].call_count == 2
    assert rkeys(routes["record"]) == [RKEY, record_key(second.key, DUE)]


def test_500_then_not_found_is_created_again_with_the_same_record_key(credentials, post):
    sleeps: list[float] = []
    created = httpx.Response(200, json={"uri": URI, "cid": CID})
    with respx.mock(assert_all_called=False) as mock:
        failed = httpx.Response(500, json={"error": "InternalServerError"})
        routes = bluesky_routes(mock, record=[failed, created])
        receipt = channel(credentials, sleeps).publish(post)
    assert receipt.remote_id == URI
    assert rkeys(routes["record"]) == [RKEY, RKEY]
    assert routes["lookup"].call_count == 1 and sleeps == [CREATE_PAUSES[0]]
    assert dict(routes["lookup"].calls.last.request.url.params) == {
        "collection": "app.bsky.feed.post", "repo": DID, "rkey": RKEY,
    }  # fmt: skip


def test_timeout_then_found_is_published_without_a_second_create(credentials, post):
    with respx.mock(assert_all_called=False) as mock:
        routes = bluesky_routes(mock, record=[httpx.ReadTimeout("read timed out")], lookup=FOUND)
        receipt = channel(credentials).publish(post)
    assert receipt.remote_id == URI and routes["record"].call_count == 1


def test_when_even_the_lookup_fails_it_is_safe_to_repeat_later(credentials, post):
    broken = httpx.Response(500, json={"error": "InternalServerError"})
    with respx.mock(assert_all_called=False) as mock:
        routes = bluesky_routes(mock, record=broken, lookup=broken)
        with pytest.raises(SafeToRepeat) as caught:
            channel(credentials).publish(post)
    assert caught.value.window is None and routes["record"].call_count == 1
    assert str(caught.value) == (
        "Bluesky svarte ikke sikkert på innlegget, og det gikk ikke å sjekke om posten med "
        f"nøkkelen {RKEY} finnes (500 InternalServerError); et nytt forsøk med samme nøkkel "
        "kan ikke gi to innlegg."
    )
