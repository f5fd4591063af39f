"""`stemme letter FILE|SLUG [--out PATH]`: finding the response, where the PDF goes, the
Norwegian help and errors, and the logo setting in stemme.toml."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from generator.core.config import load_config
from generator.core.errors import ConfigError
from tests.pdf.conftest import DRAFT, SENT, run


def test_help_is_norwegian(capsys):
    code, out, _ = run(capsys, "letter", "--help")
    assert code == 0
    assert out.startswith("Bruk: stemme letter [VALG] FIL|SLUG\n")
    assert "Lag høringssvaret som brev (PDF) – også et utkast." in out
    assert "--out STI" in out


def test_a_file_path_and_a_folder_for_out(project, capsys, monkeypatch):
    monkeypatch.chdir(project.root)
    code, out, err = run(
        capsys, "letter", f"content/hoeringssvar/{SENT}.md", "--out", "brev-til-styret/"
    )
    assert (code, err) == (0, "")
    written = project.root / "brev-til-styret" / f"{SENT}.pdf"
    assert written.read_bytes().startswith(b"%PDF-1.7")
    assert out.startswith(f"Brevet: brev-til-styret/{SENT}.pdf (3 sider, ")


def test_unknown_response_lists_the_known_ones(project, capsys):
    code, out, err = run(capsys, "letter", "finnes-ikke")
    assert (code, out) == (1, "")
    assert err == (
        "Feil: Fant ikke høringssvaret «finnes-ikke» i content/hoeringssvar/. Disse finnes: "
        f"2025-09-26-plikt-til-kommunale-handlingsplaner, {SENT}, {DRAFT}.\n"
    )


def test_an_ambiguous_name_asks_for_the_date(project, capsys):
    copy = project.responses / "2026-12-01-omvendt-voldsalarm-og-kontaktforbud.md"
    copy.write_text((project.responses / f"{SENT}.md").read_text(encoding="utf-8"))
    code, _, err = run(capsys, "letter", "omvendt-voldsalarm-og-kontaktforbud")
    assert code == 1
    assert err == (
        "Feil: «omvendt-voldsalarm-og-kontaktforbud» passer på flere høringssvar: "
        f"{SENT}, 2026-12-01-omvendt-voldsalarm-og-kontaktforbud. Skriv hele navnet, med "
        "datoen.\n"
    )


def test_a_missing_file(project, capsys):
    code, _, err = run(capsys, "letter", "content/hoeringssvar/borte.md")
    assert code == 1
    assert err == (
        "Feil: Fant ikke filen content/hoeringssvar/borte.md. Sjekk stien, eller skriv bare "
        "navnet (slug).\n"
    )


def test_logo_must_be_an_image_inside_the_project(project):
    text = project.config.read_text(encoding="utf-8")
    project.config.write_text(text.replace("logo.svg", "logo.gif"), encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(project.config)
    assert str(caught.value) == (
        f"{project.config}: nøkkelen «organisation.logo» må være en bildefil (.svg, .png "
        'eller .jpg) inne i prosjektmappen, f.eks. "theme/static/logo.svg". Rett filen og '
        "prøv igjen."
    )


def test_a_missing_logo_fails_check_and_the_letter(project, capsys):
    (project.root / "theme/static/img/logo.svg").unlink()
    message = (
        "stemme.toml: feltet «organisation.logo»: peker på theme/static/img/logo.svg, men den "
        "filen finnes ikke. Slik retter du det: legg logoen der, eller rett eller fjern nøkkelen."
    )
    code, _, err = run(capsys, "check")
    assert code == 1
    headline, fix = message.split(" Slik retter du det: ")
    assert err == f"Feil: Fant 1 feil i 1 fil:\n  • {headline}\n    Slik retter du det: {fix}\n"
    code, _, err = run(capsys, "letter", SENT)
    assert (code, err) == (1, f"Feil: {message}\n")


def test_without_a_logo_the_letter_still_has_its_letterhead(project, capsys):
    text = project.config.read_text(encoding="utf-8")
    project.config.write_text(text.replace('logo = "theme/static/img/logo.svg"\n', ""))
    assert load_config(project.config).organisation.logo is None
    assert run(capsys, "letter", SENT)[0] == 0
    letter = PdfReader(project.build / "brev" / f"{SENT}.pdf")
    assert letter.pages[0].extract_text().splitlines()[0] == "Krisesentersekretariatet"


def test_a_logo_linked_out_of_the_project_fails_check_and_the_letter(project, capsys):
    outside = project.root.parent / "annen-logo.svg"
    logo = project.root / "theme/static/img/logo.svg"
    outside.write_bytes(logo.read_bytes())
    logo.unlink()
    logo.symlink_to(outside)
    code, _, err = run(capsys, "check")
    assert code == 1
    assert "som ligger utenfor prosjektmappen; et brev leser ikke filer der." in err
    code, _, err = run(capsys, "letter", SENT)
    assert code == 1
    assert "feltet «organisation.logo»: peker på theme/static/img/logo.svg, som ligger " in err
