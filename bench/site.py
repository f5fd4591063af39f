"""Whole-site publish benchmark (run by `make bench`; never a timed test).

On a deterministic reference corpus (bench/corpus.py: N sent høringssvar of about 600
words plus the example content, M facts), measured side by side in one run, medians of
R rounds, every build in its own process (peak memory = its max RSS, workers included):

1. ``stemme build --publish`` cold: no output/, no .cache/
2. the same with nothing changed (the no-change shortcut)
3. the same after one response's text was edited (its page and its own letter change)
4. the same after one response's topics were edited (no letter depends on them)
5. the fair baseline — what a user would assemble for the same features, nothing
   cached: plain Pelican (default theme, feeds) on the same Markdown, bare Pillow cards
   (M × 5 formats, Pool(2)), Pagefind on the plain output, and one bare WeasyPrint
   ``pdf/ua-1`` letter per sent response (bench/baseline.py: python-markdown, a string
   template with the same stylesheet and logo, all cores, one FontConfiguration per
   worker); each part timed on its own
6. cold at 3 × N responses, for the growth

Every sent response is also a PDF letter (Typst). The table gives the cold build against
the fair baseline and against plain Pelican + cards, the build's letters (its own time,
«Brev (PDF): … (X s)») per letter against the bare WeasyPrint letters, and the cold build
without its letters against plain Pelican + cards + Pagefind. Each build's own summary
(texts converted, cards and letters made / unchanged) is printed under the table.

Goals (issue 29): cold ≤ 1.0 × the fair baseline; letters ≤ 0.2 × bare WeasyPrint per
letter; the site without letters ≤ 1.3 × plain Pelican + cards + Pagefind; no change
≤ 0.05 × cold; one response ≤ 0.3 × cold with 0 cards and no letter but its own; cost
linear in N.

    python -m bench.site [N] [M] [R]        (defaults 1000 40 3; env STEMME_BENCH_*;
                                             --uten-vekst: no 3 × N build)
    python -m bench.site --profile [N] [M]  (one cold, no-change and one-change build under
                                             cProfile: the slowest functions, and the .prof
                                             files in build/bench-profil/)
"""

from __future__ import annotations

import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing import Pool
from pathlib import Path

from bench.baseline import bare_letters
from bench.corpus import write_corpus
from bench.images import reference_card

TODAY = "2026-11-30"  # inside the campaign: the front page and day pages depend on it
PLAIN_CONF = """\
PATH = {content!r}
ARTICLE_PATHS = ["standpunkter", "hoeringssvar"]
PAGE_PATHS = ["sider"]
IGNORE_FILES = ["fakta.yaml"]
USE_FOLDER_AS_CATEGORY = True
TIMEZONE = "Europe/Oslo"
DEFAULT_LANG = "nb"
SITEURL = "https://example.org"
FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = "feeds/{{slug}}.atom.xml"
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = True
"""
# «Brev (PDF): 1 laget, 1001 uendret (0,9 s)» — what a build says it made
MADE = re.compile(
    r"^(?P<what>[^:]+): (?P<made>\d+) [^,]+, (?P<kept>\d+) uendret(?: \((?P<s>[\d,]+) s\))?$"
)
PROFILE_DIR = Path("build") / "bench-profil"


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    said: list[str] = field(default_factory=list)  # the command's own lines (no warnings)

    def took(self, what: str) -> float:
        """The build's own time for ``what`` («Brev (PDF)»), 0 when it did not say."""
        for line in self.said:
            if (m := MADE.match(line)) and m["what"] == what and m["s"]:
                return float(m["s"].replace(",", "."))
        return 0.0

    def made(self, what: str) -> int:
        """How many ``what`` the build made (not found unchanged)."""
        for line in self.said:
            if (m := MADE.match(line)) and m["what"] == what:
                return int(m["made"])
        return 0


