"""Publishing: ``stemme deploy`` sends output/ to the target in ``[deploy]`` (stemme.toml).

How a deploy flows::

    output/ ──scan_site──> {path: SiteFile(sha256, type, cache)}          site_files.py
    target  ──exists──> there, or an error (``--create-target`` makes it)  run.py
    target  ──read_manifest──> Manifest (what Stemme put there before)     manifest.py
    target  ──survey──> Survey: every file there, the trusted ones that    plan.py
                        are missing or different there, stale temp files
    make_plan(files, manifest, survey) ──> Plan: send (assets → pages,    plan.py
             a new page before its linkers → feeds), repair, delete (last),
             clean, unknown (no manifest: listed, or deleted with --prune)
    target.publish(plan) ──> Outcome: sent, deleted, per-file failures     outcome.py

ssh/rsync/git failures become one Norwegian sentence with the fix (``connection.py``),
which also recognises the README's placeholder addresses.

Targets (each a context manager with ``label``, ``read_manifest`` and ``publish``):

- ``rsync.RsyncTarget``  a folder here or ``user@host:/path`` over SSH; the real rsync;
- ``s3.S3Target``        S3-compatible storage through boto3, headers on each object;
- ``git.GitTarget``      one commit on a branch (default gh-pages), pushed, never forced.

rsync and S3 keep files one by one and share ``incremental.publish``: a pending manifest
first, batches in order, deletions last, then the final manifest — stopped anywhere, the
live site is whole and the next run completes it. git is whole by nature (one push).
``run.deploy_site`` ties it together under the output lock; ``commands`` is the CLI, says
«bygget, men ikke publisert» under every error, and leaves a note of each real deploy
(``record``: when, where, ok, which build) for ``stemme status``.
Nothing but ``stemme deploy`` (and so ``make publish``) ever sends anything.
"""

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "DeployRecord": ("generator.deploy.record", "DeployRecord"),
    "MANIFEST_NAME": ("generator.deploy.site_files", "MANIFEST_NAME"),
    "is_remote": ("generator.deploy.rsync", "is_remote"),
    "last_deploy": ("generator.deploy.record", "last_deploy"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "MANIFEST_NAME",
    "DeployRecord",
    "is_remote",
    "last_deploy",
]
