"""campaign-today.js in real Chromium: the «I dag» mark follows the reader's date."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.project import ROOT

SCRIPT = ROOT / "theme" / "static" / "js" / "campaign-today.js"
OSLO = ZoneInfo("Europe/Oslo")

PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>t</title>
<script src="campaign-today.js" defer></script></head><body>
<ol data-campaign-days>
  <li class="campaign-day campaign-day--today" data-date="2026-11-25">
    <a href="#a" aria-current="date">a</a>
    <span class="campaign-day__badge">I dag</span></li>
  <li class="campaign-day" data-date="2026-11-26"><a href="#b">b</a>
    <span class="campaign-day__badge" hidden>I dag</span></li>
</ol>
<div data-campaign-today data-date="2026-11-25">dagens</div>
<p data-campaign-running data-start="2026-11-25" data-end="2026-12-10">pågår</p>
</body></html>"""


def _chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("Chromium er ikke installert — hopper over testen av campaign-today.js")
    return path


def _state(tmp_path: Path, now: datetime) -> dict:
    from playwright.sync_api import sync_playwright

    (tmp_path / "campaign-today.js").write_bytes(SCRIPT.read_bytes())
    (tmp_path / "side.html").write_text(PAGE, encoding="utf-8")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=_chromium(), args=["--no-sandbox"])
        page = browser.new_page()
        page.clock.set_fixed_time(now)
        page.goto((tmp_path / "side.html").as_uri())
        page.wait_for_load_state("load")
        state = page.evaluate(
            """() => ({
              current: [...document.querySelectorAll('[aria-current="date"]')]
                .map(a => a.closest('li').dataset.date),
              marked: [...document.querySelectorAll('.campaign-day--today')]
                .map(li => li.dataset.date),
              badges: [...document.querySelectorAll('.campaign-day__badge')].map(b => b.hidden),
              todayBox: document.querySelector('[data-campaign-today]').hidden,
              running: document.querySelector('[data-campaign-running]').hidden,
            })"""
        )
        browser.close()
    return state


@pytest.mark.browser
def test_mark_moves_to_a_later_day(tmp_path):
    # 23:30 UTC on 25 November is already 26 November in Oslo.
    state = _state(tmp_path, datetime(2026, 11, 25, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert state == {
        "current": ["2026-11-26"],
        "marked": ["2026-11-26"],
        "badges": [True, False],
        "todayBox": True,
        "running": False,
    }


@pytest.mark.browser
def test_mark_disappears_after_the_campaign(tmp_path):
    state = _state(tmp_path, datetime(2026, 12, 20, 12, tzinfo=OSLO))
    assert state["current"] == [] and state["marked"] == []
    assert state["badges"] == [True, True]
    assert state["running"] is True
