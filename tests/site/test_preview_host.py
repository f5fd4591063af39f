"""The preview answers only requests for this machine: a page that rebinds its own name to
127.0.0.1 (DNS rebinding) sends its own name as ``Host`` and gets 421 and a short
Norwegian text, never a draft. A real server on a free port, real HTTP requests."""

from __future__ import annotations

import http.client

import pytest

from generator.site.preview import WRONG_HOST, PreviewServer, PreviewState

DRAFT = "<!doctype html><title>Utkast</title><p>Hemmelig utkast</p>"


def _get(port: int, host: str | None, method: str = "GET") -> tuple[int, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.putrequest(method, "/", skip_host=True)
        if host is not None:
            connection.putheader("Host", host)
        connection.endheaders()
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8")
    finally:
        connection.close()


@pytest.fixture
def server(project):
    project.preview.mkdir(parents=True)
    (project.preview / "index.html").write_text(DRAFT, encoding="utf-8")
    with PreviewServer(project, 0, PreviewState(True, 0.1, pages=1)) as running:
        yield running


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "[::1]:{port}"])
def test_the_loopback_names_get_the_page(server, host):
    assert _get(server.port, host.format(port=server.port)) == (200, DRAFT)


@pytest.mark.parametrize(
    "host",
    [
        "angriper.example:{port}",
        "127.0.0.1.angriper.example:{port}",
        "localhost:1",  # another port: another server's page talking to ours
        "",
        None,
    ],
)
def test_any_other_host_gets_421_and_no_draft(server, host):
    forged = host.format(port=server.port) if host else host
    status, text = _get(server.port, forged)
    assert (status, text) == (421, WRONG_HOST)
    assert "Hemmelig" not in text
    assert _get(server.port, forged, "HEAD") == (421, "")
