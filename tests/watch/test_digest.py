"""`stemme watch digest`: Markdown on stdout, or e-mail to a real local SMTP server."""

from __future__ import annotations

import socket
from email import message_from_bytes
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from generator.cli import main
from tests.watch.conftest import feed, serve_regjeringen
from tests.watch.test_cli import frozen, run  # noqa: F401  (fixture reuse)

PASSWORD = "hemmelig-passord-123"


class Inbox:
    def __init__(self) -> None:
        self.messages: list = []
        self.logins: list[tuple[bytes, bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login, auth_data.password))
            return AuthResult(success=auth_data.password == PASSWORD.encode())
        return AuthResult(success=False)


@pytest.fixture
def smtp():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    inbox = Inbox()
    controller = Controller(
        inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
        auth_require_tls=False,
    )  # fmt: skip
    controller.start()
    yield inbox, port
    controller.stop()


@pytest.fixture
def polled(project, server, frozen, capsys):  # noqa: F811
    url = serve_regjeringen(server)
    server.expect_request("/st").respond_with_data(feed("stortinget-horinger.xml"))
    code = main(["watch", "--source", f"regjeringen={url}", "--source",
                 f"stortinget={server.url_for('/st')}"])  # fmt: skip
    capsys.readouterr()
    assert code == 0
    return project


def configure(project, port: int, user: str = "varsel") -> None:
    with project.config.open("a", encoding="utf-8") as handle:
        handle.write(
            "\n[watch.digest]\n"
            f'host = "127.0.0.1"\nport = {port}\nuser = "{user}"\n'
            'from = "varsel@krisesentersekretariatet.example"\n'
            'to = ["politikk@krisesentersekretariatet.example"]\n'
            'password_env = "STEMME_TEST_SMTP_PASSWORD"\nstarttls = false\n'
        )


def test_digest_markdown_on_stdout(polled, capsys):
    code, out, _ = run(capsys, "watch", "digest")
    assert code == 0
    assert out.startswith("# Høringsvarsel uke 47 – Krisesentersekretariatet")
    assert "## Nye relevante høringer siste 7 dager (6)" in out
    assert "## Frister innen 14 dager (0)" in out
    assert "treff: kontaktforbud, omvendt voldsalarm" in out


def test_digest_is_received_by_a_local_smtp_server(polled, smtp, capsys, monkeypatch):
    inbox, port = smtp
    configure(polled, port)
    monkeypatch.setenv("STEMME_TEST_SMTP_PASSWORD", PASSWORD)
    code, out, err = run(capsys, "watch", "digest")
    assert code == 0, err
    assert "Sendt til politikk@krisesentersekretariatet.example" in out
    assert PASSWORD not in out + err
    (envelope,) = inbox.messages
    assert inbox.logins == [(b"varsel", PASSWORD.encode())]
    assert envelope.rcpt_tos == ["politikk@krisesentersekretariatet.example"]
    message = message_from_bytes(envelope.content, policy=default)
    assert message["Subject"].startswith("Høringsvarsel uke 47: 6 nye relevante")
    body = message.get_content()
    assert "Høring om forslag til ny forskrift om kvalitet i krisesentertilbudet" in body
    assert PASSWORD not in envelope.content.decode("utf-8", "replace")

    code, out, _ = run(capsys, "watch", "digest", "--print")
    assert code == 0 and out.startswith("# Høringsvarsel") and len(inbox.messages) == 1


def test_digest_without_password_env_fails_clearly(polled, smtp, capsys, monkeypatch):
    inbox, port = smtp
    configure(polled, port)
    monkeypatch.delenv("STEMME_TEST_SMTP_PASSWORD", raising=False)
    code, _, err = run(capsys, "watch", "digest")
    assert code == 1
    assert "miljøvariabelen STEMME_TEST_SMTP_PASSWORD" in err
    assert inbox.messages == []
