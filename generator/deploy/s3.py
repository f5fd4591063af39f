"""S3-compatible target (AWS S3, Cloudflare R2, MinIO, Backblaze B2) through boto3.

Each file is one ``PutObject`` with its ``Content-Type`` and ``Cache-Control`` (from
``generator.core.http_headers``) and a ``Content-MD5`` the store checks; a put is atomic,
so no visitor gets half a file. Up to eight files of a batch go at once; batches keep the
order of ``generator.deploy.plan``. Deletions use ``DeleteObjects`` (1,000 keys a call).

Credentials come only from ``AWS_ACCESS_KEY_ID`` / ``AWS_SECRET_ACCESS_KEY`` (and
``AWS_SESSION_TOKEN`` when set) — never from stemme.toml, never from files in the home
folder — and are never printed.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from generator.core import Deploy, DeployError
from generator.deploy.incremental import publish
from generator.deploy.manifest import Manifest
from generator.deploy.outcome import Failure, Outcome
from generator.deploy.plan import Plan, Survey
from generator.deploy.site_files import MANIFEST_NAME, SiteFile

WORKERS = 8
_PLAIN_ETAG = re.compile(r"^[0-9a-f]{32}$")  # a multipart or encrypted ETag is no MD5
MISSING_CREDENTIALS = (
    '[deploy] kind = "s3" trenger miljøvariablene AWS_ACCESS_KEY_ID og '
    "AWS_SECRET_ACCESS_KEY (nøklene står aldri i stemme.toml). Sett dem i terminalen, "
    "f.eks. export AWS_ACCESS_KEY_ID=…, og kjør på nytt."
)


def _client(deploy: Deploy, env: Mapping[str, str]) -> Any:
    import boto3
    from botocore.config import Config as BotoConfig

    key, secret = env.get("AWS_ACCESS_KEY_ID"), env.get("AWS_SECRET_ACCESS_KEY")
    if not key or not secret:
        raise DeployError(MISSING_CREDENTIALS)
    settings = BotoConfig(
        retries={"max_attempts": 4, "mode": "standard"},
        connect_timeout=10,
        read_timeout=60,
        s3={"addressing_style": "path" if deploy.endpoint_url else "auto"},
        # S3-compatible stores reject the newer default checksums; Content-MD5 is universal.
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        max_pool_connections=WORKERS,
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=deploy.endpoint_url,
        region_name=deploy.region,
        aws_access_key_id=key,
        aws_secret_access_key=secret,
        aws_session_token=env.get("AWS_SESSION_TOKEN") or None,
        config=settings,
    )


def _md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _reason(exc: Exception) -> str:
    """A short explanation of a boto3 error (its code and message, never credentials)."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict) and "Error" in response:
        error = response["Error"]
        return f"{error.get('Code', '?')}: {error.get('Message', '')}".strip(": ")
    return str(exc)


