"""Whole-site publish benchmark (run by `make bench`; never a timed test).

On a deterministic reference corpus (bench/corpus.py: N sent høringssvar of about 600
words plus the example content, M facts), measured side by side in one run, medians of
R rounds, every build in its own process (peak memory = its max RSS):

1. ``stemme build --publish`` cold: no output/, no .cache/
2. the same with nothing changed
3. the same after one response was edited
4. the baseline: plain Pelican (default theme, feeds) on the same Markdown, plus bare
   Pillow cards (M × 5 formats, Pool(2))
5. cold at 3 × N responses, for the growth

Goals (issue 16): cold ≤ 1.3 × baseline; no change ≤ 0.1 × cold; one response
≤ 0.3 × cold with 0 cards and 0 letters rendered; cost linear in N.

    python -m bench.site [N] [M] [R]        (defaults 1000 40 3; env STEMME_BENCH_*)
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float
    said: str  # the command's own summary line(s)


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
    said = " | ".join(line for line in output.splitlines() if not line.startswith("Advarsel"))
    return Run(seconds, usage.ru_maxrss / 1024, said[-300:])


def _publish(root: Path) -> Run:
    env = {**os.environ, "STEMME_ROOT": str(root), "STEMME_TODAY": TODAY,
           "STEMME_DB": str(root / "state" / "stemme.sqlite3")}  # fmt: skip
    return _run([sys.executable, "-m", "generator.cli", "build", "--publish"], root, env)


def _clean(root: Path) -> None:
    for folder in (root / "output", root / ".cache"):
        shutil.rmtree(folder, ignore_errors=True)


def _edit_one_response(root: Path, round_no: int) -> None:
    path = sorted((root / "content" / "hoeringssvar").glob("*referansesvar*.md"))[0]
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(f"{text}\n\nEndret i runde {round_no}.\n", encoding="utf-8")


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
    return Run(site.seconds + time.perf_counter() - start, site.peak_mb, "")


def _median(runs: list[Run]) -> Run:
    middle = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mb for r in runs),
               middle.said)  # fmt: skip


def _row(name: str, run: Run, ratio: str, goal: str, ok: bool | None) -> str:
    verdict = "" if ok is None else ("OK" if ok else "OVER MÅLET")
    return (
        f"{name:<44} {run.seconds:8.1f} s {run.peak_mb:7.0f} MB  {ratio:>14}  {goal:<12} {verdict}"
    )


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    n = int(args[0]) if args else int(os.environ.get("STEMME_BENCH_N", 1000))
    m = int(args[1]) if len(args) > 1 else int(os.environ.get("STEMME_BENCH_FACTS", 40))
    rounds = int(args[2]) if len(args) > 2 else int(os.environ.get("STEMME_BENCH_ROUNDS", 3))
    with tempfile.TemporaryDirectory(prefix="stemme-bench-") as tmp:
        scratch = Path(tmp)
        root = write_corpus(scratch / "korpus", responses=n, facts=m)
        print(f"korpus: {n} høringssvar à ca. 600 ord + eksempelinnholdet, {m} fakta; "
              f"{rounds} runder, median")  # fmt: skip
        cold, unchanged, one, plain = [], [], [], []
        for round_no in range(rounds):  # alternate, so a busy machine slows all alike
            _clean(root)
            cold.append(_publish(root))
            unchanged.append(_publish(root))
            _edit_one_response(root, round_no)
            one.append(_publish(root))
            plain.append(_baseline(root, m, scratch))
        big = write_corpus(scratch / "korpus-3x", responses=3 * n, facts=m)
        bigger = _publish(big)
        report(n, _median(cold), _median(unchanged), _median(one), _median(plain), bigger)


def report(n: int, cold: Run, unchanged: Run, one: Run, plain: Run, bigger: Run) -> None:
    print(f"{'Bygg':<44} {'tid':>10} {'topp-RSS':>10}  {'forhold':>14}  {'mål':<12}")
    print(_row("ren Pelican + rene Pillow-kort (grunnlinje)", plain, "1,00 × grunnl.", "", None))
    ratio = cold.seconds / plain.seconds
    print(
        _row("stemme build --publish, kald", cold, f"{ratio:.2f} × grunnl.", "≤ 1,3", ratio <= 1.3)
    )
    ratio = unchanged.seconds / cold.seconds
    print(_row("  uendret", unchanged, f"{ratio:.2f} × kald", "≤ 0,1", ratio <= 0.1))
    ratio = one.seconds / cold.seconds
    print(_row("  ett høringssvar endret", one, f"{ratio:.2f} × kald", "≤ 0,3", ratio <= 0.3))
    growth = bigger.seconds / cold.seconds
    print(_row(f"  kald med {3 * n} svar (vekst)", bigger, f"{growth:.2f} × kald", "≈ 3 (lineær)",
               growth <= 3.3))  # fmt: skip
    print("Hva byggene sa:")
    for name, run in (("kald", cold), ("uendret", unchanged), ("ett endret", one)):
        print(f"  {name}: {run.said}")
    load = os.getloadavg()[0]
    print(f"(maskinens last: {load:.1f} på {os.cpu_count()} kjerner)")


if __name__ == "__main__":
    main()
