"""`stemme check`: validate every piece of content without building.

Runs the site's own content model, then each area's ``check(paths, config)`` (facts,
campaigns) when that area exists. Returns all errors and warnings at once.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from types import ModuleType

from generator.core.config import Config, Paths
from generator.core.errors import ContentError, StemmeError
from generator.site.content_model import validate_content

# Areas with a check(paths, config) -> (errors, warnings).
AREA_CHECKS = ("generator.facts", "generator.campaigns")


@dataclass
class CheckReport:
    errors: list[ContentError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _area(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def _fact_ids(paths: Paths) -> set[str] | None:
    facts = _area("generator.facts")
    if facts is None or not paths.facts.exists():
        return None
    try:
        return {fact.id for fact in facts.load_facts(paths.facts)}
    except StemmeError:
        return None  # reported by the facts check itself


def check_all(paths: Paths, config: Config) -> CheckReport:
    report = CheckReport()
    report.errors += validate_content(paths, _fact_ids(paths))
    report.checked.append("innhold")
    for name in AREA_CHECKS:
        module = _area(name)
        if module is None or not hasattr(module, "check"):
            continue
        errors, warnings = module.check(paths, config)
        report.errors += errors
        report.warnings += warnings
        report.checked.append(name.rsplit(".", 1)[-1])
    return report
