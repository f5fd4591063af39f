"""An overall deadline per source: a server trickling bytes cannot hold the watcher.

A real server on 127.0.0.1 sends one byte every 0.5 s — every single read is far inside
``read_timeout`` (5 s), so only the overall deadline (2 s) can stop it. The other source
is polled as usual, and the whole run takes about the deadline, not the trickle's length.
"""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from generator.core.errors import SourceError
from generator.watch.fetch import Fetcher
from generator.watch.poll import SourceSpec
from tests.watch.conftest import POLL_1, RSS_TYPE, feed
from tests.watch.slow_server import BODY, SlowServer

DEADLINE = 2.0
SLACK = 1.0  # thread start-up and a loaded machine


@pytest.fixture
def settings(harness):
    return replace(harness.settings, read_timeout=5, deadline=DEADLINE, retries=2)


@pytest.mark.parametrize("trickle", ["body", "headers"])
def test_a_trickling_server_is_cut_off_at_the_deadline(settings, trickle):
    with SlowServer(interval=0.5, trickle=trickle) as slow, Fetcher(settings) as fetcher:
        started = time.monotonic()
        with pytest.raises(SourceError) as caught:
            fetcher.get(slow.url())
        took = time.monotonic() - started
    assert DEADLINE - 0.2 <= took <= DEADLINE + SLACK, took
    message = str(caught.value)
    assert "innen tidsfristen på 2 sekunder" in message and "watch.deadline" in message
    assert slow.connections == 1  # a deadline is not retried


def test_a_slow_server_inside_the_deadline_is_read_whole(settings):
    fast_enough = replace(settings, deadline=60)
    with SlowServer(interval=0.001) as slow, Fetcher(fast_enough) as fetcher:
        assert fetcher.get(slow.url()).content == BODY


def test_a_slow_source_never_delays_the_others_beyond_the_deadline(server, harness, settings):
    server.expect_request("/rss").respond_with_data(
        feed("regjeringen-horinger.rss"), content_type=RSS_TYPE
    )
    harness.settings = settings
    with SlowServer(interval=0.5, lifetime=30) as slow:
        specs = [
            SourceSpec("treg", "rss", slow.url()),
            SourceSpec("regjeringen", "regjeringen", server.url_for("/rss")),
        ]
        started = time.monotonic()
        report = harness.poll(specs, POLL_1, page_fetch_limit=0)
        took = time.monotonic() - started
    slow_report, other = report.sources
    assert "tidsfristen på 2 sekunder" in slow_report.error
    assert slow_report.seconds <= DEADLINE + SLACK
    assert other.ok and len(other.new) == 12
    assert took <= DEADLINE + SLACK + 2, took  # the BODY alone would take ~80 × 0.5 s


def test_pages_after_the_deadline_wait_for_the_next_run(server, harness, settings):
    """The feed is fast, every page trickles: the source ends near its deadline; pages not
    read are counted as late and read again next time (not marked as read)."""
    server.expect_request("/rss").respond_with_data(
        feed("regjeringen-horinger.rss"), content_type=RSS_TYPE
    )
    harness.settings = settings
    with SlowServer(interval=0.5, lifetime=30) as slow:
        template = slow.url("/horing-{id}.html")
        specs = [SourceSpec("regjeringen", "regjeringen", server.url_for("/rss"), template)]
        report = harness.poll(specs, POLL_1, page_fetch_limit=5)
    source = report.sources[0]
    assert source.ok, source.error
    assert source.seconds <= DEADLINE + SLACK
    assert source.pages_late == 5 and source.pages_fetched == 0
    assert "5 høringssider ikke lest (tidsfristen for kilden var brukt opp" in source.summary()
    unread = harness.conn.execute(
        "SELECT count(*) FROM consultations WHERE page_checked IS NULL"
    ).fetchone()[0]
    assert unread == 12
