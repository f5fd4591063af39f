"""Build the site with Pelican, atomically.

``build_site`` validates all content first (nothing is built from bad input), runs Pelican
into a fresh temporary folder beside the output, treats any error Pelican or a plugin
logs as fatal, makes the result world-readable (0755 folders, 0644 files: a web server
runs as another user) and only then swaps the new folder into place (``swap``: old site
or new, never neither). A failed build leaves the previous output exactly as it was; a
killed one is cleaned up by the next.

Two kinds of build: ``publish=True`` is the public site in ``output/`` (publishconf.py,
drafts never); otherwise it is the preview in ``build/preview/`` (pelicanconf.py, drafts
shown with a banner), which may never be written to ``output/``. Pelican's own log never
reaches the terminal; :mod:`generator.site.pelican_log` puts it in Norwegian.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from generator.core.config import Paths, load_config
from generator.core.errors import BuildError, ContentErrors
from generator.site.checks import check_all
from generator.site.pelican_log import record_pelican
from generator.site.swap import make_world_readable, new_folder, output_lock, recover, swap_in


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    warnings: list[str]
    letters: Any = None  # generator.pdf.cache.LetterReport (rendered / cached), if any


def _settings(paths: Paths, publish: bool, output: Path, today: date | None) -> dict:
    from pelican.settings import read_settings

    conf = paths.root / ("publishconf.py" if publish else "pelicanconf.py")
    override = {
        "OUTPUT_PATH": str(output),
        "STEMME_CACHE": str(paths.cache),
        "STEMME_ROOT": str(paths.root),
        "STEMME_PREVIEW": not publish,
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
    """Validate, build into a temp dir, swap into ``output`` (default: ``output/`` for
    the public site, ``build/preview/`` for the preview)."""
    from pelican import Pelican

    dest = (output or (paths.output if publish else paths.preview)).resolve()
    if not publish and dest == paths.output.resolve():
        raise BuildError(
            "Forhåndsvisningen (med utkast) skrives aldri til output/. "
            "Slik retter du det: bruk «make publish» for det offentlige nettstedet."
        )
    config = load_config(paths.config)
    report = check_all(paths, config)
    if report.errors:
        raise ContentErrors(report.errors)
    with output_lock(dest):
        recover(dest)
        tmp = new_folder(dest)
        try:
            settings = _settings(paths, publish, tmp, today)
            with record_pelican(paths.root) as recorder:
                Pelican(settings).run()
            if recorder.errors:
                details = "\n  • ".join(recorder.errors)
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
    return BuildResult(
        dest, pages, report.warnings + recorder.warnings, settings.get("STEMME_LETTERS")
    )
