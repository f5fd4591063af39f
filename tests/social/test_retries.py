"""A transient 5xx on Mastodon or Bluesky ends in exactly one post with no person involved.

`post due` runs as cron would, one run after another, with the real channel code; the HTTP
edge answers (responses for Mastodon.py/requests, respx for atproto/httpx). Every attempt
carries the same Idempotency-Key (Mastodon) or record key (Bluesky).
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import responses
import respx

from generator.core.config import Posting
from generator.social import posting as runner
from generator.social.bluesky import BlueskyChannel, record_key
from generator.social.channel import Post
from generator.social.mastodon_channel import MastodonChannel
from tests.social.helpers import DID, FOUND, INSTANCE, READY, SERVICE, STATUS, bluesky_routes

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 25, 8, 5, tzinfo=OSLO)
DUE = datetime(2026, 11, 25, 8, 0, tzinfo=OSLO)
MASTODON = Posting(channels=["mastodon"])
BLUESKY = Posting(channels=["bluesky"], bluesky_service=SERVICE)
M_KEY = "test-2026/2026-11-25/mastodon"
B_KEY = "test-2026/2026-11-25/bluesky"
UNAVAILABLE = {"status": 503, "json": {"error": "unavailable"}}


def mastodon_run(plan_items, ledger, credentials, now, rsps, *statuses):
    rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
    for answer in statuses:
        rsps.post(f"{INSTANCE}/api/v1/statuses", **answer)
    channel = MastodonChannel(credentials, sleep=lambda _s: None)
    return runner.run_due(plan_items, ledger, MASTODON, now, {"mastodon": channel})


def status_keys(rsps) -> list[str]:
    return [
        c.request.headers["Idempotency-Key"]
        for c in rsps.calls
        if c.request.url.endswith("/api/v1/statuses")
    ]


def test_mastodon_503s_then_ok_in_the_next_run_is_exactly_one_post(plan_items, ledger, credentials):
    with responses.RequestsMock() as rsps:
        first = mastodon_run(plan_items, ledger, credentials, NOW, rsps, UNAVAILABLE)
        keys = status_keys(rsps)
    assert [o.action for o in first] == ["feilet"]
    assert first[0].message.endswith("Prøves igjen automatisk ved neste kjøring.")
    row = ledger.get(M_KEY)
    assert row.status == "failed" and row.retryable and row.http_status == 503
    assert row.idempotent_until_dt() == NOW + timedelta(minutes=55)

    with responses.RequestsMock() as rsps:  # the next cron run, 16 minutes later
        later = NOW + timedelta(minutes=16)
        second = mastodon_run(plan_items, ledger, credentials, later, rsps, {"json": STATUS})
        keys += status_keys(rsps)
    assert [o.action for o in second] == ["publisert"]
    assert len(keys) == 4 and set(keys) == {Post(M_KEY, "mastodon", "", None, "").idempotency_key}
    row = ledger.get(M_KEY)
    assert (row.status, row.remote_id, row.attempts) == ("published", "113", 2)


def test_past_the_idempotency_window_mastodon_becomes_unknown(plan_items, ledger, credentials):
    with responses.RequestsMock() as rsps:
        mastodon_run(plan_items, ledger, credentials, NOW, rsps, UNAVAILABLE)
    with responses.RequestsMock() as rsps:  # cron was down for an hour: no request at all
        later = runner.run_due(plan_items, ledger, MASTODON, NOW + timedelta(minutes=56), {})
        assert len(rsps.calls) == 0
    assert [o.action for o in later] == ["ukjent"]
    assert later[0].message.startswith(
        "uklart om innlegget ble publisert, og det er for lenge siden til at et nytt forsøk er "
        "trygt (Mastodon svarte 503 på innlegget 3 ganger"
    )
    assert ledger.get(M_KEY).status == "unknown"


def test_bluesky_5xx_then_the_next_run_finds_the_post_exactly_one_post(
    plan_items, ledger, credentials
):
    broken = httpx.Response(500, json={"error": "InternalServerError"})
    rkey = record_key(B_KEY, DUE)
    channel = BlueskyChannel(credentials, SERVICE, sleep=lambda _s: None)
    with respx.mock(assert_all_called=False) as mock:
        routes = bluesky_routes(mock, record=broken, lookup=broken)
        first = runner.run_due(plan_items, ledger, BLUESKY, NOW, {"bluesky": channel})
        sent = [json.loads(c.request.content)["rkey"] for c in routes["record"].calls]
    assert [o.action for o in first] == ["feilet"]
    row = ledger.get(B_KEY)
    assert row.retryable and row.idempotent_until is None  # a record key never expires

    channel = BlueskyChannel(credentials, SERVICE, sleep=lambda _s: None)
    with respx.mock(assert_all_called=False) as mock:  # the duplicate key: a generic 500
        routes = bluesky_routes(mock, record=broken, lookup=FOUND)
        second = runner.run_due(
            plan_items, ledger, BLUESKY, NOW + timedelta(minutes=16), {"bluesky": channel}
        )
        sent += [json.loads(c.request.content)["rkey"] for c in routes["record"].calls]
    assert [o.action for o in second] == ["publisert"]
    assert sent == [rkey, rkey]
    row = ledger.get(B_KEY)
    assert row.status == "published" and row.remote_id == f"at://{DID}/app.bsky.feed.post/{rkey}"
