"""`post due` validates only what it posts: a broken archived campaign is a warning there
(and still an error in `check` and `publish`); a broken running campaign stops it."""

from __future__ import annotations

import json

from generator.cli import main

NOW = "2026-11-26T08:05+01:00"
ARCHIVE = "campaigns/taushet-tar-liv-2014/campaign.yaml"
WARNING = (
    f"Advarsel: {ARCHIVE}, linje 2, kolonne 14: filen kan ikke leses: teksten etter «name:» "
    "inneholder et kolon (:). Slik retter du det: sett teksten i anførselstegn når den "
    'inneholder kolon, slik: name: "Taushet: tar liv 2014". (Kampanjen pågår ikke nå, så '
    "postingen går videre.)\n"
)


def _break_archive(project) -> None:
    path = project.root / ARCHIVE
    text = path.read_text("utf-8")
    assert "\nname: Taushet tar liv 2014\n" in text
    path.write_text(
        text.replace("\nname: Taushet tar liv 2014\n", "\nname: Taushet: tar liv 2014\n")
    )


def test_an_archived_campaign_error_is_a_warning_for_post_due(project, capsys):
    _break_archive(project)
    assert main(["post", "due", "--now", NOW, "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err == WARNING
    keys = [o["key"] for o in json.loads(captured.out)]
    assert "taushet-tar-liv-2026/2026-11-26/mastodon" in keys


def test_it_is_still_an_error_for_check_and_publish(project, capsys):
    _break_archive(project)
    assert main(["check"]) == 1
    assert capsys.readouterr().err.startswith(f"Feil: Fant 1 feil i 1 fil:\n  • {ARCHIVE}, ")
    assert main(["build", "--publish"]) == 1
    assert not project.output.exists()


def test_a_broken_running_campaign_stops_post_due(project, capsys):
    path = project.campaigns / "taushet-tar-liv-2026" / "campaign.yaml"
    path.write_text(path.read_text("utf-8").replace("slogan:", "slagord:", 1), "utf-8")
    assert main(["post", "due", "--now", NOW]) == 1
    err = capsys.readouterr().err
    assert err.startswith(
        "Feil: Fant 1 feil i 1 fil:\n"
        "  • campaigns/taushet-tar-liv-2026/campaign.yaml, linje 19: ukjent felt «slagord».\n"
    )
