"""Channel limits: how each service counts, and the Norwegian problems."""

from __future__ import annotations

from pathlib import Path

from generator.social import channels, limits


def test_x_counts_urls_as_23_and_emoji_double():
    url = "https://www.krisesenter.no/kampanjer/taushet-tar-liv-2026/2026-11-25/"
    assert limits.x_length(f"Hei {url}") == 4 + 23
    assert limits.x_length("👍") == 2
    assert limits.x_urls(f"Se {url}") == [url]


def test_bluesky_counts_graphemes_and_mastodon_urls_as_23():
    family = "👨‍👩‍👧"
    assert limits.bluesky_length(family + "æøå") == 4
    assert limits.mastodon_length("Se https://example.org/" + "a" * 100) == 3 + 23


def test_check_post_text_names_each_channel_in_norwegian():
    assert channels.check_post_text("Kort og greit. #TaushetTarLiv") == []
    problems = channels.check_post_text("ord " * 130)
    assert any("for lang for X" in p for p in problems)
    assert any("for lang for Bluesky" in p for p in problems)
    assert any("for lang for Mastodon" in p for p in problems)
    assert channels.check_text("x", "  ") == ["teksten er tom"]


def test_alt_text_is_required_and_limited_per_channel():
    assert channels.check_alt_text("x", "") == ["bildet mangler alternativ tekst (alt-tekst)"]
    assert channels.check_alt_text("x", "a" * 1000) == []
    assert "1001 av maks 1000" in channels.check_alt_text("x", "a" * 1001)[0]
    assert channels.check_alt_text("mastodon", "a" * 1500) == []
    assert channels.check_alt_text("mastodon", "a" * 1501)


def test_image_format_size_and_existence(tmp_path: Path):
    assert "finnes ikke" in channels.check_image("x", tmp_path / "borte.png")[0]
    text = tmp_path / "kort.png"
    text.write_text("ikke et bilde")
    assert "ikke PNG eller JPEG" in channels.check_image("x", text)[0]
    big = tmp_path / "stort.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 1_000_000)
    assert "for stort for Bluesky" in channels.check_image("bluesky", big)[0]
    assert channels.check_image("x", big) == []
    assert channels.check_image("mastodon", big) == []


def test_instagram_caption_limits():
    assert channels.check_text("manuell", "Hei " + "#tag " * 31)[0].startswith(
        "for mange emneknagger"
    )


def test_one_channel_table_names_every_channel_once() -> None:
    import importlib

    table = channels.CHANNELS
    assert list(table) == ["x", "mastodon", "bluesky", "manuell"]
    # The published kit says «Facebook og Instagram»; every area reads that name here.
    assert channels.display_name("manuell") == "Facebook og Instagram"
    assert [s.kit_file for s in table.values()] == [
        "x",
        "mastodon",
        "bluesky",
        "facebook-instagram",
    ]
    assert channels.POSTED == ("x", "mastodon", "bluesky")
    for name in channels.POSTED:
        module = importlib.import_module(f"generator.social.{table[name].module}")
        assert callable(module.connect) and callable(module.preview) and module.ENV
    assert not table["manuell"].posted
