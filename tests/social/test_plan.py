"""The plan: one item per day × channel, the day URL once, times in Europe/Oslo, problems listed."""

from __future__ import annotations

from datetime import date

from generator.core.config import Config
from generator.social.plan import X_LINK_WARNING, build_plan, repeated_cards
from tests.social.helpers import FakeCampaign, FakeDay


def test_one_item_per_day_and_channel_with_url_and_times(plan_items, site_config):
    assert [(i.date.day, i.channel) for i in plan_items] == [
        (25, "x"), (25, "mastodon"), (25, "bluesky"), (25, "manuell"),
        (26, "x"), (26, "mastodon"), (26, "bluesky"), (26, "manuell"),
    ]  # fmt: skip
    first = plan_items[0]
    url = f"{site_config.site.url}/kampanjer/test-2026/2026-11-25/"
    assert first.text.endswith("\n\n" + url)
    assert first.time == "08:00" and plan_items[4].time == "09:30"
    assert first.due_at.isoformat() == "2026-11-25T08:00:00+01:00"
    assert first.key == "test-2026/2026-11-25/x"
    assert all(i.valid for i in plan_items)
    assert set(first.to_json()) >= {
        "date", "time", "channel", "text", "card", "alt_text", "length", "problems",
    }  # fmt: skip


def test_url_not_added_twice_and_dropped_on_x_when_asked(site_config: Config, cards):
    url = f"{site_config.site.url}/kampanjer/test-2026/2026-11-25/"
    campaign = FakeCampaign(
        days=[FakeDay(date(2026, 11, 25), "partnerdrap-andel", f"Les {url} nå")]
    )
    items = build_plan(campaign, site_config, cards)
    assert all(i.text == f"Les {url} nå" for i in items)
    no_link = site_config.model_copy(
        update={"posting": site_config.posting.model_copy(update={"x_include_link": False})}
    )
    x_item, mastodon_item = build_plan(campaign, no_link, cards)[:2]
    assert x_item.text == "Les nå"
    assert mastodon_item.text == f"Les {url} nå"


def test_x_link_warning_and_include_link_switch(site_config: Config, cards):
    config = site_config.model_copy(
        update={"site": site_config.site.model_copy(update={"url": "https://krisesenter.no"})}
    )
    campaign = FakeCampaign(days=[FakeDay(date(2026, 11, 25), "partnerdrap-andel", "Tekst.")])
    x_item = build_plan(campaign, config, cards)[0]
    assert X_LINK_WARNING in x_item.warnings
    assert x_item.length == len("Tekst.\n\n") + 23
    no_link = config.model_copy(
        update={"posting": config.posting.model_copy(update={"x_include_link": False})}
    )
    items = build_plan(campaign, no_link, cards)
    assert items[0].text == "Tekst." and not items[0].warnings
    assert items[1].text.endswith("/2026-11-25/")  # the other channels keep the link


def test_repeated_text_on_x_is_a_problem(site_config: Config, cards):
    days = [FakeDay(date(2026, 11, d), "partnerdrap-andel", "Samme tekst.") for d in (25, 26)]
    config = site_config.model_copy(
        update={"posting": site_config.posting.model_copy(update={"x_include_link": False})}
    )
    items = build_plan(FakeCampaign(days=days), config, cards)
    second_x = [i for i in items if i.channel == "x"][1]
    assert any("samme tekst som 2026-11-25" in p for p in second_x.problems)


def test_missing_card_and_alt_are_problems(site_config: Config):
    campaign = FakeCampaign(days=[FakeDay(date(2026, 11, 25), "finnes-ikke", "Tekst.")])
    item = build_plan(campaign, site_config, lambda fact_id: None)[0]
    assert not item.valid
    assert any("alt-tekst" in p for p in item.problems)
    assert any("kortet" in p for p in item.problems)


def test_repeated_cards_are_reported(plan_items):
    assert repeated_cards(plan_items) == {
        "partnerdrap-andel-kvadrat.png": [date(2026, 11, 25), date(2026, 11, 26)]
    }
