"""data.stortinget.no for a followed matter: ``saker``, ``sak``, ``voteringer``,
``horingsprogram`` (XML or JSON) → plain records. No network here.

XML is first turned into the same shape as the JSON (an element with children → a dict,
an element named ``…_liste`` → a list, ``i:nil="true"`` → None), so one reader serves
both. What differs and how it is handled:

* dates: XML local time without offset, JSON ``/Date(ms±hhmm)/``, the events of
  ``saksgang`` as «21.10.2025 00:00:00»; every «no date» placeholder (``0001-01-01…``,
  ``/Date(-62135596800000)/``, «01.01.0001 00:00:00») is None;
* enums (``status``, ``type``, ``dokumentgruppe``, ``publikasjon_referanse/type``) are
  words in XML and numbers in JSON: a number is kept as None (never guessed);
* ``respons_dato_tid`` and ``versjon`` change with every call and are never part of a
  case's fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from generator.core import SourceError
from generator.watch.model import OSLO
from generator.watch.sources.stortinget import NIL, NS, api_date
from generator.watch.text import http_url, plain_text
from generator.watch.xmlsafety import refuse_declarations

CASE_URL = "https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p={id}"
VOTES_URL = (
    "https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/Voteringsoversikt/?p={id}&dnid=1"
)
_EVENT_DATE = re.compile(r"^(\d{2})\.(\d{2})\.(\d{4})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$")
_VOLATILE = {"respons_dato_tid", "versjon"}


@dataclass(frozen=True)
class Committee:
    id: str | None
    name: str | None


@dataclass(frozen=True)
class CaseSummary:
    """One case of ``saker?sesjonid=``."""

    id: str
    title: str
    reference: str  # henvisning: grows as documents are added
    committee: Committee | None
    updated: date | None  # sist_oppdatert_dato (only the date part is significant)
    status: str | None  # XML word (varslet … bortfalt); None from JSON
    fingerprint: str  # of the stable fields: changes when the case moves


@dataclass(frozen=True)
class Publication:
    kind: str | None  # innstilling, regjering, dok8, referat … (XML); None from JSON
    text: str
    url: str | None


@dataclass(frozen=True)
class CaseDetail:
    """``sak?sakid=``: where one case stands."""

    id: str
    title: str
    reference: str
    committee: Committee | None
    status: str | None
    done: bool  # ferdigbehandlet: the only «done» (status «behandlet» = committee done)
    publications: list[Publication] = field(default_factory=list)
    events: dict[str, datetime] = field(default_factory=dict)  # event id → first real date
    decision: str = ""  # kortvedtak / vedtakstekst


@dataclass(frozen=True)
class Vote:
    id: str
    topic: str
    adopted: bool
    votes_for: int | None  # None: not counted (e.g. «Enstemmig vedtatt»)
    votes_against: int | None
    at: datetime | None
    result: str  # votering_resultat_type_tekst


@dataclass(frozen=True)
class Programme:
    """One day of a hearing programme: who speaks when."""

    day: datetime | None
    place: str
    speakers: list[tuple[str, str]]  # (time, text naming organisations)


# ---------------------------------------------------------------- bytes → dict


def document(data: bytes, source: str, root_name: str) -> dict[str, Any]:
    """XML or JSON → a dict of the API's shape; SourceError when it is neither."""
    head = data.lstrip()[:1]
    if head in (b"{", b"["):
        try:
            value = json.loads(data)
        except ValueError as exc:
            raise SourceError(f"{source}: svaret er ikke gyldig JSON ({exc}).") from None
        if not isinstance(value, dict):
            raise SourceError(f"{source}: JSON-svaret har ikke formen Stemme venter.")
        return value
    refuse_declarations(data, source=source)
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise SourceError(f"{source}: svaret er ikke gyldig XML fra Stortinget ({exc}).") from None
    if root.tag != f"{NS}{root_name}":
        raise SourceError(
            f"{source}: svaret er ikke «{root_name}» fra Stortingets API. Sjekk adressen."
        )
    value = _element(root)
    return value if isinstance(value, dict) else {}


def _element(element: Element) -> Any:
    if element.get(NIL) == "true":
        return None
    children = list(element)
    name = element.tag.removeprefix(NS)
    if name.endswith("_liste"):
        return [_element(child) for child in children]
    if not children:
        return (element.text or "").strip()
    return {child.tag.removeprefix(NS): _element(child) for child in children}


def _text(value: Any) -> str:
    return plain_text(str(value)) if isinstance(value, str | int) and value != "" else ""


def _word(value: Any) -> str | None:
    """An enum as a word (XML); JSON's numbers are not guessed at."""
    return value.strip() or None if isinstance(value, str) and not value.isdigit() else None


