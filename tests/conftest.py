"""Shared fixtures: a copy of the example project in a temp dir, frozen-time helpers."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.config import Paths, load_config
from tests.project import copy_project, project_env


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A private copy of the example project; STEMME_ROOT and STEMME_DB point into it."""
    paths = copy_project(tmp_path / "prosjekt")
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    return paths


@pytest.fixture
def config(project: Paths):
    return load_config(project.config)
