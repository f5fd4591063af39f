"""Pelican plugin for facts: fact boxes in Markdown, the Fakta pages, cards and og:image.

- ``[[fakta:ID]]`` on a line of its own becomes an accessible fact box (figure,
  statement, source link, link to the cards). An unknown id is a FactError naming the
  file and the line, which fails the build.
- ``/fakta/`` lists every fact with its cards in every format (downloadable, alt text
  shown, share links without third-party code); ``/fakta/<id>/`` is one fact, so a
  shared link previews that fact's card.
- Every article and page gets ``.og_image``: the ``og`` card of its first ``facts:`` id,
  else a title card made by the same renderer and cache.
- Cards are rendered (only what changed) into the cache and copied into ``output/kort/``.

One module, ``register()``, module-level receivers (Pelican's signals hold weak refs).
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from pelican import signals
from pelican.generators import Generator

from generator.core.config import Config, Paths, load_config
from generator.core.errors import FactError
from generator.facts import Fact, FactBook, load_facts
from generator.images import (
    FORMAT_LABELS,
    FORMATS,
    TitleCard,
    alt_text,
    ensure_cards,
    ensure_title_cards,
)
from generator.images.cards import title_alt
from generator.images.site import TITLE_FOLDER, site_style
from generator.site.content_model import FACT_LINE

log = logging.getLogger(__name__)

CARDS_URL = "kort"
KICKERS = {"standpunkter": "Standpunkt", "hoeringssvar": "Høringssvar"}
PUBLIC_STATUSES = {"published", "hidden"}
_STATE = "_STEMME_FACTS"  # per-build state kept in the Pelican settings dict


# ── per-build state ──────────────────────────────────────────────────────────────────


def _paths(settings: dict[str, Any]) -> Paths:
    root = settings.get("STEMME_ROOT") or Path(settings["PATH"]).resolve().parent
    return Paths(Path(root))


def _state(settings: dict[str, Any]) -> dict[str, Any]:
    state = settings.get(_STATE)
    if state is None:
        paths = _paths(settings)
        config = settings.get("STEMME")
        if not isinstance(config, Config):
            config = load_config(paths.config)
        state = {"paths": paths, "config": config, "book": load_facts(paths.facts), "titles": {}}
        settings[_STATE] = state
    return state


def card_url(fact_id: str, fmt: str) -> str:
    return f"{CARDS_URL}/{fact_id}-{fmt}.png"


def card_info(fact: Fact, fmt: str) -> dict[str, Any]:
    width, height = FORMATS[fmt]
    return {
        "url": card_url(fact.id, fmt),
        "width": width,
        "height": height,
        "alt": alt_text(fact),
        "format": fmt,
        "label": FORMAT_LABELS[fmt],
    }


# ── Markdown: [[fakta:ID]] ───────────────────────────────────────────────────────────


def fact_box_html(fact: Fact) -> str:
    """The fact box: one sentence for screen readers, the figure big for the eye."""
    source = fact.source
    return (
        # A note, not a landmark (several boxes per page). rel=stylesheet is allowed in <body>.
        f'<div class="faktaboks" role="note" aria-label="Fakta: {escape(fact.figure)}">\n'
        '<link rel="stylesheet" href="/theme/css/facts.css">\n'
        f'<p class="faktaboks__fakta"><strong class="faktaboks__tall">{escape(fact.figure)}'
        f"</strong> {escape(fact.statement)}</p>\n"
        f'<p class="faktaboks__kilde">Kilde: <a href="{escape(source.url)}" rel="noreferrer">'
        f"{escape(source.name)}</a> ({source.year})</p>\n"
        f'<p class="faktaboks__kort"><a href="/fakta/{fact.id}/">Last ned og del '
        f"faktakortet</a></p>\n</div>"
    )


class FactBoxPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, book: Callable[[], FactBook]) -> None:
        super().__init__(md)
        self.book = book

    def run(self, lines: list[str]) -> list[str]:
        out = []
        for number, line in enumerate(lines, 1):
            match = FACT_LINE.match(line)
            if not match:
                out.append(line)
                continue
            fact = self.book().require(
                match.group(1), file=self._source(), line=self._line(match.group(1), number)
            )
            out += ["", self.md.htmlStash.store(fact_box_html(fact)), ""]
        return out

    def _source(self) -> str | None:
        source = getattr(self.md, "stemme_source", None)
        return str(source) if source else None

    def _line(self, fact_id: str, fallback: int) -> int:
        """The line in the file itself (the body passed to Markdown lacks front matter)."""
        source = getattr(self.md, "stemme_source", None)
        try:
            text = Path(source).read_text(encoding="utf-8") if source else ""
        except OSError:
            return fallback
        for number, line in enumerate(text.splitlines(), 1):
            if (m := FACT_LINE.match(line)) and m.group(1) == fact_id:
                return number
        return fallback


class FactBoxExtension(Extension):
    """Markdown extension for ``[[fakta:ID]]`` block lines."""

    def __init__(self, book: FactBook | Callable[[], FactBook], **kwargs: Any) -> None:
        # A callable is asked on every conversion, so a rebuild sees an edited fakta.yaml.
        self.book = book if callable(book) else lambda: book
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(FactBoxPreprocessor(md, self.book), "stemme_fakta", 27)


# ── receivers ────────────────────────────────────────────────────────────────────────


def add_markdown_extension(pelican: Any) -> None:
    settings = pelican.settings
    _state(settings)  # a broken fakta.yaml stops the build here, before any page
    markdown = settings.setdefault("MARKDOWN", {})
    extensions = markdown.setdefault("extensions", [])
    extensions[:] = [e for e in extensions if not isinstance(e, FactBoxExtension)]
    extensions.append(FactBoxExtension(lambda: _state(settings)["book"]))


def set_og_image(content: Any) -> None:
    """og:image for an article or page: its featured fact's og card, else a title card."""
    if not hasattr(content, "title") or getattr(content, "og_image", None):
        return
    if getattr(content, "status", "published") not in PUBLIC_STATUSES:
        return  # a draft's title must not leak into output/kort/ as an image
    state = _state(content.settings)
    ids = getattr(content, "facts", None) or []
    if isinstance(ids, str):  # plain Pelican metadata: "a, b"
        ids = [i for i in ids.replace(",", " ").split() if i]
    if ids:
        fact = state["book"].require(
            ids[0], file=getattr(content, "source_path", None), field="facts"
        )
        content.og_image = card_info(fact, "og")
        return
    category = getattr(getattr(content, "category", None), "slug", "") or ""
    slug = "-".join(p for p in (category, getattr(content, "slug", "") or "side") if p)
    content.og_image = title_card(state, slug, content.title, KICKERS.get(category, ""))


