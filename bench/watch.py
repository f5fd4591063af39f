"""Watcher benchmarks (run by `make bench`, not a timed test).

1. A poll where every source answers 304 Not Modified, against a local HTTP server
   (goal < 1 s wall for the whole poll).
2. Listing and sorting 10,000 stored consultations via ``store.list_consultations``
   (goal < 200 ms).
"""

from __future__ import annotations

import os
import statistics
import tempfile
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.core.state import open_db
from generator.watch import records, store
from generator.watch.changes import content_hash, feed_hash
from generator.watch.fetch import Fetcher, FetchSettings
from generator.watch.model import OSLO, Entry
from generator.watch.poll import Poller, SourceSpec
from generator.watch.relevance import RelevanceRule

FEEDS = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "feeds"
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=OSLO)
TERMS = {"vold i nære relasjoner": 3, "krisesent": 3, "kontaktforbud": 3, "barnevern": 2}
SOURCES = 6


class _Handler(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:
        if self.headers.get("If-None-Match") == '"v1"':
            self.send_response(304)
            self.send_header("ETag", '"v1"')
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("ETag", '"v1"')
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args: object) -> None:
        pass


def _feed() -> bytes:
    fixture = FEEDS / "regjeringen-horinger.rss"
    if fixture.is_file():
        return fixture.read_bytes()
    return b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def bench_not_modified_poll(folder: Path) -> float:
    _Handler.body = _feed()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    specs = [SourceSpec(f"kilde{n}", "rss", f"{base}/feed{n}.rss") for n in range(SOURCES)]
    conn = open_db(folder / "poll.sqlite3")
    settings = FetchSettings(user_agent="Stemme/bench (+mailto:bench@example.org)")
    rule = RelevanceRule(TERMS, 2)
    try:
        with Fetcher(settings) as fetcher:
            Poller(conn, fetcher, rule, NOW).run(specs)  # first poll stores the ETags
        started = time.perf_counter()
        with Fetcher(settings) as fetcher:
            report = Poller(conn, fetcher, rule, NOW + timedelta(hours=1)).run(specs)
        elapsed = time.perf_counter() - started
        assert all(s.not_modified for s in report.sources), "expected 304 from every source"
        return elapsed
    finally:
        conn.close()
        server.shutdown()
        server.server_close()


def _fill(conn, count: int) -> None:
    with store.transaction(conn):
        for n in range(count):
            entry = Entry(
                key=str(4_000_000 + n),
                title=f"Høring nr. {n} om endringer i forskrift {n % 97}",
                url=f"https://www.regjeringen.no/no/dokumenter/h/id{4_000_000 + n}/",
                summary="Departementet sender forslaget på høring. " * 3,
                department="Justis- og beredskapsdepartementet",
                published=NOW - timedelta(hours=n),
                deadline=None if n % 7 == 0 else NOW + timedelta(days=n % 120),
            )
            scored = records.Scored(
                entry=entry,
                relevance=3.0 if n % 5 == 0 else 0.0,
                relevant=n % 5 == 0,
                terms=["krisesent"] if n % 5 == 0 else [],
                feed_hash=feed_hash(entry),
                content_hash=content_hash(entry),
                page_checked=True,
            )
            records.insert_entry(conn, "bench", scored, NOW)


def bench_listing(folder: Path, count: int = 10_000) -> dict[str, tuple[float, float]]:
    conn = open_db(folder / "list.sqlite3")
    _fill(conn, count)
    results = {}
    cases = {
        "alle, sortert etter frist": {},
        "--relevant": {"relevant": True},
        "--due-within 14": {"due_within": 14, "today": NOW.date()},
    }
    for label, kwargs in cases.items():
        times = []
        for _ in range(5):
            started = time.perf_counter()
            items = store.list_consultations(conn, **kwargs)
            times.append(time.perf_counter() - started)
        results[f"{label} ({len(items)} rader)"] = (min(times), statistics.median(times))
    conn.close()
    return results


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        poll = bench_not_modified_poll(folder)
        verdict = "OK" if poll < 1.0 else "FOR TREGT"
        print(f"Poll, {SOURCES} kilder som alle svarer 304: {poll * 1000:.0f} ms "
              f"(mål < 1000 ms) {verdict}")  # fmt: skip
        for label, (best, median) in bench_listing(folder).items():
            verdict = "OK" if best < 0.2 else "FOR TREGT"
            print(f"Liste 10 000 høringer, {label}: beste {best * 1000:.0f} ms, median "
                  f"{median * 1000:.0f} ms av 5 (mål < 200 ms) {verdict}")  # fmt: skip
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"(maskinens last under målingen: {load:.1f} på {os.cpu_count()} kjerner)")


if __name__ == "__main__":
    main()
