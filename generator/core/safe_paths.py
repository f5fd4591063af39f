"""Paths from outside Stemme: content files that must be what they seem, and files a user
names to be written.

Read side — content files are regular files inside the project:

    source_file_problem   (why, fix) when a file staff wrote is a symbolic link that
                          dangles, loops or leaves the project, or is no regular file
                          (a folder, a pipe, a device): such a file would hang a build,
                          give a traceback or publish something from elsewhere
    walk_files            every regular file under a folder, in order, never following
                          a link to a folder (two links to «.» hang a walk that does)

Write side — see :func:`output_path`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

FIX_LINK = "slett lenken og legg selve filen i mappen (kopier den inn i prosjektet)."


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def source_file_problem(path: Path, root: Path) -> tuple[str, str] | None:
    """(why, fix) when ``path`` is not a regular file inside ``root`` (links resolved),
    else None. A file that does not exist at all is not this function's business."""
    if not path.is_symlink() and not path.exists():
        return None
    try:
        resolved = path.resolve(strict=True)
    except FileNotFoundError:
        target = os.readlink(path) if path.is_symlink() else "?"
        return (f"filen er en symbolsk lenke til noe som ikke finnes («{target}»)", FIX_LINK)
    except (RuntimeError, OSError):  # a loop (RuntimeError before Python 3.13)
        return ("filen er en symbolsk lenke som går i ring (en løkke)", FIX_LINK)
    real_root = root.resolve()
    if not resolved.is_relative_to(real_root):
        return (
            f"filen er en symbolsk lenke til en fil utenfor prosjektet («{resolved}»); "
            "den ville blitt publisert",
            FIX_LINK,
        )
    mode = resolved.stat().st_mode
    if not stat.S_ISREG(mode):
        kind = "en mappe" if stat.S_ISDIR(mode) else "ingen vanlig fil"
        return (
            f"«{_shown(path, root)}» er {kind}; her kan det bare ligge vanlige tekstfiler",
            "flytt innholdet ut i en vanlig fil, eller slett det.",
        )
    return None


def walk_files(folder: Path) -> Iterator[Path]:
    """Every file under ``folder`` (sorted, depth first); links to folders are listed as
    files and never followed, so a link loop cannot hang the walk."""
    for parent, dirs, files in os.walk(folder, followlinks=False):
        links = [d for d in dirs if os.path.islink(os.path.join(parent, d))]
        dirs[:] = sorted(d for d in dirs if d not in links)
        yield from (Path(parent, name) for name in sorted([*files, *links]))
