"""Layout as data and pure geometry: every box inside the safe margins, text always fits."""

from __future__ import annotations

import itertools

import pytest

from generator.images import FORMATS
from generator.images.fonts import PillowMeasure
from generator.images.geometry import fit_text, hyphen_splits, wrap
from generator.images.layout import FACT_LAYOUTS, TITLE_LAYOUTS, Box, Slot
from generator.images.render import fit_all

ALL_LAYOUTS = [*FACT_LAYOUTS.values(), *TITLE_LAYOUTS.values()]


def test_formats_are_the_designed_sizes() -> None:
    assert FORMATS == {
        "kvadrat": (1080, 1080),
        "portrett": (1080, 1350),
        "historie": (1080, 1920),
        "bred": (1200, 675),
        "og": (1200, 630),
    }
    for layout in ALL_LAYOUTS:
        assert (layout.width, layout.height) == FORMATS[layout.format]


@pytest.mark.parametrize("layout", ALL_LAYOUTS, ids=lambda layout: layout.format)
def test_every_slot_and_rule_is_inside_the_safe_area(layout) -> None:
    assert min(layout.margin) >= 56
    for slot in layout.slots.values():
        assert layout.safe.contains(slot.box)
        assert slot.min_size <= slot.max_size
    for rule in layout.rules:
        assert layout.safe.contains(rule)


def _texts(fact, tag="#TaushetTarLiv"):
    return {
        "figure": fact.figure,
        "statement": fact.statement,
        "source": fact.source_line,
        "tag": tag,
    }


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_seed_fact_fits_inside_its_boxes(book, fmt) -> None:
    layout = FACT_LAYOUTS[fmt]
    for fact in book:
        fitted = fit_all(layout, _texts(fact))
        boxes = [f.bounds for f in fitted.values()]
        for name, f in fitted.items():
            assert layout.safe.contains(f.bounds), (fact.id, name)
            if name not in layout.balance:  # balanced texts may move within their span
                assert layout.slots[name].box.contains(f.bounds), (fact.id, name)
        for i, a in enumerate(boxes):  # no two texts overlap
            for b in boxes[i + 1 :]:
                assert a.bottom <= b.y or b.bottom <= a.y or a.right <= b.x or b.right <= a.x


def test_longest_seed_statement_fits_every_format(book) -> None:
    longest = max(book, key=lambda f: len(f.figure) + len(f.statement))
    measure = PillowMeasure()
    for layout in FACT_LAYOUTS.values():
        fitted = fit_text(longest.statement, layout.slots["statement"], measure)
        assert fitted is not None, layout.format
        assert len(fitted.lines) <= layout.slots["statement"].max_lines


def test_long_compound_is_hyphenated_not_clipped() -> None:
    slot = Slot(Box(0, 0, 420, 400), "bold", 60, 40)
    fitted = fit_text("Hver kommune trenger en familievoldskoordinator nå", slot, PillowMeasure())
    assert fitted is not None
    assert any(line.endswith("-") for line in fitted.lines)
    assert "".join(fitted.lines).replace("-", "").replace(" ", "") == (
        "Hverkommunetrengerenfamilievoldskoordinatornå"
    )
    for line in fitted.lines:
        assert PillowMeasure().width(line, "bold", fitted.size) <= 420


def test_norwegian_hyphenation_points() -> None:
    heads = [head for head, _ in hyphen_splits("familievoldskoordinator")]
    assert "familie-" in heads and "familievolds-" in heads


def test_wrap_is_pure_and_shrinks_only_within_bounds() -> None:
    """With a fake measure (1 unit per character) wrapping is easy to reason about."""
    lines = wrap("en to tre fire", lambda s: len(s) <= 7, lambda s: 1 - len(s) / 7)
    assert lines == ["en to", "tre", "fire"]

    class Mono:
        def width(self, text, weight, size):
            return len(text) * size * 0.5

        def extents(self, weight, size):
            return size, size // 4

        def ink_offset(self, text, weight, size):
            return 0

    slot = Slot(Box(10, 20, 100, 60), "bold", 40, 10, max_lines=2)
    fitted = fit_text("aaaa bbbb cccc", slot, Mono())
    assert fitted is not None and 10 <= fitted.size <= 40
    assert Box(10, 20, 100, 60).contains(fitted.bounds)
    assert fit_text("x" * 50, slot, Mono()) is None  # cannot break: no fit, never clipped


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_figure_keeps_numbers_whole(book, fmt) -> None:
    """«1 600–2 000» may break after the dash, never inside «1 600» or «2 000»."""
    fact = book.get("krisesenter-voksne")
    lines = fit_all(FACT_LAYOUTS[fmt], _texts(fact))["figure"].lines
    assert "".join(lines) == fact.figure  # nothing lost or added
    for number in ("1 600", "2 000"):
        assert any(number in line for line in lines), (fmt, lines)
    for before, after in itertools.pairwise(lines):
        assert not (before[-1].isdigit() and after[0].isdigit()), (fmt, lines)


def test_a_narrow_figure_breaks_after_the_dash(book) -> None:
    fitted = fit_all(FACT_LAYOUTS["og"], _texts(book.get("krisesenter-voksne")))
    assert fitted["figure"].lines == ("1 600–", "2 000")
