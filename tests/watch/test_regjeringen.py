"""Every expectation of fixtures/feeds/README.md for regjeringen poll 1 and poll 2."""

from __future__ import annotations

from datetime import UTC, date, datetime

import feedparser
from werkzeug import Request, Response

from generator.watch import store
from tests.watch.conftest import (
    PAGES,
    POLL_1,
    POLL_2,
    RSS_TYPE,
    feed,
    regjeringen,
    serve_pages,
    serve_regjeringen,
    table,
)

POLL_1_PUBLISHED = {
    "3181655": datetime(2026, 11, 16, 12, 0, tzinfo=UTC),
    "3181402": datetime(2026, 11, 16, 9, 30, tzinfo=UTC),
    "3181388": datetime(2026, 11, 13, 14, 0, tzinfo=UTC),
    "3181290": datetime(2026, 11, 13, 11, 0, tzinfo=UTC),
    "3181177": datetime(2026, 11, 12, 8, 0, tzinfo=UTC),
    "3181033": datetime(2026, 11, 11, 13, 30, tzinfo=UTC),
    "3180960": datetime(2026, 11, 10, 10, 0, tzinfo=UTC),
    "3180871": datetime(2026, 11, 9, 15, 0, tzinfo=UTC),
    "3180744": datetime(2026, 11, 5, 9, 0, tzinfo=UTC),
    "3180612": datetime(2026, 11, 2, 12, 15, tzinfo=UTC),
    "3180507": datetime(2026, 10, 29, 8, 0, tzinfo=UTC),
    "3180391": datetime(2026, 10, 23, 12, 0, tzinfo=UTC),
}
POLL_1_RELEVANT = {"3181655", "3181402", "3181177", "3180960"}
POLL_1_DEADLINES = {
    "3181402": date(2027, 2, 15),
    "3181177": date(2027, 3, 1),
    "3180960": date(2027, 1, 22),
    # stated only in the description: "Høringsfristen er 4. desember 2026"
    "3180871": date(2026, 12, 4),
}
POLL_1_DEPARTMENTS = {
    "3181655": "Justis- og beredskapsdepartementet",
    "3181402": "Justis- og beredskapsdepartementet",
    "3181388": "Finansdepartementet",
    "3181177": "Barne- og familiedepartementet",
    "3181033": "Kunnskapsdepartementet",
    "3180960": "Barne- og familiedepartementet",
    "3180871": "Nærings- og fiskeridepartementet",
    "3180744": "Samferdselsdepartementet",
    "3180612": "Energidepartementet",
    "3180507": "Landbruks- og matdepartementet",
    "3180391": "Helse- og omsorgsdepartementet",
}


def by_id(conn) -> dict:
    return {c.id: c for c in store.list_consultations(conn)}


def test_fixture_feeds_are_valid_rss():
    for name in ("regjeringen-horinger.rss", "regjeringen-horinger-page2.rss"):
        assert feedparser.parse(feed(name)).bozo == 0


def test_poll_1_finds_twelve_new_hearings_with_readme_facts(server, harness):
    report = harness.poll(regjeringen(serve_regjeringen(server)), POLL_1)

    source = report.sources[0]
    assert source.ok and not source.updated and source.unchanged == 0
    assert [c.id for c in source.new] == list(POLL_1_PUBLISHED)  # newest first, as the feed
    assert {c.id for c in report.new_relevant} == POLL_1_RELEVANT
    stored = by_id(harness.conn)
    assert len(stored) == 12
    for key, published in POLL_1_PUBLISHED.items():
        assert stored[key].published == published, key
    for key, item in stored.items():
        assert item.deadline_date == POLL_1_DEADLINES.get(key), key
        assert item.relevant == (key in POLL_1_RELEVANT), key
        if key in POLL_1_DEPARTMENTS:
            assert item.department == POLL_1_DEPARTMENTS[key], key
    # deadline from the page is the end of that day, Oslo time
    deadline = stored["3181402"].deadline
    assert (deadline.hour, deadline.minute, deadline.utcoffset().seconds) == (23, 59, 3600)
    assert stored["3181402"].source_status == "På høring"
    assert stored["3180960"].source_status == "På høyring"
    assert stored["3181177"].reference == "26/7716"


def test_trap_voldgiftsloven_is_not_relevant_and_ampersand_decodes(server, harness):
    harness.poll(regjeringen(serve_regjeringen(server)), POLL_1)
    stored = by_id(harness.conn)

    assert stored["3181290"].relevant is False
    assert stored["3181290"].terms == []
    assert "skatte- og avgiftskrav & å samordne" in stored["3181388"].summary
    assert "&amp;" not in stored["3181388"].summary
    assert stored["3180391"].title.startswith("Forslag til endringer i apotekforskriften")
    assert "krisesent" in stored["3180960"].terms  # nynorsk plural "krisesentera"


