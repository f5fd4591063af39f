"""`stemme check` says what only a letter refuses, before the build's letter stage does.

A page may show a video from the site itself; a letter shows only text and photos from
content/bilder/. A sent response with a video used to pass `stemme check` and stop
`make publish` at the letters."""

from __future__ import annotations

from generator.cli import main

RESPONSE = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud.md"


def _insert_before_first_heading(text: str, block: str) -> tuple[str, int]:
    body_start = text.index("---", 4)
    at = text.index("\n## ", body_start)
    new = text[:at] + f"\n\n{block}\n" + text[at:]
    return new, new[: new.index(block)].count("\n") + 1


def test_a_sent_response_with_what_a_letter_refuses_fails_the_check(project, capsys):
    path = project.responses / RESPONSE
    text, line = _insert_before_first_heading(
        path.read_text("utf-8"), '<video src="/bilder/film.mp4" controls></video>'
    )
    path.write_text(text, "utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert (f"content/hoeringssvar/{RESPONSE}, linje {line}: <video> kan ikke stå i et brev") in err
    assert "Slik retter du det: fjern <video> fra teksten." in err


def test_a_draft_is_not_held_to_the_letter_and_the_example_passes(project, capsys):
    assert main(["check"]) == 0, capsys.readouterr().err
    path = project.responses / RESPONSE
    text, _line = _insert_before_first_heading(
        path.read_text("utf-8").replace("status: sendt", "status: utkast", 1),
        '<video src="/bilder/film.mp4" controls></video>',
    )
    path.write_text(text, "utf-8")
    assert main(["check"]) == 0, capsys.readouterr().err
