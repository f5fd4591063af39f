"""A campaign in more languages: translated where given, bokmål otherwise."""

from __future__ import annotations

import pytest

from generator.campaigns import load_campaign
from generator.core.errors import ContentErrors
from tests.campaigns.conftest import campaign_data


def test_the_example_campaign_reads_in_english_and_nynorsk(project, facts) -> None:
    campaign = load_campaign(project, "taushet-tar-liv-2026", facts)
    assert set(campaign.languages) >= {"en", "nn"}
    english = campaign.in_language("en")
    assert english.name == "Silence kills 2026"
    assert [s.id for s in english.sections] == [s.id for s in campaign.sections]
    assert english.sections[0].title == "Why it is urgent"
    assert english.sections[0].body.startswith("When a woman is threatened")  # from file
    assert "[[fakta:partnerdrap-voldshistorikk]]" in english.sections[0].body
    first, third = english.days[0], english.days[2]
    assert first.theme == "Silence kills" and first.fact == campaign.days[0].fact
    assert third.theme == campaign.days[2].theme  # no English text: bokmål
    assert english.days[0].post == campaign.days[0].post  # posts stay as written
    assert campaign.in_language("pl") is campaign
    assert campaign.in_language("nb") is campaign
    assert campaign.in_language("nn").slogan.startswith("Saman kan vi")


def test_a_translated_post_gets_the_day_link(project, facts, write_campaign) -> None:
    data = campaign_data()
    data["days"][0]["translations"] = {
        "en": {"theme": "Day one", "post": "Break the silence. {lenke} #Test"}
    }
    path = write_campaign(data)
    campaign = load_campaign(project, path.parent.name, facts)
    day = campaign.in_language("en").days[0]
    assert day.theme == "Day one" and day.message == campaign.days[0].message
    assert day.post.startswith("Break the silence. https://")
    assert "/kampanjer/provekampanje/2030-11-25/ #Test" in day.post


def test_unknown_section_and_bad_language_code_are_named(project, facts, write_campaign):
    data = campaign_data(
        sections=[{"id": "hvorfor", "title": "Hvorfor", "body": "Tekst."}],
        translations={"en": {"sections": {"why": {"title": "Why", "body": "Text."}}}},
    )
    data["days"][1]["translations"] = {"English": {"theme": "x"}}
    path = write_campaign(data)
    with pytest.raises(ContentErrors) as err:
        load_campaign(project, path.parent.name, facts)
    messages = [str(e) for e in err.value.errors]
    assert any(
        "translations.en.sections: «why» er ikke id-en til en seksjon" in m
        and "(finnes: hvorfor)" in m
        for m in messages
    ), messages
    assert any("«English» er ikke en språkkode" in m for m in messages), messages
    assert all("campaign.yaml" in m for m in messages)


def test_an_unknown_field_in_a_translation_lists_the_known_ones(project, facts, write_campaign):
    data = campaign_data(translations={"en": {"slagord": "Together"}})
    path = write_campaign(data)
    with pytest.raises(ContentErrors) as err:
        load_campaign(project, path.parent.name, facts)
    [message] = [str(e) for e in err.value.errors]
    assert "feltet «translations.en»: ukjent felt «slagord»" in message
    assert "bruk et av feltene «name», «slogan», «summary», «focus»" in message
