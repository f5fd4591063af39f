"""Stortinget's case data as the follower reads it: XML and JSON alike, placeholders as
«no date», hyphen and en dash alike, volatile fields never in a fingerprint."""

from __future__ import annotations

import pytest

from generator.core.errors import SourceError
from generator.watch.follow import refs
from generator.watch.follow.stortinget import (
    event_date,
    parse_case,
    parse_cases,
    parse_programme,
    parse_votes,
)
from tests.project import FIXTURES

FOLLOW = FIXTURES / "follow"


def data(name: str) -> bytes:
    return (FOLLOW / name).read_bytes()


def test_case_list_reads_the_same_from_xml_and_json_except_the_enum_words():
    xml, json = (
        parse_cases(data("saker-2026-2027-2.xml")),
        parse_cases(data("saker-2026-2027-2.json")),
    )
    assert [c.id for c in xml] == [c.id for c in json] == ["104390", "104201", "104512", "104513"]
    for a, b in zip(xml, json, strict=True):
        assert (a.title, a.reference, a.committee, a.updated) == (
            b.title, b.reference, b.committee, b.updated,
        )  # fmt: skip
    assert [c.status for c in xml] == [
        "mottatt",
        "til_behandling",
        "til_behandling",
        "til_behandling",
    ]
    assert {c.status for c in json} == {None}  # numbers are never guessed into words
    assert xml[0].committee is None  # <komite i:nil="true"/>
    assert xml[1].updated is None  # 0001-01-01T00:00:00
    assert json[1].updated is None  # /Date(-62135596800000)/


def test_one_prop_two_cases_and_hyphen_or_en_dash_are_the_same_prop():
    cases = parse_cases(data("saker-2026-2027-2.xml"))
    prop = refs.normal_prop("Prop. 23 LS (2026–2027)")
    assert [c.id for c in cases if prop in refs.props_in(c.reference)] == ["104512", "104513"]
    assert refs.normal_prop("prop.23 ls ( 2026 - 2027 )") == prop
    assert refs.innst_in("Prop. 23 LS (2026-2027), Innst. 88 L (2026-2027)") == [
        "Innst. 88 L (2026–2027)"
    ]
    assert refs.lovvedtak_in("…, Lovvedtak 21 (2026-2027)") == ["Lovvedtak 21 (2026–2027)"]


def test_the_fingerprint_ignores_respons_dato_tid_and_versjon_but_sees_a_move():
    first = {c.id: c.fingerprint for c in parse_cases(data("saker-2026-2027-2.xml"))}
    again = data("saker-2026-2027-2.xml").replace(b"2026-12-05T09:00:12", b"2026-12-06T10:11:12")
    again = again.replace(b"<versjon>1.6</versjon>", b"<versjon>1.7</versjon>")
    assert {c.id: c.fingerprint for c in parse_cases(again)} == first
    moved = {c.id: c.fingerprint for c in parse_cases(data("saker-2026-2027-3.xml"))}
    assert moved["104512"] != first["104512"] and moved["104513"] == first["104513"]


def test_case_detail_xml_and_json_agree_and_placeholder_events_are_dropped():
    xml, json = parse_case(data("sak-104512-3.xml")), parse_case(data("sak-104512-3.json"))
    assert (xml.done, json.done) == (True, True)
    assert xml.events == json.events and xml.reference == json.reference
    assert [p.kind for p in xml.publications] == [
        "regjering",
        "innstilling",
        "referat",
        "lovvedtak",
    ]
    assert {p.kind for p in json.publications} == {None}
    assert [p.url for p in xml.publications] == [p.url for p in json.publications]
    early = parse_case(data("sak-104512-1.xml"))
    assert "HOERFRIST" not in early.events  # «01.01.0001 00:00:00»
    assert early.status == "til_behandling" and not early.done
    assert event_date("01.01.0001 00:00:00") is None
    assert str(event_date("14.12.2026 12:00:00")) == "2026-12-14 12:00:00+01:00"


def test_votes_xml_and_json_unanimous_has_no_counts_and_empty_list_is_empty():
    xml, json = (
        parse_votes(data("voteringer-104512.xml")),
        parse_votes(data("voteringer-104512.json")),
    )
    assert [(v.id, v.adopted, v.votes_for, v.votes_against) for v in xml] == [
        ("20871", False, 21, 76), ("20872", True, None, None), ("20990", True, None, None),
    ]  # fmt: skip
    assert [(v.id, v.adopted, v.votes_for, v.at.date()) for v in json] == [
        (v.id, v.adopted, v.votes_for, v.at.date()) for v in xml
    ]
    assert xml[0].at.isoformat() == "2027-03-02T15:12:44.270000+01:00"
    assert parse_votes(data("voteringer-104512-tom.xml")) == []


