"""Topics: every ``topics:`` value becomes a page ``/tema/<slug>/``, with an index ``/tema/``.

A topic page lists what is filed under it: positions and consultation responses (their
``topics:``), facts (``topics`` in fakta.yaml) and campaign days (through the day's
fact). Topics are free text; two spellings with the same slug («Krisesentre»,
«krisesentre») are one topic, named by the first spelling met (positions first) with a
capital first letter. Templates link a topic with the ``tema_url`` filter.

A Pelican generator (added through ``get_generators``) that writes in the output pass,
when the articles, facts and campaigns of this build are all known.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pelican import signals
from pelican.generators import Generator

from generator.facts import Fact, load_facts
from generator.site.project import project_paths

TOPICS_URL = "tema"
_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a"})
_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # Norwegian order: … z æ ø å


def topic_slug(value: str) -> str:
    """«Omvendt voldsalarm» → ``omvendt-voldsalarm``; «Sårbare grupper» → ``sarbare-grupper``."""
    text = unicodedata.normalize("NFKD", value.strip().lower().translate(_LETTERS))
    text = text.encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def topic_url(value: str) -> str:
    """The topic page's URL path (relative to the site root), e.g. ``tema/krisesentre/``."""
    return f"{TOPICS_URL}/{topic_slug(value)}/"


def topic_label(value: str) -> str:
    value = value.strip()
    return value[:1].upper() + value[1:]


@dataclass
class Topic:
    """One topic and everything filed under it, in the order the site lists them."""

    slug: str
    label: str
    positions: list[Any] = field(default_factory=list)
    responses: list[Any] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    days: list[tuple[Any, Any]] = field(default_factory=list)  # (campaign, day)

    @property
    def url(self) -> str:
        return f"{TOPICS_URL}/{self.slug}/"

    @property
    def count(self) -> int:
        return len(self.positions) + len(self.responses) + len(self.facts) + len(self.days)


class TopicIndex:
    """Topics by slug, filled from articles, facts and campaign days."""

    def __init__(self) -> None:
        self.topics: dict[str, Topic] = {}

    def topic(self, value: str) -> Topic | None:
        slug = topic_slug(value)
        if not slug:
            return None
        if slug not in self.topics:
            self.topics[slug] = Topic(slug, topic_label(value))
        return self.topics[slug]

    def add_articles(self, articles: Iterable[Any]) -> None:
        for article in articles:
            kind = "responses" if article.category.slug == "hoeringssvar" else "positions"
            for value in getattr(article, "topics", None) or []:
                if topic := self.topic(value):
                    _add(getattr(topic, kind), article)

    def add_facts(self, facts: Iterable[Fact]) -> None:
        for fact in facts:
            for value in fact.topics:
                if topic := self.topic(value):
                    _add(topic.facts, fact)

    def add_days(self, campaigns: Iterable[Any], facts: dict[str, Fact]) -> None:
        for campaign in campaigns:
            for day in campaign.days:
                fact = facts.get(day.fact)
                for value in fact.topics if fact else []:
                    if topic := self.topic(value):
                        _add(topic.days, (campaign, day))

    def sorted(self) -> list[Topic]:
        return sorted(self.topics.values(), key=lambda t: t.label.lower().translate(_ORDER))


def _add(items: list[Any], item: Any) -> None:
    if item not in items:
        items.append(item)


class TopicGenerator(Generator):
    """Writes /tema/ and /tema/<slug>/ from this build's articles, facts and campaigns."""

    def generate_context(self) -> None:
        self.context["topic_url"] = topic_url

    def generate_output(self, writer: Any) -> None:
        facts = list(load_facts(project_paths(self.settings).facts))
        index = TopicIndex()
        articles = self.context.get("articles") or []
        index.add_articles(a for a in articles if a.category.slug == "standpunkter")
        index.add_articles(a for a in articles if a.category.slug != "standpunkter")
        index.add_facts(facts)
        index.add_days(self.context.get("campaigns") or [], {f.id: f for f in facts})
        topics = index.sorted()
        self._write(writer, f"{TOPICS_URL}/index.html", "topics", {"topics": topics})
        for topic in topics:
            self._write(writer, f"{topic.url}index.html", "topic", {"topic": topic})

    def _write(self, writer: Any, name: str, template: str, extra: dict[str, Any]) -> None:
        writer.write_file(
            name,
            self.get_template(template),
            {**self.context, "active": "tema", **extra},
            relative_urls=False,
            override_output=True,
            url=name.removesuffix("index.html"),
        )


def add_filter(pelican: Any) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["tema_url"] = topic_url


def get_generators(pelican: Any) -> type[TopicGenerator]:
    return TopicGenerator


def register() -> None:
    signals.initialized.connect(add_filter)
    signals.get_generators.connect(get_generators)
