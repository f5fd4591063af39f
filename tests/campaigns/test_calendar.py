"""`stemme campaign calendar`: an .ics with one all-day event per campaign day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import time_machine
from icalendar import Calendar

from generator.campaigns import load_campaign
from generator.campaigns.calendar import build_calendar
from generator.cli import main

SLUG = "taushet-tar-liv-2026"
NOW = datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Europe/Oslo"))


def events(data: bytes) -> list:
    return [c for c in Calendar.from_ical(data).walk() if c.name == "VEVENT"]


def test_sixteen_all_day_events_with_the_right_dates(project, facts):
    campaign = load_campaign(project, SLUG, facts)
    data = build_calendar(
        campaign,
        site_url="https://eksempel.no",
        org_name="Sekretariatet",
        default_time="08:00",
        now=NOW,
        internal=True,  # the staff's calendar (stemme campaign calendar)
    )
    found = events(data)
    assert len(found) == 16
    starts = [e.decoded("dtstart") for e in found]
    assert starts == [date(2026, 11, 25) + timedelta(n) for n in range(16)]
    assert all(type(s) is date for s in starts)  # all-day events
    assert all(e.decoded("dtend") - e.decoded("dtstart") == timedelta(days=1) for e in found)
    first = found[0]
    assert str(first["summary"]) == "Taushet tar liv 2026, dag 1: Taushet tar liv"
    assert "publiseres kl. 09:00" in str(first["description"])
    assert "publiseres kl. 08:00" in str(found[1]["description"])
    assert campaign.days[0].post in str(first["description"])
    assert str(first["uid"]) == f"kampanje-{SLUG}-2026-11-25@eksempel.no"
    assert len({str(e["uid"]) for e in found}) == 16
    assert "Fakta: partnerdrap-andel" in str(first["description"])


def test_the_public_calendar_shows_no_internal_planning(project, facts):
    campaign = load_campaign(project, SLUG, facts)
    data = build_calendar(
        campaign, site_url="https://eksempel.no", org_name="S", default_time="08:00", now=NOW
    )
    first = str(events(data)[0]["description"])
    assert "publiseres kl." not in first and "Fakta:" not in first
    assert first.startswith(campaign.days[0].message + "\n\nForslag til innlegg:\n")
    assert campaign.days[0].post in first
    assert first.endswith(f"Dagens side: https://eksempel.no/kampanjer/{SLUG}/2026-11-25/")


def test_uids_are_stable_between_runs(project, facts):
    campaign = load_campaign(project, SLUG, facts)
    kwargs = {"site_url": "https://eksempel.no", "org_name": "S", "default_time": "08:00"}
    first = build_calendar(campaign, now=NOW, **kwargs)
    later = build_calendar(campaign, now=NOW + timedelta(days=3), **kwargs)
    assert [str(e["uid"]) for e in events(first)] == [str(e["uid"]) for e in events(later)]


def test_cli_writes_the_file(project, capsys):
    target = project.build / "kampanje.ics"  # a file inside the project
    with time_machine.travel(NOW, tick=False):
        code = main(["campaign", "calendar", SLUG, "-o", str(target)])
    assert code == 0
    assert "Skrev 16 dager til" in capsys.readouterr().out
    assert len(events(target.read_bytes())) == 16


def test_cli_unknown_campaign_exits_1_with_a_norwegian_message(project, capsys):
    assert main(["campaign", "calendar", "finnes-ikke"]) == 1
    err = capsys.readouterr().err
    assert "fant ingen kampanje «finnes-ikke»" in err and "taushet-tar-liv-2026" in err


def test_cli_list_json(project, capsys):
    with time_machine.travel(datetime(2026, 12, 1, 12, tzinfo=ZoneInfo("Europe/Oslo"))):
        assert main(["campaign", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["year"] for r in rows] == [2026, 2015, 2014]
    assert rows[0]["running"] is True and rows[0]["days"] == 16
    assert rows[1]["archive_only"] is True
