"""Campaign pages: a Pelican generator added through the ``get_generators`` signal.

Two passes, like Pelican's own generators:

- ``generate_context`` loads and validates every campaign, works out today's date in
  Europe/Oslo (the build context's «today»: ``--dato`` or ``STEMME_TODAY``, for tests and
  builds of a given day) and puts ``campaigns`` and ``current_campaign`` into the shared context, so
  the front page can feature a running campaign. Pages depend on «today» only through
  the campaigns' dates (today's day, a campaign running or not): those dates go to the
  build context for the no-change fingerprint (:mod:`generator.site.fingerprint`), so a
  template must not print ``today`` itself.
- ``generate_output`` renders the campaign cards (campaign colours + hashtag) into
  ``kort/<slug>/``, publishes the campaign kit (``generator.campaigns.kit``) as
  ``kampanjer/<slug>/<slug>-kampanjepakke.zip`` and writes the landing page
  ``kampanjer/<slug>/``, one page per day ``kampanjer/<slug>/<YYYY-MM-DD>/`` and the
  archive ``kampanjer/``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_skeleton
from jinja2 import pass_context
from markdown import Markdown
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from generator.campaigns import (
    Campaign,
    Day,
    card_name,
    ensure_kit,
    kit_files,
    kit_folder,
    kit_name,
    load_campaigns,
    post_text,
    render_campaign_cards,
    running_campaign,
)
from generator.core import Config, Paths, link_or_copy, norwegian_date
from generator.facts import DEFAULT_LANGUAGE, Fact, FactBook, load_facts
from generator.images import FORMATS, Manifest
from generator.site import i18n
from generator.site.card_links import CARDS_URL, card_info, publish_cards
from generator.site.context import build_context
from generator.site.fact_boxes import FactBoxExtension, fact_box_html
from generator.site.fingerprint import campaign_dates
from generator.site.plugins.languages import context_lang
from generator.site.stylesheets import CAMPAIGN_CSS, campaign_css, write_stylesheet


def build_today(settings: dict[str, Any]) -> date:
    """The build's «today» (:class:`generator.site.context.BuildContext`): ``--dato``, else
    ``STEMME_TODAY`` from the environment, else the date in Oslo now."""
    return build_context(settings).today


@dataclass
class CampaignPage:
    """Everything the templates need about one campaign."""

    campaign: Campaign
    facts: FactBook
    config: Config
    focus_html: Markup = field(default_factory=Markup)
    sections: list[tuple[Any, Markup]] = field(default_factory=list)
    kit: dict[str, Any] | None = None  # url, size_text (set once the zip is published)
    lang: str = ""  # "" = bokmål; else the campaign is Campaign.in_language(lang)

    def fact(self, fact_id: str | None) -> Any:
        return self.facts.get(fact_id) if fact_id else None

    def card(self, fact_id: str, fmt: str) -> dict[str, Any]:
        """URL (relative to the site root), size, alt text and label of a campaign card."""
        folder = f"{CARDS_URL}/{self.campaign.slug}"
        return card_info(self.facts[fact_id], fmt, folder, self.lang)

    def cards(self, fact_id: str) -> list[dict[str, Any]]:
        return [self.card(fact_id, fmt) for fmt in FORMATS if fmt != "og"]

    def day_cards(self, day: Day) -> list[dict[str, Any]]:
        """The day's cards, each with the file name a download gets (date and format)."""
        cards = self.cards(day.fact)
        return [{**card, "filename": card_name(day, card["format"])} for card in cards]

    def post(self, day: Day) -> str:
        """The suggested post, with the day page's address, as the poster writes it."""
        return post_text(self.config, day, "manuell")

    def day_number(self, day: Day) -> int:
        return self.campaign.days.index(day) + 1

    def neighbours(self, day: Day) -> tuple[Day | None, Day | None]:
        i = self.campaign.days.index(day)
        days = self.campaign.days
        return (days[i - 1] if i > 0 else None, days[i + 1] if i + 1 < len(days) else None)


