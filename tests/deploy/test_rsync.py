"""rsync into a local folder with the real rsync binary: the same commands a server gets."""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.core.errors import DeployError
from generator.deploy.run import deploy_site
from generator.deploy.site_files import MANIFEST_NAME
from tests.deploy.conftest import (
    can_switch_user,
    everything,
    missing_assets,
    read_as_nobody,
    tree,
    with_deploy,
)
from tests.project import ROOT

pytestmark = pytest.mark.skipif(
    not Path("/usr/bin/rsync").exists() and os.environ.get("CI") != "true",
    reason="rsync mangler (sudo apt-get install rsync)",
)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    folder = tmp_path / "webrot" / "stemme"
    folder.mkdir(parents=True)
    return folder


def test_first_deploy_sends_everything_world_readable(project, target):
    target.rmdir()
    target.parent.rmdir()
    old_umask = os.umask(0o077)  # a strict umask here must not make the site private there
    try:
        config = with_deploy(project, kind="rsync", target=str(target))
        report = deploy_site(project, config, create_target=True)
    finally:
        os.umask(old_umask)
    assert report.ok and len(report.outcome.sent) == 15 and report.outcome.deleted == []
    assert tree(target) == tree(project.output)
    modes = {p: mode for p, (mode, _) in everything(target).items()}
    assert {m for p, m in modes.items() if (target / p).is_dir()} == {0o755}
    assert {m for p, m in modes.items() if (target / p).is_file()} == {0o644}
    assert stat.S_IMODE(target.stat().st_mode) == 0o755
    manifest = json.loads((target / MANIFEST_NAME).read_text("utf-8"))
    assert manifest["files"]["index.html"]["type"] == "text/html; charset=utf-8"


def test_no_change_sends_nothing_and_one_change_sends_one_file(project, target):
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    assert deploy_site(project, config).outcome.sent == []
    page = project.output / "standpunkter" / "krisesentre" / "index.html"
    page.write_text(page.read_text("utf-8").replace("hver region", "hver kommune"), "utf-8")
    report = deploy_site(project, config)
    assert report.outcome.sent == ["standpunkter/krisesentre/index.html"]
    assert report.plan.unchanged == 14
    assert "hver kommune" in (target / "standpunkter/krisesentre/index.html").read_text("utf-8")


def test_removed_page_disappears_but_foreign_files_stay(project, target):
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    (target / ".well-known").mkdir()
    (target / ".well-known" / "security.txt").write_text("Contact: x\n")
    (target / "standpunkter" / "kontaktforbud" / "notat.txt").write_text("fra noen andre\n")
    (project.output / "standpunkter" / "krisesentre" / "index.html").unlink()
    (project.output / "standpunkter" / "krisesentre").rmdir()
    (project.output / "standpunkter" / "kontaktforbud" / "index.html").unlink()
    (project.output / "standpunkter" / "kontaktforbud").rmdir()
    report = deploy_site(project, config)
    assert sorted(report.outcome.deleted) == [
        "standpunkter/kontaktforbud/index.html",
        "standpunkter/krisesentre/index.html",
    ]
    assert not (target / "standpunkter" / "krisesentre").exists()  # emptied: removed
    assert (target / "standpunkter" / "kontaktforbud" / "notat.txt").is_file()  # not ours
    assert (target / ".well-known" / "security.txt").is_file()
    extra = (".well-known/security.txt", "standpunkter/kontaktforbud/notat.txt", MANIFEST_NAME)
    assert tree(target, skip=extra) == tree(project.output)


def test_dry_run_changes_nothing(project, target):
    config = with_deploy(project, kind="rsync", target=str(target))
    report = deploy_site(project, config, dry_run=True)
    assert len(report.plan.send) == 15 and report.outcome.sent == []
    assert list(target.iterdir()) == []
    deploy_site(project, config)
    (project.output / "robots.txt").write_text("User-agent: *\nDisallow: /\n")
    (project.output / "404.html").unlink()
    before = everything(target)
    report = deploy_site(project, config, dry_run=True)
    assert report.plan.send == ("robots.txt",) and report.plan.delete == ("404.html",)
    assert everything(target) == before


def test_target_inside_output_is_refused(project):
    config = with_deploy(project, kind="rsync", target=str(project.output / "kopi"))
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config)
    assert str(caught.value) == (
        f"[deploy] target = «{project.output / 'kopi'}» er output/ selv eller en mappe over "
        "eller under den. Velg en egen mappe for nettstedet, f.eks. /var/www/stemme."
    )


