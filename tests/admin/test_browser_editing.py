"""Editing in the browser, end to end: the built site's /admin/ in real Chromium.

The site is built with ``[admin]`` set and served with the headers its ``_headers`` asks for
(the later, more specific rule wins, as on Netlify). Sveltia's ``test-repo`` backend keeps
the repository in the browser's origin-private file system (OPFS) and runs the same file
code as the local-repository mode of ``make serve``: the test fills OPFS with the project,
edits through the interface by role and label, reads the files back, and checks that they
differ from the originals only in what was edited and that ``stemme check`` passes on them.
"""

from __future__ import annotations

import base64
import fnmatch
import io
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from PIL import Image

from generator.audit.browser import CHROMIUM_ARGS, find_chromium
from generator.cli import main
from generator.site.content_model import read_markdown
from tests.browser.conftest import SCREENSHOTS, require
from tests.project import copy_project, project_env

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ADMIN = '\n[admin]\nbackend = "gitlab"\nrepo = "krisesenter/nettsted"\napp_id = "stemme-test"\n'
POSITION = "content/standpunkter/familievoldskoordinator-i-hver-kommune.md"
PAGE = "content/sider/om-oss.md"
RESPONSE = "content/hoeringssvar/2026-12-01-horingssvar-forslag-om-nasjonal-voldsalarm.md"
PHOTO = "content/bilder/sol.jpg"
PHOTO_ALT = "En gul sol på lilla bakgrunn."
# The only console errors allowed: the CSP refusing Sveltia's version check against unpkg.
ALLOWED_CONSOLE = ("unpkg.com/@sveltia/cms/package.json",)

FILL = """async (files) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry('sveltia-cms-test', {recursive: true}); } catch (e) {}
  const top = await root.getDirectoryHandle('sveltia-cms-test', {create: true});
  for (const [path, b64] of Object.entries(files)) {
    const parts = path.split('/');
    let dir = top;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const handle = await dir.getFileHandle(parts.at(-1), {create: true});
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const out = await handle.createWritable(); await out.write(bytes); await out.close();
  }
}"""
READ_ALL = """async () => {
  const found = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (handle.kind === 'directory') { await walk(handle, prefix + name + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let text = ''; for (const b of bytes) text += String.fromCharCode(b);
      found[prefix + name] = btoa(text);
    }
  }
  const root = await navigator.storage.getDirectory();
  await walk(await root.getDirectoryHandle('sveltia-cms-test'), '');
  return found;
}"""


def parse_headers_file(text: str) -> list[tuple[str, dict[str, str]]]:
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            rules.append((line.strip(), {}))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


class _Host(SimpleHTTPRequestHandler):
    """Static files with the ``_headers`` rules: later matching rules override earlier ones."""

    rules: ClassVar[list[tuple[str, dict[str, str]]]] = []

    def end_headers(self) -> None:
        headers: dict[str, str] = {}
        for pattern, values in self.rules:
            if fnmatch.fnmatch(self.path.split("?")[0], pattern):
                headers |= values
        for name, value in headers.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for folder in ("content", "campaigns")
        for p in sorted((root / folder).rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    require(chromium=True)
    from generator.site.build import build_site

    paths = copy_project(tmp_path_factory.mktemp("cms") / "prosjekt", reuse_cards=True)
    with paths.config.open("a", encoding="utf-8") as config:
        config.write(ADMIN)
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True, today=date(2026, 12, 5))
    handler = type("Host", (_Host,), {})
    handler.rules = parse_headers_file((paths.output / "_headers").read_text("utf-8"))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(paths.output)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield paths, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_admin_is_built_but_hidden_from_visitors(site):
    paths, _base = site
    out = paths.output
    index = (out / "admin" / "index.html").read_text("utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in index
    assert "'unsafe-eval'" not in index and "<script>" not in index
    assert "/admin/" not in (out / "sitemap.xml").read_text("utf-8")
    linking = [
        p.relative_to(out).as_posix()
        for p in out.rglob("*.html")
        if not p.is_relative_to(out / "admin") and "/admin" in p.read_text("utf-8")
    ]
    assert linking == []
    assert "/admin/" not in (out / "pagefind" / "pagefind-entry.json").read_text("utf-8")
    # The admin's own policy: after the site's /* rule in _headers, and for Apache.
    headers = (out / "_headers").read_text("utf-8")
    assert 0 < headers.index("\n/*\n") < headers.index("\n/admin/*\n")
    htaccess = (out / "admin" / ".htaccess").read_text("utf-8")
    assert "Header always set Content-Security-Policy \"default-src 'self'" in htaccess
    assert "style-src 'self' 'unsafe-inline'" in htaccess and "https://gitlab.com" in htaccess


def _read_all(page: Any) -> dict[str, str]:
    """Every file in the test repository (retried while Sveltia is writing one)."""
    from playwright.sync_api import Error

    for _ in range(20):
        try:
            return page.evaluate(READ_ALL)
        except Error:
            page.wait_for_timeout(100)
    return page.evaluate(READ_ALL)


def _wait_for_change(page: Any, before: dict[str, str], path: str) -> None:
    for _ in range(100):
        if _read_all(page).get(path) != before.get(path):
            page.wait_for_timeout(300)  # the save's last writes
            return
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} ble ikke lagret")


