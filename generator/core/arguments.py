"""Command-line arguments that name a campaign, a consultation, a post or a file.

Every command that takes such a name uses these click types, so a name is checked one
way and can never reach outside the project: ``../../elsewhere``, an absolute path or a
symlink out of the project is a usage error (exit 2) with a Norwegian message that says
what to write instead.

    CAMPAIGN        a campaign folder name in campaigns/ (a slug)
    CONSULTATION    a consultation id, optionally with its source («regjeringen:3181402»)
    POST_KEY        a posting key «kampanje/ÅÅÅÅ-MM-DD/kanal»
    ProjectPath     a file or folder to write, inside the project (symlinks resolved)
    MOMENT          a point in time for --now (ISO; without a zone it is Norwegian time)
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from generator.core.config import OSLO, find_root
from generator.core.errors import StemmeError
from generator.core.validation import SLUG_MAX, is_slug

CAMPAIGN_EXAMPLE = "taushet-tar-liv-2026"
_CONSULTATION = re.compile(r"^(?:[\w-]{1,40}:)?\w[\w.-]{0,79}$")
_POST_KEY = re.compile(r"^([^/]+)/(\d{4}-\d{2}-\d{2})/([a-z]+)$")


class CampaignName(click.ParamType):
    """The name of a folder in campaigns/: a slug, never a path."""

    name = "kampanje"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        if not is_slug(text):
            self.fail(
                f"«{text}» er ikke navnet på en kampanje. Bruk navnet på mappen i campaigns/, "
                f"f.eks. «{CAMPAIGN_EXAMPLE}» (små bokstaver, tall og bindestrek, høyst "
                f"{SLUG_MAX} tegn; se «stemme campaign list»).",
                param,
                ctx,
            )
        return text


class ConsultationId(click.ParamType):
    """A consultation id as ``stemme consultations`` shows it."""

    name = "id"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        if not _CONSULTATION.match(text) or ".." in text:
            self.fail(
                f"«{text}» er ikke en hørings-id. Skriv id-en slik «stemme consultations» "
                "viser den, f.eks. 3181402 eller regjeringen:3181402.",
                param,
                ctx,
            )
        return text


class PostKey(click.ParamType):
    """A posting key: campaign/date/channel."""

    name = "nøkkel"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value)
        m = _POST_KEY.match(text)
        if not m or not is_slug(m.group(1)):
            self.fail(
                f"«{text}» er ikke en nøkkel til et innlegg. En nøkkel ser slik ut: "
                f"{CAMPAIGN_EXAMPLE}/2026-11-25/x (kanal x, mastodon eller bluesky); "
                "se nøklene med «stemme post status KAMPANJE».",
                param,
                ctx,
            )
        return text


class ProjectPath(click.ParamType):
    """A file or folder to write inside the project; «-» (standard output) when allowed.

    Relative paths are read from the current folder; the path itself may not be a symlink,
    and links above it are resolved before the check, so nothing points out of the
    project. What the command then writes is checked by
    :func:`generator.core.safe_paths.output_path` (kind of file, never a source)."""

    name = "sti"

    def __init__(self, *, allow_dash: bool = False) -> None:
        self.allow_dash = allow_dash

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path:
        text = str(value)
        if self.allow_dash and text == "-":
            return Path("-")
        try:
            root = find_root().resolve()
        except StemmeError as exc:
            self.fail(str(exc), param, ctx)
        target = Path(text).expanduser()
        if target.is_symlink():
            self.fail(
                f"«{text}» er en symbolsk lenke. Stemme skriver aldri gjennom en lenke (den kan "
                "peke på en fil du ikke vil miste); velg en vanlig fil eller mappe.",
                param,
                ctx,
            )
        resolved = (target if target.is_absolute() else Path.cwd() / target).resolve()
        if not resolved.is_relative_to(root):
            self.fail(
                f"«{text}» ligger utenfor prosjektmappen ({root}). Stemme skriver bare inne "
                "i prosjektet; velg en sti der, f.eks. build/…",
                param,
                ctx,
            )
        return resolved


class Moment(click.ParamType):
    """A point in time (``--now``): ISO 8601, Europe/Oslo when it names no zone."""

    name = "tidspunkt"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            when = datetime.fromisoformat(str(value).strip())
        except ValueError:
            self.fail(
                f"«{value}» er ikke et tidspunkt på formen 2026-11-26T08:05+01:00 "
                "(uten tidssone gjelder norsk tid).",
                param,
                ctx,
            )
        return (when if when.tzinfo else when.replace(tzinfo=OSLO)).astimezone(OSLO)


CAMPAIGN = CampaignName()
CONSULTATION = ConsultationId()
POST_KEY = PostKey()
MOMENT = Moment()


def inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` (symlinks resolved) lies inside ``folder``."""
    return path.resolve().is_relative_to(folder.resolve())
