"""Following the example's two sent responses from høring to Lovvedtak, over several
`stemme watch` runs against fixtures served on 127.0.0.1, with time frozen at each run.

The matter moves: Prop. published (a suggestion a person confirms) → two cases with a
committee → a committee hearing (and we are on its programme) → Innst. → votes →
Lovvedtak and ferdigbehandlet. Each step is reported exactly once, a case is fetched
again only when the case list says it changed, the public steps land in a file beside
the response, and a hearing list answering 500 leaves the rest working.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
import time_machine
from werkzeug import Request, Response

from generator.cli import main
from generator.core.state import open_db
from generator.watch.follow import store
from generator.watch.follow.public import read_steps
from generator.watch.model import OSLO
from tests.project import FEEDS, FIXTURES

FOLLOW = FIXTURES / "follow"
A = "2026-06-02-omvendt-voldsalarm-og-kontaktforbud"
ANSWERS = (
    "/no/dokumenter/horing-forslag-om-endringer-i-reglene-om-kontaktforbud-og-omvendt-voldsalarm"
    "/id3170002/?showSvar=true&consterm=Krisesentersekretariatet"
)
B = "2025-09-26-plikt-til-kommunale-handlingsplaner"


class Sources:
    """Every address the watcher asks for, answered from a table the test changes."""

    def __init__(self, server) -> None:
        self.routes: dict[str, tuple[int, Path | None]] = {}
        self.requests: list[str] = []
        server.expect_request(re.compile(r"^/.*$")).respond_with_handler(self._answer)
        self.base = server.url_for("/")

    def set(self, address: str, name: str | None, status: int = 200, folder: Path = FOLLOW) -> None:
        self.routes[address] = (status, folder / name if name else None)

    def _answer(self, request: Request) -> Response:
        address = request.path + (
            f"?{request.query_string.decode()}" if request.query_string else ""
        )
        self.requests.append(address)
        status, path = self.routes.get(address, (404, None))
        body = path.read_bytes() if path else b"finnes ikke"
        return Response(body, status=status)

    def asked(self, start: int, prefix: str) -> list[str]:
        return [r for r in self.requests[start:] if r.startswith(prefix)]


@pytest.fixture
def sources(project, server) -> Sources:
    src = Sources(server)
    base = src.base.rstrip("/")
    text = project.config.read_text(encoding="utf-8")
    text = (
        text.replace(
            "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=dokumenter/h%C3%B8ringer",
            f"{base}/horinger.rss",
        )
        .replace("https://data.stortinget.no/eksport/horinger", f"{base}/eksport/horinger")
        .replace(
            'stortinget = "https://data.stortinget.no/eksport/"', f'stortinget = "{base}/eksport/"'
        )
        .replace(
            "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=dokumenter/proposisjoner",
            f"{base}/proposisjoner.rss",
        )
        .replace(
            "https://www.regjeringen.no/no/rss/Rss/2581966/?documentType=aktuelt/offisieltfrastatsr%C3%A5d",
            f"{base}/statsrad.rss",
        )
        .replace('"https://api.lovdata.no/v1/publicData/"', f'"{base}/lovdata/"')
    )
    project.config.write_text(text, encoding="utf-8")
    src.set("/horinger.rss", "regjeringen-horinger.rss", folder=FEEDS)
    src.set("/eksport/horinger", "stortinget-horinger.xml", folder=FEEDS)
    src.set("/proposisjoner.rss", "proposisjoner.rss")
    src.set("/statsrad.rss", "statsrad-12-mars.rss")
    src.set("/lovdata/list", "lovdata-list-foer.json")
    src.set("/lovdata/get/gjeldende-lover.tar.bz2", "gjeldende-lover-foer.tar.bz2")
    src.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-1.xml")
    src.set("/eksport/saker?sesjonid=2025-2026", "saker-2025-2026.xml")
    return src


def watch(capsys, when: datetime) -> tuple[int, str, str, dict]:
    with time_machine.travel(when, tick=False):
        code = main(["watch", "--json"])
        out = capsys.readouterr()
        data = json.loads(out.out)
    return code, out.out, out.err, data


def run(capsys, when: datetime, *args: str) -> tuple[int, str, str]:
    with time_machine.travel(when, tick=False):
        code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def at(year: int, month: int, day: int, hour: int = 7) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=OSLO)


def kinds(data: dict, matter: str) -> list[str]:
    return [s["kind"] for s in data["follow"]["new_steps"] if s["matter"] == matter]


def test_two_sent_responses_are_followed_from_prop_to_lovvedtak(project, sources, capsys):
    reported: list[tuple[str, str, str]] = []

    def moved(data: dict) -> None:
        reported.extend((s["matter"], s["kind"], s["text"]) for s in data["follow"]["new_steps"])

    # Run 1: the Prop. appears in regjeringen's feed: a suggestion, no step yet.
    code, _out, err, data = watch(capsys, at(2026, 11, 20, 12))
    assert code == 0, err
    assert data["follow"]["suggestions"] == [
        {"matter": A, "prop": "Prop. 23 LS (2026–2027)",
         "title": "Prop. 23 LS (2026–2027) Endringer i straffeprosessloven og straffeloven mv. "
                  "(kontaktforbud og omvendt voldsalarm) og endringer i statsbudsjettet 2027"},
    ]  # fmt: skip
    assert data["follow"]["new_steps"] == []
    assert sources.asked(0, "/eksport/sa") == []  # nothing linked yet: Stortinget not asked
    moved(data)

    # A person confirms it (hyphen typed), and adds the 2025 response's Prop. by hand.
    code, out, _ = run(
        capsys, at(2026, 11, 20, 13), "follow", A, "--prop", "Prop. 23 LS (2026-2027)"
    )
    assert code == 0 and "Prop. 23 LS (2026–2027) er bekreftet" in out
    code, out, _ = run(capsys, at(2026, 11, 20, 13), "follow", "kommunale-handlingsplaner",
                       "--prop", "prop. 140 l (2025–2026)")  # fmt: skip
    assert code == 0 and "Prop. 140 L (2025–2026) er bekreftet" in out

    # Run 2: the cases arrive (one Prop., two cases; the 2025 one in the previous session).
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-2.xml")
    sources.set("/eksport/sak?sakid=104512", "sak-104512-1.xml")
    sources.set("/eksport/sak?sakid=104513", "sak-104513-1.xml")
    sources.set("/eksport/sak?sakid=101877", "sak-101877.xml")
    sources.set(ANSWERS, "horing-3170002-svar-tom.html")  # not published yet
    code, _out, err, data = watch(capsys, at(2026, 12, 5))
    assert code == 0, err
    assert kinds(data, A) == ["prop", "sak", "sak", "komite", "komite"]  # L- and S-delen
    assert kinds(data, B) == ["prop", "sak", "komite"]
    moved(data)
    texts = [s["text"] for s in data["follow"]["new_steps"] if s["matter"] == A]
    assert texts[0].startswith("Prop. 23 LS (2026–2027) lagt fram for Stortinget: Endringer i")
    assert "Sendt til justiskomiteen: Kontaktforbud og omvendt voldsalarm (lovdelen)" in texts

    # Run 3: the committee hearing is announced; the case list is unchanged → no case read.
    sources.set("/eksport/horinger", "horinger-2026-2027.xml")
    sources.set(ANSWERS, "horing-3170002-svar.html")  # … and our response is published
    start = len(sources.requests)
    code, out, err, data = watch(capsys, at(2026, 12, 7))
    assert code == 0, err
    assert sources.asked(start, "/eksport/sak?") == []
    assert kinds(data, A) == ["svar", "horing"] and kinds(data, B) == []
    answer, hearing = (s["text"] for s in data["follow"]["new_steps"] if s["matter"] == A)
    assert answer == (
        "Departementet har publisert svaret vårt på regjeringen.no (Krisesentersekretariatet)"
    )
    assert data["follow"]["new_steps"][0]["url"].endswith(
        "/id3170002/?uid=8c0f3a52-6b1e-4c39-9d1a-0f5b2e7a9c11"
    )
    assert hearing == (
        "Høring i justiskomiteen 12. januar 2027 (Stortingets komitéhus, Høringssal 2), "
        "frist for å be om å delta 14. desember 2026 kl. 12.00"
    )
    moved(data)

    code, out, _ = run(capsys, at(2026, 12, 7, 8), "consultations", "ics")
    assert code == 0 and "UID:anmodning-stortinget-10006301@" in out  # deadline to ask to speak

    # Run 4: the hearing list answers 500 (as reported in 2026); the programme names us.
    sources.set("/eksport/horinger", "horinger-500.html", status=500)
    sources.set("/eksport/horingsprogram?horingid=10006301", "horingsprogram-10006301.xml")
    code, out, err, data = watch(capsys, at(2027, 1, 5))
    assert code == 1  # the failed source is reported …
    assert [s["name"] for s in data["sources"] if not s["ok"]] == ["stortinget"]
    assert "serveren svarte 500" in data["sources"][1]["error"]
    assert data["follow"]["errors"] == []  # … and following went on from what is stored
    assert kinds(data, A) == ["talere"]
    assert data["follow"]["new_steps"][0]["public"] is False
    moved(data)

    # Run 5: Innst. avgitt (the list's entry changed → the case is read again).
    sources.set("/eksport/horinger", "horinger-2026-2027.xml")
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-3.xml")
    sources.set("/eksport/sak?sakid=104512", "sak-104512-2.xml")
    sources.set("/eksport/voteringer?sakid=104512", "voteringer-104512-tom.xml")
    start = len(sources.requests)
    code, _out, err, data = watch(capsys, at(2027, 2, 19))
    assert code == 0, err
    assert sources.asked(start, "/eksport/sak?") == ["/eksport/sak?sakid=104512"]
    assert kinds(data, A) == ["innstilling"]
    assert data["follow"]["new_steps"][0]["text"].startswith(
        "Innst. 88 L (2026–2027) avgitt: justiskomiteen har lagt fram sin innstilling"
    )
    moved(data)

    # The weekly digest names the matter and what moved.
    code, out, _ = run(capsys, at(2027, 2, 20), "watch", "digest", "--print")
    assert code == 0
    assert "## Saker vi følger – nytt siste 7 dager (1)" in out
    assert "- **Høringssvar – forslag om endringer i reglene om kontaktforbud og omvendt " in out
    assert "  - 18. februar 2027: Innst. 88 L (2026–2027) avgitt: justiskomiteen" in out

    # Run 6: votes, Lovvedtak, ferdigbehandlet (in JSON this time: the same steps).
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-4.xml")
    sources.set("/eksport/sak?sakid=104512", "sak-104512-3.json")
    sources.set("/eksport/voteringer?sakid=104512", "voteringer-104512.json")
    code, _out, err, data = watch(capsys, at(2027, 3, 10))
    assert code == 0, err
    assert kinds(data, A) == ["votering", "votering", "lovvedtak", "ferdig"]
    votes = [s["text"] for s in data["follow"]["new_steps"] if s["kind"] == "votering"]
    assert votes[0] == (
        "Stortinget stemte 2. mars 2027: «Forslag nr. 1 på vegne av Fremskrittspartiet» ikke "
        "vedtatt, 21 mot 76; «Innstillingen til lov om endringer i straffeprosessloven og "
        "straffeloven mv.» enstemmig vedtatt"
    )
    moved(data)

    # Run 7: «Offisielt fra statsråd»: sanctioned, law number, and when it is in force.
    sources.set("/statsrad.rss", "statsrad.rss")
    code, _out, err, data = watch(capsys, at(2027, 3, 20))
    assert code == 0, err
    assert [(s["kind"], s["date"], s["text"]) for s in data["follow"]["new_steps"]] == [
        ("sanksjon", "2027-03-19",
         "Lovvedtak 21 (2026–2027) sanksjonert i statsråd: lov 19. mars 2027 nr. 12"),
        ("ikraft", "2027-07-01", "Loven trer i kraft 1. juli 2027 (lov 19. mars 2027 nr. 12)"),
    ]  # fmt: skip
    moved(data)

    # Run 8: nothing moved: nothing reported, nothing read again (Lovdata's package is
    # the same as yesterday's, so it is not downloaded again).
    start = len(sources.requests)
    code, _out, err, data = watch(capsys, at(2027, 3, 21))
    assert code == 0, err
    assert data["follow"]["new_steps"] == [] and sources.asked(start, "/eksport/sak?") == []
    assert sources.asked(start, "/lovdata/") == ["/lovdata/list"]

    # Run 9: the law is in force, and Lovdata's consolidated laws carry its changes.
    sources.set("/lovdata/list", "lovdata-list.json")
    sources.set("/lovdata/get/gjeldende-lover.tar.bz2", "gjeldende-lover.tar.bz2")
    code, _out, err, data = watch(capsys, at(2027, 7, 2))
    assert code == 0, err
    assert [(s["kind"], s["date"], s["text"], s["url"]) for s in data["follow"]["new_steps"]] == [
        ("lovdata", "2027-07-01",
         "Endringene er innarbeidet i Straffeprosessloven på Lovdata, i kraft fra 1. juli 2027",
         "https://lovdata.no/lov/1981-05-22-25"),
    ]  # fmt: skip
    moved(data)
    start = len(sources.requests)
    code, _out, err, data = watch(capsys, at(2027, 7, 3))
    assert data["follow"]["new_steps"] == [] and sources.asked(start, "/lovdata/") == []

    # Each step reported exactly once, and the database holds exactly those.
    assert len(reported) == len(set(reported))
    conn = open_db(project.state_db)
    stored = [(s.matter, s.kind, s.text) for s in store.steps(conn)]
    assert sorted(stored) == sorted(reported)

    # The public steps, beside each response; the internal one is not there.
    public = read_steps(project.responses / f"{A}.videre.yaml")
    assert [s.text.split(":")[0] for s in public] == [
        "Prop. 23 LS (2026–2027) lagt fram for Stortinget", "Saken er i Stortinget",
        "Saken er i Stortinget", "Sendt til justiskomiteen", "Sendt til justiskomiteen",
        "Departementet har publisert svaret vårt på regjeringen.no (Krisesentersekretariatet)",
        "Høring i justiskomiteen 12. januar 2027 (Stortingets komitéhus, Høringssal 2), frist "
        "for å be om å delta 14. desember 2026 kl. 12.00", "Innst. 88 L (2026–2027) avgitt",
        "Stortinget stemte 2. mars 2027", "Stortinget stemte 9. mars 2027",
        "Lovvedtak 21 (2026–2027)", "Ferdigbehandlet i Stortinget",
        "Lovvedtak 21 (2026–2027) sanksjonert i statsråd",
        "Loven trer i kraft 1. juli 2027 (lov 19. mars 2027 nr. 12)",
        "Endringene er innarbeidet i Straffeprosessloven på Lovdata, i kraft fra 1. juli 2027",
    ]  # fmt: skip
    assert not any("programmet" in s.text for s in public)
    assert public[-1].day.isoformat() == "2027-07-01"  # the law in force
    assert (project.responses / f"{B}.videre.yaml").is_file()

    # `stemme follow` shows the timeline with dates and links.
    code, out, _ = run(capsys, at(2027, 3, 11), "follow", A)
    assert code == 0
    assert "20.11.2026  Prop. 23 LS (2026–2027) lagt fram for Stortinget" in out
    assert (
        "12.01.2027  Vi står på programmet i høringen 12. januar 2027 kl. 09:10 - 09:20  (internt)"
        in out
    )
    assert "https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p=104512" in out


def test_a_rejected_suggestion_is_never_offered_again(project, sources, capsys):
    code, _out, _err, data = watch(capsys, at(2026, 11, 20, 12))
    assert [s["prop"] for s in data["follow"]["suggestions"]] == ["Prop. 23 LS (2026–2027)"]
    code, out, _ = run(
        capsys, at(2026, 11, 20, 13), "follow", A, "--reject", "Prop. 23 LS (2026–2027)"
    )
    assert code == 0 and "er avvist" in out
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-2.xml")
    code, _out, _err, data = watch(capsys, at(2026, 12, 5))
    assert data["follow"]["suggestions"] == [] and data["follow"]["new_steps"] == []


def test_a_case_added_by_hand_is_followed_and_shown_by_stemme_watch(project, sources, capsys):
    """No Prop. confirmed: a person adds the case number; `stemme watch` (text) shows the
    steps under the matter's title, and says when nothing moved."""
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-2.xml")
    sources.set("/eksport/sak?sakid=104512", "sak-104512-1.xml")
    code, out, _ = run(capsys, at(2026, 12, 5), "follow", A, "--sak", "104512")
    assert code == 0 and "104512 er bekreftet" in out
    code, out, err = run(capsys, at(2026, 12, 5, 8), "watch")
    assert code == 0, err
    block = out.split("Saker vi følger – nytt siden sist (2):\n", 1)[1]
    assert block.startswith(
        "  • Høringssvar – forslag om endringer i reglene om kontaktforbud og omvendt voldsalarm\n"
        "      26. november 2026: Saken er i Stortinget: Kontaktforbud og omvendt voldsalarm "
        "(lovdelen) (sak 104512)\n"
        "      https://www.stortinget.no/no/Saker-og-publikasjoner/Saker/Sak/?p=104512\n"
        "      26. november 2026: Sendt til justiskomiteen:"
    )
    assert (
        "Oppdatert: content/hoeringssvar/2026-06-02-omvendt-voldsalarm-og-kontaktforbud.videre.yaml"
        in out
    )
    code, out, _ = run(capsys, at(2026, 12, 6, 8), "watch")
    assert code == 0 and "Saker vi følger – nytt siden sist (0):" in out
    code, _out, err = run(capsys, at(2026, 12, 6, 8), "follow", A, "--sak", "10451x")
    assert code == 2 and "«10451x» er ikke et saksnummer fra Stortinget" in err


