"""The preview (`stemme serve`, `stemme build`): build/preview/ with drafts under a banner,
an error page instead of a missing page, a rebuild on every change — and output/ is
never touched."""

from __future__ import annotations

import hashlib
import logging
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from generator.core.errors import BuildError, ContentError
from generator.site.build import build_site
from generator.site.pelican_log import record_pelican
from generator.site.preview import PreviewServer, PreviewState, build_preview, watch_and_build
from tests.project import copy_project, project_env
from tests.site.conftest import BUILD_DAY, parse_page

DRAFT = "hoeringssvar/2026-11-20-evaluering-av-krisesenterloven/index.html"
BANNER = (
    '<p class="draft-banner" role="note"><strong>UTKAST – ikke publisert.</strong> Siden '
    "vises bare i forhåndsvisningen. Sett «status: sendt» og «sent: ÅÅÅÅ-MM-DD» når svaret er "
    "sendt.</p>"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    """The example project published once into output/; each test may build the preview."""
    paths = copy_project(tmp_path_factory.mktemp("forhandsvisning") / "prosjekt")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        mp.setenv("STEMME_TODAY", BUILD_DAY.isoformat())
        build_site(paths, publish=True)
        yield paths


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_drafts_are_in_the_preview_with_a_banner_and_never_in_output(site, capfd):
    state = build_preview(site)
    assert state.ok, state.errors
    assert capfd.readouterr() == ("", "")  # no Pelican log lines reach the terminal
    assert BANNER in (site.preview / DRAFT).read_text("utf-8")
    listing = parse_page(site.preview / "hoeringssvar" / "index.html")
    assert "Til Barne- og familiedepartementet · UTKAST – ikke publisert" in listing.text
    assert not (site.output / DRAFT).exists()
    everything = "".join(p.read_text("utf-8", "ignore") for p in site.output.rglob("*.html"))
    assert "UTKAST" not in everything
    cards = [p.name for p in site.cache.rglob("*.png")] + [
        p.name for p in site.preview.rglob("*.png")
    ]
    assert cards and not any("evaluering-av-krisesenterloven" in name for name in cards)


def test_the_preview_never_changes_output(site):
    before = _snapshot(site.output)
    assert before and build_preview(site).ok
    page = site.positions / "samtykkeloven-ma-virke.md"
    good = page.read_text("utf-8")
    try:
        page.write_text(good.replace("title:", "titel:", 1), "utf-8")
        broken = build_preview(site)
        assert not broken.ok and len(broken.errors) == 1
    finally:
        page.write_text(good, "utf-8")
    assert _snapshot(site.output) == before
    assert (site.preview / "index.html").is_file()  # the last good preview is kept


def test_a_preview_build_may_not_write_output(site):
    with pytest.raises(BuildError) as info:
        build_site(site, output=site.output)
    assert str(info.value) == (
        "Forhåndsvisningen (med utkast) skrives aldri til output/. Slik retter du det: bruk "
        "«make publish» for det offentlige nettstedet."
    )


def _get(port: int, path: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def test_a_broken_edit_shows_the_messages_instead_of_the_page(site):
    assert build_preview(site).ok
    error = ContentError(
        "ukjent felt «titel». Mente du «title»?",
        file="content/standpunkter/samtykkeloven-ma-virke.md",
        line=2,
        fix="skriv «title:» i stedet for «titel:».",
    )
    with PreviewServer(site, 0, PreviewState(False, 0.1, errors=[error])) as server:
        assert server.httpd.server_address[0] == "127.0.0.1"
        status, html = _get(server.port, "/standpunkter/samtykkeloven-ma-virke/")
        assert status == 500
        assert " ".join(_text(html).split()) == (
            "Forhåndsvisningen kan ikke bygges Forhåndsvisningen kan ikke bygges "
            "Fant 1 feil i 1 fil. Siden du ba om, vises igjen når feilene er rettet. Denne "
            "siden oppdaterer seg selv når du lagrer. "
            "content/standpunkter/samtykkeloven-ma-virke.md, linje 2: ukjent felt «titel». "
            "Mente du «title»? Slik retter du det: skriv «title:» i stedet for «titel:»."
        )
        assert _get(server.port, "/theme/css/site.css")[0] == 200
        server.state = PreviewState(True, 0.1, pages=1)
        assert _get(server.port, "/standpunkter/samtykkeloven-ma-virke/")[0] == 200
        status, html = _get(server.port, "/finnes-ikke/")
        assert status == 404 and 'lang="nb"' in html


def _text(html: str) -> str:
    import re

    html = re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def test_the_serve_loop_rebuilds_on_a_campaign_edit(site):
    server = PreviewServer(site, 0, build_preview(site))
    states: list[PreviewState] = []
    reported = threading.Event()

    def report(state: PreviewState) -> None:
        states.append(state)
        reported.set()

    stop = threading.Event()
    loop = threading.Thread(target=watch_and_build, args=(site, server, stop),
                            kwargs={"report": report})  # fmt: skip
    campaign = site.campaigns / "taushet-tar-liv-2026" / "campaign.yaml"
    landing = site.preview / "kampanjer" / "taushet-tar-liv-2026" / "index.html"
    original = campaign.read_text("utf-8")
    with server:
        loop.start()
        try:
            time.sleep(1.5)  # let the watcher start
            before = len(states)
            campaign.write_text(
                original.replace("slogan: Sammen kan vi", "slogan: Sammen skal vi"), "utf-8"
            )

            def rebuilt() -> bool:
                new = states[before:]
                return bool(new) and new[-1].ok and "Sammen skal vi" in landing.read_text("utf-8")

            # Wait on the *reported* state (the page is swapped in before the state is
            # reported, so waiting for the file alone races on a loaded machine).
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and not rebuilt():
                reported.wait(timeout=0.5)
                reported.clear()
            assert states[before:] and states[-1].ok, states
            assert "Sammen skal vi bekjempe vold" in landing.read_text("utf-8")
            assert _get(server.port, "/kampanjer/taushet-tar-liv-2026/")[0] == 200
        finally:
            stop.set()
            loop.join(timeout=30)
            campaign.write_text(original, "utf-8")
    assert not loop.is_alive()


def test_pelican_log_lines_become_norwegian(tmp_path):
    logger = logging.getLogger("pelican.generators")
    source = tmp_path / "content" / "standpunkter" / "x.md"
    with record_pelican(tmp_path) as recorder:
        try:
            raise ContentError("ukjent felt «titel».", file="content/standpunkter/x.md")
        except ContentError:  # as Pelican logs it: without the exception (no DEBUG)
            logger.exception("Could not process %s", str(source), exc_info=False)
        try:
            {}["slug"]
        except KeyError:
            logger.exception("Could not process %s", str(source), exc_info=False)
        logging.getLogger("pelican.contents").warning(
            "Unable to find '%s', skipping url replacement.", "{filename}/mangler.md"
        )
        logging.getLogger("pelican.contents").warning("Some other chatter")
    assert recorder.errors == [
        "content/standpunkter/x.md: kunne ikke leses: content/standpunkter/x.md: ukjent felt "
        "«titel».",
        "content/standpunkter/x.md: kunne ikke leses: KeyError: 'slug' (en feil i Stemme, ikke "
        "i teksten din; meld den til den som drifter Stemme, med denne meldingen)",
    ]
    assert recorder.warnings == [
        "lenken «{filename}/mangler.md» peker på en fil som ikke finnes; rett lenken eller "
        "legg filen til"
    ]
