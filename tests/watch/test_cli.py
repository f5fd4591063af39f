"""The commands a policy adviser runs, end to end: watch → consultations → respond → ics."""

from __future__ import annotations

import json
import os
import re
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from icalendar import Calendar

from generator.cli import main
from generator.core.state import open_db
from generator.site.content_model import load_document
from generator.watch.model import OSLO
from tests.watch.conftest import TODAY, feed, realworld, serve_regjeringen

GROUP_ORDER = ["Åpne og relevante", "Andre åpne", "Utløpt eller avsluttet"]
LIST_KEYS = {
    "id", "source", "title", "url", "department", "published", "deadline",
    "relevance", "terms", "status", "owner",
}  # fmt: skip


@pytest.fixture
def frozen():
    with time_machine.travel(TODAY, tick=True):
        yield


@pytest.fixture
def watched(project, server, frozen, capsys):
    """One `stemme watch` over regjeringen (poll 1) and Stortinget, served locally."""
    url = serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.json"))
    code = main(["watch", "--source", f"regjeringen={url}", "--source",
                 f"stortinget={server.url_for('/st')}"])  # fmt: skip
    out = capsys.readouterr()
    assert code == 0, out.err
    return out


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_watch_prints_new_relevant_and_progress(watched):
    assert "regjeringen: 12 nye (4 relevante)" in watched.err
    assert "stortinget: 6 nye (2 relevante)" in watched.err
    assert "Nye relevante høringer (6):" in watched.out
    assert "treff: kontaktforbud, omvendt voldsalarm" in watched.out
    assert "frist 15. februar 2027 (om 87 dager)" in watched.out


def test_consultations_json_sorted_with_required_keys(watched, capsys):
    code, out, _ = run(capsys, "consultations", "--json")
    assert code == 0
    items = json.loads(out)
    assert len(items) == 18
    assert set(items[0]) >= LIST_KEYS
    groups = [i["group"] for i in items]
    assert groups == sorted(groups, key=GROUP_ORDER.index)
    for name in GROUP_ORDER[:2]:  # open ones: by deadline, unknown deadlines last
        rows = [i for i in items if i["group"] == name]
        deadlines = [i["deadline"] for i in rows if i["deadline"]]
        assert deadlines == sorted(deadlines, key=datetime.fromisoformat)
        assert [i["deadline"] for i in rows[len(deadlines) :]] == [None] * (
            len(rows) - len(deadlines)
        )
    assert {i["id"] for i in items if i["group"] == GROUP_ORDER[0]} == {
        "3181655", "3181402", "3181177", "3180960", "10006201", "10006214"
    }  # fmt: skip
    expired = [i for i in items if i["group"] == GROUP_ORDER[2]]
    assert expired and all(
        i["days_left"] < 0 or i["source_status"] in ("Avlyst", "Avholdt") for i in expired
    )
    relevant = json.loads(run(capsys, "consultations", "--relevant", "--json")[1])
    assert {i["id"] for i in relevant} == {
        "3181655", "3181402", "3181177", "3180960", "10006201", "10006214"
    }  # fmt: skip
    due = json.loads(run(capsys, "consultations", "--due-within", "21", "--json")[1])
    assert [(i["id"], i["days_left"]) for i in due] == [
        ("10006201", 20), ("3180871", 14), ("10006199", 6),  # 10006199: «Avlyst»
    ]  # fmt: skip


def test_consultations_table_shows_days_left(watched, capsys):
    code, out, _ = run(capsys, "consultations", "--relevant")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Frist")
    assert lines[1] == "Åpne og relevante (6):"
    assert lines[2].startswith("10.12.2026     20  10006201")
    assert "6 høringer" in out


def test_tracking_fields_and_history(watched, capsys):
    code, out, _ = run(
        capsys, "consultation", "3181402", "--status", "vurderes", "--owner", "Kari", "--note",
        "Ta opp på fagmøtet",
    )  # fmt: skip
    assert code == 0 and "status: ny → vurderes" in out and "ansvarlig: – → Kari" in out
    item = json.loads(run(capsys, "consultation", "3181402", "--json")[1])
    assert (item["status"], item["owner"], item["note"]) == (
        "vurderes",
        "Kari",
        "Ta opp på fagmøtet",
    )
    code, _, err = run(capsys, "consultation", "3181402", "--status", "ferdig")
    assert code == 2
    code, _, err = run(capsys, "consultation", "999")
    assert code == 1 and "Fant ingen høring med id «999»" in err


