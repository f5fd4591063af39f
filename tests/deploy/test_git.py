"""git into a local bare repository: one commit per deploy on the branch, never forced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.core.errors import DeployError
from generator.deploy.run import deploy_site
from generator.deploy.site_files import MANIFEST_NAME
from tests.deploy.conftest import tree, with_deploy


def git(*args: str, repo: Path) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    repo = tmp_path / "nettsted.git"
    subprocess.run(["git", "init", "--bare", "--quiet", str(repo)], check=True)
    return repo


def branch_tree(repo: Path, tmp_path: Path, branch: str = "gh-pages") -> dict[str, str]:
    """Check the branch out into a fresh folder and hash its site files (like ``tree``)."""
    out = tmp_path / f"utsjekk-{len(list(tmp_path.glob('utsjekk-*')))}"
    git("clone", "--quiet", "--branch", branch, str(repo), str(out), repo=tmp_path)
    shutil.rmtree(out / ".git")
    return tree(out, skip=(MANIFEST_NAME, ".nojekyll", "CNAME"))


def commits(repo: Path, branch: str = "gh-pages") -> int:
    return int(git("rev-list", "--count", branch, repo=repo))


def test_deploy_is_one_commit_with_the_whole_site(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    report = deploy_site(project, config)
    assert report.ok and len(report.outcome.sent) == 15
    assert commits(remote) == 1
    assert branch_tree(remote, tmp_path) == tree(project.output)
    listing = git("ls-tree", "-r", "gh-pages", repo=remote)
    assert ".nojekyll" in listing and MANIFEST_NAME in listing
    assert {line.split()[0] for line in listing.splitlines()} == {"100644"}
    author = git("log", "-1", "--format=%an <%ae>|%s", "gh-pages", repo=remote)
    assert author == (
        "Krisesentersekretariatet <post@krisesentersekretariatet.example>|"
        "Publisert med Stemme: 15 filer sendt, 0 slettet"
    )


def test_no_change_makes_no_commit_and_one_change_sends_one_file(project, remote):
    config = with_deploy(project, kind="git", target=str(remote), branch="nettsted")
    deploy_site(project, config)
    assert deploy_site(project, config).outcome.sent == []
    assert commits(remote, "nettsted") == 1
    (project.output / "robots.txt").write_text("User-agent: *\nDisallow: /utkast/\n")
    assert deploy_site(project, config).outcome.sent == ["robots.txt"]
    assert commits(remote, "nettsted") == 2


def test_removed_page_disappears_but_cname_stays(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    deploy_site(project, config)
    work = tmp_path / "arbeid"  # somebody sets a custom domain on GitHub: a CNAME commit
    subprocess.run(["git", "clone", "-q", "-b", "gh-pages", str(remote), str(work)], check=True)
    (work / "CNAME").write_text("krisesentersekretariatet.example\n")
    git("add", "CNAME", repo=work)
    git("-c", "user.name=GitHub", "-c", "user.email=gh@example", "commit", "-qm", "CNAME",
        repo=work)  # fmt: skip
    git("push", "-q", "origin", "gh-pages", repo=work)
    (project.output / "standpunkter" / "krisesentre" / "index.html").unlink()
    report = deploy_site(project, config)
    assert report.outcome.deleted == ["standpunkter/krisesentre/index.html"]
    listing = git("ls-tree", "-r", "--name-only", "gh-pages", repo=remote).splitlines()
    assert "CNAME" in listing and "standpunkter/krisesentre/index.html" not in listing
    assert branch_tree(remote, tmp_path) == tree(project.output)


def test_dry_run_makes_no_commit(project, remote):
    config = with_deploy(project, kind="git", target=str(remote))
    report = deploy_site(project, config, dry_run=True)
    assert len(report.plan.send) == 15
    assert git("branch", "--list", repo=remote) == ""


def test_a_push_that_fails_changes_nothing_and_a_rerun_completes(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    deploy_site(project, config)
    before = git("rev-parse", "gh-pages", repo=remote)
    (project.output / "index.html").write_text("<!doctype html><title>Ny forside</title>\n")
    hook = remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho 'serveren er full' >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config)
    assert str(caught.value).startswith(
        f"Kunne ikke sende til git til {remote} (grenen gh-pages); nettstedet der er uendret. "
        "Kjør «stemme deploy» på nytt."
    )
    assert "serveren er full" in str(caught.value)
    assert git("rev-parse", "gh-pages", repo=remote) == before
    hook.unlink()
    assert deploy_site(project, config).outcome.sent == ["index.html"]
    assert branch_tree(remote, tmp_path) == tree(project.output)


def edit_branch(repo: Path, tmp_path: Path, change, branch: str = "gh-pages") -> None:
    """Somebody else changes the branch: clone, ``change(folder)``, commit all, push."""
    out = tmp_path / f"andre-{len(list(tmp_path.glob('andre-*')))}"
    git("clone", "--quiet", "--branch", branch, str(repo), str(out), repo=tmp_path)
    change(out)
    git("add", "--all", repo=out)
    git("-c", "user.name=Noen", "-c", "user.email=noen@example.org", "commit", "--quiet",
        "-m", "endret for hånd", repo=out)  # fmt: skip
    git("push", "--quiet", "origin", branch, repo=out)


def test_deletions_are_literal_paths_never_patterns(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    (project.output / "CNAM?").write_text("Stemmes fil med et rart navn\n")
    (project.output / "*.txt").write_text("også Stemmes\n")
    deploy_site(project, config)

    def theirs(folder: Path) -> None:  # the host's files; Stemme's odd ones already gone
        (folder / "CNAME").write_text("stemme.example.org\n")
        (folder / "google1234.txt").write_text("google-site-verification\n")
        (folder / "CNAM?").unlink()
        (folder / "*.txt").unlink()

    edit_branch(remote, tmp_path, theirs)
    (project.output / "CNAM?").unlink()
    (project.output / "*.txt").unlink()
    report = deploy_site(project, config)  # the manifest still lists «CNAM?» and «*.txt»
    assert report.ok and report.plan.delete == ("*.txt", "CNAM?")
    listing = git("ls-tree", "-r", "--name-only", "gh-pages", repo=remote).splitlines()
    assert "CNAME" in listing and "google1234.txt" in listing and "robots.txt" in listing
    assert "CNAM?" not in listing and "*.txt" not in listing


def test_a_file_deleted_or_defaced_on_the_branch_is_restored(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    deploy_site(project, config)

    def deface(folder: Path) -> None:
        (folder / "index.html").unlink()
        (folder / "standpunkter" / "krisesentre" / "index.html").write_text("<h1>Hacket</h1>")

    edit_branch(remote, tmp_path, deface)
    report = deploy_site(project, config)
    assert report.ok
    assert report.plan.repair == {"index.html", "standpunkter/krisesentre/index.html"}
    assert branch_tree(remote, tmp_path) == tree(project.output)
    assert deploy_site(project, config).plan.empty


def test_a_manifest_that_is_a_folder_on_the_branch_is_a_norwegian_error(project, remote, tmp_path):
    config = with_deploy(project, kind="git", target=str(remote))
    deploy_site(project, config)

    def folder(out: Path) -> None:
        (out / MANIFEST_NAME).unlink()
        (out / MANIFEST_NAME).mkdir()
        (out / MANIFEST_NAME / "x").write_text("x")

    edit_branch(remote, tmp_path, folder)
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config)
    assert str(caught.value).startswith(
        f"git til {remote} (grenen gh-pages): filen .stemme-deploy.json, som husker hva som er "
        "publisert, er en mappe, ikke en fil. Slett .stemme-deploy.json på målet"
    )


def test_a_repository_that_does_not_exist_is_an_error_unless_asked_to_create(project, tmp_path):
    typo = tmp_path / "nettsed.git"
    config = with_deploy(project, kind="git", target=str(typo))
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config, dry_run=True)
    assert str(caught.value).startswith(f"Målet finnes ikke: git til {typo} (grenen gh-pages).")
    assert not typo.exists()
    assert deploy_site(project, config, create_target=True).ok
    assert commits(typo) == 1
