"""A git host without a host: a real bare repository, and each scheduled run in its own clone.

``Run`` is one scheduled job on one runner: a fresh clone of the bare repository, a fresh
state DB, the real :class:`StateSync` — exactly what a CI runner starts with.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import date
from itertools import count
from pathlib import Path

import pytest
from PIL import Image

from generator.core.state import open_db
from generator.hosted.branch import StateBranch
from generator.hosted.sync import StateSync, SyncedLedger
from generator.social.plan import CardRef, build_plan
from tests.social.helpers import ALT, SECRETS, FakeCampaign, FakeDay

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@localhost",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@localhost",
}


def git(*args: str, cwd: Path) -> str:
    import os

    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, env={**os.environ, **GIT_ENV}
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def host(tmp_path: Path) -> Path:
    """The «git host»: a bare repository with one commit on main (as after a fresh setup)."""
    bare = tmp_path / "vert.git"
    git("init", "--quiet", "--bare", "--initial-branch=main", str(bare), cwd=tmp_path)
    seed = tmp_path / "seed"
    git("init", "--quiet", "--initial-branch=main", str(seed), cwd=tmp_path)
    (seed / "README.md").write_text("Kampanjen\n", encoding="utf-8")
    git("add", "README.md", cwd=seed)
    git("commit", "--quiet", "-m", "Første", cwd=seed)
    git("push", "--quiet", str(bare), "main", cwd=seed)
    return bare


@dataclass
class Run:
    """One scheduled run: its own clone and its own (initially empty) state DB."""

    clone: Path
    sync: StateSync

    @property
    def ledger(self) -> SyncedLedger:
        return SyncedLedger(self.sync)

    def close(self) -> None:
        self.sync.conn.close()


@pytest.fixture
def runner(host: Path, tmp_path: Path):
    numbers = count(1)
    runs: list[Run] = []

    def start() -> Run:
        clone = tmp_path / f"kjøring-{next(numbers)}"
        git("clone", "--quiet", str(host), str(clone), cwd=tmp_path)
        conn = open_db(clone / "state" / "stemme.sqlite3")
        run = Run(clone, StateSync(StateBranch(clone), conn))
        runs.append(run)
        return run

    yield start
    for run in runs:
        run.close()


def branch_file(host: Path, table: str) -> list[str]:
    """The lines of a table's file on the branch, as the host holds it."""
    shown = subprocess.run(
        ["git", "--git-dir", str(host), "show", f"stemme-state:tabeller/{table}.ndjson"],
        capture_output=True,
        text=True,
    )
    return shown.stdout.splitlines() if shown.returncode == 0 else []


@pytest.fixture
def plan_items(tmp_path: Path, config):
    card = tmp_path / "kort" / "partnerdrap-andel-kvadrat.png"
    card.parent.mkdir(parents=True)
    Image.new("RGB", (108, 108), "#5B2A86").save(card)
    campaign = FakeCampaign(
        days=[FakeDay(date(2026, 11, 25), "partnerdrap-andel", "Én av fire drap. #TaushetTarLiv")]
    )

    def lookup(fact_id: str) -> CardRef | None:
        return CardRef(card, ALT, "abc") if fact_id == "partnerdrap-andel" else None

    return build_plan(campaign, config, lookup)


@pytest.fixture
def credentials():
    from generator.social.channel import Credentials

    return Credentials(dict(SECRETS))


@pytest.fixture
def server(httpserver):
    """The watcher's feed server (as in tests/watch)."""
    httpserver.no_handler_status_code = 404
    return httpserver


@pytest.fixture
def rule():
    from generator.core.config import load_config
    from generator.watch.relevance import RelevanceRule
    from tests.project import ROOT

    watch = load_config(ROOT / "stemme.toml").watch
    return RelevanceRule(watch.terms, watch.threshold)


@pytest.fixture(scope="session")
def rendered_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example campaign's cards, rendered once per session (as tests/social does)."""
    from generator.core.config import load_config
    from generator.social.plan import load_plan
    from tests.project import copy_project

    paths = copy_project(tmp_path_factory.mktemp("kort-prosjekt"))
    load_plan(paths, load_config(paths.config), "taushet-tar-liv-2026")
    return paths.cards
