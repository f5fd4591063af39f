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
import re
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.core import DeployError
from generator.deploy.connection import explain
from generator.deploy.manifest import Manifest, fault
from generator.deploy.outcome import Outcome
from generator.deploy.plan import Plan, Survey
from generator.deploy.site_files import MANIFEST_NAME, SiteFile

TIP = "refs/stemme/tip"
_NO_REPOSITORY = (b"does not appear to be a git repository", b"Repository not found",
                  b"repository not found", b"No such file or directory")  # fmt: skip
EXTRA = {MANIFEST_NAME, ".nojekyll"}  # files on the branch that are not pages of the site
_SAFE = ["-c", "core.autocrlf=false", "-c", "core.safecrlf=false", "-c", "core.fileMode=true",
         "-c", "core.hooksPath=/dev/null", "-c", "commit.gpgSign=false"]  # fmt: skip


class GitTarget:
    def __init__(self, url: str, branch: str, repositories: Path, author: tuple[str, str]) -> None:
        self.url, self.branch = url, branch
        self.label = f"git til {url} (grenen {branch})"
        self.repo = repositories / f"git-{hashlib.sha256(url.encode()).hexdigest()[:12]}"
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

    def _host(self) -> str:
        found = re.match(r"^(?:[a-z+]+://)?(?:[^@/]+@)?([^:/]+)", self.url)
        return found.group(1) if found and ":" in self.url else "denne maskinen"

    def _fail(self, doing: str, stderr: bytes) -> DeployError:
        text = stderr.decode("utf-8", "replace").strip()
        reason = explain(text, self._host()) or text
        return DeployError(f"Kunne ikke {doing} {self.label}: {reason}")

    def exists(self) -> bool:
        """Whether the repository is there (the branch may still be missing: that is fine)."""
        result = subprocess.run(
            ["git", *_SAFE, "ls-remote", "--heads", self.url],
            env=self.env, capture_output=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode == 0:
            return True
        if any(m in result.stderr for m in _NO_REPOSITORY):
            return False
        raise self._fail("nå", result.stderr)

    def create(self) -> None:
        """A new bare repository, for a target that is a folder on this machine."""
        if re.match(r"^[a-z+]+://|^[^/]+:", self.url):
            raise DeployError(
                f"{self.label}: repositoryet finnes ikke. Lag det hos git-verten (f.eks. "
                "GitHub: New repository, tomt) og kjør «stemme deploy» igjen."
            )
        folder = Path(self.url.removeprefix("file://"))
        folder.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "--bare", "--quiet", str(folder)], check=True,
                       capture_output=True)  # fmt: skip

    def read_manifest(self) -> Manifest | None:
        result = subprocess.run(
            ["git", *_SAFE, "fetch", "--quiet", "--no-tags", self.url,
             f"+refs/heads/{self.branch}:{TIP}"],
            env=self.env, capture_output=True, stdin=subprocess.DEVNULL,
        )  # fmt: skip
        if result.returncode != 0:
            if b"couldn't find remote ref" not in result.stderr:
                raise self._fail("hente fra", result.stderr)
            return None  # the branch does not exist yet: the first deploy makes it
        self.tip = self._git("rev-parse", TIP)
        kind = subprocess.run(
            ["git", "cat-file", "-t", f"{self.tip}:{MANIFEST_NAME}"],
            env=self.env, capture_output=True,
        )  # fmt: skip
        if kind.returncode != 0:
            return None
        if kind.stdout.strip() != b"blob":
            raise DeployError(fault(self.label, "er en mappe, ikke en fil"))
        shown = self._git_bytes("cat-file", "blob", f"{self.tip}:{MANIFEST_NAME}")
        return Manifest.from_json(shown, self.label)

    def _git_bytes(self, *args: str) -> bytes:
        result = subprocess.run(["git", *_SAFE, *args], env=self.env, capture_output=True)
        if result.returncode != 0:
            raise self._fail(f"lese ({args[0]})", result.stderr)
        return result.stdout

    def survey(self, site: Path, files: dict[str, SiteFile], old: Manifest | None) -> Survey:
        """The branch's tree as git lists it, and the trusted files whose blob there is
        missing or differs from the built file (git's own hash of it)."""
        if self.tip is None:
            return Survey()
        listed = self._git_bytes("ls-tree", "-r", "-z", "--full-tree", self.tip)
        blobs = {}
        for entry in listed.split(b"\0"):
            if entry:
                info, _, path = entry.partition(b"\t")
                blobs[path.decode("utf-8", "surrogateescape")] = info.split()[2].decode()
        trusted = [p for p, f in files.items() if old and old.files.get(p) == f.entry]
        damaged = set()
        if trusted:
            names = "".join(f"{p}\n" for p in trusted).encode("utf-8")
            hashed = self._git("hash-object", "--no-filters", "--stdin-paths", input=names,
                               cwd=site).split()  # fmt: skip
            damaged = {p for p, h in zip(trusted, hashed, strict=True) if blobs.get(p) != h}
        return Survey(frozenset(blobs), frozenset(damaged))

    def _tree(self, site: Path, deletions: Sequence[str], manifest: Manifest) -> str:
        """Write the next tree: the branch's, minus ``deletions``, plus all of ``site``."""
        with tempfile.TemporaryDirectory(prefix="stemme-git-") as work:
            env = {**self.env, "GIT_INDEX_FILE": f"{work}/index", "GIT_WORK_TREE": str(site)}
            self._git("read-tree", *([self.tip] if self.tip else ["--empty"]), env=env)
            if deletions:  # literal paths: an entry «*.txt» or «CNAM?» is no pattern
                listed = b"".join(p.encode("utf-8") + b"\0" for p in deletions)
                self._git("--literal-pathspecs", "rm", "--cached", "--quiet",
                          "--ignore-unmatch", "--pathspec-file-nul", "--pathspec-from-file=-",
                          env=env, input=listed, cwd=site)  # fmt: skip
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
        manifest = Manifest({path: f.entry for path, f in files.items()}, list(plan.unknown))
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