def test_follow_names_unknown_responses_and_lists_as_json(project, capsys):
    code, _out, err = run(capsys, at(2026, 12, 5), "follow", "finnes-ikke")
    assert code == 1
    assert "Fant ingen sak vi følger som heter «finnes-ikke»" in err and A in err
    code, _out, err = run(capsys, at(2026, 12, 5), "follow", "--prop", "Prop. 1 L (2026-2027)")
    assert code == 2 and "Skriv hvilket høringssvar koblingen gjelder" in err
    code, _out, err = run(capsys, at(2026, 12, 5), "follow", A, "--prop", "Prop 23")
    assert code == 2 and "«Prop 23» er ikke et proposisjonsnummer" in err
    code, out, _ = run(capsys, at(2026, 12, 5), "follow", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [m["slug"] for m in listed] == [A, B]  # the sent ones, newest first; not the draft
    assert listed[0]["links"] == [] and listed[0]["steps"] == []


def test_a_failing_case_list_stays_inside_its_part(project, sources, capsys):
    """Stortinget's case list answers 500: the other parts still run (our published answer
    is found), the error names the part, the exit code is 1, and the next run catches up."""
    run(capsys, at(2026, 12, 5), "follow", A, "--prop", "Prop. 23 LS (2026–2027)")
    sources.set("/eksport/saker?sesjonid=2026-2027", "horinger-500.html", status=500)
    sources.set(ANSWERS, "horing-3170002-svar.html")
    code, _out, err, data = watch(capsys, at(2026, 12, 7))
    assert code == 1
    assert "Oppfølgingen av sakene vi følger feilet delvis" in err
    (error,) = data["follow"]["errors"]
    assert error.startswith("saker: ") and "serveren svarte 500" in error
    assert kinds(data, A) == ["prop", "svar"]  # the feed and the answers list still read
    sources.set("/eksport/saker?sesjonid=2026-2027", "saker-2026-2027-2.xml")
    sources.set("/eksport/sak?sakid=104512", "sak-104512-1.xml")
    sources.set("/eksport/sak?sakid=104513", "sak-104513-1.xml")
    code, _out, err, data = watch(capsys, at(2026, 12, 8))
    assert code == 0, err
    assert kinds(data, A) == ["sak", "sak", "komite", "komite"]
