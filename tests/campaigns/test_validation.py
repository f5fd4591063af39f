"""Every validation rule of campaign files, with the message the staff member sees."""

from __future__ import annotations

from datetime import date

import pytest

from generator.campaigns import check, load_campaign, load_campaigns
from generator.core.config import load_config
from generator.core.errors import CampaignError, ContentErrors
from generator.site.checks import check_all
from tests.campaigns.conftest import campaign_data


def errors_for(project, facts, write_campaign, data) -> list[str]:
    path = write_campaign(data)
    with pytest.raises(ContentErrors) as info:
        load_campaign(project, path.parent.name, facts)
    assert all(isinstance(e, CampaignError) for e in info.value.errors)
    return [str(e) for e in info.value.errors]


def check_errors(project, write_campaign, data) -> list[str]:
    """What `stemme check` says: post lengths are the poster's rule, checked there."""
    write_campaign(data)
    report = check_all(project, load_config(project.config))
    assert all(isinstance(e, CampaignError) for e in report.errors)
    return [str(e) for e in report.errors]


def test_seed_campaign_is_valid(project, facts):
    campaigns = load_campaigns(project, facts)
    assert [c.slug for c in campaigns] == [
        "taushet-tar-liv-2026",
        "taushet-tar-liv-2015",
        "taushet-tar-liv-2014",
    ]
    seed = campaigns[0]
    assert len(seed.days) == 16
    assert seed.days[0].date == date(2026, 11, 25) and seed.days[-1].date == date(2026, 12, 10)
    assert len({d.theme for d in seed.days}) == 16
    assert all("#TaushetTarLiv" in d.post and "/kampanjer/" in d.post for d in seed.days)
    assert [c.archive_only for c in campaigns] == [False, True, True]


def test_valid_campaign_loads_with_defaults(project, facts, write_campaign):
    write_campaign(campaign_data())
    campaign = load_campaign(project, "provekampanje", facts)
    assert (campaign.start, campaign.end) == (date(2030, 11, 25), date(2030, 12, 10))
    assert campaign.url_path == "kampanjer/provekampanje/"
    assert campaign.hashtags == ["#Prøvekampanje"]
    day = campaign.day(date(2030, 11, 27))
    assert day is not None and day.url_path == "kampanjer/provekampanje/2030-11-27/"
    assert day.post.startswith("Dag 3: vi bryter tausheten. https://")
    assert day.url_path in day.post
    assert campaign.is_running(date(2030, 12, 10)) and not campaign.is_running(date(2030, 12, 11))


def test_missing_date(project, facts, write_campaign):
    data = campaign_data()
    del data["days"][4]
    (message,) = errors_for(project, facts, write_campaign, data)
    assert "provekampanje/campaign.yaml" in message
    assert "«days[2030-11-29]»" in message
    assert "dag 2030-11-29 mangler" in message


def test_duplicate_date(project, facts, write_campaign):
    data = campaign_data()
    data["days"][5]["date"] = date(2030, 11, 29)
    messages = errors_for(project, facts, write_campaign, data)
    assert any("«days[2030-11-29].date»" in m and "datoen står 2 ganger" in m for m in messages)
    assert any("dag 2030-11-30 mangler" in m for m in messages)


def test_date_outside_period(project, facts, write_campaign):
    data = campaign_data()
    data["days"].append({**data["days"][0], "date": date(2030, 12, 11)})
    (message,) = errors_for(project, facts, write_campaign, data)
    assert "«days[2030-12-11].date»" in message
    assert "utenfor kampanjeperioden 2030-11-25–2030-12-10" in message


def test_unknown_fact_id(project, facts, write_campaign):
    data = campaign_data()
    data["days"][2]["fact"] = "finnes-ikke"
    (message,) = errors_for(project, facts, write_campaign, data)
    assert "provekampanje/campaign.yaml, linje" in message
    assert "«days[2030-11-27].fact»" in message
    assert "ukjent fakta-id «finnes-ikke»" in message
    assert "Slik retter du det:" in message


def test_unknown_lead_fact(project, facts, write_campaign):
    (message,) = errors_for(project, facts, write_campaign, campaign_data(lead_fact="nei"))
    assert "«lead_fact»" in message and "ukjent fakta-id «nei»" in message


def test_post_too_long_for_x_only(project, facts, write_campaign):
    data = campaign_data()
    data["days"][0]["post"] = "a" * 285  # X 285 > 280; Bluesky and Mastodon fit
    (message,) = check_errors(project, write_campaign, data)
    assert "«days[2030-11-25].post»" in message
    assert "for lang for X: 285 av maks 280" in message


