"""Campaign mistakes as a new writer makes them: each a whole Norwegian message with its
fix, and never a traceback."""

from __future__ import annotations

import yaml

from generator.campaigns.model import check
from tests.campaigns.conftest import campaign_data

FILE = "campaigns/provekampanje/campaign.yaml"


def _messages(project, config) -> list[str]:
    errors, _ = check(project, config)
    return [str(e.relocated(e.file.removeprefix(f"{project.root}/"))) for e in errors]


def test_a_folder_name_with_spaces_and_letters_outside_a_z(project, config, write_campaign):
    write_campaign(campaign_data(), slug="Taushet tar liv 2030 ø")
    assert _messages(project, config) == [
        "campaigns/Taushet tar liv 2030 ø/campaign.yaml: mappenavnet «Taushet tar liv 2030 ø» "
        "blir en del av adressen til kampanjesidene og lenkene i innleggene, og kan bare ha "
        "små bokstaver (a–z), tall og bindestrek (høyst 80 tegn). Slik retter du det: gi "
        "mappen navnet «taushet-tar-liv-2030-o»."
    ]


def test_a_misspelt_day_field_suggests_the_right_one(project, config, write_campaign):
    data = campaign_data()
    data["days"][0]["fakt"] = data["days"][0].pop("fact")
    write_campaign(data)
    line = yaml.safe_dump(data, allow_unicode=True).splitlines().index("- date: 2030-11-25") + 1
    assert _messages(project, config) == [
        f"{FILE}, linje {line + 1}: feltet «days[2030-11-25]»: ukjent felt «fakt». "
        "Mente du «fact»? Slik retter du det: skriv «fact:» i stedet for «fakt:»."
    ]


def test_an_impossible_day_date_is_explained_not_a_traceback(project, config, write_campaign):
    text = yaml.safe_dump(campaign_data(), allow_unicode=True)
    write_campaign(text.replace("date: 2030-11-26", "date: 2030-11-31"))
    line = text.splitlines().index("- date: 2030-11-26") + 1
    assert _messages(project, config) == [
        f"{FILE}, linje {line}: feltet «days[2030-11-31].date»: 2030-11-31 finnes ikke: "
        "november har bare 30 dager. Slik retter du det: velg en dato som finnes, f.eks. "
        "2030-11-30."
    ]


def test_an_unknown_day_fact_suggests_the_nearest(project, config, write_campaign):
    data = campaign_data()
    data["days"][1]["fact"] = "krisesenter-barna"
    write_campaign(data)
    (message,) = _messages(project, config)
    assert message.split(": ", 1)[1] == (
        "feltet «days[2030-11-26].fact»: ukjent fakta-id «krisesenter-barna». Mente du "
        "«krisesenter-barn»? Slik retter du det: rett id-en til «krisesenter-barn», eller "
        "legg faktaet til i content/fakta.yaml."
    )


def test_a_section_file_outside_the_campaign_folder(project, config, write_campaign):
    (project.root / "hemmelig.md").write_text("Hemmelig.\n", encoding="utf-8")
    sections = [{"title": "Hvorfor", "file": "../../hemmelig.md"}]
    write_campaign(campaign_data(sections=sections))
    assert _messages(project, config) == [
        f"{FILE}: feltet «sections.file»: «../../hemmelig.md» er ikke en fil i "
        "kampanjemappen. Slik retter du det: legg filen i campaigns/provekampanje/ og skriv "
        "bare filnavnet, f.eks. «file: hvorfor.md»."
    ]


def test_risky_html_in_a_section_file_names_that_file(project, config, write_campaign):
    path = write_campaign(campaign_data(sections=[{"title": "Film", "file": "film.md"}]))
    (path.parent / "film.md").write_text(
        "Se filmen:\n\n<script src=https://x.example/a.js></script>\n", encoding="utf-8"
    )
    assert _messages(project, config) == [
        "campaigns/provekampanje/film.md, linje 3: <script> er ikke tillatt: skript i "
        "innholdet kan skade besøkende, og nettstedet blokkerer dem uansett. Slik retter du "
        "det: fjern skriptet; trenger siden noe interaktivt, be den tekniske ansvarlige om "
        "hjelp."
    ]
