"""Search: a Pagefind index of the built site, made inside the atomic build.

When the settings ask for it (``SEARCH_INDEX = True`` in publishconf.py), Pagefind (the
binary the PyPI package ``pagefind[bin]`` ships) indexes the finished pages into
``pagefind/`` before the build is swapped into place; a failure fails the build.

Only ``<main data-pagefind-body>`` is indexed (never the header, menus, footer or forms).
Each published language has its own index, so results come from the visitor's language:
the default language's pages into ``pagefind/``, ``/en/…`` into ``pagefind-en/`` and so
on (:func:`bundles`); help-only languages search the default language's index. Each
index is built with ``--force-language``: the pages say ``lang="nb"`` or ``"nn"``, but
Pagefind's Norwegian stemmer is keyed ``no`` (a ``nb`` index gets no stemming at all).
A page tells search.js which index is its own in ``<html data-search-index>`` (absent:
``/pagefind/``).

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
# Pagefind's stemmer for a language code of ours, where the codes differ.
STEMMER = {"nb": LANGUAGE, "nn": LANGUAGE}
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


def bundle_name(lang: str, default: str) -> str:
    return BUNDLE if lang == default else f"{BUNDLE}-{lang}"


def bundles(
    site: Path, default: str = "nb", published: tuple[str, ...] = ()
) -> list[tuple[str, str, str]]:
    """(bundle folder, Pagefind language, glob of the pages) for each index: the default
    language's pages are everything outside the other languages' folders."""
    others = set(published) | {p.name for p in site.iterdir() if _is_language_folder(p)}
    own = []
    for entry in sorted(site.iterdir()):
        name = entry.name
        if name in others or name == "theme" or name.startswith(BUNDLE):
            continue
        if entry.is_dir():
            own.append(f"{name}/**/*.html")
        elif name.endswith(".html"):
            own.append(name)
    found = [(BUNDLE, STEMMER.get(default, default), "{" + ",".join(own) + "}")]
    for lang in published:
        if (site / lang).is_dir():
            found.append((bundle_name(lang, default), STEMMER.get(lang, lang), f"{lang}/**/*.html"))
    return found


def _is_language_folder(folder: Path) -> bool:
    """/ar/, /so/: a folder named like a language code whose front page or pages say so."""
    if not folder.is_dir() or not (2 <= len(folder.name) <= 3) or not folder.name.isalpha():
        return False
    for page in folder.glob("*/index.html"):
        head = page.read_text(encoding="utf-8", errors="replace")[:300]
        return f'<html lang="{folder.name}"' in head
    return False


def pagefind_command(
    site: Path, bundle: str = BUNDLE, language: str = LANGUAGE, glob: str | None = None
) -> list[str]:
    from pagefind_bin import get_executable

    command = [
        str(get_executable()),
        "--site", str(site),
        "--output-subdir", bundle,
        "--force-language", language,
        "--silent",
    ]  # fmt: skip
    if glob:
        command += ["--glob", glob]
    return command


def build_indexes(site: Path, default: str, published: tuple[str, ...]) -> list[Path]:
    return [
        build_index(site, bundle, language, glob)
        for bundle, language, glob in bundles(site, default, published)
    ]


def build_index(
    site: Path, bundle_dir: str = BUNDLE, language: str = LANGUAGE, glob: str | None = None
) -> Path:
    """Index ``site`` into ``site/<bundle_dir>``; raise RuntimeError (Norwegian) on failure."""
    try:
        command = pagefind_command(site, bundle_dir, language, glob)
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
    bundle = site / bundle_dir
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    return bundle


def pages_digest(site: Path) -> str:
    """sha256 over every HTML page of ``site`` (path and bytes) — what Pagefind reads."""
    digest = hashlib.sha256()
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if not rel.startswith(BUNDLE):
            digest.update(rel.encode() + b"\0" + file_hash(page).digest())
    return digest.hexdigest()


def reuse_index(previous: dict[str, str], state: dict[str, str], site: Path) -> bool:
    """Link the last build's indexes into ``site`` when they indexed exactly these pages."""
    old = Path(previous.get("output", ""))
    same = all(previous.get(k) == v for k, v in state.items())
    if not (same and previous.get("output") and (old / BUNDLE).is_dir()):
        return False
    for bundle in sorted(old.glob(f"{BUNDLE}*")):
        for folder, _dirs, files in os.walk(bundle):
            target = site / bundle.name / Path(folder).relative_to(bundle)
            target.mkdir(parents=True, exist_ok=True)
            for name in files:
                link_or_copy(Path(folder, name), target / name)
    return True