@dataclass(frozen=True)
class Baseline:
    """The fair baseline's parts, each timed on its own (seconds)."""

    pelican: Run
    cards: float
    pagefind: float
    letters: float | None  # None: WeasyPrint could not load here
    letter_count: int

    @property
    def plain(self) -> float:
        """Plain Pelican + bare cards (the earlier baseline)."""
        return self.pelican.seconds + self.cards

    @property
    def site(self) -> float:
        """Plain Pelican + cards + Pagefind: the site without letters."""
        return self.plain + self.pagefind

    @property
    def fair(self) -> float:
        return self.site + (self.letters or 0.0)


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> Run:
    """Run a command in its own process; wall time and the peak RSS of it and its pool."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} feilet ({proc.returncode}):\n{output[-3000:]}")
    said = [line for line in output.splitlines() if line and not line.startswith("Advarsel")]
    return Run(seconds, usage.ru_maxrss / 1024, said)


def _env(root: Path) -> dict[str, str]:
    return {**os.environ, "STEMME_ROOT": str(root), "STEMME_TODAY": TODAY,
            "STEMME_DB": str(root / "state" / "stemme.sqlite3")}  # fmt: skip


def _publish(root: Path, profile: Path | None = None) -> Run:
    command = [sys.executable]
    if profile is not None:
        command += ["-m", "cProfile", "-o", str(profile)]
    return _run([*command, "-m", "generator.cli", "build", "--publish"], root, _env(root))


def _clean(root: Path) -> None:
    for folder in (root / "output", root / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)


def _responses(root: Path) -> list[Path]:
    return sorted((root / "content" / "hoeringssvar").glob("*referansesvar*.md"))


def _edit_text(root: Path, round_no: int) -> None:
    """One response's text gets a sentence more: its page and its letter change."""
    path = _responses(root)[0]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nEndret i runde {round_no}.\n", encoding="utf-8")


def _edit_topics(root: Path, round_no: int) -> None:
    """Another response gets one topic more: its page and the topic pages change."""
    path = _responses(root)[1]
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("topics:\n", f"topics:\n- runde {round_no}\n", 1), "utf-8")


def _save_card(args: tuple[Path, int, str]) -> None:
    folder, index, statement = args
    (folder / f"kort-{index}.png").write_bytes(reference_card(statement))


def _baseline(root: Path, facts: int, scratch: Path) -> Baseline:
    """Plain Pelican on the same Markdown (status lines dropped: plain Pelican skips
    «sendt»), bare Pillow cards for every fact × 5 formats on two processes, Pagefind on
    the plain output, bare WeasyPrint letters for every sent response."""
    content = scratch / "plain-content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(root / "content", content)
    for path in content.rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"(?m)^status: .*\n", "", text), encoding="utf-8")
    conf = scratch / "plainconf.py"
    conf.write_text(PLAIN_CONF.format(content=str(content)), encoding="utf-8")
    cards = scratch / "plain-cards"
    shutil.rmtree(cards, ignore_errors=True)
    cards.mkdir()
    pelican = [sys.executable, "-m", "pelican", str(content), "-s", str(conf),
               "-o", str(scratch / "plain-output"), "-q"]  # fmt: skip
    site = _run(pelican, scratch, dict(os.environ))
    start = time.perf_counter()
    statement = "drap i Norge er et partnerdrap. Nesten alle som blir drept, er kvinner."
    with Pool(2) as pool:
        pool.map(_save_card, [(cards, i, statement) for i in range(facts * 5)])
    cards_s = time.perf_counter() - start
    from pagefind_bin import get_executable

    index = [str(get_executable()), "--site", str(scratch / "plain-output"), "--silent"]
    found = _run(index, scratch, dict(os.environ))
    shutil.rmtree(scratch / "plain-letters", ignore_errors=True)
    bare = bare_letters(root, scratch / "plain-letters")
    return Baseline(site, cards_s, found.seconds, bare[0] if bare else None,
                    bare[1] if bare else 0)  # fmt: skip


