"""The Stemme project a Pelican build belongs to, from the build's settings.

Every plugin and generator asks here, so the project root and its settings are found
one way: ``STEMME_ROOT`` (set by ``stemme build``), else the parent of Pelican's PATH;
the config is the one pelicanconf.py already loaded (``STEMME``), else stemme.toml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.core.config import Config, Paths, load_config


def project_paths(settings: dict[str, Any]) -> Paths:
    root = settings.get("STEMME_ROOT") or Path(settings["PATH"]).resolve().parent
    return Paths(Path(root))


def project_config(settings: dict[str, Any]) -> Config:
    config = settings.get("STEMME")
    return config if isinstance(config, Config) else load_config(project_paths(settings).config)
