"""The state DB's errors reach a person in Norwegian, never as SQLite's English."""

from __future__ import annotations

import sqlite3

import pytest

from generator.core.errors import StateError
from generator.core.state import open_db, state_db


def test_a_file_that_is_not_a_database_is_named_in_norwegian(tmp_path) -> None:
    path = tmp_path / "stemme.sqlite3"
    path.write_text("dette er ingen database\n" * 100, encoding="utf-8")
    with pytest.raises(StateError) as err:
        open_db(path)
    assert str(err.value) == (
        f"Kan ikke bruke tilstandsdatabasen {path}: filen er ikke en SQLite-database. "
        "Kjører en annen «stemme»-kommando lenge? Prøv igjen om litt."
    )


def test_a_lock_held_by_another_process_is_explained() -> None:
    # Waiting out a real lock takes the 10-second busy timeout twice; the wording is enough.
    from generator.core.state import _reason

    reason = _reason(sqlite3.OperationalError("database is locked"))
    assert reason == "databasen er låst av en annen prosess"


def test_state_db_closes_the_connection_when_the_block_ends(tmp_path) -> None:
    with state_db(tmp_path / "state.sqlite3") as conn:
        assert conn.execute("SELECT 1").fetchone()[0] == 1
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        conn.execute("SELECT 1")
    with pytest.raises(RuntimeError), state_db(tmp_path / "state.sqlite3") as failing:
        raise RuntimeError("midt i blokken")
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        failing.execute("SELECT 1")