def _click_at_end(block: Any) -> None:
    """Put the caret after the last character of a paragraph or heading."""
    box = block.bounding_box()
    block.click(position={"x": box["width"] - 2, "y": box["height"] - 4})


def _edit(page: Any, base: str, photo: Path) -> None:
    shots = SCREENSHOTS / "admin"
    shots.mkdir(parents=True, exist_ok=True)
    page.get_by_role("button", name="Work with Test Repository").click()
    page.get_by_role("treeitem", name="Standpunkter").wait_for()
    page.screenshot(path=shots / "01-samlinger.png")

    # 1. A statistic in the facts (the root list of content/fakta.yaml).
    before = _read_all(page)
    page.goto(base + "/admin/#/collections/fakta/entries/fakta")
    page.get_by_role("button", name="Expand").first.click()
    figure = page.get_by_role("textbox", name="Tall", exact=True).first
    assert figure.input_value() == "1 av 4"
    figure.fill("1 av 5")
    page.screenshot(path=shots / "02-fakta.png")
    page.get_by_role("button", name="Save").click()
    _wait_for_change(page, before, "content/fakta.yaml")

    # 2. A position's title, and a fact box inserted as a block.
    before = _read_all(page)
    page.goto(
        base + "/admin/#/collections/standpunkter/entries/familievoldskoordinator-i-hver-kommune"
    )
    title = page.get_by_role("textbox", name="Tittel", exact=True)
    title.fill(title.input_value().replace("en familievoldskoordinator", "sin egen koordinator"))
    editor = page.get_by_role("textbox", name="Tekst", exact=True)
    _click_at_end(editor.get_by_text("Mange kommuner mangler dessuten en plan"))
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Insert", exact=True).click()
    page.get_by_role("menuitem", name="Faktaboks").click()
    page.get_by_role("combobox", name="Faktum").first.click()  # new, above the old box
    page.get_by_role("option", name="krisesenter-barn").click()
    page.screenshot(path=shots / "03-faktaboks.png")
    page.get_by_role("button", name="Save").click()
    _wait_for_change(page, before, POSITION)

    # 3. A photo (uploaded to content/bilder/) with alt text on a page.
    before = _read_all(page)
    page.goto(base + "/admin/#/collections/sider/entries/om-oss")
    editor = page.get_by_role("textbox", name="Tekst", exact=True)
    _click_at_end(editor.get_by_role("heading", name="Hvem vi er"))
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Insert", exact=True).click()
    page.get_by_role("menuitem", name="Bilde").click()
    editor.get_by_role("button", name="Browse").click()
    dialog = page.get_by_role("dialog", name="Select Image")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="Upload").click()
    chooser.value.set_files(str(photo))
    dialog.get_by_role("option", name="sol.jpg").click()
    dialog.get_by_role("button", name="Insert").click()
    dialog.wait_for(state="hidden")
    editor.get_by_text("/bilder/sol.jpg").wait_for()
    editor.get_by_role("textbox", name="Alternativ tekst").last.fill(PHOTO_ALT)
    page.screenshot(path=shots / "04-bilde.png")
    page.get_by_role("button", name="Save").click()
    _wait_for_change(page, before, PAGE)

    # 4. A new høringssvar, left as a draft.
    before = _read_all(page)
    page.goto(base + "/admin/#/collections/hoeringssvar/new")
    page.get_by_role("textbox", name="Tittel", exact=True).fill(
        "Høringssvar – forslag om nasjonal voldsalarm"
    )
    page.get_by_role("textbox", name="Dato", exact=True).fill("2026-12-01")
    page.get_by_role("textbox", name="Mottaker (departement)").fill(
        "Justis- og beredskapsdepartementet"
    )
    page.get_by_role("textbox", name="Lenke til høringen").fill(
        "https://www.regjeringen.no/no/dokumenter/horing-voldsalarm/id9999999/"
    )
    page.get_by_role("textbox", name="Deres ref.").fill("26/9999")
    page.get_by_role("textbox", name="Frist", exact=True).fill("2027-01-15")
    page.get_by_role("combobox", name="Fakta").scroll_into_view_if_needed()
    page.mouse.move(300, 500)
    page.mouse.wheel(0, 3000)  # the text editor is drawn when it scrolls into view
    page.get_by_role("textbox", name="Tekst", exact=True).click()
    page.keyboard.type("Vi støtter forslaget.")
    page.screenshot(path=shots / "05-nytt-horingssvar.png")
    page.get_by_role("button", name="Save").click()
    _wait_for_change(page, before, RESPONSE)
    page.screenshot(path=shots / "06-lagret.png")


