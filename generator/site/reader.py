"""Pelican reader for our Markdown: YAML front matter validated by the content model.

Replaces Pelican's Markdown reader for ``.md``. Drafts (``status: utkast``) get Pelican's
``skip`` status, so they are never written, listed, put in a feed or in the sitemap —
except in the preview (``STEMME_PREVIEW``, set only by the preview build into
``build/preview/``), where they are shown with ``draft = True`` and the template's
«UTKAST – ikke publisert» banner.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, ClassVar

from markdown import Markdown
from pelican.readers import MarkdownReader

from generator.site.content_model import MODELS, ResponseMeta, load_document

# Front matter keys Pelican itself understands; the rest pass through as attributes.
_PELICAN_KEYS = {"date", "updated", "status", "slug"}


class StemmeMarkdownReader(MarkdownReader):
    file_extensions: ClassVar[list[str]] = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        path = Path(source_path)
        kind = path.parent.name
        if kind not in MODELS:
            return super().read(source_path)
        doc = load_document(path, kind)
        self._source_path = source_path
        self._md = Markdown(**self.settings["MARKDOWN"])
        if "meta" in self._md.preprocessors:
            self._md.preprocessors.deregister("meta")
        self._md.stemme_source = path  # type: ignore[attr-defined]  # for extensions' errors
        content = self._md.convert(doc.body)
        return content, self._metadata(doc.meta)

    def _metadata(self, meta: Any) -> dict[str, Any]:
        data = meta.model_dump()
        out: dict[str, Any] = {}
        for key, value in data.items():
            if value is None:
                continue
            if key in _PELICAN_KEYS and key != "status":
                out[key] = self.process_metadata(key, str(value))
            else:
                out[key] = value
        # Pelican treats «summary» as HTML; ours is plain text.
        out["description"] = data.get("summary") or ""
        out["summary"] = escape(out["description"])
        if isinstance(meta, ResponseMeta):
            draft = meta.status == "utkast"
            shown = not draft or self.settings.get("STEMME_PREVIEW") is True
            out["status"] = self.process_metadata("status", "published" if shown else "skip")
            out["response_status"] = meta.status
            out["draft"] = draft
        return out
