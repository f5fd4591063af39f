"""The site in several languages (issue 25): one real publish build of the example project
with the language fixtures (tests/fixtures/languages/) beside their originals."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest

from generator.core.config import Paths
from tests.language_fixtures import add_language_fixtures
from tests.project import copy_project, project_env
from tests.site.conftest import BUILD_DAY, Page, parse_page

BASE = "https://krisesentersekretariatet.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    from generator.site.build import build_site

    paths = copy_project(tmp_path_factory.mktemp("sprak") / "prosjekt")
    add_language_fixtures(paths)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=BUILD_DAY)
    return paths


def page(site: Paths, path: str) -> Page:
    return parse_page(site.output / path / "index.html")


def alternates(p: Page) -> dict[str, str]:
    return {
        str(t.attrs["hreflang"]): str(t.attrs["href"])
        for t in p.find("link", rel="alternate")
        if t.attrs.get("hreflang")
    }


def html_tag(p: Page) -> dict[str, str | None]:
    return p.find("html")[0].attrs


def test_translation_lives_under_its_language_and_says_so(site: Paths) -> None:
    en = page(site, "en/om-oss")
    assert html_tag(en)["lang"] == "en" and html_tag(en)["dir"] == "ltr"
    assert "<title>About us – " in en.html
    nn = page(site, "nn/om-oss")
    assert html_tag(nn)["lang"] == "nn"
    assert html_tag(page(site, "om-oss"))["lang"] == "nb"


def test_arabic_and_urdu_pages_read_right_to_left(site: Paths) -> None:
    for lang in ("ar", "ur"):
        p = page(site, f"{lang}/hjelp")
        assert html_tag(p) == {"lang": lang, "dir": "rtl"}
        # the switcher names bokmål left to right inside the right-to-left page
        assert p.find("a", href="/hjelp/", lang="nb", dir="ltr")
    assert page(site, "hjelp").find("a", href="/ar/hjelp/", lang="ar", dir="rtl")


def test_hreflang_points_both_ways_with_itself_and_x_default(site: Paths) -> None:
    expected = {
        "nb": f"{BASE}/om-oss/",
        "nn": f"{BASE}/nn/om-oss/",
        "en": f"{BASE}/en/om-oss/",
        "x-default": f"{BASE}/om-oss/",
    }
    for path in ("om-oss", "nn/om-oss", "en/om-oss"):
        assert alternates(page(site, path)) == expected, path
    help_links = alternates(page(site, "ar/hjelp"))
    assert help_links["ar"] == f"{BASE}/ar/hjelp/" and help_links["ur"] == f"{BASE}/ur/hjelp/"
    assert alternates(page(site, "hjelp")) == help_links
    # a text in one language only names no alternates
    assert alternates(page(site, "personvern")) == {}


def test_sitemap_has_the_same_alternates_and_no_untranslated_pages(site: Paths) -> None:
    root = ElementTree.parse(site.output / "sitemap.xml").getroot()
    found = {}
    for url in root.iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        found[loc] = {
            link.attrib["hreflang"]: link.attrib["href"] for link in url.iter(f"{XHTML}link")
        }
    for path in ("om-oss", "en/om-oss", "ar/hjelp"):
        assert found[f"{BASE}/{path}/"] == alternates(page(site, path))
    assert f"{BASE}/en/personvern/" not in found  # the «not translated» page (noindex)
    assert f"{BASE}/en/standpunkter/only-in-english/" in found


def test_english_only_text_never_in_the_bokmal_lists(site: Paths) -> None:
    slug = "only-in-english"
    for path in ("", "standpunkter"):
        assert slug not in page(site, path).html
    nb_feed = (site.output / "feeds" / "standpunkter.atom.xml").read_text(encoding="utf-8")
    assert slug not in nb_feed
    assert slug in page(site, "en/standpunkter").html
    assert slug in page(site, "en").html
    en_feed = (site.output / "en" / "feeds" / "standpunkter.atom.xml").read_text(encoding="utf-8")
    assert slug in en_feed and "samtykkeloven-ma-virke" in en_feed
    assert "<feed" in en_feed and 'xml:lang="en"' in en_feed
    assert 'xml:lang="nb"' in nb_feed
    # the English list holds English texts only
    assert "Hver kommune" not in page(site, "en/standpunkter").text


def test_interface_is_translated(site: Paths) -> None:
    en = page(site, "en/standpunkter/samtykkeloven-ma-virke")
    for text in (
        "Skip to main content",
        "Leave this site quickly",
        "or press Shift three times",
        "Police",
        "Violence and Abuse Helpline",
        "Find your nearest crisis centre",
        "Published",
        "20 November 2025",  # Babel, English
    ):
        assert text in en.text, text
    assert en.find("aside", **{"class": "quick-exit", "aria-label": "Leave this site quickly"})
    assert en.find("nav", **{"class": "site-nav", "aria-label": "Main menu"})
    assert en.find("form", action="/en/sok/")
    nn = page(site, "nn/om-oss")
    assert "Hopp til hovudinnhaldet" in nn.text and "Forlat sida raskt" in nn.text
    nb = page(site, "standpunkter/samtykkeloven-ma-virke")
    assert "Hopp til hovedinnholdet" in nb.text and "20. november 2025" in nb.text


def test_language_switcher_names_each_language_in_itself(site: Paths) -> None:
    p = page(site, "hjelp")
    switcher = re.search(r'<nav class="lang-switch".*?</nav>', p.html, re.S)
    assert switcher is not None
    links = dict(re.findall(r'<a href="([^"]+)" lang="([a-z]+)"', switcher.group(0)))
    assert links == {
        "/hjelp/": "nb",
        "/nn/hjelp/": "nn",  # not translated: the page that says so, in nynorsk
        "/en/hjelp/": "en",
        "/ar/hjelp/": "ar",
        "/ur/hjelp/": "ur",
    }
    for name in ("Norsk bokmål", "Norsk nynorsk", "English", "العربية", "اردو"):
        assert f">{name}</a>" in switcher.group(0)
    assert p.find("a", href="/hjelp/", lang="nb", **{"aria-current": "page"})


def test_untranslated_page_says_so_in_the_visitors_language(site: Paths) -> None:
    en = page(site, "en/personvern")
    assert html_tag(en)["lang"] == "en"
    assert "This page has not been translated yet" in en.text
    assert en.find("meta", name="robots", content="noindex")
    assert en.find("a", href="/personvern/", hreflang="nb")
    # and the English chrome links there, not to the bokmål page
    assert page(site, "en/om-oss").find("a", href="/en/personvern/")
    nn = page(site, "nn/personvern")
    assert "Denne sida er ikkje omsett enno" in nn.text


def test_search_has_one_index_per_published_language(site: Paths) -> None:
    for bundle in ("pagefind", "pagefind-en", "pagefind-nn"):
        assert (site.output / bundle / "pagefind.js").is_file(), bundle
    entry = (site.output / "pagefind-en" / "pagefind-entry.json").read_text(encoding="utf-8")
    assert '"en"' in entry
    assert html_tag(page(site, "en/om-oss")).get("data-search-index") == "/pagefind-en/"
    assert "data-search-index" not in str(html_tag(page(site, "om-oss")))
    english_sok = page(site, "en/sok")
    assert english_sok.find("section", id="treff", **{"data-text-topics": "All topics (Norwegian)"})


def test_each_translation_has_its_own_title_card(site: Paths) -> None:
    nb = page(site, "om-oss").find("meta", property="og:image")[0].attrs["content"]
    en = page(site, "en/om-oss").find("meta", property="og:image")[0].attrs["content"]
    assert nb != en and str(en).endswith("-en-og.png")
