"""Untrusted feed text → plain text: real-world titles that once crashed the whole run."""

from __future__ import annotations

import pytest

from generator.watch.text import http_url, markdown_text, page_lines, plain_text, safe_link


@pytest.mark.parametrize(
    ("raw", "plain"),
    [
        ("risiko &lt; Høy", "risiko < Høy"),
        ("CO2 &lt; Euro 6", "CO2 < Euro 6"),
        ("CO2 &lt;Euro 6", "CO2 <Euro 6"),
        ("Høring – <!-- aldri lukket kommentar", "Høring – <!-- aldri lukket kommentar"),
        ("Høring &lt;!-- aldri lukket", "Høring <!-- aldri lukket"),
        ("a <!-- skjult --> b", "a b"),
        ("&lt;b&gt;fet&lt;/b&gt; tekst", "fet tekst"),
        ("<![if !supportLists]>punkt", "punkt"),
        ("<p>a</p><p>b</p><br>c", "a b c"),
        ("Tittel\x1b[2J\x1b[31m rød\x07 tekst\x1b]0;hacket\x07 slutt", "Tittel rød tekst slutt"),
        ("null\x00tegn og C1\x85 og \u202eomvendt \x9b31mrød", "nulltegn og C1 og omvendt rød"),
        ("&#x1b;[31mkodet escape&#7;", "kodet escape"),
    ],
)
def test_plain_text_handles_what_real_feeds_send(raw, plain):
    assert plain_text(raw) == plain


def test_deeply_nested_encoded_markup_is_bounded():
    raw = "&amp;" * 50 + "lt;" + "<" * 5000 + "x" * 10 + "&lt;" * 5000
    text = plain_text(raw)
    assert isinstance(text, str) and "x" * 10 in text


def test_page_lines_keep_block_structure():
    markup = (
        "<dl><dt>H&#xF8;ringsfrist</dt><dd><span>22.01.2027</span></dd></dl>"
        "<p><strong>Status:</strong> <span>P&#xE5; h&#xF8;ring</span></p><script>x</script>"
    )
    assert page_lines(markup) == ["Høringsfrist", "22.01.2027", "Status: På høring"]


def test_protocol_relative_links_become_https_and_others_are_refused():
    assert (
        http_url("//www.stortinget.no/no/Saker/?p=1") == "https://www.stortinget.no/no/Saker/?p=1"
    )
    assert http_url("javascript:alert(1)") is None
    assert http_url("https://ex.org/a\x7fb") is None
    assert http_url("https://ex.org/a\x1b[2J") is None
    assert http_url("///etc/passwd") is None


def test_safe_link_percent_encodes_what_could_end_a_comment_or_attribute():
    assert safe_link("https://ex.org/a--><script>alert(1)</script>") == (
        "https://ex.org/a--%3E%3Cscript%3Ealert(1)%3C/script%3E"
    )
    assert safe_link('https://ex.org/"onmouseover=x') == "https://ex.org/%22onmouseover=x"
    assert safe_link("https://ex.org/høring?a=1&b=2") == "https://ex.org/h%C3%B8ring?a=1&b=2"
    assert safe_link("javascript:alert(1)") is None


def test_markdown_text_makes_feed_text_inert():
    assert markdown_text("[klikk](javascript:alert(1))") == "\\[klikk\\](javascript:alert(1))"
    assert markdown_text("![bilde](https://evil.example/x.png)") == (
        "!\\[bilde\\](https://evil.example/x.png)"
    )
    assert markdown_text("<script>x</script> & *fet*") == (
        "&lt;script&gt;x&lt;/script&gt; &amp; \\*fet\\*"
    )
    assert markdown_text("[[fakta:x]] # `kode` {: onclick=x}") == (
        "\\[\\[fakta:x\\]\\] # \\`kode\\` \\{: onclick=x\\}"
    )
    assert markdown_text("1. punkt") == "1\\. punkt"
    assert markdown_text("# overskrift") == "\\# overskrift"
    assert markdown_text("- liste") == "\\- liste"
