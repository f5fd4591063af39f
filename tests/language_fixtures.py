"""The language fixtures (tests/fixtures/languages/) put into a copied project: small
translations beside their originals, each recording the original's current version."""

from __future__ import annotations

import shutil

from generator.core.config import Paths
from generator.site.translations import original_of, split_name, version_of
from tests.project import FIXTURES

LANGUAGE_FIXTURES = FIXTURES / "languages"
VERSION_MARK = "@@VERSION@@"


def add_language_fixtures(paths: Paths) -> list[str]:
    """Copy every fixture into the project's content/ (originals first); return the
    files written, relative to content/."""
    files = sorted(LANGUAGE_FIXTURES.glob("*/*.md"), key=lambda p: split_name(p)[1] is not None)
    written = []
    for source in files:
        target = paths.content / source.parent.name / source.name
        if split_name(source)[1] is None:
            # A fixture that replaces an original replaces its translations too: the
            # example's own (hjelp.pl.md …) were made from the example's original.
            for old in target.parent.glob(f"{target.stem}.*.md"):
                old.unlink()
        shutil.copyfile(source, target)
        text = target.read_text(encoding="utf-8")
        if VERSION_MARK in text:
            version = version_of(original_of(target))
            target.write_text(text.replace(VERSION_MARK, version), encoding="utf-8")
        written.append(target.relative_to(paths.content).as_posix())
    return written
