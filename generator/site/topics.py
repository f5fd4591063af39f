"""Topics: every ``topics:`` value becomes a page ``/tema/<slug>/``, with an index ``/tema/``.

A topic page lists what is filed under it: positions and consultation responses (their
``topics:``), facts (``topics`` in fakta.yaml) and campaign days (through the day's
fact). Topics are free text; two spellings with the same slug («Krisesentre»,
«krisesentre») are one topic, named by the first spelling met (positions first) with a
capital first letter. Templates link a topic with the ``tema_url`` filter.

A Pelican generator (added through ``get_generators``) that writes in the output pass,
when the articles, facts and campaigns of this build are all known.

``check(paths, config)`` (run by ``stemme check`` and the build) warns about a topic that
nearly matches another one («krisesenter» beside «krisesentre»): a misspelt topic would
otherwise quietly get a page of its own with one entry. Each warning names the file and
line of the rarer spelling and asks «Mente du …?».
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from generator.core import Config, ContentError, Paths, StemmeError, slugify
from generator.facts import Fact, load_facts
from generator.site.content_model import content_files, read_markdown

TOPICS_URL = "tema"
_ORDER = str.maketrans({"æ": "{", "ø": "|", "å": "}"})  # Norwegian order: … z æ ø å


def topic_slug(value: str) -> str:
    """«Omvendt voldsalarm» → ``omvendt-voldsalarm``; «Sårbare grupper» → ``sarbare-grupper``."""
    return slugify(value)


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


NEAR_TOPIC = 0.85


@dataclass(frozen=True)
class _Use:
    label: str
    file: str
    line: int | None


def _topic_uses(paths: Paths) -> dict[str, list[_Use]]:
    """Topic slug → every place a ``topics:`` value names it (content, then fakta.yaml)."""
    uses: dict[str, list[_Use]] = {}
    for path, _kind in content_files(paths):
        try:
            meta, _body, _line = read_markdown(path)
        except StemmeError:
            continue  # reported by the content model
        values = meta.get("topics") if isinstance(meta.get("topics"), list) else []
        line = getattr(meta, "key_lines", {}).get("topics")
        rel = path.relative_to(paths.root).as_posix()
        for value in values:
            if isinstance(value, str) and (slug := topic_slug(value)):
                uses.setdefault(slug, []).append(_Use(value, rel, line + 1 if line else None))
    try:
        book = load_facts(paths.facts)
    except (StemmeError, OSError):
        return uses  # reported by the facts check
    rel = paths.facts.relative_to(paths.root).as_posix()
    for fact in book:
        for value in fact.topics:
            if slug := topic_slug(value):
                uses.setdefault(slug, []).append(_Use(value, rel, book.line(fact.id)))
    return uses


def _near_pairs(slugs: list[str]) -> list[tuple[str, str]]:
    pairs = []
    for index, first in enumerate(slugs):
        for second in slugs[index + 1 :]:
            if difflib.SequenceMatcher(None, first, second).ratio() >= NEAR_TOPIC:
                pairs.append((first, second))
    return pairs


def near_topic_warnings(paths: Paths) -> list[str]:
    """«…, linje 5: temaet «krisesenter» ligner «krisesentre» … Mente du «krisesentre»?»"""
    uses = _topic_uses(paths)
    warnings = []
    for first, second in _near_pairs(sorted(uses)):
        rare, common = sorted((first, second), key=lambda s: (len(uses[s]), s))
        name = uses[common][0].label
        for use in dict.fromkeys(uses[rare]):
            where = f"{use.file}, linje {use.line}" if use.line else use.file
            count = len(uses[common])
            warnings.append(
                f"{where}: temaet «{use.label}» ligner «{name}» (brukt {count} "
                f"{'sted' if count == 1 else 'steder'}) og får sin egen side "
                f"/{TOPICS_URL}/{rare}/. Mente du «{name}»?"
            )
    return warnings


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    """What ``stemme check`` asks of the topics: warnings for near-identical ones."""
    return [], near_topic_warnings(paths)
