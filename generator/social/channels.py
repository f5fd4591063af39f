"""The one table of the channels a campaign day is posted to: adding a channel is a row here
(and, for a channel Stemme posts to itself, a module with ``connect``, ``preview`` and ``ENV``).

Each :class:`ChannelSpec` names the channel as campaign files and the ledger do (``x``), as
people read it («X», «Facebook og Instagram»), its post file in the campaign kit
(``innlegg-<kit_file>.txt``), how it counts and limits a text, an alt text and an image,
and the module that connects to it and previews exactly what would be sent (``None``: the
channel is posted by hand from the kit). Every area reads names and limits here; the
rules of each service, with their sources, are in :mod:`generator.social.limits`.

This module is data and pure functions (no client library, no network), so the campaign
kit and the post texts (``generator.campaigns``) may read it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.social.limits import (
    BLUESKY_ALT_MAX,
    BLUESKY_IMAGE_MAX_BYTES,
    MASTODON_ALT_MAX,
    MASTODON_IMAGE_MAX_BYTES,
    X_ALT_MAX,
    X_IMAGE_MAX_BYTES,
    alt_problems,
    bluesky_length,
    bluesky_text_problems,
    image_problems,
    instagram_text_problems,
    mastodon_length,
    mastodon_text_problems,
    x_length,
    x_text_problems,
)


@dataclass(frozen=True)
class ChannelSpec:
    name: str  # in campaign files, the ledger and [posting] channels
    display: str  # how people read it
    kit_file: str  # innlegg-<kit_file>.txt in the campaign kit
    length: Callable[[str], int]  # the length the service counts
    text_problems: Callable[[str], list[str]]  # the text's limits, as Norwegian sentences
    alt_max: int | None  # alt text, in graphemes (None: no limit of ours)
    image_max_bytes: int | None  # a card's file size (None: no limit of ours)
    module: str | None  # generator.social.<module>: connect, preview, ENV (None: by hand)
    unit: str = "tegn"  # what ``length`` counts, in the dry run's words

    @property
    def posted(self) -> bool:
        """Stemme posts to this channel itself (it is not only in the kit)."""
        return self.module is not None


CHANNELS: dict[str, ChannelSpec] = {
    spec.name: spec
    for spec in (
        ChannelSpec(
            "x", "X", "x", x_length, x_text_problems,
            X_ALT_MAX, X_IMAGE_MAX_BYTES, "x", unit="vektet",
        ),
        ChannelSpec(
            "mastodon", "Mastodon", "mastodon", mastodon_length,
            mastodon_text_problems, MASTODON_ALT_MAX,
            MASTODON_IMAGE_MAX_BYTES, "mastodon_channel",
        ),
        ChannelSpec(
            "bluesky", "Bluesky", "bluesky", bluesky_length,
            bluesky_text_problems, BLUESKY_ALT_MAX,
            BLUESKY_IMAGE_MAX_BYTES, "bluesky", unit="grafemer",
        ),
        ChannelSpec(
            "manuell", "Facebook og Instagram", "facebook-instagram", len,
            instagram_text_problems, None, None, None,
        ),
    )
}  # fmt: skip
# The channels Stemme posts to itself, in the table's order.
POSTED = tuple(name for name, spec in CHANNELS.items() if spec.posted)
MANUAL = "manuell"  # the channel posted by hand from the kit


def display_name(channel: str) -> str:
    """«X», «Facebook og Instagram»; an unknown name as it is."""
    spec = CHANNELS.get(channel)
    return spec.display if spec else channel


def check_text(channel: str, text: str) -> list[str]:
    """Problems with the post text on one channel (empty list: it fits)."""
    if not text.strip():
        return ["teksten er tom"]
    spec = CHANNELS.get(channel)
    return spec.text_problems(text) if spec else []


def check_post_text(text: str) -> list[str]:
    """Every limit of the posted channels the text breaks (empty list: fits all)."""
    return [problem for name in POSTED for problem in check_text(name, text)]


def text_length(channel: str, text: str) -> int:
    """The length the channel counts (X weighted, Bluesky graphemes, Mastodon characters)."""
    spec = CHANNELS.get(channel)
    return spec.length(text) if spec else len(text)


def check_alt_text(channel: str, alt: str) -> list[str]:
    spec = CHANNELS.get(channel)
    return alt_problems(display_name(channel), spec.alt_max if spec else None, alt)


def check_image(channel: str, path: Path | None) -> list[str]:
    """Problems with the card file: missing, not PNG/JPEG, too large for the channel."""
    spec = CHANNELS.get(channel)
    limit = spec.image_max_bytes if spec else None
    return image_problems(display_name(channel), limit, path)
