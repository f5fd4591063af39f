"""What a deploy sends and deletes, and in which order.

``make_plan`` compares the built site with the manifest at the target *and* with what the
target itself reports (a :class:`Survey`): a file the manifest calls unchanged but that is
missing or different at the target (deleted, defaced) is sent again. The order is what
keeps the live site whole while a deploy runs (and when it stops half-way):

1. new and changed files that are not pages: cards, CSS, JS, fonts, PDFs, header files;
2. pages (``.html``): a new page before every page that links to it (the links are read
   from the pages being sent; pages that link to each other go together), and within
   that, deepest first;
3. feeds, ``sitemap.xml`` and ``robots.txt``, which point at pages;
4. deletions, last: files first, then folders left empty (deepest first); with them the
   temp files a stopped transfer left behind.

Without a manifest (a first deploy, or one lost), files at the target that output/ does
not have are *unknown*: Stemme cannot tell a retracted page from somebody else's file, so
it lists them (``unknown``) and deletes them only when asked (``prune``). Files hosts keep
beside a site (``CNAME``, ``.well-known/``) are never among them.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from generator.deploy.manifest import Manifest
from generator.deploy.site_files import MANIFEST_NAME, SiteFile

ASSETS, PAGES, INDEXES = "ressurser", "sider", "oversikter"
# Files a host or its owner keeps beside the site; never «unknown», never pruned.
HOST_FILES = frozenset({MANIFEST_NAME, "CNAME", ".nojekyll", "_redirects", "netlify.toml"})
_HREF = re.compile(r"""href\s*=\s*["']([^"'#?]*)""", re.IGNORECASE)


def stage(path: str) -> str:
    """Which of the three sending stages a file belongs to."""
    name = PurePosixPath(path).name
    if name.endswith(".html"):
        return PAGES
    if name.endswith(".xml") or name == "robots.txt":
        return INDEXES
    return ASSETS


def is_host_file(path: str) -> bool:
    return path in HOST_FILES or path.startswith(".well-known/")


def _folders(paths: set[str]) -> set[str]:
    return {str(parent) for p in paths for parent in PurePosixPath(p).parents if str(parent) != "."}


@dataclass(frozen=True)
class Survey:
    """What the target itself says it holds (not what the manifest remembers)."""

    present: frozenset[str] = frozenset()  # every file at the target
    damaged: frozenset[str] = frozenset()  # trusted by the manifest, missing/different there
    stale: tuple[str, ...] = ()  # temp files a stopped transfer left


@dataclass(frozen=True)
class Plan:
    send: tuple[str, ...] = ()  # in sending order
    delete: tuple[str, ...] = ()  # files, in deleting order
    delete_folders: tuple[str, ...] = ()  # deepest first; only removed when empty
    new: frozenset[str] = field(default_factory=frozenset)
    unchanged: int = 0
    repair: frozenset[str] = field(default_factory=frozenset)  # sent: damaged at the target
    unknown: tuple[str, ...] = ()  # at the target, not in output/, not known to Stemme
    clean: tuple[str, ...] = ()  # stale temp files, deleted with the deletions
    groups: tuple[tuple[str, ...], ...] = ()  # ``send`` cut into batches

    @property
    def empty(self) -> bool:
        return not (self.send or self.delete or self.clean)

    def batches(self) -> list[list[str]]:
        """``send`` cut into groups that must arrive one after the other."""
        return [list(group) for group in self.groups]


def _link_target(page: str, href: str) -> str | None:
    """The site path a link in ``page`` points at (``/a/`` → ``a/index.html``), if local."""
    href = unquote(href.strip())
    if not href or re.match(r"^[a-z][a-z0-9+.-]*:|^//", href, re.IGNORECASE):
        return None
    base = posixpath.dirname(page)
    path = href[1:] if href.startswith("/") else posixpath.join(base, href)
    path = posixpath.normpath(path) if path else ""
    if path in ("", ".") or href.endswith("/"):
        return posixpath.join("" if path in ("", ".") else path, "index.html")
    return path if posixpath.splitext(path)[1] else f"{path}/index.html"


def _links(root: Path, pages: Iterable[str], new: set[str]) -> dict[str, set[str]]:
    """For each page, the new pages it links to."""
    graph: dict[str, set[str]] = {}
    for page in pages:
        text = (root / page).read_text("utf-8", errors="replace")
        found = {_link_target(page, h) for h in _HREF.findall(text)}
        graph[page] = {t for t in found if t in new and t != page}
    return graph


def _levels(graph: dict[str, set[str]]) -> dict[str, int]:
    """0 for a page linking to no new page; else one more than the pages it links to.

    Pages that link to each other (a cycle: «forrige»/«neste») are one strongly connected
    group (Tarjan, without recursion) and share a level.
    """
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    group_of: dict[str, int] = {}
    groups: list[list[str]] = []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                members = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    group_of[member] = len(groups)
                    members.append(member)
                    if member == node:
                        break
                groups.append(members)
    # Tarjan emits a group after every group it links to: levels in one pass.
    level_of_group: list[int] = []
    for number, members in enumerate(groups):
        below = [
            level_of_group[group_of[t]]
            for m in members
            for t in graph.get(m, ())
            if group_of[t] != number
        ]
        level_of_group.append(1 + max(below) if below else 0)
    return {page: level_of_group[group_of[page]] for page in graph}


def _order(path: str, level: int) -> tuple[int, int, int, str]:
    kind = stage(path)
    if kind == ASSETS:
        return (0, 0, 0, path)
    if kind == PAGES:
        return (1, level, -path.count("/"), path)
    return (2, 0, 0, path)


def _group(paths: list[str], levels: dict[str, int]) -> tuple[tuple[str, ...], ...]:
    groups: list[list[str]] = []
    key: tuple[int, int, int] | None = None
    for path in paths:
        this = _order(path, levels.get(path, 0))[:3]
        if this != key:
            groups.append([])
            key = this
        groups[-1].append(path)
    return tuple(tuple(g) for g in groups)


def make_plan(
    site: dict[str, SiteFile],
    remote: Manifest | None,
    full: bool = False,
    *,
    survey: Survey | None = None,
    prune: bool = False,
    root: Path | None = None,
) -> Plan:
    """Compare the built site with the target's manifest (None: nothing published yet) and
    with what the target reports (``survey``); ``root`` is output/, for the page links."""
    before = remote.files if remote else {}
    survey = survey or Survey()
    changed = [
        p for p, f in site.items() if full or before.get(p) != f.entry or p in survey.damaged
    ]
    new = {p for p in changed if p not in before or p in survey.damaged}
    pages = [p for p in changed if stage(p) == PAGES]
    levels = _levels(_links(root, pages, {p for p in new if stage(p) == PAGES})) if root else {}
    send = sorted(changed, key=lambda p: _order(p, levels.get(p, 0)))
    if remote is None:
        found = survey.present - set(site) - set(survey.stale)
    else:  # listed when the manifest was lost; still there, still not in output/
        found = (set(remote.unknown) & survey.present) - set(site)
    unknown = sorted(p for p in found if not is_host_file(p))
    gone = sorted(set(before) - set(site)) + (unknown if prune else [])
    emptied = _folders(set(gone)) - _folders(set(site))
    return Plan(
        send=tuple(send),
        delete=tuple(gone),
        delete_folders=tuple(sorted(emptied, key=lambda d: (-d.count("/"), d))),
        new=frozenset(p for p in changed if p not in before),
        unchanged=len(site) - len(changed),
        repair=frozenset(
            p for p in changed if p in survey.damaged and before.get(p) == site[p].entry
        ),
        unknown=() if prune else tuple(unknown),
        clean=survey.stale,
        groups=_group(send, levels),
    )
