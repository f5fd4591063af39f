"""Risky HTML in staff Markdown is found with its line, column and what to do instead."""

from __future__ import annotations

import pytest

from generator.core.html_safety import Risk, risky_html

OWN = "www.stemme.no"
IFRAME_FIX = "lenk til videoen i stedet, f.eks. [Se filmen](https://…)."
IMAGE_FIX = (
    "last ned bildet, legg det i content/bilder/ og sett det inn med "
    "![Hva bildet viser](../bilder/navn.jpg)."
)
SCHEME_FIX = "lenk til en vanlig adresse som begynner med https:// eller /."


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
                7,
                "attributtet «onclick» i <a> er ikke tillatt (det kjører skript)",
                'fjern onclick="…" fra elementet.',
            ),
        ),
        (
            "[Klikk her](javascript:alert(1))",
            Risk(
                1,
                1,
                "en javascript:-adresse er ikke tillatt (den kan kjøre skript hos den som klikker)",
                SCHEME_FIX,
            ),
        ),
        (
            '<a href="jav&#x61;script:alert(1)">x</a>',
            Risk(
                1,
                1,
                "en javascript:-adresse er ikke tillatt (den kan kjøre skript hos den som klikker)",
                SCHEME_FIX,
            ),
        ),
        (
            "![Plakat](https://bilder.example.com/plakat.jpg)",
            Risk(
                1,
                1,
                "bildet hentes fra et annet nettsted (bilder.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IMAGE_FIX,
            ),
        ),
        (
            "Tekst ![Plakat][p].\n\n[p]: //cdn.example.com/p.png\n",
            Risk(
                1,
                7,
                "bildet hentes fra et annet nettsted (cdn.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IMAGE_FIX,
            ),
        ),
        (
            '<video src="https://video.example.com/f.mp4"></video>',
            Risk(
                1,
                1,
                "videoen hentes fra et annet nettsted (video.example.com); det forteller det "
                "nettstedet hvem som leser siden, og nettstedet vårt blokkerer det uansett",
                IFRAME_FIX,
            ),
        ),
        (
            '<form action="https://skjema.example.com/"><input name="x"></form>',
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
    assert [(r.line, r.column) for r in risky_html(text, OWN)] == [(1, 1), (3, 1), (3, 19)]


def test_escaped_brackets_and_comments_are_not_links() -> None:
    text = (
        "Om \\[klikk her\\](javascript:alert(1)) og \\<script>.\n\n"
        "<!-- notat: [lenke](javascript:x)\n<script>x</script> -->\n"
    )
    assert risky_html(text, OWN) == []


def test_an_unclosed_comment_hides_nothing() -> None:
    assert [r.line for r in risky_html("<!-- notat\n\n<script>x</script>\n", OWN)] == [3]
