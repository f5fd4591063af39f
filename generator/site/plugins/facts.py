"""Pelican plugin for facts: fact boxes in Markdown, the Fakta pages, cards and og:image.

- ``[[fakta:ID]]`` on a line of its own becomes an accessible fact box (figure,
  statement, source link, link to the cards). An unknown id is a FactError naming the
  file and the line, which fails the build.
- ``/fakta/`` lists every fact with its cards in every format (downloadable, alt text
  shown, share links without third-party code); ``/fakta/<id>/`` is one fact, so a
  shared link previews that fact's card.
- Every article and page gets ``.og_image``: the ``og`` card of its first ``facts:`` id,
  else a title card made by the same renderer and cache.
- Cards are rendered (only what changed) into the cache and hard-linked into ``output/kort/``.

One module, ``register()``, module-level receivers (Pelican's signals hold weak refs).
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from generator.facts import Fact
from generator.images import (
    FORMATS,
    TITLE_FOLDER,
    TitleCard,
    ensure_cards,
    ensure_title_cards,
    site_style,
    title_alt,
)
from generator.site.card_links import CARDS_URL, card_info, publish_cards
from generator.site.context import BuildContext, build_context, site_facts
from generator.site.fact_boxes import FactBoxExtension, fact_box_html

log = logging.getLogger(__name__)

KICKERS = {"standpunkter": "Standpunkt", "hoeringssvar": "Høringssvar"}
PUBLIC_STATUSES = {"published", "hidden"}


# ── per-build state ──────────────────────────────────────────────────────────────────


def _state(settings: dict[str, Any]) -> BuildContext:
    """This run's context, with its facts read."""
    site_facts(settings)
    return build_context(settings)


# ── receivers ────────────────────────────────────────────────────────────────────────


def add_markdown_extension(pelican: Any) -> None:
    settings = pelican.settings
    _state(settings)  # a broken fakta.yaml stops the build here, before any page
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, FactBoxExtension)]
    theme = Path(settings["THEME"])

    def box(fact: Fact, lang: str | None = None) -> Markup:
        return fact_box_html(fact, lang, theme)

    extensions.append(FactBoxExtension(lambda: site_facts(settings), box=box))


def set_og_image(content: Any) -> None:
    """og:image for an article or page: its featured fact's og card, else a title card."""
    if not hasattr(content, "title") or getattr(content, "og_image", None):
        return
    if getattr(content, "status", "published") not in PUBLIC_STATUSES or getattr(
        content, "draft", False
    ):
        return  # a draft's title never becomes an image, not even in the preview
    state = _state(content.settings)
    ids = getattr(content, "facts", None) or []
    if isinstance(ids, str):  # plain Pelican metadata: "a, b"
        ids = [i for i in ids.replace(",", " ").split() if i]
    if ids:
        fact = site_facts(content.settings).require(
            ids[0], file=getattr(content, "source_path", None), field="facts"
        )
        content.og_image = card_info(fact, "og")
        return
    category = getattr(getattr(content, "category", None), "slug", "") or ""
    # A translation shares its original's slug: its title card gets the language too.
    lang = getattr(content, "lang", None)
    own = lang if lang and lang != content.settings.get("DEFAULT_LANG") else ""
    slug = "-".join(p for p in (category, getattr(content, "slug", "") or "side", own) if p)
    content.og_image = title_card(state, slug, content.title, KICKERS.get(category, ""))


def title_card(state: BuildContext, slug: str, title: str, kicker: str) -> dict[str, Any]:
    """Ask for a title card (rendered with the others) and return its og_image dict."""
    card = TitleCard(slug, title, kicker)
    state.title_cards[slug] = card
    return {
        "url": f"{CARDS_URL}/{TITLE_FOLDER}/{slug}-og.png",
        "width": 1200,
        "height": 630,
        "alt": title_alt(card),
    }


