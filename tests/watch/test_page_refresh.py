"""Open consultations' pages are read again once a day, so a deadline extended on the
page *after* the feed changed is still picked up.

Real local server, real SQLite, time frozen by passing ``now``: run 1 reads feed and
pages; in run 2 the feed says the deadline is extended but the hearing page still shows
the old one (it lagged behind); the feed then stays the same (even answering 304), the
page is updated, and the next run a day later reports the extension, exactly once.
"""

from __future__ import annotations

from datetime import date, datetime

from werkzeug import Request, Response

from generator.watch import store
from generator.watch.model import OSLO
from tests.watch.conftest import FEEDS, PAGES, RSS_TYPE, feed, link_paths, regjeringen

READ = {link_paths("regjeringen-horinger-page2.rss")[guid] for guid in PAGES}  # pages that exist
PAGE_3181177 = link_paths("regjeringen-horinger-page2.rss")["3181177"]
EXTENDED = "høringsfrist forlenget 1. mars → 15. mars 2027"


class Site:
    """The feed (with ETag, so an unchanged feed answers 304) and pages that can change."""

    def __init__(self, server) -> None:
        self.feed_name = "regjeringen-horinger.rss"
        self.pages = dict(PAGES)
        server.expect_request("/rss").respond_with_handler(self._feed)
        for guid, path in link_paths("regjeringen-horinger-page2.rss").items():
            server.expect_request(path).respond_with_handler(self._page(guid))
        self.url = server.url_for("/rss")
        self.log = server.log

    def _feed(self, request: Request) -> Response:
        etag = f'"{self.feed_name}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(feed(self.feed_name), content_type=RSS_TYPE, headers={"ETag": etag})

    def _page(self, guid: str):
        def answer(_request: Request) -> Response:
            name = self.pages.get(guid)
            if name is None:
                return Response("finnes ikke", status=404)
            return Response((FEEDS / name).read_bytes(), content_type="text/html; charset=utf-8")

        return answer

    def page_requests(self) -> list[str]:
        return [request.path for request, _ in self.log if request.path != "/rss"]


def at(day: int, hour: int, month: int = 11, year: int = 2026) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=OSLO)


def deadline(harness, key: str = "3181177") -> date | None:
    return store.get_consultation(harness.conn, key).deadline_date


def changes(report, key: str = "3181177") -> list[str]:
    return [c for u in report.sources[0].updated if u.consultation.id == key for c in u.changes]


def test_a_lagging_page_is_read_again_and_the_extension_reported_once(server, harness):
    site = Site(server)
    specs = regjeringen(site.url)
    harness.poll(specs, at(16, 15))
    assert deadline(harness) == date(2027, 3, 1)

    # Run 2: the feed item changed («forlenget høringsfrist»), the page has not caught up.
    site.feed_name = "regjeringen-horinger-page2.rss"
    report = harness.poll(specs, at(17, 9))
    assert any(c.startswith("tittel endret") for c in changes(report))
    assert EXTENDED not in changes(report)
    assert deadline(harness) == date(2027, 3, 1)  # the page wins, and it still lags

    # The page is updated; the feed stays as it is (304).
    site.pages["3181177"] = "horing-3181177-v2.html"
    before = len(site.page_requests())
    report = harness.poll(specs, at(17, 20))  # less than a day after the last read
    assert report.sources[0].not_modified
    assert PAGE_3181177 not in site.page_requests()[before:]  # read 11 h ago: waits a day
    assert deadline(harness) == date(2027, 3, 1)

    report = harness.poll(specs, at(18, 10))  # a day later: open pages are read again
    assert report.sources[0].not_modified
    assert changes(report) == [EXTENDED]
    assert deadline(harness) == date(2027, 3, 15)
    assert [u.consultation.id for u in report.relevant_updates] == ["3181177"]

    report = harness.poll(specs, at(19, 11))  # read again, nothing new: nothing reported
    assert report.sources[0].updated == []
    history = [h.message for h in store.history(harness.conn, "3181177")]
    assert history.count(EXTENDED) == 1


def test_pages_of_expired_consultations_are_not_read_again(server, harness):
    site = Site(server)
    specs = regjeringen(site.url)
    harness.poll(specs, at(16, 15))
    before = len(site.page_requests())
    harness.poll(specs, at(16, 12, month=3, year=2027))  # every known deadline has passed
    reread = site.page_requests()[before:]
    assert not READ & set(reread)
