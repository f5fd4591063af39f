"""`post due` end to end against the ledger: never twice, 429 waits, dry runs send nothing.

The real channel code runs (tweepy over requests); `responses` answers at the HTTP edge and
fails the test on any request nobody expected.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import responses

from generator.core.config import Posting
from generator.social import posting as runner
from generator.social.ledger import Ledger
from generator.social.plan import build_plan
from generator.social.x import CREATE_TWEET, V2_METADATA, V2_UPLOAD, XChannel
from tests.social.helpers import SECRET_VALUES, FakeCampaign, FakeDay

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 25, 8, 5, tzinfo=OSLO)
X_ONLY = Posting(channels=["x"])
KEY = "test-2026/2026-11-25/x"


def _x_ok(rsps: responses.RequestsMock, tweet_id: str = "1861") -> None:
    rsps.post(V2_UPLOAD, json={"data": {"id": "99", "media_key": "3_99"}})
    rsps.post(V2_METADATA, json={"data": {}})
    rsps.post(CREATE_TWEET, status=201, json={"data": {"id": tweet_id, "text": "t"}})


def _run(items, ledger, now, credentials=None, posting=X_ONLY):
    channels = {"x": XChannel(credentials)} if credentials else None
    return runner.run_due(items, ledger, posting, now, channels)


def test_dry_run_sends_nothing_writes_nothing_and_shows_the_payload(plan_items, ledger):
    with responses.RequestsMock() as rsps:  # no routes: any request would fail the test
        outcomes = _run(plan_items, ledger, NOW, posting=Posting())
        assert len(rsps.calls) == 0
    assert [o.action for o in outcomes] == ["tørrkjøring"] * 3
    assert {o.key.rsplit("/", 1)[1] for o in outcomes} == {"x", "mastodon", "bluesky"}
    x_payload = outcomes[0].payload
    assert x_payload["innlegg"]["text"].startswith("Én av fire drap er partnerdrap.")
    assert x_payload["alt_tekst"]["alt_text"].startswith("Faktakort")
    assert ledger.rows() == []


def test_not_due_before_its_time(plan_items, ledger):
    early = datetime(2026, 11, 25, 7, 59, tzinfo=OSLO)
    assert _run(plan_items, ledger, early) == []


def test_live_posts_once_and_a_second_run_posts_nothing(plan_items, ledger, credentials):
    with responses.RequestsMock() as rsps:
        _x_ok(rsps)
        first = _run(plan_items, ledger, NOW, credentials)
    assert [o.action for o in first] == ["publisert"]
    row = ledger.get(KEY)
    assert row.status == "published" and row.remote_id == "1861" and row.attempts == 1
    assert row.content_hash and row.image_hash and row.first_attempt_at
    with responses.RequestsMock() as rsps:
        again = _run(plan_items, ledger, NOW + timedelta(minutes=30), credentials)
        assert len(rsps.calls) == 0
    assert again == []  # published posts are done and not repeated in the output


def test_process_dying_after_sending_never_posts_twice(
    plan_items, ledger, credentials, monkeypatch
):
    def die(*args, **kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(Ledger, "published", die)
    with responses.RequestsMock() as rsps, pytest.raises(SystemExit):
        _x_ok(rsps)
        _run(plan_items, ledger, NOW, credentials)
    monkeypatch.undo()
    assert ledger.get(KEY).status == "sending"  # committed before the call

    with responses.RequestsMock() as rsps:  # right after: still "sending", left alone
        outcomes = _run(plan_items, ledger, NOW + timedelta(minutes=2), credentials)
        assert len(rsps.calls) == 0
    assert outcomes[0].action == "hoppet over"

    with responses.RequestsMock() as rsps:  # later: stale "sending" becomes "unknown", not resent
        outcomes = _run(plan_items, ledger, NOW + timedelta(minutes=30), credentials)
        assert len(rsps.calls) == 0
    row = ledger.get(KEY)
    assert row.status == "unknown"
    assert "stemme post retry" in outcomes[0].message

    # A person checked the account and decides to send again.
    ledger.approve(KEY, NOW + timedelta(minutes=40))
    with responses.RequestsMock() as rsps:
        _x_ok(rsps, tweet_id="1862")
        outcomes = _run(plan_items, ledger, NOW + timedelta(minutes=41), credentials)
    assert outcomes[0].action == "publisert"
    assert ledger.get(KEY).remote_id == "1862"


def test_429_leaves_the_post_due_after_the_reset(plan_items, ledger, credentials):
    reset = int(datetime(2026, 11, 25, 8, 20, tzinfo=OSLO).timestamp())
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, json={"data": {"id": "99"}})
        rsps.post(V2_METADATA, json={"data": {}})
        rsps.post(
            CREATE_TWEET,
            status=429,
            headers={"x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
        )
        outcomes = _run(plan_items, ledger, NOW, credentials)
    assert outcomes[0].action == "venter"
    row = ledger.get(KEY)
    assert row.status == "failed" and row.retryable and row.http_status == 429
    assert row.retry_after_dt() == datetime.fromtimestamp(reset, UTC)

    with responses.RequestsMock() as rsps:  # before the reset: nothing is sent
        outcomes = _run(plan_items, ledger, NOW + timedelta(minutes=10), credentials)
        assert len(rsps.calls) == 0
    assert outcomes[0].action == "venter" and "08:20" in outcomes[0].message

    with responses.RequestsMock() as rsps:  # after the reset: sent
        _x_ok(rsps)
        outcomes = _run(plan_items, ledger, NOW + timedelta(minutes=16), credentials)
    assert outcomes[0].action == "publisert"
    assert ledger.get(KEY).attempts == 2


@pytest.mark.parametrize(
    ("status", "body"),
    [(402, {"title": "CreditsDepleted"}), (403, {"detail": "duplicate content"})],
)
def test_402_and_403_are_never_retried_automatically(plan_items, ledger, credentials, status, body):
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, json={"data": {"id": "99"}})
        rsps.post(V2_METADATA, json={"data": {}})
        rsps.post(CREATE_TWEET, status=status, json=body)
        outcomes = _run(plan_items, ledger, NOW, credentials)
    assert outcomes[0].action == "feilet"
    assert ledger.get(KEY).http_status == status and not ledger.get(KEY).retryable
    with responses.RequestsMock() as rsps:
        outcomes = _run(plan_items, ledger, NOW + timedelta(hours=1), credentials)
        assert len(rsps.calls) == 0
    assert "stemme post retry" in outcomes[0].message


def test_validation_failure_stops_the_post_before_any_request(
    site_config, cards, ledger, credentials
):
    long_text = "Vold i nære relasjoner. " * 20
    campaign = FakeCampaign(days=[FakeDay(NOW.date(), "partnerdrap-andel", long_text)])
    items = build_plan(campaign, site_config, cards)
    with responses.RequestsMock() as rsps:
        outcomes = _run(items, ledger, NOW, credentials, posting=Posting())
        assert len(rsps.calls) == 0
    assert all(o.action == "hoppet over" for o in outcomes)
    assert "for lang for X" in outcomes[0].message
    assert ledger.rows() == []


def test_missing_card_stops_the_post_before_any_request(site_config, ledger, credentials):
    campaign = FakeCampaign(days=[FakeDay(NOW.date(), "ukjent-fakta", "Kort tekst.")])
    items = build_plan(campaign, site_config, lambda fact_id: None)
    with responses.RequestsMock() as rsps:
        outcomes = _run(items, ledger, NOW, credentials)
        assert len(rsps.calls) == 0
    assert "kortet" in outcomes[0].message and "alt" in outcomes[0].message


def test_a_day_long_past_is_not_posted_automatically(plan_items, ledger, credentials):
    next_morning = datetime(2026, 11, 26, 9, 0, tzinfo=OSLO)  # day 2 is due 09:30
    with responses.RequestsMock() as rsps:
        outcomes = _run(plan_items, ledger, next_morning, credentials)
        assert len(rsps.calls) == 0
    assert [o.key for o in outcomes] == [KEY]
    assert outcomes[0].message.startswith("for sent")
    assert ledger.get(KEY).status == "failed" and not ledger.get(KEY).retryable
    ledger.approve(KEY, next_morning)  # a person may still decide to send it
    with responses.RequestsMock() as rsps:
        _x_ok(rsps)
        outcomes = _run(plan_items, ledger, next_morning, credentials)
    assert outcomes[0].action == "publisert"


def test_secrets_never_reach_output_logs_or_ledger(plan_items, ledger, credentials, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    echo = {
        "detail": f"bad auth for {credentials['STEMME_X_ACCESS_TOKEN']}",
        "title": "Unauthorized",
    }
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, json={"data": {"id": "99"}})
        rsps.post(V2_METADATA, json={"data": {}})
        rsps.post(CREATE_TWEET, status=401, json=echo)
        outcomes = _run(plan_items, ledger, NOW, credentials)
    seen = json.dumps([o.to_json() for o in outcomes], ensure_ascii=False)
    seen += caplog.text + capsys.readouterr().out
    seen += json.dumps([r.to_json() for r in ledger.rows()]) + json.dumps(ledger.attempts(KEY))
    for secret in SECRET_VALUES:
        assert secret not in seen
    assert "***" in outcomes[0].message


def test_a_rate_limit_lasting_past_the_day_does_not_post_yesterdays_card(
    plan_items, ledger, credentials
):
    reset = int(datetime(2026, 11, 26, 7, 0, tzinfo=OSLO).timestamp())  # 24-hour cap
    headers = {"x-user-limit-24hour-remaining": "0", "x-user-limit-24hour-reset": str(reset)}
    with responses.RequestsMock() as rsps:
        rsps.post(V2_UPLOAD, json={"data": {"id": "99"}})
        rsps.post(V2_METADATA, json={"data": {}})
        rsps.post(CREATE_TWEET, status=429, headers=headers)
        _run(plan_items, ledger, NOW, credentials)
    after_reset = datetime(2026, 11, 26, 7, 5, tzinfo=OSLO)
    with responses.RequestsMock() as rsps:
        outcomes = _run(plan_items, ledger, after_reset, credentials)
        assert len(rsps.calls) == 0
    assert outcomes[0].message.startswith("for sent")
    assert not ledger.get(KEY).retryable  # now a person decides
