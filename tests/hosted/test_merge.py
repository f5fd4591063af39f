"""The merge rules, one by one, and the text form's round trip through a real SQLite file."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.core.state import open_db
from generator.hosted import runs
from generator.hosted.merge import merge_row, merge_state
from generator.hosted.tables import BY_NAME, export_tables, from_ndjson, import_tables, to_ndjson
from generator.social.ledger import Ledger
from generator.watch import store  # noqa: F401 - registers the watcher's tables

OSLO = ZoneInfo("Europe/Oslo")
NOW = datetime(2026, 12, 5, 8, 0, tzinfo=OSLO)
POSTS = BY_NAME["social_posts"]
CONSULTATIONS = BY_NAME["consultations"]


def consultation(**changes):
    row = {
        "source": "regjeringen", "key": "3181402", "title": "Høring om krisesentre",
        "status": "ny", "owner": None, "note": None, "first_seen": "2026-11-16T14:00:00+00:00",
        "last_seen": "2026-11-16T14:00:00+00:00", "revision": 0,
    }  # fmt: skip
    return row | changes


def test_a_persons_tracking_and_the_watchers_sighting_both_survive():
    base = consultation()
    person = consultation(status="svarer", owner="Tone")  # stemme consultation, pushed
    watcher = consultation(
        last_seen="2026-12-05T05:00:00+00:00", title="Høring om krisesentre (endret)"
    )
    merged = merge_row(CONSULTATIONS, base, person, watcher)
    assert merged == consultation(
        status="svarer", owner="Tone", title="Høring om krisesentre (endret)",
        last_seen="2026-12-05T05:00:00+00:00",
    )  # fmt: skip


def test_two_first_sightings_keep_the_earlier_one():
    early = consultation(
        first_seen="2026-11-16T14:00:00+00:00", last_seen="2026-11-16T14:00:00+00:00"
    )
    late = consultation(
        first_seen="2026-11-16T14:30:00+00:00", last_seen="2026-11-16T14:30:00+00:00"
    )
    merged = merge_row(CONSULTATIONS, None, late, early)
    assert merged["first_seen"] == "2026-11-16T14:00:00+00:00"
    assert merged["last_seen"] == "2026-11-16T14:30:00+00:00"


def post(status, updated_at="2026-12-05T07:00:00+00:00", **changes):
    return {
        "key": "k/2026-12-05/x",
        "status": status,
        "updated_at": updated_at,
        "attempts": 1,
    } | changes


def test_a_receipt_is_never_lost_to_a_later_unknown():
    base = post("sending")
    receipt = post("published", remote_id="1862")
    expired = post("unknown", updated_at="2026-12-05T07:30:00+00:00")
    assert merge_row(POSTS, base, receipt, expired)["remote_id"] == "1862"
    assert merge_row(POSTS, base, expired, receipt)["status"] == "published"


def test_a_persons_approval_stands_when_the_run_did_not_touch_the_row():
    base = post("unknown")
    approved = post("planned", approved_at="2026-12-05T09:00:00+00:00")
    assert merge_row(POSTS, base, base, approved) == approved


def test_a_deletion_gives_way_to_a_change_but_not_to_nothing():
    row = post("planned")
    assert merge_row(POSTS, row, None, row) is None
    assert merge_row(POSTS, row, None, post("failed")) == post("failed")


def test_logs_are_a_union():
    attempts = BY_NAME["social_attempts"]
    mine = {"key": "k", "at": "2026-12-05T07:00:00+00:00", "outcome": "sending"}
    theirs = {"key": "k", "at": "2026-12-05T07:15:00+00:00", "outcome": "unknown"}
    merged = merge_state(
        {},
        {"social_attempts": {attempts.key_of(mine): mine}},
        {"social_attempts": {attempts.key_of(theirs): theirs}},
    )
    assert sorted(r["outcome"] for r in merged["social_attempts"].values()) == [
        "sending",
        "unknown",
    ]


def test_the_text_form_round_trips_through_a_real_database(tmp_path: Path):
    conn = open_db(tmp_path / "a.sqlite3")
    ledger = Ledger(conn)
    ledger.ensure("k/2026-12-05/x", NOW, NOW)
    ledger.claim("k/2026-12-05/x", NOW, "hash", None)
    ledger.published("k/2026-12-05/x", NOW + timedelta(seconds=2), "1862", "https://x", 201)
    conn.execute(
        "INSERT INTO consultations (source, key, title, first_seen, last_seen, feed_hash,"
        " content_hash) VALUES ('regjeringen', '1', 'Høring', 'a', 'a', 'f', 'c')"
    )
    conn.execute(
        "INSERT INTO consultation_history (consultation, at, kind, message)"
        " VALUES (1, '2026-11-16T14:00:00+00:00', 'ny', 'Ny høring')"
    )
    tables = export_tables(conn)
    text = {name: to_ndjson(rows) for name, rows in tables.items()}
    assert "pk" not in text["consultations"] and '"id"' not in text["social_attempts"]
    assert text["social_attempts"].splitlines()[0].count('"sending"') == 1  # claim first

    other = open_db(tmp_path / "b.sqlite3")
    other.execute(
        "INSERT INTO consultations (source, key, title, first_seen, last_seen, feed_hash,"
        " content_hash) VALUES ('stortinget', '9', 'Annen', 'a', 'a', 'f', 'c')"
    )  # a pk that will be taken by another row after the import
    import_tables(other, {n: from_ndjson(BY_NAME[n], t, n) for n, t in text.items()})
    assert export_tables(other) == tables
    assert [a["outcome"] for a in Ledger(other).attempts("k/2026-12-05/x")] == [
        "sending",
        "published",
    ]
    assert {name: to_ndjson(rows) for name, rows in export_tables(other).items()} == text


def test_every_table_of_the_state_db_travels_on_the_branch(tmp_path: Path):
    """A new table in any area must be added to hosted.tables.TABLES (with its merge rule),
    or a scheduled run would forget it between runs."""
    import generator.cli  # noqa: F401 - every area registers its migrations on import

    conn = open_db(tmp_path / "alle.sqlite3")
    found = {
        r["name"]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not r["name"].startswith("sqlite_")
        and r["name"] not in ("schema_migrations", "state_branch_base")  # this copy's own
    }
    assert found == set(BY_NAME), "legg tabellen til i generator/hosted/tables.py"


def test_only_the_newest_runs_of_a_job_stay_in_the_table(tmp_path: Path):
    conn = open_db(tmp_path / "r.sqlite3")
    for minutes in range(0, 15 * (runs.KEEP_RUNS + 5), 15):
        runs.start_run(conn, "post", NOW + timedelta(minutes=minutes), None)
    runs.start_run(conn, "watch", NOW, None)
    kept = export_tables(conn)["schedule_runs"].values()
    assert sum(r["job"] == "post" for r in kept) == runs.KEEP_RUNS
    assert [r.job for r in runs.last_runs(export_tables(conn))] == ["post", "watch"]
    newest = max(r["started_at"] for r in kept if r["job"] == "post")
    assert runs.last_runs(export_tables(conn))[0].started_at.isoformat() == newest


def step(recorded: str) -> dict:
    return {
        "matter": "2026-06-02-omvendt-voldsalarm", "kind": "innst", "ref": "Innst. 253 L",
        "day": "2027-03-01", "text": "Innst. 253 L avgitt", "url": None, "source": "stortinget",
        "recorded": recorded, "public": 1,
    }  # fmt: skip


def link(state: str, at: str) -> dict:
    return {
        "matter": "2026-06-02-omvendt-voldsalarm", "kind": "prop", "ref": "Prop. 23 L",
        "state": state, "found_by": "forslag", "title": None, "url": None, "published": None,
        "at": at,
    }  # fmt: skip


def test_a_followed_matters_step_seen_by_two_runs_is_one_step_and_a_decision_beats_a_suggestion():
    steps = BY_NAME["follow_steps"]
    first, second = step("2026-12-05T05:00:00+00:00"), step("2026-12-05T05:00:07+00:00")
    assert steps.key_of(first) == steps.key_of(second)  # the id never travels
    assert merge_row(steps, None, second, first) == first  # the first run reported it
    links = BY_NAME["follow_links"]
    confirmed = link("bekreftet", "2026-12-04T10:00:00+00:00")
    suggested = link("forslag", "2026-12-05T05:00:00+00:00")  # the watcher's later sighting
    assert merge_row(links, None, suggested, confirmed) == confirmed


def test_the_follow_tables_round_trip_through_text(tmp_path: Path):
    from generator.watch.follow import store as follow_store  # noqa: F401 - registers them

    conn = open_db(tmp_path / "f.sqlite3")
    conn.execute(
        "INSERT INTO follow_matters (slug, title, created) VALUES (?, ?, ?)",
        ("2026-06-02-omvendt-voldsalarm", "Omvendt voldsalarm", "2026-12-01T08:00:00+00:00"),
    )
    row = step("2026-12-05T05:00:00+00:00")
    conn.execute(
        f"INSERT INTO follow_steps ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
        list(row.values()),
    )
    conn.commit()
    tables = export_tables(conn)
    assert list(tables["follow_steps"].values()) == [row]  # no row id
    text = {name: to_ndjson(rows) for name, rows in tables.items()}
    other = open_db(tmp_path / "g.sqlite3")
    import_tables(other, {n: from_ndjson(BY_NAME[n], t, n) for n, t in text.items()})
    assert export_tables(other) == tables
