"""«Hva skjedde videre?» on a sent response's page, from the steps file beside it — a
real publish build of the example, which ships such a file for one sent response."""

from __future__ import annotations

from tests.site.conftest import parse_page

B = "2025-09-26-plikt-til-kommunale-handlingsplaner"
A = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud"


def test_the_followed_response_shows_its_public_steps(built_site):
    page = parse_page(built_site.output / "hoeringssvar" / B / "index.html")
    assert "Hva skjedde videre?" in page.text
    section = page.html.split('<section class="followup"', 1)[1].split("</section>", 1)[0]
    assert section.count('<li class="followup__step">') == 3
    assert '<time class="followup__date" datetime="2026-06-05">5. juni 2026</time>' in section
    assert (
        '<a href="https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p=101877" '
        'rel="external">Sendt til familie- og kulturkomiteen' in section
    )
    # after the letter text, before the topics
    assert page.html.index("Hva skjedde videre?") > page.html.index("letter-download")


def test_a_response_without_steps_has_no_block(built_site):
    page = parse_page(built_site.output / "hoeringssvar" / A / "index.html")
    assert "Hva skjedde videre?" not in page.text


def test_the_response_list_shows_where_each_followed_matter_stands(built_site):
    page = parse_page(built_site.output / "hoeringssvar" / "index.html")
    assert (
        "Hva skjedde videre: Sendt til familie- og kulturkomiteen "
        '(<time datetime="2026-06-11">11. juni 2026</time>)'
    ) in page.html
    assert page.text.count("Hva skjedde videre:") == 1  # only the followed one


def test_a_tampered_steps_file_stops_the_build_in_norwegian(tmp_path, monkeypatch, capsys):
    """Only date, text and an http(s) url may reach the page: anything else is an error
    naming the file and the step, and the previous output stays."""
    from generator.cli import main
    from tests.project import copy_project, project_env

    paths = copy_project(tmp_path / "prosjekt")
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    steps = paths.responses / f"{B}.videre.yaml"
    steps.write_text(
        "steps:\n- date: 2026-06-05\n  text: Lagt fram\n  url: javascript:alert(1)\n",
        encoding="utf-8",
    )
    code = main(["build", "--publish"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert f"{B}.videre.yaml: steg 1: url «javascript:alert(1)» er ikke en http(s)-adresse" in err
    assert not (paths.output / "hoeringssvar").exists()  # nothing half-written


def test_stemme_check_knows_the_steps_file(project, capsys):
    """The steps file is the one non-Markdown file allowed beside a response: checked like
    the build reads it, and an orphan (its response renamed or gone) is named."""
    from generator.cli import main

    assert main(["check"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    steps = project.responses / f"{B}.videre.yaml"
    steps.write_text("steps:\n- text: x\n  html: <b>\n", encoding="utf-8")
    assert main(["check"]) == 1
    assert "steg 1: kan bare ha date, text og url" in capsys.readouterr().err
    steps.rename(project.responses / "2024-01-01-borte.videre.yaml")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert (
        "«2024-01-01-borte.videre.yaml» hører til høringssvaret «2024-01-01-borte.md», "
        "som ikke finnes" in err
    )
