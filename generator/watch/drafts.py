"""``stemme respond ID``: a prefilled høringssvar draft in content/hoeringssvar/.

The file is ``<today>-<slug>.md`` with the front matter the site validates (title, date,
department, consultation, reference, deadline, ``status: utkast``, summary) and a
Norwegian skeleton to write in. Feed text is untrusted and the draft is published once
its status is ``sendt``, so nothing from the feed may become markup on the site or in
the Atom feed:

* feed text in the body and in the ``summary`` (which Pelican renders as Markdown) goes
  through :func:`~generator.watch.text.markdown_text` — no HTML, links, images,
  emphasis, ``[[fakta:…]]`` or attribute lists;
* the link is validated (http/https only) and percent-encoded by
  :func:`~generator.watch.text.safe_link` wherever it is written — front matter and the
  HTML comment — so it can neither close the comment nor leave its attribute;
* inside the HTML comment, feed text is HTML-escaped and ``--`` is broken up.

An existing file — or an existing draft for the same consultation — is never overwritten.
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from generator.core import Config, WatchError, norwegian_date, slugify
from generator.placeholders import GUIDANCE_CLOSE, GUIDANCE_OPEN, placeholder
from generator.watch.model import Consultation
from generator.watch.text import markdown_text, safe_link, strip_controls

DRAFT_SLUG_MAX = 60  # characters of the subject in a draft's file name
DRAFT_SLUG_EMPTY = "hoeringssvar"  # the file name's subject when the title has no letters


_HEARING_PREFIX = re.compile(
    r"^(?:kort\s+)?h(?:ø|o)y?ring(?:snotat)?\s*(?:[–—:-]\s*|om\s+|av\s+)", re.IGNORECASE
)


def subject(title: str) -> str:
    """The consultation title without a leading "Høring –"/"Høring om"/"Høyring –"."""
    rest = _HEARING_PREFIX.sub("", title.strip(), count=1).strip()
    return rest or title


def _existing_draft(folder: Path, url: str) -> Path | None:
    if not folder.is_dir():
        return None
    for path in sorted(folder.glob("*.md")):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        if re.search(rf"^consultation:\s*['\"]?{re.escape(url)}['\"]?\s*$", head, re.MULTILINE):
            return path
    return None


def front_matter(consultation: Consultation, config: Config, today: date) -> dict[str, Any]:
    link = safe_link(consultation.url)
    if not link:
        raise WatchError(
            f"Høringen {consultation.id} har ingen gyldig nettadresse, så et høringssvar kan "
            "ikke lenkes til den. Lag filen for hånd i content/hoeringssvar/."
        )
    meta: dict[str, Any] = {
        "title": f"Høringssvar om {_lower_first(subject(consultation.title))}",
        "date": today,
        "department": consultation.department or "Ukjent mottaker – fyll inn",
        "consultation": link,
    }
    if consultation.reference:
        meta["reference"] = consultation.reference
    if consultation.deadline_date:
        meta["deadline"] = consultation.deadline_date
    meta["status"] = "utkast"
    meta["summary"] = (
        f"{_genitive(config.organisation.name)} høringssvar om "
        f"{markdown_text(_lower_first(subject(consultation.title)), line_start=False)}."
    )
    return meta


def _genitive(name: str) -> str:
    """Norwegian possessive: «Krisesentersekretariatets», «Fokus'» (names ending in s/x/z)."""
    return name + ("'" if name[-1:].lower() in "sxz" else "s")


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        return text[0].lower() + text[1:]
    return text


def skeleton(consultation: Consultation, config: Config, today: date) -> str:
    org = config.organisation.name
    title = markdown_text(consultation.title, line_start=False)
    lines = [
        f"{GUIDANCE_OPEN} Utkast laget med «stemme respond» {norwegian_date(today)}. "
        "Utkast publiseres aldri; sett «status: sendt» og «sent: ÅÅÅÅ-MM-DD» når svaret "
        f"er sendt. Fjern kommentarene og hakeparentesene før sending. Interne merknader skriver "
        f"dere også slik, i en kommentar: de vises aldri på siden eller i brevet. {GUIDANCE_CLOSE}",
        "",
        _header_note(consultation),
        "",
        # Above the text, not under the signature: nothing but the closing follows it.
        f"{GUIDANCE_OPEN} Om høringen, fra kilden:",
        _in_comment(consultation.summary),
        f"Lenke: {safe_link(consultation.url)} {GUIDANCE_CLOSE}",
        "",
        "## Innledning",
        "",
        f"{org} viser til høringen «{title}» og takker for muligheten til å gi innspill.",
        placeholder("Si kort hvem vi er og hvorfor saken angår voldsutsatte og krisesentrene."),
        "",
        "## Sammendrag",
        "",
        f"- {placeholder('Vårt viktigste standpunkt i én setning.')}",
        f"- {placeholder('Det neste.')}",
        "",
        "## Våre merknader",
        "",
        f"### {placeholder('Tema eller paragraf')}",
        "",
        placeholder(
            "Hva foreslås, hva mener vi, og hvorfor. Vis til fakta og erfaringer fra krisesentrene."
        ),
        "",
        "## Avslutning",
        "",
        placeholder("Gjenta det viktigste kravet."),
        "",
        "Med vennlig hilsen  ",
        f"{org}",
        "",
    ]
    return "\n".join(lines)


def _header_note(consultation: Consultation) -> str:
    """Guidance on the letter header: it comes from the front matter, never the body."""
    note = (
        "Mottaker («department»), «Deres ref.» («reference») og frist («deadline») står "
        "øverst i filen og kommer med i brevhodet og på nettsiden; skriv dem ikke i teksten."
    )
    missing = [name for name, value in (("reference", consultation.reference),
               ("deadline", consultation.deadline_date)) if not value]  # fmt: skip
    if missing:
        fields = " og ".join(f"«{name}»" for name in missing)
        note += f" Høringen oppga ikke {fields}; legg det til øverst hvis dere finner det."
    return f"{GUIDANCE_OPEN} {note} {GUIDANCE_CLOSE}"


def _in_comment(text: str) -> str:
    """Feed text that cannot end (or nest in) the HTML comment it is written into."""
    escaped = html.escape(strip_controls(text), quote=False)
    while "--" in escaped:
        escaped = escaped.replace("--", "–")
    return escaped


def create_draft(folder: Path, consultation: Consultation, config: Config, today: date) -> Path:
    """Write the draft and return its path; refuse to overwrite anything."""
    meta = front_matter(consultation, config, today)
    name = slugify(subject(consultation.title), DRAFT_SLUG_MAX) or DRAFT_SLUG_EMPTY
    path = folder / f"{today.isoformat()}-{name}.md"
    if path.exists():
        raise WatchError(
            f"{path} finnes allerede og blir ikke overskrevet. Åpne den og skriv videre, "
            "eller gi den et annet navn først."
        )
    if existing := _existing_draft(folder, meta["consultation"]):
        raise WatchError(
            f"Det finnes allerede et høringssvar for denne høringen: {existing}. "
            "Skriv videre i den filen."
        )
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(f"---\n{text}---\n\n{skeleton(consultation, config, today)}")
    return path
