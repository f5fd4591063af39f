"""`stemme post …` on the example project: the real campaign, real cards, real state DB."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.config import Paths
from tests.social.helpers import SECRETS

CAMPAIGN = "taushet-tar-liv-2026"


@pytest.fixture(autouse=True)
def warm_cards(project: Paths, rendered_cards: Path) -> None:
    shutil.copytree(rendered_cards, project.cards, dirs_exist_ok=True)


@pytest.fixture
def no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in SECRETS:
        monkeypatch.delenv(name, raising=False)


def test_plan_json_has_16_valid_days_for_every_channel(project: Paths, capsys):
    assert main(["post", "plan", CAMPAIGN, "--json"]) == 0
    items = json.loads(capsys.readouterr().out)
    assert len(items) == 16 * 4
    assert {i["channel"] for i in items} == {"x", "mastodon", "bluesky", "manuell"}
    assert len({i["date"] for i in items}) == 16
    for item in items:
        assert item["problems"] == [], item
        assert Path(item["card"]).is_file() and item["card"].endswith("-kvadrat.png")
        assert item["alt_text"] and item["time"] and item["length"] > 0
        assert f"/kampanjer/{CAMPAIGN}/{item['date']}/" in item["text"]


def test_plan_table_for_people(project: Paths, capsys):
    assert main(["post", "plan", CAMPAIGN]) == 0
    out = capsys.readouterr().out
    assert "16 dager × 4 kanaler" in out
    assert "64 innlegg, 0 med problemer." in out


def test_due_dry_run_prints_the_days_posts_and_sends_nothing(
    project: Paths, capsys, no_credentials
):
    assert main(["post", "due", "--now", "2026-11-26T08:05+01:00"]) == 0
    out = capsys.readouterr().out
    assert "Prøvekjøring" in out
    for channel in ("x", "mastodon", "bluesky"):
        assert f"{CAMPAIGN}/2026-11-26/{channel} (planlagt 26.11. kl. 08:00): tørrkjøring" in out
    assert "POST https://api.x.com/2/media/upload" in out
    assert 'language: "nb"' in out
    assert f"{CAMPAIGN}/2026-11-27" not in out  # tomorrow is not due


def test_due_live_without_credentials_names_the_variables(project: Paths, capsys, no_credentials):
    assert main(["post", "due", "--live", "--now", "2026-11-26T08:05+01:00"]) == 1
    err = capsys.readouterr().err
    assert "STEMME_X_API_KEY" in err and "STEMME_X_ACCESS_SECRET" in err
    assert "miljøvariablene" in err


def test_missing_credentials_error_never_shows_the_ones_that_are_set(
    project: Paths, capsys, monkeypatch, no_credentials
):
    monkeypatch.setenv("STEMME_X_API_KEY", SECRETS["STEMME_X_API_KEY"])
    monkeypatch.setenv("STEMME_X_API_SECRET", SECRETS["STEMME_X_API_SECRET"])
    assert main(["post", "due", "--live", "--now", "2026-11-26T08:05+01:00"]) == 1
    captured = capsys.readouterr()
    assert "STEMME_X_ACCESS_TOKEN" in captured.err
    assert "STEMME_X_API_KEY," not in captured.err  # only the missing ones are named
    for value in SECRETS.values():
        if "SECRET" in value:
            assert value not in captured.err + captured.out


def test_status_and_retry(project: Paths, capsys):
    assert main(["post", "status", CAMPAIGN, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert len(entries) == 16 * 3 and {e["status"] for e in entries} == {"planned"}
    assert main(["post", "retry", f"{CAMPAIGN}/2026-11-32/x"]) == 1
    assert "Fant ikke" in capsys.readouterr().err
    # A late day nobody tried yet can be approved for sending now.
    assert main(["post", "retry", f"{CAMPAIGN}/2026-11-26/x"]) == 0
    assert "godkjent" in capsys.readouterr().out
    assert main(["post", "status", CAMPAIGN, "--json"]) == 0
    entries = {e["key"]: e for e in json.loads(capsys.readouterr().out)}
    assert entries[f"{CAMPAIGN}/2026-11-26/x"]["approved_at"]


def test_status_marks_every_passed_day_without_a_sent_post_as_missed(project: Paths, capsys):
    now = "2026-12-05T10:00+01:00"
    assert main(["post", "status", CAMPAIGN, "--json", "--now", now]) == 0
    states = {e["key"]: e["state"] for e in json.loads(capsys.readouterr().out)}
    assert states[f"{CAMPAIGN}/2026-11-25/x"] == "missed"
    assert states[f"{CAMPAIGN}/2026-12-05/bluesky"] == "missed"  # 08:00 passed two hours ago
    assert states[f"{CAMPAIGN}/2026-12-06/x"] == "planned"
    assert sum(s == "missed" for s in states.values()) == 11 * 3
    assert main(["post", "status", CAMPAIGN, "--now", now]) == 0
    out = capsys.readouterr().out
    assert f"{CAMPAIGN}/2026-11-25/x" in out and "✗ IKKE SENDT" in out
    assert out.count("✗ IKKE SENDT") == 33 and out.count("planlagt") == 15
    assert "33 innlegg er IKKE SENDT." in out and "stemme post due --live" in out


def test_status_follows_a_frozen_today(project: Paths, capsys, monkeypatch):
    monkeypatch.setenv("STEMME_TODAY", "2026-11-27")  # not the clock's day: from midnight
    assert main(["post", "status", CAMPAIGN, "--json"]) == 0
    states = [e["state"] for e in json.loads(capsys.readouterr().out)]
    assert states.count("missed") == 2 * 3 and states.count("planned") == 14 * 3


def test_export_writes_the_kit_layout_with_a_folder_per_day(project: Paths, capsys):
    out = project.build / "til-facebook"  # --til must stay inside the project
    assert main(["post", "export", CAMPAIGN, "--til", str(out)]) == 0
    assert "Skrev 16 dagsmapper, LESMEG.txt og kalenderen til" in capsys.readouterr().out
    folders = sorted(p for p in out.iterdir() if p.is_dir())
    assert len(folders) == 16
    assert {p.name for p in out.iterdir() if p.is_file()} == {"LESMEG.txt", f"{CAMPAIGN}.ics"}
    for folder in folders:
        day = folder.name
        expected = {
            *(f"{day}-{fmt}.png" for fmt in ("kvadrat", "portrett", "historie", "bred", "og")),
            "innlegg-x.txt", "innlegg-mastodon.txt", "innlegg-bluesky.txt",
            "innlegg-facebook-instagram.txt", "alt-tekst.txt", "info.txt",
        }  # fmt: skip
        assert {p.name for p in folder.iterdir()} == expected
        assert (folder / "alt-tekst.txt").read_text(encoding="utf-8").strip()
    first = folders[0]
    assert first.name == "2026-11-25"
    text = (first / "innlegg-facebook-instagram.txt").read_text(encoding="utf-8")
    assert text.endswith("Lenke i profilen.\n") and "https://" not in text  # no bare link
    story = first / "2026-11-25-historie.png"
    assert story.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    info = (first / "info.txt").read_text(encoding="utf-8")
    assert "2026-11-25-historie.png i historien" in info
    assert (
        f"Dagens side: https://krisesentersekretariatet.example/kampanjer/{CAMPAIGN}/2026-11-25/"
        in info
    )


def test_bad_now_is_a_usage_error(project: Paths, capsys):
    assert main(["post", "due", "--now", "i morgen"]) == 2
    assert "2026-11-26T08:05+01:00" in capsys.readouterr().err


def test_unknown_campaign_is_a_norwegian_error(project: Paths, capsys):
    assert main(["post", "plan", "finnes-ikke"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Feil:") and "Traceback" not in err
