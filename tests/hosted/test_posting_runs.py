"""Scheduled posting across runs on separate runners: exactly one post, no lost row.

Each run clones the bare «host», starts from an empty DB and syncs through the state
branch. The Mastodon channel is the real code; only its HTTP API is answered
(``responses``), and every answered status call is counted.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import responses

from generator.core.config import Posting
from generator.hosted import branch as branch_module
from generator.hosted.runs import end_run, last_runs, start_run
from generator.social.mastodon_channel import MastodonChannel
from generator.social.posting import run_due
from tests.social.helpers import INSTANCE, READY, STATUS

from .conftest import branch_file, git

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 11, 25, 8, 5, tzinfo=OSLO)
KEY = "test-2026/2026-11-25/mastodon"
MASTODON = Posting(channels=["mastodon"])


class Killed(BaseException):
    """The runner was killed (SIGKILL, timeout): nothing after this point runs."""


def mastodon(credentials) -> MastodonChannel:
    return MastodonChannel(credentials, sleep=lambda _s: None)


def answered(rsps: responses.RequestsMock) -> int:
    return sum(c.request.url.endswith("/api/v1/statuses") for c in rsps.calls)


def edge() -> responses.RequestsMock:
    rsps = responses.RequestsMock(assert_all_requests_are_fired=False)
    rsps.post(f"{INSTANCE}/api/v2/media", json=READY)
    rsps.post(f"{INSTANCE}/api/v1/statuses", json=STATUS)
    return rsps


def posts_on_branch(host) -> dict[str, dict]:
    return {json.loads(line)["key"]: json.loads(line) for line in branch_file(host, "social_posts")}


def test_a_run_killed_after_the_request_leaves_sending_and_the_next_run_says_unknown(
    runner, host, plan_items, credentials
):
    class DiesAfterSending(MastodonChannel):
        def publish(self, post):
            super().publish(post)  # the request went out and was answered …
            raise Killed  # … and the runner died before the receipt was recorded

    first = runner()
    with edge() as rsps:
        first.sync.pull()
        with pytest.raises(Killed):
            channel = DiesAfterSending(credentials, sleep=lambda _s: None)
            run_due(plan_items, first.ledger, MASTODON, NOW, {"mastodon": channel})
        sent = answered(rsps)
    assert sent == 1
    assert posts_on_branch(host)[KEY]["status"] == "sending"  # pushed before the request

    second = runner()  # the next scheduled run, a quarter later, on a fresh runner
    with edge() as rsps:
        second.sync.pull()
        later = NOW + timedelta(minutes=16)
        outcomes = run_due(
            plan_items, second.ledger, MASTODON, later, {"mastodon": mastodon(credentials)}
        )
        sent += answered(rsps)
    assert sent == 1  # exactly one post
    assert [o.action for o in outcomes] == ["hoppet over"]
    row = posts_on_branch(host)[KEY]
    assert row["status"] == "unknown" and "uklart om det ble publisert" in row["error"]


def test_a_run_killed_before_its_claim_was_pushed_sent_nothing_and_the_next_run_posts(
    runner, host, plan_items, credentials, monkeypatch
):
    first = runner()
    first.sync.pull()

    def killed(self, commit):
        raise Killed

    with edge() as rsps, monkeypatch.context() as patch:
        patch.setattr(branch_module.StateBranch, "push", killed)
        with pytest.raises(Killed):
            run_due(plan_items, first.ledger, MASTODON, NOW, {"mastodon": mastodon(credentials)})
        assert answered(rsps) == 0  # the claim never reached the branch: no request
    assert KEY not in posts_on_branch(host)

    second = runner()
    with edge() as rsps:
        second.sync.pull()
        outcomes = run_due(plan_items, second.ledger, MASTODON, NOW + timedelta(minutes=15),
                           {"mastodon": mastodon(credentials)})  # fmt: skip
        assert answered(rsps) == 1
    assert [o.action for o in outcomes] == ["publisert"]
    assert posts_on_branch(host)[KEY]["status"] == "published"


def test_the_run_that_loses_the_push_race_sends_nothing_and_loses_no_row(
    runner, host, plan_items, credentials, monkeypatch
):
    """Both runs start from the same branch; A's claim lands first while B is pushing its own."""
    a, b = runner(), runner()
    a.sync.pull()
    b.sync.pull()
    run_a = start_run(a.sync.conn, "post", NOW, "https://vert.test/a")
    run_b = start_run(b.sync.conn, "post", NOW, "https://vert.test/b")
    real_push = branch_module.StateBranch.push
    raced: list[bool] = []

    def push_after_a(self, commit):
        if self.repo == b.clone and not raced:  # B is about to push its claim: A wins first
            raced.append(True)
            with monkeypatch.context() as inner:
                inner.setattr(branch_module.StateBranch, "push", real_push)
                outcomes_a.extend(
                    run_due(
                        plan_items, a.ledger, MASTODON, NOW, {"mastodon": mastodon(credentials)}
                    )
                )
        return real_push(self, commit)

    outcomes_a: list = []
    monkeypatch.setattr(branch_module.StateBranch, "push", push_after_a)
    with edge() as rsps:
        outcomes_b = run_due(
            plan_items, b.ledger, MASTODON, NOW, {"mastodon": mastodon(credentials)}
        )
        assert answered(rsps) == 1  # A's post; B's claim was rejected, B sent nothing
    assert raced
    assert [o.action for o in outcomes_a] == ["publisert"]
    assert [(o.action, o.message) for o in outcomes_b] == [
        ("hoppet over", "tatt av en annen kjøring")
    ]

    for run, run_id in ((a, run_a), (b, run_b)):
        end_run(run.sync.conn, run_id, NOW + timedelta(minutes=1), "ok", None)
        run.sync.push("Slutt post")
    assert posts_on_branch(host)[KEY]["status"] == "published"
    runs = [json.loads(line) for line in branch_file(host, "schedule_runs")]
    assert sorted(r["url"] for r in runs) == ["https://vert.test/a", "https://vert.test/b"]
    assert all(r["outcome"] == "ok" for r in runs)
    attempts = [json.loads(line)["outcome"] for line in branch_file(host, "social_attempts")]
    assert attempts == ["sending", "published"]  # B's withdrawn claim left no trace

    fresh = runner()
    fresh.sync.pull()
    assert [r.outcome for r in last_runs({"schedule_runs": {
        str(i): json.loads(line) for i, line in enumerate(branch_file(host, "schedule_runs"))
    }})] == ["ok"]  # fmt: skip
    assert fresh.ledger.get(KEY).status == "published"


