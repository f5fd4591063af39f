"""The audit's file checks and page model, without a browser (run everywhere)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.audit.file_checks import check_links, check_weight
from generator.audit.model import Finding, Report, discover_pages, page_type, samples
from generator.core.errors import BuildError
from tests.browser.minisite import MISSING_FROM_BUILD, ORIGIN, write_site


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return write_site(tmp_path / "site")


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/", "forside"),
        ("/404.html", "404"),
        ("/standpunkter/", "standpunkter-oversikt"),
        ("/standpunkter/krisesenterloven/", "standpunkt"),
        ("/hoeringssvar/", "hoeringssvar-oversikt"),
        ("/hoeringssvar/2026-06-02-omvendt-voldsalarm/", "hoeringssvar"),
        ("/fakta/", "fakta"),
        ("/fakta/partnerdrap-andel/", "faktum"),
        ("/kampanjer/", "kampanjearkiv"),
        ("/kampanjer/taushet-tar-liv-2026/", "kampanje"),
        ("/kampanjer/taushet-tar-liv-2026/2026-11-25/", "kampanjedag"),
        ("/om-oss/", "side"),
        ("/sok/", "sok"),
        ("/tema/", "tema-oversikt"),
        ("/tema/krisesentre/", "tema"),
        ("/nyheter/en-nyhet/", "nyheter"),  # a new section becomes its own type
    ],
)
def test_page_type_from_url(path, expected):
    assert page_type(path) == expected


def test_page_type_prefers_template_markers():
    assert page_type("/om-oss/", '<meta name="stemme:type" content="spesial">') == "spesial"
    assert page_type("/nytt/x/", '<body class="side-nyhet x">') == "nyhet"
    assert page_type("/nytt/x/", '<body class="side-annet">') == "nytt"
    # a known URL pattern beats a generic body class (fact pages share "side-fakta")
    assert page_type("/fakta/voldskostnader/", '<body class="side-fakta">') == "faktum"


def test_pages_come_from_the_sitemap_plus_404(mini):
    pages, missing = discover_pages(mini)
    paths = [p.path for p in pages]
    assert paths[0] == "/" and paths[-1] == "/404.html"
    assert [f.page for f in missing] == [MISSING_FROM_BUILD]


def test_missing_sitemap_says_how_to_fix(tmp_path):
    with pytest.raises(BuildError, match="make publish"):
        discover_pages(tmp_path)


def test_links_and_anchors(mini):
    pages, _ = discover_pages(mini)
    found = {(f.page, f.rule) for f in check_links(mini, pages, ORIGIN)}
    assert found == {
        ("/brutt-lenke/", "brutt-lenke"),
        ("/brutt-lenke/", "brutt-anker"),
        ("/404.html", "relativ-lenke-på-404"),
    }


def test_absolute_links_on_own_origin_are_checked_others_not(mini):
    (mini / "om" / "index.html").parent.mkdir()
    (mini / "om" / "index.html").write_text(
        f'<a href="{ORIGIN}/borte/">x</a> <a href="https://annen.example/x">y</a>'
        '<a href="mailto:a@b.no">z</a> <img srcset="/bilde.svg 1x, /mangler.png 2x" alt="">'
    )
    pages, _ = discover_pages(mini)
    from generator.audit.model import Page

    page = Page("/om/", mini / "om" / "index.html", "side")
    found = sorted(f.element for f in check_links(mini, [*pages, page], ORIGIN) if f.page == "/om/")
    assert len(found) == 2 and "/borte/" in found[0] + found[1] and "mangler.png" in "".join(found)


def test_weight_counts_html_css_js_and_lists_the_heaviest(mini):
    pages, _ = discover_pages(mini)
    findings, heaviest = check_weight(mini, pages, ORIGIN)
    assert [f.page for f in findings] == ["/tung/"]
    assert "exit.js" in findings[0].element and "site.css" in findings[0].element
    assert len(heaviest) == 5 and heaviest[0][0] == "/tung/"
    assert heaviest[0][1] > 60_000


def test_samples_take_first_and_last_of_each_type(mini):
    pages, _ = discover_pages(mini)
    chosen = samples(pages, per_type=2)
    assert len({p.type for p in chosen}) == len({p.type for p in pages})


def test_report_table_statuses(mini):
    pages, _ = discover_pages(mini)
    report = Report(pages)
    for page in pages:
        report.mark_checked("links", page)
    report.add([Finding("links", "/", "brutt-lenke", "<a>", "x")] * 2)
    report.skip("axe", "Chromium finnes ikke")
    assert len(report.findings) == 1
    forside = next(r for r in report.table().splitlines() if r.startswith("Forside"))
    assert "FEIL" in forside and "HOPPET OVER" in forside
    assert "hoppet over: Chromium finnes ikke" in report.table()
