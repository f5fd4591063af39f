"""Real-world input from a real local server: each case stays inside its own source.

Every body here is a fixture in tests/fixtures/realworld/ (see its README): tricky titles,
truncated feeds, HTML and bot-challenge pages where a feed should be, and the markups
regjeringen.no detail pages use for the deadline.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from werkzeug import Request, Response

from generator.watch import poll, store
from generator.watch.poll import SourceSpec
from generator.watch.sources import SOURCES
from tests.watch.conftest import (
    POLL_1,
    POLL_2,
    RSS_TYPE,
    feed,
    link_paths,
    realworld,
    regjeringen,
    serve_regjeringen,
    table,
)

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ITEM = "3181402"  # the relevant JD hearing whose page holds the deadline


def stored(conn) -> dict:
    return {c.id: c for c in store.list_consultations(conn)}


def test_tricky_titles_are_kept_as_text_and_the_next_source_is_polled(server, harness):
    server.expect_request("/tricky").respond_with_data(
        realworld("regjeringen-tricky-text.rss"), content_type=RSS_TYPE
    )
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))
    specs = [
        SourceSpec("dep", "rss", server.url_for("/tricky")),
        SourceSpec("stortinget", "stortinget", server.url_for("/st")),
    ]
    report = harness.poll(specs, POLL_1)

    assert not report.failed
    assert [len(s.new) for s in report.sources] == [4, 6]
    items = stored(harness.conn)
    assert items["3190001"].title == (
        "Høring – risikoklasser der risiko < Høy gir enklere tilsyn med krisesentre"
    )
    assert items["3190002"].title == "Høring – avgift for kjøretøy med CO2 < Euro 6"
    assert items["3190002"].deadline_date == date(2027, 3, 1)
    assert items["3190003"].title == (
        "Høring – <!-- kommentar som aldri lukkes i tittelen om kontaktforbud"
    )
    assert items["3190004"].title == "Høring – terminal rød tittel om barnevern"
    assert items["3190004"].summary == "Barne- og familiedepartementet sender på høring."
    for row in table(harness.conn):
        assert not CONTROL.search(str(row)), row
    assert report.sources[0].warnings == [
        "strømmen er ikke gyldig XML (<unknown>:29:30: not well-formed (invalid token)); "
        "4 saker ble lest likevel."
    ]


BLOCKED = (
    "blokkert av nettstedet — svaret var en robotsjekk fra {who} (HTTP {status}), ikke "
    "innholdet. Ingenting ble lagret. Prøv igjen senere; skjer det hver gang, be nettstedet "
    "slippe gjennom Stemme (avsenderen står i User-Agent)."
)
BAD_BODIES = {
    "tom": (b"", 200, {}, "svaret var tomt. Ingenting ble lagret; kilden prøves igjen ved "
            "neste kjøring."),
    "avkortet": (
        realworld("regjeringen-truncated.rss"), 200, {},
        "svaret er avkortet (slutter før </rss>). Ingenting ble lagret; kilden prøves igjen "
        "ved neste kjøring.",
    ),
    "nettside": (
        realworld("regjeringen-forside.html"), 200, {},
        "svaret er en vanlig nettside (HTML), ikke en strøm. Ingenting ble lagret. Sjekk "
        "adressen i stemme.toml — nettstedet kan ha flyttet strømmen.",
    ),
    "cloudflare-200": (
        realworld("challenge-cloudflare.html"), 200, {},
        BLOCKED.format(who="Cloudflare", status=200),
    ),
    "cloudflare-403": (
        realworld("challenge-cloudflare.html"), 403, {"cf-mitigated": "challenge"},
        BLOCKED.format(who="Cloudflare", status=403),
    ),
    "cloudflare-503": (
        realworld("challenge-cloudflare.html"), 503, {"cf-mitigated": "challenge"},
        BLOCKED.format(who="Cloudflare", status=503),
    ),
    "akamai-403": (
        realworld("challenge-akamai.html"), 403, {},
        BLOCKED.format(who="Akamai", status=403),
    ),
}  # fmt: skip


@pytest.mark.parametrize("kind", ["regjeringen", "stortinget"])
@pytest.mark.parametrize("case", list(BAD_BODIES))
def test_bad_bodies_fail_the_source_and_nothing_from_that_poll_is_stored(
    server, harness, kind, case
):
    body, status, headers, message = BAD_BODIES[case]
    if kind == "stortinget" and case == "avkortet":
        body = feed("stortinget-horinger.xml")[:1500]
        message = message.replace("</rss>", "</horinger_oversikt>")
    if kind == "stortinget" and case == "nettside":
        message = message.replace("en strøm", "XML eller JSON fra Stortingets API")
    good = serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))
    good = good if kind == "regjeringen" else server.url_for("/st")
    harness.poll([SourceSpec(kind, kind, good)], POLL_1)
    before = table(harness.conn)
    server.expect_request("/bad").respond_with_data(
        body, status=status, headers=headers, content_type="text/html; charset=utf-8"
    )
    bad = server.url_for("/bad")
    report = harness.poll([SourceSpec(kind, kind, bad)], POLL_2)

    assert [s.name for s in report.failed] == [kind]
    assert report.failed[0].error == f"{bad}: {message}"
    assert len(before) > 0 and table(harness.conn) == before
    assert harness.sleeps == []  # a challenge or a bad body is not retried blindly


def test_a_failing_source_never_stops_the_next_one(server, harness):
    server.expect_request("/tom").respond_with_data(b"")
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.json"))
    specs = [
        SourceSpec("regjeringen", "regjeringen", server.url_for("/tom")),
        SourceSpec("stortinget", "stortinget", server.url_for("/st")),
    ]
    report = harness.poll(specs, POLL_1)
    assert [s.ok for s in report.sources] == [False, True]
    assert len(report.sources[1].new) == 6


def test_an_unexpected_error_fails_its_source_only(server, harness, monkeypatch):
    def boom(*_args, **_kwargs):
        raise RuntimeError("noe uventet")

    monkeypatch.setitem(SOURCES, "stortinget", replace(SOURCES["stortinget"], parse=boom))
    url = serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))
    specs = [SourceSpec("stortinget", "stortinget", server.url_for("/st")), *regjeringen(url)]
    report = harness.poll(specs, POLL_1)

    assert [s.ok for s in report.sources] == [False, True]
    assert report.sources[0].error.startswith(
        "stortinget: uventet feil (RuntimeError: noe uventet) i "
    )
    assert report.sources[0].error.endswith(
        ". Ingenting fra denne kilden ble lagret; andre kilder hentes uavhengig av den. "
        "Dette er en feil i Stemme — meld den med denne meldingen."
    )
    assert len(report.sources[1].new) == 12


# ---------------------------------------------------------------- regjeringen detail pages

PAGE_CASES = {
    "horing-dl-dd.html": (date(2027, 2, 26), "På høring"),
    "horing-span.html": (date(2027, 3, 1), "På høring"),
    "horing-nynorsk-dl.html": (date(2027, 1, 22), "På høyring"),
    "horing-tekstdato.html": (date(2027, 3, 5), "På høring"),
}


def serve_page(server, name: str, *, status: int = 200, headers: dict | None = None) -> str:
    """Serve the poll-1 feed with ``name`` (realworld) as the page of ITEM; others 404."""
    url = serve_regjeringen(server, pages={})
    path = link_paths("regjeringen-horinger.rss")[ITEM]
    server.expect_request(path).respond_with_data(
        realworld(name), status=status, headers=headers or {}, content_type="text/html"
    )
    return url


@pytest.mark.parametrize("page", list(PAGE_CASES))
def test_deadline_and_status_found_in_the_markups_seen_in_the_wild(server, harness, page):
    harness.poll(regjeringen(serve_page(server, page)), POLL_1)
    item = stored(harness.conn)[ITEM]
    deadline, status = PAGE_CASES[page]
    assert (item.deadline_date, item.source_status) == (deadline, status)
    assert item.department == "Justis- og beredskapsdepartementet"
    assert item.reference == "26/8841"
    row = next(r for r in table(harness.conn) if r["key"] == ITEM)
    assert row["page_checked"] is not None


def test_page_without_status_or_deadline_is_not_checked_and_read_again(server, harness):
    report = harness.poll(regjeringen(serve_page(server, "horing-uten-fakta.html")), POLL_1)
    page = server.url_for(link_paths("regjeringen-horinger.rss")[ITEM])
    assert (
        f"høring {ITEM}: fant verken status eller høringsfrist på {page}. Siden kan ha fått "
        "ny utforming; den leses på nytt ved neste kjøring." in report.sources[0].warnings
    )
    row = next(r for r in table(harness.conn) if r["key"] == ITEM)
    assert row["page_checked"] is None and row["deadline"] is None

    report = harness.poll(regjeringen(serve_page(server, "horing-dl-dd.html")), POLL_2)
    assert stored(harness.conn)[ITEM].deadline_date == date(2027, 2, 26)
    assert [u.consultation.id for u in report.sources[0].updated] == [ITEM]


def test_a_challenge_page_instead_of_the_detail_page_is_retried(server, harness):
    url = serve_page(server, "challenge-cloudflare.html", status=403,
                     headers={"cf-mitigated": "challenge"})  # fmt: skip
    report = harness.poll(regjeringen(url), POLL_1)
    source = report.sources[0]
    page = server.url_for(link_paths("regjeringen-horinger.rss")[ITEM])
    assert source.ok and source.pages_failed == 12
    assert f"{page}: {BLOCKED.format(who='Cloudflare', status=403)}" in source.warnings
    row = next(r for r in table(harness.conn) if r["key"] == ITEM)
    assert row["page_checked"] is None


def test_a_page_with_status_only_falls_back_to_the_deadline_in_the_feed(server, harness):
    body = realworld("regjeringen-tricky-text.rss")
    server.expect_request("/rss").respond_with_data(body, content_type=RSS_TYPE)
    server.expect_request("/no/dokumenter/horing/id3190002/").respond_with_data(
        realworld("horing-bare-status.html"), content_type="text/html"
    )
    harness.poll(regjeringen(server.url_for("/rss")), POLL_1)
    item = stored(harness.conn)["3190002"]
    assert item.deadline_date == date(2027, 3, 1)  # «Høringsfristen er 1. mars 2027»
    assert item.source_status == "På høring"
    row = next(r for r in table(harness.conn) if r["key"] == "3190002")
    assert row["page_checked"] is not None


# ---------------------------------------------------------------- Stortinget


def poll_stortinget(server, harness, name: str, url_path: str = "/st"):
    server.expect_request(url_path).respond_with_data(realworld(name))
    spec = SourceSpec("stortinget", "stortinget", server.url_for(url_path))
    report = harness.poll([spec], POLL_2)
    assert report.sources[0].ok, report.sources[0].error
    return report.sources[0]


def test_stortinget_json_date_forms_give_a_date_or_null_with_a_warning(server, harness):
    source = poll_stortinget(server, harness, "stortinget-datoformer.json")
    items = stored(harness.conn)
    assert set(items) == {"10007001", "10007002", "10007003"}
    first, iso, broken = items["10007001"], items["10007002"], items["10007003"]
    assert first.deadline.isoformat() == "2026-12-10T23:59:00+01:00"
    assert first.extra["anmodningsfrist"] == "2026-11-30T12:00:00+01:00"
    assert first.published.isoformat() == "2026-11-16T00:00:00+01:00"
    assert iso.deadline.isoformat() == "2027-01-12T23:59:00+01:00"
    assert iso.extra["anmodningsfrist"] == "2027-01-05T12:00:00+01:00"
    assert iso.extra["start"] is None
    assert broken.deadline is None and broken.published is None
    assert broken.extra["anmodningsfrist"] is None and broken.extra["horingstidspunkt"] == []
    assert broken.department == "Familie- og kulturkomiteen"
    assert first.extra["saker"][0]["sak_publikasjon"] == (
        "https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p=108112"
    )
    assert iso.extra["saker"][0]["sak_publikasjon"] is None  # javascript: dropped
    assert iso.extra["horingstidspunkt"] == [
        {"tidspunkt": "2027-01-08T09:00:00+01:00", "sted": "Høringssal 2"}
    ]
    assert source.warnings == [
        "høring 10007003: innspillsfrist «/Date(999999999999999999+0100)/» er ikke en dato "
        "Stemme kan lese; lagret uten dato.",
        "høring 10007003: anmodningsfrist «i morgen» er ikke en dato Stemme kan lese; "
        "lagret uten dato.",
        "høring 10007003: høringstidspunkt «/Date(abc)/» er ikke en dato Stemme kan lese; "
        "lagret uten dato.",
        "høring nr. 4 ble hoppet over: id «10007004\\x1b[2J» er ikke et gyldig nummer.",
    ]
    for row in table(harness.conn):
        assert "0001-" not in str(row) and not CONTROL.search(str(row))


def test_stortinget_xml_date_forms_give_a_date_or_null_with_a_warning(server, harness):
    source = poll_stortinget(server, harness, "stortinget-datoformer.xml")
    items = stored(harness.conn)
    good, broken = items["10007101"], items["10007102"]
    assert good.deadline.isoformat() == "2026-12-10T23:59:00+01:00"
    assert good.published.isoformat() == "2026-11-16T00:00:00+01:00"
    assert good.extra["saker"][0]["sak_publikasjon"].startswith("https://www.stortinget.no/")
    assert broken.deadline is None and broken.published is None
    assert broken.extra["anmodningsfrist"] is None and broken.extra["start"] is None
    assert source.warnings == [
        "høring 10007102: innspillsfrist «2026-13-45T00:00:00» er ikke en dato Stemme kan "
        "lese; lagret uten dato.",
        "høring 10007102: anmodningsfrist «10.12.2026» er ikke en dato Stemme kan lese; "
        "lagret uten dato.",
        "høring 10007102: publiseringsdato «9999-12-31T23:59:59.9999999» er utenfor "
        "rimelige datoer; lagret uten dato.",
        "høring 10007102: høringstidspunkt «i morgen» er ikke en dato Stemme kan lese; "
        "lagret uten dato.",
    ]


def test_a_fixed_stortinget_session_in_the_address_is_warned_about(server, harness):
    body = feed("stortinget-horinger.json")
    server.expect_request("/eksport/horinger").respond_with_data(body)
    url = server.url_for("/eksport/horinger") + "?sesjonid=2025-2026&format=json"
    report = harness.poll([SourceSpec("stortinget", "stortinget", url)], POLL_2)
    assert report.sources[0].warnings == [
        "adressen ber om sesjonen 2025-2026, men nå er det sesjonen 2026-2027, så nye "
        "høringer blir ikke sett. Fjern «sesjonid=…» fra adressen i stemme.toml; uten den "
        "svarer Stortinget med sesjonen som pågår."
    ]


def test_challenge_detection_never_mistakes_a_normal_feed(server, harness):
    def handler(_request: Request) -> Response:
        return Response(feed("regjeringen-horinger.rss"), content_type=RSS_TYPE)

    server.expect_request("/rss").respond_with_handler(handler)
    report = harness.poll(regjeringen(server.url_for("/rss")), POLL_1, page_fetch_limit=0)
    assert report.sources[0].ok and report.sources[0].warnings == []
    assert poll.SourceReport  # the report type the CLI prints
