"""The version of the code a build runs, as one digest.

:func:`code_version` is a sha256 over every file of the ``generator`` package (Python,
templates, stylesheets, translations), the name and version of every installed
distribution (Pelican, Markdown, Jinja, Pillow, Typst, Pagefind, the fonts …) and
the Python version. It is part of every cache key a code change could affect (converted
Markdown, letters) and of the no-change fingerprint, so an upgrade or an edit of Stemme
itself never serves something an older version made. Costs a few milliseconds, once
per process.
"""

from __future__ import annotations

import hashlib
import os
import sys
import sysconfig
from functools import lru_cache
from pathlib import Path

from generator.core.files import file_hash

PACKAGE = Path(__file__).resolve().parent.parent  # generator/


def _package_files() -> list[Path]:
    return sorted(
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def installed_distributions() -> list[str]:
    """``name-version`` of every installed distribution (its metadata folder's name)."""
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    folders.update(p for p in sys.path if p.endswith(("site-packages", "dist-packages")))
    found: set[str] = set()
    for folder in folders:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found.update(n for n in names if n.endswith((".dist-info", ".egg-info")))
    return sorted(found)


@lru_cache(maxsize=1)
def code_version() -> str:
    digest = hashlib.sha256(sys.version.encode() + b"\0")
    for path in _package_files():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        digest.update(file_hash(path).digest())
    for name in installed_distributions():
        digest.update(name.encode() + b"\0")
    return digest.hexdigest()