@contextmanager
def immutable(folder: Path) -> Iterator[None]:
    """Make ``folder`` refuse new files, even for root (ext4's immutable flag)."""
    folder.mkdir(parents=True)
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i virker ikke her (trenger root og ext4)")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_file_that_fails_stops_before_pages_and_deletions(project, target):
    """A card that can't be written: no page is sent, nothing deleted; a rerun finishes."""
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    (project.output / "kort" / "ny").mkdir()
    (project.output / "kort" / "ny" / "kort.png").write_text("\x89PNG ny")
    index = project.output / "index.html"
    index.write_text(index.read_text("utf-8").replace("forside.png", "ny/kort.png"), "utf-8")
    (project.output / "404.html").unlink()
    with immutable(target / "kort" / "ny"):
        report = deploy_site(project, config)
    assert not report.ok
    assert [f.path for f in report.outcome.failures] == ["kort/ny/kort.png"]
    assert "Operation not permitted" in report.outcome.failures[0].message
    assert report.outcome.stopped_before == 2  # index.html waits, 404.html is not deleted
    assert "forside.png" in (target / "index.html").read_text("utf-8")
    assert (target / "404.html").is_file() and missing_assets(target) == []
    again = deploy_site(project, config)
    assert again.ok and sorted(again.outcome.sent) == ["index.html", "kort/ny/kort.png"]
    assert tree(target) == tree(project.output)


HANGING_RSYNC = """#!/bin/sh
# Stand-in for rsync on PATH: the Nth call hangs (so the test can kill the deploy there).
n=$(cat "$COUNT" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$COUNT"
if [ "$n" -eq "$HANG_AT" ]; then touch "$COUNT.henger"; sleep 60; fi
exec /usr/bin/rsync "$@"
"""