def _photo(tmp: Path) -> Path:
    image = Image.new("RGB", (1200, 800), (91, 42, 134))
    image.paste((242, 193, 78), (400, 200, 800, 600))
    path = tmp / "sol.jpg"
    image.save(path, quality=85)
    return path


def test_staff_edit_in_the_browser_and_only_the_edits_change(site, tmp_path, monkeypatch):
    from playwright.sync_api import sync_playwright

    paths, base = site
    originals = _files(paths.root)
    photo = _photo(tmp_path)
    foreign: list[str] = []
    console: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nb-NO")
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on(
            "request",
            lambda r: None if r.url.startswith((base, "data:", "blob:")) else foreign.append(r.url),
        )
        page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
        missing: list[str] = []
        page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)

        def test_repo(route: Any) -> None:  # the built config, with the test backend
            response = route.fetch()
            config = yaml.safe_load(response.text())
            assert config["backend"]["name"] == "gitlab"
            config["backend"] = {"name": "test-repo"}
            route.fulfill(response=response, body=yaml.safe_dump(config, allow_unicode=True))

        page.route("**/admin/config.yml*", test_repo)
        page.goto(base + "/robots.txt")  # OPFS belongs to the origin: fill it from there
        page.evaluate(FILL, {k: base64.b64encode(v).decode() for k, v in originals.items()})
        response = page.goto(base + "/admin/")
        assert response is not None and response.ok
        csp = response.headers["content-security-policy"]
        assert "style-src 'self' 'unsafe-inline'" in csp and "font-src 'self'" in csp
        assert "connect-src 'self' data: blob: https://gitlab.com" in csp
        assert "'unsafe-eval'" not in csp
        assert response.headers["x-robots-tag"] == "noindex, nofollow"
        _edit(page, base, photo)
        written = {k: base64.b64decode(v) for k, v in _read_all(page).items()}
        browser.close()

    assert foreign == []
    # The preview asks the site for a photo a page already had by its path in content/
    # (../bilder/…); the site publishes only sized variants of photos, never originals.
    assert set(missing) <= {f"{base}/bilder/fellesskap.jpg"}
    not_found = "Failed to load resource: the server responded with a status of 404"
    unexpected = [c for c in console if not any(a in c for a in ALLOWED_CONSOLE)]
    assert [c for c in unexpected if not c.startswith(not_found)] == []
    changed = {k for k in written if written[k] != originals.get(k)}
    # Sveltia saves every language of the entry it saves: the translations of the edited
    # page are written again, and must say exactly what they said.
    translations = {PAGE.replace(".md", f".{lang}.md") for lang in ("en", "nn")}
    assert changed == {"content/fakta.yaml", POSITION, PAGE, RESPONSE, PHOTO, *translations}
    assert set(originals) <= set(written)
    _assert_only_the_edits(originals, written, photo)
    for name in translations:
        meta_before, body_before = _front(originals[name], photo.parent)
        meta_after, body_after = _front(written[name], photo.parent)
        assert meta_after.pop("slug", "om-oss") == "om-oss"  # the original's: Pelican pairs them
        assert meta_after == meta_before  # the version and the review mark kept, as values
        assert _lines(body_after) == _lines(body_before)

    # `stemme check` passes on the files the browser wrote.
    for name in changed:
        (paths.root / name).parent.mkdir(parents=True, exist_ok=True)
        (paths.root / name).write_bytes(written[name])
    for name, value in project_env(paths).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("STEMME_TODAY", "2026-12-05")
    assert main(["check"]) == 0


