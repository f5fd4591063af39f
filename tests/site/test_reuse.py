"""What a build takes from the cache is placed, not copied; what it reads is content, not
the disk's clock.

Cards, letters and web fonts in output/ are hard links to the cache (same bytes, no
copy); where links cannot go, they are copied. The search index of pages that did not
change is the last one, linked. Feeds get their dates from the front matter, so a fresh
clone (every file with a new mtime) builds the same feeds.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.core.config import Paths
from generator.core.hardlinks import link_or_copy
from generator.site.build import build_site

DAY = date(2026, 11, 26)


def _same_file(a: Path, b: Path) -> bool:
    return a.stat().st_ino == b.stat().st_ino


def test_cards_letters_and_fonts_are_hard_links_to_the_cache(project: Paths) -> None:
    result = build_site(project, publish=True, today=DAY)
    card = project.output / "kort" / "partnerdrap-andel-og.png"
    assert _same_file(card, project.cache / "kort" / card.name)
    letter = result.letters.files[0]
    placed = next((project.output / "hoeringssvar").rglob(f"{letter.slug}.pdf"))
    assert _same_file(placed, letter.path)
    fonts = sorted((project.cache / "fonts").glob("Lato-Regular-*.woff2"))  # and lato-ext
    placed_font = project.output / "theme" / "fonts" / "lato-400.woff2"
    assert any(_same_file(placed_font, font) for font in fonts)
    assert oct(card.stat().st_mode & 0o777) == "0o644"


def test_a_file_is_copied_where_a_link_cannot_go(tmp_path: Path, monkeypatch) -> None:
    source, dest = tmp_path / "kilde.png", tmp_path / "kopi.png"
    source.write_bytes(b"kort")
    os.link(source, dest)  # an earlier link: replaced, never written into

    def other_device(*_args: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", other_device)
    source_bytes = source.read_bytes()
    link_or_copy(source, dest)
    assert dest.read_bytes() == source_bytes and not _same_file(source, dest)
    dest.write_bytes(b"endret")
    assert source.read_bytes() == source_bytes


def test_the_search_index_is_made_again_only_when_a_page_changed(project: Paths) -> None:
    build_site(project, publish=True, today=DAY)
    entry = project.output / "pagefind" / "pagefind-entry.json"
    first = entry.stat().st_ino
    stylesheet = project.theme / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert not build_site(project, publish=True, today=DAY).unchanged
    assert entry.stat().st_ino == first  # no page changed: the same index, linked
    page = project.pages / "om-oss.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEn ny setning.\n", encoding="utf-8")
    build_site(project, publish=True, today=DAY)
    assert entry.stat().st_ino != first  # made again by Pagefind


@pytest.mark.parametrize("mtime", [1e9, 2e9])  # 2001 and 2033: never in the feeds
def test_feeds_take_their_dates_from_the_content(project: Paths, mtime: float) -> None:
    for path in project.content.rglob("*.md"):
        os.utime(path, (mtime, mtime))
    build_site(project, publish=True, today=DAY)
    for feed in (project.output / "feeds").glob("*.atom.xml"):
        stamps = re.findall(r"<(?:updated|published)>([^<]+)<", feed.read_text(encoding="utf-8"))
        assert stamps and not any(s.startswith(("2001", "2033")) for s in stamps)


def test_a_fresh_clone_builds_the_same_feeds(project: Paths, tmp_path: Path) -> None:
    build_site(project, publish=True, today=DAY)
    before = {p.name: p.read_bytes() for p in (project.output / "feeds").iterdir()}
    clone = Paths(tmp_path / "klone")
    shutil.copytree(project.root, clone.root, ignore=shutil.ignore_patterns("output", ".cache"))
    for path in clone.content.rglob("*"):
        os.utime(path, (2e9, 2e9))
    build_site(clone, publish=True, today=DAY)
    assert {p.name: p.read_bytes() for p in (clone.output / "feeds").iterdir()} == before
