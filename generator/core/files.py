"""Files written whole or not at all, and what a cache records of the files it read.

:func:`write_atomic` writes the bytes to a temporary file beside ``path`` (named with this
process's id, so two builds sharing a cache never write the same temporary file) and
renames it over ``path``: a reader sees the old file or the new one, never half of one,
and a write that fails leaves no temporary file behind.

:func:`file_digest` (hex) and :func:`file_hash` (the hash object) are the one way to hash
a file's bytes.

A cache entry that depends on files found while it was made (the photos a text shows)
records them with :func:`file_digests` and is trusted only while :func:`digests_match`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def file_hash(path: Path) -> hashlib._Hash:
    """sha256 of the file's bytes, read in blocks (``.digest()`` or ``.hexdigest()``)."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256")


def file_digest(path: Path) -> str:
    """sha256 of the file's bytes, in hex."""
    return file_hash(path).hexdigest()


def file_digests(paths: Iterable[Path]) -> list[list[str]]:
    """``[[path, sha256], …]`` for each file once, in order (JSON for a cache entry)."""
    return [[str(p), file_digest(p)] for p in dict.fromkeys(paths)]


def digests_match(recorded: Iterable[tuple[Path, str]]) -> bool:
    """Every recorded file is still there with the same bytes."""
    return all(p.is_file() and file_digest(p) == digest for p, digest in recorded)
