"""The plan: what is sent and deleted, in an order that keeps the live site whole."""

from __future__ import annotations

import pytest

from generator.core.errors import DeployError
from generator.deploy.manifest import Manifest
from generator.deploy.plan import Survey, make_plan
from generator.deploy.site_files import scan_site
from tests.deploy.conftest import write_site


def test_first_plan_sends_assets_then_pages_deepest_first_then_feeds(tmp_path):
    files = scan_site(write_site(tmp_path / "site"))
    plan = make_plan(files, None)
    assert plan.send == (
        ".htaccess",
        "_headers",
        "kort/forside.png",
        "kort/kontaktforbud.png",
        "kort/krisesentre.png",
        "theme/css/site.css",
        "theme/js/quick-exit.js",
        "standpunkter/kontaktforbud/index.html",
        "standpunkter/krisesentre/index.html",
        "standpunkter/index.html",
        "404.html",
        "index.html",
        "feeds/standpunkter.atom.xml",
        "robots.txt",
        "sitemap.xml",
    )
    assert [len(b) for b in plan.batches()] == [7, 2, 1, 2, 3]
    assert plan.new == frozenset(plan.send) and plan.delete == ()


def test_unchanged_files_stay_pending_ones_are_resent_removed_ones_deleted(tmp_path):
    files = scan_site(write_site(tmp_path / "site"))
    remote = Manifest({path: f.entry for path, f in files.items()})
    remote.files["kort/forside.png"] = None  # sent by a deploy that was stopped
    remote.files["standpunkter/gammel/index.html"] = {"sha256": "0" * 64}
    remote.files["standpunkter/gammel/kort/a.png"] = {"sha256": "1" * 64}
    plan = make_plan(files, remote)
    assert plan.send == ("kort/forside.png",) and plan.new == frozenset()
    assert plan.delete == ("standpunkter/gammel/index.html", "standpunkter/gammel/kort/a.png")
    assert plan.delete_folders == ("standpunkter/gammel/kort", "standpunkter/gammel")
    assert plan.unchanged == 14


def test_a_changed_header_policy_resends_the_file(tmp_path):
    files = scan_site(write_site(tmp_path / "site"))
    remote = Manifest({path: f.entry for path, f in files.items()})
    remote.files["kort/forside.png"] = {**files["kort/forside.png"].entry, "cache": "no-store"}
    assert make_plan(files, remote).send == ("kort/forside.png",)
    assert len(make_plan(files, remote, full=True).send) == 15


def test_manifest_round_trip():
    manifest = Manifest({"index.html": {"sha256": "a" * 64}, "ny.png": None})
    assert Manifest.from_json(manifest.to_json(), "målet").files == manifest.files


@pytest.mark.parametrize(
    "raw, problem",
    [
        (b"{ikke json", "er ikke gyldig JSON"),
        (b"\xff\xfe", "er ikke gyldig JSON"),
        (b"[1, 2]", "mangler lista «files»"),
        (b'{"format": 1, "files": []}', "mangler lista «files»"),
        (b'{"format": 2, "files": {}}', "har format 2, men denne Stemme kjenner bare format 1"),
        (b'{"files": {}}', "har format None, men denne Stemme kjenner bare format 1"),
        (b'{"format": 1, "files": {"../../etc/passwd": null}}',
         "har en ugyldig sti: '../../etc/passwd'"),
        (b'{"format": 1, "files": {"/abs.html": null}}', "har en ugyldig sti: '/abs.html'"),
    ],
)  # fmt: skip
def test_every_manifest_fault_is_a_norwegian_error_with_the_fix(raw, problem):
    with pytest.raises(DeployError) as caught:
        Manifest.from_json(raw, "rsync til /srv/www")
    assert str(caught.value) == (
        f"rsync til /srv/www: filen .stemme-deploy.json, som husker hva som er publisert, "
        f"{problem}. Slett .stemme-deploy.json på målet og kjør «stemme deploy --full»: da "
        "sendes alt på nytt, og filer på målet som ikke lenger er i output/ (f.eks. sider du "
        "har fjernet), blir listet; «stemme deploy --prune» sletter dem."
    )


def _page(links: str) -> str:
    return f"<!doctype html><title>x</title>{links}"


def test_a_new_page_arrives_before_every_page_that_links_to_it(tmp_path):
    site = write_site(tmp_path / "site")
    files = scan_site(site)
    remote = Manifest({path: f.entry for path, f in files.items()})
    # A new position, linked from the front page (shallow) and from a new topic page that
    # is as deep as the position; the topic and the position link to each other.
    extra = {
        "standpunkter/ny/index.html": _page('<a href="/tema/vold/">tema</a>'),
        "tema/vold/index.html": _page('<a href="../../standpunkter/ny/">ny</a>'),
        "tema/index.html": _page('<a href="vold/">vold</a>'),
        "index.html": _page('<a href="/standpunkter/ny/#x">ny</a> <a href="/tema/">tema</a>'),
        "standpunkter/krisesentre/index.html": _page(
            '<a href="https://eksempel.no/tema/">ute</a><a href="/tema/index.html">tema</a>'
        ),
    }
    write_site(site, extra)
    plan = make_plan(scan_site(site), remote, root=site)
    batches = plan.batches()
    where = {path: n for n, batch in enumerate(batches) for path in batch}
    assert where["standpunkter/ny/index.html"] == where["tema/vold/index.html"]  # a cycle
    assert where["tema/index.html"] > where["tema/vold/index.html"]
    assert where["index.html"] > where["tema/index.html"]
    # deeper than the new page it links to: «deepest first» alone would send it first
    assert where["standpunkter/krisesentre/index.html"] > where["tema/index.html"]
    assert set(plan.send) == set(extra)


def test_what_the_target_reports_is_repaired_and_unknown_files_are_listed(tmp_path):
    files = scan_site(write_site(tmp_path / "site"))
    remote = Manifest({path: f.entry for path, f in files.items()})
    survey = Survey(
        present=frozenset({*files, "gammel/index.html", "CNAME", ".well-known/x", ".a.x.Ab12Cd"}),
        damaged=frozenset({"index.html"}),
        stale=(".a.x.Ab12Cd",),
    )
    plan = make_plan(files, remote, survey=survey)
    assert plan.send == ("index.html",) and plan.repair == {"index.html"}
    assert plan.unknown == () and plan.clean == (".a.x.Ab12Cd",)  # the manifest knows all
    lost = make_plan(files, None, survey=survey)
    assert lost.unknown == ("gammel/index.html",) and lost.delete == ()
    pruned = make_plan(files, None, survey=survey, prune=True)
    assert pruned.unknown == () and pruned.delete == ("gammel/index.html",)
    assert pruned.delete_folders == ("gammel",)
