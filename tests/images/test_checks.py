"""stemme check: a fact whose text fits no card is a content error, never a failed render."""

from __future__ import annotations

import pytest

from generator.core.config import load_config
from generator.core.errors import ContentErrors
from generator.facts import load_facts
from generator.images.checks import fit_errors
from generator.images.site_cards import render_site_cards
from generator.site.checks import check_all

LONG = " ".join(["voldsutsatte kvinner og barn trenger beskyttelse"] * 12)


def _make_too_long(project) -> None:
    text = project.facts.read_text(encoding="utf-8")
    first = load_facts(project.facts).ids()[0]
    statement = next(f.statement for f in load_facts(project.facts) if f.id == first)
    project.facts.write_text(text.replace(statement, LONG, 1), encoding="utf-8")


def test_statement_too_long_names_the_fact_line_and_fix(project) -> None:
    _make_too_long(project)
    book = load_facts(project.facts)
    (error,) = fit_errors(book)
    first = book.ids()[0]
    assert error.field == f"{first}.statement"
    assert error.line == book.line(first)
    assert str(error).endswith(
        f"«{first}»: tallet og setningen er for lange til å få plass på kortet "
        "(formatet «kvadrat»). Slik retter du det: kort ned setningen (legg gjerne "
        "utdypingen i «detail»)."
    )


def test_check_and_images_stop_before_rendering(project) -> None:
    _make_too_long(project)
    config = load_config(project.config)
    report = check_all(project, config)
    assert any("for lange til å få plass" in str(e) for e in report.errors)
    with pytest.raises(ContentErrors):
        render_site_cards(project, config, progress=False)
    assert not project.cards.exists()


def test_source_name_too_long(project) -> None:
    book = load_facts(project.facts)
    first = book[book.ids()[0]]
    text = project.facts.read_text(encoding="utf-8")
    project.facts.write_text(text.replace(first.source.name, "Kilde " * 60, 1), "utf-8")
    errors = fit_errors(load_facts(project.facts))
    assert [e.field for e in errors] == [f"{first.id}.source.name"]
    assert "kildenavnet er for langt" in str(errors[0])
