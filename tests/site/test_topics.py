"""Topic pages (/tema/<slug>/ and /tema/) and the search index in a real publish build."""

from __future__ import annotations

import json
import re

from generator.site.topics import topic_label, topic_slug


def read(built_site, path: str) -> str:
    return (built_site.output / path / "index.html").read_text(encoding="utf-8")


def test_topic_slugs_and_labels_are_norwegian():
    assert topic_slug("Sårbare grupper") == "sarbare-grupper"
    assert topic_slug("Taushet tar liv") == "taushet-tar-liv"
    assert topic_slug("  Lær av   hvert partnerdrap ") == "laer-av-hvert-partnerdrap"
    assert topic_slug("voldsutøvere") == "voldsutovere"
    assert topic_label("omvendt voldsalarm") == "Omvendt voldsalarm"


def test_every_topic_has_a_page_and_the_index_lists_them(built_site):
    index = read(built_site, "tema")
    links = re.findall(r'<li><a href="/tema/([a-z0-9-]+)/">([^<]+)</a>', index)
    slugs = [slug for slug, _ in links]
    assert len(slugs) == len(set(slugs)) > 20
    for slug in slugs:
        assert (built_site.output / "tema" / slug / "index.html").is_file(), slug
    labels = [label for _, label in links]
    assert "Krisesentre" in labels and "Sårbare grupper" in labels and "Barn og unge" in labels
    # Norwegian order: æ, ø, å come after z.
    assert labels == sorted(labels, key=lambda s: s.lower().translate(str.maketrans("æøå", "{|}")))


def test_a_topic_page_lists_positions_responses_facts_and_campaign_days(built_site):
    html = read(built_site, "tema/krisesentre")
    heading = '<h1 data-pagefind-meta="tema[data-tema]" data-tema="Krisesentre">Krisesentre</h1>'
    assert heading in html  # the «tema» meta ranks the page first in search
    sections = re.findall(r'<h2 id="([a-z]+)">', html)
    assert sections == ["standpunkter", "hoeringssvar", "fakta", "kampanjedager"]
    assert 'href="/standpunkter/krisesentertilbud-i-hele-landet/"' in html
    assert 'href="/hoeringssvar/2025-09-26-plikt-til-kommunale-handlingsplaner/"' in html
    assert "evaluering-av-krisesenterloven" not in html  # a draft (utkast) is never listed
    assert 'href="/fakta/krisesenter-barn/"' in html
    assert 'href="/kampanjer/taushet-tar-liv-2026/2026-11-30/">Barna på krisesenteret</a>' in html


def test_topics_on_pages_link_to_their_topic_page(built_site):
    html = read(built_site, "standpunkter/krisesentertilbud-i-hele-landet")
    assert '<li class="topic"><a href="/tema/krisesentre/">krisesentre</a></li>' in html
    day = read(built_site, "kampanjer/taushet-tar-liv-2026/2026-11-30")
    assert 'href="/tema/krisesentre/"' in day


def test_the_search_index_is_norwegian_and_covers_only_the_main_content(built_site):
    bundle = built_site.output / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["no"]  # Pagefind's Norwegian stemmer
    assert entry["languages"]["no"]["page_count"] > 60
    assert (bundle / "pagefind.js").is_file() and (bundle / "wasm.no.pagefind").is_file()
    assert not (bundle / "pagefind-ui.js").exists()  # the site uses only the JS API
    assert '<main id="innhold" tabindex="-1" data-pagefind-body>' in read(built_site, "om-oss")
    for unindexed in ("sok", "tema"):
        assert "data-pagefind-body" not in read(built_site, unindexed)
    assert "data-pagefind-body" not in (built_site.output / "404.html").read_text("utf-8")


def test_the_header_search_sends_no_query(built_site):
    html = read(built_site, "")
    form = re.search(r'<form class="site-search"[^>]*>(.*?)</form>', html, re.S)
    assert form and 'action="/sok/"' in form[0]
    assert "name=" not in form[1]  # a field without a name is never sent
    assert 'autocomplete="off"' in form[1]
