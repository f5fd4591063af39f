"""What a visitor does on each page, as browser flows that produce findings.

* ``narrow_flow`` (every page): 320 px and 360 px wide — no horizontal scroll, the quick
  exit is there and visible, axe-core at 360 px; a screenshot at 360 px for the first page
  of each type.
* ``wide_flow`` (sample pages): 1280 px — axe-core again, screenshot, tab order (skip link,
  quick exit among the first stops), visible focus, skip link lands in the main content.
* ``exit_flow`` (sample pages): the quick exit by click and by Shift three times — the
  content is already hidden when the page is left (measured in ``beforeunload``, before
  the neutral page is even requested), and the neutral page replaces ours.

Every flow runs in a ``BrowserAudit.session``, so each also proves no third-party
requests, no cookies and no console errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from generator.audit.browser import (
    EXIT_TAB_STOPS,
    MOBILE,
    NARROW,
    WIDE,
    BrowserAudit,
    Session,
    axe_findings,
    overflow_findings,
    skip_link_result,
    tab_stops,
    watch_unload,
)
from generator.audit.model import Finding, Page, Report

EXIT_ID = "forlat-siden"


def _mark(report: Report, page: Page, *checks: str) -> None:
    for check in checks:
        report.mark_checked(check, page)


def narrow_flow(audit: BrowserAudit, page: Page, report: Report, shots: Path | None) -> None:
    found: list[Finding] = []
    with audit.session(page, NARROW, found) as s:
        s.page.goto(s.url, wait_until="load")
        found += overflow_findings(page, s.page, NARROW)
        found += _exit_present(page, s.page)
        s.page.set_viewport_size({"width": MOBILE, "height": 720})
        found += overflow_findings(page, s.page, MOBILE)
        found += axe_findings(page, s.page, MOBILE)
        if shots:
            shot = shots / f"{page.type}-{MOBILE}.png"
            s.page.screenshot(path=shot, full_page=True)
            report.screenshots.append(shot)
    report.add(found)
    _mark(report, page, "layout", "axe", "exit", "privacy", "console")


def _exit_present(page: Page, tab: Any) -> list[Finding]:
    button = tab.locator(f"#{EXIT_ID}")
    if button.count() != 1:
        return [
            Finding(
                "exit",
                page.path,
                "forlat-siden-mangler",
                f"#{EXIT_ID}",
                f"fant {button.count()} elementer med id «{EXIT_ID}», skal være nøyaktig ett",
            )
        ]
    box = button.bounding_box()
    if not button.is_visible() or box is None or box["y"] + box["height"] > 720:
        return [
            Finding(
                "exit",
                page.path,
                "forlat-siden-usynlig",
                f"#{EXIT_ID}",
                "knappen «Forlat siden» skal synes øverst uten at man må rulle",
            )
        ]
    return []


def wide_flow(audit: BrowserAudit, page: Page, report: Report, shots: Path | None) -> None:
    found: list[Finding] = []
    with audit.session(page, WIDE, found) as s:
        s.page.goto(s.url, wait_until="load")
        found += axe_findings(page, s.page, WIDE)
        if shots:
            shot = shots / f"{page.type}-{WIDE}.png"
            s.page.screenshot(path=shot, full_page=True)
            report.screenshots.append(shot)
        s.page.goto(s.url, wait_until="load")
        found += _keyboard_findings(page, s.page, tab_stops(s.page))
        found += _skip_link_findings(page, s.page, s.url)
    report.add(found)
    _mark(report, page, "axe", "keyboard", "exit", "privacy", "console")


def _keyboard_findings(page: Page, tab: Any, stops: list[dict]) -> list[Finding]:
    found = []
    exit_index = next((i for i, s in enumerate(stops) if s["id"] == EXIT_ID), None)
    if exit_index is None or exit_index >= EXIT_TAB_STOPS:
        order = " → ".join(s["desc"] for s in stops[: EXIT_TAB_STOPS + 1])
        found.append(
            Finding(
                "exit",
                page.path,
                "forlat-siden-tabrekkefølge",
                order,
                f"«Forlat siden» skal være blant de {EXIT_TAB_STOPS} første tabstoppene",
            )
        )
    if not stops or not stops[0]["href"].startswith("#"):
        first = stops[0]["desc"] if stops else "(ingen)"
        found.append(
            Finding(
                "keyboard",
                page.path,
                "hopp-til-innhold-først",
                first,
                "første tabstopp skal være lenken «Hopp til hovedinnholdet»",
            )
        )
    for stop in stops:
        if stop["desc"].startswith("<body>"):
            continue
        if not stop["visible"]:
            why = "er utenfor skjermen" if not stop["inView"] else "ser lik ut med og uten fokus"
            found.append(
                Finding(
                    "keyboard",
                    page.path,
                    "fokus-usynlig",
                    stop["desc"],
                    f"tastaturfokus synes ikke: elementet {why} (gi det f.eks. en outline)",
                )
            )
    return found


def _skip_link_findings(page: Page, tab: Any, url: str) -> list[Finding]:
    tab.goto(url, wait_until="load")
    tab.keyboard.press("Tab")
    href = tab.evaluate("() => document.activeElement.getAttribute('href') || ''")
    if not href.startswith("#"):
        return []  # reported by the tab-order check
    tab.keyboard.press("Enter")
    state = skip_link_result(tab, href[1:])
    if state["exists"] and not state["inside"]:
        tab.keyboard.press("Tab")
        state = skip_link_result(tab, href[1:])
        state["inside"] = state["inside"] or state["after"]
    if state["exists"] and state["inside"]:
        return []
    why = f"målet {href} finnes ikke" if not state["exists"] else "fokus havnet ikke i innholdet"
    return [
        Finding(
            "keyboard",
            page.path,
            "hopp-til-innhold",
            f'<a href="{href}">',
            f"hopp-lenken flytter ikke fokus til hovedinnholdet: {why}",
        )
    ]


def exit_flow(audit: BrowserAudit, page: Page, report: Report, how: str) -> None:
    """Use the quick exit (``how`` = "klikk" or "shift") and prove what happens."""
    found: list[Finding] = []
    with audit.session(page, MOBILE, found, exit_allowed=True) as s:
        s.page.goto(s.url, wait_until="load")
        found += _use_exit(page, s, how, audit.exit_timeout)
    report.add(found)
    _mark(report, page, "exit", "privacy", "console")


def _use_exit(page: Page, s: Session, how: str, timeout: int) -> list[Finding]:
    def fail(rule: str, message: str) -> list[Finding]:
        return [Finding("exit", page.path, f"forlat-siden-{how}-{rule}", f"#{EXIT_ID}", message)]

    button = s.page.locator(f"#{EXIT_ID}")
    if button.count() != 1:
        return []  # reported by narrow_flow
    watch_unload(s.page)
    if how == "klikk":
        button.click(no_wait_after=True)
    else:
        s.page.locator("body").press("Shift")
        s.page.keyboard.press("Shift")
        s.page.keyboard.press("Shift")
    try:
        s.page.wait_for_url(s.traffic.is_neutral, timeout=timeout)
    except PlaywrightTimeoutError:
        return fail(
            "navigerer-ikke",
            f"siden gikk ikke til den nøytrale adressen "
            f"{s.traffic.neutral_url} innen {timeout / 1000:.0f} s",
        )
    leaving = json.loads(s.probes[0]) if s.probes else {"hidden": False, "why": "ingen måling"}
    if not leaving["hidden"]:
        return fail(
            "skjuler-ikke",
            "innholdet skal skjules før den nøytrale siden hentes, "
            f"men da siden ble forlatt: {leaving['why']}",
        )
    return []
