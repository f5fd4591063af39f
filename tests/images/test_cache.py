"""ensure_cards: manifest, alt text, content-hash cache, determinism (bokmål cards;
other languages: test_scripts.py)."""

from __future__ import annotations

import json

from generator.facts import Fact
from generator.images import FORMATS, Manifest, alt_text, ensure_cards


def test_cold_then_warm_then_one_changed_figure(book, style, tmp_path) -> None:
    facts = list(book)
    out = tmp_path / "kort"
    cold = ensure_cards(facts, style, out, progress=False, languages=())
    assert cold.rendered == len(facts) * len(FORMATS) and cold.cached == 0
    before = {p.name: p.read_bytes() for p in out.glob("*.png")}

    warm = ensure_cards(facts, style, out, progress=False, languages=())
    assert warm.rendered == 0 and warm.cached == len(before)

    changed = facts[2].model_copy(update={"figure": "2 av 10"})
    again = ensure_cards(
        [*facts[:2], changed, *facts[3:]], style, out, progress=False, languages=()
    )
    assert again.rendered == len(FORMATS)
    after = {p.name: p.read_bytes() for p in out.glob("*.png")}
    differing = {name for name in before if before[name] != after[name]}
    assert differing == {f"{changed.id}-{fmt}.png" for fmt in FORMATS}


def test_manifest_has_alt_text_for_every_card(book, style, tmp_path) -> None:
    manifest = ensure_cards(
        book, style, tmp_path, formats=["og", "kvadrat"], progress=False, languages=()
    )
    data = json.loads((tmp_path / "manifest.json").read_text("utf-8"))
    assert len(data["cards"]) == 2 * len(book)
    for fact in book:
        card = manifest.card(fact.id, "og")
        assert card.path.is_file() and (card.width, card.height) == (1200, 630)
        assert card.alt == alt_text(fact)
        assert fact.figure.lower() in card.alt.lower() and f"({fact.source.year})" in card.alt
    assert Manifest.load(tmp_path).card(book.ids()[0], "kvadrat").alt


def test_alt_text_reads_as_a_sentence(book) -> None:
    fact = book.get("voldskostnader").model_copy(
        update={"figure": "92,7 mrd. kr", "statement": "koster vold det norske samfunnet."}
    )
    assert alt_text(fact) == (
        "92,7 mrd. kr koster vold det norske samfunnet. Kilde: Menon Economics (2023)."
    )
    lower = fact.model_copy(update={"figure": "ca. 10 %", "statement": "av kvinner"})
    assert alt_text(lower).startswith("Ca. 10 % av kvinner.")


def test_output_is_identical_across_runs_and_folders(book, style, tmp_path) -> None:
    facts = list(book)[:3]
    one = ensure_cards(facts, style, tmp_path / "a", progress=False, languages=())
    two = ensure_cards(
        facts, style, tmp_path / "b", progress=True, languages=()
    )  # via the process pool
    assert [c.sha256 for c in one.cards()] == [c.sha256 for c in two.cards()]
    manifest = "manifest.json"
    assert (tmp_path / "a" / manifest).read_bytes() == (tmp_path / "b" / manifest).read_bytes()


def test_cache_dir_serves_cards_without_rendering(book, style, tmp_path) -> None:
    facts = list(book)[:2]
    ensure_cards(
        facts, style, tmp_path / "a", cache_dir=tmp_path / "lager", progress=False, languages=()
    )
    other = ensure_cards(
        facts, style, tmp_path / "b", cache_dir=tmp_path / "lager", progress=False, languages=()
    )
    assert other.rendered == 0


def test_colour_or_tag_change_rerenders(book, style, tmp_path) -> None:
    fact: Fact = book.get("voldskostnader")
    ensure_cards([fact], style, tmp_path, formats=["og"], progress=False, languages=())
    from dataclasses import replace

    assert (
        ensure_cards(
            [fact], replace(style, tag="#Ny"), tmp_path, formats=["og"], progress=False
        ).rendered
        == 1
    )


def test_removed_fact_removes_its_cards(book, style, tmp_path) -> None:
    facts = list(book)[:2]
    ensure_cards(facts, style, tmp_path, formats=["og"], progress=False, languages=())
    ensure_cards(facts[:1], style, tmp_path, formats=["og"], progress=False, languages=())
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [f"{facts[0].id}-og.png"]


def test_title_cards_share_renderer_and_cache(style, tmp_path) -> None:
    from generator.images import TitleCard, ensure_title_cards

    long_title = "Høringssvar om " + " ".join(["familievoldskoordinatorer i kommunene"] * 20)
    titles = [TitleCard("om-oss", "Om oss"), TitleCard("lang", long_title, "Høringssvar")]
    first = ensure_title_cards(titles, style, tmp_path)
    assert first.rendered == 2
    card = first.card("lang", "og")
    assert (card.width, card.height) == (1200, 630) and card.path.is_file()
    assert card.alt.startswith("Høringssvar: Høringssvar om")
    assert ensure_title_cards(titles, style, tmp_path).rendered == 0


def test_a_cached_title_card_is_found_before_its_title_is_measured(style, tmp_path, monkeypatch):
    """The key is the title as written; shortening it to fit is part of rendering."""
    from generator.images import TitleCard, ensure_title_cards

    long_title = "Høringssvar om " + " ".join(["familievoldskoordinatorer i kommunene"] * 20)
    titles = [TitleCard("lang", long_title, "Høringssvar")]
    first = ensure_title_cards(titles, style, tmp_path)

    def measured(*_args: object) -> str:
        raise AssertionError("a cached title card was measured again")

    monkeypatch.setattr("generator.images.cards.shorten_to_fit", measured)
    again = ensure_title_cards(titles, style, tmp_path)
    assert (again.rendered, again.cached) == (0, 1)
    assert again.card("lang", "og").sha256 == first.card("lang", "og").sha256
