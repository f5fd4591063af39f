"""`stemme serve`: the preview in ``build/preview/``, rebuilt whenever something changes.

    build_preview   one preview build (drafts shown, «UTKAST – ikke publisert»); never
                    raises for bad content — the result carries the check's messages
    PreviewServer   a local HTTP server on 127.0.0.1 only, answering only requests whose
                    ``Host`` is localhost/127.0.0.1/[::1] (421 otherwise: no DNS
                    rebinding page reads the drafts); while the last build failed,
                    every page answers with the Norwegian error page (refreshing itself),
                    never a silently missing page; no English access log. /admin/ (the
                    browser editor, local-repository mode) is served even then
    watch_and_build rebuilds on changes in content/, campaigns/, theme/, stemme.toml and
                    the Pelican settings (watchfiles; the top-level files are compared by
                    their stat, since editors save them by replacing the file)

The preview never touches ``output/``: only ``make publish`` writes there.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from html import escape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.core import (
    ContentError,
    ContentErrors,
    Paths,
    StemmeError,
    count_errors,
    seconds_text,
)
from generator.site.build import build_site

WATCHED_DIRS = ("content", "campaigns", "theme")
WATCHED_FILES = ("stemme.toml", "pelicanconf.py", "publishconf.py")


@dataclass
class PreviewState:
    """The outcome of the last preview build."""

    ok: bool
    seconds: float
    pages: int = 0
    warnings: list[str] = field(default_factory=list)
    errors: list[ContentError] = field(default_factory=list)
    failure: str = ""  # a build failure that is not about one content file
    unchanged: bool = False  # nothing changed since the last build: nothing was built

    @property
    def summary(self) -> str:
        """One Norwegian line for the terminal."""
        when = time.strftime("%H:%M:%S")
        if self.ok and self.unchanged:
            return f"{when} Ingen endringer – forhåndsvisningen er uendret ({self.pages} sider)."
        if self.ok:
            took = seconds_text(self.seconds)
            return f"{when} Bygget forhåndsvisningen på {took}: {self.pages} sider."
        if self.errors:
            return f"{when} {count_errors(self.errors)} — forhåndsvisningen viser feilene."
        return f"{when} Byggingen feilet — forhåndsvisningen viser feilen."


def build_preview(paths: Paths, today: date | None = None) -> PreviewState:
    """Build the preview into build/preview/; bad content gives a state, not an error."""
    started = time.monotonic()
    try:
        result = build_site(paths, today=today)
    except ContentErrors as exc:
        return PreviewState(False, time.monotonic() - started, errors=exc.errors)
    except StemmeError as exc:
        return PreviewState(False, time.monotonic() - started, failure=str(exc))
    seconds = time.monotonic() - started
    return PreviewState(True, seconds, result.pages, result.warnings, unchanged=result.unchanged)


def error_page(state: PreviewState) -> bytes:
    """The page the preview shows while the last build failed (Norwegian, self-contained)."""
    if state.errors:
        heading = f"{count_errors(state.errors)}"
        items = "".join(
            f"<li><p><strong>{escape(e.headline)}</strong></p>"
            + (f"<p>Slik retter du det: {escape(e.fix)}</p>" if e.fix else "")
            + "</li>"
            for e in state.errors
        )
        body = f"<ol>{items}</ol>"
    else:
        heading = "Byggingen feilet"
        body = f"<pre>{escape(state.failure)}</pre>"
    return f"""<!doctype html>
