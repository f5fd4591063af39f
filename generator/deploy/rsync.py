"""rsync target: a folder on this machine, or ``user@host:/path`` over SSH with your own keys.

Every step is one run of the real ``rsync`` binary (a local folder goes through exactly the
same commands as a server): the manifest is fetched and written with rsync, each batch is
sent with ``--files-from``, and deletions use ``--delete-missing-args`` (only the files the
manifest lists; a folder is removed only when it is empty). rsync writes each file to a
temp name and renames it, so no visitor sees half a file; ``--chmod`` makes every file
0644 and every folder 0755 at the target whatever the local umask. Over SSH one connection
is shared by all the steps (ControlMaster), so a passphrase is asked for once.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from generator.core import DeployError
from generator.deploy.connection import explain
from generator.deploy.incremental import publish
from generator.deploy.manifest import Manifest, fault
from generator.deploy.outcome import Failure, Outcome
from generator.deploy.plan import Plan, Survey
from generator.deploy.site_files import MANIFEST_NAME, SiteFile

_REMOTE = re.compile(r"^(?:[^@/\s]+@)?[^:/\s]+:")  # host:path or user@host:path
SEND = ["--perms", "--chmod=D0755,F0644", "--times", "--omit-dir-times", "--ignore-times"]
OUT_FORMAT = "--out-format=%i %n"
_NOISE = ("file has vanished", "parent dir is absent", "some files vanished",
          "cannot delete non-empty directory")  # fmt: skip
_MISSING = ("No such file or directory", "change_dir")


def is_remote(target: str) -> bool:
    return bool(_REMOTE.match(target))


class RsyncTarget:
    def __init__(self, target: str, root: Path) -> None:
        self.rsync = shutil.which("rsync")
        if self.rsync is None:
            raise DeployError(
                'Fant ikke programmet rsync, som [deploy] kind = "rsync" bruker. '
                "Installer det (Debian/Ubuntu: sudo apt-get install rsync) og prøv igjen."
            )
        self.remote = is_remote(target)
        self.label = f"rsync til {target}"
        self._work = Path(tempfile.mkdtemp(prefix="stemme-rsync-"))
        if self.remote:
            self.dest = target.rstrip("/") + "/"
            self._ssh = [f"--rsh=ssh -o ControlMaster=auto -o ControlPersist=30 "
                         f"-o ControlPath={self._work}/%C"]  # fmt: skip
        else:
            folder = (root / target).resolve()
            self.dest = str(folder) + "/"
            self._ssh = []

    def __enter__(self) -> RsyncTarget:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        if self.remote:
            host = self.dest.split(":", 1)[0]
            control = f"ControlPath={self._work}/%C"
            subprocess.run(["ssh", "-o", control, "-O", "exit", host], capture_output=True)
        shutil.rmtree(self._work, ignore_errors=True)

    def _run(self, args: list[str]) -> subprocess.CompletedProcess[str]:
        command = [str(self.rsync), *self._ssh, *args]
        return subprocess.run(command, capture_output=True, text=True, stdin=subprocess.DEVNULL)

    def _list(self, name: str, paths: Sequence[str]) -> str:
        listing = self._work / name
        listing.write_bytes(b"".join(p.encode("utf-8") + b"\0" for p in paths))
        return f"--files-from={listing}"

    def _host(self) -> str:
        return self.dest.split(":", 1)[0].rsplit("@", 1)[-1] if self.remote else "denne maskinen"

    def _fail(self, doing: str, result: subprocess.CompletedProcess[str]) -> DeployError:
        """A Norwegian error for a failed rsync/ssh run: the known causes get their fix."""
        code = f"rsync avsluttet med kode {result.returncode}"
        reason = explain(result.stderr, self._host()) or f"{_last_lines(result.stderr)} ({code})"
        return DeployError(f"Kunne ikke {doing} {self.label}: {reason}")

    def exists(self) -> bool:
        """Whether the target folder is there (an error for anything but «not there»)."""
        result = self._run(["--list-only", "--dirs", self.dest.rstrip("/") + "/."])
        if result.returncode == 0:
            return True
        if result.returncode == 23 and any(m in result.stderr for m in _MISSING):
            return False
        raise self._fail("nå", result)

    def create(self) -> None:
        """Make the target folder (and missing parents), 0755: only on ``--create-target``."""
        if not self.remote:
            _make_folder(Path(self.dest))
            return
        (self._work / "tom").mkdir(exist_ok=True)
        result = self._run(["--mkpath", "--dirs", "--chmod=D0755", f"{self._work}/tom/",
                            self.dest])  # fmt: skip
        if result.returncode != 0:
            raise self._fail("lage mappa", result)

    def read_manifest(self) -> Manifest | None:
        here = self._work / "hentet"
        here.mkdir(exist_ok=True)
        result = self._run([self.dest + MANIFEST_NAME, str(here) + "/"])
        fetched = here / MANIFEST_NAME
        if result.returncode == 0:
            if not fetched.is_file():  # rsync skips a folder of that name without -r
                raise DeployError(fault(self.label, "er en mappe, ikke en fil"))
            return Manifest.from_json(fetched.read_bytes(), self.label)
        if result.returncode == 23 and any(m in result.stderr for m in _MISSING):
            return None  # nothing published there yet
        raise self._fail("lese fra", result)

    def survey(self, site: Path, files: dict[str, SiteFile], old: Manifest | None) -> Survey:
        """Every file at the target, and those the manifest trusts that rsync's own
        comparison (checksums, permissions) finds missing or different there."""
        listing = self._run(["--list-only", "--recursive", "--no-human-readable", self.dest])
        if listing.returncode != 0:
            raise self._fail("lese fra", listing)
        present = frozenset(_listed_files(listing.stdout))
        trusted = [p for p, f in files.items() if old and old.files.get(p) == f.entry]
        damaged: set[str] = set()
        if trusted:
            args = ["--dry-run", "--checksum", "--perms", "--chmod=D0755,F0644", "--from0",
                    self._list("sjekk", trusted), OUT_FORMAT, f"{site}/", self.dest]  # fmt: skip
            result = self._run(args)
            if result.returncode != 0:
                raise self._fail("sammenligne med", result)
            damaged = _differs(result.stdout, set(trusted))
        known = set(files) | (set(old.files) if old else set())
        return Survey(present, frozenset(damaged), stale_temps(present, known))

    def write_manifest(self, manifest: Manifest) -> None:
        file = self._work / MANIFEST_NAME
        file.write_bytes(manifest.to_json())
        result = self._run(["--perms", "--chmod=F0644", str(file), self.dest])
        if result.returncode != 0:
            raise self._fail("skrive til", result)

    def put(self, site: Path, files: Sequence[SiteFile]) -> list[Failure]:
        paths = [f.path for f in files]
        args = [*SEND, "--from0", self._list("send", paths), OUT_FORMAT, f"{site}/", self.dest]
        return _failures(self._run(args), paths, ok={0}, dest=self.dest)

    def delete(self, paths: Sequence[str]) -> list[Failure]:
        args = ["--from0", self._list("slett", paths), "--delete-missing-args",
                "--no-implied-dirs", OUT_FORMAT, f"{self._work}/tom/", self.dest]  # fmt: skip
        (self._work / "tom").mkdir(exist_ok=True)
        return _failures(self._run(args), paths, ok={0, 24}, dest=self.dest)

    def remove_folders(self, folders: Sequence[str]) -> None:
        (self._work / "tom").mkdir(exist_ok=True)
        for depth in sorted({f.count("/") for f in folders}, reverse=True):
            level = [f for f in folders if f.count("/") == depth]
            args = ["--from0", self._list("mapper", level), "--delete-missing-args",
                    "--no-implied-dirs", f"{self._work}/tom/", self.dest]  # fmt: skip
            self._run(args)  # a folder that still holds someone else's files stays

    def publish(
        self, site: Path, files: dict[str, SiteFile], plan: Plan, old: Manifest | None
    ) -> Outcome:
        return publish(self, site, files, plan, old)


_TEMP = re.compile(r"^(?P<folder>(?:.*/)?)\.(?P<name>[^/]+)\.[A-Za-z0-9]{6}$")


def stale_temps(present: frozenset[str], known: set[str]) -> tuple[str, ...]:
    """rsync's temp files (``folder/.name.XXXXXX``) for files Stemme sends, left by a
    transfer that was killed; only for names Stemme knows, so nobody else's file goes."""
    found = []
    for path in sorted(present):
        match = _TEMP.match(path)
        if match and match["folder"] + match["name"] in known:
            found.append(path)
    return tuple(found)


