"""Paths from outside Stemme: content files that must be what they seem, and files a user
names to be written.

Read side — content files are regular files inside the project:

    source_file_problem   (why, fix) when a file staff wrote is a symbolic link that
                          dangles, loops or leaves the project, or is no regular file
                          (a folder, a pipe, a device): such a file would hang a build,
                          give a traceback or publish something from elsewhere
    walk_files            every regular file under a folder, in order, never following
                          a link to a folder (two links to «.» hang a walk that does)

Write side — every file or folder a user names to be written (``stemme letter --out``,
``stemme campaign calendar -o``, ``stemme post export --til``) goes through
:func:`output_path`, which refuses, saying what would have been overwritten:

- a symbolic link (it may point at a file nobody meant to lose);
- a file of another kind than the command makes (a letter must end in ``.pdf``, a
  calendar in ``.ics``), so ``--out stemme.toml`` never replaces the settings;
- a source of the project (:data:`SOURCE_FOLDERS`, :data:`SOURCE_FILES`): anything in
  content/, campaigns/, theme/, generator/, handbook/, tests/, .git/ …, and stemme.toml,
  pelicanconf.py, publishconf.py, pyproject.toml, Makefile, README.md ….
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.core.errors import StemmeError

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


# ── write side ───────────────────────────────────────────────────────────────────────

SOURCE_FOLDERS = {
    "content": "innholdet",
    "campaigns": "kampanjene",
    "theme": "temaet",
    "generator": "Stemmes programkode",
    "handbook": "håndboken",
    "tests": "testene",
    ".git": "git-historikken",
    ".github": "arbeidsflytene",
    ".forgejo": "arbeidsflytene",
    ".ci": "kontrollene",
    "bench": "målingene",
}
SOURCE_FILES = {
    "stemme.toml": "er prosjektets innstillinger",
    "pelicanconf.py": "er innstillingene for nettstedet",
    "publishconf.py": "er innstillingene for nettstedet",
    "pyproject.toml": "er Stemmes installasjonsfil",
    "Makefile": "er Stemmes kommandoer",
    "README.md": "er prosjektets README",
    "CHANGELOG.md": "er endringsloggen",
    ".gitlab-ci.yml": "er arbeidsflyten",
}


class OutputPathError(StemmeError):
    """A path a user named to be written would overwrite what it must not."""


def output_path(path: Path, root: Path, *, suffix: str | None, kind: str, example: str) -> Path:
    """``path`` (absolute, links not resolved) when it may be written: a file ending in
    ``suffix``, or a folder when ``suffix`` is None; else :class:`OutputPathError`.
    ``kind`` names what is written («brevet», «kalenderen»), ``example`` a good path."""
    path = Path(os.path.abspath(path))
    shown = _shown(path, root.absolute())
    fix = f"Slik retter du det: skriv {kind} til en annen sti, f.eks. {example}."
    if path.is_symlink():
        raise OutputPathError(
            f"«{shown}» er en symbolsk lenke; Stemme skriver aldri gjennom en lenke (den kan "
            f"peke på en fil du ikke vil miste). {fix}"
        )
    for real_root in dict.fromkeys((root.absolute(), root.resolve())):
        for candidate in dict.fromkeys((path, path.resolve())):
            if source := _source_of(candidate, real_root):
                raise OutputPathError(
                    f"Stemme skriver aldri over prosjektets kilder: «{shown}» {source}. {fix}"
                )
    if suffix is not None and (path.suffix.lower() != suffix or path.is_dir()):
        found = " (det er en mappe)" if path.is_dir() else ""
        found = " (filen finnes og ville blitt overskrevet)" if path.is_file() else found
        raise OutputPathError(
            f"«{shown}» har feil endelse: {kind} skrives bare til en {suffix}-fil{found}. {fix}"
        )
    return path


def _source_of(path: Path, root: Path) -> str | None:
    """What source of the project ``path`` is or lies in, in words; None if none."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if not parts:
        return "er selve prosjektmappen"
    if len(parts) == 1 and parts[0] in SOURCE_FILES:
        return SOURCE_FILES[parts[0]]
    if parts[0] in SOURCE_FOLDERS:
        where = f"ligger i {parts[0]}/" if len(parts) > 1 else f"er mappen {parts[0]}/"
        return f"{where} ({SOURCE_FOLDERS[parts[0]]})"
    return None
