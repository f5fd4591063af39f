"""content/fakta.yaml: the seeded file loads; every mistake names the fact and field."""

from __future__ import annotations

import pytest

from generator.core.errors import ContentErrors, FactError
from generator.facts import load_facts
from tests.facts.conftest import SEED_FACTS, fact

CANONICAL = [
    "partnerdrap-andel",
    "partnerdrap-voldshistorikk",
    "voldtekt-kvinner",
    "alvorlig-partnervold",
    "krisesenter-voksne",
    "krisesenter-barn",
    "handlingsplaner-kommuner",
    "tvangsekteskap-saker-2021",
    "voldskostnader",
    "barn-fysisk-vold",
]


def test_seed_file_has_every_canonical_fact_with_a_source() -> None:
    book = load_facts(SEED_FACTS)
    assert set(CANONICAL) <= set(book.ids())
    assert len(book) >= 10
    for f in book:
        assert f.source.name and f.source.url.startswith("https://") and f.source.year
    assert book.get("voldskostnader").figure == "92,7 mrd. kr"
    assert book.get("voldskostnader").source.year == 2023
    assert book.get("barn-fysisk-vold").source.year == 2019


def test_file_order_is_kept(write_facts) -> None:
    book = load_facts(write_facts([fact("b-fakta"), fact("a-fakta")]))
    assert [f.id for f in book] == ["b-fakta", "a-fakta"]


def test_duplicate_id_names_the_fact(write_facts) -> None:
    with pytest.raises(FactError) as err:
        load_facts(write_facts([fact("to-ganger"), fact("to-ganger")]))
    assert "«to-ganger»" in str(err.value) and "brukt før" in str(err.value)
    assert err.value.field == "to-ganger.id"
    assert err.value.line == 8  # the second item starts on line 8


def test_missing_source_names_fact_and_field(write_facts) -> None:
    with pytest.raises(FactError) as err:
        load_facts(write_facts([fact("uten-kilde", source=None)]))
    assert str(err.value) == (
        f"{err.value.file}, linje 1: feltet «uten-kilde.source»: kilden mangler. "
        "Slik retter du det: legg til source: med name, url og year for faktaet."
    )
    assert err.value.field == "uten-kilde.source"


def test_empty_figure_is_an_error(write_facts) -> None:
    with pytest.raises(FactError) as err:
        load_facts(write_facts([fact("tomt-tall", figure="  ")]))
    assert err.value.field == "tomt-tall.figure"
    assert "kan ikke være tom" in str(err.value)


def test_bad_id_and_unknown_field(write_facts) -> None:
    with pytest.raises(ContentErrors) as err:
        load_facts(write_facts([fact("Stor Bokstav"), fact("ok-id", farge="rød")]))
    first, second = (e.headline.split(": ", 1)[1] for e in err.value.errors)
    assert first == (
        "feltet «nr. 1.id»: må være et kort navn med små bokstaver (a–z), tall og bindestrek, "
        "høyst 80 tegn, f.eks. «om-oss» (fant «Stor Bokstav»)."
    )
    assert second == "feltet «ok-id»: ukjent felt «farge»."
    assert err.value.errors[1].fix == (
        "fjern linjen, eller bruk et av feltene «id», «figure», «statement», «source», "
        "«detail», «topics», «updated» eller «translations»."
    )


def test_source_url_and_year_are_checked(write_facts) -> None:
    bad = {"name": "X", "url": "nkvts.no", "year": "i fjor"}
    with pytest.raises(ContentErrors) as err:
        load_facts(write_facts([fact("feil-kilde", source=bad)]))
    text = str(err.value)
    assert "feil-kilde.source.url" in text and "feil-kilde.source.year" in text
    assert "årstall" in text


def test_unknown_id_lookup_suggests_the_closest(write_facts) -> None:
    book = load_facts(write_facts([fact("barn-fysisk-vold")]))
    with pytest.raises(FactError) as err:
        book.require("barn-fysisk", file="content/x.md", line=7)
    assert str(err.value) == (
        "content/x.md, linje 7: ukjent fakta-id «barn-fysisk». Mente du «barn-fysisk-vold»? "
        "Slik retter du det: rett id-en til «barn-fysisk-vold», eller legg faktaet til i "
        "content/fakta.yaml."
    )


def test_yaml_syntax_error_names_the_line(write_facts, tmp_path) -> None:
    path = tmp_path / "fakta.yaml"
    path.write_text("- id: a\n  figure: [\n", "utf-8")
    with pytest.raises(FactError) as err:
        load_facts(path)
    assert str(err.value) == (
        f"{path}, linje 3, kolonne 1: filen kan ikke leses: listen i [ ] er ikke avsluttet "
        "riktig. Slik retter du det: skriv listen som [a, b, c] med komma mellom og ] til "
        "slutt; sett tekst med komma eller kolon i anførselstegn."
    )
