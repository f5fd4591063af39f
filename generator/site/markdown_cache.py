"""Converted Markdown kept between builds: a text is turned into HTML once per content.

The key (:meth:`MarkdownCache.key`) is a sha256 over everything a page's HTML depends on:
the body text, the facts its ``[[fakta:ID]]`` lines name (each fact's data), the Markdown
settings (options, extension configs, the extensions' names) and the code version
(:func:`generator.core.code_version.code_version`: Stemme, Markdown and every other
installed package). Photos are found while converting, so an entry records the photos
it shows with the sha256 of each file, and is not used once one of them changed.

Entries are JSON files in ``.cache/stemme/html/`` written atomically (temp file, then
``os.replace``), so two builds may share the folder. A successful build removes the
entries it did not use (:meth:`prune`): the old versions of edited files.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core import code_digest, digests_match, file_digests, write_atomic
from generator.facts import FactBook, fact_markers


def markdown_fingerprint(settings: Mapping[str, Any]) -> str:
    """The ``MARKDOWN`` settings as text: options and configs as JSON, extension objects
    by their class (what they do is code, and the code version is in every key)."""
    extensions = [
        e if isinstance(e, str) else f"{type(e).__module__}.{type(e).__qualname__}"
        for e in settings.get("extensions", [])
    ]
    rest = {k: v for k, v in settings.items() if k != "extensions"}
    return json.dumps([extensions, rest], sort_keys=True, ensure_ascii=False, default=repr)


def facts_named(body: str, book: FactBook | None) -> list[tuple[str, str]]:
    """(id, the fact's data as JSON) for every ``[[fakta:ID]]`` line of ``body``."""
    ids = sorted({fact_id for _line, fact_id in fact_markers(body)})
    if book is None:
        return [(fact_id, "") for fact_id in ids]
    return [(i, f.model_dump_json() if (f := book.get(i)) else "") for i in ids]


@dataclass(frozen=True)
class Converted:
    html: str
    photos: tuple[Path, ...]  # content photos the HTML shows


@dataclass
class MarkdownCache:
    """One build's view of the cache: what it used, converted and found."""

    folder: Path
    used: set[str] = field(default_factory=set)
    made: set[str] = field(default_factory=set)  # converted in this build
    cached: int = 0  # texts found in the cache, made by an earlier build

    @property
    def converted(self) -> int:
        return len(self.made)

    def key(
        self,
        body: str,
        book: FactBook | None,
        markdown: Mapping[str, Any],
        lang: str | None = None,
    ) -> str:
        """The entry of ``body`` as a text in ``lang`` (None: the default language; a
        translation's fact boxes are in its language)."""
        payload = [code_digest(), markdown_fingerprint(markdown), facts_named(body, book), body]
        if lang is not None:  # the default language's keys stay as they were
            payload.append(lang)
        blob = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        return hashlib.sha256(blob).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> Converted | None:
        """The cached HTML, unless it is missing, damaged or one of its photos changed."""
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            photos = [(Path(p), digest) for p, digest in entry["photos"]]
            if not digests_match(photos):
                return None
            found = Converted(str(entry["html"]), tuple(p for p, _ in photos))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        self.used.add(key)
        self.cached += key not in self.made
        return found

    def put(self, key: str, html: str, photos: Iterable[Path]) -> None:
        entry = {"html": html, "photos": file_digests(photos)}
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomic(self._path(key), json.dumps(entry, ensure_ascii=False).encode("utf-8"))
        self.used.add(key)
        self.made.add(key)

    def prune(self) -> None:
        """Remove the entries this build did not use (call after a successful build)."""
        if not self.folder.is_dir():
            return
        for path in self.folder.glob("*.json"):
            if path.stem not in self.used:
                path.unlink(missing_ok=True)
