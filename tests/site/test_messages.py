"""Every mistake a new writer makes gets its own Norwegian message with the fix — all of
them in one run of `stemme check`, sorted by file and line, under a count."""

from __future__ import annotations

import pytest

from generator.cli import main
from generator.core.errors import ContentErrors
from generator.site.build import build_site

POSITION = "content/standpunkter/eksempel.md"
THREE_MISTAKES = """---
titel: Barn som lever med vold, trenger hjelp raskt
summary: Barn som ser og hører vold, er selv utsatt.
date: 2026-11-31
facts: [barn-fysisk]
---
Tekst.
"""
THREE_MESSAGES = (
    "Feil: Fant 3 feil i 1 fil:\n"
    f"  • {POSITION}, linje 2: ukjent felt «titel». Mente du «title»?\n"
    "    Slik retter du det: skriv «title:» i stedet for «titel:».\n"
    f"  • {POSITION}, linje 4: feltet «date»: 2026-11-31 finnes ikke: november har bare 30 "
    "dager.\n"
    "    Slik retter du det: velg en dato som finnes, f.eks. 2026-11-30.\n"
    f"  • {POSITION}, linje 5: feltet «facts»: ukjent fakta-id «barn-fysisk». Mente du "
    "«barn-fysisk-vold»?\n"
    "    Slik retter du det: rett id-en til «barn-fysisk-vold», eller legg faktaet til i "
    "content/fakta.yaml.\n"
)


def _check(capsys) -> str:
    assert main(["check"]) == 1
    return capsys.readouterr().err


def test_three_mistakes_give_three_messages_in_one_run(project, capsys):
    (project.root / POSITION).write_text(THREE_MISTAKES, encoding="utf-8")
    assert _check(capsys) == THREE_MESSAGES


def test_build_stops_with_all_of_them_and_writes_nothing(project, capsys):
    (project.root / POSITION).write_text(THREE_MISTAKES, encoding="utf-8")
    assert main(["build", "--publish"]) == 1
    assert capsys.readouterr().err == THREE_MESSAGES
    assert not project.output.exists()
    with pytest.raises(ContentErrors) as info:
        build_site(project)
    assert len(info.value.errors) == 3


def test_errors_in_several_files_are_sorted_by_file_and_line(project, capsys):
    (project.root / POSITION).write_text(THREE_MISTAKES, encoding="utf-8")
    page = project.pages / "om-oss.md"
    page.write_text(page.read_text("utf-8").replace("title:", "tittel:", 1), "utf-8")
    campaign = project.campaigns / "taushet-tar-liv-2026" / "campaign.yaml"
    text = campaign.read_text("utf-8").replace("  - date: 2026-11-26\n", "  - date: 2026-11-31\n")
    text = text.replace("lead_fact: partnerdrap-andel", "lead_fact: partnerdrap")
    campaign.write_text(text)
    numbered = text.splitlines()
    lead = next(n for n, line in enumerate(numbered, 1) if line.startswith("lead_fact:"))
    day = next(n for n, line in enumerate(numbered, 1) if "date: 2026-11-31" in line)
    lines = _check(capsys).splitlines()
    assert lines[0] == "Feil: Fant 6 feil i 3 filer:"
    places = [line.split(": ", 1)[0].removeprefix("  • ") for line in lines if "  • " in line]
    assert places == [
        f"campaigns/taushet-tar-liv-2026/campaign.yaml, linje {lead}",
        f"campaigns/taushet-tar-liv-2026/campaign.yaml, linje {day}",
        "content/sider/om-oss.md, linje 2",
        f"{POSITION}, linje 2",
        f"{POSITION}, linje 4",
        f"{POSITION}, linje 5",
    ]


def _messages(project, capsys, path: str, text: str) -> list[str]:
    (project.root / path).write_text(text, encoding="utf-8")
    lines = _check(capsys).splitlines()
    return [line.strip() for line in lines[1:]]


def test_colon_in_a_title(project, capsys):
    text = "---\ntitle: Høring: ny lov om krisesentre\ndate: 2026-11-20\n---\nTekst.\n"
    assert _messages(project, capsys, POSITION, text) == [
        f"• {POSITION}, linje 2, kolonne 14: front matter kan ikke leses: teksten etter "
        "«title:» inneholder et kolon (:).",
        "Slik retter du det: sett teksten i anførselstegn når den inneholder kolon, slik: "
        'title: "Høring: ny lov om krisesentre".',
    ]


def test_unknown_fact_in_the_text_suggests_the_nearest(project, capsys):
    text = "---\ntitle: Tall\ndate: 2026-11-20\n---\nTekst.\n\n[[fakta:voldskostnad]]\n"
    assert _messages(project, capsys, POSITION, text) == [
        f"• {POSITION}, linje 7: ukjent fakta-id «voldskostnad». Mente du «voldskostnader»?",
        "Slik retter du det: rett id-en til «voldskostnader», eller legg faktaet til i "
        "content/fakta.yaml.",
    ]


