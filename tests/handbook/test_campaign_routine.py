"""The campaign routine as a new staff member follows it: every cron line is the live one,
`make post` does what its help says, and the README's commands work as typed."""

from __future__ import annotations

import re
import subprocess

from tests.project import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "handbook" / "docs").rglob("*.md"))]
CRON = re.compile(r"(?:^|`|\s)((?:[\d*/,-]+\s+){5}cd\s.+?)(?:`|$)", re.M)
ROUTINE = ROOT / "handbook" / "docs" / "rutiner" / "16-dager.md"


def _cron_lines() -> list[tuple[str, str]]:
    return [
        (doc.name, m.group(1))
        for doc in DOCS
        for m in CRON.finditer(doc.read_text(encoding="utf-8"))
    ]


def test_every_cron_line_that_posts_is_the_live_one():
    lines = _cron_lines()
    posting = [line for _, line in lines if "post" in line.split("&&")[-1]]
    assert len(posting) >= 2  # README and the routine
    for line in posting:
        assert "stemme post due --live" in line, line
        assert "make post" not in line, line
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        assert not re.search(r"cron[^.\n]*`make post`", text), doc.name


def test_the_routine_gives_the_three_jobs_and_what_the_nightly_publish_is_for():
    text = ROUTINE.read_text(encoding="utf-8")
    jobs = [line for name, line in _cron_lines() if name == ROUTINE.name]
    assert any(".venv/bin/stemme post due --live" in j for j in jobs)
    assert any("make publish" in j for j in jobs)
    assert any(".venv/bin/stemme watch" in j for j in jobs)
    assert "crontab -e" in text and "stemme status" in text
    assert "feeder (Atom)" in text and "«Siste …»" in text
    assert "IKKE SENDT" in text


def _make(*args: str) -> str:
    done = subprocess.run(
        ["make", "-n", *args], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return done.stdout


def test_make_post_is_a_dry_run_and_says_so_and_post_live_posts():
    dry = [line for line in _make("post").splitlines() if "stemme post" in line]
    live = [line for line in _make("post-live").splitlines() if "stemme post" in line]
    assert dry == [".venv/bin/stemme post due"]
    assert live == [".venv/bin/stemme post due --live"]
    assert ".venv/bin/stemme status" in _make("status")
    helps = subprocess.run(["make", "-s", "help"], cwd=ROOT, capture_output=True, text=True)
    lines = {line.split()[1]: line for line in helps.stdout.splitlines()}
    assert "Prøvekjøring" in lines["post"] and "sender ingenting" in lines["post"]
    assert "på ordentlig" in lines["post-live"]


def test_the_readme_says_how_stemme_is_found_before_its_first_command_and_it_works():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("## Kom i gang")
    first = re.search(r"(?m)^stemme [a-z]|`stemme [a-z]", text).start()
    activate = text.index(". .venv/bin/activate")
    assert start < activate < first
    getting_started = text[start : text.index("## Hva ligger hvor")]
    assert "`rsync`" in getting_started and "rsync" in getting_started.split("apt-get")[1]
    done = subprocess.run(
        ["bash", "-c", ". .venv/bin/activate && stemme status --help"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "Kampanjen på én skjerm" in done.stdout
