"""The state branch in git, through plumbing only: the work tree is never touched.

The branch (``stemme-state`` on the remote ``origin``) holds ``README.md`` and
``tabeller/<table>.ndjson``; ``refs/stemme/state-remote`` is its tip as last seen here.
Every commit is made with ``commit-tree`` on top of the commit the database last synced
(see :mod:`.sync`) and pushed without force, so a push is a compare-and-swap: it lands
only if nobody pushed in between. A rejected push is not an error here (``push`` returns
False); the caller fetches, merges and tries again. Commits carry the author «Stemme», so
the branch's history is the audit trail of every claim, receipt and run.

The remote may be a URL with a token (GitLab); git's output passes through
:func:`redact` so no credential reaches a message or a log.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
from pathlib import Path

from generator.core import StateError
from generator.hosted.tables import TABLES, Rows, from_ndjson, to_ndjson

BRANCH = "stemme-state"
FOLDER = "tabeller"
REMOTE_REF = "refs/stemme/state-remote"
_URL_CREDENTIALS = re.compile(r"(\w+://)[^/@\s]+@")
_IDENTITY = {
    "GIT_AUTHOR_NAME": "Stemme",
    "GIT_AUTHOR_EMAIL": "stemme@localhost",
    "GIT_COMMITTER_NAME": "Stemme",
    "GIT_COMMITTER_EMAIL": "stemme@localhost",
    "GIT_TERMINAL_PROMPT": "0",
}
README = """\
# Stemmes tilstand

Denne grenen skrives bare av `stemme state` (de planlagte jobbene på git-verten).
Hver tabell i tilstandsdatabasen ligger som én JSON-linje per rad i `tabeller/`.
Historikken er loggen: hvert «sendes», hvert svar fra kanalene og hver kjøring er en commit.
Ikke rediger filene for hånd — bruk `stemme post retry` og `stemme state push`.
"""


def redact(text: str) -> str:
    return _URL_CREDENTIALS.sub(r"\1***@", text)


class StateBranch:
    def __init__(self, repo: Path, remote: str = "origin", branch: str = BRANCH) -> None:
        self.repo = repo
        self.remote = remote
        self.branch = branch

    def _git(self, *args: str, input: str | None = None, env: dict[str, str] | None = None,
             check: bool = True) -> subprocess.CompletedProcess[str]:  # fmt: skip
        full_env = {**os.environ, **_IDENTITY, **(env or {})}
        try:
            done = subprocess.run(
                ["git", "-C", str(self.repo), *args],
                input=input,
                capture_output=True,
                text=True,
                env=full_env,
                timeout=120,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise StateError(
                f"Kunne ikke kjøre git ({type(exc).__name__}). Er git installert?"
            ) from None
        if check and done.returncode != 0:
            raise StateError(
                f"git {args[0]} feilet for tilstandsgrenen «{self.branch}»: "
                f"{redact(done.stderr.strip()) or 'ingen melding'}. Sjekk at remoten "
                f"«{redact(self.remote)}» finnes og at jobben har lov til å skrive til den."
            )
        return done

    def fetch(self) -> str | None:
        """The branch's tip on the remote (fetched), or None when the branch does not exist."""
        done = self._git(
            "fetch", "--quiet", "--no-tags", self.remote,
            f"+refs/heads/{self.branch}:{REMOTE_REF}", check=False,
        )  # fmt: skip
        if done.returncode != 0:
            if "couldn't find remote ref" in done.stderr.lower():
                self._git("update-ref", "-d", REMOTE_REF, check=False)
                return None
            raise StateError(
                f"Kunne ikke hente tilstandsgrenen «{self.branch}» fra «{redact(self.remote)}»: "
                f"{redact(done.stderr.strip())}. Sjekk nettet og at jobben kan lese repoet."
            )
        return self.resolve(REMOTE_REF)

    def resolve(self, ref: str) -> str | None:
        done = self._git("rev-parse", "--verify", "--quiet", ref + "^{commit}", check=False)
        return done.stdout.strip() or None

    def read(self, commit: str | None) -> dict[str, Rows]:
        """The tables as stored in ``commit`` (empty when None)."""
        tables: dict[str, Rows] = {t.name: {} for t in TABLES}
        if commit is None:
            return tables
        listing = self._git("ls-tree", "--name-only", commit, f"{FOLDER}/").stdout.split()
        for table in TABLES:
            path = f"{FOLDER}/{table.name}.ndjson"
            if path in listing:
                text = self._git("cat-file", "blob", f"{commit}:{path}").stdout
                tables[table.name] = from_ndjson(table, text, f"{self.branch}:{path}")
        return tables

    def commit(self, tables: dict[str, Rows], parent: str | None, message: str) -> str:
        """A commit holding ``tables`` on top of ``parent``; the work tree is not touched."""
        files = {"README.md": README}
        files |= {f"{FOLDER}/{t.name}.ndjson": to_ndjson(tables.get(t.name, {})) for t in TABLES}
        with tempfile.TemporaryDirectory() as scratch:
            index = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
            for path, text in files.items():
                blob = self._git("hash-object", "-w", "--stdin", input=text).stdout.strip()
                self._git(
                    "update-index", "--add", "--cacheinfo", f"100644,{blob},{path}", env=index
                )
            tree = self._git("write-tree", env=index).stdout.strip()
        parents = ["-p", parent] if parent else []
        return self._git("commit-tree", tree, *parents, "-m", message).stdout.strip()

    def push(self, commit: str) -> bool:
        """Push ``commit`` to the branch without force: False when someone pushed first."""
        done = self._git(
            "push", "--porcelain", "--quiet", self.remote,
            f"{commit}:refs/heads/{self.branch}", check=False,
        )  # fmt: skip
        if done.returncode == 0:
            self._git("update-ref", REMOTE_REF, commit)  # the remote's tip now
            return True
        if (
            "rejected" in done.stdout
            or "rejected" in done.stderr
            or "failed to lock" in done.stderr
        ):
            return False
        raise StateError(
            f"Kunne ikke skrive til tilstandsgrenen «{self.branch}»: "
            f"{redact((done.stderr or done.stdout).strip())}. Sjekk at jobben har skrivetilgang "
            "til repoet (se håndboken: «Kampanjen uten egen server»)."
        )
