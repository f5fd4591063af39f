"""Each check proven: a hand-made mini site with one good page and one defect per page.

The good pages must pass everything (no false alarms); every defect page must fail
exactly the checks its defect belongs to, with a message that names the page, the rule
and the element.
"""

from __future__ import annotations

import pytest

from generator.audit.model import CHECKS, Finding, Report
from generator.audit.run import run_audit
from tests.browser.conftest import require
from tests.browser.minisite import MISSING_FROM_BUILD, NEUTRAL, write_site

pytestmark = pytest.mark.browser

# page → the checks its defect must fail (and no others)
EXPECTED: dict[str, set[str]] = {
    "/": set(),
    "/standpunkter/": set(),
    "/uten-alt/": {"axe", "html"},
    "/ekstern-font/": {"privacy", "console"},  # the blocked request also logs an error
    "/brutt-lenke/": {"links"},
    "/tung/": {"weight"},
    "/ugyldig/": {"html"},
    "/bred/": {"layout"},
    "/uten-utgang/": {"exit", "keyboard"},
    "/kapsel/": {"privacy"},
    "/konsollfeil/": {"console"},
    "/usynlig-fokus/": {"keyboard"},
    "/uten-skjul/": {"exit"},
    "/innebygd-stil/": {"console"},  # blocked: the exit button stays visible
    "/usynlig-tekst/": {"axe"},
    "/404.html": {"links"},
}

# (page, check, rule starts with, element or message contains)
DEFECTS = [
    ("/uten-alt/", "axe", "image-alt", '<img src="/bilde.svg"'),
    ("/uten-alt/", "html", "vnu", "alt"),
    ("/usynlig-tekst/", "axe", "color-contrast", "Se alle dagene"),
    ("/ekstern-font/", "privacy", "tredjeparts-forespørsel", "fonts.googleapis.com"),
    ("/brutt-lenke/", "links", "brutt-lenke", 'href="/finnes-ikke/"'),
    ("/brutt-lenke/", "links", "brutt-anker", 'href="/#mangler"'),
    ("/tung/", "weight", "for-tung-side", "grensen er 60 kB"),
    ("/ugyldig/", "html", "vnu", "Stray end tag"),
    ("/bred/", "layout", "vannrett-rulling-320px", "For bred boks"),
    ("/bred/", "layout", "vannrett-rulling-360px", "For bred boks"),
    ("/uten-utgang/", "exit", "forlat-siden-mangler", "#forlat-siden"),
    ("/uten-utgang/", "exit", "forlat-siden-tabrekkefølge", "Forside"),
    ("/uten-utgang/", "keyboard", "hopp-til-innhold-først", "Forside"),
    ("/kapsel/", "privacy", "informasjonskapsel", "sporing"),
    ("/konsollfeil/", "console", "konsollfeil", "kall"),
    ("/usynlig-fokus/", "keyboard", "fokus-usynlig", "Hopp til hovedinnholdet"),
    ("/usynlig-fokus/", "keyboard", "fokus-usynlig", "Forlat siden raskt"),
    ("/uten-skjul/", "exit", "forlat-siden-klikk-skjuler-ikke", "synes fortsatt"),
    ("/uten-skjul/", "exit", "forlat-siden-shift-navigerer-ikke", NEUTRAL),
    ("/innebygd-stil/", "console", "csp-brudd", "style-src-elem inline «#forlat-siden"),
    ("/innebygd-stil/", "console", "csp-brudd", "style-src-attr inline «display: none"),
    ("/404.html", "links", "relativ-lenke-på-404", 'href="standpunkter/"'),
    (MISSING_FROM_BUILD, "links", "side-mangler", "sitemap.xml"),
]


@pytest.fixture(scope="module")
def proof(tmp_path_factory: pytest.TempPathFactory) -> Report:
    require(chromium=True, java=True)
    tmp = tmp_path_factory.mktemp("minisite")
    site = write_site(tmp / "site")
    report = run_audit(
        site, neutral_url=NEUTRAL, screenshots=tmp / "bilder", per_type=5, exit_timeout=2_000
    )
    return report


def _matches(f: Finding, page: str, check: str, rule: str, text: str) -> bool:
    return (
        f.page == page
        and f.check == check
        and f.rule.startswith(rule)
        and (text in f.element or text in f.message)
    )


@pytest.mark.parametrize(("page", "check", "rule", "text"), DEFECTS)
def test_defect_is_caught_with_page_rule_and_element(proof, page, check, rule, text):
    found = [f for f in proof.findings if _matches(f, page, check, rule, text)]
    assert found, f"ventet {check}/{rule} på {page}; fant:\n" + "\n".join(
        str(f) for f in proof.findings if f.page == page
    )
    assert str(found[0]).startswith(f"  {page}  [{found[0].rule}]")


@pytest.mark.parametrize("page", list(EXPECTED))
def test_page_fails_exactly_its_own_checks(proof, page):
    failed = {f.check for f in proof.findings if f.page == page}
    assert failed == EXPECTED[page], "\n".join(str(f) for f in proof.findings if f.page == page)


def test_every_check_ran_on_every_page(proof):
    for check in CHECKS:
        assert check not in proof.skipped
        assert proof.checked[check] >= {p.path for p in proof.pages}, check


def test_summary_table_is_norwegian_and_marks_failures(proof):
    table = proof.table()
    assert table.splitlines()[0].split()[:2] == ["Sidetype", "Sider"]
    row = next(line for line in table.splitlines() if line.startswith("uten-alt"))
    assert row.split()[2] == "FEIL"  # the axe column
    forside = next(line for line in table.splitlines() if line.startswith("Forside"))
    assert set(forside.split()[2:]) == {"OK"}
    assert "Utenfor sidene" in table  # the sitemap entry without a file
    assert proof.heaviest[0][0] == "/tung/"


def test_screenshots_are_saved_per_type_and_width(proof):
    shots = {p.name for p in proof.screenshots if p.is_file()}
    for kind in ("forside", "uten-alt", "404"):
        assert {f"{kind}-360.png", f"{kind}-1280.png"} <= shots
