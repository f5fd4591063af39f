"""`stemme status` on the example project on 5 December 2026: real state DB, real records."""

from __future__ import annotations

import json
import os
from datetime import datetime

import pytest
import time_machine

from generator.cli import main
from generator.core.config import OSLO, Paths
from generator.core.state import open_db
from generator.deploy.record import remember_deploy
from generator.site.fingerprint import Fingerprint, remember
from generator.social.ledger import Ledger
from generator.status import sections as status_sections
from generator.status.model import Line, Section
from generator.status.posting import day_ranges
from generator.watch.records import Scored  # noqa: F401  (registers the watch tables)
from generator.watch.store import transaction

SLUG = "taushet-tar-liv-2026"
NOW = datetime(2026, 12, 5, 10, 0, tzinfo=OSLO)


def _status(capsys, *args: str) -> tuple[int, str]:
    with time_machine.travel(NOW, tick=False):
        code = main(["status", *args])
    return code, capsys.readouterr().out


def _json(capsys) -> dict:
    code, out = _status(capsys, "--json")
    data = json.loads(out)
    data["code"] = code
    return data


def _lines(data: dict, key: str) -> list[dict]:
    return next(s for s in data["sections"] if s["key"] == key)["lines"]


def test_the_example_on_5_december_shows_every_missed_post_since_25_november(project, capsys):
    code, out = _status(capsys)
    assert code == 1
    assert "Stemme – status lørdag 5. desember 2026 kl. 10:00" in out
    assert "dag 11 av 16" in out
    for channel in ("X", "Mastodon", "Bluesky"):
        assert f"✗ {channel}: 11 innlegg IKKE SENDT (25.11.–05.12.)." in out
    assert "I dag 05.12. kl. 08:00: X IKKE SENDT" in out
    assert (
        f"cd {project.root} && . ~/.stemme-posting.env && .venv/bin/stemme post due --live"
    ) in out  # the same line as the handbook's: without the credentials nothing is posted
    assert "Send det som ikke er for sent ennå, nå:\n        stemme post due --live" in out
    assert f"stemme post retry {SLUG}/2026-12-04/x && stemme post due --live" in out
    assert "✗ output/ er ikke bygget på denne maskinen." in out
    assert "«stemme watch» har aldri kjørt her." in out
    assert not project.state_db.exists()  # status only reads


def test_sent_failed_and_unknown_posts_each_get_their_own_line_and_fix(project, capsys):
    conn = open_db(project.state_db)
    ledger = Ledger(conn)
    for day in range(25, 31):
        for channel in ("x", "mastodon", "bluesky"):
            key = f"{SLUG}/2026-11-{day}/{channel}"
            at = datetime(2026, 11, day, 8, 0, tzinfo=OSLO)
            ledger.ensure(key, at, at)
            ledger.claim(key, at, "h", None)
            ledger.published(key, at, "1", f"https://example.test/{day}", 200)
    at = datetime(2026, 12, 5, 8, 0, tzinfo=OSLO)
    for channel in ("x", "mastodon", "bluesky"):
        ledger.ensure(f"{SLUG}/2026-12-05/{channel}", at, at)
        ledger.claim(f"{SLUG}/2026-12-05/{channel}", at, "h", None)
    ledger.failed(f"{SLUG}/2026-12-05/x", at, "X svarte 402: ingen kreditt", retryable=False)
    ledger.unknown(f"{SLUG}/2026-12-05/bluesky", at, "Forbindelsen brøt")
    ledger.published(f"{SLUG}/2026-12-05/mastodon", at, "2", "https://example.test/m", 200)
    conn.close()
    data = _json(capsys)
    lines = _lines(data, "posting")
    texts = [x["text"] for x in lines]
    assert "X: 4 innlegg IKKE SENDT (01.12.–04.12.)." in texts
    assert "I dag 05.12. kl. 08:00: X feilet, Mastodon sendt, Bluesky ukjent." in texts
    failed = next(x for x in lines if x["text"].startswith(f"{SLUG}/2026-12-05/x: feilet"))
    assert failed["level"] == "alarm" and "402" in failed["text"]
    assert f"stemme post retry {SLUG}/2026-12-05/x" in failed["fix"][0]
    unknown = next(x for x in lines if x["text"].startswith(f"{SLUG}/2026-12-05/bluesky"))
    assert "ukjent utfall" in unknown["text"] and unknown["level"] == "alarm"
    assert data["code"] == 1


def _built(project: Paths, at: datetime, campaign_day_count: int) -> int:
    """A build record as the build writes it, for a build at ``at``."""
    project.output.mkdir(parents=True, exist_ok=True)
    ns = int(at.timestamp() * 1e9)
    dates = [datetime(2026, 11, d, tzinfo=OSLO).date() for d in range(25, 31)]
    remember(project, project.output.resolve(), True, Fingerprint("d", {}, ns), at.date(),
             dates, {"pages": 1, "warnings": [], "counts": {}})  # fmt: skip
    return ns


