"""Fixtures for the browser proof: Chromium/Java presence, a hand-made mini site, the real build.

Without Chromium (or Java for vnu) the browser checks skip with a Norwegian message on a
developer's machine — but never in CI (``CI=true``): there a missing tool is a failure.
"""

from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.audit.browser import find_chromium
from generator.audit.model import CHECKS, Report
from generator.audit.run import NO_CHROMIUM, NO_JAVA, run_audit
from generator.core.config import load_config
from tests.project import ROOT, copy_project, project_env

IN_CI = os.environ.get("CI", "").lower() in ("true", "1", "yes")
BUILD_DAY = date(2026, 11, 26)  # inside the 2026 campaign: the front page shows it
SCREENSHOTS = ROOT / "build" / "screenshots"
_REPORTS: list[tuple[str, Report]] = []


def require(chromium: bool = True, java: bool = False) -> None:
    """Skip (developer machine) or fail (CI) when a needed tool is missing."""
    for needed, present, message in (
        (chromium, find_chromium(), NO_CHROMIUM),
        (java, shutil.which("java"), NO_JAVA),
    ):
        if needed and not present:
            if IN_CI:
                pytest.fail(f"CI=true: {message}", pytrace=False)
            pytest.skip(message)


def assert_clean(report: Report, check: str) -> None:
    """Fail with page, rule and element of every finding; skip/fail a skipped check."""
    if check in report.skipped:
        if IN_CI:
            pytest.fail(f"CI=true: {report.skipped[check]}", pytrace=False)
        pytest.skip(report.skipped[check])
    assert not report.failures(check), report.failure_text(check)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built once per session.

    ``STEMME_AUDIT_SITE=output`` (set by ``make check`` right after its publish build)
    uses that folder; otherwise the example project is built with publishconf into a
    temp dir first.
    """
    if given := os.environ.get("STEMME_AUDIT_SITE"):
        return Path(given) if Path(given).is_absolute() else ROOT / given
    return _fresh_build(tmp_path_factory.mktemp("nettsted"))


@pytest.fixture(scope="session")
def site_report(published_site: Path) -> Report:
    """The audit of the real site, once per session."""
    config = load_config(ROOT / "stemme.toml")
    site = published_site
    report = run_audit(
        site,
        neutral_url=config.site.neutral_exit_url,
        screenshots=SCREENSHOTS,
        chromium="auto",
        java="auto",
    )
    _REPORTS.append((f"Nettstedet ({site})", report))
    return report


def _fresh_build(tmp: Path) -> Path:
    from generator.site.build import build_site

    paths = copy_project(tmp / "prosjekt", reuse_cards=True)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=BUILD_DAY)
    return paths.output


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print the Norwegian summary table of the site audit, the heaviest pages and every
    finding (the mini site's planned failures are not printed: they are expected)."""
    for title, report in _REPORTS:
        terminalreporter.section(f"Nettlesersjekk: {title}")
        terminalreporter.write_line(report.table())
        terminalreporter.write_line("")
        terminalreporter.write_line(report.weight_text())
        for check in CHECKS:
            if report.failures(check):
                terminalreporter.write_line(report.failure_text(check))
        terminalreporter.write_line(f"Skjermbilder: {SCREENSHOTS}")