def test_respond_creates_a_valid_draft_and_refuses_to_overwrite(watched, project, capsys):
    code, out, err = run(capsys, "respond", "3181177")
    assert code == 0, err
    path = (
        project.responses
        / "2026-11-20-forslag-til-ny-forskrift-om-kvalitet-i-krisesentertilbudet.md"
    )
    assert f"Utkast laget: content/hoeringssvar/{path.name}" in out
    doc = load_document(path, "hoeringssvar")  # the site's own validation
    meta = doc.meta
    assert meta.status == "utkast" and meta.date == date(2026, 11, 20)
    assert meta.department == "Barne- og familiedepartementet"
    assert meta.consultation.startswith("https://www.regjeringen.no/no/dokumenter/horing-om")
    assert meta.reference == "26/7716" and meta.deadline == date(2027, 3, 1)
    assert meta.title == "Høringssvar om forslag til ny forskrift om kvalitet i krisesentertilbudet"
    assert "## Våre merknader" in doc.body and "Med vennlig hilsen" in doc.body
    status = json.loads(run(capsys, "consultation", "3181177", "--json")[1])["status"]
    assert status == "svarer"

    before = path.read_text(encoding="utf-8")
    code, _, err = run(capsys, "respond", "3181177")
    assert code == 1 and "finnes allerede" in err
    assert path.read_text(encoding="utf-8") == before


def test_respond_for_stortinget_hearing(watched, project, capsys):
    code, _out, err = run(capsys, "respond", "10006214")
    assert code == 0, err
    (path,) = project.responses.glob("2026-11-20-endringer-i-barnevernsloven*.md")
    meta = load_document(path, "hoeringssvar").meta
    assert meta.department == "Familie- og kulturkomiteen"
    assert meta.deadline == date(2027, 1, 12)
    assert "Prop. 19 L" in meta.reference


def test_ics_has_deadlines_reminders_and_stable_uids(watched, capsys):
    code, first, _ = run(capsys, "consultations", "ics")
    assert code == 0
    calendar = Calendar.from_ical(first)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        f"hoering-{src}-{key}@krisesentersekretariatet.example"
        for src, key in [
            ("regjeringen", "3181402"), ("regjeringen", "3181177"), ("regjeringen", "3180960"),
            ("stortinget", "10006201"), ("stortinget", "10006214"),
        ]
    } | {"anmodning-stortinget-10006201@krisesentersekretariatet.example"}  # fmt: skip
    event = events["hoering-regjeringen-3181402@krisesentersekretariatet.example"]
    assert event.decoded("dtstart") == date(2027, 2, 15)
    assert str(event["summary"]).startswith("Høringsfrist: Høring – endringer i straffeprosess")
    triggers = sorted(a.decoded("trigger") for a in event.walk("VALARM"))
    assert triggers == [timedelta(days=-14), timedelta(days=-3)]
    assert "stemme respond 3181402" in str(event["description"])
    request = events["anmodning-stortinget-10006201@krisesentersekretariatet.example"]
    assert request.decoded("dtstart") == datetime(2026, 11, 30, 12, 0, tzinfo=OSLO)
    assert str(request["summary"]).startswith(
        "Påmeldingsfrist til høringen i Stortinget: Endringer i straffeloven"
    )
    triggers = sorted(a.decoded("trigger") for a in request.walk("VALARM"))
    assert triggers == [timedelta(days=-7), timedelta(days=-1)]
    assert str(request["description"]).splitlines()[:3] == [
        "Frist: 10. desember 2026 kl. 23:59",
        "Påmeldingsfrist: 30. november 2026 kl. 12:00",
        "Høring i Stortinget: 8. desember 2026 kl. 09:00, Stortingets komitéhus, Høringssal 1",
    ]

    second = run(capsys, "consultations", "ics")[1]
    assert {str(e["uid"]) for e in Calendar.from_ical(second).walk("VEVENT")} == set(events)
    everything = Calendar.from_ical(run(capsys, "consultations", "ics", "--all")[1])
    assert len(everything.walk("VEVENT")) == 15  # every stored deadline (4 + 6), 5 requests


def test_watch_exits_1_when_a_source_fails_after_trying_all(project, server, frozen, capsys):
    url = serve_regjeringen(server)
    code, _out, err = run(
        capsys, "watch", "--source", f"rss={server.url_for('/mangler')}",
        "--source", f"regjeringen={url}",
    )  # fmt: skip
    assert code == 1
    assert "rss: FEIL" in err and "404" in err
    assert "regjeringen: 12 nye" in err
    assert "1 av 2 kilder feilet (rss)" in err
    code, _, err = run(capsys, "watch", "--source", "ftp=ftp://x")
    assert code == 2 and "TYPE=URL" in err