def publish_site_cards(settings: dict[str, Any], output: Path) -> None:
    """Render what changed into the cache, then copy the cards into output/kort/."""
    started = time.perf_counter()
    state = _state(settings)
    style, cache = site_style(state.config), state.paths.cards
    facts = ensure_cards(site_facts(settings), style, cache)
    # Sorted: pages arrive in no fixed order, and a reordered manifest.json would be a
    # changed file for every deploy.
    wanted = sorted(state.title_cards.values(), key=lambda card: card.slug)
    titles = ensure_title_cards(wanted, style, cache / TITLE_FOLDER)
    publish_cards(cache, output / CARDS_URL)
    publish_cards(cache / TITLE_FOLDER, output / CARDS_URL / TITLE_FOLDER)
    made, reused = facts.rendered + titles.rendered, facts.cached + titles.cached
    state.count("kort", made, reused, time.perf_counter() - started)
    log.info(
        "Faktakort: %d laget, %d uendret",
        facts.rendered + titles.rendered,
        facts.cached + titles.cached,
    )


# ── the Fakta pages ──────────────────────────────────────────────────────────────────


def share_links(url: str, text: str, subject: str) -> list[dict[str, str]]:
    """Plain sharer links (no third-party code is loaded on our pages)."""
    u, t = quote_plus(url, safe=":/"), quote_plus(text)
    mail = f"mailto:?subject={quote(subject)}&body={quote(text)}%0A{quote(url, safe=':/')}"
    return [
        {"name": "Facebook", "href": f"https://www.facebook.com/sharer/sharer.php?u={u}"},
        {"name": "X", "href": f"https://x.com/intent/post?text={t}&url={u}"},
        {"name": "LinkedIn", "href": f"https://www.linkedin.com/sharing/share-offsite/?url={u}"},
        {"name": "e-post", "href": mail},
    ]


def fact_entry(fact: Fact, base: str) -> dict[str, Any]:
    url = f"{base}/fakta/{fact.id}/"
    text = f"{fact.figure} {fact.statement}"
    return {
        "fact": fact,
        "url": url,
        "path": f"fakta/{fact.id}/",
        "share": share_links(url, text, f"Fakta: {fact.figure}"),
        "share_text": text,
        "cards": [card_info(fact, fmt) for fmt in FORMATS],
        "og": card_info(fact, "og"),
    }


class FactsPageGenerator(Generator):
    """Writes /fakta/ and /fakta/<id>/, and puts the cards into output/kort/."""

    def generate_context(self) -> None:
        state = _state(self.settings)
        self.book = site_facts(self.settings)
        site = state.config.site
        # Fallback og:image for pages that set none (front page, lists): the site's card.
        self.context.setdefault(
            "og_image", title_card(state, "forside", site.tagline or site.title, site.title)
        )

    def generate_output(self, writer: Any) -> None:
        base = self.settings.get("CANONICAL_BASE") or self.settings.get("SITEURL") or ""
        entries = [fact_entry(fact, base) for fact in self.book]
        common = {**self.context, "active": "fakta", "facts": entries}
        og = entries[0]["og"] if entries else None
        self._write(writer, "fakta/index.html", "fakta", {**common, "og_image": og})
        for entry in entries:
            self._write(
                writer,
                f"{entry['path']}index.html",
                "fakta_detail",
                {**common, "entry": entry, "og_image": entry["og"]},
            )
        publish_site_cards(self.settings, Path(self.output_path))

    def _write(self, writer: Any, name: str, template: str, context: dict[str, Any]) -> None:
        writer.write_file(
            name,
            self.get_template(template),
            context,
            relative_urls=False,
            url=name.removesuffix("index.html"),
        )


def get_generators(pelican: Any) -> type[Generator]:
    # Sent at the start of every run: forget the previous run's facts and title cards.
    context = build_context(pelican.settings)
    context.facts, context.title_cards = None, {}
    return FactsPageGenerator


def register() -> None:
    signals.initialized.connect(add_markdown_extension)
    signals.content_object_init.connect(set_og_image)
    signals.get_generators.connect(get_generators)
