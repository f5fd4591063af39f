"""The watcher on a schedule: its database travels on the branch, so «ny» is said once.

The real poller reads the real feed fixtures from a real local HTTP server; each run is a
fresh clone with an empty DB, as on a CI runner.
"""

from __future__ import annotations

from datetime import timedelta

from generator.watch import store
from generator.watch.digest import build_digest
from tests.watch.conftest import POLL_1, Harness, regjeringen, serve_regjeringen


def poll(run, rule, url, now):
    run.sync.pull()
    report = Harness(run.sync.conn, rule).poll(regjeringen(url), now)
    run.sync.push("Høringsvarsling")
    return report


def test_the_next_run_on_a_fresh_runner_reports_nothing_new(runner, server, rule):
    url = serve_regjeringen(server)
    first = poll(runner(), rule, url, POLL_1)
    assert first.new_relevant  # the fixture feed has relevant consultations
    second = poll(runner(), rule, url, POLL_1 + timedelta(hours=12))
    assert [c.id for s in second.sources for c in s.new] == []


def test_two_runs_that_both_saw_a_consultation_first_merge_to_one_new_entry(runner, server, rule):
    """Both runners start before either pushed (a race): the branch keeps one «ny» each."""
    url = serve_regjeringen(server)
    a, b = runner(), runner()
    a.sync.pull()
    b.sync.pull()
    report_a = Harness(a.sync.conn, rule).poll(regjeringen(url), POLL_1)
    report_b = Harness(b.sync.conn, rule).poll(regjeringen(url), POLL_1 + timedelta(minutes=30))
    a.sync.push("Høringsvarsling a")
    b.sync.push("Høringsvarsling b")  # rejected once, merged, pushed

    fresh = runner()
    fresh.sync.pull()
    conn = fresh.sync.conn
    found = store.list_consultations(conn)
    assert len(found) == len({c.id for s in report_a.sources for c in s.new})
    assert {c.id for c in found} == {c.id for s in report_b.sources for c in s.new}
    for consultation in found:
        assert consultation.first_seen == POLL_1  # the earlier sighting wins
        kinds = [h.kind for h in store.history(conn, consultation.id)]
        assert kinds.count("ny") == 1
    digest = build_digest(conn, now=POLL_1 + timedelta(days=1), days=7, due_days=14, org_name="T")
    assert len({c.id for c in digest.new}) == len(digest.new)  # listed once each
