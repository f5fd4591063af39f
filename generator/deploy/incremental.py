"""Deploy file by file to a store that keeps files separately (rsync folders, S3 buckets).

The steps, each safe to stop after::

    manifest ← old entries + every file about to be sent marked pending (null)
    for each batch of ``plan.batches()``:       assets, pages deepest first, feeds
        store.put(batch); record what arrived   a failure: stop here, nothing deleted
    store.delete(plan.delete); store.remove_folders(plan.delete_folders)
    store.delete(plan.clean)                    temp files a killed transfer left
    manifest ← exactly what the target now holds

A stop anywhere leaves old pages with all their assets (nothing is deleted before every
new file has arrived) and a manifest that makes the next run finish the job.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from generator.deploy.manifest import Manifest
from generator.deploy.outcome import Failure, Outcome
from generator.deploy.plan import Plan
from generator.deploy.site_files import SiteFile


class FileStore(Protocol):
    """A target that stores each file on its own."""

    def read_manifest(self) -> Manifest | None: ...

    def write_manifest(self, manifest: Manifest) -> None: ...

    def put(self, site: Path, files: Sequence[SiteFile]) -> list[Failure]:
        """Send ``files`` (any order within the batch); return those that failed."""
        ...

    def delete(self, paths: Sequence[str]) -> list[Failure]: ...

    def remove_folders(self, folders: Sequence[str]) -> None:
        """Remove these folders where they are empty (no-op where there are no folders)."""
        ...


def publish(
    store: FileStore, site: Path, files: dict[str, SiteFile], plan: Plan, old: Manifest | None
) -> Outcome:
    outcome = Outcome()
    if plan.empty and (old is None or old.unknown == list(plan.unknown)):
        return outcome
    manifest = Manifest(dict(old.files) if old else {}, list(plan.unknown))
    manifest.files.update(dict.fromkeys(plan.send))
    store.write_manifest(manifest)
    batches = plan.batches()
    for index, batch in enumerate(batches):
        failures = store.put(site, [files[p] for p in batch])
        failed = {f.path for f in failures}
        for path in batch:
            if path not in failed:
                manifest.files[path] = files[path].entry
                outcome.sent.append(path)
        if failures:
            outcome.failures += failures
            outcome.stopped_before = sum(len(b) for b in batches[index + 1 :]) + len(plan.delete)
            store.write_manifest(manifest)
            return outcome
    _delete(store, plan, manifest, outcome)
    if plan.clean:
        outcome.failures += store.delete(plan.clean)
        outcome.cleaned = [p for p in plan.clean if p not in {f.path for f in outcome.failures}]
    store.write_manifest(manifest)
    return outcome


def _delete(store: FileStore, plan: Plan, manifest: Manifest, outcome: Outcome) -> None:
    if not plan.delete:
        return
    failures = store.delete(plan.delete)
    failed = {f.path for f in failures}
    for path in plan.delete:
        if path not in failed:
            manifest.files.pop(path, None)
            outcome.deleted.append(path)
    outcome.failures += failures
    if not failures:
        store.remove_folders(plan.delete_folders)
