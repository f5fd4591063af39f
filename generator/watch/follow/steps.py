"""What a step says: Stortinget's records → the Norwegian lines staff and visitors read.

Pure functions, no database, no network. Every step has a ``kind`` (its place in the
order below), a ``ref`` that makes it unique within its matter (so it is recorded once),
a date when the source gives one, a text naming the document and giving context, and a
link to the source. ``talere`` (we are on the hearing programme) is internal.

    svar → prop → sak → komite → horing → talere → innstilling → votering → lovvedtak → ferdig
    → sanksjon → ikraft → lovdata
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from generator.core import norwegian_date
from generator.watch.follow import refs
from generator.watch.follow.stortinget import (
    CASE_URL,
    VOTES_URL,
    CaseDetail,
    Programme,
    Publication,
    Vote,
)
from generator.watch.model import OSLO, Consultation

INTERNAL = {"talere"}
LABELS = {
    "svar": "Svaret vårt publisert",
    "prop": "Proposisjon",
    "sak": "Sak i Stortinget",
    "komite": "Komité",
    "horing": "Høring i komiteen",
    "talere": "Taletid i høringen",
    "innstilling": "Innstilling",
    "votering": "Votering",
    "lovvedtak": "Lovvedtak",
    "ferdig": "Ferdigbehandlet",
    "sanksjon": "Sanksjonert",
    "ikraft": "I kraft",
    "lovdata": "I Lovdata",
}


class Draft:
    """A step before it is stored (the store adds matter, source and when it was learnt)."""

    __slots__ = ("day", "kind", "ref", "text", "url")

    def __init__(self, kind: str, ref: str, day: date | None, text: str, url: str | None):
        self.kind, self.ref, self.day, self.text, self.url = kind, ref, day, text, url

    @property
    def public(self) -> bool:
        return self.kind not in INTERNAL

    def __repr__(self) -> str:  # pragma: no cover - debugging aid
        return f"Draft({self.kind!r}, {self.ref!r}, {self.day!r}, {self.text!r})"


def _day(value: datetime | None) -> date | None:
    return value.astimezone(OSLO).date() if value else None


def _committee(name: str | None) -> str:
    return (name or "komiteen")[:1].lower() + (name or "komiteen")[1:]


def _publication(detail: CaseDetail, text: str) -> Publication | None:
    wanted = text.replace("–", "-")
    return next((p for p in detail.publications if p.text.replace("–", "-") == wanted), None)


def proposition(prop: str, title: str | None, day: date | None, url: str | None) -> Draft:
    name = title.replace(prop, "").strip(" –-") if title else ""
    text = f"{prop} lagt fram for Stortinget" + (f": {name}" if name else "")
    return Draft("prop", prop, day, text, url)


def from_case(detail: CaseDetail, props: set[str]) -> list[Draft]:
    """The steps one case detail shows (the caller records each once)."""
    events = detail.events
    url = CASE_URL.format(id=detail.id)
    found = []
    for prop in refs.props_in(detail.reference):
        if prop in props and "FREMSATT" in events:
            publication = _publication(detail, prop)
            found.append(proposition(prop, None, _day(events["FREMSATT"]),
                                     publication.url if publication else None))  # fmt: skip
    arrived = _day(events.get("REFS") or events.get("FREMSATT"))
    text = f"Saken er i Stortinget: {detail.title} (sak {detail.id})"
    found.append(Draft("sak", detail.id, arrived, text, url))
    if detail.committee and detail.committee.name:
        found.append(Draft("komite", detail.id, _day(events.get("KOMITE")) or arrived,
                           f"Sendt til {_committee(detail.committee.name)}: {detail.title}",
                           url))  # fmt: skip
    for innst in refs.innst_in(detail.reference):
        publication = _publication(detail, innst)
        who = _committee(detail.committee.name if detail.committee else None)
        text = f"{innst} avgitt: {who} har lagt fram sin innstilling om {detail.title}"
        found.append(Draft("innstilling", innst, _day(events.get("AVG")), text,
                           publication.url if publication else url))  # fmt: skip
    for decision in refs.lovvedtak_in(detail.reference):
        publication = _publication(detail, decision)
        found.append(Draft("lovvedtak", decision, _day(events.get("BEHANDLET")),
                           f"{decision}: Stortinget har vedtatt loven ({detail.title})",
                           publication.url if publication else url))  # fmt: skip
    if detail.done:
        text = "Ferdigbehandlet i Stortinget" + (f": {detail.decision}" if detail.decision else "")
        found.append(Draft("ferdig", detail.id, _day(events.get("BEHANDLET")), text, url))
    return found


def _vote_line(vote: Vote) -> str:
    outcome = "vedtatt" if vote.adopted else "ikke vedtatt"
    if vote.votes_for is not None and vote.votes_against is not None:
        outcome += f", {vote.votes_for} mot {vote.votes_against}"
    elif vote.result:
        outcome = vote.result.lower()
    return f"«{vote.topic}» {outcome}"


def from_votes(sak_id: str, votes: list[Vote]) -> list[Draft]:
    """One step per day of voting on a case."""
    by_day: dict[date | None, list[Vote]] = defaultdict(list)
    for vote in votes:
        by_day[_day(vote.at)].append(vote)
    found = []
    for day, items in sorted(by_day.items(), key=lambda pair: pair[0] or date.min):
        lines = "; ".join(_vote_line(v) for v in items[:4])
        more = f"; og {len(items) - 4} voteringer til" if len(items) > 4 else ""
        when = f" {norwegian_date(day)}" if day else ""
        found.append(Draft("votering", f"{sak_id}:{day}", day,
                           f"Stortinget stemte{when}: {lines}{more}",
                           VOTES_URL.format(id=sak_id)))  # fmt: skip
    return found


def from_hearing(hearing: Consultation) -> Draft:
    """«Høring i justiskomiteen 12. januar 2027 (…), frist for å be om å delta 14. desember
    2026 kl. 12.00»."""
    sessions = hearing.hearings
    day = sessions[0].at.date() if sessions else None
    who = _committee(hearing.department)
    text = f"Høring i {who}" + (f" {norwegian_date(day)}" if day else "")
    if sessions and sessions[0].place:
        text += f" ({sessions[0].place})"
    if asked := hearing.request_deadline:
        text += f", frist for å be om å delta {norwegian_date(asked.date())} kl. {asked:%H.%M}"
    elif hearing.deadline:
        text += f", frist for skriftlige innspill {norwegian_date(hearing.deadline_date)}"
    return Draft("horing", hearing.id, day or _day(hearing.published), text, hearing.url)


def from_programme(hearing_id: str, days: list[Programme], org_name: str) -> Draft | None:
    """We are on the programme when a speaker entry names our organisation."""
    wanted = org_name.casefold()
    for programme in days:
        for when, text in programme.speakers:
            if wanted and wanted in text.casefold():
                day = _day(programme.day)
                on = f" {norwegian_date(day)}" if day else ""
                return Draft("talere", hearing_id, day,
                             f"Vi står på programmet i høringen{on} kl. {when}", None)  # fmt: skip
    return None


def published_answer(day: date, name: str, url: str | None) -> Draft:
    """The ministry has published our response among the hearing's answers."""
    text = f"Departementet har publisert svaret vårt på regjeringen.no ({name})"
    return Draft("svar", "regjeringen.no", day, text, url)


