"""A YAML mistake reads the same in every file: Norwegian, with line, column and the fix."""

from __future__ import annotations

import pytest
import yaml

from generator.core.validation import yaml_problem
from generator.core.yaml_files import YamlLoader

CASES = [
    (
        "title: Høring: ny lov\n",
        "f.yaml, linje 1, kolonne 14: filen kan ikke leses: teksten etter «title:» inneholder "
        "et kolon (:). Slik retter du det: sett teksten i anførselstegn når den inneholder "
        'kolon, slik: title: "Høring: ny lov".',
    ),
    (
        "title: Hei\n  summary: x\n",
        "f.yaml, linje 2, kolonne 10: filen kan ikke leses: linjen har mer innrykk enn feltet "
        "over. Slik retter du det: gi linjen samme innrykk som feltene på samme nivå "
        "(mellomrom, ikke tabulator; to mellomrom per nivå).",
    ),
    (
        "a: 1\n\tb: 2\n",
        "f.yaml, linje 2, kolonne 1: filen kan ikke leses: linjen har en tabulator. "
        "Slik retter du det: bruk mellomrom i stedet for tabulator.",
    ),
    (
        'title: "Høring om\nsummary: x\n',
        "f.yaml, linje 1, kolonne 8: filen kan ikke leses: anførselstegnet som starter her, "
        "blir aldri lukket. Slik retter du det: avslutt teksten med det samme "
        "anførselstegnet som den startet med.",
    ),
    (
        'a: "C:\\mapper"\n',
        'f.yaml, linje 1, kolonne 8: filen kan ikke leses: en \\ inne i "…" har en '
        "betydning YAML ikke kjenner. Slik retter du det: bruk enkle anførselstegn ('…') "
        "rundt teksten, eller skriv \\\\ for én \\.",
    ),
    (
        "handle: @stemme\n",
        "f.yaml, linje 1, kolonne 9: filen kan ikke leses: tegnet «@» kan ikke stå først i en "
        'verdi. Slik retter du det: sett teksten i anførselstegn, f.eks. "@…".',
    ),
    (
        "topics: [vold, barn\nfacts: []\n",
        "f.yaml, linje 2, kolonne 6: filen kan ikke leses: listen i [ ] er ikke avsluttet "
        "riktig. Slik retter du det: skriv listen som [a, b, c] med komma mellom og ] til "
        "slutt; sett tekst med komma eller kolon i anførselstegn.",
    ),
    (
        "colours: {primary: x\n",
        "f.yaml, linje 2, kolonne 1: filen kan ikke leses: tabellen i { } er ikke avsluttet "
        "riktig. Slik retter du det: skriv den som {navn: verdi, navn: verdi} med } til slutt.",
    ),
    (
        "title: En\nsummary: x\ntitle: To\n",
        "f.yaml, linje 3, kolonne 1: filen kan ikke leses: feltet «title» står to ganger "
        "(først på linje 1). Slik retter du det: slett den ene linjen, eller slå dem sammen.",
    ),
    (
        "title: Hei\nsummary\nfacts: []\n",
        "f.yaml, linje 2, kolonne 1: filen kan ikke leses: linjen mangler kolon mellom "
        "feltnavnet og verdien. Slik retter du det: skriv «navn: verdi» (med mellomrom etter "
        "kolonet), eller fortsett teksten på linjen over.",
    ),
    (
        "days:\n  - date: 2026-11-25\n - date: 2026-11-26\n",
        "f.yaml, linje 3, kolonne 2: filen kan ikke leses: innrykket stemmer ikke med linjene "
        "over. Slik retter du det: gi linjen samme innrykk som feltene på samme nivå "
        "(mellomrom, ikke tabulator; to mellomrom per nivå).",
    ),
    (
        "focus: |tekst\n  mer\n",
        "f.yaml, linje 1, kolonne 9: filen kan ikke leses: en tekstblokk med | eller > må ha "
        "teksten på linjene under. Slik retter du det: skriv | eller > alene på linjen, og "
        "teksten med innrykk på linjene under.",
    ),
]


@pytest.mark.parametrize(("text", "message"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_yaml_mistakes_in_norwegian(text: str, message: str) -> None:
    with pytest.raises(yaml.YAMLError) as info:
        yaml.load(text, Loader=YamlLoader)
    assert str(yaml_problem(info.value, "f.yaml")) == message


def test_no_pyyaml_jargon_reaches_the_user() -> None:
    for text, _ in CASES:
        with pytest.raises(yaml.YAMLError) as info:
            yaml.load(text, Loader=YamlLoader)
        words = str(yaml_problem(info.value, "f.yaml")).lower()
        for jargon in ("mapping", "scalar", "expected", "token", "found", "block end"):
            assert jargon not in words


def test_front_matter_lines_count_from_the_file() -> None:
    with pytest.raises(yaml.YAMLError) as info:
        yaml.load("title: A: B\n", Loader=YamlLoader)
    error = yaml_problem(info.value, "x.md", what="front matter", first_line=2)
    assert (error.line, error.column) == (2, 9)


def test_impossible_yaml_dates_stay_text_for_the_model() -> None:
    data = yaml.load("start: 2026-11-31\nend: 2026-12-10\n", Loader=YamlLoader)
    assert data == {"start": "2026-11-31", "end": __import__("datetime").date(2026, 12, 10)}
    assert data.key_lines == {"start": 1, "end": 2}
