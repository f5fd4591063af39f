"""Fixtures for site tests: one real publish build of the example content per module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.core.config import Paths
from tests.project import copy_project, project_env

BUILD_DAY = date(2026, 11, 26)  # inside the 2026 campaign


@dataclass
class Tag:
    name: str
    attrs: dict[str, str | None]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[Tag] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(Tag(tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@dataclass
class Page:
    path: Path
    html: str
    tags: list[Tag]
    text: str

    def find(self, tag: str, **attrs: str) -> list[Tag]:
        return [
            t
            for t in self.tags
            if t.name == tag and all(t.attrs.get(k) == v for k, v in attrs.items())
        ]


def parse_page(path: Path) -> Page:
    html = path.read_text(encoding="utf-8")
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return Page(path, html, collector.tags, " ".join(" ".join(collector.text).split()))


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    """The example project built with publishconf into its own output/ (once per module)."""
    from generator.site.build import build_site

    paths = copy_project(tmp_path_factory.mktemp("bygg") / "prosjekt")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=BUILD_DAY)
    return paths


@pytest.fixture(scope="module")
def site_pages(built_site: Paths) -> list[Page]:
    return [parse_page(p) for p in sorted(built_site.output.rglob("*.html"))]
