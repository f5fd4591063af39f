"""Shared fixtures: a copy of the example project in a temp dir, frozen-time helpers."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.config import Paths, load_config

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures"

# What a copied project needs; generated folders are left behind.
PROJECT_ITEMS = ("stemme.toml", "pelicanconf.py", "publishconf.py", "content", "campaigns", "theme")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A private copy of the example project; STEMME_ROOT and STEMME_DB point into it."""
    dest = tmp_path / "prosjekt"
    dest.mkdir()
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item)
        elif src.is_file():
            shutil.copy2(src, dest / item)
    monkeypatch.setenv("STEMME_ROOT", str(dest))
    monkeypatch.setenv("STEMME_DB", str(dest / "state" / "stemme.sqlite3"))
    return Paths(dest)


@pytest.fixture
def config(project: Paths):
    return load_config(project.config)