def _when(value: Any) -> datetime | None:
    try:
        return api_date(value) if value not in (None, "") else None
    except ValueError:
        return None


def event_date(value: Any) -> datetime | None:
    """«21.10.2025 00:00:00» (Oslo) → datetime; the «01.01.0001» placeholder → None."""
    match = _EVENT_DATE.match(str(value or "").strip())
    if not match:
        return _when(value)
    day, month, year, hour, minute, second = match.groups()
    if int(year) < 1900:
        return None
    return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                    int(second or 0), tzinfo=OSLO)  # fmt: skip


def _committee(value: Any) -> Committee | None:
    if not isinstance(value, dict) or not (value.get("id") or value.get("navn")):
        return None
    return Committee(_text(value.get("id")) or None, _text(value.get("navn")) or None)


def _list(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _stable(value: Any) -> Any:
    """The value without ``respons_dato_tid``/``versjon`` at any depth."""
    if isinstance(value, dict):
        return {k: _stable(v) for k, v in value.items() if k not in _VOLATILE}
    if isinstance(value, list):
        return [_stable(v) for v in value]
    return value


def _fingerprint(case: dict[str, Any]) -> str:
    blob = json.dumps(_stable(case), sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode()).hexdigest()


# ---------------------------------------------------------------- readers


def parse_cases(data: bytes, *, source: str = "saker") -> list[CaseSummary]:
    """``saker?sesjonid=`` → the cases (a case without a numeric id is left out)."""
    doc = document(data, source, "saker_oversikt")
    found = []
    for case in _list(doc.get("saker_liste")):
        key = _text(case.get("id"))
        if not key.isdigit():
            continue
        updated = _when(case.get("sist_oppdatert_dato"))
        found.append(
            CaseSummary(
                id=key,
                title=_text(case.get("korttittel")) or _text(case.get("tittel")) or f"Sak {key}",
                reference=_text(case.get("henvisning")),
                committee=_committee(case.get("komite")),
                updated=updated.date() if updated else None,
                status=_word(case.get("status")),
                fingerprint=_fingerprint(case),
            )
        )
    return found


def parse_case(data: bytes, *, source: str = "sak") -> CaseDetail:
    doc = document(data, source, "detaljert_sak")
    key = _text(doc.get("id"))
    if not key.isdigit():
        raise SourceError(f"{source}: saken har ikke et gyldig nummer (id).")
    publications = [
        Publication(_word(p.get("type")), _text(p.get("lenke_tekst")), http_url(p.get("lenke_url")))
        for p in _list(doc.get("publikasjon_referanse_liste"))
        if _text(p.get("lenke_tekst"))
    ]
    events: dict[str, datetime] = {}
    saksgang = doc.get("saksgang") if isinstance(doc.get("saksgang"), dict) else {}
    for step in _list(saksgang.get("saksgang_steg_liste")):
        for event in _list(step.get("saksgang_hendelse_liste")):
            code, when = _text(event.get("id")), event_date(event.get("dato"))
            if code and when and code not in events:
                events[code] = when
    return CaseDetail(
        id=key,
        title=_text(doc.get("korttittel")) or _text(doc.get("tittel")) or f"Sak {key}",
        reference=_text(doc.get("henvisning")),
        committee=_committee(doc.get("komite")),
        status=_word(doc.get("status")),
        done=str(doc.get("ferdigbehandlet")).lower() == "true",
        publications=publications,
        events=events,
        decision=_text(doc.get("kortvedtak")) or _text(doc.get("vedtakstekst")),
    )


def _count(value: Any) -> int | None:
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if number >= 0 else None


def parse_votes(data: bytes, *, source: str = "voteringer") -> list[Vote]:
    doc = document(data, source, "sak_votering_oversikt")
    votes = []
    for vote in _list(doc.get("sak_votering_liste")):
        key = _text(vote.get("votering_id"))
        if not key:
            continue
        votes.append(
            Vote(
                id=key,
                topic=_text(vote.get("votering_tema")),
                adopted=str(vote.get("vedtatt")).lower() == "true",
                votes_for=_count(vote.get("antall_for")),
                votes_against=_count(vote.get("antall_mot")),
                at=_when(vote.get("votering_tid")),
                result=_text(vote.get("votering_resultat_type_tekst")),
            )
        )
    return votes


def parse_programme(data: bytes, *, source: str = "horingsprogram") -> list[Programme]:
    doc = document(data, source, "horingsprogram_oversikt")
    days = []
    for day in _list(doc.get("horingsprogram_liste")):
        speakers = [
            (_text(e.get("tidsangivelse")), _text(e.get("tekst")))
            for e in _list(day.get("horingsprogram_element_liste"))
            if _text(e.get("tekst"))
        ]
        days.append(Programme(_when(day.get("dato")), _text(day.get("sted")), speakers))
    return days
