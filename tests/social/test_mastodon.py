"""Mastodon channel: the real Mastodon.py code runs; only the HTTP edge is mocked."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs

import pytest
import requests
import responses

from generator.social.channel import NotSent, Post, RateLimited, Rejected, SafeToRepeat
from generator.social.mastodon_channel import (
    MEDIA_PAUSE,
    MEDIA_POLLS,
    STATUS_ATTEMPTS,
    STATUS_PAUSES,
    MastodonChannel,
)
from tests.social.helpers import ALT, INSTANCE, READY, STATUS


@pytest.fixture
def post(card) -> Post:
    return Post(
        "test-2026/2026-11-25/mastodon", "mastodon", "Én av fire drap. #TaushetTarLiv", card, ALT
    )


def channel(credentials, sleeps: list[float] | None = None) -> MastodonChannel:
    return MastodonChannel(credentials, sleep=(sleeps if sleeps is not None else []).append)


MEDIA = f"{INSTANCE}/api/v1/media/m1"
PROCESSING = {"id": "m1", "type": "image", "url": None}


def test_publish_uploads_with_description_and_posts_in_norwegian_once(credentials, post, card):
    sleeps: list[float] = []
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", status=202, json=PROCESSING)
        rsps.get(MEDIA, status=206, json=PROCESSING)
        rsps.get(MEDIA, status=200, json=READY)
        rsps.post(f"{INSTANCE}/api/v1/statuses", json=STATUS)
        receipt = channel(credentials, sleeps).publish(post)
        media, poll_1, poll_2, status = rsps.calls
    assert card.read_bytes() in media.request.body
    assert ALT.encode() in media.request.body  # description field
    assert b'name="description"' in media.request.body
    assert media.request.headers["Authorization"] == "Bearer mtoken-SECRET-5555"
    assert (poll_1.request.method, poll_2.request.url) == ("GET", MEDIA)
    assert sleeps == [MEDIA_PAUSE, MEDIA_PAUSE]  # the card was ready before the status POST
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


def test_a_card_still_processing_after_bounded_polls_is_not_sent(credentials, post):
    sleeps: list[float] = []
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", status=202, json=PROCESSING)
        rsps.get(MEDIA, status=206, json=PROCESSING)
        with pytest.raises(NotSent) as caught:
            channel(credentials, sleeps).publish(post)
        polls = [c for c in rsps.calls if c.request.method == "GET"]
        assert not any(c.request.url.endswith("/statuses") for c in rsps.calls)
    assert len(polls) == MEDIA_POLLS and sleeps == [MEDIA_PAUSE] * MEDIA_POLLS
    assert str(caught.value) == (
        f"Mastodon behandlet fortsatt kortet etter {MEDIA_POLLS} forsøk; innlegget er ikke "
        "sendt og prøves igjen ved neste kjøring."
    )


@pytest.mark.parametrize(
    "failure",
    [{"status": 503, "json": {"error": "unavailable"}},
     {"body": requests.ReadTimeout("read timed out")}],
    ids=["503", "timeout"],
)  # fmt: skip
def test_a_failed_status_post_is_retried_with_the_same_idempotency_key(credentials, post, failure):
    sleeps: list[float] = []
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        rsps.post(f"{INSTANCE}/api/v1/statuses", **failure)
        rsps.post(f"{INSTANCE}/api/v1/statuses", json=STATUS)
        receipt = channel(credentials, sleeps).publish(post)
        statuses = [c for c in rsps.calls if c.request.url.endswith("/statuses")]
    assert receipt.remote_id == "113"
    assert len(statuses) == 2 and sleeps == [STATUS_PAUSES[0]]
    keys = {c.request.headers["Idempotency-Key"] for c in statuses}
    assert keys == {post.idempotency_key}


def test_a_status_post_failing_every_time_is_safe_to_repeat_within_the_window(credentials, post):
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=503, json={"error": "unavailable"})
        with pytest.raises(SafeToRepeat) as caught:
            channel(credentials).publish(post)
        statuses = [c for c in rsps.calls if c.request.url.endswith("/statuses")]
    assert len(statuses) == STATUS_ATTEMPTS
    assert caught.value.window == timedelta(minutes=55) and caught.value.http_status == 503
    assert str(caught.value) == (
        "Mastodon svarte 503 på innlegget 3 ganger — uklart om det ble publisert, men et nytt "
        "forsøk med samme Idempotency-Key kan ikke gi to innlegg."
    )


def test_429_is_rate_limited_with_reset(credentials, post):
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        rsps.post(
            f"{INSTANCE}/api/v1/statuses",
            status=429,
            json={"error": "Too many requests"},
            headers={"X-RateLimit-Reset": "2099-01-01T00:00:00.000Z", "X-RateLimit-Remaining": "0"},
        )
        with pytest.raises(RateLimited) as caught:
            channel(credentials).publish(post)
    assert caught.value.reset is not None and caught.value.reset.year == 2099


def test_errors_are_classified(credentials, post):
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", status=500, json={"error": "boom"})
        with pytest.raises(NotSent):
            channel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=422, json={"error": "Validation failed"})
        with pytest.raises(Rejected):
            channel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        busy = {"error": "Cannot attach files that have not finished processing. Try again!"}
        rsps.post(f"{INSTANCE}/api/v1/statuses", status=422, json=busy)
        with pytest.raises(NotSent):
            channel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
        rsps.post(f"{INSTANCE}/api/v1/statuses", body=requests.ConnectionError(
            "HTTPSConnectionPool: Max retries exceeded (NewConnectionError: refused)"
        ))  # fmt: skip
        with pytest.raises(NotSent) as caught:
            channel(credentials).publish(post)
    assert not isinstance(caught.value, SafeToRepeat)  # never connected: nothing reached it
