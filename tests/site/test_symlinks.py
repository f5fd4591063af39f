"""Content files are regular files inside the project: a symbolic link that leaves the
project, loops or dangles is a Norwegian error naming the file — in `stemme check`, the
build and `stemme letter SLUG` — never a traceback, a hang or a published outside file;
no walk follows a link to a folder. Every link here is a real symlink."""

from __future__ import annotations

import os

import pytest

from generator.cli import main
from generator.core.safe_paths import walk_files
from generator.site import fingerprint

RESPONSE = "content/hoeringssvar/lenke.md"
LINK_FIX = "slett lenken og legg selve filen i mappen (kopier den inn i prosjektet)."


def _outside_response(project, tmp_path):
    response = next(project.responses.glob("*.md"))
    outside = tmp_path / "hemmelig.md"
    outside.write_text(response.read_text("utf-8"), encoding="utf-8")
    return outside


def _one_error(capsys, argv: list[str]) -> list[str]:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return [line.strip() for line in err.splitlines()]


def test_a_link_out_of_the_project_is_refused_by_check_build_and_letter(project, capsys, tmp_path):
    outside = _outside_response(project, tmp_path)
    (project.root / RESPONSE).symlink_to(outside)
    expected = [
        "Feil: Fant 1 feil i 1 fil:",
        f"• {RESPONSE}: filen er en symbolsk lenke til en fil utenfor prosjektet "
        f"(«{outside.resolve()}»); den ville blitt publisert.",
        f"Slik retter du det: {LINK_FIX}",
    ]
    assert _one_error(capsys, ["check"]) == expected
    assert _one_error(capsys, ["build", "--publish"]) == expected
    assert not project.output.exists()
    letter = _one_error(capsys, ["letter", "lenke"])
    assert any("utenfor prosjektet" in line for line in letter), letter
    assert not (project.build / "brev").exists()


@pytest.mark.parametrize(
    ("make", "text"),
    [
        (lambda link, tmp: link.symlink_to(link), "filen er en symbolsk lenke som går i ring"),
        (
            lambda link, tmp: link.symlink_to(tmp / "borte.md"),
            "filen er en symbolsk lenke til noe som ikke finnes",
        ),
    ],
    ids=["løkke", "brutt"],
)
def test_a_looping_or_dangling_link_is_an_error_not_a_traceback(
    project, capsys, tmp_path, make, text
):
    make(project.root / RESPONSE, tmp_path)
    found = _one_error(capsys, ["check"])
    assert found[1].startswith(f"• {RESPONSE}: {text}"), found
    assert found[2] == f"Slik retter du det: {LINK_FIX}"
    letter = _one_error(capsys, ["letter", "lenke"])
    assert any(text in line for line in letter), letter


def test_a_folder_or_folder_link_among_the_texts_is_refused(project, capsys):
    (project.positions / "loop").symlink_to(".")
    (project.pages / "arkiv").mkdir()
    found = _one_error(capsys, ["check"])
    folder = "• content/sider/arkiv/: mappen «arkiv/» inni sider/ blir ikke lest som sider."
    assert folder in found[1]
    assert "• content/standpunkter/loop: «loop» er en lenke; i content/standpunkter/" in found[3]


def test_no_walk_follows_links_to_folders(project):
    photos = project.content / "bilder"
    (photos / "a").symlink_to(".")
    (photos / "b").symlink_to(".")
    files = list(walk_files(project.content))
    assert photos / "a" in files and photos / "b" in files
    assert not any("a/a" in p.as_posix() or "b/a" in p.as_posix() for p in files)
    # The build's no-change fingerprint walks the same folders and finishes.
    taken = fingerprint.fingerprint(project, project.output, True)
    assert "content/bilder/a" in taken.files
    assert len(taken.files) == len([p for p in taken.files if "/a/" not in p])


def test_a_link_inside_the_project_stays_allowed(project, capsys):
    original = next(project.responses.glob("*.md"))
    link = project.responses / "samme-svar.md"
    os.symlink(os.path.relpath(original, link.parent), link)
    assert main(["check"]) == 0, capsys.readouterr().err