def test_killed_deploy_leaves_site_whole_and_rerun_completes(project, target, tmp_path):
    """A real `stemme deploy` process, killed while it sends pages (after the assets)."""
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    for name in ("krisesentre", "kontaktforbud"):
        card = project.output / "kort" / f"{name}.png"
        card.write_bytes(card.read_bytes() + b" v2")
        page = project.output / "standpunkter" / name / "index.html"
        page.write_text(page.read_text("utf-8").replace(f"{name}.png", f"{name}-v2.png"), "utf-8")
        (project.output / "kort" / f"{name}-v2.png").write_text("\x89PNG v2")
    (project.output / "standpunkter" / "krisesentre" / "index.html").unlink()
    (project.output / "standpunkter" / "krisesentre").rmdir()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "rsync").write_text(HANGING_RSYNC)
    (bin_dir / "rsync").chmod(0o755)
    count = tmp_path / "kall"
    # calls: 1 target there?, 2 read manifest, 3 list the target, 4 compare the unchanged,
    # 5 pending manifest, 6 assets, 7 pages at depth 2 ← hang
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "COUNT": str(count),
           "HANG_AT": "7", "STEMME_ROOT": str(project.root)}  # fmt: skip
    from tests.deploy.conftest import append_deploy

    append_deploy(project, kind="rsync", target=str(target))
    stemme = [sys.executable, "-m", "generator.cli", "deploy"]
    process = subprocess.Popen(stemme, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 30
    while not Path(f"{count}.henger").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert Path(f"{count}.henger").exists()
    assert (target / "kort" / "krisesentre-v2.png").is_file()  # assets arrived first
    assert "kontaktforbud.png" in (target / "standpunkter/kontaktforbud/index.html").read_text()
    assert (target / "standpunkter" / "krisesentre" / "index.html").is_file()  # not yet deleted
    assert missing_assets(target) == []  # every page there still has its card and CSS
    pending = json.loads((target / MANIFEST_NAME).read_text("utf-8"))["files"]
    assert pending["standpunkter/kontaktforbud/index.html"] is None
    report = deploy_site(project, config)
    assert report.ok and "standpunkter/krisesentre/index.html" in report.outcome.deleted
    assert tree(target) == tree(project.output) and missing_assets(target) == []


@can_switch_user
def test_another_user_can_read_the_deployed_site(project, public_folder):
    target = public_folder / "stemme"
    target.mkdir()
    old_umask = os.umask(0o077)
    try:
        deploy_site(project, with_deploy(project, kind="rsync", target=str(target)))
    finally:
        os.umask(old_umask)
    result = read_as_nobody(target / "standpunkter" / "krisesentre" / "index.html")
    assert result.returncode == 0, result.stderr
    assert "Et krisesenter i hver region." in result.stdout


def test_a_deleted_or_defaced_file_on_the_target_is_restored(project, target, capsys):
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    (target / "index.html").unlink()
    page = target / "standpunkter" / "krisesentre" / "index.html"
    original = page.read_bytes()
    page.write_bytes(original.replace(b"Krisesentre", b"KRISESENTR!"))  # same size, same time
    os.utime(
        page, ns=(target.stat().st_atime_ns, (project.output / "index.html").stat().st_mtime_ns)
    )
    (target / "kort" / "forside.png").chmod(0o600)  # the web server could no longer read it
    report = deploy_site(project, config)
    assert report.ok
    assert report.plan.repair == {
        "index.html",
        "standpunkter/krisesentre/index.html",
        "kort/forside.png",
    }
    assert tree(target) == tree(project.output)
    assert stat.S_IMODE((target / "kort" / "forside.png").stat().st_mode) == 0o644
    assert deploy_site(project, config).plan.empty


def test_the_repair_is_reported_in_norwegian(project, target, capsys):
    from generator.cli import main
    from tests.deploy.conftest import append_deploy

    append_deploy(project, kind="rsync", target=str(target))
    assert main(["deploy"]) == 0
    (target / "index.html").unlink()
    capsys.readouterr()
    assert main(["deploy", "--dry-run"]) == 0
    assert "  ! index.html  (mangler eller er endret på målet – sendes på nytt)\n" in (
        capsys.readouterr().out
    )
    assert main(["deploy"]) == 0
    out = capsys.readouterr().out
    assert "Reparert på målet (manglet eller var endret): index.html.\n" in out
    assert (target / "index.html").is_file()


def test_temp_files_of_a_killed_rsync_are_cleaned_and_nobody_elses(project, target):
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    # What a killed rsync leaves: «.name.XXXXXX» beside the file it was writing.
    left = [target / ".index.html.Xy12Ab", target / "standpunkter" / ".index.html.q9RsT0"]
    for path in left:
        path.write_text("halv")
    theirs = target / ".notat.txt.Ab12Cd"  # not a file Stemme sends: not ours to delete
    theirs.write_text("noen andres")
    report = deploy_site(project, config)
    assert report.ok and sorted(report.outcome.cleaned) == [
        ".index.html.Xy12Ab",
        "standpunkter/.index.html.q9RsT0",
    ]
    assert not any(p.exists() for p in left) and theirs.is_file()


def test_a_lost_manifest_never_leaves_a_retracted_page_online_unsaid(project, target, capsys):
    from generator.cli import main
    from tests.deploy.conftest import append_deploy

    append_deploy(project, kind="rsync", target=str(target))
    assert main(["deploy"]) == 0
    (target / ".well-known").mkdir()
    (target / ".well-known" / "security.txt").write_text("Contact: x\n")
    (target / "CNAME").write_text("stemme.example\n")
    retracted = project.output / "standpunkter" / "kontaktforbud" / "index.html"
    retracted.unlink()
    (target / MANIFEST_NAME).unlink()  # lost (or deleted, as the old advice said)
    capsys.readouterr()
    assert main(["deploy", "--full"]) == 0
    out = capsys.readouterr().out
    assert (
        "Merk: 1 fil på målet finnes ikke i output/, og Stemme vet ikke om de er lagt ut av "
        "Stemme (.stemme-deploy.json manglet da de ble funnet). Er noen av dem sider du har "
        "fjernet, ligger de fortsatt på nett. De blir ikke slettet; «stemme deploy --prune» "
        "sletter dem (men aldri CNAME eller .well-known/):\n"
        "  ? standpunkter/kontaktforbud/index.html\n"
    ) in out
    assert (target / "standpunkter" / "kontaktforbud" / "index.html").is_file()
    # The manifest is back; every later deploy names the page again until it is dealt with.
    assert main(["deploy"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Ingenting å sende: rsync til {target} har alle 14 filer allerede.\n")
    assert "  ? standpunkter/kontaktforbud/index.html\n" in out
    assert main(["deploy", "--prune"]) == 0
    assert not (target / "standpunkter" / "kontaktforbud").exists()
    assert (target / "CNAME").is_file() and (target / ".well-known" / "security.txt").is_file()
    assert tree(target, skip=(MANIFEST_NAME, "CNAME", ".well-known/security.txt")) == tree(
        project.output
    )


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda p: p.mkdir(), "er en mappe, ikke en fil"),
        (lambda p: p.write_text("{ikke json"), "er ikke gyldig JSON"),
        (lambda p: p.write_text('{"format": 7, "files": {}}'), "har format 7"),
    ],
)
def test_every_manifest_fault_at_the_target_is_a_norwegian_error(project, target, make, problem):
    make(target / MANIFEST_NAME)
    with pytest.raises(DeployError) as caught:
        deploy_site(project, with_deploy(project, kind="rsync", target=str(target)))
    assert str(caught.value).startswith(
        f"rsync til {target}: filen .stemme-deploy.json, som husker hva som er publisert, {problem}"
    )


