"""A real site build with the seed campaign: pages, og:image per day, today's highlight."""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from generator.campaigns import load_campaign
from generator.core.config import Paths, load_config
from generator.facts import load_facts
from generator.site.build import build_site
from generator.site.context import KEY, BuildContext
from generator.site.plugins.campaigns import build_today
from tests.project import ROOT, copy_project, project_env

SLUG = "taushet-tar-liv-2026"
OSLO = ZoneInfo("Europe/Oslo")
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def site_project(tmp_path_factory: pytest.TempPathFactory):
    paths = copy_project(tmp_path_factory.mktemp("kampanje") / "prosjekt")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        yield paths


@pytest.fixture(scope="module")
def built_inside(site_project: Paths) -> Path:
    """Built on 27 November 2026 (frozen clock, nothing injected)."""
    with time_machine.travel(datetime(2026, 11, 27, 7, tzinfo=OSLO), tick=False):
        return build_site(site_project, output=site_project.root / "ute-inne").output


CARD_TIMES: dict[str, dict[str, int]] = {}


def card_times(paths: Paths) -> dict[str, int]:
    folder = paths.cache / "kort" / SLUG
    return {p.name: p.stat().st_mtime_ns for p in sorted(folder.glob("*.png"))}


@pytest.fixture(scope="module")
def built_outside(site_project: Paths, built_inside: Path) -> Path:
    """Built with «today» injected as 20 December 2026, after the campaign."""
    CARD_TIMES["before"] = card_times(site_project)
    out = site_project.root / "ute-etter"
    output = build_site(site_project, output=out, today=date(2026, 12, 20)).output
    CARD_TIMES["after"] = card_times(site_project)
    return output


@pytest.fixture(scope="module")
def campaign(site_project: Paths):
    return load_campaign(site_project, SLUG, load_facts(site_project.facts))


def read(output: Path, path: str) -> str:
    return (output / path / "index.html").read_text(encoding="utf-8")


def current_dates(html: str) -> list[str]:
    return re.findall(r'href="/kampanjer/[^"]+/(\d{4}-\d\d-\d\d)/" aria-current="date"', html)


def test_landing_page(built_inside: Path, campaign):
    html = read(built_inside, f"kampanjer/{SLUG}")
    assert "Sammen kan vi bekjempe vold og redde liv" in html
    assert "1 av 4" in html  # lead fact box
    for heading in (
        "Årets fokus",
        "Hvorfor det haster",
        "Si fra — og del",
        "Kommunenes plikter – lovgrunnlaget",
        "Tidligere kampanjer",
    ):
        assert heading in html
    assert "Justis- og beredskapsdepartementet" in html
    assert "beredskapsdepartementet</a>. Samarbeidspartner: <a" in html
    assert 'href="https://16dayscampaign.org/"' in html
    assert "/kampanjer/#taushet-tar-liv-2014" in html
    for day in campaign.days:
        assert f'href="/{day.url_path}"' in html
    assert 'src="/theme/js/campaign-today.js"' in html


def test_sixteen_day_pages_with_their_own_og_image(built_inside: Path, campaign):
    days = sorted(p.name for p in (built_inside / "kampanjer" / SLUG).iterdir() if p.is_dir())
    assert days == [d.iso for d in campaign.days]
    assert len(days) == 16
    for day in campaign.days:
        html = read(built_inside, day.url_path.rstrip("/"))
        card = f"kort/{SLUG}/{day.fact}-og.png"
        assert (
            f'<meta property="og:image" content="https://krisesentersekretariatet.example/{card}">'
            in html
        )
        assert (built_inside / card).stat().st_size > 1000
        assert f'<h1 class="campaign-hero__title">{day.theme}</h1>' in html
        assert day.message.split()[0] in html
        for fmt in ("kvadrat", "portrett", "historie", "bred"):
            assert (
                f'href="/kort/{SLUG}/{day.fact}-{fmt}.png" download="{day.iso}-{fmt}.png"' in html
            )
            assert (built_inside / f"kort/{SLUG}/{day.fact}-{fmt}.png").is_file()
        assert "https://x.com/intent/post?text=" in html
        assert '<script src="https://' not in html  # no third-party code


def test_day_page_puts_the_story_card_first_and_offers_sharing_and_copying(built_inside: Path):
    html = read(built_inside, f"kampanjer/{SLUG}/2026-11-26")
    story = re.search(r'<p class="campaign-hero__story" data-pagefind-ignore>(.*?)</p>', html, re.S)
    assert story, "historie-kortet mangler øverst"
    assert 'download="2026-11-26-historie.png">Last ned historie-kortet</a>' in story[1]
    assert (
        'data-share-name="2026-11-26-historie.png" hidden>Del historie-kortet</button>'
        in (story[1])
    )
    assert html.index("campaign-hero__story") < html.index("campaign-hero__message")
    assert html.count('>Del bildet<span class="visually-hidden">') == 4
    post = re.search(r'<p class="campaign-post" id="dagens-tekst"[^>]*>(.*?)</p>', html, re.S)
    assert post and post[1].endswith(
        f"https://krisesentersekretariatet.example/kampanjer/{SLUG}/2026-11-26/ #TaushetTarLiv"
    )
    assert 'data-copy-from="dagens-tekst"' in html and ">Kopier teksten</button>" in html
    assert "<summary>Slik legger du kortet i en Instagram-historie</summary>" in html
    assert '<script src="/theme/js/share.js" defer></script>' in html


