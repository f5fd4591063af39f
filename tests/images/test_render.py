"""Rendered pixels: sizes, margins clear, deterministic bytes, small PNGs, contrast."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest
from PIL import Image

from generator.core.errors import ImageError
from generator.images import FORMATS, CardStyle, ensure_cards
from generator.images.contrast import check_contrast, contrast_ratio
from generator.images.layout import FACT_LAYOUTS
from generator.images.render import Colours, render_png
from tests.project import ROOT

FACTS = ROOT / "content" / "fakta.yaml"

COLOURS = Colours("#5B2A86", "#FFFFFF", "#F2C14E")


def _render(fact, fmt, tag="#TaushetTarLiv") -> bytes:
    texts = {
        "figure": fact.figure,
        "statement": fact.statement,
        "source": fact.source_line,
        "tag": tag,
    }
    return render_png(FACT_LAYOUTS[fmt], texts, COLOURS)


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_dimensions_and_clear_margins(book, fmt) -> None:
    layout = FACT_LAYOUTS[fmt]
    longest = max(book, key=lambda f: len(f.statement) + len(f.source_line))
    for fact in (longest, book.get("krisesenter-voksne")):
        image = Image.open(io.BytesIO(_render(fact, fmt))).convert("RGB")
        assert image.size == FORMATS[fmt]
        background = image.getpixel((0, 0))
        assert background == (0x5B, 0x2A, 0x86)
        safe = layout.safe
        inside = image.crop((safe.x, safe.y, safe.right, safe.bottom))
        assert inside.getbbox() is not None
        # Paint the safe area with the background: nothing may be left in the margin band.
        image.paste(background, (safe.x, safe.y, safe.right, safe.bottom))
        diff = Image.new("RGB", image.size, background)
        assert image.tobytes() == diff.tobytes(), (fact.id, fmt)


def test_same_input_gives_identical_bytes(book) -> None:
    fact = book.get("voldskostnader")
    assert _render(fact, "kvadrat") == _render(fact, "kvadrat")


# Renders one card in a fresh interpreter: no warm font or measurement cache is shared.
_RENDER_IN_A_NEW_PROCESS = """
import sys
from pathlib import Path
from generator.facts import load_facts
from tests.images.test_render import _render

fact = load_facts(Path(sys.argv[1])).get(sys.argv[2])
sys.stdout.buffer.write(_render(fact, sys.argv[3]))
"""


@pytest.mark.parametrize("fmt", ["kvadrat", "historie"])
def test_two_processes_render_the_same_bytes(book, fmt) -> None:
    """Cold processes with different hash seeds make the same PNG as this warm one."""
    fact = book.get("voldskostnader")
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _RENDER_IN_A_NEW_PROCESS, str(FACTS), fact.id, fmt],
            cwd=ROOT, env=env, capture_output=True, check=True, timeout=120,
        )  # fmt: skip
        outputs.append(done.stdout)
    assert outputs[0].startswith(b"\x89PNG")
    assert outputs[0] == outputs[1] == _render(fact, fmt)


def test_png_is_small_palette_without_metadata(book) -> None:
    data = _render(book.get("tvangsekteskap-saker-2021"), "kvadrat")
    assert len(data) <= 250 * 1024
    image = Image.open(io.BytesIO(data))
    assert image.mode == "P"
    chunks = []
    pos = 8
    while pos < len(data):
        length = int.from_bytes(data[pos : pos + 4], "big")
        chunks.append(data[pos + 4 : pos + 8].decode())
        pos += 12 + length
    assert chunks[0] == "IHDR" and chunks[-1] == "IEND"
    assert not {"tIME", "tEXt", "zTXt", "iTXt", "eXIf"} & set(chunks)


def test_contrast_ratio_matches_wcag() -> None:
    assert contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert check_contrast("#FFFFFF", "#5B2A86") > 4.5


def test_bad_colour_pair_fails(book, tmp_path) -> None:
    with pytest.raises(ImageError, match="For svak kontrast") as err:
        check_contrast("#F2C14E", "#FFFFFF")
    assert "stemme.toml" in str(err.value)
    weak = CardStyle("#FFFFFF", "#1D1D1B", "#F2C14E", "#tag")
    with pytest.raises(ImageError, match="uthevingsfargen"):
        ensure_cards([book.get("voldskostnader")], weak, tmp_path)
    assert not list(tmp_path.glob("*.png"))


def test_title_card_keeps_its_margins() -> None:
    from generator.images.layout import TITLE_LAYOUTS

    layout = TITLE_LAYOUTS["og"]
    texts = {
        "kicker": "Høringssvar",
        "title": "Familievoldskoordinator i hver kommune " * 3,
        "tag": "Krisesentersekretariatet",
    }
    image = Image.open(io.BytesIO(render_png(layout, texts, COLOURS))).convert("RGB")
    background = image.getpixel((0, 0))
    safe = layout.safe
    image.paste(background, (safe.x, safe.y, safe.right, safe.bottom))
    assert image.getcolors() == [(image.width * image.height, background)]
