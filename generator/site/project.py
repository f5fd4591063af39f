"""The Stemme project a Pelican build belongs to, from the build's settings.

Every plugin and generator asks here, so the project root and its settings are found
one way: ``STEMME_ROOT`` (set by ``stemme build``), else the parent of Pelican's PATH;
the config is the one pelicanconf.py already loaded (``STEMME``), else stemme.toml.
Plugins add what they made and reused to the build's counts with :func:`count`.
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


COUNTS = "STEMME_COUNTS"  # settings key: what this build made and what it reused
SECONDS = "STEMME_SECONDS"  # settings key: how long that took


def count(
    settings: dict[str, Any], what: str, made: int, reused: int, seconds: float = 0.0
) -> None:
    """Add to this build's counts: ``what`` («kort», «brev», «tekster») made anew, and
    taken unchanged from the cache, in ``seconds``. :func:`generator.site.build.build_site`
    returns them."""
    counts = settings.setdefault(COUNTS, {})
    before = counts.get(what, (0, 0))
    counts[what] = (before[0] + made, before[1] + reused)
    times = settings.setdefault(SECONDS, {})
    times[what] = times.get(what, 0.0) + seconds