def _listed_files(listing: str) -> list[str]:
    """Regular files in ``rsync --list-only --recursive`` output (``-rw-r--r-- size date
    time path``)."""
    files = []
    for line in listing.splitlines():
        parts = line.split(None, 4)
        if len(parts) == 5 and parts[0].startswith("-"):
            files.append(parts[4])
    return files


def _differs(itemized: str, asked: set[str]) -> set[str]:
    """Files an itemized dry run would change: sent (``>f``/``cf``) or given other
    permissions (``p``); a different time alone is no damage."""
    damaged = set()
    for line in itemized.splitlines():
        flags, _, path = line.partition(" ")
        if path in asked and len(flags) >= 6 and (flags[0] in "<>ch" or flags[5] == "p"):
            damaged.add(path)
    return damaged


def _make_folder(folder: Path) -> None:
    """Create ``folder`` and missing parents as 0755 (readable by the web server)."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    for path in reversed(missing):
        path.mkdir()
        path.chmod(0o755)


def _last_lines(text: str, count: int = 3) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return " / ".join(lines[-count:]) or "rsync svarte ikke"


def _mentions(line: str, path: str, dest: str) -> bool:
    """Whether an rsync message is about ``path`` (or its temp file ``.name.XXXXXX``), given
    as ``dest``+path (receiver messages) or as the bare relative path (``unlink(path)``)."""
    folder, _, name = path.rpartition("/")
    base = re.escape(dest.split(":", 1)[-1])
    start = f'(?:["(\\s]|{base}){re.escape(folder + "/" if folder else "")}'
    return bool(re.search(f'{start}\\.?{re.escape(name)}(?:\\.[A-Za-z0-9]{{6}})?["):]', line))


def _failures(
    result: subprocess.CompletedProcess[str], paths: Sequence[str], ok: set[int], dest: str
) -> list[Failure]:
    """Per-file failures from rsync's messages; all of ``paths`` when none can be placed."""
    if result.returncode in ok:
        return []
    errors = [
        line.strip()
        for line in result.stderr.splitlines()
        if line.strip() and not any(n in line for n in _NOISE)
    ]
    found = {}
    for path in paths:
        for line in errors:
            if _mentions(line, path, dest):
                found.setdefault(path, Failure(path, line.removeprefix("rsync: ")))
    if found:
        return list(found.values())
    reason = " / ".join(errors[-3:]) or f"rsync avsluttet med kode {result.returncode}"
    return [Failure(path, reason) for path in paths]
