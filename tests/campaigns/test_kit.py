"""The campaign kit: its layout, its bytes (deterministic) and its place on the site."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from generator.campaigns import load_campaign
from generator.campaigns.cards import render_campaign_cards
from generator.campaigns.kit import (
    FILE_MODE,
    ensure_kit,
    kit_files,
    kit_folder,
    kit_name,
    write_zip,
)
from generator.campaigns.posts import post_text
from generator.core.config import Paths, load_config
from generator.facts import load_facts
from generator.site.build import build_site
from tests.project import copy_project, project_env

SLUG = "taushet-tar-liv-2026"
FOLDER = f"{SLUG}-kampanjepakke"
FORMATS = ("kvadrat", "portrett", "historie", "bred", "og")
TEXTS = ("innlegg-x.txt", "innlegg-mastodon.txt", "innlegg-bluesky.txt")


@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory):
    """The example campaign's kit files, from its real cards."""
    paths = copy_project(tmp_path_factory.mktemp("pakke") / "prosjekt", reuse_cards=True)
    config, facts = load_config(paths.config), load_facts(paths.facts)
    campaign = load_campaign(paths, SLUG, facts)
    manifest = render_campaign_cards(campaign, facts, config.brand, paths.cards)
    return campaign, config, kit_files(campaign, config, manifest, facts)


def test_the_zip_holds_every_day_in_every_format_with_texts_and_alt(kit, tmp_path: Path):
    campaign, config, files = kit
    write_zip(files, tmp_path / "pakke.zip", FOLDER, campaign.start)
    with zipfile.ZipFile(tmp_path / "pakke.zip") as archive:
        names = archive.namelist()
        read = lambda name: archive.read(f"{FOLDER}/{name}").decode("utf-8")  # noqa: E731
        assert len(names) == 2 + 16 * (len(FORMATS) + 4 + 1)
        assert names == sorted(names) and all(n.startswith(f"{FOLDER}/") for n in names)
        for day in campaign.days:
            for fmt in FORMATS:
                png = archive.read(f"{FOLDER}/{day.iso}/{day.iso}-{fmt}.png")
                assert png[:8] == b"\x89PNG\r\n\x1a\n"
            for channel, name in zip(("x", "mastodon", "bluesky"), TEXTS, strict=True):
                assert read(f"{day.iso}/{name}") == post_text(config, day, channel) + "\n"
            insta = read(f"{day.iso}/innlegg-facebook-instagram.txt")
            assert insta.endswith("\n\nLenke i profilen.\n"), insta
            assert "https://" not in insta and "http://" not in insta  # no bare link
            assert read(f"{day.iso}/alt-tekst.txt").rstrip().endswith(").")
        readme = read("LESMEG.txt")
        calendar = read(f"{SLUG}.ics")
    assert readme.startswith("Taushet tar liv 2026 – kampanjepakke\n")
    assert "EMNEKNAGGER\n#TaushetTarLiv #16dager\n" in readme
    assert "«Kilde: NOU 2020: 17 Varslede drap? (2020)»" in readme
    assert "    historie  1080×1920  Historie (Instagram og Facebook)\n" in readme
    assert calendar.count("BEGIN:VEVENT") == 16
    assert "«Lenke i profilen.»" in readme and "ikke klikkes i Instagram-innlegg" in readme
    unfolded = calendar.replace("\r\n ", "")
    # The public calendar shows no internal planning: no posting time, no fact id.
    assert "publiseres kl." not in unfolded and "Fakta:" not in unfolded
    assert "partnerdrap-andel" not in unfolded
    assert "Forslag til innlegg:" in unfolded and "Dagens side:" in unfolded


