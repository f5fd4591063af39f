"""The campaign kit: every day's cards, posts and alt texts, the calendar and a README.

One layout, two ways out: the site publishes it as a zip beside the campaign pages
(``kampanjer/<slug>/<slug>-kampanjepakke.zip``), and ``stemme post export`` writes the
same files into a folder. The layout (inside the top folder ``<slug>-kampanjepakke/``)::

    LESMEG.txt                      how to use the kit, hashtags, how to credit sources
    <slug>.ics                      the days as a calendar
    2026-11-25/2026-11-25-kvadrat.png  … one card per format (images.FORMATS)
    2026-11-25/innlegg-x.txt        … the post per channel, as the poster sends it
    2026-11-25/alt-tekst.txt        the card's alt text

The zip is deterministic — sorted entries, fixed timestamps and permissions — so the
same input gives the same bytes. :func:`ensure_kit` keys the zip on a hash of every
entry's name and content and writes it only when that hash is new.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path

import jinja2

from generator.campaigns.calendar import build_calendar
from generator.campaigns.model import Campaign, Day, FactLookup
from generator.campaigns.posts import link_in_bio_text, post_text
from generator.core import Config, norwegian_date, write_atomic
from generator.facts import Fact
from generator.images import FORMAT_LABELS, FORMATS, Manifest
from generator.social import CHANNELS, MANUAL

KIT_VERSION = "2"  # part of the cache key: bump when the layout or README changes
README = "LESMEG.txt"
ALT_FILE = "alt-tekst.txt"
ZIP_MIDNIGHT = (0, 0, 0)  # entries are dated the campaign's first day at 00:00; never the clock
FILE_MODE = 0o644


@dataclass(frozen=True)
class KitFile:
    """One file of the kit: its path inside the kit and its bytes (or a file to read)."""

    name: str
    data: bytes | None = None
    source: Path | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.source is not None
        return self.source.read_bytes()


def kit_name(campaign: Campaign) -> str:
    """The zip's file name, e.g. ``taushet-tar-liv-2026-kampanjepakke.zip``."""
    return f"{kit_folder(campaign)}.zip"


def kit_folder(campaign: Campaign) -> str:
    return f"{campaign.slug}-kampanjepakke"


def card_name(day: Day, fmt: str) -> str:
    """A day's card named by date and format, e.g. ``2026-11-25-historie.png``."""
    return f"{day.iso}-{fmt}.png"


def day_files(config: Config, day: Day, manifest: Manifest) -> list[KitFile]:
    """One day's folder: its card in every format, the post per channel, the alt text."""
    files = [
        KitFile(f"{day.iso}/{card_name(day, fmt)}", source=manifest.card(day.fact, fmt).path)
        for fmt in FORMATS
    ]
    files += [
        KitFile(f"{day.iso}/innlegg-{spec.kit_file}.txt", _text(_kit_post(config, day, name)))
        for name, spec in CHANNELS.items()
    ]
    alt = manifest.card(day.fact, next(iter(FORMATS))).alt
    files.append(KitFile(f"{day.iso}/{ALT_FILE}", _text(alt)))
    return files


def _kit_post(config: Config, day: Day, channel: str) -> str:
    if channel == MANUAL:  # Facebook and Instagram: no bare link
        return link_in_bio_text(config, day)
    return post_text(config, day, channel)


def kit_files(
    campaign: Campaign, config: Config, manifest: Manifest, facts: FactLookup
) -> list[KitFile]:
    """Every file of the kit, sorted by name."""
    used = [f for f in dict.fromkeys(d.fact for d in campaign.days) if facts.get(f)]
    calendar = build_calendar(
        campaign,
        site_url=config.site.url,
        org_name=config.organisation.name,
        default_time=config.posting.default_time,
        now=datetime(campaign.year, 1, 1, tzinfo=UTC),  # fixed: same input, same bytes
    )
    files = [
        KitFile(README, _text(readme_text(campaign, config, [facts.get(f) for f in used]))),
        KitFile(f"{campaign.slug}.ics", calendar),
    ]
    for day in campaign.days:
        files += day_files(config, day, manifest)
    return sorted(files, key=lambda f: f.name)