def test_a_target_folder_that_does_not_exist_is_an_error_even_on_a_dry_run(project, tmp_path):
    typo = tmp_path / "webrot" / "stemmme"
    config = with_deploy(project, kind="rsync", target=str(typo))
    for dry_run in (True, False):
        with pytest.raises(DeployError) as caught:
            deploy_site(project, config, dry_run=dry_run)
        assert str(caught.value) == (
            f"Målet finnes ikke: rsync til {typo}. Er det en skrivefeil i [deploy] i "
            "stemme.toml? Rett den. Skal målet lages nå (første gang), kjør «stemme deploy "
            "--create-target»."
        )
    assert not typo.exists() and not typo.parent.exists()
    report = deploy_site(project, config, dry_run=True, create_target=True)
    assert report.created and len(report.plan.send) == 15 and not typo.exists()
    report = deploy_site(project, config, create_target=True)
    assert report.ok and tree(typo) == tree(project.output)


SLOW_RSYNC = """#!/bin/sh
# Real rsync, throttled on the Nth call, so the test can kill it mid-file.
n=$(cat "$COUNT" 2>/dev/null || echo 0); n=$((n + 1)); echo $n > "$COUNT"
if [ "$n" -eq "$SLOW_AT" ]; then exec /usr/bin/rsync --bwlimit=64 "$@"; fi
exec /usr/bin/rsync "$@"
"""


def test_a_rsync_killed_mid_file_leaves_a_temp_file_the_next_deploy_removes(
    project, target, tmp_path
):
    config = with_deploy(project, kind="rsync", target=str(target))
    deploy_site(project, config)
    big = project.output / "kort" / "forside.png"
    big.write_bytes(b"\x89PNG" + os.urandom(2_000_000))  # 30 s at 64 kB/s: time to kill
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "rsync").write_text(SLOW_RSYNC)
    (bin_dir / "rsync").chmod(0o755)
    # calls: 1 target there?, 2 manifest, 3 list, 4 compare, 5 pending manifest, 6 assets
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "STEMME_ROOT":
           str(project.root), "COUNT": str(tmp_path / "kall"), "SLOW_AT": "6"}  # fmt: skip
    from tests.deploy.conftest import append_deploy

    append_deploy(project, kind="rsync", target=str(target))
    stemme = [sys.executable, "-m", "generator.cli", "deploy"]
    process = subprocess.Popen(stemme, env=env, cwd=ROOT, start_new_session=True)
    deadline = time.monotonic() + 30
    temps: list[Path] = []
    while not temps and time.monotonic() < deadline:
        temps = [p for p in (target / "kort").glob(".forside.png.*") if p.stat().st_size > 0]
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert temps and temps[0].exists()  # what a killed rsync leaves on a real target
    report = deploy_site(project, config)
    assert report.ok and report.outcome.cleaned == [f"kort/{temps[0].name}"]
    assert list((target / "kort").glob(".forside.png.*")) == []
    assert tree(target) == tree(project.output)


LOOPBACK_SSH = """#!/bin/sh
# Stand-in for ssh on PATH: «connects» to any host by running the command right here, so
# the remote code paths (host:path targets) run with the real rsync on both ends.
while [ $# -gt 0 ]; do
  case "$1" in
    -O) exit 0;;
    -o|-l|-p) shift 2;;
    -*) shift;;
    *) break;;
  esac
done
shift  # the host
exec sh -c "$*"
"""


def test_a_remote_target_over_ssh_is_checked_created_and_repaired(project, tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ssh").write_text(LOOPBACK_SSH)
    (bin_dir / "ssh").chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    folder = tmp_path / "server" / "var" / "www" / "stemme"
    config = with_deploy(project, kind="rsync", target=f"web@nettsted.lokal:{folder}")
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config, dry_run=True)
    assert str(caught.value).startswith(
        f"Målet finnes ikke: rsync til web@nettsted.lokal:{folder}."
    )
    assert deploy_site(project, config, create_target=True).ok
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert tree(folder) == tree(project.output)
    (folder / "index.html").unlink()
    report = deploy_site(project, config)
    assert report.ok and report.plan.repair == {"index.html"}
    assert tree(folder) == tree(project.output)
