"""The exception tree of Stemme.

Every message is Norwegian (bokmål) and written for the staff member who must act on it:
it names the file, the field and the fix. The CLI turns any ``StemmeError`` into exit
code 1 with the message; anything else is a bug and keeps its traceback.

    StemmeError                      base; ``str(err)`` is the full Norwegian message
    ├── ConfigError                  stemme.toml is missing, unreadable or invalid
    ├── ContentError                 a content file (Markdown, YAML) is invalid
    │   ├── FactError                content/fakta.yaml, or a reference to a fact
    │   └── CampaignError            campaigns/<slug>/campaign.yaml
    ├── ContentErrors                several ContentErrors collected in one pass
    ├── BuildError                   the site build failed (previous output kept)
    ├── DeployError                  publishing output/ to the [deploy] target failed
    ├── ImageError                   a card cannot be rendered (colours, fit)
    ├── FontError                    the installed font package is missing or broken
    ├── LetterError                  a høringssvar letter (PDF) cannot be made
    ├── StateError                   the state database cannot be opened or migrated
    ├── WatchError                   consultation watcher
    │   └── SourceError              one source failed (fetch, size, parse)
    └── PostError                    social posting
        ├── CredentialsError         required environment variables are missing
        └── ChannelError             a channel answered with an error
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class StemmeError(Exception):
    """Base of every error Stemme reports to a person."""


class ConfigError(StemmeError):
    """stemme.toml cannot be used as it is."""


class ContentError(StemmeError):
    """A content file is invalid. Carries the file, the field and how to fix it."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        field: str | None = None,
        fix: str | None = None,
        line: int | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.field = field
        self.fix = fix
        self.line = line
        super().__init__(self._format())

    def _format(self) -> str:
        where = self.file or ""
        if where and self.line:
            where += f", linje {self.line}"
        parts = []
        if where:
            parts.append(where)
        if self.field:
            parts.append(f"feltet «{self.field}»")
        head = ": ".join(parts)
        text = f"{head}: {self.message}" if head else self.message
        if self.fix:
            text += f" Slik retter du det: {self.fix}"
        return text


class FactError(ContentError):
    """content/fakta.yaml is invalid, or a page refers to an unknown fact."""


class CampaignError(ContentError):
    """A campaign file is invalid."""


class ContentErrors(StemmeError):
    """Several content errors found in one pass; all are reported at once."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = list(errors)
        lines = [f"Fant {len(self.errors)} feil i innholdet:"]
        lines += [f"  • {e}" for e in self.errors]
        super().__init__("\n".join(lines))


class BuildError(StemmeError):
    """The site build failed; the previous output is left untouched."""


class DeployError(StemmeError):
    """Publishing to the [deploy] target failed; the live site is left whole."""


class ImageError(StemmeError):
    """A card cannot be rendered."""


class FontError(StemmeError):
    """Lato cannot be found in the installed font package."""


class LetterError(StemmeError):
    """A høringssvar letter (PDF) cannot be made (e.g. an unknown response)."""


class StateError(StemmeError):
    """The state database cannot be opened or migrated."""


class WatchError(StemmeError):
    """The consultation watcher failed."""


class SourceError(WatchError):
    """One watch source failed; the others are still polled."""


class PostError(StemmeError):
    """Social posting failed."""


class CredentialsError(PostError):
    """Environment variables needed for live posting are missing."""


class ChannelError(PostError):
    """A social channel answered with an error."""
