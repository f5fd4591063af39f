"""Build the site with Pelican, atomically.

``build_site`` validates all content first (nothing is built from bad input), runs Pelican
into a fresh temporary folder beside the output, treats any error Pelican or a plugin
logs as fatal, makes the result world-readable (0755 folders, 0644 files: a web server
runs as another user) and only then swaps the new folder into place (``swap``: old site
or new, never neither). A failed build leaves the previous output exactly as it was; a
killed one is cleaned up by the next.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.core.config import Paths, load_config
from generator.core.errors import BuildError, ContentErrors
from generator.site.checks import check_all
from generator.site.swap import make_world_readable, new_folder, output_lock, recover, swap_in


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    warnings: list[str]
    letters: Any = None  # generator.pdf.cache.LetterReport (rendered / cached), if any


class _ErrorRecorder(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def _record_errors() -> Iterator[_ErrorRecorder]:
    """Collect every ERROR logged during the build; keep Pelican's chatter quiet."""
    from pelican.log import console

    recorder = _ErrorRecorder()
    root = logging.getLogger()
    root.addHandler(recorder)
    was_quiet, console.quiet = console.quiet, True
    try:
        yield recorder
    finally:
        console.quiet = was_quiet
        root.removeHandler(recorder)


def _settings(paths: Paths, publish: bool, output: Path, today: date | None) -> dict:
    from pelican.settings import read_settings

    conf = paths.root / ("publishconf.py" if publish else "pelicanconf.py")
    override = {
        "OUTPUT_PATH": str(output),
        "STEMME_CACHE": str(paths.cache),
        "STEMME_ROOT": str(paths.root),
    }
    if today is not None:
        override["STEMME_TODAY"] = today.isoformat()
    return read_settings(str(conf), override=override)


def build_site(
    paths: Paths,
    *,
    publish: bool = False,
    output: Path | None = None,
    today: date | None = None,
) -> BuildResult:
    """Validate, build into a temp dir, swap into ``output`` (default: paths.output)."""
    from pelican import Pelican

    config = load_config(paths.config)
    report = check_all(paths, config)
    if report.errors:
        raise ContentErrors(report.errors)
    dest = (output or paths.output).resolve()
    with output_lock(dest):
        recover(dest)
        tmp = new_folder(dest)
        try:
            settings = _settings(paths, publish, tmp, today)
            with _record_errors() as recorder:
                Pelican(settings).run()
            if recorder.messages:
                details = "\n  • ".join(recorder.messages)
                raise BuildError(
                    f"Byggingen feilet, og forrige versjon av {dest.name}/ er beholdt:"
                    f"\n  • {details}"
                )
            pages = sum(1 for _ in tmp.rglob("*.html"))
            make_world_readable(tmp)
            swap_in(tmp, dest)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    return BuildResult(dest, pages, report.warnings, settings.get("STEMME_LETTERS"))
