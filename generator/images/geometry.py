"""Pure geometry: wrap, hyphenate and shrink text until it fits a layout slot.

Nothing here touches pixels. Measurements come from a ``Measure`` (the Pillow one in
:mod:`generator.images.fonts`, or a fake in tests). ``fit_text`` returns the largest
font size at which the text fits the slot's box within its line limit — or None, never a
clipped text. Long Norwegian compounds ("familievoldskoordinator") are hyphenated with
pyphen's ``nb_NO`` dictionary when a line would otherwise be left short or overflow.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from generator.images.layout import Box, Slot

NBSP = "\u00a0"
# Only hyphenate into the current line when at least this share of it is still empty.
HYPHENATE_GAP = 0.35
HYPHENATE_MIN_WORD = 15
# A figure takes more lines only when that makes it this much bigger.
FIGURE_GROWTH = 1.3

Splits = Callable[[str], list[tuple[str, str]]]


class Measure(Protocol):
    def width(self, text: str, weight: str, size: int) -> float: ...
    def extents(self, weight: str, size: int) -> tuple[int, int]: ...
    def ink_offset(self, text: str, weight: str, size: int) -> int: ...


@dataclass(frozen=True)
class Fitted:
    """Text fitted into a slot: where every line's baseline starts."""

    size: int
    weight: str
    lines: tuple[str, ...]
    origins: tuple[tuple[int, int], ...]  # (x, baseline y) per line
    ink: tuple[Box, ...]  # conservative ink box per line

    @property
    def bounds(self) -> Box:
        x0 = min(b.x for b in self.ink)
        y0 = min(b.y for b in self.ink)
        return Box(
            x0, y0, max(b.right for b in self.ink) - x0, max(b.bottom for b in self.ink) - y0
        )

    def shifted(self, dy: int) -> Fitted:
        return Fitted(
            self.size,
            self.weight,
            self.lines,
            tuple((x, y + dy) for x, y in self.origins),
            tuple(Box(b.x, b.y + dy, b.w, b.h) for b in self.ink),
        )


def balance(
    fitted: dict[str, Fitted], slots: dict[str, Slot], names: tuple[str, ...]
) -> dict[str, Fitted]:
    """Move the named texts down together to centre them in the span of their boxes."""
    group = [name for name in names if name in fitted]
    if not group:
        return fitted
    span_bottom = max(slots[name].box.bottom for name in group)
    ink_bottom = max(fitted[name].bounds.bottom for name in group)
    span_top = min(slots[name].box.y for name in group)
    ink_top = min(fitted[name].bounds.y for name in group)
    dy = ((span_bottom - ink_bottom) - (ink_top - span_top)) // 2
    if dy <= 0:
        return fitted
    return {name: f.shifted(dy) if name in group else f for name, f in fitted.items()}


@lru_cache(maxsize=1)
def _pyphen():  # type: ignore[no-untyped-def]
    import pyphen

    return pyphen.Pyphen(lang="nb_NO", left=3, right=3)


@lru_cache(maxsize=4096)
def dash_splits(word: str) -> list[tuple[str, str]]:
    """Breaks after a dash or slash already in the word, longest head first."""
    found = [m.end() for m in re.finditer(r"[-–/]", word[:-1]) if m.start() > 0]
    return [(word[:end], word[end:]) for end in reversed(found)]


@lru_cache(maxsize=4096)
def hyphen_splits(word: str) -> list[tuple[str, str]]:
    """Every place a word may break, longest head first; heads carry their hyphen."""
    splits = [(head + "-", tail) for head, tail in _pyphen().iterate(word)]
    return sorted(set(splits + dash_splits(word)), key=lambda s: -len(s[0]))


@lru_cache(maxsize=16)
def language_splits(lang: str) -> Splits:
    """Where words may break in ``lang``: bokmål's own rules, pyphen's dictionary for a
    language that has one, else only at dashes already in the text."""
    if lang in ("", "nb"):
        return hyphen_splits
    import pyphen

    name = pyphen.language_fallback(lang) or pyphen.language_fallback(f"{lang}_GB")
    if not name:
        return dash_splits
    dictionary = pyphen.Pyphen(lang=name, left=3, right=3)

    @lru_cache(maxsize=4096)
    def splits(word: str) -> list[tuple[str, str]]:
        found = [(head + "-", tail) for head, tail in dictionary.iterate(word)]
        return sorted(set(found + dash_splits(word)), key=lambda s: -len(s[0]))

    return splits


def figure_text(figure: str) -> str:
    """Keep numbers whole: «1 600», «10 %» and «1 av 4» never break inside."""
    figure = re.sub(r"(?<=\d) (av) (?=\d)", f"{NBSP}\\1{NBSP}", figure)
    figure = re.sub(r"(?<=\d) (?=\d{3}\b)", NBSP, figure)
    return re.sub(r" (?=%)", NBSP, figure)


