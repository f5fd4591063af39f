"""Bad content fails with a Norwegian message naming file, field and fix — and exit 1."""

from __future__ import annotations

import hashlib

import pytest

from generator.cli import main
from generator.core.errors import ContentErrors
from generator.site.build import build_site

GOOD_RESPONSE = """---
title: Høringssvar – testsak
date: 2026-05-01
department: Justis- og beredskapsdepartementet
consultation: https://www.regjeringen.no/no/dokumenter/test/id3170099/
status: sendt
sent: 2026-05-02
summary: Et kort sammendrag.
---
Vi viser til høringsbrevet.
"""


def _write_response(project, text: str) -> str:
    path = project.responses / "2026-05-01-testsak.md"
    path.write_text(text, encoding="utf-8")
    return "content/hoeringssvar/2026-05-01-testsak.md"


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (("title: Høringssvar – testsak\n", ""), "title", "mangler"),
        (("status: sendt", "status: ferdig"), "status", "utkast"),
        (("sent: 2026-05-02\n", ""), "sent", "status: sendt"),
        (("date: 2026-05-01", "date: 1. mai"), "date", "ÅÅÅÅ-MM-DD"),
        (("date: 2026-05-01", "date: 2026-13-45"), "date", "dato"),
    ],
    ids=["mangler-tittel", "ukjent-status", "sendt-uten-dato", "dato-tekst", "ugyldig-dato"],
)
def test_bad_response_is_reported(project, capsys, change, field, words):
    rel = _write_response(project, GOOD_RESPONSE.replace(*change))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert rel in err and f"«{field}»" in err and words in err
    assert "Slik retter du det" in err


def test_good_response_passes(project, capsys):
    _write_response(project, GOOD_RESPONSE)
    assert main(["check"]) == 0, capsys.readouterr().err


def test_unknown_field_names_the_allowed_ones(project, capsys):
    _write_response(project, GOOD_RESPONSE.replace("summary:", "sammendrag:"))
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert err == (
        "Feil: Fant 1 feil i 1 fil:\n"
        "  • content/hoeringssvar/2026-05-01-testsak.md, linje 8: ukjent felt «sammendrag».\n"
        "    Slik retter du det: fjern linjen, eller bruk et av feltene «title», «summary», "
        "«date», «department», «consultation», «reference», «our_reference», «deadline», "
        "«status», «sent», «signed_by», «topics» eller «facts».\n"
    )


def test_bad_position_front_matter(project, capsys):
    (project.positions / "tom.md").write_text("Bare tekst uten front matter.\n")
    assert main(["check"]) == 1
    assert "content/standpunkter/tom.md" in capsys.readouterr().err


def test_bad_config_value_names_the_key(project, capsys):
    toml = project.config.read_text().replace('primary = "#5B2A86"', 'primary = "lilla"', 1)
    project.config.write_text(toml)
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert "brand.primary" in err and "#5B2A86" in err


def test_config_type_error_names_expected_form(project, capsys):
    toml = project.config.read_text().replace("max_age_years = 5", 'max_age_years = "fem"')
    project.config.write_text(toml)
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert "facts.max_age_years" in err and "heltall" in err


def _tree_digest(folder):
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def test_failed_build_keeps_previous_output(project, capsys):
    build_site(project, publish=True)
    before = _tree_digest(project.output)
    _write_response(project, GOOD_RESPONSE.replace("status: sendt", "status: ferdig"))
    with pytest.raises(ContentErrors):
        build_site(project, publish=True)
    assert main(["build", "--publish"]) == 1
    assert "status" in capsys.readouterr().err
    assert _tree_digest(project.output) == before
    leftovers = [p.name for p in project.root.iterdir() if p.name.startswith(".output.")]
    assert leftovers == [".output.lock"]  # the build lock (an empty file) stays; no temp folder
