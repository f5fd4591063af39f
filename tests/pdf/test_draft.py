"""Drafts: `stemme letter` makes them with «UTKAST» on every page; they never reach output/."""

from __future__ import annotations

from generator.site.build import build_site
from tests.pdf.conftest import DRAFT, SENT, read_letter, run

DRAFT_TITLE = "Høringssvar – evaluering av krisesenterloven og forslag til endringer"


def test_a_draft_letter_says_utkast_on_every_page(letters_project, capsys):
    code, out, err = run(capsys, "letter", "evaluering-av-krisesenterloven")
    assert (code, err) == (0, "")
    written = letters_project.build / "brev" / f"{DRAFT}-utkast.pdf"
    assert out.splitlines() == [
        f"Brevet: build/brev/{DRAFT}-utkast.pdf (2 sider, "
        f"{round(written.stat().st_size / 1000)} kB, laget)",
        "Dette er et utkast: hver side er merket «UTKAST». Det publiseres ikke.",
    ]
    letter = read_letter(written, DRAFT_TITLE, letters_project)
    assert len(letter.pages) >= 2
    for number in range(len(letter.pages)):
        assert "UTKAST – ikke sendt" in letter.page_text(number)
    # A draft has not been approved: no line saying it was.
    assert "godkjent elektronisk" not in letter.body_text()
    assert "Tone Haugland daglig leder" in letter.body_text()


def test_a_draft_is_never_written_into_output(letters_project, capsys):
    code, out, err = run(
        capsys, "letter", DRAFT, "--out", str(letters_project.output / "utkast.pdf")
    )
    assert (code, out) == (1, "")
    assert err == (
        "Feil: Et utkast skrives aldri til output/ (det som publiseres). Velg en annen mappe "
        "med --out, eller la være å bruke --out (build/brev/).\n"
    )
    assert not (letters_project.output / "utkast.pdf").exists()


def test_the_site_build_publishes_sent_letters_only(letters_project):
    result = build_site(letters_project, publish=True)
    pdfs = sorted(p.relative_to(letters_project.output) for p in result.output.rglob("*.pdf"))
    assert [p.as_posix() for p in pdfs] == [
        "hoeringssvar/2025-09-26-plikt-til-kommunale-handlingsplaner/"
        "2025-09-26-plikt-til-kommunale-handlingsplaner.pdf",
        f"hoeringssvar/{SENT}/{SENT}.pdf",
    ]
    assert not any(DRAFT in p.as_posix() for p in letters_project.output.rglob("*"))
