"""Poll robustness: isolated failures, interrupted polls, hostile and malicious feeds."""

from __future__ import annotations

from dataclasses import replace

import pytest

from generator.core.errors import SourceError
from generator.watch import records, store
from generator.watch.poll import SourceSpec
from generator.watch.sources import SOURCES, rss
from tests.watch.conftest import (
    POLL_1,
    POLL_2,
    RSS_TYPE,
    feed,
    regjeringen,
    serve_regjeringen,
    table,
)

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
]>
<rss version="2.0"><channel><title>t</title>
<item><title>&e;</title><guid>1</guid><link>https://example.org/id1/</link></item>
</channel></rss>"""

HOSTILE = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Departementets høringer</title>
<item>
  <title>Høring om krisesentre &lt;script&gt;alert(1)&lt;/script&gt;
    &lt;img src=x onerror=alert(2)&gt;</title>
  <link>javascript:alert(3)</link>
  <description><![CDATA[<p onclick="x()">Om <b>kontaktforbud</b></p><script>steal()</script>
  <a href="javascript:alert(4)">les mer</a> &amp;lt;iframe src=//evil&amp;gt;]]></description>
  <guid>https://example.org/dokument/id4242/</guid>
  <pubDate>Mon, 16 Nov 2026 13:00:00 +0100</pubDate>
</item>
</channel></rss>""".encode()


def test_one_failing_source_does_not_stop_the_others(server, harness):
    url = serve_regjeringen(server)
    server.expect_request("/broken").respond_with_data("nei", status=404)
    specs = [
        SourceSpec("ødelagt", "rss", server.url_for("/broken")),
        *regjeringen(url),
        SourceSpec("stortinget", "stortinget", server.url_for("/stortinget")),
    ]
    server.expect_request("/stortinget").respond_with_data(feed("stortinget-horinger.xml"))
    report = harness.poll(specs, POLL_1)

    assert [s.name for s in report.failed] == ["ødelagt"]
    assert "404" in report.failed[0].error
    assert [len(s.new) for s in report.sources] == [0, 12, 6]
    assert store.source_state(harness.conn, "ødelagt").last_error
    assert store.source_state(harness.conn, "regjeringen").last_error is None


def test_rerun_after_interrupted_poll_leaves_no_duplicates(server, harness, monkeypatch):
    url = serve_regjeringen(server)
    real_insert = records.insert_entry
    calls = {"n": 0}

    def crashing_insert(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 6:
            raise KeyboardInterrupt("strømbrudd midt i kilden")
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(records, "insert_entry", crashing_insert)
    with pytest.raises(KeyboardInterrupt):
        harness.poll(regjeringen(url), POLL_1)
    assert table(harness.conn) == []  # the source's transaction rolled back
    state = store.source_state(harness.conn, "regjeringen")
    assert state is None or state.etag is None

    monkeypatch.setattr(records, "insert_entry", real_insert)
    report = harness.poll(regjeringen(url), POLL_1)
    assert len(report.sources[0].new) == 12
    report = harness.poll(regjeringen(url), POLL_2)
    assert report.sources[0].unchanged == 12 and not report.sources[0].new
    rows = table(harness.conn)
    assert len(rows) == 12 == len({r["key"] for r in rows})
    assert len(table(harness.conn, "consultation_history")) == 12


def test_crash_in_second_source_keeps_the_first(server, harness, monkeypatch):
    url = serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))

    def boom(*_args, **_kwargs):
        raise RuntimeError("krasj")

    monkeypatch.setitem(SOURCES, "stortinget", replace(SOURCES["stortinget"], parse=boom))
    specs = [*regjeringen(url), SourceSpec("stortinget", "stortinget", server.url_for("/st"))]
    report = harness.poll(specs, POLL_1)
    assert [s.name for s in report.failed] == ["stortinget"]
    assert len(table(harness.conn)) == 12
    assert store.source_state(harness.conn, "stortinget").last_error.startswith(
        "stortinget: uventet feil (RuntimeError: krasj)"
    )


def test_entity_bomb_is_refused_before_parsing(server, harness):
    with pytest.raises(SourceError, match=r"ENTITY|DOCTYPE"):
        rss.parse_feed(BOMB, source="bombe")
    server.expect_request("/bomb").respond_with_data(BOMB, content_type=RSS_TYPE)
    server.expect_request("/bomb16").respond_with_data(
        BOMB.replace(b'<?xml version="1.0"?>', b"").decode().encode("utf-16"),
        content_type=RSS_TYPE,
    )
    specs = [
        SourceSpec("bombe", "rss", server.url_for("/bomb")),
        SourceSpec("bombe16", "rss", server.url_for("/bomb16")),
        SourceSpec("stortinget", "stortinget", server.url_for("/bomb")),
    ]
    report = harness.poll(specs, POLL_1)
    assert len(report.failed) == 3
    assert all("entity-bombe" in s.error for s in report.failed)
    assert table(harness.conn) == []


def test_hostile_feed_text_is_stored_as_plain_text(server, harness):
    server.expect_request("/hostile").respond_with_data(HOSTILE, content_type=RSS_TYPE)
    report = harness.poll([SourceSpec("dep", "rss", server.url_for("/hostile"))], POLL_1)
    item = report.sources[0].new[0]

    assert item.id == "4242"
    for text in (item.title, item.summary):
        assert "<" not in text and ">" not in text
        assert "script" not in text.lower() or "<" not in text
    assert "onerror" not in item.title
    assert "steal()" not in item.summary
    assert item.title.startswith("Høring om krisesentre")
    assert "Om kontaktforbud" in item.summary
    assert item.url is None  # javascript: link dropped
    assert item.relevant and item.terms == ["krisesent", "kontaktforbud"]


def test_generic_rss_and_atom_feeds_use_the_same_pipeline(server, harness):
    atom = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>BFD</title>
<entry><title>Forslag om tvangsekteskap og negativ sosial kontroll</title>
<id>tag:example.org,2026:abc</id><link href="https://example.org/horing/abc"/>
<updated>2026-11-18T10:00:00+01:00</updated>
<summary>Høringsfristen er 4. februar 2027.</summary></entry></feed>""".encode()
    server.expect_request("/atom").respond_with_data(atom, content_type="application/atom+xml")
    report = harness.poll([SourceSpec("bfd", "rss", server.url_for("/atom"))], POLL_1)
    item = report.sources[0].new[0]
    assert item.id.startswith("h") and item.relevant
    assert item.deadline_date.isoformat() == "2027-02-04"
    assert item.url == "https://example.org/horing/abc"
