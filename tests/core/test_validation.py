"""Shared validation: «Mente du …?», enum values in Norwegian, impossible dates, slugs."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from generator.core.config import parse_config
from generator.core.errors import ConfigError
from generator.core.validation import (
    date_reason,
    did_you_mean,
    field_problems,
    norwegian_list,
    suggest_slug,
)
from generator.site.content_model import ResponseMeta
from tests.project import ROOT


@pytest.mark.parametrize(
    ("text", "reason", "fix"),
    [
        (
            "2026-11-31",
            "2026-11-31 finnes ikke: november har bare 30 dager",
            "velg en dato som finnes, f.eks. 2026-11-30.",
        ),
        (
            "2026-02-29",
            "2026-02-29 finnes ikke: februar har bare 28 dager i 2026 (2026 er ikke et skuddår)",
            "velg en dato som finnes, f.eks. 2026-02-28.",
        ),
        (
            "2028-02-30",
            "2028-02-30 finnes ikke: februar har bare 29 dager",
            "velg en dato som finnes, f.eks. 2028-02-29.",
        ),
        (
            "2026-13-01",
            "2026-13-01 finnes ikke: det er bare 12 måneder (måneden står i midten: ÅÅÅÅ-MM-DD)",
            "skriv datoen som ÅÅÅÅ-MM-DD, f.eks. 2026-11-22 for 22. november.",
        ),
        (
            "2026-11-00",
            "2026-11-00 finnes ikke: dagen kan ikke være 00",
            "velg en dato som finnes, f.eks. 2026-11-30.",
        ),
        ("22.11.2026", "er skrevet som 22.11.2026", "skriv datoen som ÅÅÅÅ-MM-DD: 2026-11-22."),
    ],
    ids=["30-dager", "ikke-skuddaar", "skuddaar", "maaned-13", "dag-0", "norsk-form"],
)
def test_impossible_dates_say_why(text: str, reason: str, fix: str) -> None:
    assert date_reason(text) == (reason, fix)


def test_real_dates_and_other_text_have_no_reason() -> None:
    assert date_reason("2028-02-29") is None
    assert date_reason("i morgen") is None


def test_words() -> None:
    assert norwegian_list(["regjeringen", "stortinget", "rss"]) == (
        "«regjeringen», «stortinget» eller «rss»"
    )
    assert did_you_mean("titel", ["title", "summary"]) == " Mente du «title»?"
    assert did_you_mean("sammendrag", ["title", "summary"]) == ""
    assert suggest_slug("Taushet tar liv 2026 ø") == "taushet-tar-liv-2026-o"


def _problems(data: dict) -> list[tuple[str, str, str | None]]:
    with pytest.raises(ValidationError) as info:
        ResponseMeta.model_validate(data)
    return [(p.field, p.text, p.fix) for p in field_problems(info.value, ResponseMeta)]


GOOD = {
    "title": "Svar",
    "date": "2026-05-01",
    "department": "Justis- og beredskapsdepartementet",
    "consultation": "https://www.regjeringen.no/no/id1/",
    "status": "utkast",
}


def test_a_misspelt_field_is_one_problem_not_two() -> None:
    data = {**GOOD, "titel": GOOD["title"]}
    del data["title"]
    assert _problems(data) == [
        ("", "ukjent felt «titel». Mente du «title»?", "skriv «title:» i stedet for «titel:».")
    ]


def test_an_enum_value_is_listed_in_norwegian() -> None:
    assert _problems({**GOOD, "status": "sendtt"}) == [
        (
            "status",
            "må være «utkast» eller «sendt» (fant «sendtt»). Mente du «sendt»?",
            "bruk «utkast» eller «sendt».",
        )
    ]


def test_config_enum_error_has_no_python_tuple() -> None:
    text = (ROOT / "stemme.toml").read_text(encoding="utf-8")
    import tomllib

    data = tomllib.loads(text.replace('kind = "regjeringen"', 'kind = "regjering"', 1))
    with pytest.raises(ConfigError) as info:
        parse_config(data)
    assert str(info.value) == (
        "stemme.toml: nøkkelen «watch.sources[0].kind» må være «regjeringen», «stortinget» "
        "eller «rss» (fant «regjering»). Mente du «regjeringen»? Rett filen og prøv igjen."
    )


def test_config_lists_every_bad_key() -> None:
    import tomllib

    text = (ROOT / "stemme.toml").read_text(encoding="utf-8")
    text = text.replace('primary = "#5B2A86"', 'primary = "lilla"', 1)
    text = text.replace("[posting]", '[posting]\ndefault_tme = "08:00"', 1)
    with pytest.raises(ConfigError) as info:
        parse_config(tomllib.loads(text))
    assert str(info.value) == (
        "stemme.toml: 2 feil:\n"
        '  • nøkkelen «brand.primary» må være en fargekode på formen "#5B2A86" (fant «lilla»).\n'
        "  • nøkkelen «posting.default_tme» er ukjent. Mente du «default_time»?\n"
        "Rett filen og prøv igjen."
    )


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            "tagline = Trygghet for alle",
            "linje {n}, kolonne 11: kan ikke leses: verdien har feil form. Slik retter du det: "
            'sett tekst i anførselstegn: navn = "Verdi".',
        ),
        (
            'tagline = "Trygghet for alle',
            "linje {n}, kolonne 29: kan ikke leses: anførselstegnet blir aldri lukket. Slik "
            'retter du det: avslutt teksten med ".',
        ),
        (
            "tagline Trygghet",
            "linje {n}, kolonne 9: kan ikke leses: linjen mangler = mellom nøkkelen og verdien. "
            "Slik retter du det: skriv navn = verdi.",
        ),
    ],
    ids=["uten-anforselstegn", "ikke-lukket", "uten-likhetstegn"],
)
def test_toml_mistakes_in_norwegian(tmp_path, line: str, message: str) -> None:
    from generator.core.config import load_config

    text = (ROOT / "stemme.toml").read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, old in enumerate(lines, 1) if old.startswith("[site]")) + 1
    lines.insert(n - 1, line)
    path = tmp_path / "stemme.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(info.value) == f"{path}, " + message.format(n=n)
