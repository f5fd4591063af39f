"""git target: the site as one commit on a branch (GitHub Pages, Netlify, Cloudflare Pages).

A bare repository in the cache (``.cache/stemme/deploy/git-<hash of the URL>``) fetches the
branch, builds the next tree in a private index — the branch's tree, minus the files the
manifest says Stemme published and the site no longer has, plus every file of output/,
the manifest and ``.nojekyll`` (GitHub Pages serves the files as they are) — and pushes one
commit on top. git sends only objects the remote lacks, and the push moves the branch in
one step: the host switches from the old site to the new one whole, and a push that is
stopped changes nothing. Files somebody else put on the branch (``CNAME``) stay.

The push is never forced: if the branch moved while we worked, the deploy stops and asks
for a new run. Commits are made in the name of the organisation in stemme.toml.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.core.errors import DeployError
from generator.deploy.files import MANIFEST_NAME, SiteFile
from generator.deploy.manifest import Manifest
from generator.deploy.outcome import Outcome
from generator.deploy.plan import Plan

TIP = "refs/stemme/tip"
EXTRA = {MANIFEST_NAME, ".nojekyll"}  # files on the branch that are not pages of the site
_SAFE = ["-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.fileMode=true",
         "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false"]  # fmt: skip


class GitTarget:
    def __init__(self, url: str, branch: str, cache: Path, author: tuple[str, str]) -> None:
        self.url, self.branch = url, branch
        self.label = f"git til {url} (grenen {branch})"
        self.repo = cache / "deploy" / f"git-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
        name, email = author
        self.env = {
            **os.environ,
            "GIT_DIR": str(self.repo),
            "GIT_AUTHOR_NAME": name,
            "GIT_AUTHOR_EMAIL": email,
            "GIT_COMMITTER_NAME": name,
            "GIT_COMMITTER_EMAIL": email,
        }
        self.tip: str | None = None

    def __enter__(self) -> GitTarget:
        if not (self.repo / "HEAD").is_file():
            self.repo.mkdir(parents=True, exist_ok=True)
            self._git("init", "--bare", "--quiet")
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def _git(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        input: bytes = b"",
        cwd: Path | None = None,
    ) -> str:
        result = subprocess.run(
            ["git", *_SAFE, *args], env=env or self.env, input=input, capture_output=True, cwd=cwd
        )
        if result.returncode != 0:
            raise DeployError(
                f"git {args[0]} mot {self.label} feilet: "
                f"{result.stderr.decode('utf-8', 'replace').strip()}"
            )
        return result.stdout.decode("utf-8", "replace").strip()

    def read_manifest(self) -> Manifest | None:
        result = subprocess.run(
            ["git", *_SAFE, "fetch", "--quiet", "--no-tags", self.url,
             f"+refs/heads/{self.branch}:{TIP}"],
            env=self.env, capture_output=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode != 0:
            message = result.stderr.decode("utf-8", "replace")
            if "couldn't find remote ref" not in message:
                raise DeployError(f"Kunne ikke hente fra {self.label}: {message.strip()}")
            return None  # the branch does not exist yet: the first deploy makes it
        self.tip = self._git("rev-parse", TIP)
        shown = subprocess.run(
            ["git", "cat-file", "blob", f"{self.tip}:{MANIFEST_NAME}"],
            env=self.env, capture_output=True,
        )  # fmt: skip
        return Manifest.from_json(shown.stdout, self.label) if shown.returncode == 0 else None

    def _tree(self, site: Path, deletions: Sequence[str], manifest: Manifest) -> str:
        """Write the next tree: the branch's, minus ``deletions``, plus all of ``site``."""
        with tempfile.TemporaryDirectory(prefix="stemme-git-") as work:
            env = {**self.env, "GIT_INDEX_FILE": f"{work}/index", "GIT_WORK_TREE": str(site)}
            self._git("read-tree", *([self.tip] if self.tip else ["--empty"]), env=env)
            if deletions:
                listed = b"".join(p.encode("utf-8") + b"\0" for p in deletions)
                self._git("rm", "--cached", "--quiet", "--ignore-unmatch", "--pathspec-file-nul",
                          "--pathspec-from-file=-", env=env, input=listed, cwd=site)  # fmt: skip
            self._git("add", "--force", "--ignore-removal", "--", ".", env=env, cwd=site)
            for name, body in ((MANIFEST_NAME, manifest.to_json()), (".nojekyll", b"")):
                blob = self._git("hash-object", "-w", "--stdin", input=body)
                self._git("update-index", "--add", "--cacheinfo", f"100644,{blob},{name}", env=env)
            return self._git("write-tree", env=env)

    def _changes(self, tree: str) -> tuple[list[str], list[str]]:
        """(added or changed, deleted) site paths between the branch and ``tree``."""
        if self.tip is None:
            listed = self._git("ls-tree", "-r", "--name-only", "-z", tree)
            return [p for p in listed.split("\0") if p and p not in EXTRA], []
        diff = self._git("diff-tree", "-r", "--no-renames", "--name-status", "-z", self.tip, tree)
        parts = [p for p in diff.split("\0") if p]
        pairs = list(zip(parts[::2], parts[1::2], strict=True))
        sent = [p for status, p in pairs if status != "D" and p not in EXTRA]
        return sent, [p for status, p in pairs if status == "D" and p not in EXTRA]

    def publish(
        self, site: Path, files: dict[str, SiteFile], plan: Plan, old: Manifest | None
    ) -> Outcome:
        if plan.empty:
            return Outcome()
        manifest = Manifest({path: f.entry for path, f in files.items()})
        tree = self._tree(site, plan.delete, manifest)
        sent, deleted = self._changes(tree)
        if self.tip and tree == self._git("rev-parse", f"{self.tip}^{{tree}}"):
            return Outcome()
        message = f"Publisert med Stemme: {len(sent)} filer sendt, {len(deleted)} slettet"
        parents = ["-p", self.tip] if self.tip else []
        commit = self._git("commit-tree", tree, *parents, "-m", message)
        result = subprocess.run(
            ["git", *_SAFE, "push", "--quiet", self.url, f"{commit}:refs/heads/{self.branch}"],
            env=self.env, capture_output=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip()
            raise DeployError(
                f"Kunne ikke sende til {self.label}; nettstedet der er uendret. "
                f"Kjør «stemme deploy» på nytt. ({reason})"
            )
        return Outcome(sent=sent, deleted=deleted)
