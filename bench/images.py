"""Card rendering benchmark (not a timed test).

Renders N fact cards cold (empty folder) and warm (unchanged input), and a bare Pillow
reference card in the same run: 1080×1080, Lato, comparable text, RGB, default PNG
encoder. Prints ms per card and the ratio to the reference. Goal: ratio ≤ 1.5, warm 0.

    python -m bench.images [N]
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from generator.core.workers import workers
from generator.facts import load_facts
from generator.images import FORMATS, CardStyle, ensure_cards
from generator.images.fonts import font_path
from generator.images.layout import FACT_LAYOUTS
from generator.images.render import Colours, render_png

ROOT = Path(__file__).resolve().parent.parent
STYLE = CardStyle("#5B2A86", "#FFFFFF", "#F2C14E", "#TaushetTarLiv")


def reference_card(statement: str) -> bytes:
    """A bare Pillow card: what one would write by hand, default PNG settings."""
    image = Image.new("RGB", (1080, 1080), "#5B2A86")
    draw = ImageDraw.Draw(image)
    black = ImageFont.truetype(str(font_path("black")), 250)
    bold = ImageFont.truetype(str(font_path("bold")), 64)
    regular = ImageFont.truetype(str(font_path("regular")), 30)
    draw.rectangle((90, 90, 240, 106), fill="#F2C14E")
    draw.text((90, 420), "1 av 4", font=black, fill="#F2C14E", anchor="ls")
    words, lines, line = statement.split(), [], ""
    for word in words:  # naive wrap, as a hand-written card would do
        if bold.getlength(f"{line} {word}") > 900 and line:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    for i, text in enumerate(lines):
        draw.text((90, 560 + i * 78), text, font=bold, fill="#FFFFFF", anchor="ls")
    draw.text(
        (90, 930),
        "Kilde: NOU 2020: 17 Varslede drap? (2020)",
        font=regular,
        fill="#FFFFFF",
        anchor="ls",
    )
    draw.text(
        (90, 985), "#TaushetTarLiv", font=bold.font_variant(size=32), fill="#FFFFFF", anchor="ls"
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def corpus(n: int) -> list:
    """n // len(FORMATS) facts: the seed facts, then numbered variants of them."""
    seed = list(load_facts(ROOT / "content" / "fakta.yaml"))
    facts = []
    for i in range(max(1, n // len(FORMATS))):
        base = seed[i % len(seed)]
        facts.append(
            base.model_copy(update={"id": f"{base.id}-{i}", "figure": f"{base.figure}"[:12]})
        )
    return facts


def _ms(seconds: float, count: int) -> float:
    return 1000 * seconds / max(1, count)


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    n = int(args[0]) if args else 200
    facts = corpus(n)
    statement = max((f.statement for f in facts), key=len)
    colours = Colours(STYLE.background, STYLE.text, STYLE.accent)
    fact = facts[0]
    texts = {
        "figure": fact.figure,
        "statement": statement,
        "source": fact.source_line,
        "tag": STYLE.tag,
    }
    reference_card(statement)  # warm fonts
    render_png(FACT_LAYOUTS["kvadrat"], texts, colours)
    # Alternate the two so that a busy machine slows both alike; report medians.
    ref_times, our_times = [], []
    for _ in range(30):
        start = time.perf_counter()
        ref_bytes = reference_card(statement)
        ref_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        our_bytes = render_png(FACT_LAYOUTS["kvadrat"], texts, colours)
        our_times.append(time.perf_counter() - start)
    ref = 1000 * statistics.median(ref_times)
    one = 1000 * statistics.median(our_times)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        cold = ensure_cards(facts, STYLE, Path(tmp), progress=False)
        cold_ms = _ms(time.perf_counter() - start, cold.rendered)
        start = time.perf_counter()
        warm = ensure_cards(facts, STYLE, Path(tmp), progress=False)
        warm_ms = _ms(time.perf_counter() - start, warm.cached)
    print(
        f"kort: {cold.rendered} ({len(facts)} fakta × {len(FORMATS)} formater), {workers()} kjerner"
    )
    print(
        f"referanse (ren Pillow, 1080×1080, RGB, standard PNG): {ref:6.1f} ms/kort, "
        f"{len(ref_bytes) // 1024} KB"
    )
    print(
        f"vårt kort, 1080×1080, én kjerne:                      {one:6.1f} ms/kort, "
        f"{len(our_bytes) // 1024} KB   forhold {one / ref:.2f}"
    )
    print(
        f"kald kjøring, alle formater, alle kjerner:            {cold_ms:6.1f} ms/kort"
        f"            forhold {cold_ms / ref:.2f} (mål ≤ 1,5)"
    )
    print(
        f"varm kjøring:                                         {warm_ms:6.1f} ms/kort, "
        f"tegnet på nytt: {warm.rendered} (mål 0)"
    )
    ok = cold_ms / ref <= 1.5 and warm.rendered == 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{'OK' if ok else 'OVER MÅLET'} (maskinens last under målingen: {load:.1f} "
        f"på {workers()} kjerner)"
    )


if __name__ == "__main__":
    main()
