"""S3 against a real S3-compatible server over HTTP: moto in server mode on a free port."""

from __future__ import annotations

from typing import Any

import boto3
import pytest

from generator.core.errors import DeployError
from generator.deploy.run import deploy_site
from generator.deploy.site_files import MANIFEST_NAME
from tests.deploy.conftest import tree, with_deploy

BUCKET = "stemme-nettsted"


@pytest.fixture
def s3(s3_server: str, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A fresh, empty bucket; test credentials in the environment (as staff would set them)."""
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testnokkel")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testhemmelighet")
    client = boto3.client(
        "s3",
        endpoint_url=s3_server,
        region_name="eu-north-1",
        aws_access_key_id="testnokkel",
        aws_secret_access_key="testhemmelighet",
    )
    client.create_bucket(
        Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "eu-north-1"}
    )
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def _config(project, s3_server, **extra):
    return with_deploy(
        project, kind="s3", bucket=BUCKET, endpoint_url=s3_server, region="eu-north-1", **extra
    )


def bucket_tree(client: Any, prefix: str = "") -> dict[str, str]:
    """{path: sha256} of the objects under ``prefix`` (like ``tree`` for a folder)."""
    import hashlib

    out = {}
    for item in client.list_objects_v2(Bucket=BUCKET, Prefix=prefix).get("Contents", []):
        path = item["Key"].removeprefix(prefix)
        if path != MANIFEST_NAME:
            body = client.get_object(Bucket=BUCKET, Key=item["Key"])["Body"].read()
            out[path] = hashlib.sha256(body).hexdigest()
    return dict(sorted(out.items()))


def test_every_object_gets_its_type_and_cache_policy(project, s3, s3_server):
    report = deploy_site(project, _config(project, s3_server))
    assert report.ok and len(report.outcome.sent) == 15
    assert bucket_tree(s3) == tree(project.output)
    expected = {
        "index.html": ("text/html; charset=utf-8", "public, max-age=300"),
        "theme/css/site.css": ("text/css; charset=utf-8", "public, max-age=300"),
        "theme/js/quick-exit.js": ("text/javascript; charset=utf-8", "public, max-age=300"),
        "feeds/standpunkter.atom.xml": ("application/atom+xml; charset=utf-8",
                                        "public, max-age=300"),
        "sitemap.xml": ("application/xml; charset=utf-8", "public, max-age=300"),
        "kort/forside.png": ("image/png", "public, max-age=300"),
    }  # fmt: skip
    for key, (kind, cache) in expected.items():
        head = s3.head_object(Bucket=BUCKET, Key=key)
        assert (head["ContentType"], head["CacheControl"]) == (kind, cache), key


def test_no_change_one_change_and_a_removed_page(project, s3, s3_server):
    config = _config(project, s3_server, prefix="nettsted")
    deploy_site(project, config)
    assert deploy_site(project, config).outcome.sent == []
    css = project.output / "theme" / "css" / "site.css"
    css.write_text("body { font-family: Lato; color: #1d1d1b; }\n")
    assert deploy_site(project, config).outcome.sent == ["theme/css/site.css"]
    (project.output / "standpunkter" / "kontaktforbud" / "index.html").unlink()
    report = deploy_site(project, config)
    assert report.outcome.sent == [] and report.outcome.deleted == [
        "standpunkter/kontaktforbud/index.html"
    ]
    assert bucket_tree(s3, prefix="nettsted/") == tree(project.output)


def test_dry_run_sends_nothing(project, s3, s3_server):
    report = deploy_site(project, _config(project, s3_server), dry_run=True)
    assert len(report.plan.send) == 15
    assert s3.list_objects_v2(Bucket=BUCKET).get("KeyCount") == 0


def test_failure_after_some_files_then_a_rerun_completes(project, s3, s3_server, monkeypatch):
    """The store breaks after 3 uploads: no page goes up, nothing is deleted; a rerun
    sends the rest and the bucket ends identical to output/."""
    config = _config(project, s3_server)
    deploy_site(project, config)
    for name in ("forside", "krisesentre", "kontaktforbud"):
        (project.output / "kort" / f"{name}.png").write_bytes(b"\x89PNG v2 " + name.encode())
    for page in ("index.html", "standpunkter/index.html"):
        (project.output / page).write_text("<!doctype html><title>Ny</title>\n")
    (project.output / "404.html").unlink()
    from generator.deploy import s3 as s3_module

    real_put, calls = s3_module.S3Target._put, []

    def breaking_put(self, path, body, kind, cache):
        calls.append(path)
        if len([c for c in calls if c != MANIFEST_NAME]) > 2 and path != MANIFEST_NAME:
            from generator.deploy.outcome import Failure

            return Failure(path, "ble ikke sendt (SlowDown: Please reduce your request rate.)")
        return real_put(self, path, body, kind, cache)

    monkeypatch.setattr(s3_module.S3Target, "_put", breaking_put)
    report = deploy_site(project, config)
    assert not report.ok and len(report.outcome.sent) == 2
    assert [f.message for f in report.outcome.failures] == [
        "ble ikke sendt (SlowDown: Please reduce your request rate.)"
    ]
    index = s3.get_object(Bucket=BUCKET, Key="index.html")["Body"].read().decode()
    assert "Forside" in index  # the old front page is still there, whole
    assert "404.html" in bucket_tree(s3)
    monkeypatch.setattr(s3_module.S3Target, "_put", real_put)
    again = deploy_site(project, config)
    assert again.ok and again.outcome.deleted == ["404.html"]
    assert len(again.outcome.sent) == 3  # the card that failed and the two pages
    assert bucket_tree(s3) == tree(project.output)


def test_credentials_only_from_the_environment(project, s3_server, monkeypatch):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID", raising=False)
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY", raising=False)
    with pytest.raises(DeployError) as caught:
        deploy_site(project, _config(project, s3_server))
    assert str(caught.value) == (
        '[deploy] kind = "s3" trenger miljøvariablene AWS_ACCESS_KEY_ID og '
        "AWS_SECRET_ACCESS_KEY (nøklene står aldri i stemme.toml). Sett dem i terminalen, "
        "f.eks. export AWS_ACCESS_KEY_ID=…, og kjør på nytt."
    )


def test_missing_bucket_is_explained(project, s3, s3_server):
    config = with_deploy(
        project, kind="s3", bucket="finnes-ikke", endpoint_url=s3_server, region="eu-north-1"
    )
    with pytest.raises(DeployError) as caught:
        deploy_site(project, config)
    assert str(caught.value) == (
        f"Målet finnes ikke: S3-bøtta finnes-ikke ({s3_server}). Er det en skrivefeil i "
        "[deploy] bucket eller endpoint_url i stemme.toml? Rett den. Stemme lager ikke bøtter "
        "(det krever rettigheter og valg hos leverandøren). Lag bøtta der (håndboken, "
        "«Publisere», B) og kjør «stemme deploy» igjen."
    )


def test_an_object_deleted_or_defaced_in_the_bucket_is_restored(project, s3, s3_server):
    config = _config(project, s3_server, prefix="nettsted/")
    deploy_site(project, config)
    s3.delete_object(Bucket=BUCKET, Key="nettsted/index.html")
    page = "nettsted/standpunkter/krisesentre/index.html"
    body = s3.get_object(Bucket=BUCKET, Key=page)["Body"].read()
    s3.put_object(Bucket=BUCKET, Key=page, Body=body.replace(b"Krisesentre", b"KRISESENTR!"))
    report = deploy_site(project, config)
    assert report.ok
    assert report.plan.repair == {"index.html", "standpunkter/krisesentre/index.html"}
    assert bucket_tree(s3, "nettsted/") == tree(project.output)
    assert deploy_site(project, config).plan.empty


def test_a_lost_manifest_lists_objects_the_site_no_longer_has(project, s3, s3_server):
    config = _config(project, s3_server)
    deploy_site(project, config)
    s3.delete_object(Bucket=BUCKET, Key=MANIFEST_NAME)
    (project.output / "standpunkter" / "kontaktforbud" / "index.html").unlink()
    report = deploy_site(project, config)
    assert report.plan.unknown == ("standpunkter/kontaktforbud/index.html",)
    assert "standpunkter/kontaktforbud/index.html" in bucket_tree(s3)
    report = deploy_site(project, config, prune=True)
    assert report.outcome.deleted == ["standpunkter/kontaktforbud/index.html"]
    assert bucket_tree(s3) == tree(project.output)
