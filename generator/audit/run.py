"""Run the whole audit of a built site once and return one :class:`Report`.

The HTML validator (a JVM) starts first and works in the background while the link and
weight checks read the files and Chromium walks the pages — on two cores that keeps the
whole proof well under a few minutes. A missing Chromium or Java marks those checks
"HOPPET OVER" with the reason; whether that is acceptable is the caller's decision (the
tests fail on it in CI).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.audit.browser import CHROMIUM_ARGS, BrowserAudit, LocalServer, find_chromium
from generator.audit.file_checks import HtmlValidation, check_links, check_weight
from generator.audit.flows import exit_flow, narrow_flow, wide_flow
from generator.audit.model import Finding, Page, Report, discover_pages, samples, site_origin

BROWSER_CHECKS = ("axe", "exit", "privacy", "console", "layout", "keyboard")
NO_CHROMIUM = (
    "Chromium finnes ikke på denne maskinen, så nettlesersjekkene ble ikke kjørt. "
    "Installer den med «sudo apt-get install chromium» (Debian/Ubuntu) og kjør på nytt."
)
NO_JAVA = (
    "Java finnes ikke, så HTML-validatoren (vnu) ble ikke kjørt. "
    "Installer den med «sudo apt-get install default-jre-headless» og kjør på nytt."
)


def run_audit(
    site_dir: Path,
    *,
    neutral_url: str,
    screenshots: Path | None = None,
    chromium: str | None = "auto",
    java: str | None = "auto",
    per_type: int = 2,
    exit_timeout: int = 5_000,
) -> Report:
    """Audit ``site_dir``; ``chromium``/``java`` = "auto" finds them, None skips them."""
    pages, missing = discover_pages(site_dir)
    report = Report(pages)
    report.add(missing)
    origin = site_origin(site_dir)
    java = shutil.which("java") if java == "auto" else java
    validation = HtmlValidation(pages, java) if java else None
    if validation is None:
        report.skip("html", NO_JAVA)

    _file_checks(site_dir, pages, report, origin)
    chromium = find_chromium() if chromium == "auto" else chromium
    if chromium:
        exit_setup = (neutral_url, exit_timeout)
        _browser_checks(
            site_dir, pages, report, chromium, exit_setup, screenshots, origin, per_type
        )
    else:
        for check in BROWSER_CHECKS:
            report.skip(check, NO_CHROMIUM)

    if validation is not None:
        report.add(validation.result())
        for page in pages:
            report.mark_checked("html", page)
    return report


def _file_checks(site_dir: Path, pages: list[Page], report: Report, origin: str) -> None:
    report.add(check_links(site_dir, pages, origin))
    weight, report.heaviest = check_weight(site_dir, pages, origin)
    report.add(weight)
    for page in pages:
        report.mark_checked("links", page)
        report.mark_checked("weight", page)


def _browser_checks(
    site_dir: Path,
    pages: list[Page],
    report: Report,
    chromium: str,
    exit_setup: tuple[str, int],
    screenshots: Path | None,
    origin: str,
    per_type: int,
) -> None:
    from playwright.sync_api import sync_playwright

    # Screenshots go to a private folder first and replace build/screenshots/ at the end,
    # so two runs at once never leave a half-mixed folder.
    fresh = None
    if screenshots:
        screenshots.parent.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=f".{screenshots.name}.ny-", dir=screenshots.parent))
    shot_taken: set[tuple[str, str]] = set()

    def shots_for(page: Page, flow: str) -> Path | None:
        if fresh is None or (page.type, flow) in shot_taken:
            return None
        shot_taken.add((page.type, flow))
        return fresh

    with LocalServer(site_dir) as server, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium, headless=True, args=CHROMIUM_ARGS
        )
        try:
            audit = BrowserAudit(browser, server.origin, site_dir, origin, *exit_setup)
            _walk(audit, pages, report, shots_for, per_type)
            audit.close()
        finally:
            browser.close()
    if fresh and screenshots:
        shutil.rmtree(screenshots, ignore_errors=True)
        fresh.rename(screenshots)
        report.screenshots = [screenshots / shot.name for shot in report.screenshots]


def _walk(
    audit: BrowserAudit,
    pages: list[Page],
    report: Report,
    shots_for: Callable[[Page, str], Path | None],
    per_type: int,
) -> None:
    """Every page narrow; sample pages wide; the quick exit once per page type."""
    for page in pages:
        flow = partial(narrow_flow, audit, page, report, shots_for(page, "narrow"))
        _guarded(report, page, "layout", flow)
    exit_tried: set[str] = set()
    for page in samples(pages, per_type):
        _guarded(
            report,
            page,
            "keyboard",
            partial(wide_flow, audit, page, report, shots_for(page, "wide")),
        )
        if page.type in exit_tried:
            continue  # one quick-exit run per type is enough: the script is the same
        exit_tried.add(page.type)
        for how in ("klikk", "shift"):
            _guarded(report, page, "exit", partial(exit_flow, audit, page, report, how))


def _guarded(report: Report, page: Page, check: str, flow: Callable[[], None]) -> None:
    """Run one flow; a browser error (timeout, crash) becomes a finding, not a crash."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        flow()
    except PlaywrightError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else repr(exc)
        report.add([Finding(check, page.path, "nettleserfeil", "", first_line[:300])])
        report.mark_checked(check, page)
