"""The consultation watcher: find every new government consultation, score it, track it.

What is inside::

    fetch.py      one HTTP client: timeouts, size cap, bounded redirects, conditional GET,
                  retries with backoff on timeouts/5xx only; a bot challenge is «blokkert»
    body.py       is the body what a source should send? empty, truncated, an HTML page or
                  a bot challenge fails the source before any parser sees it
    xmlsafety.py  refuse DTD/ENTITY declarations before any XML parser sees the bytes
    text.py       untrusted feed text → plain text (nh3), control characters stripped;
                  http(s) links only; Markdown/link escaping for outputs; Norwegian dates
    sources/      SOURCES registry: regjeringen (RSS + detail pages), stortinget (XML/JSON),
                  rss (any feed); bytes → Parsed (entries + warnings)
    model.py      Entry, Parsed (what a source yields), Consultation (what the store gives)
    relevance.py  weighted terms matched on word boundaries
    changes.py    content hashes and Norwegian change messages
    records.py    the poller's writes; store.py the tables and the read API
    poll.py       one poll: every source in its own transaction, every error inside it
    describe.py   a consultation's dates in Norwegian (deadline, påmeldingsfrist, hearing)
    drafts.py, ics.py, digest.py   outputs (høringssvar draft, .ics, Markdown/e-mail)
    commands.py   ``stemme watch``, ``consultations``, ``consultation``, ``respond``
    follow/       after our response: Prop., Storting cases, hearing, Innst., votes,
                  Lovvedtak, sanction and entry into force (see its own map); ``stemme follow``

How data flows::

    stemme.toml [watch] ─> SourceSpec ─> Fetcher.get ─> body.check_feed ─> SOURCES[kind].parse
        ─> Parsed (entries, warnings) ─> detail pages (regjeringen) ─> score (relevance)
        ─> BEGIN IMMEDIATE, read what is known, write new/changed + history ─> COMMIT
        ─> PollReport (per source: new, updated, unchanged, warnings, or the error)
    state DB ─> store read API ─> consultations/consultation, digest, .ics, respond draft,
                                  handbook tracker pages (generator.handbook)
"""

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "Consultation": ("generator.watch.model", "Consultation"),
    "HistoryEntry": ("generator.watch.store", "HistoryEntry"),
    "LABELS": ("generator.watch.follow.steps", "LABELS"),
    "OPEN_STATUSES": ("generator.watch.model", "OPEN_STATUSES"),
    "STEPS_SUFFIX": ("generator.watch.follow.responses", "STEPS_SUFFIX"),
    "follow_store": ("generator.watch.follow.store", None),
    "history": ("generator.watch.store", "history"),
    "list_consultations": ("generator.watch.store", "list_consultations"),
    "list_sources": ("generator.watch.store", "list_sources"),
    "read_steps": ("generator.watch.follow.public", "read_steps"),
    "steps_path": ("generator.watch.follow.public", "steps_path"),
    "stortinget_lines": ("generator.watch.describe", "stortinget_lines"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "LABELS",
    "OPEN_STATUSES",
    "STEPS_SUFFIX",
    "Consultation",
    "HistoryEntry",
    "follow_store",
    "history",
    "list_consultations",
    "list_sources",
    "read_steps",
    "steps_path",
    "stortinget_lines",
]