def test_post_too_long_for_bluesky_only(project, facts, write_campaign):
    # X and Mastodon count the link as 23; Bluesky counts every character of it.
    link = "https://www.example.no/" + "a" * 100
    data = campaign_data()
    data["days"][1]["post"] = "b" * 200 + " " + link
    (message,) = check_errors(project, write_campaign, data)
    assert "«days[2030-11-26].post»" in message
    assert "for lang for Bluesky: 324 av maks 300" in message


def test_post_too_long_for_mastodon(project, facts, write_campaign):
    data = campaign_data()
    data["days"][2]["post"] = "c" * 501
    messages = check_errors(project, write_campaign, data)
    assert len(messages) == 3
    assert any("for lang for Mastodon: 501 av maks 500" in m for m in messages)
    assert all("«days[2030-11-27].post»" in m for m in messages)


def test_structural_errors_name_the_day_and_field(project, facts, write_campaign):
    data = campaign_data()
    del data["days"][3]["theme"]
    data["days"][4]["time"] = "25:00"
    messages = errors_for(project, facts, write_campaign, data)
    assert any("«days[2030-11-28].theme»" in m and "mangler" in m for m in messages)
    assert any("«days[2030-11-29].time»" in m and "klokkeslett" in m for m in messages)


def test_unquoted_time_is_read_as_a_clock(project, facts, write_campaign):
    text = write_campaign(campaign_data()).read_text(encoding="utf-8")
    text = text.replace(
        "  fact: partnerdrap-andel\n", "  fact: partnerdrap-andel\n  time: 10:30\n", 1
    )
    write_campaign(text)
    campaign = load_campaign(project, "provekampanje", facts)
    assert campaign.days[0].time == "10:30"


def test_low_contrast_colours(project, facts, write_campaign):
    colours = {"primary": "#F2C14E", "on_primary": "#FFFFFF", "accent": "#7A1F3D"}
    (message,) = errors_for(project, facts, write_campaign, campaign_data(colours=colours))
    assert "«colours.on_primary»" in message and "må være minst 4.5:1" in message


def test_yaml_syntax_error_has_line(project, facts, write_campaign):
    write_campaign("name: Prøve\nyear: 2030\ndays: [\n  - date: 2030-11-25\n")
    with pytest.raises(ContentErrors) as info:
        load_campaign(project, "provekampanje", facts)
    (error,) = info.value.errors
    assert error.headline.endswith(
        "campaign.yaml, linje 4, kolonne 3: filen kan ikke leses: listen i [ ] er ikke "
        "avsluttet riktig."
    )


def test_archive_entry_needs_summary(project, facts, write_campaign):
    write_campaign({"name": "Gammel kampanje", "year": 2013})
    with pytest.raises(ContentErrors) as info:
        load_campaign(project, "provekampanje", facts)
    assert "«summary»" in str(info.value)


def test_section_file_is_read_and_missing_file_reported(project, facts, write_campaign):
    path = write_campaign(campaign_data(sections=[{"title": "Hvorfor", "file": "hvorfor.md"}]))
    with pytest.raises(ContentErrors) as info:
        load_campaign(project, "provekampanje", facts)
    assert "fant ikke filen hvorfor.md" in str(info.value)
    (path.parent / "hvorfor.md").write_text("Fordi det haster.\n", encoding="utf-8")
    campaign = load_campaign(project, "provekampanje", facts)
    assert campaign.sections[0].body == "Fordi det haster.\n"


def test_unknown_campaign(project, facts):
    with pytest.raises(CampaignError, match="fant ingen kampanje «nei»"):
        load_campaign(project, "nei", facts)


def test_check_collects_errors_and_warnings(project, config, write_campaign):
    data = campaign_data()
    data["days"][0]["fact"] = "finnes-ikke"
    data["days"][1]["post"] = "Uten emneknagg og lenke."
    write_campaign(data)
    errors, warnings = check(project, config)
    assert [e.field for e in errors] == ["days[2030-11-25].fact"]
    assert any("2030-11-26: innlegget mangler emneknaggen #Prøvekampanje" in w for w in warnings)
    assert any("2030-11-26: innlegget lenker ikke til dagens side" in w for w in warnings)


def test_unknown_fact_in_a_section_marker(project, facts, write_campaign):
    sections = [{"title": "Hvorfor", "body": "Tekst.\n\n[[fakta:ukjent-tall]]\n"}]
    (message,) = errors_for(project, facts, write_campaign, campaign_data(sections=sections))
    assert "«sections[Hvorfor]»" in message and "ukjent fakta-id «ukjent-tall»" in message
