"""`make serve` serves /admin/ for Sveltia's local-repository mode: the preview always has
the editor (even while the last build failed, so the mistake can be fixed there), the
public site only when [admin] names the git host."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest
import yaml

from generator.core.errors import ContentError
from generator.site.build import build_site
from generator.site.preview import PreviewServer, PreviewState, build_preview
from tests.project import copy_project, project_env

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory):
    paths = copy_project(tmp_path_factory.mktemp("lokal") / "prosjekt", reuse_cards=True)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        mp.setenv("STEMME_TODAY", "2026-12-05")
        assert build_preview(paths).ok
        build_site(paths, publish=True)
        yield paths


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_the_preview_has_the_editor_and_the_public_site_only_with_admin(project):
    admin = project.preview / "admin"
    config = yaml.safe_load((admin / "config.yml").read_text("utf-8"))
    assert config["backend"]["name"] == "github"  # local-repository mode needs a git backend
    assert (admin / "sveltia-cms.js").stat().st_size > 2_000_000
    assert not (project.output / "admin").exists()  # no [admin] in the example stemme.toml
    assert "/admin/" not in (project.output / "_headers").read_text("utf-8")


def test_the_editor_is_served_even_while_the_content_is_broken(project):
    broken = PreviewState(False, 0.1, errors=[ContentError("feil.", file="content/x.md")])
    with PreviewServer(project, 0, broken) as server:
        status, html = _get(server.port, "/admin/")
        assert status == 200 and '<script src="/admin/sveltia-cms.js">' in html
        assert 'http-equiv="Content-Security-Policy"' in html
        assert _get(server.port, "/admin/config.yml")[0] == 200
        assert _get(server.port, "/")[0] == 500  # the site's pages show the messages
