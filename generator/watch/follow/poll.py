"""One follow-up run: where each sent response's matter stands now.

In order, each part inside its own ``try`` (a failing part is an error in the report and
never stops the others, like a failing source in :mod:`generator.watch.poll`):

1. **matters** — every sent response in ``content/hoeringssvar/`` is a matter;
2. **høringssvar** — our response among the answers the ministry published at
   ``<høring>?showSvar=true&consterm=<organisation>`` (asked until it is there);
   **proposisjoner** — regjeringen.no's proposition feed (conditional GET): a Prop. whose
   ministry and title match a matter without a confirmed Prop. becomes a *suggestion* a
   person confirms with ``stemme follow``; a confirmed one gets its «lagt fram» step;
3. **saker** — ``saker?sesjonid=`` for the current *and* previous session (a case stays
   under the session it arrived in): a case whose ``henvisning`` names a confirmed Prop.
   is linked automatically (one Prop. can be several cases); a linked case whose list
   entry changed (fingerprint without ``respons_dato_tid``/``versjon``) is read again with
   ``sak?sakid=`` and, once it has an Innst., ``voteringer?sakid=``;
4. **høringer** — committee hearings already stored by the Stortinget source whose
   ``horing_sak_info/sak_id`` is a linked case (no request: a hearing list that answers
   500 costs only that), and ``horingsprogram?horingid=`` to see whether we speak;
   **statsråd** — «Offisielt fra statsråd» (regjeringen.no's feed), read only once a
   Lovvedtak of ours is known: sanctioned, law number, and when it enters into force;
   **Lovdata** — once a law of ours is sanctioned: is it in the consolidated laws yet
   (the package is downloaded only when Lovdata says it changed);
5. the **public steps file** beside each response whose public steps changed.

Each step is recorded once (``UNIQUE (matter, kind, ref)``); the report's ``new_steps``
are what moved since last time. Every request is bounded by the source deadline.
"""

from __future__ import annotations

import re
import sqlite3
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from generator.core import SourceError, WatchFollow, seconds_text
from generator.watch import records
from generator.watch import store as watch_store
from generator.watch.fetch import Fetcher
from generator.watch.follow import lovdata, published, refs, statsrad, store, stortinget
from generator.watch.follow import steps as make
from generator.watch.follow.public import PublicStep, steps_path, write_steps
from generator.watch.follow.responses import sent_responses
from generator.watch.model import OSLO
from generator.watch.sources import stortinget as hearings_source
from generator.watch.sources.regjeringen import LOCAL_HOSTS
from generator.watch.sources.rss import parse_feed
from generator.watch.text import strip_controls

FEED_NAME = "følge:proposisjoner"
_WORD = re.compile(r"[a-zæøå]{6,}")
_COMMON = {"endringer", "endring", "forslag", "høringssvar", "høring", "høringsnotat",
           "lovforslag", "proposisjon", "stortinget", "departementet", "reglene", "regler",
           "statsbudsjettet", "lovendringer"}  # fmt: skip
ANSWER_WINDOW = timedelta(days=365)  # how long to look for our published answer
MIN_SHARED = 2  # distinctive title words a Prop. must share with the response


@dataclass
class FollowReport:
    new_steps: list[store.Step] = field(default_factory=list)
    suggestions: list[store.Link] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    matters: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.errors)


