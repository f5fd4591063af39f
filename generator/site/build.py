"""Build the site with Pelican, atomically.

``build_site`` validates all content first (nothing is built from bad input), runs Pelican
into a fresh temporary folder beside the output, treats any error Pelican or a plugin
logs as fatal, makes the result world-readable (0755 folders, 0644 files: a web server
runs as another user) and only then swaps the new folder into place (``core.swap``: old site
or new, never neither). A failed build leaves the previous output exactly as it was; a
killed one is cleaned up by the next.

Two kinds of build: ``publish=True`` is the public site in ``output/`` (publishconf.py,
drafts never); otherwise it is the preview in ``build/preview/`` (pelicanconf.py, drafts
shown with a banner), which may never be written to ``output/``. Pelican's own log never
reaches the terminal; :mod:`generator.site.pelican_log` puts it in Norwegian.
"""

from __future__ import annotations

import copy
import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core import (
    BuildError,
    ContentErrors,
    Paths,
    code_digest,
    dates,
    load_config,
    make_world_readable,
    new_folder,
    output_lock,
    recover,
    swap_in,
)
from generator.site import fingerprint
from generator.site.checks import check_all
from generator.site.context import KEY, BuildContext
from generator.site.pelican_log import record_pelican

if TYPE_CHECKING:
    from generator.pdf import LetterReport

# What a build made anew and what it reused, by kind (a shortcut build makes nothing).
COUNTED = ("tekster", "kort", "brev")


@dataclass(frozen=True)
class BuildResult:
    output: Path
    pages: int
    warnings: list[str]
    letters: LetterReport | None = None  # the letters made and reused, if any
    # kind → (made anew, reused): «tekster» (Markdown → HTML), «kort», «brev»
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)  # kind → time spent on it
    unchanged: bool = False  # nothing changed since the last build: nothing was built

    def made(self, what: str) -> int:
        return self.counts.get(what, (0, 0))[0]

    def said(self) -> dict[str, Any]:
        """What the command tells about this build (kept for the no-change shortcut)."""
        return {"pages": self.pages, "warnings": self.warnings, "counts": self.counts}

    @classmethod
    def repeated(cls, output: Path, said: dict[str, Any]) -> BuildResult:
        """The result of a shortcut: the last build's pages and warnings; nothing made."""
        counts = {k: (0, sum(v)) for k, v in said.get("counts", {}).items()}
        return cls(output, said["pages"], list(said["warnings"]), None, counts, unchanged=True)


def _settings(paths: Paths, publish: bool, output: Path, context: BuildContext) -> dict:
    from jinja2 import FileSystemBytecodeCache
    from pelican.settings import read_settings

    conf = paths.root / ("publishconf.py" if publish else "pelicanconf.py")
    settings = read_settings(str(conf), override={"OUTPUT_PATH": str(output)})
    settings[KEY] = context
    settings["MARKDOWN"] = _as_configured(settings.get("MARKDOWN", {}))
    # Templates compiled once, not by every generator of every build (Jinja checks each
    # template's source and its own version before it uses what it kept). The compiled
    # code also depends on our filters and globals (whether they take the render's
    # context), so what one version of Stemme compiled is never used by another.
    templates = paths.compiled_templates / code_digest()[:16]
    templates.mkdir(parents=True, exist_ok=True)
    jinja = dict(settings.get("JINJA_ENVIRONMENT") or {})
    jinja.setdefault("bytecode_cache", FileSystemBytecodeCache(str(templates)))
    settings["JINJA_ENVIRONMENT"] = jinja
    return settings


def _as_configured(markdown: dict[str, Any]) -> dict[str, Any]:
    """The ``MARKDOWN`` settings as pelicanconf.py wrote them, in a copy of their own.

    pelicanconf.py is imported once per process, and every build adds to its dict: the
    plugins their extension objects, Pelican the names of the configured extensions.
    Without those, each build adds them in the same order, so the Markdown settings — part
    of the converted-text and letter cache keys — are the same in every build."""
    added = {*markdown.get("extension_configs", {}), "markdown.extensions.meta"}
    extensions = [e for e in markdown.get("extensions", []) if isinstance(e, str)]
    copied = copy.deepcopy({k: v for k, v in markdown.items() if k != "extensions"})
    return {**copied, "extensions": [e for e in extensions if e not in added]}


def build_site(
    paths: Paths,
    *,
    publish: bool = False,
    output: Path | None = None,
    today: date | None = None,
) -> BuildResult:
    """Validate, build into a temp dir, swap into ``output`` (default: ``output/`` for
    the public site, ``build/preview/`` for the preview). When nothing the build reads
    changed since the last build of ``output`` (:mod:`generator.site.fingerprint`),
    nothing is read, built or written, and the result says ``unchanged``."""
    dest = (output or (paths.output if publish else paths.preview)).resolve()
    if not publish and dest == paths.output.resolve():
        raise BuildError(
            "Forhåndsvisningen (med utkast) skrives aldri til output/. "
            "Slik retter du det: bruk «make publish» for det offentlige nettstedet."
        )
    day = dates.today(today)
    with output_lock(dest):
        recover(dest)
        record = fingerprint.load_record(paths, dest, publish)
        taken = fingerprint.fingerprint(paths, dest, publish, record and record.fingerprint)
        if record is not None and record.matches(taken, dest, day):
            return BuildResult.repeated(dest, record.said)
        last_index = {"output": str(dest), **record.search} if record else {}
        result, context = _build(paths, dest, publish, day, last_index)
        fingerprint.remember(
            paths, dest, publish, taken, day, context.campaign_dates, result.said(), context.search
        )
    return result


def _build(
    paths: Paths, dest: Path, publish: bool, day: date, last_index: dict[str, str]
) -> tuple[BuildResult, BuildContext]:
    """Check everything, run Pelican into a temp folder, swap it in (lock held).
    ``last_index``: what the search index in ``dest`` was made from, if it is known."""
    from pelican import Pelican

    from generator.site.conversion import markdown_cache

    config = load_config(paths.config)
    report = check_all(paths, config)
    if report.errors:
        raise ContentErrors(report.errors)
    context = BuildContext(paths, config, day, preview=not publish, previous_search=last_index)
    tmp = new_folder(dest)
    try:
        settings = _settings(paths, publish, tmp, context)
        with record_pelican(paths.root) as recorder:
            Pelican(settings).run()
        if recorder.errors:
            details = "\n  • ".join(recorder.errors)
            raise BuildError(
                f"Byggingen feilet, og forrige versjon av {dest.name}/ er beholdt:\n  • {details}"
            )
        pages = sum(1 for _ in tmp.rglob("*.html"))
        make_world_readable(tmp)
        swap_in(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    texts = markdown_cache(context)
    texts.prune()
    counts = {"tekster": (texts.converted, texts.cached), **context.counts}
    warnings = report.warnings + recorder.warnings
    result = BuildResult(dest, pages, warnings, context.letters, counts, context.seconds)
    return result, context
