"""A live `post due` through all three channels (HTTP edge mocked), then run again: nothing more."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs

import pytest
import responses
import respx

from generator.cli import main
from generator.core.config import OSLO, Paths
from generator.social.bluesky import record_key
from generator.social.channel import Post
from generator.social.x import CREATE_TWEET
from tests.social.helpers import SECRET_VALUES, SECRETS, mock_live_http

CAMPAIGN = "taushet-tar-liv-2026"

pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")

NOW = "2026-11-26T08:05+01:00"


@pytest.fixture(autouse=True)
def warm(project: Paths, rendered_cards: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(rendered_cards, project.cards, dirs_exist_ok=True)
    for name, value in SECRETS.items():
        monkeypatch.setenv(name, value)


def test_live_posts_each_channel_once(project: Paths, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    with responses.RequestsMock() as rsps, respx.mock(assert_all_called=True) as router:
        routes = mock_live_http(rsps, router)
        code = main(["post", "due", "--live", "--now", NOW])
        calls = list(rsps.calls)
    out = capsys.readouterr()
    assert code == 0, out.err
    assert out.out.count(": publisert") == 3
    key = f"{CAMPAIGN}/2026-11-26/mastodon"
    status_call = next(c for c in calls if c.request.url.endswith("/api/v1/statuses"))
    assert (
        status_call.request.headers["Idempotency-Key"]
        == Post(key, "mastodon", "", None, "").idempotency_key
    )
    assert parse_qs(status_call.request.body)["language"] == ["nb"]
    created = json.loads(routes["record"].calls.last.request.content)
    record = created["record"]
    assert record["langs"] == ["nb"] and record["embed"]["images"][0]["alt"]
    due = datetime(2026, 11, 26, 8, 0, tzinfo=OSLO)  # the campaign's posting time that day
    assert created["rkey"] == record_key(f"{CAMPAIGN}/2026-11-26/bluesky", due)
    assert routes["session"].call_count == 1  # one login per run
    tweet = next(c for c in calls if c.request.url == CREATE_TWEET)
    assert json.loads(tweet.request.body)["media"] == {"media_ids": ["55"]}

    everything = out.out + out.err + caplog.text
    for secret in SECRET_VALUES:
        assert secret not in everything

    with responses.RequestsMock() as rsps, respx.mock() as router:  # nothing may be requested
        assert main(["post", "due", "--live", "--now", "2026-11-26T09:00+01:00"]) == 0
        assert len(rsps.calls) == 0 and not router.calls
    capsys.readouterr()
    assert main(["post", "status", CAMPAIGN, "--json"]) == 0
    entries = {e["key"]: e for e in json.loads(capsys.readouterr().out)}
    published = {k for k, e in entries.items() if e["status"] == "published"}
    assert published == {f"{CAMPAIGN}/2026-11-26/{c}" for c in ("x", "mastodon", "bluesky")}
    assert entries[f"{CAMPAIGN}/2026-11-26/x"]["remote_url"] == "https://x.com/i/web/status/1862"
