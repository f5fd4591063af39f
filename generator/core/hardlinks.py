"""Put a cached file into a site being built: a hard link, or a copy where links can't go.

Cards, letters, photos, fonts and the campaign kit are made once into ``.cache/stemme/``
and only *placed* in each build's fresh temp folder. A hard link is the same bytes
without reading or writing them; the cache never changes a file in place (it writes a new
file and renames it over the old), so a link in ``output/`` can never change under a
site that is live. Where a link is impossible (the cache on another file system, a file
system without hard links) the file is copied.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def link_or_copy(source: Path, dest: Path) -> None:
    """Make ``dest`` hold the bytes of ``source``. An existing ``dest`` is removed first,
    never written into (it may itself be a link to a cached file)."""
    dest.unlink(missing_ok=True)
    try:
        os.link(source, dest)
    except OSError:  # another file system, or none with hard links
        shutil.copyfile(source, dest)
