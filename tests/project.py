"""The example project, copied into a temp dir for tests that build or change it.

Every test area uses this one copy routine, so a new top-level item the build needs is
added in one place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from generator.core.config import Paths

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"  # the repository never reads a path outside its root
FEEDS = FIXTURES / "feeds"

# What a copied project needs; generated folders are left behind.
PROJECT_ITEMS = ("stemme.toml", "pelicanconf.py", "publishconf.py", "content", "campaigns", "theme")


def copy_project(dest: Path, *, reuse_cards: bool = False) -> Paths:
    """Copy the example project to ``dest`` (created); optionally reuse rendered cards."""
    dest.mkdir(parents=True, exist_ok=True)
    for item in PROJECT_ITEMS:
        src = ROOT / item
        if src.is_dir():
            shutil.copytree(src, dest / item)
        elif src.is_file():
            shutil.copy2(src, dest / item)
    cache = ROOT / ".cache" / "stemme"
    if reuse_cards and cache.is_dir():  # the build re-renders only what changed
        shutil.copytree(cache, dest / ".cache" / "stemme")
    return Paths(dest)


def project_env(paths: Paths) -> dict[str, str]:
    """Environment that points Stemme at a copied project and its own state DB."""
    return {
        "STEMME_ROOT": str(paths.root),
        "STEMME_DB": str(paths.root / "state" / "stemme.sqlite3"),
    }
