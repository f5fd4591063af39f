"""The generated ``.htaccess`` on a real Apache, set up exactly as the handbook prescribes.

The example project is built for publishing, sent with ``stemme deploy`` (rsync) into a
web root, and served by Debian's ``apache2`` with ``AllowOverride`` read from the handbook.
Every page type answers 200 with the security headers, the files only hosts and deploys
read answer 404, a missing page gets the site's own 404 page, and no folder is listed.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.deploy.run import deploy_site
from generator.site.build import build_site
from generator.site.http_headers import HEADER_CSP, LONG, SECURITY_HEADERS, SHORT
from tests.deploy.apache import apache, error_log, get, need_apache, prescribed_override
from tests.deploy.conftest import with_deploy
from tests.project import copy_project, project_env

pytestmark = [pytest.mark.slow, need_apache]
BUILD_DAY = "2026-12-05"
PAGES = ["/", "/standpunkter/", "/fakta/", "/kampanjer/taushet-tar-liv-2026/", "/om-oss/"]


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, Path]]:
    base = Path(tempfile.mkdtemp(prefix="stemme-apache-", dir="/tmp"))
    base.chmod(0o755)  # the server runs as nobody and must reach the web root
    try:
        paths = copy_project(base / "prosjekt", reuse_cards=True)
        with pytest.MonkeyPatch.context() as mp:
            for name, value in {**project_env(paths), "STEMME_TODAY": BUILD_DAY}.items():
                mp.setenv(name, value)
            build_site(paths, publish=True)
            webroot = base / "www"
            webroot.mkdir(mode=0o755)
            report = deploy_site(paths, with_deploy(paths, kind="rsync", target=str(webroot)))
            assert report.ok, report.outcome.failures
        with apache(webroot, base / "apache") as url:
            yield url, base / "apache"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_handbook_prescribes_no_authconfig():
    # ``Require`` (AuthConfig) in .htaccess would be a 500 under this override.
    assert prescribed_override() == "FileInfo Options Indexes"


@pytest.mark.parametrize("page", PAGES)
def test_pages_answer_with_the_security_headers(served, page):
    url, work = served
    status, headers, body = get(url + page)
    assert status == 200, error_log(work)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == HEADER_CSP
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert headers["Cache-Control"] == SHORT
    assert b"<!doctype html>" in body[:200].lower()


def test_feeds_cards_and_stylesheets_get_their_types_and_caching(served):
    url, _ = served
    status, headers, _ = get(url + "/feeds/standpunkter.atom.xml")
    assert (status, headers["Content-Type"]) == (200, "application/atom+xml; charset=utf-8")
    status, headers, body = get(url + "/kort/partnerdrap-andel-kvadrat.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] in (LONG, "public, max-age=31536000, immutable")


@pytest.mark.parametrize("hidden", ["/.htaccess", "/_headers", "/.stemme-deploy.json"])
def test_files_for_hosts_and_deploys_are_not_served(served, hidden):
    url, _ = served
    status, _, body = get(url + hidden)
    assert status == 404
    assert b"Stemme" not in body[:100] and b"sha256" not in body


def test_a_missing_page_gets_the_sites_own_404_and_folders_are_not_listed(served):
    url, work = served
    status, headers, body = get(url + "/finnes-ikke/")
    assert status == 404
    assert b"<title>Fant ikke siden" in body
    assert headers["Content-Security-Policy"] == HEADER_CSP
    status, _, body = get(url + "/theme/")
    assert status in (403, 404) and b"Index of" not in body
    assert "not allowed here" not in error_log(work)