def _median(runs: list[Run]) -> Run:
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs),
               middle.said)  # fmt: skip


def _row(name: str, seconds: float, peak: str, ratio: str, goal: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("OK" if ok else "OVER MÅLET")
    ratio = re.sub(r"(\d)\.(\d)", r"\1,\2", ratio)  # Norwegian decimal comma
    return f"{name:<44} {seconds:8.1f} s {peak:>10}  {ratio:>15}  {goal:<13} {verdict}"


def _mb(run: Run) -> str:
    return f"{run.peak_mb:.0f} MB"


def _arguments(argv: list[str]) -> tuple[bool, bool, int, int, int]:
    profile, grow = "--profile" in argv, "--uten-vekst" not in argv
    args = [a for a in argv if a not in ("--profile", "--uten-vekst")]
    n = int(args[0]) if args else int(os.environ.get("STEMME_BENCH_N", 1000))
    m = int(args[1]) if len(args) > 1 else int(os.environ.get("STEMME_BENCH_FACTS", 40))
    rounds = int(args[2]) if len(args) > 2 else int(os.environ.get("STEMME_BENCH_ROUNDS", 3))
    return profile, grow, n, m, rounds


def main(argv: list[str] | None = None) -> None:
    profile, grow, n, m, rounds = _arguments(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="stemme-bench-") as tmp:
        scratch = Path(tmp)
        root = write_corpus(scratch / "korpus", responses=n, facts=m)
        if profile:
            profile_builds(root, n, m)
            return
        print(f"korpus: {n} høringssvar à ca. 600 ord + eksempelinnholdet, {m} fakta; "
              f"{rounds} runder, median")  # fmt: skip
        runs: dict[str, list[Run]] = {k: [] for k in ("kald", "uendret", "tekst", "temaer")}
        bases: list[Baseline] = []
        for round_no in range(rounds):  # alternate, so a busy machine slows all alike
            _clean(root)
            runs["kald"].append(_publish(root))
            runs["uendret"].append(_publish(root))
            _edit_text(root, round_no)
            runs["tekst"].append(_publish(root))
            _edit_topics(root, round_no)
            runs["temaer"].append(_publish(root))
            bases.append(_baseline(root, m, scratch))
        big = write_corpus(scratch / "korpus-3x", responses=3 * n, facts=m) if grow else None
        bigger = _publish(big) if big else None
        base = sorted(bases, key=lambda b: b.fair)[len(bases) // 2]
        report(n, {k: _median(v) for k, v in runs.items()}, base, bigger)


def report(n: int, runs: dict[str, Run], base: Baseline, bigger: Run | None) -> None:
    cold = runs["kald"]
    letters, made = cold.took("Brev (PDF)"), cold.made("Brev (PDF)")
    print(f"{'Bygg':<44} {'tid':>10} {'topp-RSS':>10}  {'forhold':>15}  {'mål':<13}")
    print(_row("ren Pelican", base.pelican.seconds, _mb(base.pelican), "", "", None))
    print(_row("  + rene Pillow-kort", base.cards, "", "", "", None))
    print(_row("  + Pagefind på resultatet", base.pagefind, "", "", "", None))
    if base.letters is None:
        print("  (brev med ren WeasyPrint: WeasyPrint kan ikke lastes her – mangler Pango?)")
    else:
        print(_row(f"  + {base.letter_count} brev med ren WeasyPrint (pdf/ua-1)", base.letters,
                   "", "", "", None))  # fmt: skip
    print(_row("rettferdig grunnlinje (alt over)", base.fair, "", "1,00 × grunnl.", "", None))
    ratio = cold.seconds / base.fair
    print(_row("stemme build --publish, kald", cold.seconds, _mb(cold),
               f"{ratio:.2f} × grunnl.", "≤ 1,0", ratio <= 1.0))  # fmt: skip
    ratio = cold.seconds / base.plain
    print(_row("  kald mot ren Pelican + kort", cold.seconds, "", f"{ratio:.2f} × P+kort",
               "", None))  # fmt: skip
    share = f"{100 * letters / cold.seconds:.0f} % av kald"
    print(_row(f"  herav {made} brev (Typst, byggets egen tid)", letters, "", share, "", None))
    if base.letters and made and base.letter_count:
        per = (letters / made) / (base.letters / base.letter_count)
        print(_row("  brevene (per brev) mot ren WeasyPrint", letters, "",
                   f"{per:.2f} × WP", "≤ 0,2", per <= 0.2))  # fmt: skip
        print(f"{'':<44} ({1000 * letters / made:.0f} ms per brev i bygget; ren WeasyPrint: "
              f"{1000 * base.letters / base.letter_count:.0f} ms per brev)")  # fmt: skip
    ratio = (cold.seconds - letters) / base.site
    print(_row("  kald uten brevene", cold.seconds - letters, "", f"{ratio:.2f} × P+k+Pf",
               "≤ 1,3", ratio <= 1.3))  # fmt: skip
    for key, name, goal in (
        ("uendret", "  uendret", 0.05),
        ("tekst", "  ett høringssvar endret (teksten)", 0.3),
        ("temaer", "  ett høringssvar endret (temaene)", 0.3),
    ):
        ratio = runs[key].seconds / cold.seconds
        print(_row(name, runs[key].seconds, _mb(runs[key]), f"{ratio:.2f} × kald",
                   f"≤ {goal:g}".replace(".", ","), ratio <= goal))  # fmt: skip
    if bigger is not None:
        growth = bigger.seconds / cold.seconds
        print(_row(f"  kald med {3 * n} svar (vekst)", bigger.seconds, _mb(bigger),
                   f"{growth:.2f} × kald", "≈ 3 (lineær)", growth <= 3.3))  # fmt: skip
    print("Hva byggene sa:")
    for key, name in (("kald", "kald"), ("uendret", "uendret"), ("tekst", "teksten endret"),
                      ("temaer", "temaene endret")):  # fmt: skip
        print(f"  {name}: {' | '.join(runs[key].said)}")
    if bigger is not None:
        print(f"  kald med {3 * n} svar: {' | '.join(bigger.said)}")
    load = os.getloadavg()[0]
    print(f"(maskinens last: {load:.1f} på {os.cpu_count()} kjerner)")


# ── --profile ────────────────────────────────────────────────────────────────────────

WATCHED = (
    r"generator/|pelican/(__init__|generators|writers|readers)|markdown/core|jinja2/environment"
)


def profile_builds(root: Path, n: int, m: int) -> None:
    """Cold, no-change and one-change builds under cProfile; the slowest of our functions."""
    folder = PROFILE_DIR.resolve()  # the builds run in the corpus folder
    folder.mkdir(parents=True, exist_ok=True)
    steps: list[tuple[str, Callable[[], None]]] = [
        ("kald", lambda: _clean(root)),
        ("uendret", lambda: None),
        ("ett-endret", lambda: _edit_text(root, 0)),
    ]
    print(f"korpus: {n} høringssvar, {m} fakta; profil (cProfile) av hvert bygg")
    print("Brevene lages i egne prosesser: profilen viser hovedprosessen (som venter på dem).")
    for name, prepare in steps:
        prepare()
        target = folder / f"{name}.prof"
        run = _publish(root, profile=target)
        print(f"\n== {name}: {run.seconds:.1f} s under profilering — {' | '.join(run.said)}")
        stats = pstats.Stats(str(target))
        stats.sort_stats("cumulative").print_stats(WATCHED, 25)
    print(f"Profilene ligger i {folder}/ (åpne dem f.eks. med snakeviz).")


if __name__ == "__main__":
    main()
