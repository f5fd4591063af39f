"""`respond` drafts from hostile feed text: once published, nothing from the feed is markup.

The draft is rendered by the real site build (Pelican with the site's Markdown settings,
publishconf, Atom feed): no link, image, script or attribute from the feed survives.
"""

from __future__ import annotations

import html
import re
from datetime import date, datetime
from html.parser import HTMLParser

import pytest

from generator.core.config import OSLO, load_config
from generator.core.errors import WatchError
from generator.placeholders import leftovers
from generator.site.build import build_site
from generator.site.content_model import load_document
from generator.watch.drafts import create_draft
from generator.watch.model import Consultation
from tests.project import copy_project, project_env

TODAY = date(2026, 11, 20)
EVIL_URL = "https://www.regjeringen.no/no/dokumenter/x/id4242/--><script>alert(3)</script>"
SAFE_URL = (
    "https://www.regjeringen.no/no/dokumenter/x/id4242/--%3E%3Cscript%3Ealert(3)%3C/script%3E"
)
TITLE = (
    "Høring om [klikk her](javascript:alert(1)) ![bilde](https://evil.example/x.png) "
    "<script>alert(1)</script> *viktig* {: onclick=alert(1)} krisesentre"
)
SUMMARY = "Om krisesentre --><script>alert(2)</script><!-- [lenke](javascript:alert(4))"


def finished(draft: str) -> str:
    """The draft as staff send it: placeholders written, guidance comments deleted."""
    for item in leftovers(draft):
        if item.kind == "placeholder":
            draft = draft.replace(item.text, "Vi støtter forslaget.", 1)
    return re.sub(r"<!--.*?-->\n?", "", draft, flags=re.S)


def hostile(url: str = EVIL_URL) -> Consultation:
    moment = datetime(2026, 11, 16, 12, tzinfo=OSLO)
    return Consultation(
        id="4242", source="regjeringen", title=TITLE, url=url,
        department="<img src=x onerror=alert(5)>Barne- og familiedepartementet",
        published=moment, deadline=datetime(2027, 2, 15, 23, 59, 59, tzinfo=OSLO),
        summary=SUMMARY, reference="[[fakta:finnes-ikke]] 26/1", source_status=None,
        relevance=3, relevant=True, terms=["krisesent"], status="ny", owner=None, note=None,
        first_seen=moment, last_seen=moment, updated_at=None, revision=0, extra={},
    )  # fmt: skip


def test_a_draft_from_hostile_feed_text_is_valid_and_inert(project):
    config = load_config(project.config)
    path = create_draft(project.responses, hostile(), config, TODAY)
    text = path.read_text(encoding="utf-8")
    body = text.split("---\n", 2)[2]
    meta = load_document(path, "hoeringssvar").meta
    assert meta.consultation == SAFE_URL
    assert f"Lenke: {SAFE_URL} -->" in text
    assert "<script>" not in body and body.count("-->") == 3  # the three comments we wrote
    assert "høringssvar om \\[klikk her\\](javascript:alert(1))" in meta.summary
    assert "\\[klikk her\\](javascript:alert(1))" in body
    # Recipient and reference live only in the front matter (the letter header), as data.
    assert meta.department == "<img src=x onerror=alert(5)>Barne- og familiedepartementet"
    assert meta.reference == "[[fakta:finnes-ikke]] 26/1"
    assert "onerror" not in body and "fakta:finnes-ikke" not in body
    assert "Om krisesentre –&gt;&lt;script&gt;alert(2)&lt;/script&gt;&lt;!– [lenke]" in body
    assert "[Si kort hvem vi er og hvorfor saken angår voldsutsatte og krisesentrene.]" in text


def test_a_link_that_is_not_http_refuses_the_draft(project):
    config = load_config(project.config)
    with pytest.raises(WatchError) as caught:
        create_draft(project.responses, hostile("javascript:alert(1)"), config, TODAY)
    assert str(caught.value) == (
        "Høringen 4242 har ingen gyldig nettadresse, så et høringssvar kan ikke lenkes til "
        "den. Lag filen for hånd i content/hoeringssvar/."
    )


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data"}


class _Markup(HTMLParser):
    """Every tag and attribute of a page, and the text inside <script> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attrs += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


def markup_of(text: str) -> _Markup:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser


def test_a_published_draft_puts_no_feed_markup_on_the_site_or_in_the_feed(tmp_path, monkeypatch):
    paths = copy_project(tmp_path / "prosjekt", reuse_cards=True)
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    path = create_draft(paths.responses, hostile(), load_config(paths.config), TODAY)
    sent = path.read_text(encoding="utf-8").replace(
        "status: utkast\n", "status: sendt\nsent: 2026-11-20\n"
    )
    # A sent response may keep no placeholder or guidance comment (the placeholder guard),
    # so the staff member has filled those in; the feed text in the body stays.
    path.write_text(finished(sent), encoding="utf-8")
    build_site(paths, publish=True, today=TODAY)

    pages = [p for p in paths.output.rglob("*.html") if "klikk her" in p.read_text("utf-8")]
    feeds = [p for p in paths.output.rglob("*.xml") if "klikk her" in p.read_text("utf-8")]
    assert pages and feeds, "the published response is on the site and in the feed"
    for output in pages + feeds:
        text = output.read_text(encoding="utf-8")
        if output.suffix == ".xml":  # Atom carries the HTML escaped once more
            text = html.unescape(text)
        found = markup_of(text)
        for tag, name, value in found.attrs:
            assert not name.startswith("on"), (output, tag, name)
            if name in URL_ATTRIBUTES:
                assert not value.strip().lower().startswith("javascript:"), (output, tag, value)
                assert "evil.example" not in value, (output, tag, value)
        assert not any("alert(" in script for script in found.scripts), output
    page = next(p for p in pages if p.name == "index.html")
    assert "[klikk her](javascript:alert(1))" in html.unescape(page.read_text("utf-8"))