def test_three_runs_in_a_row_post_once_and_the_branch_history_is_the_audit_trail(
    runner, host, plan_items, credentials
):
    sent = 0
    for minutes in (5, 20, 35):
        run = runner()
        with edge() as rsps:
            run.sync.pull()
            run_due(plan_items, run.ledger, MASTODON, NOW.replace(minute=minutes),
                    {"mastodon": mastodon(credentials)})  # fmt: skip
            sent += answered(rsps)
    assert sent == 1
    log = git("--git-dir", str(host), "log", "--format=%an: %s", "stemme-state", cwd=host)
    assert log.splitlines() == [f"Stemme: Publisert {KEY}", f"Stemme: Sender {KEY}"]


def test_two_claims_in_the_same_second_with_the_same_text_cannot_both_land(
    runner, host, plan_items, monkeypatch
):
    """Identical rows would make identical commits (a push «up to date»): the run token
    makes each claim its own commit, so the second is rejected like any other late push."""
    a, b = runner(), runner()
    a.sync.pull()
    b.sync.pull()
    for run in (a, b):
        run.ledger.ensure(KEY, NOW, NOW)
    real_push = branch_module.StateBranch.push
    raced: list[bool] = []

    def a_claims_first(self, commit):
        if self.repo == b.clone and not raced:
            raced.append(True)
            with monkeypatch.context() as inner:
                inner.setattr(branch_module.StateBranch, "push", real_push)
                assert a.ledger.claim(KEY, NOW, "hash", None)
        return real_push(self, commit)

    monkeypatch.setattr(branch_module.StateBranch, "push", a_claims_first)
    assert b.ledger.claim(KEY, NOW, "hash", None) is False
    assert raced
    assert posts_on_branch(host)[KEY]["status"] == "sending"
    log = git("--git-dir", str(host), "log", "--format=%s", "stemme-state", cwd=host)
    assert log.splitlines() == [f"Sender {KEY}"]


def test_a_new_database_file_in_the_same_clone_deletes_nothing_on_the_branch(
    runner, host, plan_items, credentials, tmp_path
):
    """The base lives in the database: a fresh file has none, so it merges as a union."""
    from generator.core.state import open_db
    from generator.hosted.branch import StateBranch
    from generator.hosted.sync import StateSync

    run = runner()
    with edge():
        run.sync.pull()
        run_due(plan_items, run.ledger, MASTODON, NOW, {"mastodon": mastodon(credentials)})
    assert posts_on_branch(host)[KEY]["status"] == "published"

    fresh = open_db(tmp_path / "ny.sqlite3")  # e.g. STEMME_DB pointed elsewhere, file deleted
    try:
        replaced = StateSync(StateBranch(run.clone), fresh)
        assert replaced.base() is None
        replaced.push("Tom database")
        assert posts_on_branch(host)[KEY]["status"] == "published"
        row = fresh.execute("SELECT status FROM social_posts WHERE key = ?", (KEY,)).fetchone()
        assert row["status"] == "published"  # and the fresh file got the branch's rows
    finally:
        fresh.close()
