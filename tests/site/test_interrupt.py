"""Ctrl+C during a real build: one Norwegian line, exit code 130, no traceback, and
nothing half-written (no output/, no temp folder beside it)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from generator.cli import INTERRUPTED
from tests.project import copy_project, project_env

LINE = "Avbrutt (Ctrl+C). Ingenting er halvveis skrevet: forrige versjon av nettstedet står urørt."


def test_ctrl_c_in_the_middle_of_a_build(tmp_path):
    paths = copy_project(tmp_path / "prosjekt")
    env = {**os.environ, **project_env(paths), "STEMME_TODAY": "2026-12-05"}
    build = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "build", "--publish"],
        cwd=paths.root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, like a terminal's foreground job
    )
    cards = paths.cache / "kort"
    deadline = time.monotonic() + 120
    # Wait until the workers are rendering cards (a cold cache: there are 126 to make).
    while not any(cards.rglob("*.png")) and time.monotonic() < deadline:
        assert build.poll() is None, build.communicate()
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGINT)  # what Ctrl+C in a terminal does
    out, err = build.communicate(timeout=120)
    assert build.returncode == INTERRUPTED, (out, err)
    assert [line for line in err.splitlines() if line.strip()] == [LINE]
    assert "Traceback" not in out + err
    assert not paths.output.exists()
    assert not list(paths.cache.rglob("*.tmp"))  # no file left half-written
    assert [p.name for p in paths.root.iterdir() if p.name.startswith(".output")] in (
        [],
        [".output.lock"],
    )


def test_ctrl_c_in_any_command_is_one_line_and_130(project, capsys, monkeypatch):
    from generator.cli import main

    def interrupted(_ctx):
        raise KeyboardInterrupt

    monkeypatch.setattr("generator.status.commands.collect", interrupted)
    assert main(["status"]) == INTERRUPTED
    assert capsys.readouterr().err.strip() == "Avbrutt (Ctrl+C)."
