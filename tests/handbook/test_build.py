"""The handbook builds strictly from the real config — with no DB, an empty DB and a DB the
watcher filled from the feed fixtures — and lists the deadlines in order."""

from __future__ import annotations

import html
import re
from datetime import date

from generator.core.state import open_db
from generator.watch.store import list_consultations
from tests.handbook.helpers import DRAFT_ID, HOSTILE_ID, TODAY

ROW_ID = re.compile(r'<tr class="(frist-[a-z]+)" data-id="([^"]+)"')


def visible(page: str) -> str:
    """The page's text with tags removed and entities decoded, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", page)).split())


def _upcoming_section(html: str) -> str:
    start = html.index('id="kommende-frister"')
    return html[start : html.index('id="uten-kjent-frist"')]


def test_builds_with_no_state_db(project, build):
    built = build(project)
    assert built.returncode == 0, built.stderr
    frister = built.page("frister")
    assert "Ingen høringer ennå" in frister
    assert "torsdag 26. november 2026" in frister  # today is injectable
    assert "Ingen høringer ennå" in built.page("hoeringer")
    assert not project.state_db.exists(), "building the handbook must not create the DB"
    for page in ("", "kampanje", "faktakort", "rutiner/feilmeldinger", "rutiner/16-dager"):
        assert "<h1" in built.page(page)


def test_builds_with_an_empty_state_db(project, build):
    open_db(project.state_db).close()
    built = build(project)
    assert built.returncode == 0, built.stderr
    assert "Ingen høringer ennå" in built.page("frister")


def test_builds_with_a_zero_byte_db_file(project, build):
    project.state_db.parent.mkdir(parents=True, exist_ok=True)
    project.state_db.write_bytes(b"")
    built = build(project)
    assert built.returncode == 0, built.stderr


def test_frister_lists_fixture_consultations_in_deadline_order(watched_site):
    built = watched_site
    assert built.returncode == 0, built.stderr
    upcoming = ROW_ID.findall(_upcoming_section(built.page("frister")))
    ids = [uid.split(":", 1)[1] for _, uid in upcoming]
    # Deadlines per the fixtures README (3181177 extended to 15 March in poll 2).
    assert ids == [HOSTILE_ID, "10006201", "10006214", DRAFT_ID, "3180960", "3181402",
                   "3181177"]  # fmt: skip
    conn = open_db(built.project.state_db)
    expected = [
        c.id for c in list_consultations(conn, relevant=True)
        if c.deadline_date and c.deadline_date >= TODAY
    ]  # fmt: skip
    conn.close()
    assert ids == expected
    classes = dict((uid.split(":", 1)[1], css) for css, uid in upcoming)
    assert classes[HOSTILE_ID] == "frist-haster"  # 5 days left
    assert classes["10006201"] == "frist-haster"  # 14 days left: still urgent
    assert classes["10006214"] == "frist-rolig"


def test_frister_shows_days_left_status_owner_and_unknown_deadlines(watched_site):
    built = watched_site
    frister = built.page("frister")
    assert '<td data-dager="5">5 dager</td>' in frister
    assert "Kari Nordmann" in frister and ">svarer<" in frister
    unknown = frister[frister.index('id="uten-kjent-frist"') :]
    assert "regjeringen:3181655" in unknown and "regjeringen:3182046" in unknown
    assert "regjeringen:3181290" not in frister  # voldgiftsloven is not relevant
    assert re.search(r"\d+ frister? innen 14 dager", frister)


def test_consultation_page_has_everything_a_policy_adviser_needs(watched_site):
    built = watched_site
    page = built.page("hoeringer/regjeringen-3181177")
    assert "forlenget" in page  # title after poll 2 and the history of changes
    assert "15. mars 2027" in page
    assert "treff:" in page and "krisesent" in page
    assert 'href="https://www.regjeringen.no/no/dokumenter/' in page
    assert "Endringer" in page and "ny høring" in page
    assert "stemme respond regjeringen:3181177" in visible(page)
    draft = built.page(f"hoeringer/regjeringen-{DRAFT_ID}")
    assert "content/hoeringssvar/2026-11-20-evaluering-av-krisesenterloven.md" in draft
    assert "Kari Nordmann" in draft and "Styret godkjenner 10. desember" in draft
    assert "status: svarer" in draft or "svarer" in draft
    assert "ansvarlig: – → Kari Nordmann" in draft  # tracking history


def test_stortinget_page_shows_the_request_deadline_and_the_hearing(watched_site):
    page = watched_site.page("hoeringer/stortinget-10006201")
    assert (
        "<dt>Påmeldingsfrist</dt><dd>30. november 2026 kl. 12:00 (om 4 dager)</dd>"
        "<dt>Høring i Stortinget</dt><dd>8. desember 2026 kl. 09:00, Stortingets komitéhus, "
        "Høringssal 1</dd>" in page
    )
    assert "Påmeldingsfrist" not in watched_site.page("hoeringer/regjeringen-3181177")


def test_every_tracked_consultation_has_a_page_and_the_list_links_them(watched_site):
    built = watched_site
    listing = built.page("hoeringer")
    for uid in ("regjeringen-3181655", "stortinget-10006214", f"regjeringen-{HOSTILE_ID}"):
        assert (built.site / "hoeringer" / uid / "index.html").is_file()
        assert f'href="{uid}/"' in listing


def test_invalid_today_fails_with_a_norwegian_message(project, build):
    built = build(project, today="26.11.2026")
    assert built.returncode == 1
    assert "STEMME_TODAY='26.11.2026' er ikke en dato" in built.stderr
    assert "Traceback" not in built.stderr


def test_past_deadlines_leave_the_upcoming_table(watched, build):
    built = build(watched, today=date(2027, 2, 1))
    ids = [uid for _, uid in ROW_ID.findall(_upcoming_section(built.page("frister")))]
    assert ids == ["regjeringen:3181402", "regjeringen:3181177"]
