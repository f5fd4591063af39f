"""The shipped workflow files: valid for their host (offline schemas), never two runs at once,
every job checks its secrets first and runs through ``stemme state run``."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.hosted.jobs import JOB_NAMES
from tests.project import ROOT

GITHUB = sorted((ROOT / ".github" / "workflows").glob("kampanje-*.yml"))
FORGEJO = sorted((ROOT / ".forgejo" / "workflows").glob("kampanje-*.yml"))
GITLAB = [ROOT / ".gitlab-ci.yml", ROOT / ".gitlab" / "ci" / "schedule.yml"]


def check_jsonschema(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    tool = Path(sys.executable).with_name("check-jsonschema")
    command = (
        [str(tool)] if tool.exists() else [shutil.which("check-jsonschema") or "check-jsonschema"]
    )
    return subprocess.run(
        [*command, "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True
    )


@pytest.mark.parametrize(
    ("schema", "files"),
    [
        ("vendor.github-workflows", GITHUB),
        ("vendor.github-workflows", FORGEJO),  # Forgejo Actions reads the same format
        ("vendor.gitlab-ci", GITLAB),
    ],
    ids=["github", "forgejo", "gitlab"],
)
def test_every_workflow_file_is_valid_for_its_host(schema: str, files: list[Path]) -> None:
    assert len(files) >= 2
    done = check_jsonschema(schema, files)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "validation done" in done.stdout


def test_the_schema_check_would_catch_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: {schedule: [{cron: 5}]}\njobs: {post: {steps: []}}\n", "utf-8")
    assert check_jsonschema("vendor.github-workflows", [broken]).returncode != 0


def _runs(steps: list[dict]) -> str:
    return "\n".join(step.get("run", "") for step in steps)


@pytest.mark.parametrize("path", GITHUB + FORGEJO, ids=lambda p: f"{p.parent.parent.name}/{p.name}")
def test_actions_workflows_run_on_a_schedule_one_at_a_time_through_the_state_branch(path):
    workflow = yaml.safe_load(path.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key «on» as True
    assert triggers["schedule"] and "workflow_dispatch" in triggers
    assert workflow["concurrency"]["cancel-in-progress"] is False
    assert workflow["permissions"] == {"contents": "write"}
    ((name, job),) = workflow["jobs"].items()
    assert name in JOB_NAMES
    script = _runs(job["steps"])
    assert f"stemme state run {name} -- " in script
    assert "${{" not in script  # secrets reach the commands only through env, never inline
    if name != "watch":
        assert f"stemme state check {name}" in script
    for value in job.get("env", {}).values():
        assert value.startswith("${{ secrets.")


def test_gitlab_jobs_run_only_from_their_schedule_and_never_overlap():
    jobs = yaml.safe_load((ROOT / ".gitlab" / "ci" / "schedule.yml").read_text(encoding="utf-8"))
    template = jobs.pop(".stemme-planlagt")
    assert 'stemme state check "$STEMME_JOB"' in template["before_script"]
    assert set(jobs) == {f"stemme-{name}" for name in JOB_NAMES}
    for name, job in jobs.items():
        short = name.removeprefix("stemme-")
        assert job["resource_group"].startswith("stemme-")
        (rule,) = job["rules"]
        assert rule["if"] == f'$CI_PIPELINE_SOURCE == "schedule" && $STEMME_JOB == "{short}"'
        assert any(f"stemme state run {short} -- " in line for line in job["script"])


def test_gitlab_reads_one_file_that_includes_the_jobs():
    assert (ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8") == (
        "# GitLab reads this file; the jobs live in .gitlab/ci/ (publish on push, the campaign's"
        " schedule).\ninclude:\n  - local: '.gitlab/ci/*.yml'\n"
    )