<html lang="nb"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="2">
<title>Forhåndsvisningen kan ikke bygges</title>
<style>body{{font:1.05rem/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;
color:#1D1D1B;overflow-wrap:anywhere}}h1{{color:#8A1C1C;font-size:clamp(1.5rem,7vw,2.2rem);
line-height:1.2}}ol{{padding-left:1.5rem}}li{{margin-bottom:1rem}}pre{{white-space:pre-wrap}}</style>
</head><body><main>
<h1>Forhåndsvisningen kan ikke bygges</h1>
<p><strong>{escape(heading)}.</strong> Siden du ba om, vises igjen når feilene er rettet.
Denne siden oppdaterer seg selv når du lagrer.</p>
{body}
</main></body></html>
""".encode()


LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_HOST = re.compile(r"^(localhost|127\.0\.0\.1|\[::1\])(?::(\d+))?$")
WRONG_HOST = (
    "Forhåndsvisningen svarer bare på http://127.0.0.1 og http://localhost på denne "
    "maskinen. Åpne adressen «stemme serve» skrev ut.\n"
)


def host_allowed(host: str | None, port: int) -> bool:
    """Whether a ``Host`` header names this machine: localhost, 127.0.0.1 or [::1], with
    no port or the preview's own."""
    m = _HOST.match((host or "").strip().lower())
    return bool(m) and m.group(2) in (None, str(port))


class _Handler(SimpleHTTPRequestHandler):
    """Serves build/preview/; while the last build failed, HTML requests get the error page."""

    state_of: Callable[[], PreviewState]

    def __init__(self, *args: object, state_of: Callable[[], PreviewState], **kwargs: object):
        self.state_of = state_of
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def do_GET(self) -> None:
        if not self._local_host():
            return
        state = self.state_of()
        if not state.ok and self._is_page():
            page = error_page(state)
            self.send_response(500)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(page)
            return
        super().do_GET()

    def do_HEAD(self) -> None:
        if self._local_host():
            super().do_HEAD()

    def _local_host(self) -> bool:
        """Whether the request names this machine (``Host``); else answer 421 and say why.

        A page on another site can make the browser ask for a name of its own that
        resolves to 127.0.0.1 (DNS rebinding) and read the answer: the drafts. Such a
        request carries that name in ``Host``, so only the loopback names pass."""
        if host_allowed(self.headers.get("Host"), int(self.server.server_address[1])):
            return True
        text = WRONG_HOST.encode()
        self.send_response(421)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(text)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(text)
        return False

    def _is_page(self) -> bool:
        path = self.path.split("?", 1)[0]
        if path.startswith("/admin/"):  # the browser editor stays up, to fix what is wrong
            return False
        return path.endswith("/") or path.endswith(".html") or "." not in path.rsplit("/", 1)[-1]

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own (Norwegian) 404 page."""
        missing = Path(self.directory) / "404.html"
        if code != 404 or not missing.is_file():
            super().send_error(code, message, explain)
            return
        page = missing.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """No access log in the terminal (it would be English and noisy)."""


class PreviewServer:
    """The preview on http://127.0.0.1:PORT/ (port 0: any free port), in a thread."""

    def __init__(self, paths: Paths, port: int, state: PreviewState) -> None:
        self.state = state
        handler = partial(_Handler, directory=str(paths.preview), state_of=lambda: self.state)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def __enter__(self) -> PreviewServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _stat(paths: Paths) -> tuple[tuple[int, int, int] | None, ...]:
    """What the top-level settings files look like now (replaced files change inode)."""
    out = []
    for name in WATCHED_FILES:
        try:
            st = (paths.root / name).stat()
            out.append((st.st_mtime_ns, st.st_size, st.st_ino))
        except OSError:
            out.append(None)
    return tuple(out)


def changes(paths: Paths, stop: threading.Event) -> Iterator[int]:
    """Yield (the number of changed paths) each time the watched files change."""
    import watchfiles

    folders = [str(paths.root / d) for d in WATCHED_DIRS if (paths.root / d).is_dir()]
    before = _stat(paths)
    for batch in watchfiles.watch(
        *folders,
        stop_event=stop,
        yield_on_timeout=True,
        rust_timeout=500,
        debounce=300,
        raise_interrupt=True,  # Ctrl+C reaches «stemme serve», which says goodbye in Norwegian
    ):
        now = _stat(paths)
        if batch or now != before:
            before = now
            yield len(batch) or 1


def watch_and_build(
    paths: Paths,
    server: PreviewServer,
    stop: threading.Event,
    today: date | None = None,
    report: Callable[[PreviewState], None] = lambda state: None,
) -> None:
    """Rebuild the preview on every change until ``stop`` is set."""
    for _ in changes(paths, stop):
        server.state = build_preview(paths, today)
        report(server.state)
