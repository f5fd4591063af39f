"""One set of control characters for untrusted text, used by the watcher and the handbook."""

from __future__ import annotations

from generator.core.untrusted import html_text, http_url, strip_controls
from generator.handbook.markup import text as handbook_text
from generator.watch.text import plain_text


def test_controls_terminal_escapes_and_bidi_overrides_go_tab_and_newline_stay() -> None:
    raw = "A\x00\x07\x1b[31mB\x1b]0;tittel\x07\x85C\u202eD\u2066E\x7f\tF\nG"
    assert strip_controls(raw) == "ABCDE\tF\nG"


def test_the_handbook_and_the_watcher_strip_the_same_characters() -> None:
    # The handbook used to keep C1 controls and bidi overrides the watcher removed.
    raw = "Høring\u202e om\x9b31m vold\x85"
    assert handbook_text(raw) == html_text(raw) == "Høring om vold"
    assert plain_text(raw) == "Høring om vold"


def test_html_text_escapes_quotes() -> None:
    assert html_text('<a href="x">\'') == "&lt;a href=&quot;x&quot;&gt;&#x27;"


def test_only_absolute_http_links_with_a_host() -> None:
    assert http_url(" https://www.regjeringen.no/x ") == "https://www.regjeringen.no/x"
    assert http_url("//www.stortinget.no/x") is None
    assert http_url("//www.stortinget.no/x", protocol_relative=True) == (
        "https://www.stortinget.no/x"
    )
    for bad in ("javascript:alert(1)", "http://", "http://[::1", "https://a.no/\u202ex", "ftp://a"):
        assert http_url(bad) is None
