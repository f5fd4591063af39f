"""Fixtures for the social poster: a tiny campaign, a real PNG card, a real state DB."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from generator.core.config import Config, Posting, load_config
from generator.core.state import open_db
from generator.social.channel import Credentials
from generator.social.ledger import Ledger
from generator.social.plan import CardRef, build_plan, load_plan
from tests.project import copy_project
from tests.social.helpers import ALT, SECRETS, FakeCampaign, FakeDay


@pytest.fixture
def card(tmp_path: Path) -> Path:
    path = tmp_path / "kort" / "partnerdrap-andel-kvadrat.png"
    path.parent.mkdir(parents=True)
    Image.new("RGB", (108, 108), "#5B2A86").save(path)
    return path


@pytest.fixture
def cards(card: Path):
    def lookup(fact_id: str) -> CardRef | None:
        return CardRef(card, ALT, "abc") if fact_id == "partnerdrap-andel" else None

    return lookup


@pytest.fixture
def campaign() -> FakeCampaign:
    return FakeCampaign(
        days=[
            FakeDay(
                date(2026, 11, 25),
                "partnerdrap-andel",
                "Én av fire drap er partnerdrap. Æ ø å! #TaushetTarLiv",
            ),
            FakeDay(
                date(2026, 11, 26),
                "partnerdrap-andel",
                "Dag to: vold i nære relasjoner rammer mange. #TaushetTarLiv",
                time="09:30",
            ),
        ]
    )


@pytest.fixture
def site_config(config: Config) -> Config:
    """The example config with posting to all three channels."""
    return config


@pytest.fixture
def posting() -> Posting:
    return Posting()


@pytest.fixture
def plan_items(campaign, site_config, cards):
    return build_plan(campaign, site_config, cards)


@pytest.fixture
def ledger(tmp_path: Path):
    conn = open_db(tmp_path / "state.sqlite3")
    yield Ledger(conn)
    conn.close()


@pytest.fixture
def credentials() -> Credentials:
    return Credentials(dict(SECRETS))


@pytest.fixture(scope="session")
def rendered_cards(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The campaign's cards rendered once per test session (rendering is the slow part)."""
    paths = copy_project(tmp_path_factory.mktemp("kort-prosjekt"))
    load_plan(paths, load_config(paths.config), "taushet-tar-liv-2026")
    return paths.cards
