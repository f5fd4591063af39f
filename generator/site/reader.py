"""Pelican reader for our Markdown: YAML front matter validated by the content model.

Replaces Pelican's Markdown reader for ``.md``. Drafts (``status: utkast``) get Pelican's
``skip`` status, so they are never written, listed, put in a feed or in the sitemap —
except in the preview (``preview`` in the build context, set only by the preview build into
``build/preview/``), where they are shown with ``draft = True`` and the template's
«UTKAST – ikke publisert» banner.

A body is converted to HTML (:mod:`generator.site.conversion`) only when the cache
(:mod:`generator.site.markdown_cache`) has no entry for it. ``modified`` (the feeds'
«updated») comes from the front matter — ``updated``, else ``sent``, else ``date`` —
never from the file's time on disk, so a fresh clone builds the same feeds.
"""

from __future__ import annotations

from datetime import date
from html import escape
from pathlib import Path
from typing import Any, ClassVar

from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from generator.core import ContentError, shows_local_path
from generator.site.content_model import (
    MODELS,
    Document,
    ResponseMeta,
    load_document,
    read_markdown,
)
from generator.site.context import build_context, site_facts
from generator.site.conversion import convert, markdown_cache
from generator.site.photos import show_photo
from generator.site.translations import original_of, split_name

# Front matter keys Pelican itself understands; the rest pass through as attributes.
_PELICAN_KEYS = {"date", "updated", "status", "slug"}


def _no_local_paths(html: str, path: Path, settings: dict[str, Any]) -> None:
    """A page never shows where the project lies on the author's machine."""
    root = build_context(settings).paths.root.absolute()
    for local in (str(root), str(root.resolve()), str(Path.home())):
        if len(local) > 1 and shows_local_path(html, local.rstrip("/") + "/"):
            raise ContentError(
                f"siden ville vist en sti på maskinen din («{local}»).",
                file=path,
                fix="bruk en adresse på nettstedet, f.eks. ../bilder/navn.jpg eller /tema/…, "
                "aldri en sti som begynner med hjemmemappen eller prosjektmappen.",
            )


def _language(path: Path) -> dict[str, str]:
    """A translation («om-oss.en.md»): its language, and the original's slug, so Pelican
    links the two (ARTICLE/PAGE_TRANSLATION_ID is the slug)."""
    base, lang = split_name(path)
    if lang is None:
        return {}
    slug = base
    original = original_of(path)
    if original.is_file():
        meta = read_markdown(original)[0]
        if isinstance(meta.get("slug"), str):
            slug = meta["slug"]
    return {"lang": lang, "slug": slug}


class StemmeMarkdownReader(MarkdownReader):
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        kind = path.parent.name
        if kind not in MODELS:  # a subfolder: refused by the check (site.checks)
            raise ContentError(
                "filen ligger i en undermappe; den leses ikke.",
                file=path,
                fix="flytt filen rett inn i content/standpunkter/, hoeringssvar/ eller sider/.",
            )
        doc = load_document(path, kind)
        self._source_path = source_path
        return self._html(doc), {**self._metadata(doc.meta), **_language(path)}

    def _html(self, doc: Document) -> str:
        """The body as HTML: from the cache, else converted (and then cached)."""
        cache = markdown_cache(build_context(self.settings))
        markdown = self.settings["MARKDOWN"]
        key = cache.key(doc.body, site_facts(self.settings), markdown, split_name(doc.path)[1])
        found = cache.get(key)
        if found is not None:
            for photo in found.photos:
                show_photo(self.settings, photo)
            return found.html
        html, photos = convert(self.settings, doc.path, doc.body)
        _no_local_paths(html, doc.path, self.settings)
        cache.put(key, html, photos)
        return html

    def _pelican_value(self, key: str, value: Any) -> Any:
        """What Pelican's metadata processing makes of a value; a date of the model is
        made into Pelican's midnight datetime at once (its parser is slow)."""
        if key in ("date", "modified") and type(value) is date:
            return SafeDatetime(value.year, value.month, value.day)
        return self.process_metadata(key, str(value))

    def _metadata(self, meta: Any) -> dict[str, Any]:
        data = meta.model_dump()
        out: dict[str, Any] = {}
        for key, value in data.items():
            if value is None:
                continue
            if key in _PELICAN_KEYS and key != "status":
                out[key] = self._pelican_value(key, value)
            else:
                out[key] = value
        # The feeds' «updated»: a date in the file, never the file's time on disk.
        changed = data.get("updated") or data.get("sent") or data.get("date")
        if changed is not None:
            out["modified"] = self._pelican_value("modified", changed)
        # Pelican treats «summary» as HTML; ours is plain text.
        out["description"] = data.get("summary") or ""
        out["summary"] = escape(out["description"])
        if isinstance(meta, ResponseMeta):
            draft = meta.status == "utkast"
            shown = not draft or build_context(self.settings).preview
            out["status"] = self.process_metadata("status", "published" if shown else "skip")
            out["response_status"] = meta.status
            out["draft"] = draft
        return out