def period_text(campaign: Campaign, lang: str | None = None) -> str:
    """'25. november – 10. desember 2026' (the year once when both dates share it); in
    ``lang`` as Babel writes a period there («25 November – 10 December 2026»)."""
    start, end = campaign.start, campaign.end
    if lang and lang != DEFAULT_LANGUAGE:
        locale = i18n.language_info(lang).date_locale
        last = format_date(end, "long", locale=locale)
        if start.year == end.year:
            return f"{format_skeleton('MMMMd', start, locale=locale)} – {last}"
        return f"{format_date(start, 'long', locale=locale)} – {last}"
    first = format_date(start, "d. MMMM" if start.year == end.year else "d. MMMM y", locale="nb_NO")
    return f"{first} – {norwegian_date(end)}"


def render_markdown(
    text: str, settings: dict[str, Any], book: FactBook, lang: str | None = None
) -> Markup:
    """A campaign section's Markdown, with the site's Markdown settings and fact boxes
    (in ``lang`` where the fact is translated into it)."""
    config = settings.get("MARKDOWN", {})
    extensions = [e for e in config.get("extensions", []) if not isinstance(e, FactBoxExtension)]
    theme = Path(settings["THEME"])

    def box(fact: Fact) -> Markup:
        return fact_box_html(fact, lang, theme)

    md = Markdown(**{**config, "extensions": [*extensions, FactBoxExtension(book, box=box)]})
    return Markup(md.convert(text))


@pass_context
def campaign_period(ctx: Any, campaign: Campaign) -> str:
    """The template global: the period in the page's language."""
    return period_text(campaign, context_lang(ctx))


def make_fact_box(settings: dict[str, Any]) -> Any:
    """The template global ``fact_box(fact)``: the box in the page's language."""
    theme = Path(settings["THEME"])

    @pass_context
    def fact_box(ctx: Any, fact: Fact) -> Markup:
        return fact_box_html(fact, context_lang(ctx), theme)

    return fact_box