def wrap(
    text: str,
    fits: Callable[[str], bool],
    room: Callable[[str], float],
    splits: Splits = hyphen_splits,
    keep_nbsp: bool = False,
) -> list[str] | None:
    """Greedy word wrap with hyphenation; None when a word cannot be made to fit.

    No-break spaces become plain spaces in the lines, unless ``keep_nbsp``: right-to-left
    text keeps them, because in bidi a plain space between two numbers («1 600») would
    let them swap places, and a no-break space (a common separator) keeps them whole."""
    lines: list[str] = []
    current = ""
    for word in re.split(r"[ \t\r\n]+", text.strip()):
        candidate = f"{current} {word}" if current else word
        if fits(candidate):
            current = candidate
            continue
        if current and len(word) >= HYPHENATE_MIN_WORD and room(current) >= HYPHENATE_GAP:
            for head, tail in splits(word):
                if fits(f"{current} {head}"):
                    current, word = f"{current} {head}", tail
                    break
        if current:
            lines.append(current)
        current = ""
        while not fits(word):
            head_tail = next(((h, t) for h, t in splits(word) if fits(h)), None)
            if head_tail is None:
                return None
            lines.append(head_tail[0])
            word = head_tail[1]
        current = word
    if current:
        lines.append(current)
    return lines if keep_nbsp else [line.replace(NBSP, " ") for line in lines]


def _lines_at(
    text: str, slot: Slot, size: int, measure: Measure, splits: Splits, rtl: bool = False
) -> list[str] | None:
    width = slot.box.w

    def drawn(line: str) -> str:  # measured as it will be drawn (see wrap)
        return line if rtl else line.replace(NBSP, " ")

    def fits(line: str) -> bool:
        return measure.width(drawn(line), slot.weight, size) <= width

    def room(line: str) -> float:
        return 1 - measure.width(drawn(line), slot.weight, size) / width

    lines = wrap(text, fits, room, splits, keep_nbsp=rtl)
    if lines is None or not lines or len(lines) > slot.max_lines:
        return None
    above, below = measure.extents(slot.weight, size)
    if above + below + (len(lines) - 1) * round(size * slot.line_height) > slot.box.h:
        return None
    return lines


def _place(lines: list[str], slot: Slot, size: int, measure: Measure, rtl: bool = False) -> Fitted:
    """Baselines and origins of the lines; right-to-left lines end at the box's right
    edge (their ink, measured with the engine that draws them, sits flush there)."""
    above, below = measure.extents(slot.weight, size)
    step = round(size * slot.line_height)
    height = above + below + (len(lines) - 1) * step
    free = slot.box.h - height
    offset = {"top": 0, "middle": free // 2, "bottom": free}[slot.valign]
    origins, ink = [], []
    for index, line in enumerate(lines):
        baseline = slot.box.y + offset + above + index * step
        width = measure.width(line, slot.weight, size)
        offset_x = measure.ink_offset(line, slot.weight, size)
        if rtl:
            left = slot.box.right - int(width + 0.999)
            x = left + offset_x
        else:
            left, x = slot.box.x, slot.box.x + offset_x
        origins.append((x, baseline))
        ink.append(Box(left, baseline - above, int(width + 0.999), above + below))
    return Fitted(size, slot.weight, tuple(lines), tuple(origins), tuple(ink))


def _largest(
    text: str, slot: Slot, measure: Measure, splits: Splits, max_lines: int, rtl: bool = False
) -> Fitted | None:
    """Binary search for the largest size at which the text fits in ≤ max_lines."""
    low, high = slot.min_size, slot.max_size
    best: tuple[int, list[str]] | None = None
    while low <= high:
        size = (low + high) // 2
        lines = _lines_at(text, slot, size, measure, splits, rtl)
        if lines is not None and len(lines) <= max_lines:
            best = (size, lines)
            low = size + 1
        else:
            high = size - 1
    return _place(best[1], slot, best[0], measure, rtl) if best else None


def fit_text(
    text: str, slot: Slot, measure: Measure, splits: Splits | None = None, rtl: bool = False
) -> Fitted | None:
    """The biggest fit of ``text`` in ``slot`` (never clipped), or None if it cannot fit.

    Without ``splits``, words break at Norwegian hyphenation points if the slot allows
    it, else only at dashes already in the text (figures are never hyphenated).
    """
    splits = splits or (hyphen_splits if slot.hyphenate else dash_splits)
    if not text.strip():
        return None
    if slot.fewer_lines_first:
        chosen: Fitted | None = None
        for max_lines in range(1, slot.max_lines + 1):
            fitted = _largest(text, slot, measure, splits, max_lines, rtl)
            if fitted and (chosen is None or fitted.size >= chosen.size * FIGURE_GROWTH):
                chosen = fitted
        return chosen
    return _largest(text, slot, measure, splits, slot.max_lines, rtl)


def shorten_to_fit(text: str, slot: Slot, measure: Measure) -> str:
    """The text itself if it fits; else as many whole words as fit, followed by «…»."""
    if fit_text(text, slot, measure) is not None:
        return text
    words = text.split()
    while len(words) > 1:
        words.pop()
        candidate = " ".join(words).rstrip(",.;:–-") + " …"
        if fit_text(candidate, slot, measure) is not None:
            return candidate
    return "…"
