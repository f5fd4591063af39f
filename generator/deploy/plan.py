"""What a deploy sends and deletes, and in which order.

``make_plan`` compares the built site with the manifest at the target. The order is what
keeps the live site whole while a deploy runs (and when it stops half-way):

1. new and changed files that are not pages: cards, CSS, JS, fonts, PDFs, header files;
2. pages (``.html``), deepest first, so a listing never links to a page not yet there;
3. feeds, ``sitemap.xml`` and ``robots.txt``, which point at pages;
4. deletions, last: files first, then folders left empty (deepest first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from generator.deploy.files import SiteFile
from generator.deploy.manifest import Manifest

ASSETS, PAGES, INDEXES = "ressurser", "sider", "oversikter"


def stage(path: str) -> str:
    """Which of the three sending stages a file belongs to."""
    name = PurePosixPath(path).name
    if name.endswith(".html"):
        return PAGES
    if name.endswith(".xml") or name == "robots.txt":
        return INDEXES
    return ASSETS


def _folders(paths: set[str]) -> set[str]:
    return {str(parent) for p in paths for parent in PurePosixPath(p).parents if str(parent) != "."}


@dataclass(frozen=True)
class Plan:
    send: tuple[str, ...] = ()  # in sending order
    delete: tuple[str, ...] = ()  # files, in deleting order
    delete_folders: tuple[str, ...] = ()  # deepest first; only removed when empty
    new: frozenset[str] = field(default_factory=frozenset)
    unchanged: int = 0

    @property
    def empty(self) -> bool:
        return not (self.send or self.delete)

    def batches(self) -> list[list[str]]:
        """``send`` cut into groups that must arrive one after the other (pages by depth)."""
        groups: list[list[str]] = []
        key: tuple[str, int] | None = None
        for path in self.send:
            this = (stage(path), path.count("/") if stage(path) == PAGES else 0)
            if this != key:
                groups.append([])
                key = this
            groups[-1].append(path)
        return groups


def _order(path: str) -> tuple[int, int, str]:
    kind = stage(path)
    if kind == ASSETS:
        return (0, 0, path)
    if kind == PAGES:
        return (1, -path.count("/"), path)
    return (2, 0, path)


def make_plan(site: dict[str, SiteFile], remote: Manifest | None, full: bool = False) -> Plan:
    """Compare the built site with the target's manifest (None: nothing published yet)."""
    before = remote.files if remote else {}
    changed = [p for p, f in site.items() if full or before.get(p) != f.entry]
    gone = sorted(set(before) - set(site))
    emptied = _folders(set(gone)) - _folders(set(site))
    return Plan(
        send=tuple(sorted(changed, key=_order)),
        delete=tuple(gone),
        delete_folders=tuple(sorted(emptied, key=lambda d: (-d.count("/"), d))),
        new=frozenset(p for p in changed if p not in before),
        unchanged=len(site) - len(changed),
    )
