"""The public steps of a sent response: a small YAML file beside it, written by the
watcher and read by the build (which never reads the state DB or the network).

``content/hoeringssvar/<slug>.videre.yaml``::

    # Skrevet av «stemme watch» …
    steps:
      - date: 2026-11-20
        text: Prop. 23 LS (2026–2027) lagt fram for Stortinget: …
        url: https://www.regjeringen.no/…

It is reviewable and kept in git like a draft. :func:`read_steps` is an allow-list: only
``date`` (a date), ``text`` (plain text, one line, capped) and ``url`` (http/https) pass;
anything else in the file is an error naming the file, the step and the fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from generator.core import ContentError, write_atomic
from generator.watch.follow.responses import STEPS_SUFFIX
from generator.watch.text import strip_controls

HEADER = (
    "# Skrevet av «stemme watch»: det som har skjedd med saken etter høringssvaret\n"
    "# (offentlige kilder). Vises under «Hva skjedde videre?» på svarets side.\n"
    "# Ikke rediger for hånd; rett koblingene med «stemme follow» og kjør «stemme watch».\n"
)
MAX_TEXT = 400
ALLOWED = {"date", "text", "url"}


@dataclass(frozen=True)
class PublicStep:
    day: date | None
    text: str
    url: str | None


def steps_path(response: Path) -> Path:
    """``…/2026-06-02-x.md`` → ``…/2026-06-02-x.videre.yaml``."""
    return response.with_name(response.stem + STEPS_SUFFIX)


def clean_text(text: str) -> str:
    """What :func:`read_steps` accepts: one line, no control characters, no angle
    brackets (shown as ‹ ›), at most :data:`MAX_TEXT` characters."""
    line = " ".join(strip_controls(text).split()).replace("<", "‹").replace(">", "›")
    line = "".join(ch for ch in line if ch.isprintable())
    return line if len(line) <= MAX_TEXT else line[: MAX_TEXT - 1] + "…"


def public_url(url: object) -> bool:
    """An http(s) address without spaces, quotes or angle brackets."""
    return (
        isinstance(url, str)
        and url.startswith(("https://", "http://"))
        and not any(ch.isspace() or ch in "\"'<>" for ch in url)
    )


def render(steps: list[PublicStep]) -> str:
    items = [
        {"date": s.day, "text": clean_text(s.text), **({"url": s.url} if public_url(s.url) else {})}
        for s in steps
    ]
    body = yaml.safe_dump({"steps": items}, allow_unicode=True, sort_keys=False, width=100)
    return HEADER + body


def write_steps(response: Path, steps: list[PublicStep]) -> bool:
    """Write the file when its content changes; True when it was written."""
    path = steps_path(response)
    text = render(steps)
    if path.is_file() and not path.is_symlink() and path.read_text(encoding="utf-8") == text:
        return False
    write_atomic(path, text.encode("utf-8"))
    return True


def _error(path: Path, where: str, problem: str) -> ContentError:
    return ContentError(
        f"{path}: {where}: {problem}. Filen skrives av «stemme watch»; slett den og kjør "
        "«stemme watch» på nytt, eller rett koblingene med «stemme follow»."
    )


def read_steps(path: Path) -> list[PublicStep]:
    """The steps in a public steps file (allow-list); ContentError when it is not valid."""
    if path.is_symlink() or not path.is_file():
        raise _error(path, "filen", "er ikke en vanlig fil i prosjektet")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _error(path, "filen", f"er ikke gyldig YAML ({type(exc).__name__})") from None
    if not isinstance(data, dict) or set(data) != {"steps"} or not isinstance(data["steps"], list):
        raise _error(path, "filen", "må ha én nøkkel, «steps», med en liste")
    found = []
    for number, item in enumerate(data["steps"], start=1):
        where = f"steg {number}"
        if not isinstance(item, dict) or not set(item) <= ALLOWED or "text" not in item:
            raise _error(path, where, "kan bare ha date, text og url, og må ha text")
        day = item.get("date")
        if day is not None and not isinstance(day, date):
            raise _error(path, where, f"date «{day}» er ikke en dato (ÅÅÅÅ-MM-DD)")
        text = item["text"]
        if not isinstance(text, str) or not text.strip() or len(text) > MAX_TEXT:
            raise _error(path, where, f"text må være tekst på høyst {MAX_TEXT} tegn")
        if any(ch in text for ch in "\n\r<>") or not text.isprintable():
            raise _error(path, where, "text kan ikke ha linjeskift, kontrolltegn, < eller >")
        url = item.get("url")
        if url is not None and not public_url(url):
            raise _error(path, where, f"url «{url}» er ikke en http(s)-adresse")
        found.append(PublicStep(day, text.strip(), url))
    return found