def test_same_input_gives_the_same_bytes(kit, tmp_path: Path):
    campaign, _, files = kit
    write_zip(files, tmp_path / "en.zip", FOLDER, campaign.start)
    write_zip(list(reversed(files)), tmp_path / "to.zip", FOLDER, campaign.start)
    assert (tmp_path / "en.zip").read_bytes() == (tmp_path / "to.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "en.zip") as archive:
        for info in archive.infolist():
            assert info.date_time == (2026, 11, 25, 0, 0, 0)  # the campaign's first day
            assert (info.external_attr >> 16) & 0o777 == FILE_MODE
            assert info.create_system == 3


def test_the_zip_is_written_only_when_its_content_changes(kit, tmp_path: Path):
    campaign, _, files = kit
    name, folder = kit_name(campaign), kit_folder(campaign)
    first = ensure_kit(files, tmp_path, name, folder, campaign.start)
    written = first.stat().st_mtime_ns
    assert ensure_kit(list(files), tmp_path, name, folder, campaign.start) == first
    assert first.stat().st_mtime_ns == written
    changed = [*files[:-1], type(files[-1])(files[-1].name, b"ny tekst\n")]
    second = ensure_kit(changed, tmp_path, name, folder, campaign.start)
    assert second != first and not first.exists()
    assert [p.name for p in tmp_path.iterdir()] == [second.name]


@pytest.mark.slow
def test_the_site_links_the_kit_and_rebuilds_it_only_when_it_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    paths = copy_project(tmp_path / "prosjekt", reuse_cards=True)
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    zip_in_site = f"kampanjer/{SLUG}/{SLUG}-kampanjepakke.zip"
    first = build_site(paths, publish=True, output=tmp_path / "en").output
    cached = _cached_kits(paths)
    before = {p: p.stat().st_mtime_ns for p in cached}
    position = paths.positions / "krisesentertilbud-i-hele-landet.md"
    position.write_text(position.read_text(encoding="utf-8") + "\nEn ny setning.\n", "utf-8")
    second = build_site(paths, publish=True, output=tmp_path / "to").output
    assert {p: p.stat().st_mtime_ns for p in _cached_kits(paths)} == before
    assert (first / zip_in_site).read_bytes() == (second / zip_in_site).read_bytes()
    size = (second / zip_in_site).stat().st_size
    shown = f"ZIP, {size / 1_000_000:.1f} MB".replace(".", ",")
    for page in [
        second / f"kampanjer/{SLUG}/index.html",
        *second.glob(f"kampanjer/{SLUG}/*/index.html"),
    ]:
        html = page.read_text(encoding="utf-8")
        assert f'href="/{zip_in_site}" download>Last ned kampanjepakken</a>' in html, page
        assert shown in html, page
    assert len(list(second.glob(f"kampanjer/{SLUG}/*/index.html"))) == 16


def _cached_kits(paths: Paths) -> list[Path]:
    return sorted((paths.cache / "kampanjepakker").glob("*.zip"))


def test_the_readme_template_keeps_its_lines_without_facts(tmp_path) -> None:
    """LESMEG.txt comes from a plain-text template: nothing is HTML-escaped, and a kit
    without facts keeps the empty line under KILDER the f-string used to leave."""
    from types import SimpleNamespace

    from generator.campaigns.kit import readme_text

    day = SimpleNamespace(iso="2026-11-25", theme="Vold & «taushet» <b>", date=date(2026, 11, 25))
    campaign = SimpleNamespace(
        name="Kampanje", slogan="Si fra", days=[day], hashtags=[], url_path="k/", slug="k"
    )
    config = SimpleNamespace(
        organisation=SimpleNamespace(name="Org"), site=SimpleNamespace(url="https://x.example")
    )
    text = readme_text(campaign, config, [])  # type: ignore[arg-type]
    assert "  2026-11-25  Vold & «taushet» <b>" in text
    assert "på dem.\n\n\nDAGENE\n" in text
    assert "EMNEKNAGGER\n(ingen)\n" in text
    assert "    innlegg-facebook-instagram.txt  Facebook og Instagram\n" in text
    assert "    innlegg-x.txt                   X\n" in text