def test_watch_json_reports_updates(project, server, frozen, capsys):
    url = serve_regjeringen(server)
    assert run(capsys, "watch", "--json", "--source", f"regjeringen={url}")[0] == 0
    url = serve_regjeringen(
        server, "regjeringen-horinger-page2.rss", {"3181177": "horing-3181177-v2.html"}
    )
    code, out, err = run(capsys, "watch", "--json", "--source", f"regjeringen={url}")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert [c["id"] for c in data["new_relevant"]] == ["3182046"]
    (update,) = data["relevant_updates"]
    assert update["id"] == "3181177"
    assert "høringsfrist forlenget 1. mars → 15. mars 2027" in update["changes"]
    assert data["sources"][0]["unchanged"] == 11 and data["failed"] == []
    assert datetime.fromisoformat(update["deadline"]) == datetime(
        2027, 3, 15, 23, 59, 59, tzinfo=OSLO
    )


def test_watch_polls_the_configured_sources(project, server, frozen, capsys):
    serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))
    text = project.config.read_text(encoding="utf-8")
    text = text.replace(
        "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=dokumenter/h%C3%B8ringer",
        server.url_for("/rss") + '"\npage_url = "{origin}{path}',
    ).replace("https://data.stortinget.no/eksport/horinger", server.url_for("/st"))
    text = text.replace("[watch.follow]\nenabled = true", "[watch.follow]\nenabled = false")
    project.config.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "watch")
    assert code == 0, err
    assert "regjeringen: 12 nye (4 relevante)" in err and "3 høringssider lest" in err
    assert "stortinget: 6 nye (2 relevante)" in err
    assert "Nye relevante høringer (6):" in out


def test_consultation_shows_summary_request_deadline_and_hearing(watched, capsys):
    code, out, _ = run(capsys, "consultation", "10006201")
    assert code == 0
    assert out.split("Historikk:")[0] == (
        "Endringer i straffeloven og straffeprosessloven (styrket vern mot gjentatt vold i "
        "nære relasjoner)\n\n"
        "  Id                   10006201 (stortinget)\n"
        "  Fra                  Justiskomiteen\n"
        "  Frist                10. desember 2026 (om 20 dager)\n"
        "  Påmeldingsfrist      30. november 2026 kl. 12:00 (om 10 dager)\n"
        "  Høring i Stortinget  8. desember 2026 kl. 09:00, Stortingets komitéhus, Høringssal 1\n"
        "  Status               ny\n"
        "  Relevans             6 (treff: vold i nære relasjoner, straffeprosess, vold)\n"
        "  Notat                –\n"
        "  Lenke                "
        "https://www.stortinget.no/no/Hva-skjer-pa-Stortinget/Horing/horing/?h=10006201\n\n"
        "Sammendrag:\n"
        "  Prop. 14 L (2026–2027): Styrket vern mot gjentatt vold i nære relasjoner.\n\n"
    )
    code, out, _ = run(capsys, "consultation", "3181402")
    assert "  Frist                15. februar 2027 (om 87 dager)\n" in out
    assert "frist  frist" not in out.lower() and "Påmeldingsfrist" not in out
    assert "\nSammendrag:\n  Departementet sender på høring forslag som skal gjøre det" in out


def test_watch_and_digest_show_the_request_deadline_and_the_hearing(watched, capsys):
    assert (
        "      Påmeldingsfrist: 30. november 2026 kl. 12:00 (om 10 dager)\n"
        "      Høring i Stortinget: 8. desember 2026 kl. 09:00, Stortingets komitéhus, "
        "Høringssal 1\n" in watched.out
    )
    code, out, _ = run(capsys, "watch", "digest", "--print")
    assert code == 0
    assert (
        "status: ny · treff: vold i nære relasjoner, straffeprosess, vold"
        "  \n  Påmeldingsfrist: 30. november 2026 kl. 12:00 (om 10 dager)  \n"
        "  Høring i Stortinget: 8. desember 2026 kl. 09:00, Stortingets komitéhus, "
        "Høringssal 1  \n" in out
    )


