"""Publish on save: the git hosts' workflow files are valid for their host (checked with
check-jsonschema's vendored schemas, offline) and each one checks before it publishes, on
every push to main, with the deploy secrets taken from the host's secrets."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.project import ROOT

GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
FORGEJO = ROOT / ".forgejo" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab" / "ci" / "publish.yml"
GITLAB_ROOT = ROOT / ".gitlab-ci.yml"
SECRETS = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "STEMME_DEPLOY_SSH_KEY",
           "STEMME_DEPLOY_KNOWN_HOSTS")  # fmt: skip


def _validate(schema: str, *files: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, *map(str, files)],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("schema", "path"),
    [
        ("vendor.github-workflows", GITHUB),
        ("vendor.github-workflows", FORGEJO),  # Forgejo Actions reads GitHub's format
        ("vendor.gitlab-ci", GITLAB),
        ("vendor.gitlab-ci", GITLAB_ROOT),
    ],
    ids=lambda v: v if isinstance(v, str) else v.relative_to(ROOT).as_posix(),
)
def test_workflow_files_are_valid_for_their_host(schema: str, path: Path):
    result = _validate(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_validator_does_fail_a_broken_workflow(tmp_path):
    broken = yaml.safe_load(GITHUB.read_text("utf-8"))
    del broken["jobs"]["publiser"]["runs-on"]
    path = tmp_path / "publish.yml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    assert _validate("vendor.github-workflows", path).returncode == 1


def test_gitlab_reads_the_jobs_from_its_ci_folder():
    assert GITLAB_ROOT.read_text("utf-8") == (
        "# GitLab reads this file; the jobs live in .gitlab/ci/ (publish on push, the "
        "campaign's schedule).\ninclude:\n  - local: '.gitlab/ci/*.yml'\n"
    )


def _steps(path: Path) -> str:
    """The commands a workflow runs, in order, as one text."""
    data = yaml.safe_load(path.read_text("utf-8"))
    if path == GITLAB:
        job = data["publiser"]
        return "\n".join([*job["before_script"], *job["script"]])
    (job,) = data["jobs"].values()
    return "\n".join(step.get("run", step.get("uses", "")) for step in job["steps"])


@pytest.mark.parametrize("path", [GITHUB, FORGEJO, GITLAB], ids=["github", "forgejo", "gitlab"])
def test_each_host_checks_then_publishes_on_push_to_main(path: Path):
    text = path.read_text("utf-8")
    data = yaml.safe_load(text)
    commands = _steps(path)
    assert commands.index("stemme check") < commands.index("make publish")
    assert "exit 1" in commands  # a failed check stops the job before anything is published
    assert "Nettstedet på nett er uendret" in commands
    if path == GITLAB:
        assert (
            '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"'
            in (data["publiser"]["rules"][0]["if"])
        )
        assert data["publiser"]["resource_group"] == "publiser"
        for name in SECRETS:  # CI/CD variables arrive as environment variables
            assert name in text
    else:
        assert data[True]["push"]["branches"] == ["main"]  # YAML 1.1 reads «on» as True
        assert data["concurrency"]["cancel-in-progress"] is False
        for name in SECRETS:
            assert f"${{{{ secrets.{name} }}}}" in text
