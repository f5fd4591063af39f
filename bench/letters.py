"""Letter (PDF) benchmark (run by `make bench`, not a timed test).

Makes the letters of the example høringssvar (every one, drafts included) and a
four-page letter (the longest response's body and half of it again) in a fresh project copy:

1. the first letter, which also loads Typst and the fonts;
2. cold: every letter rendered into an empty cache, several rounds, median ms per letter;
3. warm: the same letters again with the cache in place (a no-change publish).

Prints ms per letter, pages and size per letter. Goals: a four-page letter well under
100 kB, and a warm run renders 0 letters.

    python -m bench.letters [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from generator.core.config import Paths, load_config
from generator.facts import load_facts
from generator.pdf.cache import ensure_letters
from generator.pdf.letter import Letter
from generator.site.letter_command import pelican_settings
from generator.site.letters import load_letter
from tests.project import copy_project

LONG = "2099-01-01-fire-sider"


def _letters(paths: Paths) -> list[Letter]:
    config, book = load_config(paths.config), load_facts(paths.facts)
    markdown = pelican_settings(paths)["MARKDOWN"]
    return [
        load_letter(
            path, slug=path.stem, config=config, root=paths.root, book=book, markdown=markdown
        )
        for path in sorted(paths.responses.glob("*.md"))
    ]


def _add_long_letter(paths: Paths) -> None:
    """A four-page response: the longest example body, and the first half of it again."""
    longest = max(paths.responses.glob("*.md"), key=lambda p: p.stat().st_size)
    head, body = longest.read_text(encoding="utf-8").split("\n---\n", 1)
    head = head.replace("status: utkast", "status: sendt\nsent: 2026-12-01")
    blocks = body.split("\n\n")
    more = "\n\n".join(blocks[: len(blocks) // 2])
    (paths.responses / f"{LONG}.md").write_text(f"{head}\n---\n{more}\n\n{body}", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    rounds = int(args[0]) if args else 3
    with tempfile.TemporaryDirectory() as tmp:
        paths = copy_project(Path(tmp) / "prosjekt")
        _add_long_letter(paths)
        letters = _letters(paths)
        start = time.perf_counter()
        ensure_letters(letters[:1], Path(tmp) / "oppvarming")
        first_ms = 1000 * (time.perf_counter() - start)
        cold = []
        for n in range(rounds):
            start = time.perf_counter()
            report = ensure_letters(letters, Path(tmp) / f"kald-{n}")
            cold.append(1000 * (time.perf_counter() - start) / len(letters))
        start = time.perf_counter()
        warm = ensure_letters(letters, Path(tmp) / f"kald-{rounds - 1}")
        warm_ms = 1000 * (time.perf_counter() - start) / len(letters)
    print(f"brev: {len(letters)} (eksempelsvarene og et langt svar), {rounds} runder")
    print(f"første brev (laster Typst og fontene):   : {first_ms:7.0f} ms")
    print(f"kald kjøring (tom hurtigbuffer), median:    {statistics.median(cold):7.0f} ms/brev")
    print(
        f"varm kjøring (ingen endring):               {warm_ms:7.1f} ms/brev, "
        f"laget på nytt: {warm.rendered} (mål 0)"
    )
    for file in report.files:
        print(f"  {file.slug:55} {file.pages} sider  {file.size / 1000:6.1f} kB")
    long = next(f for f in report.files if f.slug == LONG)
    ok = long.pages >= 4 and long.size < 100_000 and warm.rendered == 0
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{'OK' if ok else 'OVER MÅLET'}: {long.pages} sider = {long.size / 1000:.1f} kB "
        f"(mål under 100 kB); maskinens last under målingen: {load:.1f}"
    )


if __name__ == "__main__":
    main()
