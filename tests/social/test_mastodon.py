"""Mastodon channel: the real Mastodon.py code runs; only the HTTP edge is mocked."""

from __future__ import annotations

from urllib.parse import parse_qs

import pytest
import responses

from generator.social.channel import NotSent, Post, RateLimited, Rejected, Unknown
from generator.social.mastodon_channel import MastodonChannel

from .conftest import ALT

INSTANCE = "https://mastodon.test"
STATUS = {
    "id": "113",
    "uri": f"{INSTANCE}/users/stemme/statuses/113",
    "url": f"{INSTANCE}/@stemme/113",
    "content": "<p>x</p>",
    "created_at": "2026-11-25T07:00:00.000Z",
}


@pytest.fixture
def post(card) -> Post:
    return Post(
        "test-2026/2026-11-25/mastodon", "mastodon", "Én av fire drap. #TaushetTarLiv", card, ALT
    )


def test_publish_uploads_with_description_and_posts_in_norwegian_once(credentials, post, card):
    with responses.RequestsMock() as rsps:
        rsps.post(
            f"{INSTANCE}/api/v2/media", status=202, json={"id": "m1", "type": "image", "url": None}
        )
        rsps.post(f"{INSTANCE}/api/v1/statuses", json=STATUS)
        receipt = MastodonChannel(credentials).publish(post)
        media, status = rsps.calls
    assert card.read_bytes() in media.request.body
    assert ALT.encode() in media.request.body  # description field
    assert b'name="description"' in media.request.body
    assert media.request.headers["Authorization"] == "Bearer mtoken-SECRET-5555"
    body = parse_qs(status.request.body)
    assert body["status"] == [post.text]
    assert body["language"] == ["nb"]
    assert body["media_ids[]"] == ["m1"]
    assert body["visibility"] == ["public"]
    assert status.request.headers["Idempotency-Key"] == post.idempotency_key
    assert (
        post.idempotency_key
        == Post("test-2026/2026-11-25/mastodon", "mastodon", "annen", None, "").idempotency_key
    )
    assert receipt.remote_id == "113"
    assert receipt.url == f"{INSTANCE}/@stemme/113"


def test_429_is_rate_limited_with_reset(credentials, post):
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json={"id": "m1", "type": "image", "url": None})
        rsps.post(
            f"{INSTANCE}/api/v1/statuses",
            status=429,
            json={"error": "Too many requests"},
            headers={"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z", "X-RateLimit-Remaining": "0"},
        )
        with pytest.raises(RateLimited) as caught:
            MastodonChannel(credentials).publish(post)
    assert caught.value.reset is not None and caught.value.reset.year == 2099


def test_errors_are_classified(credentials, post):
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", status=500, json={"error": "boom"})
        with pytest.raises(NotSent):
            MastodonChannel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json={"id": "m1", "type": "image", "url": None})
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=503, json={"error": "unavailable"})
        with pytest.raises(Unknown):
            MastodonChannel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json={"id": "m1", "type": "image", "url": None})
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=422, json={"error": "Validation failed"})
        with pytest.raises(Rejected):
            MastodonChannel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json={"id": "m1", "type": "image", "url": None})
        busy = {"error": "Cannot attach files that have not finished processing. Try again!"}
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=422, json=busy)
        with pytest.raises(NotSent):
            MastodonChannel(credentials).publish(post)