class S3Target:
    def __init__(self, deploy: Deploy, env: Mapping[str, str] | None = None) -> None:
        assert deploy.bucket is not None
        self.bucket = deploy.bucket
        self.prefix = deploy.prefix or ""
        where = deploy.endpoint_url or "AWS"
        self.label = f"S3-bøtta {self.bucket}" + (f"/{self.prefix}" if self.prefix else "")
        self.label += f" ({where})"
        self.client = _client(deploy, os.environ if env is None else env)

    def __enter__(self) -> S3Target:
        return self

    def __exit__(self, *exc: object) -> None:
        self.client.close()

    def read_manifest(self) -> Manifest | None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            answer = self.client.get_object(Bucket=self.bucket, Key=self.prefix + MANIFEST_NAME)
            return Manifest.from_json(answer["Body"].read(), self.label)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise DeployError(f"Kunne ikke lese fra {self.label}: {_reason(exc)}") from None
        except BotoCoreError as exc:
            raise DeployError(f"Kunne ikke nå {self.label}: {_reason(exc)}") from None

    def exists(self) -> bool:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchBucket", "404"):
                self.create()  # explains: Stemme never makes buckets
            raise DeployError(f"Kunne ikke lese fra {self.label}: {_reason(exc)}") from None
        except BotoCoreError as exc:
            raise DeployError(f"Kunne ikke nå {self.label}: {_reason(exc)}") from None
        return True

    def create(self) -> None:
        raise DeployError(
            f"Målet finnes ikke: {self.label}. Er det en skrivefeil i [deploy] bucket eller "
            "endpoint_url i stemme.toml? Rett den. Stemme lager ikke bøtter (det krever "
            "rettigheter og valg hos leverandøren). Lag bøtta der (håndboken, «Publisere», "
            "B) og kjør «stemme deploy» igjen."
        )

    def survey(self, site: Path, files: dict[str, SiteFile], old: Manifest | None) -> Survey:
        """Every object under the prefix; the trusted ones whose size or ETag (the MD5 of a
        single-part upload, which is how Stemme sends) differs from the built file."""
        from botocore.exceptions import BotoCoreError, ClientError

        listed: dict[str, tuple[int, str]] = {}
        try:
            pages = self.client.get_paginator("list_objects_v2")
            for page in pages.paginate(Bucket=self.bucket, Prefix=self.prefix):
                for item in page.get("Contents", []):
                    path = item["Key"].removeprefix(self.prefix)
                    listed[path] = (item["Size"], item.get("ETag", "").strip('"'))
        except (ClientError, BotoCoreError) as exc:
            raise DeployError(f"Kunne ikke lese fra {self.label}: {_reason(exc)}") from None
        damaged = set()
        for path, file in files.items():
            if not old or old.files.get(path) != file.entry:
                continue  # sent anyway
            size, etag = listed.get(path, (-1, ""))
            if size != file.size or (_PLAIN_ETAG.match(etag) and etag != _md5(site / path)):
                damaged.add(path)
        return Survey(frozenset(listed), frozenset(damaged))

    def write_manifest(self, manifest: Manifest) -> None:
        body = manifest.to_json()
        failure = self._put(MANIFEST_NAME, body, "application/json", "no-cache")
        if failure:
            raise DeployError(f"Kunne ikke skrive til {self.label}: {failure.message}")

    def _put(self, path: str, body: bytes, kind: str, cache: str) -> Failure | None:
        from botocore.exceptions import BotoCoreError, ClientError

        md5 = base64.b64encode(hashlib.md5(body, usedforsecurity=False).digest()).decode()
        try:
            self.client.put_object(
                Bucket=self.bucket,
                Key=self.prefix + path,
                Body=body,
                ContentType=kind,
                CacheControl=cache,
                ContentMD5=md5,
            )
        except (ClientError, BotoCoreError) as exc:
            return Failure(path, f"ble ikke sendt ({_reason(exc)})")
        return None

    def put(self, site: Path, files: Sequence[SiteFile]) -> list[Failure]:
        def send(file: SiteFile) -> Failure | None:
            body = (site / file.path).read_bytes()
            return self._put(file.path, body, file.content_type, file.cache_control)

        with ThreadPoolExecutor(max_workers=WORKERS) as pool:
            return [f for f in pool.map(send, files) if f is not None]

    def delete(self, paths: Sequence[str]) -> list[Failure]:
        from botocore.exceptions import BotoCoreError, ClientError

        failures = []
        for start in range(0, len(paths), 1000):
            chunk = paths[start : start + 1000]
            keys = [{"Key": self.prefix + p} for p in chunk]
            try:
                answer = self.client.delete_objects(
                    Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True}
                )
            except (ClientError, BotoCoreError) as exc:
                failures += [Failure(p, f"ble ikke slettet ({_reason(exc)})") for p in chunk]
                continue
            for error in answer.get("Errors", []):
                path = error["Key"].removeprefix(self.prefix)
                failures.append(Failure(path, f"ble ikke slettet ({error.get('Code')})"))
        return failures

    def remove_folders(self, folders: Sequence[str]) -> None:
        """S3 has no folders: a «folder» disappears with its last object."""

    def publish(
        self, site: Path, files: dict[str, SiteFile], plan: Plan, old: Manifest | None
    ) -> Outcome:
        return publish(self, site, files, plan, old)
