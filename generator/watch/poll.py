"""One poll of the configured (or given) sources.

For each source, in order: fetch with the stored validators (304 → nothing to parse),
parse, decide per entry whether it is new, changed or unchanged (keyed on the numeric id,
compared by content), fetch detail pages for new/changed regjeringen entries (at most
``page_fetch_limit`` per poll; a failed page is retried next poll; an open consultation's
page is read again once a day, see :data:`PAGE_REFRESH`), then write everything
for that source in ONE transaction together with the new validators. A crash mid-source
rolls that source back; the next poll fetches it afresh and, thanks to the (source, key)
uniqueness and the content hashes, never duplicates a row.

What is known is read again *after* ``BEGIN IMMEDIATE`` (under the write lock), and every
entry is compared with that, so two overlapping runs (cron) never insert the same row
twice nor log the same change twice: the second run finds the first one's rows.

Every error stays inside its source: a :class:`~generator.core.errors.SourceError` (fetch,
bad body, parse) — or any unexpected exception — is recorded for that source and the
others are still polled; :attr:`PollReport.failed` tells the caller to exit 1. An item,
a field or a detail page that cannot be read is a warning in :attr:`SourceReport.warnings`
(the item is skipped or the field left empty; a page is read again next poll).
"""

from __future__ import annotations

import enum
import sqlite3
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from generator.core import SourceError, WatchSource, seconds_text
from generator.watch import body, records, store
from generator.watch.changes import content_hash, describe_changes, feed_hash
from generator.watch.fetch import Fetcher
from generator.watch.model import OPEN_STATUSES, Consultation, Entry, Parsed
from generator.watch.relevance import RelevanceRule
from generator.watch.sources import SOURCES, SourceKind, regjeringen
from generator.watch.text import strip_controls

Progress = Callable[[str], None]

# An open consultation's page is read again when it was last read this long ago, even if
# its feed item is unchanged: regjeringen.no may update the page (an extended deadline)
# after the feed, so a page read once while it lagged behind must not be trusted forever.
PAGE_REFRESH = timedelta(days=1)


@dataclass(frozen=True)
class SourceSpec:
    name: str
    kind: str
    url: str
    page_url: str | None = None

    @classmethod
    def from_config(cls, source: WatchSource) -> SourceSpec:
        return cls(source.name, source.kind, source.url, source.page_url)

    @property
    def source_kind(self) -> SourceKind:
        return SOURCES[self.kind]


@dataclass(frozen=True)
class Update:
    consultation: Consultation
    changes: list[str]


class Stored(enum.Enum):
    """What writing one entry did."""

    NEW = "ny"
    UPDATED = "endret"
    UNCHANGED = "uendret"


@dataclass(frozen=True)
class StoreOutcome:
    kind: Stored
    changes: tuple[str, ...] = ()  # the Norwegian change messages (UPDATED only)


@dataclass
class SourceReport:
    name: str
    kind: str
    url: str
    error: str | None = None
    not_modified: bool = False
    new: list[Consultation] = field(default_factory=list)
    updated: list[Update] = field(default_factory=list)
    unchanged: int = 0
    pages_fetched: int = 0
    pages_failed: int = 0
    pages_late: int = 0  # not fetched: the source's deadline was spent
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> str:
        """One Norwegian line for the progress output."""
        if self.error:
            return f"{self.name}: FEIL — {self.error}"
        relevant = sum(1 for c in self.new if c.relevant)
        text = (
            f"{self.name}: {len(self.new)} nye ({relevant} relevante), "
            f"{len(self.updated)} endret, {self.unchanged} uendret"
        )
        if self.not_modified:
            text = f"{self.name}: ingen endringer siden sist (304)"
            if self.updated:
                text += f", {len(self.updated)} endret etter ny henting av høringssider"
        if self.pages_fetched or self.pages_failed:
            text += f" · {self.pages_fetched} høringssider lest"
            if self.pages_failed:
                text += f", {self.pages_failed} feilet (prøves igjen neste gang)"
        if self.pages_late:
            text += (
                f" · {self.pages_late} høringssider ikke lest (tidsfristen for kilden var "
                "brukt opp; leses neste gang)"
            )
        if self.warnings:
            count = len(self.warnings)
            text += f" · {count} advarsel" if count == 1 else f" · {count} advarsler"
        return text + f" · {seconds_text(self.seconds)}"


@dataclass
class PollReport:
    sources: list[SourceReport]
    due_soon: list[Consultation]

    @property
    def failed(self) -> list[SourceReport]:
        return [s for s in self.sources if not s.ok]

    @property
    def new_relevant(self) -> list[Consultation]:
        return [c for s in self.sources for c in s.new if c.relevant]

    @property
    def relevant_updates(self) -> list[Update]:
        return [u for s in self.sources for u in s.updated if u.consultation.relevant]