def _front(data: bytes, tmp: Path) -> tuple[dict, str]:
    path = tmp / "fil.md"
    path.write_bytes(data)
    meta, body, _line = read_markdown(path)
    return meta, body


def _lines(body: str) -> list[str]:
    return [line for line in body.splitlines() if line.strip()]


def _assert_only_the_edits(originals: dict, written: dict, photo: Path) -> None:
    tmp = photo.parent
    facts_before = yaml.safe_load(originals["content/fakta.yaml"])
    facts_after = yaml.safe_load(written["content/fakta.yaml"])
    assert facts_after[0]["figure"] == "1 av 5"
    facts_after[0]["figure"] = "1 av 4"
    assert facts_after == facts_before  # every other value and type kept (759 stays "759")

    meta_before, body_before = _front(originals[POSITION], tmp)
    meta_after, body_after = _front(written[POSITION], tmp)
    assert meta_after.pop("title") == "Hver kommune trenger sin egen koordinator"
    meta_before.pop("title")
    # The editor's checkbox for a translation's review mark writes its default (false) into
    # the original too: the same as leaving it out.
    assert meta_after.pop("reviewed", False) is False
    assert meta_after == meta_before
    added = _lines(body_after)
    added.remove("[[fakta:krisesenter-barn]]")
    assert added == _lines(body_before)
    assert "\\[[" not in body_after

    meta_before, body_before = _front(originals[PAGE], tmp)
    meta_after, body_after = _front(written[PAGE], tmp)
    assert meta_after.pop("reviewed", False) is False
    assert meta_after == meta_before
    added = _lines(body_after)
    added.remove(f"![{PHOTO_ALT}](/bilder/sol.jpg)")
    assert added == _lines(body_before)
    assert Image.open(io.BytesIO(written[PHOTO])).size == (1200, 800)
    assert written[PHOTO] == photo.read_bytes()

    meta, body = _front(written[RESPONSE], tmp)
    assert meta == {
        "title": "Høringssvar – forslag om nasjonal voldsalarm",
        "date": "2026-12-01",  # read_markdown leaves dates as text for the model
        "department": "Justis- og beredskapsdepartementet",
        "consultation": "https://www.regjeringen.no/no/dokumenter/horing-voldsalarm/id9999999/",
        "reference": "26/9999",
        "deadline": "2027-01-15",
        "status": "utkast",
    }
    assert body.strip() == "Vi støtter forslaget."
