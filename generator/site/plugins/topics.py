"""Pelican plugin: /tema/<slug>/ and /tema/ from every ``topics:`` value (a generator over
this build's articles, facts and campaign days; :mod:`generator.site.topics` gathers
them), and the ``tema_url`` filter for the templates."""

from __future__ import annotations

from typing import Any

from pelican import signals
from pelican.generators import Generator

from generator.facts import load_facts
from generator.site.context import build_context
from generator.site.topics import TOPICS_URL, TopicIndex, topic_url


class TopicGenerator(Generator):
    """Writes /tema/ and /tema/<slug>/ from this build's articles, facts and campaigns."""

    def generate_context(self) -> None:
        self.context["topic_url"] = topic_url

    def generate_output(self, writer: Any) -> None:
        facts = list(load_facts(build_context(self.settings).paths.facts))
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


# How alike two topics' slugs must be to be taken for one misspelt (difflib ratio):
# «krisesenter»/«krisesentre» 0.91, «handlingsplan»/«handlingsplaner» 0.93, but not
# «krisesentre»/«krisesenterloven» 0.74 or «partnerdrap»/«partnervold» 0.73.


def add_filter(pelican: Any) -> None:
    pelican.settings.setdefault("JINJA_FILTERS", {})["tema_url"] = topic_url


def get_generators(pelican: Any) -> type[TopicGenerator]:
    return TopicGenerator


def register() -> None:
    signals.initialized.connect(add_filter)
    signals.get_generators.connect(get_generators)
