"""Mistakes in content/fakta.yaml, each a whole Norwegian message with its fix."""

from __future__ import annotations

from generator.cli import main
from generator.core.errors import ContentErrors
from generator.site.build import build_site

NEW_FACT = """
- id: {id}
  figure: "1 av 3"
  statement: er et eksempel.
  source:
    name: SSB
    url: https://www.ssb.no/
    year: 2024
"""


def _errors(project, capsys, text: str) -> list[str]:
    project.facts.write_text(project.facts.read_text("utf-8") + text, "utf-8")
    assert main(["check"]) == 1
    return capsys.readouterr().err.splitlines()


def test_an_id_too_long_for_a_file_name_stops_check_not_the_build(project, capsys):
    lines = _errors(project, capsys, NEW_FACT.format(id="a" * 263))
    start = len(project.facts.read_text("utf-8").splitlines()) - 6
    assert lines == [
        "Feil: Fant 1 feil i 1 fil:",
        f"  • content/fakta.yaml, linje {start}: feltet «nr. 13.id»: er 263 tegn lang, men kan "
        "være høyst 80 tegn (den blir en del av filnavn og adresser).",
        "    Slik retter du det: gi faktaet en kort id med små bokstaver og bindestrek, "
        "f.eks. «barn-fysisk-vold».",
    ]
    try:
        build_site(project, publish=True)
    except ContentErrors as exc:
        assert len(exc.errors) == 1
    assert not project.output.exists()


def test_a_misspelt_field_and_a_bad_year_in_one_run(project, capsys):
    text = (
        NEW_FACT.format(id="nytt-tall")
        .replace("  figure:", "  figur:")
        .replace("year: 2024", "year: i fjor")
    )
    lines = _errors(project, capsys, text)
    start = len(project.facts.read_text("utf-8").splitlines()) - 6
    assert lines == [
        "Feil: Fant 2 feil i 1 fil:",
        f"  • content/fakta.yaml, linje {start + 1}: feltet «nytt-tall»: ukjent felt «figur». "
        "Mente du «figure»?",
        "    Slik retter du det: skriv «figure:» i stedet for «figur:».",
        f"  • content/fakta.yaml, linje {start + 6}: feltet «nytt-tall.source.year»: må være et "
        "årstall, f.eks. 2023.",
        "    Slik retter du det: skriv året tallene er fra, f.eks. 2023.",
    ]
