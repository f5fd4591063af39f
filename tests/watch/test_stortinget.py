"""Stortinget fixtures: XML and JSON give identical rows; README expectations hold."""

from __future__ import annotations

from datetime import datetime

from generator.core.state import open_db
from generator.watch import store
from generator.watch.model import OSLO
from generator.watch.poll import SourceSpec
from tests.watch.conftest import POLL_2, Harness, feed, table

EXPECTED = {
    # id: (committee, horing_status, relevant, innspillsfrist, anmodningsfrist)
    "10006201": ("Justiskomiteen", "Planlagt", True, (2026, 12, 10, 23, 59), (2026, 11, 30, 12, 0)),
    "10006214": ("Familie- og kulturkomiteen", "Planlagt", True, (2027, 1, 12, 23, 59), None),
    "10006188": ("Finanskomiteen", "Avholdt", False, (2026, 10, 21, 23, 59), (2026, 10, 13, 12, 0)),
    "10006190": (
        "Transport- og kommunikasjonskomiteen", "Avholdt", False,
        (2026, 10, 23, 23, 59), (2026, 10, 14, 12, 0),
    ),
    "10006230": (
        "Næringskomiteen", "Planlagt med forbehold", False,
        (2026, 12, 14, 23, 59), (2026, 12, 1, 12, 0),
    ),
    "10006199": (
        "Energi- og miljøkomiteen", "Avlyst", False,
        (2026, 11, 26, 23, 59), (2026, 11, 12, 12, 0),
    ),
}  # fmt: skip


def oslo(parts: tuple | None) -> datetime | None:
    return datetime(*parts, tzinfo=OSLO) if parts else None


def poll_format(server, harness: Harness, name: str, content_type: str) -> list[dict]:
    path = f"/{name}"
    server.expect_request(path).respond_with_data(feed(name), content_type=content_type)
    spec = SourceSpec("stortinget", "stortinget", server.url_for(path))
    report = harness.poll([spec], POLL_2)
    assert report.sources[0].ok, report.sources[0].error
    return report


def test_xml_gives_readme_results(server, harness):
    report = poll_format(server, harness, "stortinget-horinger.xml", "application/xml")
    assert len(report.sources[0].new) == 6
    assert {c.id for c in report.new_relevant} == {"10006201", "10006214"}
    stored = {c.id: c for c in store.list_consultations(harness.conn)}
    for key, (committee, status, relevant, deadline, ask_to_speak) in EXPECTED.items():
        item = stored[key]
        assert item.department == committee
        assert item.source_status == status
        assert item.relevant is relevant, key
        assert item.deadline == oslo(deadline), key
        request = item.extra["anmodningsfrist"]
        assert (datetime.fromisoformat(request) if request else None) == oslo(ask_to_speak)
    assert stored["10006201"].deadline.utcoffset().total_seconds() == 3600
    assert stored["10006188"].deadline.utcoffset().total_seconds() == 7200


def test_placeholders_nil_and_cases(server, harness):
    poll_format(server, harness, "stortinget-horinger.xml", "application/xml")
    item = store.get_consultation(harness.conn, "10006214")
    assert item.extra["skriftlig"] is True
    assert item.extra["anmodningsfrist"] is None and item.extra["start"] is None
    assert item.extra["horingstidspunkt"] == []
    assert len(item.extra["saker"]) == 2
    assert item.extra["saker"][1]["sak_publikasjon"] is None
    assert "barnevern" in item.terms and "krisesent" in item.terms
    assert "barnevernsloven" in item.title and "krisesenter" in item.title
    assert (
        item.url == "https://www.stortinget.no/no/Hva-skjer-pa-Stortinget/Horing/horing/?h=10006214"
    )
    first = store.get_consultation(harness.conn, "10006201")
    assert first.extra["horingstidspunkt"] == [
        {"tidspunkt": "2026-12-08T09:00:00+01:00", "sted": "Stortingets komitéhus, Høringssal 1"}
    ]
    assert first.reference == "Prop. 14 L (2026–2027)"
    assert store.get_consultation(harness.conn, "10006199").extra["horingstidspunkt"] == []
    # nothing anywhere became year 1
    for row in table(harness.conn):
        assert "0001-" not in str(row)


def test_xml_and_json_give_identical_rows(server, harness, tmp_path, rule):
    poll_format(server, harness, "stortinget-horinger.xml", "application/xml")
    other = Harness(open_db(tmp_path / "json.sqlite3"), rule)
    poll_format(server, other, "stortinget-horinger.json", "application/json")

    xml_rows, json_rows = table(harness.conn), table(other.conn)
    assert len(xml_rows) == 6
    assert xml_rows == json_rows
    other.conn.close()
