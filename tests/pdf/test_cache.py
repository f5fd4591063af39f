"""The letter cache: keyed on everything that affects a letter, like the cards.

An unchanged letter is never rendered again (a no-change publish renders 0 letters); a
change to the text, a fact it uses, the letterhead or the logo renders it anew and
removes the old version; a fact it does not use changes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.config import Paths
from generator.pdf.cache import ensure_letter
from generator.site.build import build_site
from tests.pdf.conftest import SENT, example_letter


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def cache(project: Paths) -> Path:
    return project.letters_cache


def test_unchanged_letter_comes_from_the_cache(project, cache):
    first = ensure_letter(example_letter(project), cache)
    second = ensure_letter(example_letter(project), cache)
    assert (first.rendered, second.rendered) == (True, False)
    assert second.path == first.path
    assert (second.size, second.pages) == (first.size, first.pages)


def test_the_same_letter_renders_to_the_same_bytes(project, cache):
    first = ensure_letter(example_letter(project), cache).path.read_bytes()
    for path in cache.iterdir():
        path.unlink()
    assert ensure_letter(example_letter(project), cache).path.read_bytes() == first


@pytest.mark.parametrize(
    ("file", "old", "new"),
    [
        (f"content/hoeringssvar/{SENT}.md", "Det haster å beskytte", "Det haster"),
        ("content/fakta.yaml", "Volden er det tydeligste varselet.", "Volden varsler."),
        ("stemme.toml", 'phone = "+47 22 00 00 00"', 'phone = "+47 22 11 11 11"'),
        ("theme/static/img/logo.svg", 'fill="#5B2A86"', 'fill="#3B1A56"'),
    ],
    ids=["teksten", "et-faktum-brevet-bruker", "brevhodet", "logoen"],
)
def test_a_change_that_affects_the_letter_renders_it_again(project, cache, file, old, new):
    before = ensure_letter(example_letter(project), cache)
    _edit(project.root / file, old, new)
    after = ensure_letter(example_letter(project), cache)
    assert after.rendered
    assert after.path != before.path
    assert not before.path.exists()  # the old version is removed
    left = sorted(p.name for p in cache.iterdir())
    assert left == sorted([after.path.name, after.path.with_suffix(".json").name])


def test_a_fact_the_letter_does_not_use_changes_nothing(project, cache):
    ensure_letter(example_letter(project), cache)
    _edit(project.facts, "kommuner har en handlingsplan", "kommuner har en plan")
    assert not ensure_letter(example_letter(project), cache).rendered


def test_a_no_change_publish_renders_0_letters(project):
    first = build_site(project, publish=True)
    second = build_site(project, publish=True)  # nothing changed: nothing is built
    assert (first.letters.rendered, first.letters.cached) == (2, 0)
    assert second.unchanged and second.counts["brev"] == (0, 2)
    _edit(project.pages / "om-oss.md", "Vold i nære relasjoner er", "Vold i familien er")
    third = build_site(project, publish=True)  # a change no letter depends on
    assert not third.unchanged
    assert (third.letters.rendered, third.letters.cached) == (0, 2)
    assert sorted(p.name for p in (project.output / "hoeringssvar").rglob("*.pdf")) == sorted(
        f"{f.slug}.pdf" for f in third.letters.files
    )


def test_a_process_that_has_compiled_makes_its_letters_itself(project, monkeypatch, tmp_path):
    """Typst's threads do not survive a fork: once this process has compiled a letter,
    the letters are made here, not in forked workers (they would wait forever)."""
    from generator.pdf import cache as letter_cache
    from generator.pdf import render
    from generator.pdf.cache import ensure_letters

    seen: dict[str, int] = {}
    real = letter_cache.map_forked

    def spy(function, shared, items, **options):
        seen.update(items=len(items), pool_from=options["pool_from"])
        return real(function, shared, items, **options)

    monkeypatch.setattr(letter_cache, "map_forked", spy)
    monkeypatch.setattr(render, "_COMPILED", True)
    letters = [
        example_letter(project),
        example_letter(project, "2025-09-26-plikt-til-kommunale-handlingsplaner"),
    ]
    report = ensure_letters(letters, tmp_path)
    assert report.rendered == 2
    assert seen["pool_from"] > seen["items"]  # no pool
