"""Search: a Pagefind index of the built site, made inside the atomic build.

When the settings ask for it (``SEARCH_INDEX = True`` in publishconf.py), Pagefind (the
binary the PyPI package ``pagefind[bin]`` ships) indexes the finished pages into
``pagefind/`` before the build is swapped into place; a failure fails the build.

Only ``<main data-pagefind-body>`` is indexed (never the header, menus, footer or forms).
The site says ``lang="nb"``, but Pagefind's Norwegian stemmer is keyed ``no`` (a ``nb``
index gets no stemming at all), so the index is built with ``--force-language no``: one
index for the whole site, which the browser picks whatever the page's language code is.

The browser side is ``theme/static/js/search.js``: it loads ``pagefind/pagefind.js`` only
when someone searches, and never puts the query in the address or the history.

An index is a function of the HTML pages (and of the code and Pagefind's version): when
every page of this build is byte for byte what the last build indexed
(:func:`pages_digest`, the build context holds the last state),
the last index is hard-linked into the new site instead of being made again.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from pathlib import Path

from generator.core import file_hash, link_or_copy

BUNDLE = "pagefind"
LANGUAGE = "no"  # Pagefind's code for its Norwegian (bokmål) Snowball stemmer
TIMEOUT = 300
# Pagefind writes its own search UIs too; the site uses only the JS API (pagefind.js).
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "wasm.unknown.pagefind",  # the index is forced to Norwegian
)


def pagefind_command(site: Path) -> list[str]:
    from pagefind_bin import get_executable

    return [
        str(get_executable()),
        "--site", str(site),
        "--output-subdir", BUNDLE,
        "--force-language", LANGUAGE,
        "--silent",
    ]  # fmt: skip


def build_index(site: Path) -> Path:
    """Index ``site`` into ``site/pagefind``; raise RuntimeError (Norwegian) on failure."""
    try:
        command = pagefind_command(site)
    except (ImportError, FileNotFoundError):
        raise RuntimeError(
            "Fant ikke søkeprogrammet Pagefind. Kjør «make venv» (det installerer "
            "pagefind[bin]) og bygg på nytt."
        ) from None
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"Søkeindeksen kunne ikke lages: {exc}.") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip()[-500:]
        raise RuntimeError(f"Søkeindeksen kunne ikke lages (Pagefind: {detail}).")
    bundle = site / BUNDLE
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return bundle


def pages_digest(site: Path) -> str:
    """sha256 over every HTML page of ``site`` (path and bytes) — what Pagefind reads."""
    digest = hashlib.sha256()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if not rel.startswith(f"{BUNDLE}/"):
            digest.update(rel.encode() + b"\0" + file_hash(page).digest())
    return digest.hexdigest()


def reuse_index(previous: dict[str, str], state: dict[str, str], site: Path) -> bool:
    """Link the last build's index into ``site`` when it indexed exactly these pages."""
    bundle = Path(previous.get("output", "")) / BUNDLE
    same = all(previous.get(k) == v for k, v in state.items())
    if not (same and previous.get("output") and bundle.is_dir()):
        return False
    for folder, _dirs, files in os.walk(bundle):
        target = site / BUNDLE / Path(folder).relative_to(bundle)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            link_or_copy(Path(folder, name), target / name)
    return True
