"""«Våre saker» and one page per followed matter: a real `mkdocs build --strict` over a
state DB written through the follow-up store API (hostile text included)."""

from __future__ import annotations

import re
from datetime import date, datetime

from generator.core.state import open_db
from generator.watch.follow import store
from generator.watch.model import OSLO
from generator.watch.store import transaction

A = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud"
NOW = datetime(2026, 12, 5, 8, tzinfo=OSLO)


def fill(project) -> None:
    conn = open_db(project.state_db)
    with transaction(conn):
        store.save_matter(conn, store.Matter(
            A, "Høringssvar – kontaktforbud <script>alert(1)</script>",
            "Justis- og beredskapsdepartementet", "https://www.regjeringen.no/no/id3170002/",
            "2026-06-02"), NOW)  # fmt: skip
        store.save_matter(conn, store.Matter("2025-09-26-x", "Uten steg", None, None,
                                             "2025-09-26"), NOW)  # fmt: skip
        store.save_link(conn, store.Link(A, "prop", "Prop. 23 LS (2026–2027)", "bekreftet",
                                         "for hånd", None, None, None), NOW)  # fmt: skip
        store.save_link(conn, store.Link("2025-09-26-x", "prop", "Prop. 19 L (2026–2027)",
                                         "forslag", "forslag", None, None, None), NOW)  # fmt: skip
        for kind, ref, day, text, url, public in [
            ("prop", "Prop. 23 LS (2026–2027)", date(2026, 11, 20),
             "Prop. 23 LS (2026–2027) lagt fram", "https://www.regjeringen.no/x/", True),
            ("horing", "10006301", date(2027, 1, 12),
             "Høring i justiskomiteen 12. januar 2027, frist for å be om å delta 14. desember",
             "javascript:alert(1)", True),
            ("talere", "10006301", date(2027, 1, 12), "Vi står på programmet", None, False),
        ]:  # fmt: skip
            store.record_step(conn, store.Step(A, kind, ref, day, text, url, "test", NOW, public))
    conn.close()


def test_our_matters_overview_and_a_timeline_page(project, build):
    fill(project)
    built = build(project)
    assert built.returncode == 0, built.stderr
    overview = built.page("saker")
    assert "Våre saker" in overview
    assert "<script>alert(1)" not in overview and "&lt;script&gt;" in overview
    assert "Høring i komiteen: <time" in overview  # the latest public step is the stage
    assert "1 forslag å bekrefte" in overview and "ingen steg ennå" in overview
    page = built.page(f"saker/{A}")
    assert "Tidslinje" in page and "Koblinger" in page
    assert '<time datetime="2026-11-20">20. november 2026</time>' in page
    assert 'href="https://www.regjeringen.no/x/"' in page
    assert "javascript:" not in page  # a link that is not http(s) is dropped
    assert "Vi står på programmet" in page and "(internt)" in page
    assert f"stemme follow {A} --sak 104512" in " ".join(re.sub(r"<[^>]+>", "", page).split())


def test_without_a_database_the_overview_is_friendly(project, build):
    built = build(project)
    assert built.returncode == 0, built.stderr
    assert "Ingen saker ennå" in built.page("saker")