RESPONSE = "content/hoeringssvar/2026-05-01-testsak.md"
GOOD_RESPONSE = """---
title: Høringssvar – testsak
date: 2026-05-01
department: Justis- og beredskapsdepartementet
consultation: https://www.regjeringen.no/no/dokumenter/test/id3170099/
status: sendt
sent: 2026-05-02
---
Vi viser til høringsbrevet.
"""


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("status: sendt", "status: sendtt"),
            [
                f"• {RESPONSE}, linje 6: feltet «status»: må være «utkast» eller «sendt» "
                "(fant «sendtt»). Mente du «sendt»?",
                "Slik retter du det: bruk «utkast» eller «sendt».",
            ],
        ),
        (
            ("sent: 2026-05-02", "sent: 2026-02-29"),
            [
                f"• {RESPONSE}, linje 7: feltet «sent»: 2026-02-29 finnes ikke: februar har "
                "bare 28 dager i 2026 (2026 er ikke et skuddår).",
                "Slik retter du det: velg en dato som finnes, f.eks. 2026-02-28.",
            ],
        ),
        (
            ("date: 2026-05-01", "date: 2026-13-01"),
            [
                f"• {RESPONSE}, linje 3: feltet «date»: 2026-13-01 finnes ikke: det er bare 12 "
                "måneder (måneden står i midten: ÅÅÅÅ-MM-DD).",
                "Slik retter du det: skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-22 for 22. "
                "november.",
            ],
        ),
        (
            ("sent: 2026-05-02\n", ""),
            [
                f"• {RESPONSE}, linje 6: feltet «sent»: mangler — et høringssvar med "
                "«status: sendt» må ha en dato.",
                "Slik retter du det: skriv datoen svaret ble sendt, f.eks. «sent: 2026-06-02».",
            ],
        ),
    ],
    ids=["status-verdi", "29-februar", "maaned-13", "sendt-uten-dato"],
)
def test_response_field_messages(project, capsys, change, expected):
    assert _messages(project, capsys, RESPONSE, GOOD_RESPONSE.replace(*change)) == expected


def test_risky_html_in_content(project, capsys):
    text = (
        "---\ntitle: Filmen vår\n---\nSe filmen her:\n\n"
        '<iframe src="https://www.youtube.com/embed/abc123"></iframe>\n'
    )
    assert _messages(project, capsys, "content/sider/filmen.md", text) == [
        "• content/sider/filmen.md, linje 6, kolonne 1: <iframe> er ikke tillatt: innebygd "
        "innhold forteller et annet nettsted hvem som leser siden.",
        "Slik retter du det: lenk til videoen i stedet, f.eks. [Se filmen](https://…).",
    ]


def test_an_unclosed_fence_does_not_hide_a_refresh(project, capsys):
    text = (
        "---\ntitle: Kode\n---\nEksempel:\n\n```\nkode uten slutt\n\n"
        '<meta http-equiv="refresh" content="0;url=https://andre.example/">\n'
    )
    assert _messages(project, capsys, "content/sider/kode.md", text) == [
        "• content/sider/kode.md, linje 9, kolonne 1: <meta> er ikke tillatt: et "
        "<meta>-element kan sende leseren videre til et annet nettsted.",
        "Slik retter du det: fjern elementet; vil du vise til en annen side, skriv en vanlig "
        "lenke.",
    ]


def test_a_stray_backtick_does_not_hide_a_frame(project, capsys):
    text = (
        "---\ntitle: Tegn\n---\nTegnet ` brukes til kode.\n\n"
        '<iframe src="https://andre.example/"></iframe>\n\nSlutt `her`.\n'
    )
    assert _messages(project, capsys, "content/sider/tegn.md", text)[0] == (
        "• content/sider/tegn.md, linje 6, kolonne 1: <iframe> er ikke tillatt: innebygd "
        "innhold forteller et annet nettsted hvem som leser siden."
    )


def test_a_letter_attachment_and_a_local_path_are_refused(project, capsys):
    text = (
        "---\ntitle: Vedlegg\n---\n"
        '<a rel="attachment" href="../../stemme.toml">vedlegg</a>\n\n'
        "![Kart](../../../../etc/kart.png)\n"
    )
    found = _messages(project, capsys, "content/sider/vedlegg.md", text)
    assert found[0].startswith("• content/sider/vedlegg.md, linje 4, kolonne 4: rel=«attachment»")
    assert found[2].startswith(
        "• content/sider/vedlegg.md, linje 6, kolonne 9: filen «../../../../etc/kart.png» "
        "peker ut av prosjektet."
    )


def test_a_file_name_that_cannot_be_an_address(project, capsys):
    text = "---\ntitle: Samtykke\ndate: 2026-11-20\n---\nTekst.\n"
    assert _messages(project, capsys, "content/standpunkter/Samtykke nå.md", text) == [
        "• content/standpunkter/Samtykke nå.md: filnavnet «Samtykke nå.md» blir adressen til "
        "siden, og kan bare ha små bokstaver (a–z), tall og bindestrek (høyst 80 tegn).",
        "Slik retter du det: gi filen navnet «samtykke-na.md».",
    ]


def test_a_page_slug_must_be_a_slug(project, capsys):
    text = "---\ntitle: Om\nslug: Om oss\n---\nTekst.\n"
    assert _messages(project, capsys, "content/sider/om.md", text) == [
        "• content/sider/om.md, linje 3: feltet «slug»: må være et kort navn med små bokstaver "
        "(a–z), tall og bindestrek, høyst 80 tegn, f.eks. «om-oss» (fant «Om oss»).",
        "Slik retter du det: bruk f.eks. «slug: om-oss».",
    ]


def test_check_json_lists_the_same_errors(project, capsys):
    import json

    (project.root / POSITION).write_text(THREE_MISTAKES, encoding="utf-8")
    assert main(["check", "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and len(report["errors"]) == 3
    assert report["errors"][0] == (
        f"{POSITION}, linje 2: ukjent felt «titel». Mente du «title»? "
        "Slik retter du det: skriv «title:» i stedet for «titel:»."
    )
