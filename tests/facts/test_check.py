"""`stemme check` for facts: old sources are a warning, never silent; errors are errors."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from generator.facts import check
from tests.facts.conftest import fact

OSLO = ZoneInfo("Europe/Oslo")


def test_old_source_warns_with_frozen_time(project, config, write_facts) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 7, tzinfo=OSLO), tick=False):
        errors, warnings = check(project, config)
    assert errors == []
    assert "fakta.yaml: «barn-fysisk-vold»: kilden er fra 2019 — vurder nyere tall" in warnings
    assert not any("voldskostnader" in w for w in warnings)  # 2023 is recent enough


def test_today_parameter_and_limit(project, config) -> None:
    project.facts.write_text(
        "- id: fersk\n  figure: '1'\n  statement: tall.\n  source: {name: A, url: "
        "'https://a.no/', year: 2021}\n",
        "utf-8",
    )
    assert check(project, config, today=date(2026, 1, 1)) == ([], [])  # exactly 5 years
    _, warnings = check(project, config, today=date(2027, 1, 1))
    assert warnings == ["fakta.yaml: «fersk»: kilden er fra 2021 — vurder nyere tall"]


def test_invalid_file_gives_errors_not_an_exception(project, config) -> None:
    project.facts.write_text("- id: a\n  figure: '1'\n  statement: x\n", "utf-8")
    errors, warnings = check(project, config, today=date(2026, 1, 1))
    assert warnings == []
    assert len(errors) == 1 and "kilden mangler" in str(errors[0])


def test_missing_file_is_an_error(project, config) -> None:
    project.facts.unlink()
    errors, _ = check(project, config, today=date(2026, 1, 1))
    assert "filen mangler" in str(errors[0])


def test_fact_helper_is_valid(write_facts) -> None:
    from generator.facts import load_facts

    assert len(load_facts(write_facts([fact()]))) == 1
