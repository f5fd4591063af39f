"""The built site as a set of files: path, content hash, and the headers each is served with."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from generator.core import cache_control, content_type, file_digest
from generator.deploy.manifest import MANIFEST_NAME


@dataclass(frozen=True)
class SiteFile:
    """One file of output/, by its path from the site root (``kort/x/y.png``)."""

    path: str
    sha256: str
    size: int

    @property
    def content_type(self) -> str:
        return content_type(self.path)

    @property
    def cache_control(self) -> str:
        return cache_control(self.path)

    @property
    def entry(self) -> dict[str, str]:
        """What the manifest at the target remembers: content and headers."""
        return {"sha256": self.sha256, "type": self.content_type, "cache": self.cache_control}


def scan_site(root: Path) -> dict[str, SiteFile]:
    """Every regular file under ``root`` (hidden ones too: ``.htaccess``), sorted by path."""
    found: dict[str, SiteFile] = {}
    for folder, dirs, names in os.walk(root):
        dirs.sort()
        for name in sorted(names):
            full = Path(folder) / name
            if full.is_symlink() or not full.is_file():
                continue
            rel = full.relative_to(root).as_posix()
            if rel == MANIFEST_NAME:
                continue
            found[rel] = SiteFile(rel, file_digest(full), full.stat().st_size)
    return dict(sorted(found.items()))
