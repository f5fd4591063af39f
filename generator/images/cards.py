"""Fact cards and title cards: what to render, the content-hash cache and the manifest.

``ensure_cards`` turns facts × formats into card specs, hashes everything that affects
the pixels (texts, layout, format, font bytes, colours, renderer and Pillow version) and
renders only the cards whose hash is new — on every core when there are several. The
manifest (``manifest.json`` beside the PNGs) records each card's size, alt text, sha256
and hash; it is the single place pages and posts take alt text from.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import PIL

from generator.core import ImageError, map_on_cores, worker_count, write_atomic
from generator.facts import Fact
from generator.images.contrast import check_contrast
from generator.images.fonts import PillowMeasure, fonts_digest
from generator.images.geometry import shorten_to_fit
from generator.images.layout import FACT_LAYOUTS, FORMATS, TITLE_LAYOUTS, Layout
from generator.images.render import RENDERER_VERSION, Colours, render_png

MANIFEST = "manifest.json"
# Fewer cards than this are rendered in-process (a pool costs more than it saves).
POOL_FROM = 6


@dataclass(frozen=True)
class CardStyle:
    """Colours (hex) and the tag on the card: a campaign hashtag or the site name."""

    background: str
    text: str
    accent: str
    tag: str

    def checked(self) -> Colours:
        check_contrast(self.text, self.background, "teksten")
        check_contrast(self.accent, self.background, "uthevingsfargen (tallet)")
        return Colours(self.background.upper(), self.text.upper(), self.accent.upper())


@dataclass(frozen=True)
class TitleCard:
    """A card for a page without a fact: its title, a kicker (section) above it."""

    slug: str
    title: str
    kicker: str = ""


@dataclass(frozen=True)
class CardSpec:
    """Everything one card's pixels depend on (picklable, sent to worker processes)."""

    kind: str  # "fact" | "title"
    id: str
    format: str
    texts: tuple[tuple[str, str], ...]
    colours: Colours
    alt: str

    @property
    def filename(self) -> str:
        return f"{self.id}-{self.format}.png"

    @property
    def layout(self) -> Layout:
        return (FACT_LAYOUTS if self.kind == "fact" else TITLE_LAYOUTS)[self.format]

    def key(self) -> str:
        payload = {
            "renderer": RENDERER_VERSION,
            "pillow": PIL.__version__,
            "fonts": fonts_digest(),
            "layout": self.layout.fingerprint(),
            "kind": self.kind,
            "texts": self.texts,
            "colours": [self.colours.background, self.colours.text, self.colours.accent],
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()
        return hashlib.sha256(blob).hexdigest()


@dataclass(frozen=True)
class Card:
    path: Path
    width: int
    height: int
    alt: str
    sha256: str


@dataclass
class Manifest:
    """The cards in one folder; ``rendered``/``cached`` count this run's work."""

    folder: Path
    entries: dict[tuple[str, str], dict] = field(default_factory=dict)
    rendered: int = 0
    cached: int = 0

    def card(self, fact_id: str, format: str) -> Card:
        try:
            entry = self.entries[(fact_id, format)]
        except KeyError:
            raise ImageError(
                f"Fant ikke kortet «{fact_id}» i formatet «{format}» i {self.folder}. "
                "Kjør «stemme images»."
            ) from None
        return Card(
            self.folder / entry["file"],
            entry["width"],
            entry["height"],
            entry["alt"],
            entry["sha256"],
        )

    def cards(self) -> list[Card]:
        return [self.card(*key) for key in self.entries]

    def ids(self) -> list[str]:
        return list(dict.fromkeys(fact_id for fact_id, _ in self.entries))

    def to_json(self) -> str:
        cards = [{"id": i, "format": f, **e} for (i, f), e in self.entries.items()]
        return json.dumps({"version": 1, "cards": cards}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def load(cls, folder: Path) -> Manifest:
        path = folder / MANIFEST
        if not path.is_file():
            return cls(folder)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entries = {
                (c["id"], c["format"]): {k: v for k, v in c.items() if k not in ("id", "format")}
                for c in data["cards"]
            }
        except (ValueError, KeyError, TypeError):
            return cls(folder)  # a damaged manifest only costs a re-render
        return cls(folder, entries)


def alt_text(fact: Fact) -> str:
    """«1 av 4 drap i Norge er et partnerdrap. Kilde: … (2020).» — always a sentence, so a
    figure like «ca. 10 %» is read out as «Ca. 10 % …»."""
    statement = fact.statement.rstrip()
    if statement[-1] not in ".!?":
        statement += "."
    sentence = f"{fact.figure} {statement}"
    return f"{sentence[0].upper()}{sentence[1:]} {fact.source_line}."


def title_alt(card: TitleCard) -> str:
    return f"{card.kicker}: {card.title}" if card.kicker else card.title


def _format_names(formats: Mapping[str, object] | Iterable[str]) -> list[str]:
    names = list(formats)
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ImageError(f"Ukjent kortformat «{unknown[0]}». Kjente: {', '.join(FORMATS)}.")
    return names


def fact_specs(facts: Iterable[Fact], style: CardStyle, formats: Iterable[str]) -> list[CardSpec]:
    colours = style.checked()
    return [
        CardSpec(
            "fact",
            fact.id,
            fmt,
            (
                ("figure", fact.figure),
                ("statement", fact.statement),
                ("source", fact.source_line),
                ("tag", style.tag),
            ),
            colours,
            alt_text(fact),
        )
        for fact in facts
        for fmt in formats
    ]


def title_specs(
    titles: Iterable[TitleCard], style: CardStyle, formats: Iterable[str]
) -> list[CardSpec]:
    """Title cards, keyed on the title as written: a title too long for the card is cut
    (at a word, ending in «…») only when the card is rendered (:func:`card_texts`), so a
    cached card costs no measuring of text."""
    colours = style.checked()
    return [
        CardSpec(
            "title",
            card.slug,
            fmt,
            (("kicker", card.kicker), ("title", card.title), ("tag", style.tag)),
            colours,
            title_alt(card),
        )
        for card in titles
        for fmt in formats
    ]


def card_texts(spec: CardSpec) -> dict[str, str]:
    """The texts drawn on the card: a title card's title shortened to fit its slot."""
    texts = dict(spec.texts)
    if spec.kind == "title":
        slot = spec.layout.slots["title"]
        texts["title"] = shorten_to_fit(texts["title"], slot, PillowMeasure())
    return texts


def render_card(spec: CardSpec) -> bytes:
    return render_png(spec.layout, card_texts(spec), spec.colours)


def render_all(specs: list[CardSpec], progress: bool | None = None) -> list[bytes]:
    """PNG bytes for every spec, in order, on every core (a progress bar for many)."""
    chunk = max(1, len(specs) // (worker_count() * 4))
    return map_on_cores(
        render_card,
        specs,
        label="Lager faktakort",
        progress=progress,
        pool_from=POOL_FROM,
        chunk=chunk,
    )


def ensure_cards(
    facts: Iterable[Fact],
    style: CardStyle,
    out_dir: Path,
    formats: Mapping[str, object] | Iterable[str] = FORMATS,
    cache_dir: Path | None = None,
    progress: bool | None = None,
) -> Manifest:
    """Render the fact cards that are missing or changed; write PNGs and manifest.json."""
    specs = fact_specs(facts, style, _format_names(formats))
    return sync(specs, out_dir, cache_dir, progress)


def ensure_title_cards(
    titles: Iterable[TitleCard],
    style: CardStyle,
    out_dir: Path,
    formats: Iterable[str] = ("og",),
    cache_dir: Path | None = None,
    progress: bool | None = None,
) -> Manifest:
    """Title cards (og:image for pages without a fact); same renderer, same cache."""
    return sync(title_specs(titles, style, _format_names(formats)), out_dir, cache_dir, progress)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reuse(
    spec: CardSpec, key: str, old: Manifest, out_dir: Path, cache_dir: Path | None
) -> str | None:
    """The sha256 of an unchanged card already in place (or copied from the cache)."""
    target = out_dir / spec.filename
    entry = old.entries.get((spec.id, spec.format))
    if entry and entry.get("key") == key and target.is_file():
        sha = _sha256(target.read_bytes())
        if sha == entry.get("sha256"):
            return sha
    cached = cache_dir / f"{key}.png" if cache_dir else None
    if cached and cached.is_file():
        data = cached.read_bytes()
        write_atomic(target, data)
        return _sha256(data)
    return None


def sync(
    specs: list[CardSpec],
    out_dir: Path,
    cache_dir: Path | None = None,
    progress: bool | None = None,
) -> Manifest:
    """Bring out_dir in line with specs: reuse what is unchanged, render the rest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if cache_dir:
        cache_dir.mkdir(parents=True, exist_ok=True)
    old = Manifest.load(out_dir)
    keys = {spec: spec.key() for spec in specs}
    shas = {spec: _reuse(spec, keys[spec], old, out_dir, cache_dir) for spec in specs}
    todo = [spec for spec in specs if shas[spec] is None]
    for spec, data in zip(todo, render_all(todo, progress), strict=True):
        write_atomic(out_dir / spec.filename, data)
        if cache_dir:
            write_atomic(cache_dir / f"{keys[spec]}.png", data)
        shas[spec] = _sha256(data)
    manifest = Manifest(out_dir, rendered=len(todo), cached=len(specs) - len(todo))
    for spec in specs:
        width, height = FORMATS[spec.format]
        manifest.entries[(spec.id, spec.format)] = {
            "file": spec.filename,
            "width": width,
            "height": height,
            "alt": spec.alt,
            "sha256": shas[spec],
            "key": keys[spec],
        }
    for stale in set(old.entries) - set(manifest.entries):
        (out_dir / old.entries[stale]["file"]).unlink(missing_ok=True)
    text = manifest.to_json()
    path = out_dir / MANIFEST
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        write_atomic(path, text.encode("utf-8"))
    return manifest
