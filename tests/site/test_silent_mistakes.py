"""Nothing is left out without a word: a fact token inside a sentence, a folder or file
under content/ that nothing reads, and a topic that nearly matches another each get a
message with the file, the fix and «Mente du …?»."""

from __future__ import annotations

import re
from pathlib import Path

from generator.cli import main
from generator.core.config import Paths

POSITION = "hjelp-til-voldsutovere"


def _check(capsys) -> tuple[int, str, str]:
    code = main(["check"])
    out, err = capsys.readouterr()
    return code, " ".join(out.split()), " ".join(err.split())


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_a_fact_token_inside_a_sentence_is_an_error(project: Paths, capsys) -> None:
    path = project.positions / f"{POSITION}.md"
    sentence = "Hvert år ser vi det, se [[fakta:partnerdrap-andel]] for tallene."
    path.write_text(path.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
    code, _, err = _check(capsys)
    assert code == 1
    assert (
        f"content/standpunkter/{POSITION}.md, linje {_line(path, sentence)}, kolonne 25: "
        "«[[fakta:partnerdrap-andel]]» står inne i en setning og ville blitt publisert som "
        "tekst: en faktaboks er en egen blokk. Mente du å sette den på en egen linje? "
        "Slik retter du det: sett «[[fakta:partnerdrap-andel]]» alene på en linje"
    ) in err


def test_a_misspelt_fact_token_gets_mente_du(project: Paths, capsys) -> None:
    path = project.positions / f"{POSITION}.md"
    text = path.read_text(encoding="utf-8")
    text += "\n[[Fakta:partnerdrap-andel]]\n\n[[fact: partnerdrap-andel]]\n\n`[[fakta:x]]` kode\n"
    path.write_text(text, encoding="utf-8")
    code, _, err = _check(capsys)
    assert code == 1
    assert "Fant 2 feil i 1 fil" in err  # the code span is text, not a mistake
    for written in ("[[Fakta:partnerdrap-andel]]", "[[fact: partnerdrap-andel]]"):
        assert (
            f"linje {_line(path, written)}, kolonne 1: «{written}» blir stående som tekst på "
            "siden. Mente du «[[fakta:partnerdrap-andel]]»?"
        ) in err


def test_a_fact_box_on_its_own_line_is_fine(project: Paths, capsys) -> None:
    path = project.positions / f"{POSITION}.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n[[fakta:partnerdrap-andel]]\n")
    code, _, err = _check(capsys)
    assert (code, err) == (0, "")


def test_an_unknown_folder_names_the_known_ones(project: Paths, capsys) -> None:
    folder = project.content / "standpunkt"
    folder.mkdir()
    (folder / "ny.md").write_text("---\ntitle: Ny\ndate: 2026-12-01\n---\nTekst.\n")
    code, _, err = _check(capsys)
    assert code == 1
    assert (
        "content/standpunkt/: mappen «standpunkt/» er ukjent og blir ikke lest: Stemme leser "
        "bare standpunkter/, hoeringssvar/, sider/, bilder/. Mente du «standpunkter/»? "
        "Slik retter du det: gi mappen navnet «standpunkter»."
    ) in err


def test_unsupported_file_types_are_errors(project: Paths, capsys) -> None:
    (project.positions / "notat.txt").write_text("Tekst.\n", encoding="utf-8")
    (project.responses / "Svar til BFD.docx").write_bytes(b"PK\x03\x04")
    (project.positions / ".DS_Store").write_bytes(b"\x00")  # hidden: not staff's file
    (project.positions / "utkast.md~").write_text("backup\n")  # an editor's backup
    (project.content / "fakta.yml").write_text("- id: x\n")
    code, _, err = _check(capsys)
    assert code == 1
    assert "Fant 3 feil i 3 filer" in err
    assert (
        "content/standpunkter/notat.txt: filtypen «.txt» blir ikke lest: bare Markdown-filer "
        "(.md) blir sider. Mente du «notat.md»? Slik retter du det: gi filen navnet «notat.md»."
    ) in err
    assert (
        "content/hoeringssvar/Svar til BFD.docx: filtypen «.docx» blir ikke lest: bare "
        "Markdown-filer (.md) blir sider. Mente du «svar-til-bfd.md»?"
    ) in err
    assert "content/fakta.yml: filen «fakta.yml» blir ikke lest. Mente du «fakta.yaml»?" in err


def test_a_folder_inside_a_text_folder_is_an_error(project: Paths, capsys) -> None:
    (project.positions / "2026").mkdir()
    code, _, err = _check(capsys)
    assert code == 1
    assert "content/standpunkter/2026/: mappen «2026/» inni standpunkter/ blir ikke lest" in err


def test_a_topic_that_nearly_matches_another_is_a_warning(project: Paths, capsys) -> None:
    path = project.positions / f"{POSITION}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("topics: [", "topics: [krisesenter, ", 1), encoding="utf-8")
    code, out, err = _check(capsys)
    assert (code, err) == (0, "")
    warning = re.search(
        rf"Advarsel: content/standpunkter/{POSITION}\.md, linje {_line(path, 'topics:')}: temaet "
        r"«krisesenter» ligner «krisesentre» \(brukt (\d+) steder\) og får sin egen side "
        r"/tema/krisesenter/\. Mente du «krisesentre»\?",
        out,
    )
    assert warning, out
    assert int(warning[1]) >= 5  # positions, translations of them, facts and campaign days


def test_the_example_has_no_near_topics(project: Paths, capsys) -> None:
    code, out, _ = _check(capsys)
    assert code == 0 and "temaet" not in out
