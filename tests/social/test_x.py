"""X channel: the real tweepy/requests code runs; only the HTTP edge is mocked (responses)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
import requests
import responses

from generator.social.channel import Duplicate, NoCredits, NotSent, Post, RateLimited, Unknown
from generator.social.x import (
    CREATE_TWEET,
    V2_METADATA,
    V2_UPLOAD,
    V11_METADATA,
    V11_UPLOAD,
    XChannel,
    rate_limit_reset,
)

from .conftest import ALT

MEDIA_ID = "1880028106020515840"


@pytest.fixture
def post(card) -> Post:
    return Post(
        "test-2026/2026-11-25/x", "x", "Én av fire drap er partnerdrap. #TaushetTarLiv", card, ALT
    )


def _ok_upload(rsps: responses.RequestsMock) -> None:
    rsps.post(V2_UPLOAD, json={"data": {"id": MEDIA_ID, "media_key": f"3_{MEDIA_ID}"}})
    rsps.post(V2_METADATA, json={"data": {"associated_metadata": {}}})


def test_publish_uploads_card_sets_alt_text_and_links_media(credentials, post, card):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, status=201, json={"data": {"id": "1861", "text": post.text}})
        receipt = XChannel(credentials).publish(post)
        upload, metadata, tweet = rsps.calls
    assert upload.request.url == V2_UPLOAD
    assert card.read_bytes() in upload.request.body
    assert b'name="media_category"' in upload.request.body and b"tweet_image" in upload.request.body
    assert upload.request.headers["Authorization"].startswith("OAuth ")
    assert json.loads(metadata.request.body) == {
        "id": MEDIA_ID,
        "metadata": {"alt_text": {"text": ALT}},
    }
    assert metadata.request.headers["Authorization"].startswith("OAuth ")
    assert json.loads(tweet.request.body) == {"text": post.text, "media": {"media_ids": [MEDIA_ID]}}
    assert receipt.remote_id == "1861"
    assert receipt.url == "https://x.com/i/web/status/1861"


def test_v11_fallback_uses_upload_twitter_com(credentials, post, card):
    with responses.RequestsMock() as rsps:
        rsps.post(V11_UPLOAD, json={"media_id": 42, "media_id_string": "42"})
        rsps.post(V11_METADATA, status=200, body="")
        rsps.post(CREATE_TWEET, status=201, json={"data": {"id": "7", "text": post.text}})
        XChannel(credentials, media_upload="v1.1").publish(post)
        upload, metadata, tweet = rsps.calls
    assert card.read_bytes() in upload.request.body
    assert json.loads(metadata.request.body) == {"media_id": "42", "alt_text": {"text": ALT}}
    assert json.loads(tweet.request.body)["media"] == {"media_ids": ["42"]}


def test_429_gives_the_latest_exhausted_reset_including_24_hour_cap(credentials, post):
    headers = {
        "x-rate-limit-remaining": "3",
        "x-rate-limit-reset": "1795680000",
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": "1795720000",
        "x-app-limit-24hour-remaining": "120",
        "x-app-limit-24hour-reset": "1795760000",
    }
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, status=429, headers=headers, json={"title": "Too Many Requests"})
        with pytest.raises(RateLimited) as caught:
            XChannel(credentials).publish(post)
    assert caught.value.reset == datetime.fromtimestamp(1795720000, UTC)


def test_rate_limit_reset_without_remaining_counts_uses_every_reset():
    assert rate_limit_reset({"x-rate-limit-reset": "100"}) == datetime.fromtimestamp(100, UTC)
    assert rate_limit_reset({}) is None


def test_402_is_no_credits_and_403_duplicate_is_duplicate(credentials, post):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(
            CREATE_TWEET, status=402, json={"title": "CreditsDepleted", "detail": "no credits"}
        )
        with pytest.raises(NoCredits) as caught:
            XChannel(credentials).publish(post)
    assert caught.value.http_status == 402
    body = {
        "detail": "You are not allowed to create a Tweet with duplicate content.",
        "status": 403,
    }
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, status=403, json=body)
        with pytest.raises(Duplicate):
            XChannel(credentials).publish(post)


def test_5xx_on_the_post_call_is_unknown_but_on_upload_nothing_was_sent(credentials, post):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, status=503, json={"title": "Service Unavailable"})
        with pytest.raises(Unknown):
            XChannel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, status=503)
        with pytest.raises(NotSent):
            XChannel(credentials).publish(post)
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, body=requests.ConnectTimeout("connect timed out"))
        with pytest.raises(NotSent):
            XChannel(credentials).publish(post)


def test_read_timeout_on_the_post_call_is_unknown(credentials, post):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, body=requests.ReadTimeout("read timed out"))
        with pytest.raises(Unknown):
            XChannel(credentials).publish(post)


def test_repr_never_shows_credentials(credentials):
    channel = XChannel(credentials)
    assert "SECRET" not in repr(channel)
    assert "SECRET" not in repr(credentials)
