"""data.stortinget.no ``eksport/horinger`` (XML or JSON) → entries.

Both formats are first normalised into the same plain record, so XML and JSON give
identical entries. XML: namespace ``http://data.stortinget.no``, local times without an
offset (Europe/Oslo), ``i:nil="true"`` for missing text; parsed with defusedxml with DTDs
forbidden. JSON: ``/Date(<UTC millis>[±hhmm])/``, and sometimes ISO text. Every date goes
through :func:`api_date`: the "no date" placeholders ``0001-01-01T00:00:00`` /
``/Date(-62135596800000)/`` become None silently; anything unreadable or out of range
(``9999-12-31…``) becomes None with a warning naming the hearing and the field.
A hearing has no title of its own: it is built from its cases. A hearing that cannot be
read (no numeric id, an odd shape) is skipped with a warning; the others are kept.

Without ``sesjonid`` the API answers with the session in progress, which is what the
watcher wants (:func:`session_warning` flags an address that pins one).
The numeric/enum ``status``/``type`` fields differ between formats and are not used.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from generator.core import SourceError
from generator.watch.model import OSLO, Entry, Parsed
from generator.watch.text import ImplausibleDate, http_url, plain_text, plausible
from generator.watch.xmlsafety import refuse_declarations

NS = "{http://data.stortinget.no}"
NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
WEB_URL = "https://www.stortinget.no/no/Hva-skjer-pa-Stortinget/Horing/horing/?h={id}"
_JSON_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_PLACEHOLDER_MS = -62135596800000  # 0001-01-01, .NET DateTime.MinValue
_DATE_FIELDS = ("innspillsfrist", "anmodningsfrist_dato_tid", "publisert_dato", "start_dato")
FIELD_NAMES = {
    "innspillsfrist": "innspillsfrist",
    "anmodningsfrist_dato_tid": "anmodningsfrist",
    "publisert_dato": "publiseringsdato",
    "start_dato": "startdato",
    "tidspunkt": "høringstidspunkt",
}
_CASE_FIELDS = ("sak_henvisning", "sak_id", "sak_korttittel", "sak_publikasjon", "sak_tittel")
_ID = re.compile(r"^[0-9]{1,15}$")

Warn = Callable[[str], None]


class _Skip(Exception):
    """This hearing cannot be read; the message says why (Norwegian)."""


def parse(data: bytes, *, source: str) -> Parsed:
    """XML or JSON (detected from the first character) → entries and warnings."""
    head = data.lstrip()[:1]
    json_format = head in (b"{", b"[")
    hearings = _json_hearings(data, source) if json_format else _xml_hearings(data, source)
    to_record = _json_record if json_format else _xml_record
    result = Parsed()
    for number, hearing in enumerate(hearings, start=1):
        try:
            result.entries.append(entry_from_record(to_record(hearing, result.warnings.append)))
        except _Skip as skip:
            result.warnings.append(f"høring nr. {number} ble hoppet over: {skip}")
        except Exception as exc:  # one odd hearing must not cost the whole source
            result.warnings.append(
                f"høring nr. {number} ble hoppet over ({type(exc).__name__}: {_shown(exc)})."
            )
    if hearings and not result.entries:
        raise SourceError(
            f"{source}: ingen av de {len(hearings)} høringene kunne leses "
            f"({result.warnings[0]}) Har Stortinget endret formatet? Ingenting ble lagret."
        )
    return result


def current_session(today: date) -> str:
    """Stortinget's session runs from October to September: «2026-2027»."""
    first = today.year if today.month >= 10 else today.year - 1
    return f"{first}-{first + 1}"


def session_warning(url: str, today: date) -> str | None:
    """A warning when the address pins a session (``sesjonid=…``) that is not the current one."""
    asked = parse_qs(urlsplit(url).query).get("sesjonid", [""])[0]
    if not asked or asked == current_session(today):
        return None
    return (
        f"adressen ber om sesjonen {asked}, men nå er det sesjonen {current_session(today)}, "
        "så nye høringer blir ikke sett. Fjern «sesjonid=…» fra adressen i stemme.toml; "
        "uten den svarer Stortinget med sesjonen som pågår."
    )


# ---------------------------------------------------------------- dates


def api_date(value: Any) -> datetime | None:
    """Any date form the API uses → aware datetime (Oslo), or None for «no date».

    Raises ValueError (unreadable) or ImplausibleDate (out of range).
    """
    text = str(value).strip() if value is not None else ""
    if not text or text.startswith("0001-01-01"):
        return None
    match = _JSON_DATE.match(text)
    if match:
        millis = int(match.group(1))
        if millis <= _PLACEHOLDER_MS + 86_400_000:
            return None
        try:
            moment = datetime.fromtimestamp(millis / 1000, UTC)
        except (OverflowError, OSError) as exc:
            raise ValueError(text) from exc
    else:
        moment = datetime.fromisoformat(text)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=OSLO)
    return plausible(moment).astimezone(OSLO)


def _date(value: Any, name: str, hearing: str, warn: Warn) -> datetime | None:
    try:
        return api_date(value)
    except ImplausibleDate:
        problem = "er utenfor rimelige datoer"
    except (ValueError, TypeError, OverflowError):
        problem = "er ikke en dato Stemme kan lese"
    warn(f"høring {hearing}: {FIELD_NAMES[name]} «{_shown(value)}» {problem}; lagret uten dato.")
    return None


def _shown(value: Any, limit: int = 60) -> str:
    """A value safe to print in a message: control characters escaped, length capped."""
    text = str(value)
    text = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _hearing_id(value: Any) -> str:
    text = str(value).strip() if value is not None else ""
    if not _ID.match(text):
        raise _Skip(f"id «{_shown(text)}» er ikke et gyldig nummer.")
    return text


