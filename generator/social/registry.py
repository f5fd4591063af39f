"""The services ``post due`` sends to: a name → how to connect (live) and preview (dry run).

Which services there are, and which module serves each, is the channel table
(:data:`generator.social.channels.CHANNELS`); a posted channel's module has
``connect(posting, environ)``, ``preview(post, posting)`` and ``ENV``. The module (and the
service's client library: atproto, tweepy, Mastodon.py) is imported only when the channel
is used, so ``stemme build`` and ``stemme check`` never load them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from generator.core import Posting
from generator.social.channel import Channel, Post
from generator.social.channels import CHANNELS as TABLE
from generator.social.channels import POSTED

Environ = Mapping[str, str] | None


@dataclass(frozen=True)
class ChannelKind:
    name: str
    module: str  # generator.social.<module>

    def load(self) -> ModuleType:
        """The channel's module, imported on first use (its client library is slow to load)."""
        return importlib.import_module(f"generator.social.{self.module}")

    @property
    def connect(self) -> Callable[[Posting, Environ], Channel]:
        """Credentials from the environment → the live channel."""
        return self.load().connect  # type: ignore[no-any-return]

    @property
    def preview(self) -> Callable[[Post, Posting], dict[str, Any]]:
        """Exactly what would be sent."""
        return self.load().preview  # type: ignore[no-any-return]

    @property
    def env(self) -> tuple[str, ...]:
        """The environment variables that hold the channel's credentials."""
        return tuple(self.load().ENV)


CHANNELS: dict[str, ChannelKind] = {
    name: ChannelKind(name, module) for name in POSTED if (module := TABLE[name].module)
}
