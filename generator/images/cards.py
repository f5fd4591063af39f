"""Fact cards and title cards: what to render, the content-hash cache and the manifest.

``ensure_cards`` turns facts × formats into card specs, hashes everything that affects
the pixels (texts, layout, format, font bytes, colours, renderer and Pillow version) and
renders only the cards whose hash is new — on every core when there are several. The
manifest (``manifest.json`` beside the PNGs) records each card's size, alt text, sha256
and hash; it is the single place pages and posts take alt text from.

A fact translated into other languages gets cards in each of them too: same layout,
drawn in the language's script and direction (:mod:`generator.images.scripts`), named
``<id>-<format>.<lang>.png`` and found with ``manifest.card(id, format, lang)``.
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
from generator.images.fonts import (
    PillowMeasure,
    face_bytes,
    fonts_digest,
    script_digest,
    use_face_cache,
)
from generator.images.geometry import shorten_to_fit
from generator.images.layout import FACT_LAYOUTS, FORMATS, TITLE_LAYOUTS, Layout, mirrored
from generator.images.render import RENDERER_VERSION, Colours, render_png
from generator.images.scripts import DEFAULT_LANGUAGE, card_script, check_shaping

MANIFEST = "manifest.json"
# Merged faces for other scripts, kept inside the card cache folder.
FACE_FOLDER = "skrift"
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
    lang: str = ""  # "" = bokmål

    @property
    def card_id(self) -> str:
        """The id in the manifest: the fact's id, with «.<lang>» for a translation."""
        return card_id(self.id, self.lang)

    @property
    def filename(self) -> str:
        suffix = f".{self.lang}" if self.lang else ""
        return f"{self.id}-{self.format}{suffix}.png"

    @property
    def layout(self) -> Layout:
        layout = (FACT_LAYOUTS if self.kind == "fact" else TITLE_LAYOUTS)[self.format]
        return mirrored(layout) if self.lang and card_script(self.lang).rtl else layout

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
        if self.lang:  # bokmål keys stay as they were, so no bokmål card is redrawn
            script = card_script(self.lang)
            payload["lang"] = self.lang
            payload["script"] = [script.name, script.rtl, script.shaped, script.line_height]
            payload["script_fonts"] = script_digest(script)
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

    def card(self, fact_id: str, format: str, lang: str = "") -> Card:
        try:
            entry = self.entries[(card_id(fact_id, lang), format)]
        except KeyError:
            where = f" på «{lang}»" if lang and lang != DEFAULT_LANGUAGE else ""
            raise ImageError(
                f"Fant ikke kortet «{fact_id}»{where} i formatet «{format}» i "
                f"{self.folder}. Kjør «stemme images»."
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
        """The ids of the bokmål cards (translations are found through them)."""
        return list(dict.fromkeys(i for i, _ in self.entries if "." not in i))

    def languages(self, fact_id: str) -> list[str]:
        """The languages besides bokmål the fact has cards in."""
        prefix = f"{fact_id}."
        found = (i.removeprefix(prefix) for i, _ in self.entries if i.startswith(prefix))
        return list(dict.fromkeys(found))

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


def card_id(fact_id: str, lang: str = "") -> str:
    return f"{fact_id}.{lang}" if lang and lang != DEFAULT_LANGUAGE else fact_id


# Sentence ends per script: Arabic and Urdu use «؟» and Urdu «۔», Ethiopic «።».
_STOPS = ".!?؟۔።"
_FULL_STOP = {"ur": "۔", "ti": "።"}


def alt_text(fact: Fact, lang: str = "") -> str:
    """«1 av 4 drap i Norge er et partnerdrap. Kilde: … (2020).» — always a sentence, so a
    figure like «ca. 10 %» is read out as «Ca. 10 % …». In another language the fact's
    translation (bokmål when it has none)."""
    text = fact.text(lang or DEFAULT_LANGUAGE)
    stop = _FULL_STOP.get(text.lang, ".")
    statement = text.statement.rstrip()
    if statement[-1] not in _STOPS:
        statement += stop
    sentence = f"{text.figure} {statement}"
    return f"{sentence[0].upper()}{sentence[1:]} {text.source_line}{stop}"


def title_alt(card: TitleCard) -> str:
    return f"{card.kicker}: {card.title}" if card.kicker else card.title


def _format_names(formats: Mapping[str, object] | Iterable[str]) -> list[str]:
    names = list(formats)
    unknown = [n for n in names if n not in FORMATS]
    if unknown:
        raise ImageError(f"Ukjent kortformat «{unknown[0]}». Kjente: {', '.join(FORMATS)}.")
    return names


def fact_specs(
    facts: Iterable[Fact],
    style: CardStyle,
    formats: Iterable[str],
    languages: Iterable[str] | None = None,
) -> list[CardSpec]:
    """Bokmål cards for every fact, and a card per translation the fact has in
    ``languages`` (None: in every language it is translated into)."""
    colours = style.checked()
    formats = list(formats)
    wanted = None if languages is None else set(languages)
    specs = []
    for fact in facts:
        langs = [""] + [lang for lang in fact.languages if wanted is None or lang in wanted]
        for lang in langs:
            text = fact.text(lang or DEFAULT_LANGUAGE)
            texts = (
                ("figure", text.figure),
                ("statement", text.statement),
                ("source", text.source_line),
                ("tag", style.tag),
            )
            alt = alt_text(fact, lang)
            specs += [CardSpec("fact", fact.id, fmt, texts, colours, alt, lang) for fmt in formats]
    for lang in sorted({spec.lang for spec in specs if spec.lang}):
        check_shaping(lang)  # before anything is drawn: one clear error, not one per card
    return specs


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
    return render_png(spec.layout, card_texts(spec), spec.colours, spec.lang)


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
    languages: Iterable[str] | None = None,
) -> Manifest:
    """Render the fact cards that are missing or changed; write PNGs and manifest.json.

    ``languages``: the translations to make cards for (None: every one a fact has)."""
    specs = fact_specs(facts, style, _format_names(formats), languages)
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


def prepare_faces(languages: Iterable[str], cache_dir: Path | None) -> None:
    """Make the merged faces of these languages here, before the workers fork, so each
    is made once (and kept beside the card cache for the next build)."""
    use_face_cache(cache_dir / FACE_FOLDER if cache_dir else None)
    for lang in sorted(languages):
        script = card_script(lang)
        for weight in ("black", "bold", "regular"):
            face_bytes(script, weight)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _reuse(
    spec: CardSpec, key: str, old: Manifest, out_dir: Path, cache_dir: Path | None
) -> str | None:
    """The sha256 of an unchanged card already in place (or copied from the cache)."""
    target = out_dir / spec.filename
    entry = old.entries.get((spec.card_id, spec.format))
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
    prepare_faces({spec.lang for spec in todo if spec.lang}, cache_dir)
    for spec, data in zip(todo, render_all(todo, progress), strict=True):
        write_atomic(out_dir / spec.filename, data)
        if cache_dir:
            write_atomic(cache_dir / f"{keys[spec]}.png", data)
        shas[spec] = _sha256(data)
    manifest = Manifest(out_dir, rendered=len(todo), cached=len(specs) - len(todo))
    for spec in specs:
        width, height = FORMATS[spec.format]
        manifest.entries[(spec.card_id, spec.format)] = {
            **({"lang": spec.lang} if spec.lang else {}),
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
