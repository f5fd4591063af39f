"""The services ``post due`` sends to: a name → how to connect (live) and preview (dry run).

A new service is one module with a :class:`~generator.social.channel.Channel` and one
entry in :data:`CHANNELS`; nothing else picks channels by name. A channel's module (and
the service's client library: atproto, tweepy, Mastodon.py) is imported only when the
channel is used, so ``stemme build`` and ``stemme check`` never load them.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from generator.core.config import Posting
from generator.social.channel import Channel, Post

Environ = Mapping[str, str] | None


@dataclass(frozen=True)
class ChannelKind:
    name: str
    connect: Callable[[Posting, Environ], Channel]  # credentials from the environment
    preview: Callable[[Post, Posting], dict[str, Any]]  # exactly what would be sent


def _module(name: str) -> ModuleType:
    """A channel's module, imported on first use (its client library is slow to load)."""
    return importlib.import_module(f"generator.social.{name}")


def _mastodon_preview(post: Post, _posting: Posting) -> dict[str, Any]:
    # The instance address is not secret; show it when it is set.
    instance = os.environ.get("STEMME_MASTODON_URL", "").rstrip("/") or "<instans>"
    return _module("mastodon_channel").render_payload(post, instance)


CHANNELS: dict[str, ChannelKind] = {
    kind.name: kind
    for kind in (
        ChannelKind(
            "x",
            lambda posting, env: _module("x").XChannel.from_env(posting.x_media_upload, env),
            lambda post, posting: _module("x").render_payload(post, posting.x_media_upload),
        ),
        ChannelKind(
            "mastodon",
            lambda _posting, env: _module("mastodon_channel").MastodonChannel.from_env(env),
            _mastodon_preview,
        ),
        ChannelKind(
            "bluesky",
            lambda posting, env: _module("bluesky").BlueskyChannel.from_env(
                posting.bluesky_service, env
            ),
            lambda post, posting: _module("bluesky").render_payload(post, posting.bluesky_service),
        ),
    )
}
