"""data.stortinget.no ``eksport/horinger`` (XML or JSON) → entries.

Both formats are first normalised into the same plain record, so XML and JSON give
identical entries. XML: namespace ``http://data.stortinget.no``, local times without an
offset (Europe/Oslo), ``i:nil="true"`` for missing text; parsed with defusedxml with DTDs
forbidden. JSON: ``/Date(<UTC millis><±hhmm>)/``. The "no date" placeholders
``0001-01-01T00:00:00`` / ``/Date(-62135596800000)/`` become None, never year 1.
A hearing has no title of its own: it is built from its cases.
The numeric/enum ``status``/``type`` fields differ between formats and are not used.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from generator.core.errors import SourceError
from generator.watch.model import OSLO, Entry
from generator.watch.text import http_url, plain_text
from generator.watch.xmlsafety import refuse_declarations

NS = "{http://data.stortinget.no}"
NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
WEB_URL = "https://www.stortinget.no/no/Hva-skjer-pa-Stortinget/Horing/horing/?h={id}"
_JSON_DATE = re.compile(r"^/Date\((-?\d+)([+-]\d{4})?\)/$")
_DATE_FIELDS = ("anmodningsfrist_dato_tid", "innspillsfrist", "publisert_dato", "start_dato")


def parse(data: bytes, *, source: str) -> list[Entry]:
    """XML or JSON (detected from the first character) → entries."""
    head = data.lstrip()[:1]
    json_format = head in (b"{", b"[")
    records = _json_records(data, source) if json_format else _xml_records(data, source)
    return [entry_from_record(record) for record in records]


# ---------------------------------------------------------------- XML


def _xml_records(data: bytes, source: str) -> list[dict[str, Any]]:
    refuse_declarations(data, source=source)
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (ParseError, DefusedXmlException) as exc:
        raise SourceError(
            f"{source}: svaret er ikke gyldig XML fra Stortinget ({exc}). "
            "Sjekk adressen (eksport/horinger?sesjonid=…)."
        ) from None
    hearings = root.iter(f"{NS}horing")
    return [_xml_record(h) for h in hearings]


def _text(element: Element | None) -> str | None:
    if element is None or element.get(NIL) == "true":
        return None
    return (element.text or "").strip() or None


def _child(element: Element, name: str) -> str | None:
    return _text(element.find(f"{NS}{name}"))


def _xml_record(h: Element) -> dict[str, Any]:
    committee = h.find(f"{NS}komite")
    record: dict[str, Any] = {
        "id": _child(h, "id"),
        "horing_status": _child(h, "horing_status"),
        "skriftlig": _child(h, "skriftlig") == "true",
        "status_info_tekst": _child(h, "status_info_tekst"),
        "komite": {
            "id": _child(committee, "id") if committee is not None else None,
            "navn": _child(committee, "navn") if committee is not None else None,
        },
        "saker": [
            {
                name: _child(case, name)
                for name in (
                    "sak_henvisning",
                    "sak_id",
                    "sak_korttittel",
                    "sak_publikasjon",
                    "sak_tittel",
                )
            }
            for case in h.iter(f"{NS}horing_sak_info")
        ],
        "tidspunkter": [
            {"sted": _child(t, "sted"), "tidspunkt": _xml_date(_child(t, "tidspunkt"))}
            for t in h.iter(f"{NS}horingstidspunkt")
        ],
    }
    for name in _DATE_FIELDS:
        record[name] = _xml_date(_child(h, name))
    return record


def _xml_date(value: str | None) -> datetime | None:
    if not value or value.startswith("0001-01-01"):
        return None
    parsed = datetime.fromisoformat(value)
    return parsed.replace(tzinfo=OSLO) if parsed.tzinfo is None else parsed.astimezone(OSLO)


# ---------------------------------------------------------------- JSON


def _json_records(data: bytes, source: str) -> list[dict[str, Any]]:
    try:
        document = json.loads(data)
        hearings = document["horinger_liste"] if isinstance(document, dict) else document
        return [_json_record(h) for h in hearings]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise SourceError(
            f"{source}: svaret er ikke gyldig JSON fra Stortinget ({exc}). "
            "Sjekk adressen (eksport/horinger?sesjonid=…&format=json)."
        ) from None


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return str(value).strip() or None


def _json_record(h: dict[str, Any]) -> dict[str, Any]:
    komite = h.get("komite") or {}
    record: dict[str, Any] = {
        "id": _str(h.get("id")),
        "horing_status": _str(h.get("horing_status")),
        "skriftlig": h.get("skriftlig") is True,
        "status_info_tekst": _str(h.get("status_info_tekst")),
        "komite": {"id": _str(komite.get("id")), "navn": _str(komite.get("navn"))},
        "saker": [
            {
                name: _str(case.get(name))
                for name in (
                    "sak_henvisning",
                    "sak_id",
                    "sak_korttittel",
                    "sak_publikasjon",
                    "sak_tittel",
                )
            }
            for case in h.get("horing_sak_info_liste") or []
        ],
        "tidspunkter": [
            {"sted": _str(t.get("sted")), "tidspunkt": _json_date(t.get("tidspunkt"))}
            for t in h.get("horingstidspunkt_liste") or []
        ],
    }
    for name in _DATE_FIELDS:
        record[name] = _json_date(h.get(name))
    return record


def _json_date(value: Any) -> datetime | None:
    match = _JSON_DATE.match(str(value or ""))
    if not match:
        return None
    millis = int(match.group(1))
    if millis <= -62135596800000 + 86_400_000:  # 0001-01-01 (.NET DateTime.MinValue)
        return None
    return datetime.fromtimestamp(millis / 1000, UTC).astimezone(OSLO)


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
    if not record["id"]:
        raise SourceError("Stortinget: en høring mangler id. Svaret ble ikke lest.")
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
            "komite_id": record["komite"]["id"],
            "skriftlig": record["skriftlig"],
            "anmodningsfrist": _iso(record["anmodningsfrist_dato_tid"]),
            "start": _iso(record["start_dato"]),
            "horingstidspunkt": times,
            "saker": cases,
        },
    )
