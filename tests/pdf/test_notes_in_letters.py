"""Internal notes (<!-- … -->) never reach a letter: neither the example draft's notes nor
the guidance `stemme respond` writes (which once printed as text under the signature).
Tested through `stemme letter` and the PDF's own text, so it holds for any engine."""

from __future__ import annotations

from datetime import date

from generator.core.config import load_config
from generator.watch.drafts import create_draft
from tests.pdf.conftest import DRAFT, read_letter, run
from tests.pdf.test_placeholders import _consultation

DRAFT_TITLE = "Høringssvar – evaluering av krisesenterloven og forslag til endringer"


def test_the_example_drafts_notes_are_not_in_its_letter(letters_project, capsys):
    code, _, err = run(capsys, "letter", "evaluering-av-krisesenterloven")
    assert (code, err) == (0, "")
    written = letters_project.build / "brev" / f"{DRAFT}-utkast.pdf"
    text = read_letter(written, DRAFT_TITLE, letters_project).body_text()
    assert "Krisesenteret kan ikke løse alt alene" in text  # the letter's own text is there
    for note in ("<!--", "-->", "Merknad til oss selv", "Fyll inn", "Vurder", "juristen"):
        assert note not in text


def test_a_respond_draft_letter_has_no_comment_under_the_signature(letters_project, capsys):
    config = load_config(letters_project.config)
    path = create_draft(letters_project.responses, _consultation(), config, date(2026, 12, 1))
    try:
        code, _, err = run(capsys, "letter", path.stem)
        assert (code, err) == (0, "")
        written = letters_project.build / "brev" / f"{path.stem}-utkast.pdf"
        title = "Høringssvar om endringer i krisesenterloven"
        text = read_letter(written, title, letters_project).body_text()
    finally:
        path.unlink()
    assert text.rstrip().endswith("Med vennlig hilsen Krisesentersekretariatet") or (
        "Med vennlig hilsen" in text
    )
    after_greeting = text.split("Med vennlig hilsen", 1)[1]
    for leaked in ("<!--", "-->", "Om høringen, fra kilden", "Lenke:", "Departementet foreslår"):
        assert leaked not in text
    assert "Krisesentersekretariatet" in after_greeting