def sanctioned(lovvedtak: str, number: int, day: date | None, in_force: date | None,
               url: str | None) -> list[Draft]:  # fmt: skip
    """«Offisielt fra statsråd»: the law is sanctioned (and, when decided, in force).
    A law is cited by the day it was sanctioned: «lov 19. mars 2027 nr. 12»; the step's
    ref is then its Lovdata id ``lov/2027-03-19-12``."""
    law = f"lov {norwegian_date(day)} nr. {number}" if day else f"lov nr. {number}"
    ref = f"lov/{day.isoformat()}-{number}" if day else lovvedtak
    found = [Draft("sanksjon", ref, day, f"{lovvedtak} sanksjonert i statsråd: {law}", url)]
    if in_force:
        text = f"Loven trer i kraft {norwegian_date(in_force)} ({law})"
        found.append(Draft("ikraft", lovvedtak, in_force, text, url))
    return found


def consolidated(amended_by: str, refid: str, name: str, in_force: date | None,
                 today: date) -> Draft:  # fmt: skip
    """Lovdata's consolidated laws carry our law's changes."""
    when = f", i kraft fra {norwegian_date(in_force)}" if in_force else ""
    text = f"Endringene er innarbeidet i {name} på Lovdata{when}"
    return Draft("lovdata", f"{amended_by} {refid}", in_force or today, text,
                 f"https://lovdata.no/{refid}")  # fmt: skip