def title_card(state: dict[str, Any], slug: str, title: str, kicker: str) -> dict[str, Any]:
    """Ask for a title card (rendered with the others) and return its og_image dict."""
    card = TitleCard(slug, title, kicker)
    state["titles"][slug] = card
    return {
        "url": f"{CARDS_URL}/{TITLE_FOLDER}/{slug}-og.png",
        "width": 1200,
        "height": 630,
        "alt": title_alt(card),
    }


def _copy_pngs(source: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    for path in [*sorted(source.glob("*.png")), source / "manifest.json"]:
        if path.is_file():
            shutil.copyfile(path, dest / path.name)


def publish_cards(settings: dict[str, Any], output: Path) -> None:
    """Render what changed into the cache, then copy the cards into output/kort/."""
    state = _state(settings)
    paths, style = state["paths"], site_style(state["config"])
    cache = Path(settings.get("STEMME_CACHE") or paths.cache) / "kort"
    facts = ensure_cards(state["book"], style, cache)
    titles = ensure_title_cards(state["titles"].values(), style, cache / TITLE_FOLDER)
    _copy_pngs(cache, output / CARDS_URL)
    _copy_pngs(cache / TITLE_FOLDER, output / CARDS_URL / TITLE_FOLDER)
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
        self.book = state["book"]
        site = state["config"].site
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
        publish_cards(self.settings, Path(self.output_path))

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
    pelican.settings.pop(_STATE, None)
    return FactsPageGenerator


def register() -> None:
    signals.initialized.connect(add_markdown_extension)
    signals.content_object_init.connect(set_og_image)
    signals.get_generators.connect(get_generators)


__all__ = ["FactBoxExtension", "FactError", "fact_box_html", "register"]
