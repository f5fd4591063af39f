"""Lovdata's public data (no key, NLOD 2.0 — credit Lovdata): is our law in the
consolidated laws yet?

``GET https://api.lovdata.no/v1/publicData/list`` names the packages with a
``lastModified``; ``…/get/gjeldende-lover.tar.bz2`` holds every law in force as
``nl/nl-YYYYMMDD-NNN.xml``, an XHTML file whose header says::

    <dd class="refid">lov/1948-11-04-1</dd>
    <dd class="titleShort">Kunstavgiftsloven</dd>
    <dd class="lastChangedBy"><a href="lov/2018-12-20-120">lov/2018…</a> fra 2019-08-01</dd>

and whose articles end «Endret ved <a href="lov/2018-12-20-120">…</a>». A law that
amends another («lov 19. mars 2027 nr. 12» = ``lov/2027-03-19-12``) is consolidated when a
law in the package links to it. The archive is read in memory with limits (members,
sizes, only regular ``nl/*.xml`` files); the files start with ``<!DOCTYPE html>``, so no
XML parser is used — only the few header fields are read as text.
"""

from __future__ import annotations

import html
import io
import json
import re
import tarfile
from dataclasses import dataclass
from datetime import date

from generator.core import SourceError

PACKAGE = "gjeldende-lover.tar.bz2"
MAX_MEMBERS = 5_000
MAX_MEMBER_BYTES = 8 * 1024 * 1024
MAX_TOTAL_BYTES = 400 * 1024 * 1024
_MEMBER = re.compile(r"^(?:\./)?nl/nl-\d{8}-\d{3}(?:-nn)?\.xml$")


def _field(name: str) -> re.Pattern[str]:
    return re.compile(rf'<dd class="{name}">(.*?)</dd>', re.DOTALL)


_REFID, _SHORT, _TITLE = _field("refid"), _field("titleShort"), _field("title")
_CHANGED = re.compile(
    r'<dd class="lastChangedBy"><a href="(lov/[0-9-]+)">[^<]*</a>\s*fra\s*(\d{4}-\d{2}-\d{2})'
)


@dataclass(frozen=True)
class Consolidated:
    """A law in force whose text carries the changes of ``amended_by``."""

    refid: str  # «lov/1981-05-22-25»
    name: str  # «Straffeprosessloven»
    amended_by: str  # «lov/2027-03-19-12»
    in_force: date | None  # when lastChangedBy is this law: «fra 2027-07-01»


def law_refid(day: date, number: int) -> str:
    """«lov 19. mars 2027 nr. 12» → ``lov/2027-03-19-12``."""
    return f"lov/{day.isoformat()}-{number}"


def package_modified(data: bytes, source: str) -> str | None:
    """``lastModified`` of the consolidated laws in the ``list`` answer."""
    try:
        items = json.loads(data)
    except ValueError:
        raise SourceError(f"{source}: svaret er ikke gyldig JSON fra Lovdata.") from None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and item.get("filename") == PACKAGE:
            return str(item.get("lastModified") or "") or None
    raise SourceError(f"{source}: Lovdata nevner ikke pakken {PACKAGE}. Sjekk adressen.")


def _text(pattern: re.Pattern[str], head: str) -> str:
    match = pattern.search(head)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).split()) if match else ""


def find(archive: bytes, wanted: set[str], source: str) -> list[Consolidated]:
    """Every law in the package that links to one of ``wanted`` (amending laws)."""
    found: list[Consolidated] = []
    total = 0
    try:
        with tarfile.open(fileobj=io.BytesIO(archive), mode="r:bz2") as tar:
            for number, member in enumerate(tar):
                if number >= MAX_MEMBERS:
                    raise SourceError(f"{source}: pakken har flere enn {MAX_MEMBERS} filer.")
                if not member.isfile() or not _MEMBER.match(member.name):
                    continue
                if member.size > MAX_MEMBER_BYTES or total + member.size > MAX_TOTAL_BYTES:
                    raise SourceError(f"{source}: pakken er større enn Stemme godtar.")
                total += member.size
                handle = tar.extractfile(member)
                text = handle.read().decode("utf-8", errors="replace") if handle else ""
                found += _links(text, wanted)
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise SourceError(f"{source}: pakken fra Lovdata kan ikke leses ({exc}).") from None
    return found


def _links(text: str, wanted: set[str]) -> list[Consolidated]:
    hits = [refid for refid in wanted if f'href="{refid}"' in text]
    if not hits:
        return []
    head = text.split("</header>", 1)[0]
    refid = _text(_REFID, head)
    name = _text(_SHORT, head) or _text(_TITLE, head) or refid
    last = _CHANGED.search(head)
    result = []
    for hit in sorted(hits):
        in_force = date.fromisoformat(last.group(2)) if last and last.group(1) == hit else None
        result.append(Consolidated(refid, name, hit, in_force))
    return result
