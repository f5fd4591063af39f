"""Whole-site publish benchmark (run by `make bench`; never a timed test).

On a deterministic reference corpus (bench/corpus.py: N sent høringssvar of about 600
words plus the example content, M facts), measured side by side in one run, medians of
R rounds, every build in its own process (peak memory = its max RSS, workers included):

1. ``stemme build --publish`` cold: no output/, no .cache/
2. the same with nothing changed (the no-change shortcut)
3. the same after one response's text was edited (its page and its own letter change)
4. the same after one response's topics were edited (no letter depends on them)
5. the baseline: plain Pelican (default theme, feeds) on the same Markdown, plus bare
   Pillow cards (M × 5 formats, Pool(2))
6. cold at 3 × N responses, for the growth

Every sent response is also a PDF letter (WeasyPrint), which the baseline does not make:
the table shows the letters' share of the cold build (the build's own time for them,
«Brev (PDF): … (X s)») and the cold build without it. Each build's own summary (texts
converted, cards and letters made / unchanged) is printed under the table.

Goals (issue 16): cold ≤ 1.3 × baseline; no change ≤ 0.1 × cold; one response
≤ 0.3 × cold with 0 cards and no letter but its own; cost linear in N.

    python -m bench.site [N] [M] [R]        (defaults 1000 40 3; env STEMME_BENCH_*)
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


def _baseline(root: Path, facts: int, scratch: Path) -> Run:
    """Plain Pelican on the same Markdown (status lines dropped: plain Pelican skips
    «sendt»), then bare Pillow cards for every fact × 5 formats on two processes."""
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
    return Run(site.seconds + time.perf_counter() - start, site.peak_mb)


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


def _arguments(argv: list[str]) -> tuple[bool, int, int, int]:
    profile = "--profile" in argv
    args = [a for a in argv if a != "--profile"]
    n = int(args[0]) if args else int(os.environ.get("STEMME_BENCH_N", 1000))
    m = int(args[1]) if len(args) > 1 else int(os.environ.get("STEMME_BENCH_FACTS", 40))
    rounds = int(args[2]) if len(args) > 2 else int(os.environ.get("STEMME_BENCH_ROUNDS", 3))
    return profile, n, m, rounds


def main(argv: list[str] | None = None) -> None:
    profile, n, m, rounds = _arguments(argv if argv is not None else sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="stemme-bench-") as tmp:
        scratch = Path(tmp)
        root = write_corpus(scratch / "korpus", responses=n, facts=m)
        if profile:
            profile_builds(root, n, m)
            return
        print(f"korpus: {n} høringssvar à ca. 600 ord + eksempelinnholdet, {m} fakta; "
              f"{rounds} runder, median")  # fmt: skip
        runs: dict[str, list[Run]] = {k: [] for k in ("kald", "uendret", "tekst", "temaer", "ren")}
        for round_no in range(rounds):  # alternate, so a busy machine slows all alike
            _clean(root)
            runs["kald"].append(_publish(root))
            runs["uendret"].append(_publish(root))
            _edit_text(root, round_no)
            runs["tekst"].append(_publish(root))
            _edit_topics(root, round_no)
            runs["temaer"].append(_publish(root))
            runs["ren"].append(_baseline(root, m, scratch))
        big = write_corpus(scratch / "korpus-3x", responses=3 * n, facts=m)
        bigger = _publish(big)
        report(n, {k: _median(v) for k, v in runs.items()}, bigger)


def report(n: int, runs: dict[str, Run], bigger: Run) -> None:
    cold, plain = runs["kald"], runs["ren"]
    letters = cold.took("Brev (PDF)")
    print(f"{'Bygg':<44} {'tid':>10} {'topp-RSS':>10}  {'forhold':>15}  {'mål':<13}")
    print(_row("ren Pelican + rene Pillow-kort (grunnlinje)", plain.seconds, _mb(plain),
               "1,00 × grunnl.", "", None))  # fmt: skip
    ratio = cold.seconds / plain.seconds
    print(_row("stemme build --publish, kald", cold.seconds, _mb(cold),
               f"{ratio:.2f} × grunnl.", "≤ 1,3", ratio <= 1.3))  # fmt: skip
    share = f"{100 * letters / cold.seconds:.0f} % av kald"
    print(_row("  herav brevene (PDF, byggets egen tid)", letters, "", share, "", None))
    ratio = (cold.seconds - letters) / plain.seconds
    print(_row("  kald uten brevene", cold.seconds - letters, "", f"{ratio:.2f} × grunnl.",
               "≤ 1,3", ratio <= 1.3))  # fmt: skip
    for key, name, goal in (
        ("uendret", "  uendret", 0.1),
        ("tekst", "  ett høringssvar endret (teksten)", 0.3),
        ("temaer", "  ett høringssvar endret (temaene)", 0.3),
    ):
        ratio = runs[key].seconds / cold.seconds
        print(_row(name, runs[key].seconds, _mb(runs[key]), f"{ratio:.2f} × kald",
                   f"≤ {goal:.1f}".replace(".", ","), ratio <= goal))  # fmt: skip
    growth = bigger.seconds / cold.seconds
    print(_row(f"  kald med {3 * n} svar (vekst)", bigger.seconds, _mb(bigger),
               f"{growth:.2f} × kald", "≈ 3 (lineær)", growth <= 3.3))  # fmt: skip
    print("Hva byggene sa:")
    for key, name in (("kald", "kald"), ("uendret", "uendret"), ("tekst", "teksten endret"),
                      ("temaer", "temaene endret")):  # fmt: skip
        print(f"  {name}: {' | '.join(runs[key].said)}")
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
