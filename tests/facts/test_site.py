"""The facts plugin in a real build: fact boxes, the Fakta pages, cards and og:image."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from markdown import Markdown

from generator.core.config import Paths
from generator.core.errors import FactError, StemmeError
from generator.facts import load_facts
from generator.images import FORMATS
from generator.site.fact_boxes import FactBoxExtension
from tests.project import ROOT, copy_project

BUILD_DAY = date(2026, 11, 26)


def _build(paths: Paths) -> None:
    from generator.site.build import build_site

    mp = pytest.MonkeyPatch()
    mp.setenv("STEMME_ROOT", str(paths.root))
    mp.setenv("STEMME_DB", str(paths.root / "state" / "stemme.sqlite3"))
    try:
        build_site(paths, publish=True, today=BUILD_DAY)
    finally:
        mp.undo()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = copy_project(tmp_path_factory.mktemp("fakta") / "prosjekt")
    _build(paths)
    return paths


def test_fact_box_markup() -> None:
    book = load_facts(ROOT / "content" / "fakta.yaml")
    md = Markdown(extensions=[FactBoxExtension(book)])
    html = md.convert("Tekst før.\n\n[[fakta:voldskostnader]]\n\nTekst etter.")
    assert '<div class="faktaboks" role="note" aria-label="Fakta: 92,7 mrd. kr">' in html
    assert "<p><div" not in html
    assert '<strong class="faktaboks__tall">92,7 mrd. kr</strong> koster vold' in html
    assert 'href="https://www.menon.no/"' in html and "(2023)" in html
    assert 'href="/fakta/voldskostnader/"' in html


def test_unknown_fact_id_names_file_and_line(tmp_path: Path) -> None:
    book = load_facts(ROOT / "content" / "fakta.yaml")
    source = tmp_path / "side.md"
    source.write_text("---\ntitle: x\n---\n\nAvsnitt.\n\n[[fakta:finnes-ikke]]\n", "utf-8")
    md = Markdown(extensions=[FactBoxExtension(book)])
    md.stemme_source = source  # type: ignore[attr-defined]
    with pytest.raises(FactError) as err:
        md.convert("Avsnitt.\n\n[[fakta:finnes-ikke]]\n")
    assert f"{source}, linje 7" in str(err.value)
    assert "ukjent fakta-id «finnes-ikke»" in str(err.value)


def test_unknown_fact_id_fails_the_build(tmp_path: Path) -> None:
    paths = copy_project(tmp_path / "prosjekt")
    page = next(paths.positions.glob("*.md"))
    page.write_text(page.read_text("utf-8") + "\n[[fakta:finnes-ikke]]\n", "utf-8")
    with pytest.raises(StemmeError) as err:
        _build(paths)
    assert page.name in str(err.value) and "finnes-ikke" in str(err.value)
    assert "linje" in str(err.value)
    assert not paths.output.exists()


def test_fakta_page_links_every_card(site: Paths) -> None:
    html = (site.output / "fakta" / "index.html").read_text("utf-8")
    book = load_facts(site.facts)
    for fact in book:
        assert f'id="{fact.id}"' in html
        # The overview (kept light) links to the fact's own page, which carries every
        # download and share link.
        assert f'href="/fakta/{fact.id}/"' in html
        detail = (site.output / "fakta" / fact.id / "index.html").read_text("utf-8")
        for fmt in FORMATS:
            url = f"/kort/{fact.id}-{fmt}.png"
            assert f'href="{url}" download' in detail, url
            assert (site.output / url.lstrip("/")).is_file()
        assert f'id="{fact.id}-del"' in detail
        for sharer in (
            "facebook.com/sharer",
            "x.com/intent/post",
            "linkedin.com/sharing",
            "mailto:?subject=",
        ):
            assert sharer in detail, (fact.id, sharer)
    assert "Alt-tekst til bildet" in detail
    assert "data-share-image=" in detail and "data-copy=" in detail
    assert re.search(r"<script[^>]+src=\"https?://", html) is None  # no third-party code
    assert '<script src="/theme/js/share.js" defer></script>' in detail
    assert "share.js" not in html  # the overview has nothing to share itself


def test_every_card_image_has_its_alt_text(site: Paths) -> None:
    detail = (site.output / "fakta" / "partnerdrap-andel" / "index.html").read_text("utf-8")
    images = re.findall(r"<img [^>]*>", detail)
    assert len(images) == len(FORMATS)
    assert all(re.search(r'alt="[^"]{20,}"', tag) for tag in images)
    # On the overview the preview sits beside its own heading, which says the same: it is
    # decorative there (alt=""), so a screen reader does not read each fact twice.
    html = (site.output / "fakta" / "index.html").read_text("utf-8")
    assert all('alt=""' in tag for tag in re.findall(r"<img [^>]*>", html))


def test_og_image_on_every_article_and_page(site: Paths) -> None:
    pages = [
        *site.output.glob("standpunkter/*/index.html"),
        *site.output.glob("hoeringssvar/*/index.html"),
        site.output / "om-oss" / "index.html",
        site.output / "index.html",
        site.output / "fakta" / "index.html",
    ]
    assert len(pages) > 5
    for page in pages:
        html = page.read_text("utf-8")
        match = re.search(r'<meta property="og:image" content="https?://[^/]+/([^"]+)"', html)
        assert match, page
        assert (site.output / match.group(1)).is_file(), match.group(1)
        assert re.search(r'<meta property="og:image:alt" content="[^"]+"', html)


def test_featured_fact_gives_its_og_card(site: Paths) -> None:
    for md in sorted(site.positions.glob("*.md")):
        if "." in md.stem:  # a translation (foo.en.md) is written under /en/
            continue
        front = md.read_text("utf-8").split("---")[1]
        if m := re.search(r"^facts:\s*\[?\s*([a-z0-9-]+)", front, re.MULTILINE):
            html = (site.output / "standpunkter" / md.stem / "index.html").read_text("utf-8")
            assert f"/kort/{m.group(1)}-og.png" in html
            return
    pytest.skip("ingen standpunkter med facts: i eksempelinnholdet")


def test_fakta_page_stays_light(site: Paths) -> None:
    """HTML + CSS + JS of /fakta/ within the 60 KB page budget (images excluded)."""
    theme = site.output / "theme"
    total = sum(
        p.stat().st_size
        for p in (
            site.output / "fakta" / "index.html",
            theme / "css" / "site.css",
            theme / "css" / "facts.css",
            theme / "js" / "share.js",
            theme / "js" / "quick-exit.js",
        )
    )
    assert total <= 60 * 1024


def test_draft_titles_never_become_images(tmp_path: Path) -> None:
    paths = copy_project(tmp_path / "prosjekt")
    draft = paths.responses / "2099-01-01-hemmelig-utkast.md"
    draft.write_text(
        "---\ntitle: Hemmelig utkast om noe\ndate: 2026-11-01\ndepartment: Justis- og "
        "beredskapsdepartementet\nconsultation: https://www.regjeringen.no/no/id1/\n"
        "deadline: 2027-01-15\nstatus: utkast\n---\n\nTekst.\n",
        "utf-8",
    )
    _build(paths)
    names = [p.name for p in (paths.output / "kort").rglob("*.png")]
    assert names and not any("hemmelig" in name for name in names)
    assert "Hemmelig utkast" not in (paths.output / "kort" / "sider" / "manifest.json").read_text(
        "utf-8"
    )
