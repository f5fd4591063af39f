"""`stemme check`: validate every piece of content without building.

Runs the site's own content model, then each area's ``check(paths, config)``: facts,
whether each fact fits its cards, campaigns, the poster's post lengths and the photos
(alt text, file present). Returns all errors and warnings at once: every file, every
field, each error naming its file relative to the project root, sorted by file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from generator import campaigns, facts
from generator.core import Config, ContentError, Paths, StemmeError
from generator.images import check as cards_check
from generator.pdf import check as letters_check
from generator.site import photos, topics, translations
from generator.site.content_model import validate_content
from generator.social import check as posts_check

AreaCheck = Callable[[Paths, Config], tuple[list[ContentError], list[str]]]

# (name shown in the report, the area's check)
AREA_CHECKS: tuple[tuple[str, AreaCheck], ...] = (
    ("fakta", facts.check),
    ("faktakort", cards_check),
    ("kampanjer", campaigns.check),
    ("innlegg", posts_check),
    ("bilder", photos.check),
    ("temaer", topics.check),
    ("brev", letters_check),
    ("oversettelser", translations.check),
)


@dataclass
class CheckReport:
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _fact_ids(paths: Paths) -> set[str] | None:
    if not paths.facts.exists():
        return None
    try:
        return {fact.id for fact in facts.load_facts(paths.facts)}
    except StemmeError:
        return None  # reported by the facts check itself


def _relative(error: ContentError, root: Path) -> ContentError:
    if error.file and Path(error.file).is_absolute():
        try:
            return error.relocated(Path(error.file).relative_to(root))
        except ValueError:
            return error
    return error


def check_all(paths: Paths, config: Config) -> CheckReport:
    report = CheckReport()
    own_host = urlsplit(config.site.url).hostname
    report.errors += validate_content(paths, _fact_ids(paths), own_host)
    report.checked.append("innhold")
    for name, area_check in AREA_CHECKS:
        errors, warnings = area_check(paths, config)
        report.errors += errors
        report.warnings += warnings
        report.checked.append(name)
    found = [_relative(e, paths.root) for e in report.errors]
    report.errors = sorted(found, key=lambda e: e.sort_key)
    return report