def test_failed_pages_leave_deadline_unknown_and_are_retried(server, harness):
    url = serve_regjeringen(server, pages={})  # every detail page answers 404
    report = harness.poll(regjeringen(url), POLL_1)
    assert report.sources[0].pages_failed == 12
    assert by_id(harness.conn)["3181402"].deadline is None

    url = serve_regjeringen(server)  # pages are back
    report = harness.poll(regjeringen(url), POLL_2)
    source = report.sources[0]
    assert source.pages_fetched == 3
    assert by_id(harness.conn)["3181402"].deadline_date == date(2027, 2, 15)
    assert {u.consultation.id for u in source.updated} == {"3181402", "3181177", "3180960"}


def test_page_fetch_limit_bounds_detail_requests(server, harness):
    harness.poll(regjeringen(serve_regjeringen(server)), POLL_1, page_fetch_limit=2)
    page_requests = [r for r, _ in server.log if r.path != "/rss"]
    assert len(page_requests) == 2


def poll_twice(server, harness):
    harness.poll(regjeringen(serve_regjeringen(server)), POLL_1)
    before = {row["key"]: row for row in table(harness.conn)}
    pages = {"3181177": "horing-3181177-v2.html"}
    url = serve_regjeringen(server, "regjeringen-horinger-page2.rss", pages)
    report = harness.poll(regjeringen(url), POLL_2)
    return before, report


def test_poll_2_new_updated_unchanged(server, harness):
    _before, report = poll_twice(server, harness)
    source = report.sources[0]

    assert {c.id for c in source.new} == {"3182046", "3181950", "3181874"}
    assert [u.consultation.id for u in source.updated] == ["3181177"]
    assert source.unchanged == 11
    assert {c.id for c in report.new_relevant} == {"3182046"}
    assert [u.consultation.id for u in report.relevant_updates] == ["3181177"]
    rows = table(harness.conn)
    assert len(rows) == 15
    assert len({(r["source"], r["key"]) for r in rows}) == 15

    new = by_id(harness.conn)["3182046"]
    assert new.published == datetime(2026, 11, 19, 11, 0, tzinfo=UTC)
    assert new.relevant and "vold i nære relasjoner" in new.terms
    assert new.department is None or "Justis" in new.department


def test_poll_2_reports_the_extended_deadline_in_norwegian(server, harness):
    _before, report = poll_twice(server, harness)
    update = report.relevant_updates[0]

    assert "høringsfrist forlenget 1. mars → 15. mars 2027" in update.changes
    assert any(c.startswith("tittel endret") for c in update.changes)
    item = update.consultation
    assert item.deadline_date == date(2027, 3, 15)
    assert item.title.endswith("– forlenget høringsfrist")
    assert item.relevant and item.revision == 1
    history = store.history(harness.conn, "3181177")
    assert next(h.kind for h in history) == "ny"
    deadline_change = next(h for h in history if h.field == "deadline")
    assert deadline_change.message == "høringsfrist forlenget 1. mars → 15. mars 2027"
    assert deadline_change.old.startswith("2027-03-01") and deadline_change.new.startswith(
        "2027-03-15"
    )


def test_poll_2_writes_nothing_but_last_seen_for_unchanged_items(server, harness):
    before, _report = poll_twice(server, harness)
    after = {row["key"]: row for row in table(harness.conn)}
    changed = {"3181177"}
    for key, old in before.items():
        new = after[key]
        if key in changed:
            continue
        diff = {k for k in old if old[k] != new[k]}
        assert diff <= {"last_seen"}, (key, diff)
        assert datetime.fromisoformat(new["last_seen"]) == POLL_2


def test_extended_deadline_read_from_description_when_page_fails(server, harness):
    harness.poll(regjeringen(serve_regjeringen(server)), POLL_1)
    url = serve_regjeringen(server, "regjeringen-horinger-page2.rss", pages={})
    report = harness.poll(regjeringen(url), POLL_2)
    update = report.relevant_updates[0]
    assert update.consultation.deadline_date == date(2027, 3, 15)
    assert "høringsfrist forlenget 1. mars → 15. mars 2027" in update.changes


def test_failed_pages_are_retried_even_when_the_feed_answers_304(server, harness):
    def conditional(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        body = feed("regjeringen-horinger.rss")
        return Response(body, content_type=RSS_TYPE, headers={"ETag": '"v1"'})

    server.expect_request("/rss").respond_with_handler(conditional)
    specs = regjeringen(server.url_for("/rss"))
    harness.poll(specs, POLL_1)  # every detail page answers 404
    assert by_id(harness.conn)["3181402"].deadline is None

    serve_pages(server, "regjeringen-horinger.rss", PAGES)  # pages are back; feed says 304
    report = harness.poll(specs, POLL_2)
    source = report.sources[0]
    assert source.not_modified and not source.new
    assert {u.consultation.id for u in source.updated} == {"3181402", "3181177", "3180960"}
    assert by_id(harness.conn)["3181402"].deadline_date == date(2027, 2, 15)
    assert by_id(harness.conn)["3181655"].deadline is None  # still no page: retried next time
