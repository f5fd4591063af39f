"""Internal notes: written as HTML comments (<!-- … -->), they reach no page, feed or
letter; a sent response that still has notes — in comments or written the usual other
ways («(Fyll inn: …)», «Vurder:», «TODO», «Sjekk med …», «UTKAST» in its summary) — fails
`stemme check` and the build, with file, line and fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.core.config import Paths
from generator.core.errors import ContentErrors
from generator.placeholders import strip_notes
from generator.site.build import build_site
from generator.site.content_model import check_document
from tests.site.conftest import BUILD_DAY

EXAMPLE = "2026-11-20-evaluering-av-krisesenterloven"
POSITION = "krisesentertilbud-i-hele-landet"
SECRET = "HEMMELIG-NOTAT-7731"


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def _sent(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: utkast\n", "status: sendt\nsent: 2026-12-04\n"))


def test_strip_notes_keeps_code_and_paragraphs() -> None:
    text = (
        "Første linje\n<!-- en merknad -->\nsamme avsnitt, `<!-- kode -->` blir stående\n\n"
        "<!-- over\nflere linjer -->\n\n```\n<!-- i en kodeblokk -->\n```\n"
        "Tekst <!-- midt i --> videre.\n"
    )
    assert strip_notes(text) == (
        "Første linje\nsamme avsnitt, `<!-- kode -->` blir stående\n\n\n"
        "```\n<!-- i en kodeblokk -->\n```\nTekst  videre.\n"
    )


def test_the_example_draft_writes_its_notes_as_comments(project: Paths) -> None:
    text = (project.responses / f"{EXAMPLE}.md").read_text(encoding="utf-8")
    for note in ("Merknad til oss selv:", "Fyll inn:", "Vurder:", "Skrives etter møtet"):
        line = next(line for line in text.splitlines() if note in line)
        assert line.startswith("<!-- ") and line.endswith(" -->")
    assert "UTKAST" not in text


def test_sending_the_example_with_its_notes_fails_with_lines(project: Paths, capsys) -> None:
    path = project.responses / f"{EXAMPLE}.md"
    _sent(path)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    rel = f"content/hoeringssvar/{EXAMPLE}.md"
    for note in ("Merknad til oss selv:", "Fyll inn: eksempler", "Vurder:", "Skrives etter"):
        assert f"{rel}, linje {_line(path, note)}: svaret har «status: sendt»" in err
    assert "Slik retter du det: slett kommentaren, fra <!-- til og med -->." in err


@pytest.mark.parametrize(
    ("note", "label"),
    [
        ("(Fyll inn: eksempler fra krisesentrene.)", "Fyll inn"),
        ("(Vurder: Skal vi foreslå en individuell plan?)", "Vurder:"),
        ("TODO: tall fra 2025", "TODO"),
        ("Vi står ved dette. (Sjekk med juristen.)", "Sjekk med"),
        ("(Merknad til oss selv: styret godkjenner først.)", "Merknad til oss selv"),
    ],
)
def test_notes_written_in_the_text_stop_a_sent_response(project: Paths, capsys, note, label):
    path = project.responses / f"{EXAMPLE}.md"
    _sent(path)
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))
    path.write_text(text.replace("## Sammendrag", f"{note}\n\n## Sammendrag"), encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "Fant 1 feil i 1 fil:" in err
    assert (
        f"content/hoeringssvar/{EXAMPLE}.md, linje {_line(path, note)}: svaret har «status: "
        f"sendt», men inneholder fortsatt en intern merknad i teksten: «{note}». Slike "
        f"merknader («{label}») ville stått på siden, i feeden og i brevet."
    ) in " ".join(err.split())
    assert "Slik retter du det: skriv interne merknader som en kommentar, <!-- … -->" in err


def test_utkast_in_a_sent_summary_or_title_is_an_error(project: Paths, capsys) -> None:
    path = project.responses / f"{EXAMPLE}.md"
    _sent(path)
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))
    text = text.replace("summary: Vårt svar", "summary: UTKAST – ikke sendt. Vårt svar")
    text = text.replace("title: Høringssvar", "title: UTKAST Høringssvar")
    path.write_text(text + "\n", encoding="utf-8")
    assert main(["check"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    rel = f"content/hoeringssvar/{EXAMPLE}.md"
    for field in ("title", "summary"):
        assert (
            f"{rel}, linje {_line(path, field + ':')}: feltet «{field}»: svaret har «status: "
            "sendt», men inneholder fortsatt «UTKAST». Slik retter du det: ta bort «UTKAST»"
        ) in err


def test_lower_case_utkast_is_ordinary_text(project: Paths, capsys) -> None:
    """«utkast til forskrift» is what many consultations are about."""
    path = project.responses / f"{EXAMPLE}.md"
    _sent(path)
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))
    path.write_text(text.replace("summary: Vårt svar", "summary: Om utkast til ny lov. Vårt"))
    assert main(["check"]) == 0, capsys.readouterr().err


def test_an_unclosed_comment_is_an_error(project: Paths, capsys) -> None:
    path = project.positions / f"{POSITION}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n<!-- glemt å lukke\n")
    assert main(["check"]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert (
        f"content/standpunkter/{POSITION}.md, linje {_line(path, 'glemt å lukke')}: "
        "kommentaren som starter med <!-- her, er ikke avsluttet."
    ) in err


def test_comments_reach_no_page_and_no_feed(project: Paths) -> None:
    path = project.positions / f"{POSITION}.md"
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n\n")
    lines.insert(2, f"<!-- {SECRET}: sjekk tallene med juristen -->")
    text = "\n\n".join(lines) + f"\nSiste setning <!-- {SECRET} inne i et avsnitt --> slutter.\n"
    path.write_text(text, encoding="utf-8")
    build_site(project, publish=True, today=BUILD_DAY)
    page = project.output / "standpunkter" / POSITION / "index.html"
    assert "Siste setning" in page.read_text(encoding="utf-8")
    leaked = [
        p.relative_to(project.output).as_posix()
        for p in project.output.rglob("*")
        if p.suffix in {".html", ".xml", ".json"} and SECRET in p.read_text(encoding="utf-8")
    ]
    assert leaked == []
    feed = (project.output / "feeds" / "standpunkter.atom.xml").read_text(encoding="utf-8")
    assert "Siste setning" in feed and "&lt;!--" not in feed and "<!--" not in feed


def test_a_draft_may_keep_its_notes(project: Paths) -> None:
    """Notes are for the people writing a draft; only sending it asks for them gone."""
    path = project.responses / f"{EXAMPLE}.md"
    assert check_document(path, "hoeringssvar") == []
    _sent(path)
    assert len(check_document(path, "hoeringssvar")) == 5  # one per comment


def test_the_build_and_the_letter_refuse_a_sent_response_with_notes(project: Paths, capsys):
    path = project.responses / f"{EXAMPLE}.md"
    _sent(path)
    text = path.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("<!--"))
    path.write_text(text.replace("## Sammendrag", "(Fyll inn: tall.)\n\n## Sammendrag"))
    before = project.output / "index.html"
    before.parent.mkdir(parents=True, exist_ok=True)
    before.write_text("forrige versjon")
    with pytest.raises(ContentErrors) as caught:
        build_site(project, publish=True, today=BUILD_DAY)
    assert [e.line for e in caught.value.errors] == [_line(path, "(Fyll inn: tall.)")]
    assert before.read_text() == "forrige versjon"
    assert main(["letter", EXAMPLE]) == 1
    assert "intern merknad i teksten: «(Fyll inn: tall.)»" in capsys.readouterr().err
