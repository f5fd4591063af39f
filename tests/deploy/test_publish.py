"""`make publish` end to end, for each kind: the Makefile's own publish recipe, run on a
real build of the example project. The site lands readable for another user, and a page
removed from content disappears from the target on the next publish."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import boto3
import pytest

from generator.core.config import Paths
from tests.deploy.conftest import append_deploy, can_switch_user, read_as_nobody, tree
from tests.project import ROOT, copy_project, project_env

pytestmark = pytest.mark.slow
REMOVED = "standpunkter/hjelp-til-voldsutovere/index.html"


def publish_recipe() -> list[str]:
    """The command lines of the Makefile's ``publish`` target."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^publish:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    assert recipe
    return [line.strip() for line in recipe.group(1).splitlines()]


def make_publish(paths: Paths, env: dict[str, str] | None = None, umask: int = 0o022) -> str:
    """Run the publish recipe as make would (with this venv's stemme); return stdout."""
    stemme = f"{shlex.quote(sys.executable)} -m generator.cli"
    environment = {**os.environ, **project_env(paths), **(env or {}), "PYTHONPATH": str(ROOT)}
    out = []
    for line in publish_recipe():
        command = line.replace("$(STEMME)", stemme)
        result = subprocess.run(command, shell=True, env=environment, cwd=paths.root,
                                capture_output=True, text=True,
                                preexec_fn=lambda: os.umask(umask))  # fmt: skip
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        out.append(result.stdout)
    return "".join(out)


def test_publish_builds_then_deploys_and_nothing_else_deploys():
    assert publish_recipe() == ["$(STEMME) build --publish", "$(STEMME) deploy --if-configured"]
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipes = re.findall(r"^([a-z-]+):.*\n((?:\t.*\n)*)", makefile, re.MULTILINE)
    deploying = [name for name, body in recipes if "deploy" in body]
    assert deploying == ["publish"]


@pytest.fixture
def project(tmp_path: Path) -> Paths:
    return copy_project(tmp_path / "prosjekt", reuse_cards=True)


def test_fresh_clone_builds_and_says_how_to_configure(project):
    out = make_publish(project)
    assert (project.output / "index.html").is_file()
    assert f"Nettstedet er bygget i {project.output}/, men ikke publisert" in out


@can_switch_user
def test_rsync_publish_is_readable_by_another_user_and_follows_removals(project, public_folder):
    target = public_folder / "stemme"
    target.mkdir()
    append_deploy(project, kind="rsync", target=str(target))
    out = make_publish(project, umask=0o077)  # a strict umask on the staff's machine
    assert "Ferdig: nettstedet er oppdatert." in out
    assert tree(target) == tree(project.output)
    page = read_as_nobody(target / "standpunkter" / "index.html")
    assert page.returncode == 0 and "Standpunkter" in page.stdout
    assert read_as_nobody(target / "theme" / "css" / "farger.css").returncode == 0
    (project.positions / "hjelp-til-voldsutovere.md").unlink()
    make_publish(project)
    assert not (target / REMOVED).exists()
    assert tree(target) == tree(project.output)


def test_s3_publish_follows_removals(project, s3_server, monkeypatch):
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-north-1",
                          aws_access_key_id="k", aws_secret_access_key="h")  # fmt: skip
    client.create_bucket(
        Bucket="publisering", CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    append_deploy(project, kind="s3", bucket="publisering", endpoint_url=s3_server,
                  region="eu-north-1")  # fmt: skip
    keys = {"AWS_ACCESS_KEY_ID": "k", "AWS_SECRET_ACCESS_KEY": "h"}
    make_publish(project, env=keys)
    listed = {o["Key"] for o in client.list_objects_v2(Bucket="publisering")["Contents"]}
    assert REMOVED in listed and len(listed) == len(tree(project.output)) + 1
    (project.positions / "hjelp-til-voldsutovere.md").unlink()
    make_publish(project, env=keys)
    listed = {o["Key"] for o in client.list_objects_v2(Bucket="publisering")["Contents"]}
    assert listed == set(tree(project.output)) | {".stemme-deploy.json"}


def test_git_publish_follows_removals(project, tmp_path):
    remote = tmp_path / "nettsted.git"
    subprocess.run(["git", "init", "--bare", "-q", str(remote)], check=True)
    append_deploy(project, kind="git", target=str(remote))
    make_publish(project)
    (project.positions / "hjelp-til-voldsutovere.md").unlink()
    make_publish(project)
    listing = subprocess.run(
        ["git", "-C", str(remote), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert REMOVED not in listing
    assert set(listing) == set(tree(project.output)) | {".stemme-deploy.json", ".nojekyll"}
