"""The output swap: world-readable, old site or new site at every instant, cleaned up after
a killed build. Kills are real (a child process SIGKILLs itself between two steps)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.core.swap import recover, swap_in
from generator.site.build import build_site
from tests.project import ROOT, copy_project, project_env


def _site(folder: Path, text: str) -> Path:
    (folder / "standpunkter").mkdir(parents=True)
    (folder / "index.html").write_text(text)
    (folder / "standpunkter" / "index.html").write_text(text)
    return folder


def _killed_swap(tmp_path: Path, exchange: bool, kill_after: str) -> None:
    """Run swap_in in a child that SIGKILLs itself right after ``kill_after`` happens."""
    script = textwrap.dedent(f"""
        import os, shutil, signal
        from pathlib import Path
        from generator.core import swap
        if not {exchange}:
            swap._exchange = lambda a, b: False
        real_rename, real_exchange = os.rename, swap._exchange
        def rename(src, dst):
            real_rename(src, dst)
            if "{kill_after}" == "rename" and ".gammel-" in str(dst):
                os.kill(os.getpid(), signal.SIGKILL)
        def exchange(a, b):
            done = real_exchange(a, b)
            if "{kill_after}" == "exchange" and done:
                os.kill(os.getpid(), signal.SIGKILL)
            return done
        os.rename, swap._exchange = rename, exchange
        swap.swap_in(Path({str(tmp_path / ".output.ny-1")!r}), Path({str(tmp_path / "output")!r}))
    """)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True)
    assert result.returncode == -9, result.stderr.decode()


def test_killed_between_the_two_renames_the_next_run_puts_the_old_site_back(tmp_path):
    _site(tmp_path / "output", "gammel")
    _site(tmp_path / ".output.ny-1", "ny")
    _killed_swap(tmp_path, exchange=False, kill_after="rename")
    assert not (tmp_path / "output").exists()  # the window the fallback can't avoid
    recover(tmp_path / "output")
    assert (tmp_path / "output" / "index.html").read_text() == "gammel"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


def test_killed_after_the_exchange_the_new_site_is_in_place(tmp_path):
    _site(tmp_path / "output", "gammel")
    _site(tmp_path / ".output.ny-1", "ny")
    _killed_swap(tmp_path, exchange=True, kill_after="exchange")
    assert (tmp_path / "output" / "index.html").read_text() == "ny"
    assert (tmp_path / ".output.ny-1" / "index.html").read_text() == "gammel"
    recover(tmp_path / "output")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


@pytest.mark.parametrize("exchange", [True, False])
def test_swap_replaces_the_site(tmp_path, monkeypatch, exchange):
    from generator.core import swap

    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda a, b: False)
    _site(tmp_path / "output", "gammel")
    _site(tmp_path / ".output.ny-1", "ny")
    swap_in(tmp_path / ".output.ny-1", tmp_path / "output")
    assert (tmp_path / "output" / "index.html").read_text() == "ny"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["output"]


@pytest.fixture
def project(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "prosjekt", reuse_cards=True)
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    return paths


@pytest.mark.slow
def test_build_is_world_readable_and_removes_what_a_killed_build_left(project):
    _site(project.root / ".output.ny-k1ll3d", "halvferdig")  # a build killed mid-way
    _site(project.root / ".output.gammel-4242", "eldre")
    old_umask = os.umask(0o077)
    try:
        build_site(project, publish=True)
    finally:
        os.umask(old_umask)
    leftovers = sorted(p.name for p in project.root.iterdir() if p.name.startswith(".output"))
    assert leftovers == [".output.lock"]
    modes = {
        p: stat.S_IMODE(p.stat().st_mode) for p in [project.output, *project.output.rglob("*")]
    }
    assert {m for p, m in modes.items() if p.is_dir()} == {0o755}
    assert {m for p, m in modes.items() if p.is_file()} == {0o644}
