"""The no-change shortcut: when nothing a build reads has changed, nothing is built.

A build's *fingerprint* is a sha256 over

- every file in ``content/``, ``campaigns/`` and ``theme/``, ``stemme.toml``,
  ``pelicanconf.py``, ``publishconf.py`` and the letterhead's logo — by content, so a
  file saved without a change is unchanged;
- the code version (:func:`generator.core.code_version.code_version`: Stemme's own files,
  every installed package, Python);
- the kind of build (public site or preview) and its output folder;

and «today», as far as a page depends on it: pages depend on the date only through the
campaigns (today's day, whether a campaign runs), so what counts is which side of each
campaign date (start, end, every day) today falls on — plus the year, for the facts'
age warnings. The campaign generator leaves those dates in the build
context (:mod:`generator.site.context`).

After a successful build, :func:`remember` stores the fingerprint with what the build
said (pages, warnings, counts), what its search index was made from, and the identity of
the output folder it swapped in, in ``.cache/stemme/bygg/``. The next build loads that
record (:func:`load_record`) and builds nothing when :meth:`Record.matches`: the same
fingerprint, the same side of every campaign date, and the output folder still the one
swapped in (same inode) — a deleted ``output/`` or a deleted cache means a real build.

Files are hashed by content, but a file whose size, mtime, ctime and inode equal what
the record saw (and that is older than the record by more than :data:`SETTLED_NS`)
keeps its recorded hash, as git's index does; editing a file always changes its ctime.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from generator.core import Paths, code_digest, file_digest, walk_files, write_atomic

SETTLED_NS = 2_000_000_000  # a file this much older than the record is not mid-edit
TOP_FILES = ("stemme.toml", "pelicanconf.py", "publishconf.py")
VERSION = 1


@dataclass(frozen=True)
class Fingerprint:
    digest: str
    files: dict[str, list[Any]]  # relative path → [size, mtime_ns, ctime_ns, inode, sha256]
    taken_ns: int


def campaign_dates(campaigns: Any) -> list[date]:
    """Every date on which a page may change by itself: each campaign's start, the day
    after its end, and each of its days and the day after."""
    found: set[date] = set()
    for campaign in campaigns:
        if not campaign.days:
            continue  # an archive entry never «runs»
        found.update({campaign.start, campaign.end + timedelta(days=1)})
        for day in campaign.days:
            found.update({day.date, day.date + timedelta(days=1)})
    return sorted(found)


def _record_path(paths: Paths, dest: Path, publish: bool) -> Path:
    name = hashlib.sha256(str(dest).encode()).hexdigest()[:12]
    return paths.build_records / f"{'publish' if publish else 'preview'}-{name}.json"


def _tracked(paths: Paths) -> Iterator[Path]:
    for folder in (paths.content, paths.campaigns, paths.theme):
        yield from walk_files(folder)  # links to folders are never followed
    yield from (paths.root / name for name in TOP_FILES)
    logo = _logo(paths)
    if logo is not None:
        yield paths.root / logo


def _logo(paths: Paths) -> str | None:
    """organisation.logo from stemme.toml (the letters embed it), if it is set."""
    try:
        data = tomllib.loads(paths.config.read_text(encoding="utf-8"))
        logo = data.get("organisation", {}).get("logo")
    except (OSError, ValueError, AttributeError):
        return None  # the real build explains a broken stemme.toml
    return logo if isinstance(logo, str) else None


def _file_entry(path: Path, known: list[Any] | None, settled_before: int) -> list[Any]:
    try:
        st = path.stat()
    except OSError:
        return [-1, 0, 0, 0, "mangler"]
    seen = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]
    if known is not None and known[:4] == seen and max(seen[1], seen[2]) < settled_before:
        return known
    try:
        sha = file_digest(path)
    except OSError:
        sha = "uleselig"
    return [*seen, sha]


def fingerprint(
    paths: Paths, dest: Path, publish: bool, known: Fingerprint | None = None
) -> Fingerprint:
    """The fingerprint of a build of ``paths`` into ``dest`` (``known``: the last one,
    whose hashes are reused for files that have not been touched since)."""
    taken = time.time_ns()
    settled_before = known.taken_ns - SETTLED_NS if known else 0
    before = known.files if known else {}
    files: dict[str, list[Any]] = {}
    for path in _tracked(paths):
        rel = (
            path.relative_to(paths.root).as_posix()
            if path.is_relative_to(paths.root)
            else str(path)
        )
        files[rel] = _file_entry(path, before.get(rel), settled_before)
    digest = hashlib.sha256(f"{VERSION}\0{code_digest()}\0{publish}\0{dest}\0".encode())
    for rel, entry in files.items():
        digest.update(f"{rel}\0{entry[4]}\n".encode())
    return Fingerprint(digest.hexdigest(), files, taken)


@dataclass(frozen=True)
class Record:
    """What the last successful build of one output folder stored."""

    fingerprint: Fingerprint
    inode: int
    dates: list[date]
    position: int  # how many of ``dates`` were ≤ today
    year: int
    said: dict[str, Any]  # pages, warnings and counts, for the command to repeat
    search: dict[str, str]  # what its search index was made from (generator.site.search)

    def matches(self, now: Fingerprint, dest: Path, today: date) -> bool:
        try:
            inode = dest.stat().st_ino
        except OSError:
            return False
        return (
            now.digest == self.fingerprint.digest
            and inode == self.inode
            and bisect.bisect_right(self.dates, today) == self.position
            and today.year == self.year
        )


def load_record(paths: Paths, dest: Path, publish: bool) -> Record | None:
    try:
        data = json.loads(_record_path(paths, dest, publish).read_text(encoding="utf-8"))
        if data["version"] != VERSION:
            return None
        return Record(
            Fingerprint(data["digest"], data["files"], int(data["taken_ns"])),
            int(data["inode"]),
            [date.fromisoformat(d) for d in data["dates"]],
            int(data["position"]),
            int(data["year"]),
            dict(data["said"]),
            dict(data.get("search") or {}),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def remember(
    paths: Paths,
    dest: Path,
    publish: bool,
    taken: Fingerprint,
    today: date,
    dates: list[date],
    said: dict[str, Any],
    search: dict[str, str] | None = None,
) -> None:
    """Store the record of a build that just swapped ``dest`` in (atomically)."""
    record = {
        "version": VERSION,
        "digest": taken.digest,
        "files": taken.files,
        "taken_ns": taken.taken_ns,
        "inode": dest.stat().st_ino,
        "dates": [d.isoformat() for d in dates],
        "position": bisect.bisect_right(dates, today),
        "year": today.year,
        "said": said,
        "search": search or {},
    }
    path = _record_path(paths, dest, publish)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(record, ensure_ascii=False).encode("utf-8"))
