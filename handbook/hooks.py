"""mkdocs hooks for the internal handbook — glue only; the work is in generator.handbook.

* ``on_config``: find the project (STEMME_ROOT, else the folder above this file), freeze
  "today" (STEMME_TODAY) and collect the generated pages and assets once.
* ``on_files``: add them as virtual files (nothing is written into docs/ or the project).

Any :class:`~generator.core.errors.StemmeError` becomes a clean mkdocs error (exit 1, no
traceback) with its Norwegian message.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from generator.core.config import Paths
from generator.core.dates import today
from generator.core.errors import StemmeError
from generator.handbook.gallery import expand_card_markers
from generator.handbook.pages import Generated, collect

_STATE: dict[str, Generated] = {}


def _project() -> Paths:
    if os.environ.get("STEMME_ROOT"):
        return Paths.discover()
    return Paths(Path(__file__).resolve().parent.parent)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        _STATE["generated"] = collect(_project(), today())
    except StemmeError as exc:
        raise PluginError(str(exc)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    generated = _STATE["generated"]
    for src_uri, markdown in generated.pages.items():
        _replace(files, File.generated(config, src_uri, content=markdown))
    for src_uri, css in generated.texts.items():
        _replace(files, File.generated(config, src_uri, content=css))
    for src_uri, path in generated.assets.items():
        _replace(files, File.generated(config, src_uri, abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    gallery = _STATE["generated"].gallery
    if gallery is None:
        return markdown
    prefix = "../" * page.url.count("/")
    return expand_card_markers(markdown, gallery, prefix)


def _replace(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)
