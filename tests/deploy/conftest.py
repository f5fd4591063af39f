"""Fixtures for deploy tests: a small hand-made site, a project around it, real targets.

The site is tiny so every target can be exercised many times per test; the end-to-end
tests in ``test_publish.py`` use a real publish build of the example project instead.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.core.config import Config, Deploy, Paths, load_config
from generator.deploy.site_files import MANIFEST_NAME
from tests.project import ROOT

PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/theme/css/site.css"></head>
<body><h1>{title}</h1><img src="/kort/{card}" alt=""><p>{text}</p></body></html>
"""

SITE = {
    "index.html": PAGE.format(title="Forside", card="forside.png", text="Velkommen"),
    "404.html": PAGE.format(title="Fant ikke siden", card="forside.png", text=""),
    "standpunkter/index.html": PAGE.format(title="Standpunkter", card="forside.png", text=""),
    "standpunkter/krisesentre/index.html": PAGE.format(
        title="Krisesentre", card="krisesentre.png", text="Et krisesenter i hver region."
    ),
    "standpunkter/kontaktforbud/index.html": PAGE.format(
        title="Kontaktforbud", card="kontaktforbud.png", text="Omvendt voldsalarm."
    ),
    "theme/css/site.css": "body { font-family: Lato, sans-serif; }\n",
    "theme/js/quick-exit.js": "document.documentElement.dataset.js = 'ja';\n",
    "kort/forside.png": "\x89PNG forside",
    "kort/krisesentre.png": "\x89PNG krisesentre",
    "kort/kontaktforbud.png": "\x89PNG kontaktforbud",
    "feeds/standpunkter.atom.xml": "<feed xmlns='http://www.w3.org/2005/Atom'/>\n",
    "sitemap.xml": "<urlset/>\n",
    "robots.txt": "User-agent: *\nAllow: /\n",
    ".htaccess": "Options -Indexes\n",
    "_headers": "/*\n  X-Content-Type-Options: nosniff\n",
}


def write_site(root: Path, files: dict[str, str] = SITE) -> Path:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def tree(root: Path, skip: tuple[str, ...] = (MANIFEST_NAME,)) -> dict[str, str]:
    """{relative path: sha256} of every file under ``root`` (except ``skip``)."""
    out = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in skip:
            out[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


def everything(root: Path) -> dict[str, tuple[int, str]]:
    """Every file and folder under ``root`` with its mode and content hash (for «unchanged»)."""
    out = {}
    for path in sorted(root.rglob("*")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
        out[path.relative_to(root).as_posix()] = (stat.S_IMODE(path.stat().st_mode), digest)
    return out


def missing_assets(site: Path) -> list[str]:
    """Root-relative assets (href/src) that pages under ``site`` refer to but that are absent."""
    missing = []
    for page in site.rglob("*.html"):
        for ref in re.findall(r'(?:href|src)="/([^"#?]+\.[a-z0-9]+)"', page.read_text("utf-8")):
            if not (site / ref).is_file():
                missing.append(f"{page.relative_to(site)} → {ref}")
    return sorted(missing)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Paths:
    """A project folder holding only a built site in output/ (and stemme.toml)."""
    root = tmp_path / "prosjekt"
    root.mkdir()
    shutil.copy2(ROOT / "stemme.toml", root / "stemme.toml")
    write_site(root / "output")
    monkeypatch.setenv("STEMME_ROOT", str(root))
    return Paths(root)


def with_deploy(paths: Paths, **settings: str) -> Config:
    """The example configuration with ``[deploy]`` set as given."""
    config = load_config(paths.config)
    return config.model_copy(update={"deploy": Deploy(**settings)})


def append_deploy(paths: Paths, **settings: str) -> None:
    """Write ``[deploy]`` into the project's stemme.toml (for CLI and subprocess tests)."""
    lines = "".join(f'{key} = "{value}"\n' for key, value in settings.items())
    with paths.config.open("a", encoding="utf-8") as handle:
        handle.write(f"\n[deploy]\n{lines}")


@pytest.fixture
def public_folder() -> Iterator[Path]:
    """A folder another user can reach (pytest's tmp_path is 0700): a web root stand-in."""
    base = Path(tempfile.mkdtemp(prefix="stemme-webrot-", dir="/tmp"))
    base.chmod(0o755)
    yield base
    shutil.rmtree(base, ignore_errors=True)


def read_as_nobody(path: Path) -> subprocess.CompletedProcess[str]:
    """``cat`` the file as the unprivileged user nobody (needs root to switch user)."""
    return subprocess.run(
        ["runuser", "-u", "nobody", "--", "cat", str(path)], capture_output=True, text=True
    )


can_switch_user = pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("runuser") is None,
    reason="lesing som en annen bruker krever root og runuser",
)


@pytest.fixture(scope="session")
def s3_server() -> Iterator[str]:
    """A real S3-compatible server (moto) over HTTP on a free local port."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
