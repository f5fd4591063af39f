"""The generated ``.htaccess`` on a real Apache, set up exactly as the handbook prescribes.

The example project is built for publishing, sent with ``stemme deploy`` (rsync) into a
web root, and served by Debian's ``apache2`` with ``AllowOverride`` read from the handbook.
Every page type answers 200 with the security headers, the files only hosts and deploys
read answer 404, a missing page gets the site's own 404 page, and no folder is listed.
"""

from __future__ import annotations

import shutil
import tempfile
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.core.config import Paths
from generator.core.http_headers import HEADER_CSP, LONG, SECURITY_HEADERS, SHORT
from generator.deploy.run import deploy_site
from generator.site.build import build_site
from tests.deploy.apache import apache, error_log, get, need_apache, prescribed_override
from tests.deploy.conftest import with_deploy
from tests.project import copy_project, project_env

pytestmark = [pytest.mark.slow, need_apache]
BUILD_DAY = "2026-12-05"
PAGES = ["/", "/standpunkter/", "/fakta/", "/kampanjer/taushet-tar-liv-2026/", "/om-oss/"]


@dataclass
class Served:
    url: str
    work: Path  # Apache's own folder (config, logs)
    paths: Paths  # the project that was built
    webroot: Path

    def publish(self) -> None:
        """Build for publishing and deploy into the web root, as make publish does."""
        with pytest.MonkeyPatch.context() as mp:
            for name, value in {**project_env(self.paths), "STEMME_TODAY": BUILD_DAY}.items():
                mp.setenv(name, value)
            build_site(self.paths, publish=True)
            config = with_deploy(self.paths, kind="rsync", target=str(self.webroot))
            report = deploy_site(self.paths, config)
            assert report.ok, report.outcome.failures


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    base = Path(tempfile.mkdtemp(prefix="stemme-apache-", dir="/tmp"))
    base.chmod(0o755)  # the server runs as nobody and must reach the web root
    try:
        paths = copy_project(base / "prosjekt", reuse_cards=True)
        webroot = base / "www"
        webroot.mkdir(mode=0o755)
        site = Served("", base / "apache", paths, webroot)
        site.publish()
        with apache(webroot, site.work) as url:
            site.url = url
            yield site
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_the_handbook_prescribes_no_authconfig():
    # ``Require`` (AuthConfig) in .htaccess would be a 500 under this override.
    assert prescribed_override() == "FileInfo Options Indexes"


@pytest.mark.parametrize("page", PAGES)
def test_pages_answer_with_the_security_headers(served, page):
    url, work = served.url, served.work
    status, headers, body = get(url + page)
    assert status == 200, error_log(work)
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Security-Policy"] == HEADER_CSP
    for name, value in SECURITY_HEADERS.items():
        assert headers[name] == value
    assert headers["Cache-Control"] == SHORT
    assert b"<!doctype html>" in body[:200].lower()


def test_feeds_cards_and_stylesheets_get_their_types_and_caching(served):
    url = served.url
    status, headers, _ = get(url + "/feeds/standpunkter.atom.xml")
    assert (status, headers["Content-Type"]) == (200, "application/atom+xml; charset=utf-8")
    status, headers, body = get(url + "/kort/partnerdrap-andel-kvadrat.png")
    assert status == 200 and body.startswith(b"\x89PNG")
    assert headers["Content-Type"] == "image/png"
    assert headers["Cache-Control"] == SHORT
    status, headers, _ = get(url + "/theme/fonts/lato-400.woff2")
    assert (status, headers["Content-Type"], headers["Cache-Control"]) == (200, "font/woff2", LONG)


@pytest.mark.parametrize("hidden", ["/.htaccess", "/_headers", "/.stemme-deploy.json"])
def test_files_for_hosts_and_deploys_are_not_served(served, hidden):
    url = served.url
    status, _, body = get(url + hidden)
    assert status == 404
    assert b"Stemme" not in body[:100] and b"sha256" not in body


def test_a_missing_page_gets_the_sites_own_404_and_folders_are_not_listed(served):
    url, work = served.url, served.work
    status, headers, body = get(url + "/finnes-ikke/")
    assert status == 404
    assert b"<title>Fant ikke siden" in body
    assert headers["Content-Security-Policy"] == HEADER_CSP
    status, _, body = get(url + "/theme/")
    assert status in (403, 404) and b"Index of" not in body
    assert "not allowed here" not in error_log(work)


def test_a_corrected_figure_reaches_visitors_at_once(served):
    """Runs last: it changes the served site. The card keeps its URL, so it may only be
    cached for minutes, and a revalidation after the rebuild gets the new card."""
    card = "/kort/partnerdrap-andel-kvadrat.png"
    status, headers, before = get(served.url + card)
    assert status == 200 and headers["Cache-Control"] == SHORT  # not a week
    etag = headers["ETag"]
    facts = served.paths.content / "fakta.yaml"
    text = facts.read_text("utf-8")
    assert 'figure: "1 av 4"' in text
    facts.write_text(text.replace('figure: "1 av 4"', 'figure: "1 av 5"', 1), "utf-8")
    served.publish()
    request = urllib.request.Request(served.url + card, headers={"If-None-Match": etag})
    with urllib.request.urlopen(request, timeout=10) as answer:  # a 304 would raise
        after = answer.read()
        assert answer.status == 200 and answer.headers["Cache-Control"] == SHORT
    assert after.startswith(b"\x89PNG") and after != before