def test_archive_lists_every_campaign_by_year(built_inside: Path):
    html = read(built_inside, "kampanjer")
    assert "<h1>Kampanjer</h1>" in html and "<title>Kampanjer – " in html
    assert "Tidligere kampanjer" not in html  # the running campaign is listed here too
    years = re.findall(r"<h2>(\d{4})</h2>", html)
    assert years == ["2026", "2015", "2014"]
    assert 'id="taushet-tar-liv-2014"' in html and "havarikommisjon for partnerdrap" in html
    assert f'href="/kampanjer/{SLUG}/"' in html
    assert 'data-start="2026-11-25" data-end="2026-12-10"><strong>Kampanjen pågår nå.' in html


def test_today_is_highlighted_inside_the_period(built_inside: Path):
    landing = read(built_inside, f"kampanjer/{SLUG}")
    assert current_dates(landing) == ["2026-11-27"]
    assert 'class="campaign-day campaign-day--today" data-date="2026-11-27"' in landing
    front = read(built_inside, "")
    assert "campaign-feature" in front
    assert f'href="/kampanjer/{SLUG}/2026-11-27/">Omvendt voldsalarm</a>' in front


def test_no_highlight_outside_the_period(built_outside: Path):
    landing = read(built_outside, f"kampanjer/{SLUG}")
    assert current_dates(landing) == []
    assert "campaign-day--today" not in landing
    assert "campaign-feature" not in read(built_outside, "")
    archive = read(built_outside, "kampanjer")
    assert 'data-start="2026-11-25" data-end="2026-12-10" hidden>' in archive


def test_build_today_is_injectable_and_follows_the_clock(monkeypatch: pytest.MonkeyPatch):
    paths = Paths(ROOT)
    context = BuildContext(paths, load_config(paths.config), date(2026, 12, 2), preview=False)
    assert build_today({KEY: context}) == date(2026, 12, 2)  # the build's --dato
    monkeypatch.setenv("STEMME_TODAY", "2026-12-01")
    assert build_today({"PATH": str(paths.content)}) == date(2026, 12, 1)  # plain Pelican
    monkeypatch.delenv("STEMME_TODAY")
    # 23:30 UTC on 24 November is already 25 November in Oslo.
    with time_machine.travel(datetime(2026, 11, 24, 23, 30, tzinfo=ZoneInfo("UTC")), tick=False):
        assert build_today({"PATH": str(paths.content)}) == date(2026, 11, 25)


def test_unchanged_cards_are_not_rendered_again(built_outside: Path):
    bokmal = [name for name in CARD_TIMES["before"] if name.count(".") == 1]
    assert len(bokmal) == 12 * 5  # 12 distinct facts × 5 formats
    # … and the cards of those facts in the languages they are translated into.
    assert "partnerdrap-andel-historie.ar.png" in CARD_TIMES["before"]
    assert CARD_TIMES["after"] == CARD_TIMES["before"]


