"""Pure helpers: word-boundary relevance, plain text, links, Norwegian deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from generator.watch.relevance import RelevanceRule
from generator.watch.text import date_span, deadline_in_text, http_url, plain_text


def test_terms_match_on_a_leading_word_boundary_and_stems_continue():
    rule = RelevanceRule({"vold!": 3, "krisesent": 3, "barnevern": 3}, threshold=2)
    assert rule.score("Endringer i voldgiftsloven").terms == []
    assert rule.score("Ny voldsalarm").terms == []
    assert rule.score("Tiltak mot vold i familien").terms == ["vold"]
    assert rule.score("Høyring om krisesentera").terms == ["krisesent"]
    assert rule.score("Endringar i barnevernslova").terms == ["barnevern"]  # stems continue…
    assert rule.score("Forslag om antikrisesenter").terms == []  # …but never start mid-word
    stem = RelevanceRule({"vold": 3}, threshold=2)  # why stemme.toml has no bare "vold"
    assert stem.score("Endringer i voldgiftsloven").terms == ["vold"]


def test_multiword_terms_weights_and_threshold(rule):
    result = rule.score("Kontaktforbud og omvendt\nvoldsalarm")
    assert result.terms == ["kontaktforbud", "omvendt voldsalarm"]
    assert result.relevant and result.score == 6
    weak = rule.score("Samtykke til behandling av personopplysninger")
    assert weak.terms == ["samtykke"] and not weak.relevant


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("<p>Om <b>kontaktforbud</b></p><script>x()</script>", "Om kontaktforbud"),
        ("&lt;img src=x onerror=alert(1)&gt;Tittel", "Tittel"),
        ("Skatt &amp; avgift", "Skatt & avgift"),
        ("  mange\n\n  mellomrom ", "mange mellomrom"),
        (None, ""),
    ],
)
def test_plain_text(raw, plain):
    assert plain_text(raw) == plain


def test_only_http_links_survive():
    assert http_url("https://www.regjeringen.no/id1/") == "https://www.regjeringen.no/id1/"
    for bad in ("javascript:alert(1)", "data:text/html,x", "/relativ", "ftp://x", " ", None):
        assert http_url(bad) is None


@pytest.mark.parametrize(
    ("text", "deadline"),
    [
        ("Høringsfristen er 4. desember 2026.", date(2026, 12, 4)),
        ("Høringsfristen er forlenget til 15. mars 2027.", date(2027, 3, 15)),
        ("Høringsfristen er forlenget fra 1. mars 2027 til mandag 15. mars 2027.",
         date(2027, 3, 15)),
        ("Høyringsfristen er fredag 22. januar 2027. Møte 3. mai 2027.", date(2027, 1, 22)),
        ("Vi viser til møtet 3. mai 2027.", None),
        ("Høringsfristen er 31. februar 2027.", None),
    ],
)  # fmt: skip
def test_deadline_in_text(text, deadline):
    assert deadline_in_text(text) == deadline


def test_date_span():
    assert date_span(date(2027, 3, 1), date(2027, 3, 15)) == "1. mars → 15. mars 2027"
    assert date_span(date(2026, 12, 20), date(2027, 1, 5)) == "20. desember 2026 → 5. januar 2027"


def test_html_helpers_for_renderers():
    from generator.core.untrusted import html_text
    from generator.watch.text import safe_html

    assert html_text('<b onclick="x">') == "&lt;b onclick=&quot;x&quot;&gt;"
    cleaned = safe_html('<p onclick="x()">Hei <a href="javascript:alert(1)">a</a>'
                        '<a href="https://ok.example/">b</a><script>y()</script></p>')  # fmt: skip
    assert "onclick" not in cleaned and "javascript" not in cleaned and "script" not in cleaned
    assert 'href="https://ok.example/"' in cleaned
