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

import copy
from collections.abc import Iterable
from pathlib import Path


class StemmeError(Exception):
    """Base of every error Stemme reports to a person."""


class ConfigError(StemmeError):
    """stemme.toml cannot be used as it is."""


class ContentError(StemmeError):
    """A content file is invalid. Carries the file, the place, the field and how to fix it."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        field: str | None = None,
        fix: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.field = field
        self.fix = fix
        self.line = line
        self.column = column
        super().__init__(self._format())

    @property
    def headline(self) -> str:
        """Where and what, without the fix: «fil, linje 3: feltet «x»: …»."""
        where = self.file or ""
        if where and self.line:
            where += f", linje {self.line}"
            if self.column:
                where += f", kolonne {self.column}"
        parts = [where] if where else []
        if self.field:
            parts.append(f"feltet «{self.field}»")
        head = ": ".join(parts)
        return f"{head}: {self.message}" if head else self.message

    def _format(self) -> str:
        text = self.headline
        if self.fix:
            text += f" Slik retter du det: {self.fix}"
        return text

    def relocated(self, file: str | Path) -> ContentError:
        """The same error, naming ``file`` (e.g. relative to the project root)."""
        moved = copy.copy(self)
        moved.file = str(file)
        moved.args = (moved._format(),)
        return moved

    @property
    def sort_key(self) -> tuple[str, int, int]:
        """Errors are listed by file, then line, then column."""
        return (self.file or "", self.line or 0, self.column or 0)


class FactError(ContentError):
    """content/fakta.yaml is invalid, or a page refers to an unknown fact."""


class CampaignError(ContentError):
    """A campaign file is invalid."""


class ContentErrors(StemmeError):
    """Several content errors found in one pass; all are reported at once, sorted by file
    and line, under a count («Fant 3 feil i 1 fil:»)."""

    def __init__(self, errors: Iterable[ContentError]) -> None:
        self.errors = sorted(errors, key=lambda e: e.sort_key)
        lines = [f"{count_errors(self.errors)}:"]
        for error in self.errors:
            lines.append(f"  • {error.headline}")
            if error.fix:
                lines.append(f"    Slik retter du det: {error.fix}")
        super().__init__("\n".join(lines))


def count_errors(errors: list[ContentError]) -> str:
    """«Fant 3 feil i 2 filer» (or «… i innholdet» when no error names a file)."""
    files = {e.file for e in errors if e.file}
    where = f"{len(files)} {'fil' if len(files) == 1 else 'filer'}" if files else "innholdet"
    return f"Fant {len(errors)} feil i {where}"


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
