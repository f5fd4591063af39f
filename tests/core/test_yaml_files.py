"""A YAML mistake reads the same in every file: Norwegian, with line, column and the fix."""

from __future__ import annotations

import pytest
import yaml

from generator.core.validation import yaml_problem
from generator.core.yaml_files import TextDatesLoader, YamlLoader, load_yaml
from tests.project import ROOT

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


# ── libyaml and pure Python: the same data, the same lines, the same errors ──────────

# Texts both parsers must read alike: anchors, flow and block styles, quoting, odd
# dates, nested tables, unicode, comments, multi-line text.
ALIKE = [
    "title: Høring\ndate: &d 2026-11-22\nsent: *d\ntopics: [barn, 'vold i nære']\n",
    "start: 2026-11-31\nend: 2026-12-10\nwhen: 2026-12-10 12:30:00\n",
    "a: \"tekst med \\u00e6 og \\\"sitat\\\"\"\nb: 'en ''enkel'''\nc: ~\nd: yes\ne: 010\n",
    "liste:\n  - id: a\n    tall: 1.5\n  - id: b\n    under: {x: 1, y: [1, 2]}\n",
    "tekst: |\n  linje én\n  linje to\n# kommentar\nbrettet: >\n  én\n  to\n",
    "tom:\nnull: null\ntall: -0x1A\nflyt: .inf\n",
    "- a\n- b:\n    c: d\n",
    "",
]


def _same(a: object, b: object) -> bool:
    """Equal data, and every table remembers the same lines."""
    if isinstance(a, dict):
        return (
            isinstance(b, dict)
            and type(a) is type(b)
            and (getattr(a, "line", None), getattr(a, "key_lines", None))
            == (getattr(b, "line", None), getattr(b, "key_lines", None))
            and list(a) == list(b)
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(_same, a, b))
    return type(a) is type(b) and a == b


def _staff_yaml() -> list[str]:
    """Every YAML text of the example project: fakta.yaml, campaigns, front matter."""
    texts = [p.read_text(encoding="utf-8") for p in (ROOT / "campaigns").rglob("*.yaml")]
    texts.append((ROOT / "content" / "fakta.yaml").read_text(encoding="utf-8"))
    for page in sorted((ROOT / "content").rglob("*.md")):
        texts.append(page.read_text(encoding="utf-8").split("---")[1])
    return texts


@pytest.mark.parametrize("loader", [YamlLoader, TextDatesLoader])
def test_libyaml_and_pure_python_read_alike(loader: type[YamlLoader]) -> None:
    assert yaml.__with_libyaml__  # the fast path is what the build uses here
    for text in ALIKE + _staff_yaml():
        fast, pure = load_yaml(text, loader), load_yaml(text, loader, fast=False)
        assert _same(fast, pure), text


@pytest.mark.parametrize(("text", "message"), CASES, ids=[str(i) for i in range(len(CASES))])
def test_libyaml_errors_read_as_pure_python_errors(text: str, message: str) -> None:
    for fast in (True, False):
        with pytest.raises(yaml.YAMLError) as info:
            load_yaml(text, fast=fast)
        assert str(yaml_problem(info.value, "f.yaml")) == message