def test_built_but_not_published_and_a_stale_build_are_alarms(project, capsys):
    toml = project.config.read_text(encoding="utf-8")
    project.config.write_text(toml + '\n[deploy]\nkind = "rsync"\ntarget = "nett"\n', "utf-8")
    _built(project, datetime(2026, 12, 5, 7, 0, tzinfo=OSLO), 6)
    texts = {x["text"]: x for x in _lines(_json(capsys), "site")}
    assert "Nettstedet er bygget, men aldri publisert herfra." in texts
    with time_machine.travel(datetime(2026, 12, 5, 7, 5, tzinfo=OSLO), tick=False):
        remember_deploy(project, "nett", True, 3, 0)
    lines = _lines(_json(capsys), "site")
    assert any(x["text"].startswith("Publisert lørdag 5. desember 2026 kl. 07:05") for x in lines)
    assert all(x["level"] != "alarm" for x in lines)
    _built(project, datetime(2026, 12, 5, 9, 0, tzinfo=OSLO), 6)  # rebuilt, not sent
    bad = next(x for x in _lines(_json(capsys), "site") if x["level"] == "alarm")
    assert bad["text"].startswith("Bygget, men ikke publisert") and bad["fix"] == ["stemme deploy"]
    with time_machine.travel(datetime(2026, 12, 5, 9, 5, tzinfo=OSLO), tick=False):
        remember_deploy(project, "nett", False, 0, 2)
    bad = next(x for x in _lines(_json(capsys), "site") if x["level"] == "alarm")
    assert "feilet: bygget, men ikke publisert" in bad["text"]


def test_a_folder_target_without_a_note_is_read_from_its_deploy_manifest(project, capsys):
    toml = project.config.read_text(encoding="utf-8")
    project.config.write_text(toml + '\n[deploy]\nkind = "rsync"\ntarget = "nett"\n', "utf-8")
    _built(project, datetime(2026, 12, 5, 7, 0, tzinfo=OSLO), 6)
    manifest = project.root / "nett" / ".stemme-deploy.json"
    manifest.parent.mkdir()
    manifest.write_text('{"format": 1, "files": {}}\n', "utf-8")
    sent = datetime(2026, 12, 5, 7, 5, tzinfo=OSLO).timestamp()
    os.utime(manifest, (sent, sent))
    lines = _lines(_json(capsys), "site")
    assert "Publisert lørdag 5. desember 2026 kl. 07:05 til nett." in [x["text"] for x in lines]
    earlier = datetime(2026, 12, 5, 6, 0, tzinfo=OSLO).timestamp()
    os.utime(manifest, (earlier, earlier))
    bad = next(x for x in _lines(_json(capsys), "site") if x["level"] == "alarm")
    assert bad["text"].startswith("Bygget, men ikke publisert")


def test_a_build_from_an_earlier_campaign_day_is_stale(project, capsys):
    remember_deploy(project, "nett", True, 1, 0)
    _built(project, datetime(2026, 11, 28, 9, 0, tzinfo=OSLO), 6)
    stale = next(x for x in _lines(_json(capsys), "site") if "gammel dag" in x["text"])
    assert stale["level"] == "alarm" and stale["fix"] == ["make publish"]


def test_the_last_watch_run_and_its_failed_source(project, capsys):
    conn = open_db(project.state_db)
    with transaction(conn):
        conn.execute(
            "INSERT INTO watch_sources (name, kind, url, last_polled, last_success, last_error,"
            " last_error_at) VALUES ('regjeringen', 'regjeringen', 'https://r.example/rss',"
            " '2026-12-05T06:00:00+00:00', '2026-12-04T06:00:00+00:00',"
            " 'Svarte 503 (utilgjengelig)', '2026-12-05T06:00:00+00:00'),"
            " ('stortinget', 'stortinget', 'https://s.example', '2026-12-05T06:00:00+00:00',"
            " '2026-12-05T06:00:00+00:00', NULL, NULL)"
        )
    conn.close()
    lines = _lines(_json(capsys), "watch")
    assert lines[0]["text"] == "Siste kjøring lørdag 5. desember 2026 kl. 07:00."
    failed = lines[1]
    assert failed["level"] == "alarm" and "«regjeringen» feilet: Svarte 503" in failed["text"]
    assert "stemme watch" in failed["fix"][0]
    assert len(lines) == 2


def test_a_new_section_is_one_function_in_the_list(project, capsys, monkeypatch):
    def jobs(ctx) -> Section:
        return Section("jobs", "Planlagte jobber", [Line("ok", f"Alt kjørte {ctx.today}.")])

    monkeypatch.setattr(status_sections, "SECTIONS", [*status_sections.SECTIONS, jobs])
    monkeypatch.setattr("generator.status.commands.SECTIONS", status_sections.SECTIONS)
    data = _json(capsys)
    assert data["sections"][-1] == {
        "key": "jobs",
        "title": "Planlagte jobber",
        "lines": [{"level": "ok", "text": "Alt kjørte 2026-12-05.", "fix": [], "details": []}],
    }


def test_a_broken_running_campaign_is_one_line_and_the_other_sections_still_run(project, capsys):
    path = project.campaigns / SLUG / "campaign.yaml"
    path.write_text(path.read_text("utf-8").replace("slogan:", "slagord:", 1), "utf-8")
    data = _json(capsys)
    posting = data["sections"][0]
    assert posting["title"] == "Kampanjeposting"
    assert posting["lines"][0]["text"].startswith("Kunne ikke lese:")
    assert posting["lines"][0]["fix"] == ["stemme check"]
    assert [s["key"] for s in data["sections"]] == [
        "posting",
        "site",
        "translations",
        "watch",
        "scheduled",
    ]


@pytest.mark.parametrize(
    ("days", "text"),
    [([25, 26, 27], "25.11.–27.11."), ([25, 27], "25.11., 27.11."), ([28], "28.11.")],
)
def test_day_ranges(days, text):
    assert day_ranges([datetime(2026, 11, d).date() for d in days]) == text
