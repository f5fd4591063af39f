"""Pelican's log during a build, in Norwegian: nothing of it reaches the terminal as is.

:func:`record_pelican` silences Pelican's console and collects what it logs; errors make
the build fail (:mod:`generator.site.build`), and the known warnings become Norwegian
warnings. A message Pelican logs while reading a file carries our own Norwegian error
(the reader raises :class:`~generator.core.errors.StemmeError`), so that text is used.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from generator.core import StemmeError


def _reading_failed(record: logging.LogRecord, root: Path | None) -> str:
    source = Path(str(record.args[0])) if record.args else Path("?")
    if root is not None and source.is_absolute():
        with suppress(ValueError):
            source = source.relative_to(root)
    # Pelican logs the failure from inside its ``except`` block, but without the
    # exception (unless DEBUG): the handler runs in that block, so it is still current.
    exc = record.exc_info[1] if record.exc_info else sys.exc_info()[1]
    if exc is None:
        detail = "ukjent feil"
    elif isinstance(exc, StemmeError):
        detail = str(exc)
    else:  # not a mistake in the file we know of: say what happened, and where to go
        detail = (
            f"{type(exc).__name__}: {exc} (en feil i Stemme, ikke i teksten din; "
            "meld den til den som drifter Stemme, med denne meldingen)"
        )
    return f"{source}: kunne ikke leses: {detail}"


def norwegian(record: logging.LogRecord, root: Path | None = None) -> str:
    """One of Pelican's log records as a Norwegian sentence."""
    template = str(record.msg)
    if template.startswith("Could not process"):
        return _reading_failed(record, root)
    if template.startswith("Unable to find") and record.args:
        return (
            f"lenken «{record.args[0]}» peker på en fil som ikke finnes; "
            "rett lenken eller legg filen til"
        )
    return f"byggeverktøyet (Pelican) meldte: {record.getMessage()}"


class PelicanRecorder(logging.Handler):
    """Collects Pelican's errors and the warnings we know how to put in Norwegian."""

    KNOWN_WARNINGS = ("Unable to find",)

    def __init__(self, root: Path | None = None) -> None:
        super().__init__(level=logging.WARNING)
        self.root = root
        self.errors: list[str] = []
        self.warnings: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.ERROR:
            self.errors.append(norwegian(record, self.root))
        elif str(record.msg).startswith(self.KNOWN_WARNINGS):
            self.warnings.append(norwegian(record, self.root))


@contextmanager
def record_pelican(root: Path | None = None) -> Iterator[PelicanRecorder]:
    """Collect everything Pelican logs during the block; its console stays quiet."""
    from pelican.log import console

    recorder = PelicanRecorder(root)
    logger = logging.getLogger()
    logger.addHandler(recorder)
    was_quiet, console.quiet = console.quiet, True
    try:
        yield recorder
    finally:
        console.quiet = was_quiet
        logger.removeHandler(recorder)
