"""Every path a user names to be written: never a source of the project, never a symlink,
never a file of another kind — and the message says what would have been overwritten.
Run through the real commands (`stemme letter --out`, `stemme campaign calendar -o`,
`stemme post export --til`) on a copy of the project."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.core.safe_paths import OutputPathError, output_path

CAMPAIGN = "taushet-tar-liv-2026"
RESPONSE = "omvendt-voldsalarm-og-kontaktforbud"


def _refused(capsys, argv: list[str]) -> str:
    assert main(argv) == 1
    return capsys.readouterr().err


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        (
            "stemme.toml",
            "Stemme skriver aldri over prosjektets kilder: «stemme.toml» er prosjektets "
            "innstillinger. Slik retter du det: skriv kalenderen til en annen sti, f.eks. "
            f"build/{CAMPAIGN}.ics.",
        ),
        (
            "content/sider/om-oss.md",
            "Stemme skriver aldri over prosjektets kilder: «content/sider/om-oss.md» ligger "
            "i content/ (innholdet).",
        ),
        (
            "campaigns/ny.ics",
            "«campaigns/ny.ics» ligger i campaigns/ (kampanjene)",
        ),
        (
            "build/kalender.txt",
            "«build/kalender.txt» har feil endelse: kalenderen skrives bare til en .ics-fil.",
        ),
    ],
)
def test_the_calendar_never_overwrites_a_source_or_another_kind(
    project, capsys, monkeypatch, out, expected
):
    monkeypatch.chdir(project.root)
    before = {p: p.read_bytes() for p in (project.config, project.pages / "om-oss.md")}
    err = _refused(capsys, ["campaign", "calendar", CAMPAIGN, "-o", out])
    assert expected in err
    assert all(p.read_bytes() == data for p, data in before.items())
    assert not (project.root / out).exists() or (project.root / out) in before


def test_the_calendar_refuses_a_symlink(project, capsys, monkeypatch):
    monkeypatch.chdir(project.root)
    (project.root / "kalender.ics").symlink_to("stemme.toml")
    assert main(["campaign", "calendar", CAMPAIGN, "-o", "kalender.ics"]) == 2
    assert "«kalender.ics» er en symbolsk lenke" in capsys.readouterr().err
    assert project.config.read_text("utf-8").startswith("[") or project.config.stat().st_size


def test_the_calendar_is_written_where_it_may_be(project, capsys, monkeypatch):
    monkeypatch.chdir(project.root)
    assert main(["campaign", "calendar", CAMPAIGN, "-o", "build/kampanje.ics"]) == 0
    assert (project.build / "kampanje.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")


@pytest.mark.parametrize(
    ("out", "expected"),
    [
        ("stemme.toml", "kilder: «stemme.toml» er prosjektets innstillinger."),
        (
            f"content/hoeringssvar/2026-06-02-{RESPONSE}.md",
            f"«content/hoeringssvar/2026-06-02-{RESPONSE}.md» ligger i content/ (innholdet)",
        ),
        (
            "build/brev.txt",
            "«build/brev.txt» har feil endelse: brevet skrives bare til en .pdf-fil.",
        ),
    ],
)
def test_a_letter_never_overwrites_a_source_or_another_kind(project, capsys, out, expected):
    target = project.root / out
    before = target.read_bytes() if target.exists() else None
    err = _refused(capsys, ["letter", RESPONSE, "--out", str(target)])
    assert expected in err
    assert (target.read_bytes() if target.exists() else None) == before


def test_a_letter_refuses_a_symlink(project, capsys, tmp_path):
    link = tmp_path / "brev.pdf"
    link.symlink_to(project.config)
    err = _refused(capsys, ["letter", RESPONSE, "--out", str(link)])
    assert "er en symbolsk lenke; Stemme skriver aldri gjennom en lenke" in err
    assert project.config.read_text("utf-8").lstrip().startswith(("[", "#"))


def test_the_export_never_writes_into_the_sources(project, capsys, monkeypatch):
    monkeypatch.chdir(project.root)
    err = _refused(capsys, ["post", "export", CAMPAIGN, "--til", "content"])
    assert "«content» er mappen content/ (innholdet)" in err


def test_the_helper_resolves_links_above_the_path(project, tmp_path):
    (tmp_path / "inn").symlink_to(project.content)
    with pytest.raises(OutputPathError) as info:
        output_path(
            tmp_path / "inn" / "x.pdf", project.root, suffix=".pdf", kind="brevet", example="x"
        )
    assert "ligger i content/ (innholdet)" in str(info.value)
