"""git into a local bare repository: one commit per deploy on the branch, never forced."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from generator.core.errors import DeployError
from generator.deploy.files import MANIFEST_NAME
from generator.deploy.run import deploy_site
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
