"""One build's shared state: made once when the build starts, read and written by every
plugin.

Pelican hands its plugins nothing but its settings dict, so the context travels in one
entry of it (:data:`KEY`); nothing else of Stemme's is kept there (``STEMME``, the config
pelicanconf.py loads, is what the templates read). ``stemme build`` makes the context
(:func:`generator.site.build.build_site`): the project, its config, the build's «today»,
preview or public, what the last search index was made from. A Pelican run without it
(plain ``pelican``) gets one from its settings on first use: the project is the parent of
Pelican's PATH, «today» is :func:`generator.core.dates.today`, drafts are hidden.

The plugins write back what the build returns (counts, seconds, letters, the campaign
dates and the search index's state for the next build) and what they share during the
run (the facts, title cards, photos shown, letter copies, the Markdown cache).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core import Config, Paths, dates, load_config
from generator.facts import FactBook, load_facts

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from markdown import Markdown

    from generator.images import PhotoSet, TitleCard
    from generator.pdf import LetterReport
    from generator.site.markdown_cache import MarkdownCache

KEY = "STEMME_BUILD"  # the one settings entry that holds the BuildContext


@dataclass
class BuildContext:
    paths: Paths
    config: Config
    today: date
    preview: bool  # drafts shown with a banner (build/preview/), never in output/
    # {output, html, code} of the search index in the destination, if known
    previous_search: dict[str, str] = field(default_factory=dict)

    # ── what the build returns ──
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind → (made, reused)
    seconds: dict[str, float] = field(default_factory=dict)  # kind → time spent on it
    letters: LetterReport | None = None  # this run's letters (rendered / cached)
    campaign_dates: list[date] = field(default_factory=list)  # where a page may change
    search: dict[str, str] | None = None  # {html, code} of this build's index

    # ── shared by the plugins during the run ──
    facts: FactBook | None = None  # read once per run (site_facts)
    title_cards: dict[str, TitleCard] = field(default_factory=dict)  # slug → card wanted
    photos: dict[str, PhotoSet] = field(default_factory=dict)  # content photos shown
    letter_copies: list[tuple[Path, Path]] = field(default_factory=list)  # (cached, saved as)
    fonts_ahead: BaseProcess | None = None  # the process making the web fonts, if any
    texts: MarkdownCache | None = None  # converted texts (made on first use)
    converter: Markdown | None = None  # this build's Markdown converter

    def count(self, what: str, made: int, reused: int, seconds: float = 0.0) -> None:
        """Add to this build's counts: ``what`` («kort», «brev», «tekster») made anew, and
        taken unchanged from the cache, in ``seconds``."""
        before = self.counts.get(what, (0, 0))
        self.counts[what] = (before[0] + made, before[1] + reused)
        self.seconds[what] = self.seconds.get(what, 0.0) + seconds


def build_context(settings: dict[str, Any]) -> BuildContext:
    """This run's context: the one ``stemme build`` made, else one made from ``settings``."""
    context = settings.get(KEY)
    if context is None:
        paths = Paths(Path(settings["PATH"]).resolve().parent)
        config = settings.get("STEMME")
        if not isinstance(config, Config):
            config = load_config(paths.config)
        context = settings[KEY] = BuildContext(paths, config, dates.today(), preview=False)
    return context


def site_facts(settings: dict[str, Any]) -> FactBook:
    """This run's facts (read once per run; a broken fakta.yaml stops the build here)."""
    context = build_context(settings)
    if context.facts is None:
        context.facts = load_facts(context.paths.facts)
    return context.facts
