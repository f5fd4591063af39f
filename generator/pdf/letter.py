"""A høringssvar as a letter: the :class:`Letter` the template renders, and its parts.

The letter is assembled from a response file by the site layer
(:func:`generator.site.letters.load_letter`: the site's content model and Markdown), so
this module knows nothing of files or Markdown. What it decides: the letterhead from
``[organisation]`` in stemme.toml, the closing («Med vennlig hilsen / Krisesentersekretariatet»)
split off the end of the text and set as the signature block with ``signed_by`` under it,
and the date in Norwegian.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.core import Config, ContentError, norwegian_date
from generator.pdf.markup import Body

LOGO_FIX = "legg logoen der, eller rett eller fjern nøkkelen."
LOGO_INSIDE_FIX = (
    "legg logoen i prosjektmappen (f.eks. theme/static/img/logo.svg) og skriv stien dit."
)


def logo_problem(logo: str, root: Path) -> str | None:
    """Why the logo at ``logo`` (from stemme.toml) cannot go in a letter, or None."""
    path = root / logo
    if not path.is_file():
        return f"peker på {logo}, men den filen finnes ikke."
    if not path.resolve().is_relative_to(root.resolve()):
        return f"peker på {logo}, som ligger utenfor prosjektmappen; et brev leser ikke filer der."
    return None


DEFAULT_GREETING = "Med vennlig hilsen"
_GREETING = re.compile(r"^\s*(?:med\s+)?(?:vennlig\s+|beste\s+)?hilsen\b.*$", re.IGNORECASE)
_CLOSING_LINES = 6  # a closing is the greeting and at most this many short lines after it
_BLOCK = re.compile(r"^(?:[#>]|[-*+]\s|\d+[.)]\s)")


@dataclass(frozen=True)
class Signer:
    """One person who signs the letter (``signed_by`` in the front matter)."""

    name: str
    role: str = ""


@dataclass(frozen=True)
class Letterhead:
    """The organisation as the letter presents it (from [organisation] in stemme.toml)."""

    name: str
    address: tuple[str, ...]
    email: str
    phone: str | None
    website: str
    colour: str
    logo: Path | None

    @classmethod
    def from_config(cls, config: Config, root: Path) -> Letterhead:
        org = config.organisation
        logo = root / org.logo if org.logo else None
        if org.logo and (problem := logo_problem(org.logo, root)):
            raise ContentError(
                problem,
                file="stemme.toml",
                field="organisation.logo",
                fix=LOGO_FIX if "finnes ikke" in problem else LOGO_INSIDE_FIX,
            )
        website = re.sub(r"^https?://", "", config.site.url).rstrip("/")
        return cls(
            org.name,
            tuple(org.address),
            org.email,
            org.phone,
            website,
            config.brand.primary,
            logo,
        )

    @property
    def footer_lines(self) -> tuple[str, str]:
        """The footer on every page: name and address; then e-mail, phone and website."""
        first = " · ".join([self.name, ", ".join(self.address)] if self.address else [self.name])
        contact = [f"E-post {self.email}"]
        if self.phone:
            contact.append(f"Telefon {self.phone}")
        contact.append(self.website)
        return first, " · ".join(contact)


@dataclass(frozen=True)
class Letter:
    """One høringssvar letter, ready for the template."""

    slug: str
    source: Path
    title: str
    summary: str
    recipient: str
    your_reference: str | None
    our_reference: str | None
    date: date
    body: Body  # the text as Typst markup, with the photos it shows
    greeting: str
    closing_lines: tuple[str, ...]
    signers: tuple[Signer, ...]
    draft: bool
    letterhead: Letterhead

    @property
    def images(self) -> tuple[Path, ...]:
        """The photo files in content/bilder/ the body shows."""
        return self.body.images

    @property
    def date_text(self) -> str:
        return norwegian_date(self.date)

    @property
    def file_name(self) -> str:
        return f"{self.slug}.pdf"


def split_closing(body: str, names: set[str]) -> tuple[str, str, tuple[str, ...]]:
    """(body without its closing, greeting, other closing lines).

    The closing is a greeting line («Med vennlig hilsen») followed by at most a few short
    lines at the very end; the organisation's name among them is dropped (the letter
    prints it). Without a closing, the letter uses «Med vennlig hilsen».
    """
    lines = body.rstrip().splitlines()
    for index in range(len(lines) - 1, max(-1, len(lines) - 2 * _CLOSING_LINES - 2), -1):
        if not _GREETING.match(lines[index]):
            continue
        rest = [line.strip() for line in lines[index + 1 :] if line.strip()]
        if len(rest) > _CLOSING_LINES or any(_BLOCK.match(line) for line in rest):
            break  # headings, lists or quotes: text, not a closing
        extra = tuple(p for p in map(_plain, rest) if p.lower() not in names)
        return "\n".join(lines[:index]).rstrip() + "\n", _plain(lines[index]), extra
    return body, DEFAULT_GREETING, ()


def _plain(line: str) -> str:
    """A closing line without Markdown's hard break («  » or «\\» at the end) or emphasis."""
    return line.strip().removesuffix("\\").strip().strip("*_").strip()
