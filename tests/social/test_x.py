"""X channel: the real tweepy/requests code runs; only the HTTP edge is mocked (responses)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP

import pytest
import requests
import responses

from generator.core.errors import ConfigError
from generator.social.channel import (
    Duplicate,
    NoCredits,
    NotSent,
    Post,
    RateLimited,
    Unknown,
    UsageCapped,
)
from generator.social.x import (
    CREATE_TWEET,
    USAGE_CAPPED,
    V2_METADATA,
    V2_UPLOAD,
    XChannel,
    rate_limit_reset,
    render_payload,
)
from tests.social.helpers import ALT

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


def form_fields(request) -> dict[str, bytes]:
    """The multipart form of a request: field name → value."""
    head = f"Content-Type: {request.headers['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.body)
    return {
        part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
        for part in message.iter_parts()
    }


def test_the_upload_sends_exactly_the_fields_the_v2_spec_documents(credentials, post, card):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        XChannel(credentials).upload(post)
        upload = rsps.calls[0]
    fields = form_fields(upload.request)
    assert set(fields) == {"media", "media_category"}  # no media_type: the spec allows no extra
    assert fields["media"] == card.read_bytes() and fields["media_category"] == b"tweet_image"


@pytest.mark.parametrize(
    ("reply", "shown"),
    [({"data": {"media_key": "3_1"}}, '{"data": {"media_key": "3_1"}}'),
     ({"errors": [{"message": "Bad"}]}, '{"errors": [{"message": "Bad"}]}'),
     ({}, "{}")],
)  # fmt: skip
def test_an_upload_reply_without_an_id_is_not_sent_and_names_what_came(
    credentials, post, reply, shown
):
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, json=reply)
        with pytest.raises(NotSent) as caught:
            XChannel(credentials).publish(post)
        assert len(rsps.calls) == 1  # nothing after: no metadata, no post
    assert str(caught.value) == (
        f"X svarte på opplastingen av kortet, men uten media-id (svar: {shown}); innlegget er "
        "ikke sendt."
    )


def test_the_retired_v11_upload_stops_before_anything_is_sent(credentials, post):
    message = (
        'stemme.toml, [posting] x_media_upload = "v1.1": opplastingen via v1.1 '
        "(upload.twitter.com) er pensjonert av X og virker ikke lenger. Slik retter du det: "
        'sett x_media_upload = "v2", eller fjern linjen.'
    )
    with responses.RequestsMock(), pytest.raises(ConfigError) as caught:
        XChannel(credentials, media_upload="v1.1")
    assert str(caught.value) == message
    with pytest.raises(ConfigError):
        render_payload(post, "v1.1")


CAPPED = {"title": "UsageCapExceeded", "detail": "Usage cap exceeded: Monthly product cap",
          "type": USAGE_CAPPED, "period": "Monthly", "scope": "Product"}  # fmt: skip


def test_a_monthly_usage_cap_stops_and_says_why(credentials, post):
    with responses.RequestsMock() as rsps:
        _ok_upload(rsps)
        rsps.post(CREATE_TWEET, status=429, json=CAPPED,
                  headers={"x-rate-limit-reset": "1795680000"})  # fmt: skip
        with pytest.raises(UsageCapped) as caught:
            XChannel(credentials).publish(post)
    assert caught.value.http_status == 429 and not caught.value.retryable
    assert str(caught.value) == (
        "X svarte 429: bruksgrensen for API-et er nådd (Usage cap exceeded: Monthly product "
        "cap), og den nullstilles ikke i løpet av dagen. Postingen til X stopper her i stedet "
        "for å prøve på nytt; post for hånd på X, og avgjør med «stemme post retry» når "
        "kvoten er fornyet."
    )


def test_a_daily_usage_cap_waits_for_the_daily_reset(credentials, post):
    daily = {**CAPPED, "detail": "Usage cap exceeded: Daily user cap", "period": "Daily"}
    headers = {"x-user-limit-24hour-remaining": "0", "x-user-limit-24hour-reset": "1795720000",
               "x-rate-limit-remaining": "0", "x-rate-limit-reset": "1795680000"}  # fmt: skip
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, status=429, json=daily, headers=headers)
        with pytest.raises(RateLimited) as caught:
            XChannel(credentials).publish(post)
    assert caught.value.reset == datetime.fromtimestamp(1795720000, UTC)
    assert str(caught.value) == (
        "X: dagskvoten for API-et er brukt opp (Usage cap exceeded: Daily user cap); venter "
        "til den nullstilles 26.11. kl. 20:06."
    )


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
