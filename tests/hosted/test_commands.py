"""``stemme state …`` as a workflow step runs it: check, run (start and end recorded), show."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from generator.cli import main
from generator.core.config import Paths
from generator.hosted.branch import StateBranch, redact
from generator.hosted.runs import branch_runs, render_runs

from .conftest import branch_file, git

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
MISSING = (
    "STEMME_X_API_KEY",
    "STEMME_X_API_SECRET",
    "STEMME_X_ACCESS_TOKEN",
    "STEMME_X_ACCESS_SECRET",
    "STEMME_BLUESKY_HANDLE",
    "STEMME_BLUESKY_APP_PASSWORD",
)


@pytest.fixture
def checkout(project: Paths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example project as the runner's checkout, with «origin» a bare repository."""
    git("init", "--quiet", "--initial-branch=main", cwd=project.root)
    git("add", "stemme.toml", cwd=project.root)
    git("commit", "--quiet", "-m", "Eksempelet", cwd=project.root)
    bare = tmp_path / "vert.git"
    git("init", "--quiet", "--bare", str(bare), cwd=tmp_path)
    git("remote", "add", "origin", str(bare), cwd=project.root)
    for name in ("STEMME_STATE_REMOTE", "STEMME_STATE_BRANCH", "GITLAB_CI", "CI_JOB_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("GITHUB_SERVER_URL", "https://github.test")
    monkeypatch.setenv("GITHUB_REPOSITORY", "org/stemme")
    monkeypatch.setenv("GITHUB_RUN_ID", "4242")
    return bare


def test_check_names_every_missing_secret_in_norwegian_and_never_a_value(
    checkout, capsys, monkeypatch
):
    monkeypatch.setenv("STEMME_MASTODON_URL", "https://mastodon.test")
    monkeypatch.setenv("STEMME_MASTODON_TOKEN", "mtoken-SECRET-5555")
    for name in MISSING:
        monkeypatch.delenv(name, raising=False)
    assert main(["state", "check", "post"]) == 1
    err = capsys.readouterr().err
    assert "Jobben «post» mangler 6 hemmeligheter på git-verten:" in err
    assert "STEMME_X_API_KEY (innlogging på X)" in err
    assert "STEMME_BLUESKY_APP_PASSWORD (innlogging på Bluesky)" in err
    assert "STEMME_MASTODON_TOKEN" not in err and "mtoken-SECRET-5555" not in err
    assert "Settings → Secrets and variables → Actions" in err


def test_on_gitlab_the_token_for_the_state_branch_is_required(checkout, capsys, monkeypatch):
    monkeypatch.setenv("GITLAB_CI", "true")
    monkeypatch.delenv("STEMME_GIT_TOKEN", raising=False)
    assert main(["state", "check", "watch"]) == 1
    assert "STEMME_GIT_TOKEN (skrivetilgang til tilstandsgrenen)" in capsys.readouterr().err


def test_check_passes_when_the_job_needs_nothing(checkout, capsys):
    assert main(["state", "check", "watch"]) == 0
    assert "Jobben «watch» har hemmelighetene den trenger." in capsys.readouterr().out


def test_run_records_start_and_end_on_the_branch_and_show_prints_them(checkout, capsys):
    assert main(["state", "run", "watch", "--", "sh", "-c", "exit 0"]) == 0
    assert main(["state", "run", "publish", "--", "sh", "-c", "exit 3"]) == 3
    runs = {
        json.loads(line)["job"]: json.loads(line) for line in branch_file(checkout, "schedule_runs")
    }
    assert runs["watch"]["outcome"] == "ok" and runs["watch"]["ended_at"]
    assert runs["publish"]["outcome"] == "feilet"
    assert runs["publish"]["detail"] == "avsluttet med kode 3"
    assert runs["publish"]["url"] == "https://github.test/org/stemme/actions/runs/4242"
    log = git("--git-dir", str(checkout), "log", "--format=%s", "stemme-state", cwd=checkout)
    assert log.splitlines() == [
        "Slutt publish: feilet",
        "Start publish",
        "Slutt watch: ok",
        "Start watch",
    ]

    capsys.readouterr()
    assert main(["state", "show"]) == 0
    out = capsys.readouterr().out
    assert "Publisering" in out and "feilet (avsluttet med kode 3)" in out
    assert "Høringsvarsling" in out and " ok" in out
    assert main(["state", "show", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [(r["job"], r["outcome"]) for r in shown] == [("publish", "feilet"), ("watch", "ok")]


def test_status_reads_the_last_runs_without_the_network(checkout, project, tmp_path):
    """The function «stemme status» uses: what the checkout last fetched, no fetch."""
    assert branch_runs(tmp_path) == []  # not a git checkout: no runs, no error
    assert branch_runs(project.root) == []  # no state branch yet
    assert main(["state", "run", "watch", "--", "true"]) == 0
    (run,) = branch_runs(project.root)
    assert (run.job, run.outcome, run.detail) == ("watch", "ok", None)
    line = render_runs([run], run.started_at + timedelta(hours=3))[0]
    assert line.startswith("Høringsvarsling") and "(3 t siden)  ok" in line


def test_the_command_in_a_run_sees_the_pulled_database(checkout, project, capsys):
    """STEMME_DB points the job's command at the state the run pulled."""
    assert main(["state", "run", "watch", "--", "sh", "-c", 'test -f "$STEMME_DB"']) == 0


def test_a_remote_with_a_token_never_shows_the_token(tmp_path: Path):
    secret = "https://stemme:glpat-SECRET123@gitlab.test/org/stemme.git"
    assert redact(f"fatal: unable to access '{secret}/'") == (
        "fatal: unable to access 'https://***@gitlab.test/org/stemme.git/'"
    )
    git("init", "--quiet", str(tmp_path / "r"), cwd=tmp_path)
    branch = StateBranch(tmp_path / "r", remote=secret)
    from generator.core.errors import StateError

    with pytest.raises(StateError) as caught:
        branch.fetch()
    assert "glpat-SECRET123" not in str(caught.value)
    assert "Kunne ikke hente tilstandsgrenen «stemme-state»" in str(caught.value)


def test_a_run_that_cannot_reach_the_branch_never_starts_its_command(
    checkout, project, tmp_path, capsys, monkeypatch
):
    monkeypatch.setenv("STEMME_STATE_REMOTE", str(tmp_path / "finnes-ikke.git"))
    marker = tmp_path / "kjørte"
    assert main(["state", "run", "watch", "--", "touch", str(marker)]) == 1
    assert not marker.exists()
    err = capsys.readouterr().err
    assert "Feil: Kunne ikke hente tilstandsgrenen «stemme-state»" in err


def test_digest_and_publish_need_what_stemme_toml_names(checkout, project, capsys, monkeypatch):
    for name in ("STEMME_SMTP_PASSWORD", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name, raising=False)
    toml = project.config.read_text(encoding="utf-8")
    toml += (
        '\n[watch.digest]\nhost = "smtp.example.no"\nuser = "varsel@example.no"\n'
        'to = ["politikk@example.no"]\n\n[deploy]\nkind = "s3"\nbucket = "stemme"\n'
    )
    project.config.write_text(toml, encoding="utf-8")
    assert main(["state", "check", "digest"]) == 1
    assert "STEMME_SMTP_PASSWORD (SMTP-passordet til e-posttjeneren)" in capsys.readouterr().err
    assert main(["state", "check", "publish"]) == 1
    err = capsys.readouterr().err
    assert "AWS_ACCESS_KEY_ID (opplasting til S3)" in err and "AWS_SECRET_ACCESS_KEY" in err
    monkeypatch.setenv("STEMME_SMTP_PASSWORD", "smtp-SECRET")
    assert main(["state", "check", "digest"]) == 0
    assert "smtp-SECRET" not in capsys.readouterr().out


def test_stemme_status_shows_each_jobs_last_run_from_the_branch(checkout, project, capsys):
    """The section «Planlagte jobber på git-verten» of ``stemme status``: a failed run is an
    alarm with the run's page, a good one is ok, and nothing is fetched."""
    capsys.readouterr()
    main(["status", "--json"])
    (before,) = next(
        s["lines"]
        for s in json.loads(capsys.readouterr().out)["sections"]
        if s["key"] == "scheduled"
    )
    assert before["level"] == "info" and "Kampanjen uten egen server" in before["text"]
    assert main(["state", "run", "watch", "--", "true"]) == 0
    assert main(["state", "run", "publish", "--", "sh", "-c", "exit 2"]) == 2
    capsys.readouterr()
    assert main(["status", "--json"]) == 1
    lines = next(
        s["lines"]
        for s in json.loads(capsys.readouterr().out)["sections"]
        if s["key"] == "scheduled"
    )
    publish, watch = lines
    assert publish["level"] == "alarm"
    assert publish["text"].startswith("Publisering: sist startet ")
    assert publish["text"].endswith("feilet (avsluttet med kode 2).")
    assert publish["fix"][0] == "https://github.test/org/stemme/actions/runs/4242"
    assert watch["level"] == "ok" and watch["text"].endswith("gikk bra.")
