"""The fact-card gallery, and card images placed in the routines.

Cards come from the cards cache (``.cache/stemme/kort/``, rendered by ``stemme images``)
through :class:`generator.images.Manifest`; they are copied into the built handbook under
``kort/`` — never committed. A line ``[[kort:FACT-ID:FORMAT]]`` in a handbook page becomes
that card (or a friendly note when it has not been rendered yet).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import Markup

from generator.handbook.markup import fragments, html_block, text
from generator.images import FORMATS, Card, Manifest

ASSET_DIR = "kort"
SHOWN_FORMAT = "kvadrat"
_MARKER = re.compile(r"^\[\[kort:([a-z0-9-]+):([a-z]+)\]\]$", re.MULTILINE)


@dataclass(frozen=True)
class FactSource:
    """What the gallery shows about a fact besides its cards."""

    id: str
    source_name: str
    source_url: str | None
    source_year: str


@dataclass(frozen=True)
class Gallery:
    facts: list[FactSource]
    cards: dict[tuple[str, str], Card]
    problem: str | None = None  # a Norwegian message when the facts cannot be read

    def card(self, fact_id: str, fmt: str) -> Card | None:
        return self.cards.get((fact_id, fmt))


def load_gallery(facts_path: Path, cards_dir: Path) -> Gallery:
    """Facts in file order and every rendered card of theirs; never raises for content."""
    manifest = Manifest.load(cards_dir)
    cards = {
        key: card
        for key in manifest.entries
        if (card := manifest.card(*key)).path.is_file()
    }  # fmt: skip
    try:
        facts = read_fact_sources(facts_path)
    except (OSError, yaml.YAMLError) as exc:
        problem = f"Kan ikke lese {facts_path.name}: {exc}. Kjør «stemme check» for detaljer."
        return Gallery([], cards, problem=problem)
    return Gallery(facts, cards)


def read_fact_sources(path: Path) -> list[FactSource]:
    """Id and source of each fact, in file order.

    A plain YAML read on purpose: validating facts (and checking that each statement fits
    every card, which takes seconds) is ``stemme check``'s job; the handbook shows what
    the file says and what has been rendered.
    """
    if not path.is_file():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    facts = []
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not item.get("id"):
            continue
        source = item.get("source") if isinstance(item.get("source"), dict) else {}
        facts.append(
            FactSource(
                id=str(item["id"]),
                source_name=str(source.get("name") or "kilde mangler"),
                source_url=str(source["url"]) if source.get("url") else None,
                source_year=str(source.get("year") or "år mangler"),
            )
        )
    return facts


def card_assets(gallery: Gallery) -> dict[str, Path]:
    """``kort/<file>`` → cached PNG, for every card the gallery can show."""
    return {f"{ASSET_DIR}/{card.path.name}": card.path for card in gallery.cards.values()}


def _figure(card: Card, prefix: str, caption: str) -> str:
    """A card as a linked figure; ``caption`` is HTML."""
    src = f"{prefix}{ASSET_DIR}/{card.path.name}"
    return str(fragments().figure(src, card, Markup(caption)))


def _fact_figure(fact: FactSource, gallery: Gallery, prefix: str) -> str:
    shown = gallery.card(fact.id, SHOWN_FORMAT) or next(
        (c for f in FORMATS if (c := gallery.card(fact.id, f))), None
    )
    downloads = [
        (fmt, f"{prefix}{ASSET_DIR}/{c.path.name}", c)
        for fmt in FORMATS
        if (c := gallery.card(fact.id, fmt))
    ]
    caption = fragments().fact_caption(fact, shown.alt if shown else "", downloads)
    if shown is None:
        return str(fragments().missing_figure(caption))
    return _figure(shown, prefix, caption)


def gallery_page(gallery: Gallery) -> str:
    out = "# Faktakort\n\n"
    out += (
        "Alle faktakortene med alt-tekst og kilde. Klikk et kort for full størrelse; "
        "lenkene under hvert kort gir de andre formatene (kvadrat for Instagram/Facebook, "
        "portrett, historie for stories, bred for X/Bluesky, og for deling av lenker). "
        "Kortene lages av `stemme images` fra `content/fakta.yaml` — se "
        "[Legge til eller rette et faktum](rutiner/fakta.md).\n\n"
    )
    if gallery.problem:
        return out + html_block(fragments().admonition("Faktafilen har feil", gallery.problem))
    if not gallery.cards:
        out += (
            '!!! info "Ingen kort ennå"\n'
            "    Kortene er ikke laget på denne maskinen. Kjør `stemme images` (eller "
            "`make images`) og bygg håndboken på nytt med `make handbook`.\n\n"
        )
    figures = "".join(_fact_figure(fact, gallery, "../") for fact in gallery.facts)
    return out + html_block(f'<div class="kortgalleri">{figures}</div>')


def expand_card_markers(markdown: str, gallery: Gallery, prefix: str) -> str:
    """Replace ``[[kort:ID:FORMAT]]`` lines with the card (``prefix`` leads to the site root)."""

    def replace(match: re.Match[str]) -> str:
        card = gallery.card(match.group(1), match.group(2))
        if card is None:
            return (
                f"*(Her skulle kortet «{match.group(1)}» i formatet «{match.group(2)}» "
                "vært vist. Kjør `stemme images` og bygg håndboken på nytt.)*"
            )
        return html_block(_figure(card, prefix, f"Alt-tekst: {text(card.alt)}"))

    return _MARKER.sub(replace, markdown)
