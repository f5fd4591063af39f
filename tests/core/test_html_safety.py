"""Risky HTML in staff Markdown is found with its line, column and what to do instead."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.core.html_safety import Place, Risk, risky_html, sanitise_html

OWN = "www.stemme.no"
IFRAME_FIX = "lenk til videoen i stedet, f.eks. [Se filmen](https://…)."
IMAGE_FIX = (
    "last ned bildet, legg det i content/bilder/ og sett det inn med "
    "![Hva bildet viser](../bilder/navn.jpg)."
)
SCHEME_FIX = "lenk til en vanlig adresse som begynner med https:// eller /."
SCHEME_TEXT = "en javascript:-adresse er ikke tillatt her (den kan kjøre skript eller hente filer)"


def _one(markdown: str) -> Risk:
    (risk,) = risky_html(markdown, OWN)
    return risk


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        (
            "Tekst.\n\n<script>alert(1)</script>\n",
            Risk(
                3,
                1,
                "<script> er ikke tillatt: skript i innholdet kan skade besøkende, og "
                "nettstedet blokkerer dem uansett",
                "fjern skriptet; trenger siden noe interaktivt, be den tekniske ansvarlige "
                "om hjelp.",
            ),
        ),
        (
            'Se <iframe src="https://www.youtube.com/embed/x"></iframe>',
            Risk(
                1,
                4,
                "<iframe> er ikke tillatt: innebygd innhold forteller et annet nettsted hvem "
                "som leser siden",
                IFRAME_FIX,
            ),
        ),
        (
            '<embed src="film.swf">',
            Risk(
                1,
                1,
                "<embed> er ikke tillatt: innebygd innhold forteller et annet nettsted hvem "
                "som leser siden",
                IFRAME_FIX,
            ),
        ),
        (
            "<style>p { color: red }</style>",
            Risk(
                1,
                1,
                "<style> er ikke tillatt: utseendet styres av temaet, så alle sider ser like ut",
                "fjern <style>-blokken; be den tekniske ansvarlige om endringer i "
                "theme/static/css/.",
            ),
        ),
        (
            'Klikk <a href="/om-oss/" onclick="spor()">her</a>.',
            Risk(
                1,
                26,
                "attributtet «onclick» i <a> er ikke tillatt (det kjører skript)",
                'fjern onclick="…" fra elementet.',
            ),
        ),
        (
            "[Klikk her](javascript:alert(1))",
            Risk(
                1,
                13,
                SCHEME_TEXT,
                SCHEME_FIX,
            ),
        ),
        (
            '<a href="jav&#x61;script:alert(1)">x</a>',
            Risk(
                1,
                4,
                SCHEME_TEXT,
                SCHEME_FIX,
            ),
        ),
        (
            "![Plakat](https://bilder.example.com/plakat.jpg)",
            Risk(
                1,
                11,
                "bildet hentes fra et annet nettsted (bilder.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IMAGE_FIX,
            ),
        ),
        (
            "Tekst ![Plakat][p].\n\n[p]: //cdn.example.com/p.png\n",
            Risk(
                3,
                6,
                "bildet hentes fra et annet nettsted (cdn.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IMAGE_FIX,
            ),
        ),
        (
            '<video src="https://video.example.com/f.mp4"></video>',
            Risk(
                1,
                8,
                "videoen hentes fra et annet nettsted (video.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IFRAME_FIX,
            ),
        ),
        (
            '<form action="https://skjema.example.com/">Navn</form>',
            Risk(
                1,
                1,
                "<form> er ikke tillatt: et skjema kan sende det besøkende skriver, til et "
                "annet nettsted",
                "lenk til skjemaet i stedet.",
            ),
        ),
    ],
    ids=[
        "script",
        "iframe",
        "embed",
        "style",
        "onclick",
        "javascript-lenke",
        "javascript-entitet",
        "fremmed-bilde",
        "fremmed-bilde-referanse",
        "fremmed-video",
        "skjema",
    ],
)
def test_each_risk_is_named_with_its_fix(markdown: str, expected: Risk) -> None:
    assert _one(markdown) == expected


def test_safe_markdown_passes() -> None:
    text = (
        "## Overskrift\n\nEn [lenke](https://www.regjeringen.no/) og "
        "![eget bilde](/bilder/a.jpg), ![her](https://www.stemme.no/bilder/b.jpg).\n\n"
        "<details><summary>Mer</summary>Tekst med <strong>vekt</strong>.</details>\n"
        "\n[[fakta:partnerdrap-andel]]\n"
    )
    assert risky_html(text, OWN) == []


def test_code_is_shown_not_run() -> None:
    text = "Skriv `<script>` i kode.\n\n```html\n<iframe src=x></iframe>\n```\n"
    assert risky_html(text, OWN) == []


def test_risks_come_in_reading_order() -> None:
    text = "<style>x</style>\n\n[a](javascript:x) <b onmouseover=x>b</b>\n"
    assert [(r.line, r.column) for r in risky_html(text, OWN)] == [(1, 1), (3, 5), (3, 22)]


def test_escaped_brackets_and_comments_are_not_links() -> None:
    text = (
        "Om \\[klikk her\\](javascript:alert(1)).\n\n"
        "<!-- notat: [lenke](javascript:x)\n<script>x</script> -->\n"
    )
    assert risky_html(text, OWN) == []


def test_a_backslash_before_a_tag_hides_nothing() -> None:
    # Markdown keeps «\<script>» as a backslash and a real <script> element.
    assert [r.line for r in risky_html("Se \\<script>x</script>.\n", OWN)] == [1]


def test_an_unclosed_comment_hides_nothing() -> None:
    assert [r.line for r in risky_html("<!-- notat\n\n<script>x</script>\n", OWN)] == [3]


def test_an_unclosed_fence_hides_nothing() -> None:
    text = (
        "Innledning.\n\n```\nkode som aldri lukkes\n\n"
        '<meta http-equiv="refresh" content="0;url=https://andre.example/">\n\nSlutt.\n'
    )
    (risk,) = risky_html(text, OWN)
    assert (risk.line, risk.column) == (6, 1)
    assert risk.text.startswith("<meta> er ikke tillatt")


def test_a_stray_backtick_hides_nothing() -> None:
    text = 'Bruk ` for kode.\n\n<iframe src="https://andre.example/"></iframe>\n\nSe `x`.\n'
    (risk,) = risky_html(text, OWN)
    assert (risk.line, risk.column) == (3, 1)
    assert risk.text.startswith("<iframe> er ikke tillatt")


PROJECT = Place(Path("/prosjekt/content/hoeringssvar"), Path("/prosjekt"))


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ('<a rel="attachment" href="../../stemme.toml">vedlegg</a>', "rel=«attachment»"),
        ('<link rel="attachment" href="../../stemme.toml">', "<link> er ikke tillatt"),
        ('<object data="x.pdf"></object>', "<object> er ikke tillatt"),
        ('<embed src="x.pdf">', "<embed> er ikke tillatt"),
        ('<svg><image href="/etc/passwd"/></svg>', "<svg> er ikke tillatt"),
        ("<style>@import url(/etc/passwd);</style>", "<style> er ikke tillatt"),
        ('<p style="background:url(/etc/passwd)">x</p>', "attributtet «style» i <p>"),
        ('<img src="/home/kari/bilde.png" alt="x">', "er en sti på din egen maskin"),
        ("![x](../../../hemmelig.png)", "peker ut av prosjektet"),
        ("[fil](file:///etc/passwd)", "peker på en fil på din egen maskin"),
        ('<img src="C:\\Users\\kari\\a.png" alt="x">', "er en sti på din egen maskin"),
        ("[null](/dev/zero)", "er en sti på din egen maskin"),
        ('<p onclick="x()">a</p>', "attributtet «onclick»"),
    ],
)
def test_what_reaches_files_outside_the_project_is_refused(markdown: str, expected: str) -> None:
    risks = risky_html(markdown, OWN, PROJECT)
    assert risks, markdown
    assert expected in risks[0].text
    assert risks[0].line == 1


def test_links_to_other_sites_and_own_photos_stay_allowed() -> None:
    text = (
        '[Regjeringen](https://www.regjeringen.no/) <a href="https://lovdata.no/">lov</a> '
        "[epost](mailto:post@stemme.no) [tema](/tema/vold/) [toppen](#start)\n\n"
        "![Foto](../bilder/foto.jpg) ![Foto](bilder/foto.jpg)\n\n"
        "| a | b |\n|:--|--:|\n| 1 | 2 |\n\nTekst.[^1]\n\n[^1]: Kilde.\n"
    )
    assert risky_html(text, OWN, PROJECT) == []


def test_sanitised_html_keeps_text_and_drops_what_is_refused() -> None:
    dirty = (
        '<p style="color:red" onclick="x()">Hei <a rel="attachment" href="/etc/passwd">x</a>'
        '<img src="file:///etc/passwd" alt="b"></p><script>alert(1)</script><meta a="b">'
    )
    assert sanitise_html(dirty, OWN) == '<p>Hei <a>x</a><img alt="b"></p>'


def test_a_path_on_the_authors_machine_is_refused_even_as_text(tmp_path) -> None:
    root = tmp_path / "prosjekt"
    place = Place(root / "content" / "sider", root)
    text = f"Se bildet.\n\nDet ligger i {root}/content/bilder/hus.jpg hos meg.\n"
    (risk,) = risky_html(text, OWN, place)
    assert (risk.line, risk.column) == (3, 14)
    assert risk.text == f"teksten viser en sti på maskinen din («{root}/»)"


def test_an_address_ending_like_a_local_folder_is_no_local_path(tmp_path) -> None:
    root = tmp_path / "prosjekt"
    place = Place(root / "content" / "sider", root)
    text = f"[Se](https://example.no{root}/side/) og https://example.no{root}/.\n"
    assert risky_html(text, OWN, place) == []