def _serve(folder: Path):
    import functools
    import threading
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _front_page(built: Path, now: datetime | None, javascript: bool = True) -> dict:
    """The front page's campaign box in real Chromium with the browser clock at ``now``."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        pytest.skip("Chromium er ikke installert")
    server = _serve(built)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    requests: list[str] = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            page = browser.new_page(java_script_enabled=javascript)
            page.on("request", lambda r: requests.append(r.url))
            if now is not None:
                page.clock.set_fixed_time(now)
            page.goto(base + "/")
            page.wait_for_load_state("load")
            shown = page.evaluate(
                """() => [...document.querySelectorAll('[data-campaign-today]')]
                  .filter(b => !b.hidden && b.offsetParent !== null)
                  .map(b => [b.dataset.date, b.querySelector('a').textContent,
                             b.querySelector('time').textContent])"""
            )
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return {"shown": shown, "foreign": [u for u in requests if not u.startswith(base)]}


@pytest.mark.browser
def test_the_front_page_box_follows_the_readers_day_without_a_rebuild(built_inside: Path):
    # Built on 27 November; read on 5 December and on the last day, no rebuild in between.
    dec5 = _front_page(built_inside, datetime(2026, 12, 5, 9, tzinfo=OSLO))
    assert dec5 == {
        "shown": [["2026-12-05", "Hjelp til den som slår", "5. desember 2026"]],
        "foreign": [],
    }
    # 23:30 UTC on 9 December is already 10 December in Oslo.
    dec10 = _front_page(built_inside, datetime(2026, 12, 9, 23, 30, tzinfo=ZoneInfo("UTC")))
    assert [s[0] for s in dec10["shown"]] == ["2026-12-10"] and dec10["foreign"] == []
    after = _front_page(built_inside, datetime(2026, 12, 11, 9, tzinfo=OSLO))
    assert after["shown"] == []  # the campaign is over: no «I dag»


@pytest.mark.browser
def test_without_javascript_the_front_page_shows_the_built_day(built_inside: Path):
    shown = _front_page(built_inside, None, javascript=False)["shown"]
    assert [s[0] for s in shown] == ["2026-11-27"]


def test_the_campaign_in_english_and_nynorsk(built_inside: Path):
    """Translated where given, bokmål otherwise; hreflang both ways; cards in English."""
    landing = read(built_inside, f"en/kampanjer/{SLUG}")
    assert '<html lang="en" dir="ltr"' in landing
    assert "Silence kills 2026" in landing and "Why it is urgent" in landing
    base = "https://krisesentersekretariatet.example"
    for lang, prefix in (("nb", ""), ("nn", "nn/"), ("en", "en/")):
        href = f'hreflang="{lang}" href="{base}/{prefix}kampanjer/{SLUG}/"'
        assert href in landing
        assert href in read(built_inside, f"kampanjer/{SLUG}")
    safe = read(built_inside, f"en/kampanjer/{SLUG}/2026-11-29")
    assert "Safe in your own home" in safe
    assert f"/kort/{SLUG}/krisesenter-voksne-historie.en.png" in safe
    untranslated = read(built_inside, f"en/kampanjer/{SLUG}/2026-11-27")
    assert "Omvendt voldsalarm" in untranslated  # no English text for this day: bokmål
    assert "Kvifor det hastar" in read(built_inside, f"nn/kampanjer/{SLUG}")


# The campaign pages' own words in bokmål: none of them may be left on an English page.
BOKMAAL_CHROME = [
    "Derfor denne kampanjen",
    "Årets fokus",
    "Del kampanjen",
    "dager mot vold",
    "Hele kampanjen på én gang",
    "Last ned kampanjepakken",
    "Hvem står bak",
    "Forrige dag",
    "Neste dag",
    "Del dagens kort",
    "Del dagens budskap",
    "Kopier teksten",
    "Forslag til tekst",
    "alle dagene",
    "Dag 3 av 16",
    "Del på Facebook",
    "Lenkene åpner tjenesten",
    "november",
    "desember",
]


def _visible(page: str) -> str:
    """The page's text and accessible names, without the bokmål campaign texts that
    have no English version (day themes, posts) being able to hide a missed string."""
    page = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    names = " ".join(re.findall(r'(?:aria-label|data-copied|alt)="([^"]*)"', page))
    return re.sub(r"<[^>]+>", " ", page) + " " + names


def test_english_campaign_pages_have_english_chrome(built_inside: Path, campaign):
    landing = html.unescape(read(built_inside, f"en/kampanjer/{SLUG}"))
    day = html.unescape(read(built_inside, f"en/kampanjer/{SLUG}/2026-11-27"))
    for text, page in (
        ("Why this campaign", landing),
        ("This year's focus", landing),
        ("16 days against violence · 25 November – 10 December 2026", landing),
        ("The whole campaign at once", landing),
        ("Share the campaign", landing),
        ("Day 3 of 16", day),
        ("Friday, 27 November 2026", day),
        ("Previous day", day),
        ("Share today's card", day),
        ("Copy the text", day),
        ("Share on Facebook", day),
    ):
        assert text in page, text
    for page in (landing, day):
        # Day themes without an English text stay bokmål (by design): take them out.
        shown = _visible(page)
        for d in campaign.days:
            shown = shown.replace(d.theme, "")
        left = [s for s in BOKMAAL_CHROME if s in shown]
        assert not left, left
    bokmaal = read(built_inside, f"kampanjer/{SLUG}")
    assert "Derfor denne kampanjen" in bokmaal and "25. november – 10. desember 2026" in bokmaal


def test_a_translated_fact_box_on_an_english_page(
    built_inside: Path, site_project: Paths, campaign
):
    facts = load_facts(site_project.facts)
    fact = facts[campaign.lead_fact]
    english = fact.text("en")
    assert english.lang == "en"
    landing = read(built_inside, f"en/kampanjer/{SLUG}")
    lead = landing.split('class="campaign-lead"', 1)[1].split("</section>", 1)[0]
    assert f"{english.figure}</strong> {english.statement}" in lead.replace("&#39;", "'")
    assert f'aria-label="Fact: {english.figure}"' in lead
    assert "Download and share the fact card" in lead and "Source: <a" in lead
    # a translated content page: its [[fakta:…]] box in English too
    position = read(built_inside, "en/standpunkter/krisesentertilbud-i-hele-landet")
    voksne = facts["krisesenter-voksne"].text("en")
    assert f"{voksne.figure}</strong> {voksne.statement}" in position
    # and the bokmål pages keep the bokmål box
    bokmaal = read(built_inside, f"kampanjer/{SLUG}")
    assert f"{fact.figure}</strong> {fact.statement}" in bokmaal
    assert f'aria-label="Fakta: {fact.figure}"' in bokmaal
