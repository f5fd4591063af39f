"""Overlapping cron runs, reproduced with real processes started at the same moment.

Each process imports Stemme first (the slow part), says it is ready, and waits for one
«go» file; then all run at once. Two races are covered: several first opens of a brand
new state DB (the migration), and several `stemme watch` over the same feeds (new rows
and changed rows). No traceback, no error, and no row or history line twice.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from generator.core.config import Paths
from generator.core.state import _MIGRATIONS, open_db
from generator.social import ledger  # noqa: F401  (registers the social migrations)
from generator.watch import store  # noqa: F401  (registers the watch migrations)
from tests.project import ROOT, project_env
from tests.watch.conftest import PAGES, RSS_TYPE, feed, link_paths

ROUNDS = 5
WATCH_ROUNDS, WATCH_PROCESSES = 3, 2  # each process imports the whole CLI: keep it short

RUNNER = """
import sys, time, pathlib
ready, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
{imports}
ready.touch()
while not go.exists():
    time.sleep(0.001)
{call}
"""
OPEN_DB = RUNNER.format(
    imports="from generator.core.state import open_db\n"
    "import generator.watch.store, generator.social.ledger  # register both areas",
    call="open_db(pathlib.Path(sys.argv[3])).close()",
)
WATCH = RUNNER.format(
    imports="from generator.cli import main",
    call="sys.exit(main(sys.argv[3:]))",
)


def run_together(script: str, args: list[list[str]], folder: Path, env: dict) -> list:
    """Start one process per argument list, release them at once, wait for all."""
    folder.mkdir(parents=True, exist_ok=True)
    go = folder / "go"
    go.unlink(missing_ok=True)
    processes = []
    for number, extra in enumerate(args):
        ready = folder / f"ready-{number}"
        ready.unlink(missing_ok=True)
        command = [sys.executable, "-c", script, str(ready), str(go), *extra]
        processes.append(
            (ready, subprocess.Popen(command, cwd=ROOT, env=env, text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        )  # fmt: skip
    deadline = time.monotonic() + 60
    while not all(ready.exists() for ready, _ in processes):
        assert time.monotonic() < deadline, "the processes never got ready"
        time.sleep(0.01)
    go.touch()
    results = []
    for _ready, process in processes:
        out, err = process.communicate(timeout=120)
        results.append((process.returncode, out, err))
    return results


def test_simultaneous_first_opens_of_a_new_db_all_succeed(tmp_path):
    for round_ in range(ROUNDS):
        db = tmp_path / f"runde-{round_}" / "state" / "stemme.sqlite3"
        results = run_together(
            OPEN_DB, [[str(db)]] * 4, tmp_path / f"runde-{round_}", dict(os.environ)
        )
        for code, _out, err in results:
            assert code == 0 and "Traceback" not in err, err
        conn = open_db(db)
        rows = conn.execute("SELECT area, version FROM schema_migrations").fetchall()
        expected = {(area, n + 1) for area, steps in _MIGRATIONS.items() for n in range(len(steps))}
        assert sorted(tuple(r) for r in rows) == sorted(expected)
        conn.close()


@pytest.fixture
def threaded_server() -> Iterator[HTTPServer]:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.no_handler_status_code = 404
    server.start()
    yield server
    server.clear()
    if server.is_running():
        server.stop()


def slow_page(body: bytes):
    """A detail page that takes a moment, as the real ones do: the runs overlap for sure."""

    def handler(_request: Request) -> Response:
        time.sleep(0.1)
        return Response(body, content_type="text/html; charset=utf-8")

    return handler


def serve(server: HTTPServer, feed_name: str, pages: dict[str, str]) -> None:
    server.clear()
    server.no_handler_status_code = 404
    server.expect_request("/rss").respond_with_data(feed(feed_name), content_type=RSS_TYPE)
    paths = link_paths(feed_name)
    for guid, page in pages.items():
        server.expect_request(paths[guid]).respond_with_handler(slow_page(feed(page)))
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.json"))


def test_overlapping_watch_runs_never_double_a_row_or_a_change(
    project: Paths, threaded_server, tmp_path
):
    server = threaded_server
    base_env = {**os.environ, **project_env(project)}
    sources = ["watch", "--source", f"regjeringen={server.url_for('/rss')}",
               "--source", f"stortinget={server.url_for('/st')}"]  # fmt: skip
    for round_ in range(WATCH_ROUNDS):
        env = {**base_env, "STEMME_DB": str(tmp_path / f"runde-{round_}.sqlite3")}
        serve(server, "regjeringen-horinger.rss", PAGES)
        first = run_together(WATCH, [sources] * WATCH_PROCESSES, tmp_path / f"a{round_}", env)
        serve(
            server, "regjeringen-horinger-page2.rss", {**PAGES, "3181177": "horing-3181177-v2.html"}
        )
        second = run_together(WATCH, [sources] * WATCH_PROCESSES, tmp_path / f"b{round_}", env)
        for code, _out, err in first + second:
            assert "Traceback" not in err and code == 0, err

        conn = open_db(Path(env["STEMME_DB"]))
        counts = dict(conn.execute("SELECT kind, COUNT(*) FROM consultation_history GROUP BY kind"))
        assert conn.execute("SELECT COUNT(*) FROM consultations").fetchone()[0] == 21
        assert counts == {"ny": 21, "endret": 3}
        changed = conn.execute(
            "SELECT field FROM consultation_history h JOIN consultations c "
            "ON c.pk = h.consultation WHERE h.kind = 'endret' AND c.key = '3181177' "
            "ORDER BY field"
        ).fetchall()
        assert [r[0] for r in changed] == ["deadline", "summary", "title"]
        conn.close()


def test_overlapping_runs_report_each_followed_step_once(project: Paths, threaded_server, tmp_path):
    """Two `stemme watch` at once over a followed matter: every step is stored once and
    reported by exactly one of the runs."""
    import json
    import re

    from generator.cli import main
    from generator.watch.follow import store as follow_store
    from tests.project import FIXTURES

    follow = FIXTURES / "follow"
    server = threaded_server
    routes = {
        "/rss": feed("regjeringen-horinger.rss"),
        "/st": (follow / "horinger-2026-2027.xml").read_bytes(),
        "/p.rss": (follow / "proposisjoner.rss").read_bytes(),
        "/s.rss": (follow / "statsrad-12-mars.rss").read_bytes(),
        "/e/saker?sesjonid=2026-2027": (follow / "saker-2026-2027-2.xml").read_bytes(),
        "/e/saker?sesjonid=2025-2026": (follow / "saker-2025-2026.xml").read_bytes(),
        "/e/sak?sakid=104512": (follow / "sak-104512-1.xml").read_bytes(),
        "/e/sak?sakid=104513": (follow / "sak-104513-1.xml").read_bytes(),
    }

    def answer(request: Request) -> Response:
        query = request.query_string.decode()
        body = routes.get(request.path + (f"?{query}" if query else ""))
        time.sleep(0.05)  # the runs overlap for sure
        return Response(body or b"", status=200 if body else 404)

    server.expect_request(re.compile("^/.*$")).respond_with_handler(answer)
    text = project.config.read_text(encoding="utf-8")
    text = re.sub(
        r'url = "https://www.regjeringen.no[^"]*"', f'url = "{server.url_for("/rss")}"', text
    )
    text = text.replace("https://data.stortinget.no/eksport/horinger", server.url_for("/st"))
    text = text.replace('"https://data.stortinget.no/eksport/"', f'"{server.url_for("/e/")}"')
    text = re.sub(r'propositions = "[^"]*"', f'propositions = "{server.url_for("/p.rss")}"', text)
    text = re.sub(r'statsrad = "[^"]*"', f'statsrad = "{server.url_for("/s.rss")}"', text)
    text = re.sub(r'lovdata = "[^"]*"', f'lovdata = "{server.url_for("/l/")}"', text)
    project.config.write_text(text, encoding="utf-8")
    env = {**os.environ, **project_env(project)}
    matter = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud"
    assert main(["follow", matter, "--prop", "Prop. 23 LS (2026–2027)"]) == 0

    results = run_together(WATCH, [["watch", "--json"]] * 2, tmp_path / "folg", env)
    reported = []
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, err
        reported += [
            (s["matter"], s["kind"], s["text"]) for s in json.loads(out)["follow"]["new_steps"]
        ]
    conn = open_db(Path(env["STEMME_DB"]))
    stored = [(s.matter, s.kind, s.text) for s in follow_store.steps(conn)]
    conn.close()
    assert len(stored) == 6  # prop, 2 × sak, 2 × komite, høring
    assert sorted(reported) == sorted(stored)  # each reported by exactly one run