def _text(text: str) -> bytes:
    """Text files end in one newline and use CRLF-free UTF-8, readable everywhere."""
    return (text.rstrip("\n") + "\n").encode("utf-8")


# ── README ───────────────────────────────────────────────────────────────────────────


def readme_text(campaign: Campaign, config: Config, facts: Iterable[Fact]) -> str:
    """The kit's short Norwegian README (``templates/LESMEG.txt``, plain text)."""
    first, last = campaign.days[0], campaign.days[-1]
    facts = list(facts)
    return (
        _templates()
        .get_template(README)
        .render(
            campaign=campaign,
            org=config.organisation.name,
            site=config.site.url,
            first=first,
            last=last,
            first_date=norwegian_date(first.date),
            last_date=norwegian_date(last.date),
            tags=" ".join(campaign.hashtags) or "(ingen)",
            formats=[(fmt, f"{w}×{h}", FORMAT_LABELS[fmt]) for fmt, (w, h) in FORMATS.items()],
            channels=list(CHANNELS.values()),
            alt_file=ALT_FILE,
            sources=list(
                dict.fromkeys((f.source.name, f.source.year, f.source.url) for f in facts)
            ),
            example=facts[0].source_line if facts else "Kilde: navnet på kilden (år)",
        )
    )


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    """Plain-text templates: no escaping (never HTML), block tags take their line along."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


# ── zip and folder ───────────────────────────────────────────────────────────────────


def kit_key(files: Iterable[KitFile]) -> str:
    """A hash of every entry's name and content (and the kit's version)."""
    digest = hashlib.sha256(f"stemme-kampanjepakke-{KIT_VERSION}\n".encode())
    for file in files:
        content = hashlib.sha256(file.read()).hexdigest()
        digest.update(f"{file.name}\0{content}\n".encode())
    return digest.hexdigest()


def zip_time(dated: date) -> tuple[int, int, int, int, int, int]:
    """The time every entry carries: ``dated`` (the campaign's first day) at 00:00."""
    return (dated.year, dated.month, dated.day, *ZIP_MIDNIGHT)


def write_zip(files: Iterable[KitFile], dest: Path, folder: str, dated: date) -> None:
    """A deterministic zip of ``files`` under ``folder/``, written atomically; every entry
    dated ``dated`` (same input, same bytes — never the clock, never 1980)."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for file in sorted(files, key=lambda f: f.name):  # the order never depends on input
            info = zipfile.ZipInfo(f"{folder}/{file.name}", date_time=zip_time(dated))
            info.external_attr = (0o100000 | FILE_MODE) << 16  # a regular file, rw-r--r--
            info.create_system = 3  # Unix, whatever machine builds it
            # PNGs are compressed already; deflating them only costs time.
            info.compress_type = (
                zipfile.ZIP_STORED if file.name.endswith(".png") else zipfile.ZIP_DEFLATED
            )
            archive.writestr(info, file.read(), compresslevel=9)
    write_atomic(dest, data.getvalue())


def write_folder(files: Iterable[KitFile], dest: Path) -> list[Path]:
    """The same files unpacked into ``dest`` (for ``stemme post export``)."""
    written = []
    for file in files:
        target = dest / file.name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, file.read())
        written.append(target)
    return written


def ensure_kit(files: list[KitFile], cache: Path, name: str, folder: str, dated: date) -> Path:
    """The kit's zip in ``cache``; written only when its content hash (or date) is new."""
    cache.mkdir(parents=True, exist_ok=True)
    key = kit_key([*files, KitFile(".dato", dated.isoformat().encode())])
    zip_path = cache / f"{key[:16]}-{name}"
    if not zip_path.is_file():
        for stale in cache.glob(f"*-{name}"):
            stale.unlink()
        write_zip(files, zip_path, folder, dated)
    return zip_path
