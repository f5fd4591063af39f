"""What each extra language costs the publish build (run by `make bench`; never a timed test).

The reference corpus (bench/corpus.py) at a small N, with the language fixtures
(tests/fixtures/languages/: nn/en pages, an English position, Arabic/Urdu help pages) in
place, built with 0, 1, 2 and 8 other languages in ``[languages]`` of stemme.toml: cold
(no output/, no .cache/) and with nothing changed, medians of R rounds, each build in its
own process. A published language adds its front page, lists, feeds, search page, a
search index and a «not translated» page for each page and position; a help-only
language adds only its translated pages.

    python -m bench.languages [N] [R]     (defaults 50 3; env STEMME_BENCH_LANG_N)
"""

from __future__ import annotations

import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

from bench.corpus import write_corpus
from bench.site import Run, _clean, _publish

# (name, published, help_only)
SETUPS = (
    ("bare bokmål", [], []),
    ("+ nynorsk", ["nn"], []),
    ("+ nynorsk, engelsk", ["nn", "en"], []),
    ("+ nn, en og 6 hjelpespråk", ["nn", "en"], ["pl", "uk", "ar", "so", "ti", "ur"]),
)


def _set_languages(root: Path, published: list[str], help_only: list[str]) -> None:
    config = root / "stemme.toml"
    text = config.read_text(encoding="utf-8")
    table = (
        '[languages]\ndefault = "nb"\n'
        f"published = {published!r}\nhelp_only = {help_only!r}\n".replace("'", '"')
    )
    text = re.sub(r"(?ms)^\[languages\]\n.*?(?=^\[|\Z)", table + "\n", text)
    config.write_text(text, encoding="utf-8")


def _keep_languages(root: Path, languages: set[str]) -> None:
    """Translations into a language not configured would be refused by the check."""
    for path in (root / "content").rglob("*.*.md"):
        if path.suffixes[-2].lstrip(".") not in languages:
            path.unlink()


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    n = int(args[0]) if args else int(os.environ.get("STEMME_BENCH_LANG_N", 50))
    rounds = int(args[1]) if len(args) > 1 else 3
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from generator.core.config import Paths
    from tests.language_fixtures import add_language_fixtures

    print(f"korpus: {n} høringssvar + eksempelinnholdet + språkfixturene; {rounds} runder, median")
    print(f"{'Språk':<32} {'kald':>8} {'uendret':>9} {'sider':>7}  {'per ekstra språk (k/u)':>22}")
    with tempfile.TemporaryDirectory(prefix="stemme-bench-sprak-") as tmp:
        roots = []
        for index, (_name, published, help_only) in enumerate(SETUPS):
            root = write_corpus(Path(tmp) / f"korpus-{index}", responses=n, facts=8)
            _set_languages(root, published, help_only)
            add_language_fixtures(Paths(root))
            _keep_languages(root, {*published, *help_only})
            roots.append(root)
        cold: list[list[Run]] = [[] for _ in SETUPS]
        same: list[list[Run]] = [[] for _ in SETUPS]
        for _ in range(rounds):  # alternate, so a busy machine slows all alike
            for index, root in enumerate(roots):
                _clean(root)
                cold[index].append(_publish(root))
                same[index].append(_publish(root))
        base_cold = statistics.median(r.seconds for r in cold[0])
        base_same = statistics.median(r.seconds for r in same[0])
        for index, (name, published, help_only) in enumerate(SETUPS):
            c = statistics.median(r.seconds for r in cold[index])
            u = statistics.median(r.seconds for r in same[index])
            pages = sum(1 for _ in (roots[index] / "output").rglob("*.html"))
            extra = len(published) + len(help_only)
            per = (
                f"{(c - base_cold) / extra:+.2f} s / {(u - base_same) / extra:+.2f} s"
                if extra
                else ""
            )
            print(f"{name:<32} {c:7.2f} s {u:7.2f} s {pages:7d}  {per:>22}")
    load = os.getloadavg()[0]
    print(f"(maskinens last: {load:.1f} på {os.cpu_count()} kjerner)")


if __name__ == "__main__":
    main()
