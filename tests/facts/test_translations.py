"""Facts in other languages: the ``translations`` table of content/fakta.yaml."""

from __future__ import annotations

import pytest

from generator.core.errors import ContentErrors, FactError
from generator.facts import load_facts
from generator.images.cards import alt_text

from .conftest import SEED_FACTS, fact


def test_the_example_has_arabic_and_english_text_for_two_facts() -> None:
    book = load_facts(SEED_FACTS)
    both = [f.id for f in book if {"ar", "en"} <= set(f.languages)]
    assert len(both) >= 2
    andel = book["partnerdrap-andel"].text("ar")
    assert andel.lang == "ar" and andel.figure == "1 من 4"
    assert andel.source_line == "المصدر: NOU 2020: 17 Varslede drap? (2020)"
    assert not book["partnerdrap-andel"].translations["ar"].reviewed


def test_a_language_without_a_translation_falls_back_to_bokmal(write_facts) -> None:
    book = load_facts(write_facts([fact()]))
    text = book["barn-fysisk-vold"].text("en")
    assert text.lang == "nb" and text.figure == "1 av 5"
    assert text.source_line == "Kilde: NKVTS (2019)"


def test_own_source_line_and_alt_text_per_language(write_facts) -> None:
    translated = {
        "en": {"figure": "1 in 5", "statement": "children have been hit growing up"},
        "de": {
            "figure": "1 von 5",
            "statement": "Kindern erleben Gewalt",
            "source_line": "Quelle: NKVTS (2019)",
        },
    }
    book = load_facts(write_facts([fact(translations=translated)]))
    item = book["barn-fysisk-vold"]
    assert alt_text(item, "en") == "1 in 5 children have been hit growing up. Source: NKVTS (2019)."
    assert item.text("de").source_line == "Quelle: NKVTS (2019)"
    assert alt_text(item) == alt_text(item, "nb")


def test_an_unknown_label_needs_a_source_line(write_facts) -> None:
    path = write_facts([fact(translations={"de": {"figure": "1 von 5", "statement": "x"}})])
    with pytest.raises(FactError) as err:
        load_facts(path)
    message = str(err.value)
    assert "barn-fysisk-vold.translations" in message
    assert "source_line" in message and "«Source: NKVTS (2019)»" in message


def test_language_codes_are_checked(tmp_path) -> None:
    path = tmp_path / "fakta.yaml"
    path.write_text(
        "- id: a\n  figure: '1'\n  statement: s\n"
        "  source: {name: N, url: 'https://n.no/', year: 2020}\n"
        "  translations:\n    Engelsk: {figure: '1', statement: s}\n"
        "- id: b\n  figure: '1'\n  statement: s\n"
        "  source: {name: N, url: 'https://n.no/', year: 2020}\n"
        "  translations:\n    nb: {figure: '1', statement: s}\n",
        "utf-8",
    )
    with pytest.raises(ContentErrors) as err:
        load_facts(path)
    messages = [str(e) for e in err.value.errors]
    assert any("«Engelsk» er ikke en språkkode" in m for m in messages)
    assert any("«nb» er ikke en språkkode" in m and "bokmål er feltene over" in m for m in messages)
