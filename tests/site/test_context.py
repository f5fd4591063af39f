"""The build context: one typed object per build, the only entry of Stemme's in Pelican's
settings besides the config the templates read (``STEMME``)."""

from __future__ import annotations

import ast
import re
from datetime import date

from generator.core.config import Paths, load_config
from generator.site.context import KEY, BuildContext, build_context, site_facts
from tests.project import ROOT

LOOSE_KEY = re.compile(r"^_?STEMME_[A-Z_]+$")
READ_BY_THE_BUILD = [
    *sorted((ROOT / "generator" / "site").rglob("*.py")),
    *sorted((ROOT / "generator" / "pdf").rglob("*.py")),
    ROOT / "pelicanconf.py",
    ROOT / "publishconf.py",
]


def test_no_loose_stemme_keys_in_the_build() -> None:
    found = []
    for path in READ_BY_THE_BUILD:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            text = node.value if isinstance(node, ast.Constant) else None
            if isinstance(text, str) and LOOSE_KEY.match(text) and text != KEY:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text}")
    assert not found, "\n".join(found)


def test_the_settings_hold_no_stemme_key_but_the_config() -> None:
    from pelican.settings import read_settings

    for conf in ("pelicanconf.py", "publishconf.py"):
        settings = read_settings(str(ROOT / conf))
        assert [k for k in settings if k.startswith(("STEMME", "_STEMME"))] == ["STEMME"]


def test_a_plain_pelican_run_gets_a_context_from_its_settings(monkeypatch) -> None:
    monkeypatch.setenv("STEMME_TODAY", "2026-12-05")
    settings = {"PATH": str(ROOT / "content")}
    context = build_context(settings)
    assert settings[KEY] is context and build_context(settings) is context
    assert context.paths == Paths(ROOT) and context.today == date(2026, 12, 5)
    assert not context.preview  # drafts stay hidden unless the preview build says so
    assert context.config.site.url == load_config(ROOT / "stemme.toml").site.url
    assert site_facts(settings) is site_facts(settings)  # read once per run


def test_counts_add_up() -> None:
    context = BuildContext(Paths(ROOT), load_config(ROOT / "stemme.toml"), date(2026, 12, 5), False)
    context.count("kort", 3, 1, 0.5)
    context.count("kort", 1, 2, 0.25)
    assert context.counts == {"kort": (4, 3)} and context.seconds == {"kort": 0.75}
