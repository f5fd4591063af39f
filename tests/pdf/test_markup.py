"""The body's HTML → Typst markup: every allowed element compiles as PDF/UA-1 (real Typst),
every character shows as itself, and anything not allowed is an error with file and line."""

from __future__ import annotations

import string
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.core.errors import ContentErrors
from generator.pdf.markup import convert_body, escape, typst_string
from generator.pdf.render import PdfJob, render_pdf

HEAD = (
    '#set document(title: "Prøve")\n#set text(font: "Lato", lang: "nb")\n= Prøve\n'
    "#let grey = gray\n#let fact-box(b) = block(b)\n#let fact-text(b) = b\n"
    "#let fact-figure(b) = strong(b)\n#let fact-source(b) = b\n"
    "#let photo(file, alt) = image(file, alt: alt)\n"
)
SOURCE = "linje 1\n<table>\nlinje 3 <video src=x>\nlinje 4 style=\n"


def _convert(html: str, content: Path = Path("/nonexistent")) -> str:
    body = convert_body(
        html,
        content=content,
        page_url="https://example.org/hoeringssvar/x/",
        file="content/hoeringssvar/x.md",
        source_text=SOURCE,
    )
    return body.markup


def _text(markup: str) -> str:
    made = render_pdf(PdfJob(HEAD + markup, (), date(2026, 12, 5), "x.md"))
    reader = PdfReader(BytesIO(made.data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_every_ascii_character_shows_as_itself():
    printable = "".join(ch for ch in string.printable if ch not in string.whitespace) + "æøå«»"
    assert printable in _text(escape(printable)).replace(" ", "")  # (pypdf adds spaces)


@pytest.mark.parametrize(
    "hostile",
    ['#read("/etc/passwd")', "#import \"@preview/x:1.0.0\": *", "$x^2$", "*fet* _skr_",
     "@ref <label>", "`raw`", "a \\ b", "// kommentar", "/* blokk */", "= Overskrift",
     "- liste", "+ tall", "1. liste", "/ Term: x", "https://example.org", "~ -- --- ...",
     "#{1 + 1}", "#let x = 1", "\\u{41}", "]) #strong[x", '" #read("/x") "'],
)  # fmt: skip
def test_hostile_text_is_shown_never_run(hostile):
    assert " ".join(hostile.split()) in _text(escape(hostile))


def test_a_string_literal_holds_anything():
    hostile = '"\\"); #read("/etc/passwd"); ("\n\t'
    assert _text(f"#{typst_string(hostile)}") == 'Prøve "\\"); #read("/etc/passwd"); ("'


ALLOWED = """
<h2>Overskrift 2</h2><h3>Overskrift 3</h3><h4>Overskrift 4</h4>
<p>Avsnitt med <strong>fet</strong>, <em>kursiv</em>, <code>kode</code>, <sup>1</sup>,
<sub>2</sub>, <del>strøket</del>, <ins>satt inn</ins>, <mark>merket</mark>,
<abbr title="Nasjonalt kunnskapssenter">NKVTS</abbr>, <q>sitat</q>, <small>liten</small>,
<a href="https://example.org/">en lenke</a>, <a href="mailto:post@example.org">e-post</a>,
<a href="/tema/vold/">en intern lenke</a>, <a href="#fn:1">fotnote</a><br>ny linje.</p>
<ul><li>punkt</li><li><p>avsnitt i punkt</p><ol start="3"><li>tre</li><li>fire</li></ol></li></ul>
<blockquote><p>Et sitat.</p></blockquote>
<pre><code>kode
  på flere linjer</code></pre>
<hr>
<table><thead><tr><th>A</th><th style="text-align: right;">B</th></tr></thead>
<tbody><tr><td>1</td><td align="right">2</td></tr><tr><td colspan="2">3</td></tr></tbody></table>
<dl><dt>Term</dt><dd>Forklaring</dd></dl>
<div class="fact"><p class="fact__text"><strong class="fact__figure">7 av 10</strong> tekst</p>
<p class="fact__source">Kilde: x</p></div>
<div class="footnote"><hr><ol><li id="fn:1"><p>Fotnoten.&#160;<a class="footnote-backref"
href="#fnref:1" title="tilbake">&#8617;</a></p></li></ol></div>
<!-- en kommentar som aldri kommer med -->
"""


def test_every_allowed_element_compiles_as_pdf_ua():
    text = _text(_convert(ALLOWED))
    for piece in ("Overskrift 4", "fet", "kode", "NKVTS", "«sitat»", "en intern lenke",
                  "tre", "fire", "Et sitat.", "på flere linjer", "Term", "Forklaring",
                  "7 av 10 tekst", "Kilde: x", "Fotnoten."):  # fmt: skip
        assert piece in text, piece
    assert "kommentar" not in text
    assert "↩" not in text


def test_stray_cells_and_terms_and_a_photo_in_a_link_are_kept():
    content = Path(__file__).resolve().parents[2] / "content"
    body = convert_body(
        '<p><a href="https://example.org/"><img src="bilder/fellesskap.jpg" alt="Folk"></a> '
        "og <td>celle</td> <span><dt>term</dt></span></p><ul>løs tekst<li>punkt</li></ul>"
        "<dl><div><dt>ord</dt><dd>forklart</dd></div>mer</dl>"
        "<table><p>rad</p><tr><p>avsnitt</p></tr></table>",
        content=content,
        page_url="",
        file="x.md",
        source_text="",
    )
    files = tuple((name, photo.data) for name, photo in body.photos)
    made = render_pdf(PdfJob(HEAD + body.markup, files, date(2026, 12, 5), "x.md"))
    text = " ".join(PdfReader(BytesIO(made.data)).pages[0].extract_text().split())
    for piece in (
        "celle",
        "term",
        "løs tekst",
        "punkt",
        "ord",
        "forklart",
        "mer",
        "rad",
        "avsnitt",
    ):
        assert piece in text, piece


def test_heading_levels_never_skip_after_the_title():
    markup = _convert("<h4>Fire</h4><h2>To</h2><h4>Fire igjen</h4><h1>En</h1><h3>Tre</h3>")
    levels = [int(part.split(")")[0]) for part in markup.split("#heading(level: ")[1:]]
    assert levels == [2, 2, 3, 1, 2]
    assert "Fire igjen" in _text(markup)  # and Typst's PDF/UA check accepts it


@pytest.mark.parametrize(
    ("html", "message", "line"),
    [
        ("<video src=x></video>", "<video> kan ikke stå i et brev", 3),
        ("<p style='color: red'>x</p>", "attributtet «style» i <p>", 4),
        ("<table><tr><td onclick=x>1</td></tr></table>", "attributtet «onclick» i <td>", None),
        ("<a href='javascript:alert(1)'>x</a>", "lenken «javascript:alert(1)»", None),
        ("<img src='bilder/x.jpg'>", "bildet «bilder/x.jpg»", None),
    ],
)
def test_what_is_not_allowed_is_an_error_with_file_and_line(html, message, line):
    with pytest.raises(ContentErrors) as caught:
        _convert(html)
    error = caught.value.errors[0]
    assert message in error.message
    assert error.file == "content/hoeringssvar/x.md"
    assert error.line == line
    assert error.fix
