"""The fetcher against a real local server: 304, retries, timeouts, size cap, redirects."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest
from werkzeug import Request, Response

from generator.core.errors import SourceError
from generator.watch import store
from generator.watch.fetch import Fetcher
from tests.watch.conftest import POLL_1, POLL_2, RSS_TYPE, feed, regjeringen


def test_user_agent_names_stemme_and_the_contact(server, harness):
    server.expect_request("/f").respond_with_data("ok")
    with Fetcher(harness.settings) as fetcher:
        fetcher.get(server.url_for("/f"))
    agent = server.log[0][0].headers["User-Agent"]
    assert agent.startswith("Stemme/") and "post@example.org" in agent


def test_conditional_get_304_means_nothing_to_parse(server, harness):
    body = feed("regjeringen-horinger.rss")
    etag, modified = '"v1"', "Mon, 16 Nov 2026 13:05:12 GMT"

    def handler(request: Request) -> Response:
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(
            body, content_type=RSS_TYPE, headers={"ETag": etag, "Last-Modified": modified}
        )

    server.expect_request("/rss").respond_with_handler(handler)
    specs = regjeringen(server.url_for("/rss"))
    harness.poll(specs, POLL_1, page_fetch_limit=0)
    state = store.source_state(harness.conn, "regjeringen")
    assert (state.etag, state.last_modified) == (etag, modified)
    rows_before = harness.conn.execute("SELECT * FROM consultations").fetchall()

    report = harness.poll(specs, POLL_2, page_fetch_limit=0)
    source = report.sources[0]
    assert source.ok and source.not_modified
    assert not source.new and not source.updated and source.unchanged == 0
    request = server.log[-1][0]
    assert request.headers["If-None-Match"] == etag
    assert request.headers["If-Modified-Since"] == modified
    assert [tuple(r) for r in harness.conn.execute("SELECT * FROM consultations")] == [
        tuple(r) for r in rows_before
    ]
    assert store.source_state(harness.conn, "regjeringen").etag == etag


def test_500_then_success_retries_with_backoff(server, harness):
    server.expect_ordered_request("/rss").respond_with_data("feil", status=500)
    server.expect_ordered_request("/rss").respond_with_data("feil", status=503)
    server.expect_ordered_request("/rss").respond_with_data(
        feed("regjeringen-horinger.rss"), content_type=RSS_TYPE
    )
    report = harness.poll(regjeringen(server.url_for("/rss")), POLL_1, page_fetch_limit=0)
    assert report.sources[0].ok
    assert len(report.sources[0].new) == 12
    assert harness.sleeps == [0.5, 1.0]  # exponential backoff, injected sleep


def test_persistent_500_fails_the_source_with_a_norwegian_message(server, harness):
    server.expect_request("/rss").respond_with_data("feil", status=502)
    report = harness.poll(regjeringen(server.url_for("/rss")), POLL_1)
    error = report.sources[0].error
    assert "serveren svarte 502" in error and "prøvde 3 ganger" in error
    assert store.source_state(harness.conn, "regjeringen").last_error == error


def test_4xx_is_not_retried(server, harness):
    server.expect_request("/rss").respond_with_data("nei", status=403)
    report = harness.poll(regjeringen(server.url_for("/rss")), POLL_1)
    assert "403" in report.sources[0].error
    assert harness.sleeps == [] and len(server.log) == 1


def test_timeout_is_retried_then_reported(server, harness):
    def slow(_request: Request) -> Response:
        time.sleep(0.6)
        return Response("for sent")

    server.expect_request("/slow").respond_with_handler(slow)
    settings = replace(harness.settings, read_timeout=0.2, retries=1)
    with (
        Fetcher(settings, sleep=harness.sleeps.append) as fetcher,
        pytest.raises(SourceError) as err,
    ):
        fetcher.get(server.url_for("/slow"))
    assert "fikk ikke svar innen 0.2 sekunder" in str(err.value)
    assert harness.sleeps == [0.5]


def test_oversize_body_is_cut_off(server, harness):
    settings = replace(harness.settings, max_bytes=2048)

    def streamed(_request: Request) -> Response:
        # no Content-Length: the cap must hold while streaming
        return Response((b"x" * 1024 for _ in range(64)), content_type="text/plain")

    server.expect_request("/big").respond_with_handler(streamed)
    server.expect_request("/declared").respond_with_data(b"y" * 5000)
    with Fetcher(settings) as fetcher:
        for path in ("/big", "/declared"):
            with pytest.raises(SourceError, match="større enn"):
                fetcher.get(server.url_for(path))


def test_redirects_are_followed_but_bounded(server, harness):
    server.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    server.expect_request("/b").respond_with_data("fram")
    for n in range(10):
        server.expect_request(f"/loop{n}").respond_with_data(
            "", status=302, headers={"Location": f"/loop{n + 1}"}
        )
    with Fetcher(replace(harness.settings, max_redirects=3)) as fetcher:
        assert fetcher.get(server.url_for("/a")).content == b"fram"
        with pytest.raises(SourceError, match="for mange videresendinger"):
            fetcher.get(server.url_for("/loop0"))


def test_connection_refused_is_a_source_error(harness):
    with (
        Fetcher(harness.settings) as fetcher,
        pytest.raises(SourceError, match="fikk ikke kontakt"),
    ):
        fetcher.get("http://127.0.0.1:9/")
