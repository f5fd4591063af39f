"""The consultation watcher: find every new government consultation, score it, track it.

fetch.py      one HTTP client: timeouts, size cap, bounded redirects, conditional GET,
              retries with backoff on timeouts/5xx only
xmlsafety.py  refuse DTD/ENTITY declarations before any XML parser sees the bytes
text.py       untrusted feed text → plain text; http(s) links only; Norwegian dates
sources/      regjeringen (RSS + detail pages), stortinget (XML/JSON), rss (any feed)
relevance.py  weighted terms matched on word boundaries
store.py      SQLite: sources, consultations, history (read API for the handbook)
poll.py       one poll: every source in its own transaction, failures isolated
drafts.py, ics.py, digest.py   outputs (høringssvar draft, .ics, Markdown/e-mail)
commands.py   ``stemme watch``, ``stemme consultations``, ``stemme consultation``,
              ``stemme respond``
"""