@dataclass
class _Budget:
    pages: int


@dataclass
class Poller:
    """Everything a poll needs; ``now`` is an input so tests can freeze time."""

    conn: sqlite3.Connection
    fetcher: Fetcher
    rule: RelevanceRule
    now: datetime
    page_fetch_limit: int = 30
    due_soon_days: int = 14
    progress: Progress = lambda _line: None
    _until: float = field(default=0.0, init=False)  # this source's deadline (monotonic)

    def run(self, specs: Iterable[SourceSpec]) -> PollReport:
        budget = _Budget(self.page_fetch_limit)
        reports = []
        for spec in specs:
            self.progress(f"{spec.name}: henter {spec.url} …")
            report = self.poll_source(spec, budget)
            self.progress(report.summary())
            for warning in report.warnings:
                self.progress(f"  advarsel: {warning}")
            reports.append(report)
        due = store.list_consultations(
            self.conn,
            relevant=True,
            status=OPEN_STATUSES,
            due_within=self.due_soon_days,
            today=self.now.date(),
        )
        return PollReport(reports, due)

    def poll_source(self, spec: SourceSpec, budget: _Budget) -> SourceReport:
        """Poll one source; whatever goes wrong is recorded here, never raised."""
        report = SourceReport(spec.name, spec.kind, spec.url)
        started = time.perf_counter()
        self._until = time.monotonic() + self.fetcher.settings.deadline
        try:
            self._poll(spec, budget, report)
        except SourceError as exc:
            report.error = str(exc)
        except Exception as exc:  # a bug must not cost the other sources their poll
            report.error = _unexpected(spec, exc)
        if report.error:
            records.save_source_error(
                self.conn, spec.name, spec.kind, spec.url, self.now, report.error
            )
        report.seconds = time.perf_counter() - started
        return report

    def _poll(self, spec: SourceSpec, budget: _Budget, report: SourceReport) -> None:
        kind = spec.source_kind
        if warning := kind.address_warning(spec.url, self.now.date()):
            report.warnings.append(warning)
        etag, modified = records.validators(self.conn, spec.name, spec.url)
        fetched = self.fetcher.get(spec.url, etag=etag, last_modified=modified, until=self._until)
        known = records.known_entries(self.conn, spec.name)
        if fetched.not_modified:
            # Nothing to parse; only retry detail pages that failed earlier.
            report.not_modified = True
            etag, modified = fetched.etag or etag, fetched.last_modified or modified
            plan = [
                (replace(k.entry), k)
                for k in known.values()
                if kind.reads_pages and (not k.page_checked or self._page_is_stale(k))
            ]
        else:
            etag, modified = fetched.etag, fetched.last_modified
            parsed = self._parse(spec, kind, fetched.content)
            report.warnings.extend(parsed.warnings)
            plan = [(entry, known.get(entry.key)) for entry in parsed.entries]
        scored = [
            self._prepare(spec, entry, old, budget, report, same_feed=report.not_modified)
            for entry, old in plan
        ]
        outcomes = []
        with store.transaction(self.conn):
            # Read again under the write lock: an overlapping run may have written since.
            current = records.known_entries(self.conn, spec.name)
            for (entry, _old), item in zip(plan, scored, strict=True):
                outcome = self._store(
                    spec, entry, current.get(entry.key), item, seen=not report.not_modified
                )
                outcomes.append((entry.key, outcome))
            records.save_source_success(
                self.conn, spec.name, spec.kind, spec.url, self.now,
                etag=etag, last_modified=modified,
            )  # fmt: skip
        self._report(spec, outcomes, report)

    def _parse(self, spec: SourceSpec, kind: SourceKind, content: bytes) -> Parsed:
        body.check_feed(spec.url, content, expects=kind.expects)
        return kind.parse(content, source=spec.name)

    def _report(
        self, spec: SourceSpec, outcomes: list[tuple[str, StoreOutcome]], report: SourceReport
    ) -> None:
        for key, outcome in outcomes:
            if outcome.kind is Stored.NEW:
                report.new.append(self._read(spec, key))
            elif outcome.kind is Stored.UPDATED:
                report.updated.append(Update(self._read(spec, key), list(outcome.changes)))
            else:
                report.unchanged += not report.not_modified

    def _prepare(
        self,
        spec: SourceSpec,
        entry: Entry,
        old: records.Known | None,
        budget: _Budget,
        report: SourceReport,
        *,
        same_feed: bool = False,
    ) -> records.Scored | None:
        """None when the entry is unchanged; otherwise the entry ready to be stored.

        ``same_feed``: the entry is the stored one (304), so its feed hash is the stored one.
        """
        raw_hash = old.feed_hash if same_feed and old else feed_hash(entry)
        needs_page = spec.source_kind.reads_pages
        fresh = not needs_page or (old is not None and not self._page_is_stale(old))
        if old and old.feed_hash == raw_hash and (old.page_checked or not needs_page) and fresh:
            return None
        page_checked = False
        if needs_page and budget.pages > 0:
            budget.pages -= 1
            page_checked = self._read_page(spec, entry, report)
        if old is not None and not page_checked:
            _carry_over(entry, old.entry)
        relevance = self.rule.score(entry.title, entry.summary)
        return records.Scored(
            entry=entry,
            relevance=relevance.score,
            relevant=relevance.relevant,
            terms=relevance.terms,
            feed_hash=raw_hash,
            content_hash=content_hash(entry),
            page_checked=page_checked or not needs_page,
        )

    def _page_is_stale(self, known: records.Known) -> bool:
        """An open consultation (deadline unknown or still ahead) whose page was read a
        day or more ago: read it again, whatever the feed says."""
        if not known.page_checked or known.page_checked_at is None:
            return False
        deadline = known.entry.deadline
        if deadline is not None and deadline < self.now:
            return False
        return self.now - known.page_checked_at >= PAGE_REFRESH

    def _read_page(self, spec: SourceSpec, entry: Entry, report: SourceReport) -> bool:
        """Fetch and merge the detail page; True when it told us status or deadline."""
        url = regjeringen.page_url(entry, spec.url, spec.page_url)
        if url is None:
            return False
        if time.monotonic() >= self._until:
            report.pages_late += 1  # not page_checked: read again next poll
            return False
        try:
            page = self.fetcher.get(url, until=self._until)
            body.check_page(url, page.content)
            facts = regjeringen.parse_page(page.content.decode("utf-8", errors="replace"))
        except body.Blocked as exc:
            report.pages_failed += 1
            report.warnings.append(str(exc))
            return False
        except SourceError:
            if time.monotonic() >= self._until:
                report.pages_late += 1
            else:
                report.pages_failed += 1  # counted in the summary; read again next poll
            return False
        report.pages_fetched += 1
        regjeringen.merge_page(entry, facts)
        if not facts.found:
            report.warnings.append(
                f"høring {entry.key}: fant verken status eller høringsfrist på {url}. Siden kan "
                "ha fått ny utforming; den leses på nytt ved neste kjøring."
            )
        return facts.found

    def _store(
        self,
        spec: SourceSpec,
        entry: Entry,
        old: records.Known | None,
        item: records.Scored | None,
        *,
        seen: bool = True,
    ) -> StoreOutcome:
        """Write one entry, compared with what is stored now (``old``, read under the lock).

        ``seen=False`` (after a 304) leaves an unchanged entry completely untouched.
        """
        if old is None:
            assert item is not None
            records.insert_entry(self.conn, spec.name, item, self.now)
            return StoreOutcome(Stored.NEW)
        changes = []
        if item is not None and item.content_hash != old.content_hash:
            changes = describe_changes(old.entry, item.entry)
        quiet = item is None or (item.feed_hash == old.feed_hash and not item.page_checked)
        if quiet and not changes:
            if seen:
                records.touch_seen(self.conn, spec.name, [entry.key], self.now)
            return StoreOutcome(Stored.UNCHANGED)
        assert item is not None
        records.update_entry(self.conn, old.pk, item, self.now, changes)
        if not changes:
            return StoreOutcome(Stored.UNCHANGED)
        return StoreOutcome(Stored.UPDATED, tuple(c.message for c in changes))

    def _read(self, spec: SourceSpec, key: str) -> Consultation:
        return store.get_consultation(self.conn, f"{spec.name}:{key}")


def _carry_over(entry: Entry, stored: Entry) -> None:
    """Without a fresh page, keep what an earlier page told us."""
    entry.deadline = entry.deadline or stored.deadline
    entry.department = entry.department or stored.department
    entry.reference = entry.reference or stored.reference
    entry.source_status = entry.source_status or stored.source_status


def _unexpected(spec: SourceSpec, exc: Exception) -> str:
    """A Norwegian message for a bug, naming where it happened so it can be reported."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "ukjent sted"
    return (
        f"{spec.name}: uventet feil ({type(exc).__name__}: {strip_controls(str(exc))}) i "
        f"{where}. Ingenting fra "
        "denne kilden ble lagret; andre kilder hentes uavhengig av den. "
        "Dette er en feil i Stemme — meld den med denne meldingen."
    )
