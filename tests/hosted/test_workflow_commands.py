"""The workflow's own command, twice at once: two runners, one post.

Exactly what the posting job runs (``stemme state run post -- stemme state post-due
--live``), started as two processes at the same moment in two clones of the example, with
the clock at 5 December 2026 08:00 Oslo. Mastodon is a real local HTTP server that answers
like the API (the channel's own code runs unchanged); X and Bluesky are switched off in the
copy's stemme.toml so only that edge exists.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from generator.core.config import Paths

from .conftest import branch_file, git

NOW = "2026-12-05T08:00+01:00"
KEY = "taushet-tar-liv-2026/2026-12-05/mastodon"
STATUS = {
    "id": "115",
    "uri": "u",
    "url": "http://mastodon.invalid/@s/115",
    "content": "<p>x</p>",
    "created_at": "2026-12-05T07:00:00.000Z",
}


@pytest.fixture
def host(project: Paths, tmp_path: Path) -> Path:
    toml = project.config.read_text(encoding="utf-8")
    toml = toml.replace('channels = ["x", "mastodon", "bluesky"]', 'channels = ["mastodon"]')
    assert 'channels = ["mastodon"]' in toml
    project.config.write_text(toml, encoding="utf-8")
    git("init", "--quiet", "--initial-branch=main", cwd=project.root)
    git("add", "-A", cwd=project.root)
    git("commit", "--quiet", "-m", "Eksempelet", cwd=project.root)
    bare = tmp_path / "vert.git"
    git("clone", "--quiet", "--bare", str(project.root), str(bare), cwd=tmp_path)
    return bare


def test_two_posting_jobs_started_together_post_once_and_both_are_recorded(
    host: Path, tmp_path: Path, rendered_cards: Path, httpserver: HTTPServer
):
    httpserver.expect_request("/api/v2/media", method="POST").respond_with_json(
        {"id": "m1", "type": "image", "url": "http://mastodon.invalid/m1.png"}
    )
    httpserver.expect_request("/api/v1/statuses", method="POST").respond_with_json(STATUS)
    venv_bin = Path(sys.executable).parent
    processes = []
    for name in ("runner-a", "runner-b"):
        clone = tmp_path / name
        git("clone", "--quiet", str(host), str(clone), cwd=tmp_path)
        shutil.copytree(rendered_cards, Paths(clone).cards)
        env = {
            **os.environ,
            "PATH": f"{venv_bin}{os.pathsep}{os.environ['PATH']}",
            "STEMME_ROOT": str(clone),
            "STEMME_DB": str(clone / "state" / "stemme.sqlite3"),
            "STEMME_MASTODON_URL": httpserver.url_for("/").rstrip("/"),
            "STEMME_MASTODON_TOKEN": "mtoken-SECRET-5555",
            "GITHUB_SERVER_URL": "https://github.test",
            "GITHUB_REPOSITORY": "org/stemme",
            "GITHUB_RUN_ID": name,
        }
        command = ["stemme", "state", "run", "post", "--",
                   "stemme", "state", "post-due", "--live", "--now", NOW]  # fmt: skip
        pipes = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True}
        processes.append(subprocess.Popen(command, cwd=clone, env=env, **pipes))
    outputs = [p.communicate(timeout=300) for p in processes]
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, out + err
        assert "mtoken-SECRET-5555" not in out + err

    statuses = [r for r, _ in httpserver.log if r.path == "/api/v1/statuses"]
    assert len(statuses) == 1  # one post across both runners
    together = "".join(out for out, _ in outputs)
    assert together.count(f"{KEY} (planlagt 05.12. kl. 08:00): publisert") == 1, together
    assert together.count("): publisert") == 1
    posts = {
        json.loads(line)["key"]: json.loads(line) for line in branch_file(host, "social_posts")
    }
    assert posts[KEY]["status"] == "published" and posts[KEY]["remote_id"] == "115"
    runs = [json.loads(line) for line in branch_file(host, "schedule_runs")]
    assert sorted(r["url"].rsplit("/", 1)[1] for r in runs) == ["runner-a", "runner-b"]
    assert {(r["job"], r["outcome"]) for r in runs} == {("post", "ok")}
