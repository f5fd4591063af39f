"""A real Apache (Debian's ``apache2``) on 127.0.0.1, configured the way the handbook asks.

The server gets its own minimal ``httpd.conf`` in a temp folder (no system configuration:
only the modules a typical web host loads) and the document root ``AllowOverride`` exactly
as ``handbook/docs/rutiner/publisere.md`` prescribes, so the generated ``.htaccess`` is
tried under the same limits a host would set.
"""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.project import ROOT

APACHE = "/usr/sbin/apache2"
MODULES = Path("/usr/lib/apache2/modules")
# What a Debian host enables by default (a2enmod list), plus mod_headers the handbook names.
LOADED = ["mpm_event", "authz_core", "authz_host", "alias", "dir", "mime", "headers",
          "setenvif", "autoindex", "filter", "deflate", "env", "reqtimeout"]  # fmt: skip

need_apache = pytest.mark.skipif(
    shutil.which(APACHE) is None and not Path(APACHE).is_file(),
    reason="Apache (Debian-pakken apache2) er ikke installert",
)


def prescribed_override() -> str:
    """The ``AllowOverride`` line the handbook tells a host to use."""
    text = (ROOT / "handbook/docs/rutiner/publisere.md").read_text("utf-8")
    found = re.search(r"`AllowOverride ([A-Za-z ]+)`", text)
    assert found, "håndboken nevner ikke AllowOverride"
    return found.group(1).strip()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _config(root: Path, work: Path, port: int, override: str) -> str:
    loads = "\n".join(f"LoadModule {m}_module {MODULES}/mod_{m}.so" for m in LOADED)
    return f"""ServerRoot "{work}"
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile "{work}/httpd.pid"
{loads}
User nobody
Group nogroup
ErrorLog "{work}/error.log"
LogLevel warn
TypesConfig /etc/mime.types
DirectoryIndex index.html
<Directory />
    AllowOverride None
    Require all denied
</Directory>
DocumentRoot "{root}"
<Directory "{root}">
    Options FollowSymLinks
    AllowOverride {override}
    Require all granted
</Directory>
AccessFileName .htaccess
"""


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers and body of one GET (an HTTP error is an answer, not an exception)."""
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, dict(answer.headers), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@contextmanager
def apache(root: Path, work: Path, override: str | None = None) -> Iterator[str]:
    """Serve ``root`` with Apache; yield its base URL; stop it (by its pid) afterwards."""
    port = _free_port()
    work.mkdir(parents=True, exist_ok=True)
    conf = work / "httpd.conf"
    conf.write_text(_config(root, work, port, override or prescribed_override()), "utf-8")
    with open(work / "console.log", "wb") as console:
        server = subprocess.Popen(
            [APACHE, "-f", str(conf), "-DFOREGROUND"], stdout=console,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                output = (work / "console.log").read_text("utf-8", "replace")
                raise AssertionError(f"Apache startet ikke: {output}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def error_log(work: Path) -> str:
    log = work / "error.log"
    return log.read_text("utf-8", "replace") if log.is_file() else ""