def _dated(record: dict[str, Any], get: Callable[[str], Any], warn: Warn) -> dict[str, Any]:
    for name in _DATE_FIELDS:
        record[name] = _date(get(name), name, record["id"], warn)
    return record


# ---------------------------------------------------------------- XML


def _xml_hearings(data: bytes, source: str) -> list[Element]:
    refuse_declarations(data, source=source)
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise SourceError(
            f"{source}: svaret er ikke gyldig XML fra Stortinget ({exc}). "
            "Sjekk adressen (eksport/horinger)."
        ) from None
    if not str(root.tag).startswith(NS):
        raise SourceError(
            f"{source}: svaret er XML, men ikke fra Stortingets API (rotelementet er "
            f"«{_shown(root.tag)}»). Sjekk adressen (eksport/horinger)."
        )
    return list(root.iter(f"{NS}horing"))


def _text(element: Element | None) -> str | None:
    if element is None or element.get(NIL) == "true":
        return None
    return (element.text or "").strip() or None


def _child(element: Element | None, name: str) -> str | None:
    return _text(element.find(f"{NS}{name}")) if element is not None else None


def _xml_record(h: Element, warn: Warn) -> dict[str, Any]:
    hearing = _hearing_id(_child(h, "id"))
    committee = h.find(f"{NS}komite")
    record: dict[str, Any] = {
        "id": hearing,
        "horing_status": _child(h, "horing_status"),
        "skriftlig": _child(h, "skriftlig") == "true",
        "status_info_tekst": _child(h, "status_info_tekst"),
        "komite": {"id": _child(committee, "id"), "navn": _child(committee, "navn")},
        "saker": [
            {name: _child(case, name) for name in _CASE_FIELDS}
            for case in h.iter(f"{NS}horing_sak_info")
        ],
    }
    _dated(record, lambda name: _child(h, name), warn)
    record["tidspunkter"] = [
        {
            "sted": _child(t, "sted"),
            "tidspunkt": _date(_child(t, "tidspunkt"), "tidspunkt", hearing, warn),
        }
        for t in h.iter(f"{NS}horingstidspunkt")
    ]
    return record


# ---------------------------------------------------------------- JSON


def _json_hearings(data: bytes, source: str) -> list[Any]:
    try:
        document = json.loads(data)
        hearings = document["horinger_liste"] if isinstance(document, dict) else document
        if not isinstance(hearings, list):
            raise TypeError("horinger_liste er ikke en liste")
        return hearings
    except (ValueError, KeyError, TypeError) as exc:
        raise SourceError(
            f"{source}: svaret er ikke gyldig JSON fra Stortinget ({_shown(exc, 120)}). "
            "Sjekk adressen (eksport/horinger?format=json)."
        ) from None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _json_record(h: dict[str, Any], warn: Warn) -> dict[str, Any]:
    hearing = _hearing_id(h.get("id"))
    komite = h.get("komite") or {}
    record: dict[str, Any] = {
        "id": hearing,
        "horing_status": _str(h.get("horing_status")),
        "skriftlig": h.get("skriftlig") is True,
        "status_info_tekst": _str(h.get("status_info_tekst")),
        "komite": {"id": _str(komite.get("id")), "navn": _str(komite.get("navn"))},
        "saker": [
            {name: _str(case.get(name)) for name in _CASE_FIELDS}
            for case in h.get("horing_sak_info_liste") or []
        ],
    }
    _dated(record, h.get, warn)
    record["tidspunkter"] = [
        {
            "sted": _str(t.get("sted")),
            "tidspunkt": _date(t.get("tidspunkt"), "tidspunkt", hearing, warn),
        }
        for t in h.get("horingstidspunkt_liste") or []
    ]
    return record


# ---------------------------------------------------------------- record → entry


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _summary(record: dict[str, Any], cases: list[dict[str, Any]]) -> str:
    parts = [
        f"{c['sak_henvisning'] or 'Sak'}: {c['sak_korttittel'] or c['sak_tittel'] or ''}".strip()
        for c in cases
    ]
    info = plain_text(record["status_info_tekst"])
    if record["skriftlig"] and "skriftlig høring" not in info.lower():
        parts.append("Skriftlig høring")
    if info:
        parts.append(info)
    return ". ".join(p.rstrip(".") for p in parts if p) + "."


def entry_from_record(record: dict[str, Any]) -> Entry:
    """A normalised record (same shape from XML and JSON) → Entry; all text made plain."""
    cases = [
        {key: plain_text(value) or None if value else None for key, value in case.items()}
        for case in record["saker"]
    ]
    for case in cases:
        case["sak_publikasjon"] = http_url(case["sak_publikasjon"])
    titles = [c["sak_tittel"] or c["sak_korttittel"] for c in cases]
    times = [
        {"tidspunkt": _iso(t["tidspunkt"]), "sted": plain_text(t["sted"]) or None}
        for t in record["tidspunkter"]
        if t["tidspunkt"]
    ]
    return Entry(
        key=record["id"],
        title=" / ".join(t for t in titles if t) or f"Høring {record['id']}",
        url=WEB_URL.format(id=record["id"]),
        summary=_summary(record, cases),
        department=plain_text(record["komite"]["navn"]) or None,
        published=record["publisert_dato"],
        deadline=record["innspillsfrist"],
        reference=", ".join(c["sak_henvisning"] for c in cases if c["sak_henvisning"]) or None,
        source_status=plain_text(record["horing_status"]) or None,
        extra={
            "komite_id": plain_text(record["komite"]["id"]) or None,
            "skriftlig": record["skriftlig"],
            "anmodningsfrist": _iso(record["anmodningsfrist_dato_tid"]),
            "start": _iso(record["start_dato"]),
            "horingstidspunkt": times,
            "saker": cases,
        },
    )
