"""The Fakta pages: a download label per format, and an overview light enough for many
facts (the weight check allows 60 kB of HTML + CSS + JS per page)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.audit.file_checks import WEIGHT_LIMIT, page_weight
from generator.audit.model import Page
from generator.core.config import Paths
from generator.site.build import build_site
from tests.project import copy_project, project_env
from tests.site.conftest import BUILD_DAY, parse_page

FACTS = 30  # the overview must hold at least ~25 facts


def _weight(site: Path, path: str) -> int:
    return page_weight(site, Page(path, site / path.strip("/") / "index.html", "fakta"), "")[0]


def test_every_download_link_names_its_format(built_site: Paths) -> None:
    page = parse_page(built_site.output / "fakta" / "partnerdrap-andel" / "index.html")
    labels = [t for t in page.text.split("Last ned ")[1:]]
    shown = [label.split(")")[0] + ")" for label in labels if "(PNG)" in label[:40]]
    assert shown == [
        "kvadrat (PNG)",
        "portrett (PNG)",
        "historie (PNG)",
        "bred (PNG)",
        "lenkeforhåndsvisning (PNG)",
    ]
    assert "Last ned og (PNG)" not in page.text


def test_the_overview_links_each_fact_to_its_own_page(built_site: Paths) -> None:
    page = parse_page(built_site.output / "fakta" / "index.html")
    links = {t.attrs.get("href") for t in page.find("a")}
    facts = yaml.safe_load(built_site.facts.read_text(encoding="utf-8"))
    assert {f"/fakta/{fact['id']}/" for fact in facts} <= links
    assert "share.js" not in page.html  # nothing to share on the overview itself


@pytest.fixture(scope="module")
def many_facts(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The example with FACTS facts (copies of the first, with new ids), built."""
    paths = copy_project(tmp_path_factory.mktemp("mange") / "prosjekt", reuse_cards=True)
    facts = yaml.safe_load(paths.facts.read_text(encoding="utf-8"))
    extra = [
        {**facts[n % len(facts)], "id": f"ekstra-{n}", "figure": f"{n} av 100"}
        for n in range(FACTS - len(facts))
    ]
    paths.facts.write_text(yaml.safe_dump(facts + extra, allow_unicode=True), encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=BUILD_DAY)
    return paths


def test_the_overview_holds_thirty_facts_under_the_weight_limit(
    built_site: Paths, many_facts: Paths
) -> None:
    twelve, thirty = _weight(built_site.output, "/fakta/"), _weight(many_facts.output, "/fakta/")
    per_fact = (thirty - twelve) / (FACTS - 12)
    print(f"/fakta/: {twelve} bytes with 12 facts, {thirty} with {FACTS}, {per_fact:.0f} a fact")
    assert thirty <= WEIGHT_LIMIT, f"{thirty} bytes with {FACTS} facts"
    assert per_fact < 1000, per_fact  # was about 2 900 bytes a fact
    page = parse_page(many_facts.output / "fakta" / "index.html")
    assert len(page.find("li", **{"class": "fakta-liste__fakta"})) == FACTS
