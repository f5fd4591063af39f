"""Arguments that name a campaign, a consultation, a post or a file can never reach
outside the project: a Norwegian usage message and exit 2, nothing written."""

from __future__ import annotations

import os

import click
import pytest

from generator.cli import main

CAMPAIGN_MESSAGE = (
    "Feil: Ugyldig verdi for 'KAMPANJE': «{name}» er ikke navnet på en kampanje. Bruk navnet "
    "på mappen i campaigns/, f.eks. «taushet-tar-liv-2026» (små bokstaver, tall og "
    "bindestrek, høyst 80 tegn; se «stemme campaign list»).\n"
)


def _usage(capsys, args: list[str]) -> str:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.endswith("Se «stemme --help» for hjelp.\n")
    return err.splitlines(keepends=True)[1]


@pytest.mark.parametrize(
    "args",
    [
        ["post", "plan", "../../elsewhere"],
        ["post", "export", "../../elsewhere"],
        ["post", "status", "../../elsewhere"],
        ["campaign", "calendar", "../../elsewhere"],
    ],
    ids=["post-plan", "post-export", "post-status", "campaign-calendar"],
)
def test_a_campaign_name_is_never_a_path(project, capsys, args):
    assert _usage(capsys, args) == CAMPAIGN_MESSAGE.format(name="../../elsewhere")
    assert not (project.root.parent.parent / "elsewhere.ics").exists()


def test_a_folder_name_with_capitals_is_not_a_campaign(project, capsys):
    assert _usage(capsys, ["post", "plan", "Taushet"]) == CAMPAIGN_MESSAGE.format(name="Taushet")


@pytest.mark.parametrize(
    ("option", "args"),
    [
        ("'-o' / '--output'", ["campaign", "calendar", "taushet-tar-liv-2026", "-o"]),
        ("'--til'", ["post", "export", "taushet-tar-liv-2026", "--til"]),
    ],
    ids=["kalender", "eksport"],
)
def test_an_output_path_stays_inside_the_project(project, capsys, tmp_path, option, args):
    outside = tmp_path / "et-annet-sted"
    relative = os.path.relpath(outside, project.root)
    link = project.build / "lenke"
    link.parent.mkdir(parents=True)
    link.symlink_to(tmp_path, target_is_directory=True)
    cwd = os.getcwd()
    os.chdir(project.root)
    try:
        for given in (str(outside), relative, "build/lenke/et-annet-sted"):
            assert _usage(capsys, [*args, given]) == (
                f"Feil: Ugyldig verdi for {option}: «{given}» ligger utenfor prosjektmappen "
                f"({project.root.resolve()}). Stemme skriver bare inne i prosjektet; velg en "
                "sti der, f.eks. build/…\n"
            )
    finally:
        os.chdir(cwd)
    assert not outside.exists()


def test_a_calendar_inside_the_project_is_written(project, capsys):
    target = project.build / "kalender" / "kampanje.ics"
    assert main(["campaign", "calendar", "taushet-tar-liv-2026", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert not list(target.parent.glob(".*.ny"))


@pytest.mark.parametrize("command", ["respond", "consultation"])
def test_a_consultation_id_is_never_a_path(project, capsys, command):
    assert _usage(capsys, [command, "../../x"]) == (
        "Feil: Ugyldig verdi for 'ID': «../../x» er ikke en hørings-id. Skriv id-en slik "
        "«stemme consultations» viser den, f.eks. 3181402 eller regjeringen:3181402.\n"
    )


def test_a_post_key_must_name_a_campaign(project, capsys):
    assert _usage(capsys, ["post", "retry", "../x/2026-11-25/x"]) == (
        "Feil: Ugyldig verdi for 'NØKKEL': «../x/2026-11-25/x» er ikke en nøkkel til et "
        "innlegg. En nøkkel ser slik ut: taushet-tar-liv-2026/2026-11-25/x (kanal x, mastodon "
        "eller bluesky); se nøklene med «stemme post status KAMPANJE».\n"
    )


def test_the_library_refuses_a_path_as_campaign_name_too(project):
    from generator.campaigns import load_campaign
    from generator.core.errors import CampaignError

    with pytest.raises(CampaignError) as info:
        load_campaign(project, "../taushet-tar-liv-2026", None)
    assert info.value.message == "fant ingen kampanje «../taushet-tar-liv-2026»."


def test_a_letter_is_made_only_from_a_response_inside_the_project(project, capsys, tmp_path):
    response = next(project.responses.glob("*.md"))
    outside = tmp_path / "et-annet-sted.md"
    outside.write_text(response.read_text("utf-8"), encoding="utf-8")
    link = project.responses / "lenke.md"
    link.symlink_to(outside)
    for given in (str(outside), str(link)):
        assert main(["letter", given]) == 1
        assert capsys.readouterr().err == (
            f"Feil: {given} ligger ikke i content/hoeringssvar/. Et brev lages bare fra et "
            "høringssvar i prosjektet: skriv navnet (slug) eller stien til filen der.\n"
        )
    assert not (project.build / "brev").exists()


def test_moment_reads_iso_and_takes_norwegian_time_without_a_zone() -> None:
    from datetime import datetime

    from generator.core.arguments import MOMENT
    from generator.core.config import OSLO

    assert MOMENT.convert("2026-11-26T08:05", None, None) == datetime(
        2026, 11, 26, 8, 5, tzinfo=OSLO
    )
    utc = MOMENT.convert("2026-11-26T07:05+00:00", None, None)
    assert utc.hour == 8 and utc.utcoffset() == OSLO.utcoffset(utc.replace(tzinfo=None))
    with pytest.raises(click.BadParameter, match="ikke et tidspunkt på formen"):
        MOMENT.convert("i morgen", None, None)
