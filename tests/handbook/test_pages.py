"""The fact-card gallery and the campaign plan with its ledger status."""

from __future__ import annotations

from datetime import datetime

import yaml

from generator.core.config import load_config
from generator.core.state import open_db
from generator.facts import Fact
from generator.images import CardStyle, ensure_cards
from generator.social.ledger import Ledger
from generator.watch.model import OSLO

SLUG = "taushet-tar-liv-2026"


def render_cards(project, ids=("partnerdrap-andel", "krisesenter-barn"), out=None):
    raw = yaml.safe_load(project.facts.read_text(encoding="utf-8"))
    facts = [Fact.model_validate(item) for item in raw if item["id"] in ids]
    brand = load_config(project.config).brand
    style = CardStyle(brand.primary, brand.on_primary, brand.accent, "test.example")
    return ensure_cards(facts, style, out or project.cards, formats=("kvadrat", "og"))


def test_gallery_shows_every_card_with_alt_text_and_source(project, build):
    manifest = render_cards(project)
    built = build(project)
    assert built.returncode == 0, built.stderr
    page = built.page("faktakort")
    card = manifest.card("partnerdrap-andel", "kvadrat")
    assert f'src="../kort/{card.path.name}"' in page
    assert (built.site / "kort" / card.path.name).read_bytes() == card.path.read_bytes()
    assert card.alt.replace("?", "") in page.replace("?", "")
    assert 'href="https://www.regjeringen.no/no/dokumenter/nou-2020-17/id2788044/"' in page
    assert "og 1200×630" in page
    assert "Kortet er ikke laget ennå" in page  # facts without rendered cards say so
    assert not (project.root / "handbook").exists()  # nothing written into the project


def test_routine_shows_the_card_or_a_friendly_note(project, build):
    built = build(project)
    assert "Her skulle kortet «partnerdrap-andel»" in built.page("rutiner/fakta")
    render_cards(project)
    built = build(project)
    assert 'src="../../kort/partnerdrap-andel-kvadrat.png"' in built.page("rutiner/fakta")


def test_gallery_is_friendly_without_cards(project, build):
    built = build(project)
    assert "Ingen kort ennå" in built.page("faktakort")


def test_campaign_plan_shows_passed_days_without_a_sent_post_as_missed(project, build):
    built = build(project, "2026-12-03")
    assert built.returncode == 0, built.stderr
    page = built.page("kampanje")
    # 25.11.–02.12. are over (a frozen day other than the clock's starts at midnight)
    assert page.count('<span class="status-ikke-sendt">✗ IKKE SENDT</span>') == 8 * 3
    assert "24 innlegg er IKKE SENDT" in page and "stemme post due --live" in page
    assert "ikke forsøkt" not in page


def test_campaign_plan_shows_ledger_status(project, build):
    render_cards(project, ids=("partnerdrap-andel",), out=project.cards / SLUG)
    now = datetime(2026, 11, 25, 9, 1, tzinfo=OSLO)
    conn = open_db(project.state_db)
    ledger = Ledger(conn)
    for channel in ("x", "mastodon", "bluesky"):
        ledger.ensure(f"{SLUG}/2026-11-25/{channel}", now, now)
        ledger.claim(f"{SLUG}/2026-11-25/{channel}", now, "hash", None)
    ledger.published(f"{SLUG}/2026-11-25/mastodon", now, "1", "https://mastodon.example/@t/1", 200)
    ledger.failed(f"{SLUG}/2026-11-25/x", now, "X svarte 402: ingen kreditt", retryable=False)
    ledger.unknown(f"{SLUG}/2026-11-25/bluesky", now, "Forbindelsen til Bluesky brøt")
    conn.close()
    built = build(project)
    assert built.returncode == 0, built.stderr
    page = built.page("kampanje")
    assert "Taushet tar liv 2026" in page
    assert 'href="https://mastodon.example/@t/1"' in page
    assert "X svarte 402: ingen kreditt" in page and ">✗ feilet<" in page
    assert ">✗ ukjent<" in page
    assert page.count(">planlagt<") == 15 * 3  # the later days are not due yet
    assert "IKKE SENDT" not in page
    assert page.count("post selv") == 16  # Facebook/Instagram is posted by hand
    assert f'src="../kort/{SLUG}/partnerdrap-andel-kvadrat.png"' in page
    assert (built.site / "kort" / SLUG / "partnerdrap-andel-kvadrat.png").is_file()
