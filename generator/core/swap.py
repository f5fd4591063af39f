"""Replace the site folder atomically, and keep its neighbourhood clean.

How ``build_site`` (and ``stemme deploy``, which only reads) use it::

    with output_lock(dest):        # one build or deploy at a time per output folder
        recover(dest)              # after a killed build: old site back, stale temp folders gone
        tmp = new_folder(dest)     # .output.ny-XXXXXXXX beside dest
        ...                        # build into tmp
        make_world_readable(tmp)   # 0755 folders, 0644 files, whatever the umask was
        swap_in(tmp, dest)         # old site or new site, never neither

``swap_in`` exchanges the two folders in one step with Linux ``renameat2(RENAME_EXCHANGE)``.
Where that call is missing (another OS, a file system without it) it falls back to two
renames: ``dest`` → ``.output.gammel-PID``, then ``tmp`` → ``dest``. A kill between those
two leaves no ``dest``; ``recover`` (run first by the next build or deploy) renames the old
site back. Temp folders are only removed while the lock is held, so a build never removes
another live build's folder.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
DIR_MODE, FILE_MODE = 0o755, 0o644  # what a web server (another user) must be able to read


def _names(dest: Path) -> tuple[str, str]:
    return f".{dest.name}.ny-", f".{dest.name}.gammel-"


@contextmanager
def output_lock(dest: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``dest`` (a ``.NAME.lock`` file beside it) until exit."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    lock = dest.with_name(f".{dest.name}.lock")
    with open(lock, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def recover(dest: Path) -> list[Path]:
    """Undo what a killed build left (call with the lock held); return what was removed.

    A missing ``dest`` with an old site beside it gets that site back; then every
    ``.NAME.ny-*`` and ``.NAME.gammel-*`` folder is removed.
    """
    fresh, old = _names(dest)
    olds = sorted(dest.parent.glob(f"{old}*"), key=lambda p: p.stat().st_mtime)
    if not dest.exists() and olds:
        olds.pop().rename(dest)
    stale = [*dest.parent.glob(f"{fresh}*"), *olds]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


def new_folder(dest: Path) -> Path:
    """An empty temp folder beside ``dest`` (same file system, so the swap is a rename)."""
    return Path(tempfile.mkdtemp(prefix=_names(dest)[0], dir=dest.parent))


def make_world_readable(root: Path) -> None:
    """0755 for ``root`` and every folder in it, 0644 for every file (symlinks untouched)."""
    os.chmod(root, DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(os.path.join(folder, name), DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not stat.S_ISLNK(os.lstat(path).st_mode):
                os.chmod(path, FILE_MODE)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2; False when the system can't."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def swap_in(new: Path, dest: Path) -> None:
    """Put ``new`` in place of ``dest``; at every instant one of the two sites is ``dest``."""
    if not dest.exists():
        new.rename(dest)
        return
    if _exchange(new, dest):
        shutil.rmtree(new, ignore_errors=True)  # ``new`` now holds the old site
        return
    old = dest.with_name(f"{_names(dest)[1]}{os.getpid()}")
    dest.rename(old)
    new.rename(dest)  # a kill right before this line is what ``recover`` repairs
    shutil.rmtree(old, ignore_errors=True)
