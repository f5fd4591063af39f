"""The plan: what is sent and deleted, in an order that keeps the live site whole."""

from __future__ import annotations

from generator.deploy.files import scan_site
from generator.deploy.manifest import Manifest
from generator.deploy.plan import make_plan
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


def test_manifest_round_trip_and_a_broken_one_is_explained(tmp_path):
    manifest = Manifest({"index.html": {"sha256": "a" * 64}, "ny.png": None})
    assert Manifest.from_json(manifest.to_json(), "målet").files == manifest.files
    import pytest

    from generator.core.errors import DeployError

    with pytest.raises(DeployError) as caught:
        Manifest.from_json(b"{ikke json", "rsync til /srv/www")
    assert str(caught.value) == (
        "rsync til /srv/www: filen som husker hva som er publisert, er ødelagt. Slett den på "
        "målet og kjør «stemme deploy --full» for å sende alt på nytt."
    )