@dataclass
class Follower:
    conn: sqlite3.Connection
    fetcher: Fetcher
    settings: WatchFollow
    responses: Path  # content/hoeringssvar/
    org_name: str
    now: datetime
    progress: Callable[[str], None] = lambda _line: None
    report: FollowReport = field(default_factory=FollowReport)

    def run(self) -> FollowReport:
        started = time.perf_counter()
        self._follow()
        report = self.report
        if report.matters:
            self.progress(
                f"saker vi følger: {report.matters} saker, {len(report.new_steps)} nye steg, "
                f"{len(report.suggestions)} forslag"
                + (f", {len(report.errors)} feil" if report.errors else "")
                + f" · {seconds_text(time.perf_counter() - started)}"
            )
        return report

    def _follow(self) -> None:
        with watch_store.transaction(self.conn):
            for matter in sent_responses(self.responses):
                store.save_matter(self.conn, matter, self.now)
        self.report.matters = len(store.matters(self.conn))
        if not self.report.matters:
            return
        if self.settings.propositions:
            self._part("proposisjoner", self._propositions)
        self._part("høringssvar", self._published)
        self._part("saker", self._cases)
        self._part("høringer", self._hearings)
        if self.settings.statsrad:
            self._part("statsråd", self._statsrad)
        if self.settings.lovdata:
            self._part("Lovdata", self._lovdata)
        self._write_public()
        self.report.new_steps.sort(key=_order)

    # ---------------------------------------------------------------- plumbing

    def _part(self, name: str, work: Callable[[], None]) -> None:
        try:
            work()
        except SourceError as exc:
            self.report.errors.append(f"{name}: {exc}")
        except Exception as exc:  # a bug must not cost the other parts
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            self.report.errors.append(
                f"{name}: uventet feil ({type(exc).__name__}: {strip_controls(str(exc))}) i "
                f"{Path(frame.filename).name}:{frame.lineno}. Dette er en feil i Stemme — "
                "meld den med denne meldingen."
            )

    def _get(self, url: str, until: float) -> bytes:
        return self.fetcher.get(url, until=until).content

    def _until(self) -> float:
        return time.monotonic() + self.fetcher.settings.deadline

    def _url(self, path: str) -> str:
        return self.settings.stortinget.rstrip("/") + "/" + path

    def _record(self, matter: str, draft: make.Draft, source: str) -> None:
        step = store.Step(matter, draft.kind, draft.ref, draft.day, draft.text, draft.url,
                          source, self.now, draft.public)  # fmt: skip
        if store.record_step(self.conn, step):
            self.report.new_steps.append(step)

    # ---------------------------------------------------------------- 2. propositions

    def _propositions(self) -> None:
        url = self.settings.propositions
        assert url
        etag, modified = records.validators(self.conn, FEED_NAME, url)
        fetched = self.fetcher.get(url, etag=etag, last_modified=modified, until=self._until())
        entries = [] if fetched.not_modified else parse_feed(fetched.content, source=url).entries
        with watch_store.transaction(self.conn):
            for entry in entries:
                prop = refs.normal_prop(entry.title) or refs.normal_prop(entry.summary)
                if prop:
                    self._offer(prop, entry.title, entry.url, entry.department, entry.published)
            for link in store.links(self.conn, state="bekreftet"):
                if link.kind == "prop" and link.published:
                    draft = make.proposition(
                        link.ref, link.title, link.published.astimezone(OSLO).date(), link.url
                    )
                    self._record(link.matter, draft, "regjeringen.no")
            records.save_source_success(
                self.conn, FEED_NAME, "rss", url, self.now,
                etag=fetched.etag or etag, last_modified=fetched.last_modified or modified,
            )  # fmt: skip

    def _offer(self, prop: str, title: str, url: str | None, department: str | None,
               published: datetime | None) -> None:  # fmt: skip
        for matter in store.matters(self.conn):
            mine = {
                (k.ref, k.state) for k in store.links(self.conn, matter.slug) if k.kind == "prop"
            }
            if (prop, "bekreftet") in mine:  # known: keep its feed facts for the step
                store.set_link_source(self.conn, matter.slug, "prop", prop, title, url, published)
                continue
            if any(state == "bekreftet" for _ref, state in mine) or not _matches(
                matter, title, department, published
            ):
                continue
            how = "forslag fra proposisjonsstrømmen"
            link = store.Link(matter.slug, "prop", prop, "forslag", how, title, url, published)
            if store.save_link(self.conn, link, self.now):
                self.report.suggestions.append(link)

    # ---------------------------------------------------------------- 2b. our answer

    def _published(self) -> None:
        """Look for our response among the hearing's published answers until it is there."""
        until = self._until()
        origin = _local_origin(self.settings.propositions)
        for matter in store.matters(self.conn):
            if not matter.consultation or not matter.consultation.startswith("http"):
                continue
            if any(s.kind == "svar" for s in store.steps(self.conn, matter.slug)):
                continue
            if matter.sent and matter.sent < (self.now.date() - ANSWER_WINDOW).isoformat():
                continue  # a year after we sent it: stop asking
            url = published.search_url(matter.consultation, self.org_name, origin)
            try:
                markup = self._get(url, until).decode("utf-8", errors="replace")
            except SourceError as exc:
                if "404" not in str(exc):
                    self.report.warnings.append(f"høringssvar {matter.slug}: {exc}")
                continue
            found = published.ours(markup, matter.consultation, self.org_name)
            if found:
                draft = make.published_answer(self.now.astimezone(OSLO).date(), *found)
                with watch_store.transaction(self.conn):
                    self._record(matter.slug, draft, "regjeringen.no")

    # ---------------------------------------------------------------- 3. cases

    def _cases(self) -> None:
        confirmed = store.links(self.conn, state="bekreftet")
        props: dict[str, set[str]] = {}
        for link in confirmed:
            if link.kind == "prop":
                props.setdefault(link.ref, set()).add(link.matter)
        rejected = {(k.matter, k.ref) for k in store.links(self.conn, state="avvist")}
        if not props and not any(k.kind == "sak" for k in confirmed):
            return  # nothing to look for: no request
        current = hearings_source.current_session(self.now.date())
        first = int(current[:4])
        sessions = [current, f"{first - 1}-{first}"]
        linked: dict[str, tuple[str, stortinget.CaseSummary | None]] = {}
        until = self._until()
        failures = []
        unchanged: set[str] = set()
        for session in sessions:
            url = self._url(f"saker?sesjonid={session}")
            name = f"følge:saker {session}"
            etag, modified = records.validators(self.conn, name, url)
            try:
                fetched = self.fetcher.get(url, etag=etag, last_modified=modified, until=until)
                if fetched.not_modified:  # (Stortinget sends no validators today)
                    unchanged.add(session)
                    continue
                cases = stortinget.parse_cases(fetched.content, source=url)
            except SourceError as exc:
                failures.append(str(exc))
                continue
            with watch_store.transaction(self.conn):
                records.save_source_success(
                    self.conn, name, "stortinget", url, self.now,
                    etag=fetched.etag, last_modified=fetched.last_modified,
                )  # fmt: skip
                for case in cases:
                    for prop in refs.props_in(case.reference):
                        for matter in props.get(prop, ()):
                            if (matter, case.id) in rejected:
                                continue
                            store.save_link(self.conn, store.Link(
                                matter, "sak", case.id, "bekreftet", f"henvisning: {prop}",
                                case.title, stortinget.CASE_URL.format(id=case.id), None,
                            ), self.now)  # fmt: skip
                    linked[case.id] = (session, case)
        by_case: dict[str, set[str]] = {}
        for link in store.links(self.conn, state="bekreftet"):
            if link.kind == "sak":
                by_case.setdefault(link.ref, set()).add(link.matter)
        for sak_id, matters in sorted(by_case.items()):
            known = store.case_session(self.conn, sak_id)
            session, case = linked.get(sak_id, (known or current, None))
            if case is None and (failures or session in unchanged):
                continue  # its list failed (try again next run) or has not changed
            fingerprint = case.fingerprint if case else f"hand:{self.now.date()}"
            if store.case_fingerprint(self.conn, sak_id) == fingerprint:
                continue
            try:
                self._read_case(sak_id, session, fingerprint, matters, set(props), until)
            except SourceError as exc:
                self.report.warnings.append(f"sak {sak_id}: {exc} Den leses igjen neste gang.")
        if failures:
            raise SourceError(" ".join(failures))

    def _read_case(self, sak_id: str, session: str, fingerprint: str, matters: set[str],
                   props: set[str], until: float) -> None:  # fmt: skip
        url = self._url(f"sak?sakid={sak_id}")
        detail = stortinget.parse_case(self._get(url, until), source=url)
        drafts = make.from_case(detail, props)
        if refs.innst_in(detail.reference) or detail.done:
            votes_url = self._url(f"voteringer?sakid={sak_id}")
            votes = stortinget.parse_votes(self._get(votes_url, until), source=votes_url)
            drafts += make.from_votes(sak_id, votes)
        with watch_store.transaction(self.conn):
            for matter in sorted(matters):
                for draft in drafts:
                    if draft.kind == "prop" and draft.ref not in self._props_of(matter):
                        continue
                    self._record(matter, draft, "data.stortinget.no")
            store.save_case(self.conn, sak_id, session, fingerprint, self.now)

    def _props_of(self, matter: str) -> set[str]:
        return {
            k.ref for k in store.links(self.conn, matter, state="bekreftet") if k.kind == "prop"
        }

    # ---------------------------------------------------------------- 4. hearings

    def _hearings(self) -> None:
        by_case: dict[str, set[str]] = {}
        for link in store.links(self.conn, state="bekreftet"):
            if link.kind == "sak":
                by_case.setdefault(link.ref, set()).add(link.matter)
        if not by_case:
            return
        until = self._until()
        for hearing in watch_store.list_consultations(self.conn):
            cases = hearing.extra.get("saker") if isinstance(hearing.extra, dict) else None
            ids = {str(c.get("sak_id")) for c in cases or [] if isinstance(c, dict)}
            matters = set().union(*(by_case.get(i, set()) for i in ids))
            if not matters:
                continue
            drafts = [make.from_hearing(hearing)]
            sessions = hearing.hearings
            if sessions and sessions[-1].at >= self.now and not self._has_talk(matters, hearing.id):
                drafts += self._programme(hearing.id, until)
            with watch_store.transaction(self.conn):
                for matter in sorted(matters):
                    for draft in drafts:
                        self._record(matter, draft, "data.stortinget.no")

    def _has_talk(self, matters: set[str], hearing_id: str) -> bool:
        return all(
            any(s.kind == "talere" and s.ref == hearing_id for s in store.steps(self.conn, m))
            for m in matters
        )

    def _programme(self, hearing_id: str, until: float) -> list[make.Draft]:
        url = self._url(f"horingsprogram?horingid={hearing_id}")
        try:
            days = stortinget.parse_programme(self._get(url, until), source=url)
        except SourceError as exc:
            if "404" not in str(exc):  # no programme yet is normal
                self.report.warnings.append(f"høringsprogram {hearing_id}: {exc}")
            return []
        found = make.from_programme(hearing_id, days, self.org_name)
        return [found] if found else []

    # ---------------------------------------------------------------- 4b. sanction, in force

    def _statsrad(self) -> None:
        """A Lovvedtak of ours named in «Offisielt fra statsråd»: sanctioned, law number,
        and the date it enters into force when that is decided."""
        decisions: dict[str, set[str]] = {}
        for step in store.steps(self.conn):
            if step.kind == "lovvedtak":
                decisions.setdefault(step.ref, set()).add(step.matter)
        if not decisions:
            return  # nothing to look for: no request
        url = self.settings.statsrad
        assert url
        name = "følge:statsråd"
        etag, modified = records.validators(self.conn, name, url)
        fetched = self.fetcher.get(url, etag=etag, last_modified=modified, until=self._until())
        entries = [] if fetched.not_modified else parse_feed(fetched.content, source=url).entries
        with watch_store.transaction(self.conn):
            for entry in entries:
                day = entry.published.astimezone(OSLO).date() if entry.published else None
                for found in statsrad.sanctions(f"{entry.title}. {entry.summary}"):
                    for matter in sorted(decisions.get(found.lovvedtak, ())):
                        for draft in make.sanctioned(found.lovvedtak, found.number, day,
                                                     found.in_force, entry.url):  # fmt: skip
                            self._record(matter, draft, "regjeringen.no")
            records.save_source_success(
                self.conn, name, "rss", url, self.now,
                etag=fetched.etag or etag, last_modified=fetched.last_modified or modified,
            )  # fmt: skip

    def _lovdata(self) -> None:
        """Our sanctioned laws, looked for in Lovdata's consolidated laws: the package is
        downloaded only when its ``lastModified`` changed (about once a day)."""
        laws: dict[str, set[str]] = {}
        done = {s.ref.split()[0] for s in store.steps(self.conn) if s.kind == "lovdata"}
        for step in store.steps(self.conn):
            if step.kind == "sanksjon" and step.ref.startswith("lov/") and step.ref not in done:
                laws.setdefault(step.ref, set()).add(step.matter)
        if not laws:
            return  # nothing to look for: no request
        base = (self.settings.lovdata or "").rstrip("/") + "/"
        until = self._until()
        listing = base + "list"
        modified = lovdata.package_modified(self._get(listing, until), listing)
        name = "følge:lovdata"
        _etag, seen = records.validators(self.conn, name, listing)
        if modified and modified == seen:
            return  # the same package as last time
        archive_url = base + f"get/{lovdata.PACKAGE}"
        found = lovdata.find(self._get(archive_url, until), set(laws), archive_url)
        today = self.now.astimezone(OSLO).date()
        with watch_store.transaction(self.conn):
            for hit in found:
                for matter in sorted(laws.get(hit.amended_by, ())):
                    draft = make.consolidated(hit.amended_by, hit.refid, hit.name,
                                              hit.in_force, today)  # fmt: skip
                    self._record(matter, draft, "lovdata.no")
            records.save_source_success(
                self.conn, name, "lovdata", listing, self.now, etag=None, last_modified=modified
            )

    # ---------------------------------------------------------------- 5. public files

    def _write_public(self) -> None:
        for matter in store.matters(self.conn):
            response = self.responses / f"{matter.slug}.md"
            public = [
                PublicStep(s.day, s.text, s.url)
                for s in store.steps(self.conn, matter.slug)
                if s.public
            ]
            if not public or not response.is_file():
                continue
            try:
                if write_steps(response, public):
                    self.report.files.append(steps_path(response))
            except OSError as exc:
                self.report.errors.append(
                    f"{steps_path(response)}: kunne ikke skrives ({exc.strerror}). Sjekk at "
                    "mappen er skrivbar."
                )


def _local_origin(url: str | None) -> str | None:
    """Fixtures served on this machine: regjeringen.no pages are asked for there too."""
    if not url:
        return None
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.hostname in LOCAL_HOSTS else None


def _order(step: store.Step) -> tuple:
    """Matter, then the order things happened (unknown dates last), then the usual order."""
    return (step.matter, step.day or date.max, store.KINDS.index(step.kind), step.ref)


def _words(text: str | None) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in _COMMON}


def _matches(
    matter: store.Matter, title: str, department: str | None, published: datetime | None
) -> bool:
    """Same ministry (when both are known), after we answered, and shared title words."""
    if matter.department and department and matter.department.lower() != department.lower():
        return False
    if published and matter.sent and published.date().isoformat() < matter.sent:
        return False
    return len(_words(matter.title) & _words(title)) >= MIN_SHARED
