"""Handbook fixtures: a state DB filled by the real watcher from the feed fixtures in
tests/fixtures/feeds, and a real ``mkdocs build --strict`` of the handbook.

``watched`` runs ``stemme watch`` twice against a local pytest-httpserver serving
tests/fixtures/feeds (regjeringen poll 1 + Stortinget, then regjeringen poll 2 with
the extended deadline), then adds through the store API what no fixture feed carries:
a hostile consultation (script tag and onerror in the title, a javascript: link) and one
answered by the example draft in content/hoeringssvar/. "Today" is frozen with
STEMME_TODAY for the build.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from generator.core.config import Paths
from tests.handbook.helpers import TODAY, Built, build_handbook, fill_from_fixtures
from tests.project import copy_project, project_env


@pytest.fixture
def watched(project: Paths, httpserver: HTTPServer) -> Paths:
    """The project copy with a state DB filled by two real `stemme watch` runs."""
    return fill_from_fixtures(project, httpserver)


@pytest.fixture(scope="module")
def watched_site(tmp_path_factory: pytest.TempPathFactory, make_httpserver: HTTPServer):
    """One watched project, built once per module (for the read-only checks of the pages)."""
    project = copy_project(tmp_path_factory.mktemp("handbok") / "prosjekt")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in project_env(project).items():
            patch.setenv(name, value)
        fill_from_fixtures(project, make_httpserver)
    make_httpserver.clear()
    built = build_handbook(project, project.root.parent / "site")
    assert built.returncode == 0, built.stderr
    return built


@pytest.fixture
def build(tmp_path: Path):
    def run(project: Paths, today: date | str = TODAY) -> Built:
        built = build_handbook(project, tmp_path / "handbok", today)
        return built

    return run
