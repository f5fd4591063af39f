"""Fuzzing (hypothesis): no text, date, page or feed body makes a parser raise anything
but a SourceError, and what comes out is plain, printable and in range."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from xml.sax.saxutils import escape

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core.errors import SourceError
from generator.watch import body
from generator.watch.model import Parsed
from generator.watch.sources import regjeringen, rss, stortinget
from generator.watch.text import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    deadline_in_text,
    markdown_text,
    page_lines,
    parse_norwegian_date,
    plain_text,
    safe_link,
)

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Pieces real feeds and attackers put in text: markup, entities, comments, escapes.
PIECES = [
    "<", ">", "&", ";", "!", "-", "/", "#", "<!--", "-->", "&lt;", "&gt;", "&amp;", "&#x1b;",
    "&#0;", "<b>", "</b>", "<p>", "<script>", "</script>", "<![if x]>", "<br/>", "\x1b[31m",
    "\x1b]0;x\x07", "\x00", "\x85", "\u202e", "Høringsfrist: ", "15.02.2027", "15. februar 2027",
    "Høringsfristen er ", "risiko ", "ø", " ", "\n", "a", "<dt>", "<dd>", "Status:", "[", "]",
    "(", ")", "*", "_", "`", "{", "}", "javascript:", "https://", "//",
]  # fmt: skip
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=60).map("".join),
)


@FUZZ
@given(texts)
def test_plain_text_is_always_one_printable_line(value):
    text = plain_text(value)
    assert isinstance(text, str)
    assert not CONTROL.search(text)
    assert text == text.strip() and "  " not in text


@FUZZ
@given(texts)
def test_page_lines_and_dates_never_raise(value):
    for line in page_lines(value):
        assert line and "\n" not in line and not CONTROL.search(line)
    for found in (deadline_in_text(value), parse_norwegian_date(value)):
        assert found is None or isinstance(found, date)
    facts = regjeringen.parse_page(value)
    assert facts.status is None or not CONTROL.search(facts.status)


@FUZZ
@given(texts)
def test_markdown_and_links_are_inert(value):
    escaped = markdown_text(value)
    assert "<" not in escaped and not re.search(r"(?<!\\)[\[\]`*_{}]", escaped)
    link = safe_link(value)
    assert link is None or (link.startswith(("http://", "https://")) and not re.search(
        r"[<>\"'`\s]", link
    ))  # fmt: skip


date_values = st.one_of(
    st.none(),
    st.integers(),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20).map(lambda n: f"/Date({n})/"),
    st.tuples(
        st.integers(min_value=-(10**18), max_value=10**18),
        st.sampled_from(["+0100", "-0000", "+0200", "+9999", ""]),
    ).map(lambda t: f"/Date({t[0]}{t[1]})/"),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        datetime.isoformat
    ),
)


@FUZZ
@given(date_values)
def test_every_api_date_gives_a_date_in_range_or_none_with_a_warning(value):
    warnings: list[str] = []
    moment = stortinget._date(value, "innspillsfrist", "1", warnings.append)
    if moment is None:
        assert len(warnings) <= 1
    else:
        assert moment.tzinfo is not None and not warnings
        assert EARLIEST_YEAR - 1 <= moment.year <= LATEST_YEAR + 1
    for warning in warnings:
        assert not CONTROL.search(warning)


def rss_feed(items: list[tuple[str, str, str, str, str]], *, raw: bool) -> bytes:
    quote = (lambda s: s) if raw else escape
    parts = [
        f"<item><title>{quote(t)}</title><link>{quote(link)}</link>"
        f"<description>{quote(d)}</description><guid>{quote(g)}</guid>"
        f"<pubDate>{quote(p)}</pubDate></item>"
        for t, link, d, g, p in items
    ]
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        + "".join(parts)
        + "</channel></rss>"
    ).encode("utf-8", errors="surrogatepass")


items = st.lists(st.tuples(texts, texts, texts, texts, texts), max_size=5)


def parses_or_fails_cleanly(parse, data: bytes) -> None:
    try:
        body.check_feed("https://kilde.test/", data)
        parsed = parse(data, source="kilde")
    except SourceError as exc:
        assert not CONTROL.search(str(exc).replace("\n", " "))
        return
    assert isinstance(parsed, Parsed)
    for entry in parsed.entries:
        for text in (entry.key, entry.title, entry.summary, entry.department or ""):
            assert not CONTROL.search(text)
        assert entry.url is None or entry.url.startswith(("http://", "https://"))


@FUZZ
@given(items, st.booleans())
def test_rss_feeds_parse_or_fail_the_source(entries, raw):
    parses_or_fails_cleanly(rss.parse_feed, rss_feed(entries, raw=raw))


@FUZZ
@given(st.binary(max_size=400))
def test_any_bytes_parse_or_fail_the_source(data):
    parses_or_fails_cleanly(rss.parse_feed, data)
    parses_or_fails_cleanly(stortinget.parse, data)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=30) | date_values,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
hearing_keys = st.sampled_from(
    ["id", "innspillsfrist", "anmodningsfrist_dato_tid", "publisert_dato", "start_dato",
     "horing_sak_info_liste", "horingstidspunkt_liste", "komite", "horing_status",
     "skriftlig", "status_info_tekst"]
)  # fmt: skip
hearings = st.lists(st.dictionaries(hearing_keys, json_values), max_size=4)


@FUZZ
@given(hearings)
def test_stortinget_json_parses_or_fails_the_source(listed):
    parses_or_fails_cleanly(stortinget.parse, json.dumps({"horinger_liste": listed}).encode())


@FUZZ
@given(st.lists(st.tuples(texts, texts, texts), max_size=4))
def test_stortinget_xml_parses_or_fails_the_source(fields):
    parts = [
        f"<horing><id>{escape(i)}</id><innspillsfrist>{escape(d)}</innspillsfrist>"
        f"<horing_sak_info_liste><horing_sak_info><sak_tittel>{escape(t)}</sak_tittel>"
        "</horing_sak_info></horing_sak_info_liste></horing>"
        for i, d, t in fields
    ]
    xml = (
        '<horinger_oversikt xmlns="http://data.stortinget.no"><horinger_liste>'
        + "".join(parts)
        + "</horinger_liste></horinger_oversikt>"
    )
    parses_or_fails_cleanly(stortinget.parse, xml.encode("utf-8", errors="surrogatepass"))