class CampaignGenerator(Generator):
    """Landing pages, day pages and the archive for every campaign in campaigns/."""

    def generate_context(self) -> None:
        context = build_context(self.settings)
        paths, self.config = context.paths, context.config
        self.brand = self.config.brand
        self.today = build_today(self.settings)
        self.facts = load_facts(paths.facts)
        self.campaigns = load_campaigns(paths, self.facts)
        self.pages = [self._page(c) for c in self.campaigns if not c.archive_only]
        current = running_campaign(self.campaigns, self.today)
        # Pages depend on «today» only through these dates (the no-change fingerprint).
        context.campaign_dates = campaign_dates(self.campaigns)
        self.context["campaigns"] = self.campaigns
        self.context["current_campaign"] = current
        self.context["current_campaign_day"] = current.day(self.today) if current else None
        self.context["campaign_period"] = campaign_period
        self.context["campaign_pages"] = {p.campaign.slug: p for p in self.pages}
        self.context["fact_box"] = make_fact_box(self.settings)

    def _page(self, campaign: Campaign) -> CampaignPage:
        page = CampaignPage(campaign, self.facts, self.config)
        lang = campaign.path_prefix.rstrip("/") or None
        page.focus_html = render_markdown(campaign.focus, self.settings, self.facts, lang)
        page.sections = [
            (s, render_markdown(s.body, self.settings, self.facts, lang)) for s in campaign.sections
        ]
        return page

    def generate_output(self, writer: Any) -> None:
        for page in self.pages:
            manifest = self._render_cards(page)
            self._publish_kit(page, manifest)
            self._write_campaign(writer, page)
            for translated in self._translated(page):
                self._write_campaign(writer, translated)
        self._write(writer, "kampanjer/index.html", "campaign_archive", {})
        write_stylesheet(Path(self.output_path), CAMPAIGN_CSS, campaign_css(self.campaigns))

    def _translated(self, page: CampaignPage) -> list[CampaignPage]:
        """The campaign in each published language it has text in (its landing and day
        pages under /<lang>/kampanjer/…, translated where given, bokmål otherwise)."""
        campaign = page.campaign
        languages = [lang for lang in self.config.languages.published if lang in campaign.languages]
        pages = []
        for lang in languages:
            translated = self._page(campaign.in_language(lang))
            translated.kit, translated.lang = page.kit, lang
            pages.append(translated)
        return pages

    def _alternates(self, campaign: Campaign, path: str) -> dict[str, Any]:
        """The language context of a campaign page: its language, and — when the campaign
        has a version in every published language — the path the switcher and the
        hreflang alternates are made from."""
        published = self.config.languages.published
        extra: dict[str, Any] = {}
        if published and set(published) <= set(campaign.languages):
            extra["lang_path"] = path.removeprefix(campaign.path_prefix)
        if campaign.path_prefix:
            extra["page_lang"] = campaign.path_prefix.rstrip("/")
        return extra

    def _paths(self) -> Paths:
        return build_context(self.settings).paths

    def _render_cards(self, page: CampaignPage) -> Manifest:
        # Rendered into the shared card cache (the poster uses the same folder), then
        # linked into the site: unchanged cards are never rendered again.
        slug = page.campaign.slug
        cards, started = self._paths().cards, time.perf_counter()
        manifest = render_campaign_cards(page.campaign, self.facts, self.brand, cards)
        seconds = time.perf_counter() - started
        build_context(self.settings).count("kort", manifest.rendered, manifest.cached, seconds)
        publish_cards(cards / slug, Path(self.output_path) / CARDS_URL / slug)
        return manifest

    def _publish_kit(self, page: CampaignPage, manifest: Manifest) -> None:
        """The kit's zip (rebuilt in the cache only when its content changed) into the site."""
        campaign = page.campaign
        files = kit_files(campaign, self.config, manifest, self.facts)
        cached = ensure_kit(files, self._paths().campaign_kits, kit_name(campaign),
                            kit_folder(campaign), campaign.start)  # fmt: skip
        dest = Path(self.output_path) / campaign.url_path / kit_name(campaign)
        dest.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(cached, dest)
        size = dest.stat().st_size
        page.kit = {"url": f"{campaign.url_path}{kit_name(campaign)}", "size": size,
                    "size_text": file_size(size)}  # fmt: skip

    def _write_campaign(self, writer: Any, page: CampaignPage) -> None:
        campaign = page.campaign
        lead = page.card(campaign.lead_fact, "og") if campaign.lead_fact else None
        earlier = earlier_campaigns(self.campaigns, campaign)
        context = {"cp": page, "campaign": campaign, "og_image": lead, "earlier": earlier}
        context.update(self._alternates(campaign, campaign.url_path))
        self._write(writer, f"{campaign.url_path}index.html", "campaign", context)
        for day in campaign.days:
            context = {
                "cp": page,
                "campaign": campaign,
                "day": day,
                "og_image": page.card(day.fact, "og"),
                **self._alternates(campaign, day.url_path),
            }
            self._write(writer, f"{day.url_path}index.html", "campaign_day", context)

    def _write(self, writer: Any, name: str, template: str, extra: dict[str, Any]) -> None:
        context = {**self.context, "active": "kampanjer", "today": self.today, **extra}
        writer.write_file(
            name,
            self.get_template(template),
            context,
            relative_urls=False,
            override_output=True,
            url=name.removesuffix("index.html"),
        )


def file_size(size: int) -> str:
    """A file size as people read it: «4,2 MB», «830 kB»."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def earlier_campaigns(campaigns: Iterable[Campaign], campaign: Campaign) -> list[Campaign]:
    """Campaigns that started before ``campaign``, newest first."""
    return [c for c in campaigns if c.start < campaign.start]


def get_generators(pelican: Any) -> type[CampaignGenerator]:
    return CampaignGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