def test_watch_on_hostile_real_world_feeds_prints_no_traceback_and_no_escape(
    project, server, frozen, capsys
):
    server.expect_request("/tricky").respond_with_data(
        realworld("regjeringen-tricky-text.rss"), content_type="application/rss+xml"
    )
    server.expect_request("/blocked").respond_with_data(
        realworld("challenge-cloudflare.html"), status=403, headers={"cf-mitigated": "challenge"}
    )
    server.expect_request("/st").respond_with_data(realworld("stortinget-datoformer.json"))
    code, out, err = run(
        capsys, "watch", "--source", f"rss={server.url_for('/tricky')}",
        "--source", f"regjeringen={server.url_for('/blocked')}",
        "--source", f"stortinget={server.url_for('/st')}",
    )  # fmt: skip
    assert code == 1 and "Traceback" not in err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err)
    assert "rss: 4 nye (3 relevante)" in err
    assert "regjeringen: FEIL — " in err and "blokkert av nettstedet" in err
    assert "stortinget: 3 nye" in err and "  advarsel: høring nr. 4 ble hoppet over" in err
    assert "Feil: 1 av 3 kilder feilet (regjeringen)." in err


def test_rows_stored_before_stripping_print_without_control_characters(watched, capsys):
    conn = open_db(Path(os.environ["STEMME_DB"]))
    conn.execute(
        "UPDATE consultations SET title = ?, summary = ? WHERE key = '3181402'",
        ("Gammel\x1b[2J tittel\x07", "Sammendrag\x1b]0;x\x07 her\r"),
    )
    conn.close()
    for args in (["consultations"], ["consultation", "3181402"]):
        code, out, _ = run(capsys, *args)
        assert code == 0 and "Gammel tittel" in out
        assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)


def test_when_every_source_fails_the_summary_does_not_speak_of_others(project, server, capsys):
    one = ("watch", "--source", f"rss={server.url_for('/borte')}")
    code, _out, err = run(capsys, *one)
    assert code == 1
    assert "Kilden rss feilet, så ingenting nytt ble hentet denne gangen." in err
    code, _out, err = run(capsys, *one, "--source", f"stortinget={server.url_for('/st')}")
    assert code == 1
    assert "Alle 2 kildene feilet (rss, stortinget), så ingenting nytt ble hentet" in err
    assert "De andre" not in err and "vanlig" not in err


def test_consultations_list_open_relevant_before_expired_and_irrelevant(watched, capsys):
    """Expired and irrelevant hearings never push the urgent relevant one down the list."""
    run(capsys, "consultation", "3181177", "--status", "ikke aktuell")
    run(capsys, "consultation", "3180960", "--status", "svart")
    code, out, _ = run(capsys, "consultations")
    assert code == 0
    lines = out.splitlines()
    first = lines.index("Åpne og relevante (4):")
    assert first == 1 and lines[first + 1].split()[2] == "10006201"  # soonest deadline
    others = lines.index("Andre åpne (10):")
    done = lines.index("Utløpt eller avsluttet (4):")
    assert first < others < done
    opened = [line.split()[2] for line in lines[first + 1 : others]]
    assert "3181177" not in opened and "3180960" not in opened
    assert "3181177" in " ".join(lines[others:done])  # «ikke aktuell»: open, not relevant
    ended = lines[done + 1 : done + 5]
    assert ended[0].split()[2] == "3180960"  # svart; then «Avlyst» and expired, latest first
    expired = [line.split()[1] for line in ended[1:]]
    assert [int(d) for d in expired] == sorted((int(d) for d in expired), reverse=True)


@pytest.mark.parametrize(
    ("given", "near"),
    [("ikke aktuel", "ikke aktuell"), ("vurdres", "vurderes"), ("svaret", "svart")],
)
def test_a_misspelled_status_gets_did_you_mean(watched, capsys, given, near):
    for args in (
        ["consultation", "3181402", "--status", given],
        ["consultations", "--status", given],
    ):
        code, _out, err = run(capsys, *args)
        assert code == 2
        assert f"«{given}» er ikke en status." in err and f"Mente du «{near}»?" in err
        assert "«ny», «vurderes», «svarer», «svart», «ikke aktuell»" in err
    assert store_status(capsys) == "ny"  # nothing was changed


def test_status_forgives_case_and_spaces(watched, capsys):
    code, _out, _err = run(capsys, "consultation", "3181402", "--status", " Ikke  Aktuell ")
    assert code == 0 and store_status(capsys) == "ikke aktuell"


def store_status(capsys) -> str:
    return json.loads(run(capsys, "consultation", "3181402", "--json")[1])["status"]
