"""`stemme check` for facts: old sources are a warning, never silent; errors are errors."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine

from generator.facts import check
from tests.facts.conftest import fact

OSLO = ZoneInfo("Europe/Oslo")


def _line(path, fact_id: str, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(n for n, line in enumerate(lines) if line.strip() == f"- id: {fact_id}")
    return next(n for n in range(start, len(lines)) if needle in lines[n]) + 1


def test_old_source_warns_with_frozen_time(project, config, write_facts) -> None:
    with time_machine.travel(datetime(2026, 11, 26, 7, tzinfo=OSLO), tick=False):
        errors, warnings = check(project, config)
    assert errors == []
    line = _line(project.facts, "barn-fysisk-vold", "year:")
    assert (
        f"content/fakta.yaml, linje {line}: «barn-fysisk-vold»: kilden er fra 2019 — vurder "
        "nyere tall. Finnes det ikke nyere tall, skriv «updated: 2026-11-26» i faktaet; da "
        "kommer advarselen ikke igjen før om ett år."
    ) in warnings
    assert not any("voldskostnader" in w for w in warnings)  # 2023 is recent enough


def test_today_parameter_and_limit(project, config) -> None:
    project.facts.write_text(
        "- id: fersk\n  figure: '1'\n  statement: tall.\n  source: {name: A, url: "
        "'https://a.no/', year: 2021}\n",
        "utf-8",
    )
    assert check(project, config, today=date(2026, 1, 1)) == ([], [])  # exactly 5 years
    _, warnings = check(project, config, today=date(2027, 1, 1))
    assert [w.split(". Finnes")[0] for w in warnings] == [
        "content/fakta.yaml, linje 4: «fersk»: kilden er fra 2021 — vurder nyere tall"
    ]


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


FRESH = (
    "- id: fersk\n  figure: '1'\n  statement: tall.\n{updated}  source: {{name: A, url: "
    "'https://a.no/', year: 2015}}\n"
)


def test_a_checked_fact_is_quiet_for_a_year(project, config) -> None:
    """«updated:» says staff checked there is nothing newer: no warning for 365 days."""
    project.facts.write_text(FRESH.format(updated="  updated: 2026-03-01\n"), "utf-8")
    assert check(project, config, today=date(2026, 12, 5)) == ([], [])
    assert check(project, config, today=date(2027, 2, 28)) == ([], [])
    _, warnings = check(project, config, today=date(2027, 3, 1))  # a year later: again
    assert len(warnings) == 1 and "linje 5: «fersk»: kilden er fra 2015" in warnings[0]


def test_a_check_dated_in_the_future_does_not_silence(project, config) -> None:
    project.facts.write_text(FRESH.format(updated="  updated: 2031-01-01\n"), "utf-8")
    _, warnings = check(project, config, today=date(2026, 12, 5))
    assert len(warnings) == 1


def test_the_example_warns_on_each_old_source_with_its_year_line(project, config, capsys):
    from generator.cli import main

    with time_machine.travel(datetime(2026, 12, 5, 9, tzinfo=OSLO), tick=False):
        assert main(["check"]) == 0
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "kilden er fra" in line]
    assert len(warned) == 5
    for line in warned:
        fact_id = line.split("«")[1].split("»")[0]
        assert f"content/fakta.yaml, linje {_line(project.facts, fact_id, 'year:')}:" in line
