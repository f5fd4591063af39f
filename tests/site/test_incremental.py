"""Builds that reuse what the last one made give byte for byte the site a cold build gives.

A cold build (no output/, no .cache/) is the reference. Then: a build with nothing changed
takes the shortcut (nothing read, built or written); a build after one response was edited
converts one text and renders one letter (its own) and no card; the cold build of that
same input gives the same bytes and modes for every file; reverting the edit gives the
first site back. An edit no letter depends on (the topics) renders no letter at all.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

from generator.core.config import Paths
from generator.site.build import BuildResult, build_site
from tests.project import ROOT

DAY = date(2026, 11, 26)  # inside the 2026 campaign
RESPONSE = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud.md"  # status: sendt
PARAGRAPH = "Krisesentersekretariatet takker for anledningen til å uttale seg."

# Every text a publish build converts: the example's Markdown in content/ (drafts are not
# published) and the campaign's sections, translations included.
TEXTS = 34


def snapshot(site: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every file's bytes and every file's and folder's mode, by path."""
    found: dict[str, tuple[bytes | None, int]] = {".": (None, stat.S_IMODE(site.stat().st_mode))}
    for path in sorted(site.rglob("*")):
        data = path.read_bytes() if path.is_file() else None
        found[path.relative_to(site).as_posix()] = (data, stat.S_IMODE(path.stat().st_mode))
    return found


def differences(a: dict, b: dict) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def cold(project: Paths, day: date = DAY) -> BuildResult:
    shutil.rmtree(project.output, ignore_errors=True)
    shutil.rmtree(project.cache, ignore_errors=True)
    return build_site(project, publish=True, today=day)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def made(result: BuildResult) -> dict[str, int]:
    return {what: result.made(what) for what in ("tekster", "kort", "brev")}


def test_incremental_builds_give_the_cold_build_byte_for_byte(project: Paths) -> None:
    first = cold(project)
    assert made(first) == {"tekster": TEXTS, "kort": first.counts["kort"][0], "brev": 2}
    assert first.counts["kort"][0] > 0 and first.counts["kort"][1] == 0
    reference = snapshot(project.output)

    again = build_site(project, publish=True, today=DAY)
    assert again.unchanged and made(again) == {"tekster": 0, "kort": 0, "brev": 0}
    assert again.pages == first.pages and again.warnings == first.warnings
    assert differences(snapshot(project.output), reference) == []

    response = project.responses / RESPONSE
    original = response.read_text(encoding="utf-8")
    edit(response, PARAGRAPH, PARAGRAPH + " Svaret er oppdatert.")
    one = build_site(project, publish=True, today=DAY)
    assert not one.unchanged
    assert made(one) == {"tekster": 1, "kort": 0, "brev": 1}  # its text and its own letter
    incremental = snapshot(project.output)
    assert differences(incremental, reference)  # the page, its letter, the search index …

    fresh = cold(project)
    assert made(fresh)["brev"] == 2
    assert differences(snapshot(project.output), incremental) == []

    response.write_text(original, encoding="utf-8")
    back = build_site(project, publish=True, today=DAY)
    assert made(back) == {"tekster": 1, "kort": 0, "brev": 1}  # the cold build emptied the cache
    assert differences(snapshot(project.output), reference) == []


def test_an_edit_no_letter_depends_on_renders_no_letter_and_no_card(project: Paths) -> None:
    cold(project)
    topics = "topics: [omvendt voldsalarm,"
    edit(project.responses / RESPONSE, topics, topics.replace("[", "[barn, "))
    after = build_site(project, publish=True, today=DAY)
    assert not after.unchanged
    assert made(after) == {"tekster": 0, "kort": 0, "brev": 0}
    assert (
        (project.output / "tema" / "barn" / "index.html")
        .read_text(encoding="utf-8")
        .count("omvendt voldsalarm")
    )


def test_the_shortcut_needs_the_same_output_folder_and_cache(project: Paths) -> None:
    cold(project)
    shutil.rmtree(project.output)
    assert not build_site(project, publish=True, today=DAY).unchanged
    shutil.rmtree(project.cache)
    assert not build_site(project, publish=True, today=DAY).unchanged
    assert build_site(project, publish=True, today=DAY).unchanged


def test_a_file_saved_unchanged_is_no_change_but_any_edit_is(project: Paths) -> None:
    cold(project)
    page = project.pages / "om-oss.md"
    os.utime(page, (1e9, 1e9))  # touched, same bytes
    assert build_site(project, publish=True, today=DAY).unchanged
    stylesheet = project.theme / "static" / "css" / "site.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    rebuilt = build_site(project, publish=True, today=DAY)
    assert not rebuilt.unchanged and made(rebuilt) == {"tekster": 0, "kort": 0, "brev": 0}


def test_today_counts_only_where_a_page_depends_on_it(project: Paths) -> None:
    cold(project, DAY)
    assert build_site(project, publish=True, today=DAY).unchanged
    # The next campaign day: the front page and the day lists change.
    assert not build_site(project, publish=True, today=date(2026, 11, 27)).unchanged
    # Long after the campaign: no page depends on which day it is …
    assert not build_site(project, publish=True, today=date(2027, 3, 1)).unchanged
    assert build_site(project, publish=True, today=date(2027, 9, 30)).unchanged
    # … but the year does (the facts' age warnings).
    assert not build_site(project, publish=True, today=date(2028, 1, 3)).unchanged


def test_the_preview_has_its_own_shortcut(project: Paths) -> None:
    first = build_site(project, today=DAY)
    again = build_site(project, today=DAY)
    assert not first.unchanged and again.unchanged
    assert again.output == project.preview.resolve()
    assert not build_site(project, publish=True, today=DAY).unchanged  # output/ is another


def test_the_command_says_nothing_changed_and_repeats_the_warnings(project, capsys) -> None:
    from generator.cli import main

    assert main(["build", "--publish", "--dato", "2026-11-26"]) == 0
    first = capsys.readouterr()
    assert "Brev (PDF): 2 laget, 0 uendret" in first.out and "Ferdig:" in first.out
    assert main(["build", "--publish", "--dato", "2026-11-26"]) == 0
    second = capsys.readouterr()
    assert second.out == "Ingen endringer siden forrige bygg – output/ er uendret.\n"
    assert second.err == first.err and "Advarsel:" in second.err


def converted_ahead_and_one_by_one(root: str) -> None:
    """Cold builds with texts converted ahead in forked workers and one by one: the same
    site. Run in a fresh process: workers are forked only where no other thread runs."""
    from generator.core.workers import can_fork
    from generator.site import conversion

    assert can_fork()
    project = Paths(Path(root))
    conversion.AHEAD_FROM = 10**6  # the reader converts each text
    one_by_one = made(cold(project))
    serial = snapshot(project.output)
    conversion.AHEAD_FROM = 1
    ahead = made(cold(project))
    assert ahead == one_by_one and ahead["tekster"] == TEXTS
    assert differences(snapshot(project.output), serial) == []
    print("samme nettsted")


def test_texts_converted_ahead_on_every_core_give_the_same_site(project: Paths) -> None:
    code = (
        "from tests.site.test_incremental import converted_ahead_and_one_by_one as check\n"
        f"check({str(project.root)!r})\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "samme nettsted"
