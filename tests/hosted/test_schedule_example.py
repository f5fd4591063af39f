"""The schedule on the example campaign, 5 December 2026 08:00 Oslo: two overlapping runs.

Two runners start at the same moment (a barrier: both have pulled before either claims),
each with its own clone of the «host» and its own empty DB, and run the real
``post due --live`` path (plan, cards, the three channels' real code) through the state
branch. Only the services' HTTP APIs are answered. Across both runs each of the day's three
posts is sent exactly once; the earlier days are recorded as too late, not sent.
"""

from __future__ import annotations

import shutil
import threading
from datetime import datetime
from pathlib import Path

import pytest
import respx

from generator.core.config import OSLO, Paths, load_config
from generator.core.state import open_db
from generator.hosted.branch import StateBranch
from generator.hosted.sync import StateSync, SyncedLedger
from generator.social.plan import load_running_plans
from generator.social.posting import live_channels, run_due
from tests.social.helpers import SECRETS, mock_live_http

from .conftest import branch_file, git

pytestmark = pytest.mark.filterwarnings("ignore:Use 'content=<...>':DeprecationWarning")

NOW = datetime(2026, 12, 5, 8, 0, tzinfo=OSLO)
DAY = "taushet-tar-liv-2026/2026-12-05"
STATUS_URLS = ("/2/tweets", "/api/v1/statuses", "com.atproto.repo.createRecord")


@pytest.fixture
def example_host(tmp_path: Path, project: Paths) -> Path:
    """The example project pushed to a bare «host» repository."""
    git("init", "--quiet", "--initial-branch=main", cwd=project.root)
    git("add", "-A", cwd=project.root)
    git("commit", "--quiet", "-m", "Eksempelet", cwd=project.root)
    bare = tmp_path / "vert.git"
    git("clone", "--quiet", "--bare", str(project.root), str(bare), cwd=tmp_path)
    return bare


def scheduled_run(clone: Path, cards: Path, barrier: threading.Barrier, results: dict) -> None:
    paths = Paths(clone)
    shutil.copytree(cards, paths.cards, dirs_exist_ok=True)  # the runner's card cache
    config = load_config(paths.config)
    plans, _ = load_running_plans(paths, config, NOW.date())
    items = [item for plan in plans for item in plan.items]
    conn = open_db(clone / "state" / "stemme.sqlite3")
    sync = StateSync(StateBranch(clone), conn)
    try:
        sync.pull()
        barrier.wait(timeout=60)  # both runs have the same (empty) state: they overlap
        channels = live_channels(config.posting, SECRETS)
        results[clone.name] = run_due(items, SyncedLedger(sync), config.posting, NOW, channels)
        sync.push("Posting: resten av loggen")
    except BaseException as exc:  # reported by the test thread
        results[clone.name] = exc
        barrier.abort()
    finally:
        conn.close()


def test_two_overlapping_runs_post_the_days_items_exactly_once(
    example_host: Path, tmp_path: Path, rendered_cards: Path
):
    clones = []
    for name in ("runner-a", "runner-b"):
        clone = tmp_path / name
        git("clone", "--quiet", str(example_host), str(clone), cwd=tmp_path)
        clones.append(clone)
    import responses

    barrier = threading.Barrier(2)
    results: dict = {}
    with (
        responses.RequestsMock(assert_all_requests_are_fired=False) as rsps,
        respx.mock() as router,
    ):
        mock_live_http(rsps, router)
        threads = [
            threading.Thread(target=scheduled_run, args=(c, rendered_cards, barrier, results))
            for c in clones
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        sent = [c.request.url for c in rsps.calls if c.request.url.endswith(STATUS_URLS[:2])]
        sent += [str(c.request.url) for c in router.calls if STATUS_URLS[2] in str(c.request.url)]

    for name, outcome in results.items():
        assert not isinstance(outcome, BaseException), f"{name}: {outcome!r}"
    published = [o.key for run in results.values() for o in run if o.action == "publisert"]
    assert sorted(published) == [f"{DAY}/bluesky", f"{DAY}/mastodon", f"{DAY}/x"]
    assert len(sent) == 3  # one request per channel across both runs

    import json

    rows = {
        json.loads(line)["key"]: json.loads(line)
        for line in branch_file(example_host, "social_posts")
    }
    today = {k: r["status"] for k, r in rows.items() if k.startswith(DAY)}
    assert today == {f"{DAY}/{c}": "published" for c in ("x", "mastodon", "bluesky")}
    earlier = [r for k, r in rows.items() if not k.startswith(DAY)]
    assert earlier and all(
        r["status"] == "failed" and r["error"].startswith("for sent:") for r in earlier
    )
    attempts = [json.loads(line) for line in branch_file(example_host, "social_attempts")]
    claims = [a["key"] for a in attempts if a["outcome"] == "sending"]
    assert sorted(claims) == sorted(published)  # a lost claim left nothing behind