def test_hearing_programme_names_the_speakers():
    (day,) = parse_programme(data("horingsprogram-10006301.xml"))
    assert ("09:10 - 09:20", "Krisesentersekretariatet") in day.speakers
    assert day.place == "Stortingets komitéhus, Høringssal 2"


@pytest.mark.parametrize(
    ("body", "words"),
    [
        (b"<!DOCTYPE x [<!ENTITY a 'b'>]><saker_oversikt/>", "DOCTYPE-erklæring"),
        (b"<html><body>500</body></html>", "svaret er ikke «saker_oversikt»"),
        (b"<html><body>500", "ikke gyldig XML"),
        (b"<?xml version='1.0'?><annet xmlns='http://data.stortinget.no'/>", "saker_oversikt"),
        (b"[1, 2]", "JSON-svaret"),
    ],
)
def test_wrong_bodies_are_norwegian_source_errors(body, words):
    with pytest.raises(SourceError) as caught:
        parse_cases(body, source="saker")
    assert words in str(caught.value)


# ---------------------------------------------------------------- the public steps file


def test_public_steps_round_trip_and_only_the_allowed_fields_pass(tmp_path):
    from datetime import date

    from generator.core.errors import ContentError
    from generator.watch.follow.public import PublicStep, read_steps, steps_path, write_steps

    response = tmp_path / "2026-06-02-svar.md"
    steps = [
        PublicStep(date(2026, 11, 20), "Prop. 23 LS (2026–2027): «x» & co", "https://a.example/")
    ]
    assert write_steps(response, steps) and not write_steps(response, steps)  # unchanged: kept
    assert read_steps(steps_path(response)) == steps
    odd = [PublicStep(None, "Lov om a < b\n og \x1b[2J" + "x" * 500, None)]
    write_steps(response, odd)  # what the watcher writes, the build always reads
    (read,) = read_steps(steps_path(response))
    assert read.text.startswith("Lov om a ‹ b og x") and len(read.text) == 400
    path = steps_path(response)
    for bad, words in [
        ("steps:\n- text: x\n  url: javascript:alert(1)\n", "er ikke en http(s)-adresse"),
        ("steps:\n- text: <script>x</script>\n", "kan ikke ha linjeskift"),
        ("steps:\n- text: x\n  html: <b>\n", "kan bare ha date, text og url"),
        ("steps:\n- date: i går\n  text: x\n", "er ikke en dato"),
        ("annet: 1\n", "må ha én nøkkel"),
    ]:
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ContentError) as caught:
            read_steps(path)
        assert words in str(caught.value) and str(path) in str(caught.value)


def test_statsrad_text_gives_law_number_and_entry_into_force():
    from generator.watch.follow.statsrad import sanctions

    text = (FOLLOW / "statsrad.rss").read_text(encoding="utf-8")
    found = {
        (s.lovvedtak, s.number, s.in_force and s.in_force.isoformat()) for s in sanctions(text)
    }
    assert found == {
        ("Lovvedtak 21 (2026–2027)", 12, "2027-07-01"),
        ("Lovvedtak 24 (2026–2027)", 13, None),  # «Kongen bestemmer»
        ("Lovvedtak 19 (2026–2027)", 11, None),  # «straks»: no date to name
    }


def test_lovdata_package_is_read_with_limits_and_finds_the_amended_law(tmp_path):
    import io
    import tarfile

    from generator.watch.follow import lovdata

    found = lovdata.find(data("gjeldende-lover.tar.bz2"), {"lov/2027-03-19-12"}, "pakke")
    assert [(c.refid, c.name, c.in_force.isoformat()) for c in found] == [
        ("lov/1981-05-22-25", "Straffeprosessloven", "2027-07-01")
    ]
    assert lovdata.find(data("gjeldende-lover-foer.tar.bz2"), {"lov/2027-03-19-12"}, "p") == []
    assert lovdata.package_modified(data("lovdata-list.json"), "list") == "2027-07-02T02:31:59.418Z"
    # members outside nl/, links and odd names are never read; a broken package is an error
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:bz2") as tar:
        evil = b'<a href="lov/2027-03-19-12">'
        for name in ("../nl/nl-20000101-001.xml", "nl/x.xml"):
            info = tarfile.TarInfo(name)
            info.size = len(evil)
            tar.addfile(info, io.BytesIO(evil))
        link = tarfile.TarInfo("nl/nl-20000101-002.xml")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(link)
    assert lovdata.find(buf.getvalue(), {"lov/2027-03-19-12"}, "p") == []
    with pytest.raises(SourceError) as caught:
        lovdata.find(b"ikke en pakke", {"lov/2027-03-19-12"}, "pakke")
    assert "pakken fra Lovdata kan ikke leses" in str(caught.value)
