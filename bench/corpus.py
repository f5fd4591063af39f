"""A deterministic reference corpus for the whole-site benchmark (``bench/site.py``).

``write_corpus(dest, responses=N, facts=M)`` copies the example project to ``dest`` and
adds N sent høringssvar (about 600 words each, the project's real front matter, headings,
lists and a fact box) and extra facts up to M in total. The same N and M always give the
same bytes, so two runs, two machines and two versions of Stemme measure the same input.

Not a runnable benchmark itself (no ``main``); ``python -m bench`` skips it.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

import yaml

from tests.project import copy_project

SEED = 20261125
DEPARTMENTS = (
    "Justis- og beredskapsdepartementet",
    "Barne- og familiedepartementet",
    "Kunnskapsdepartementet",
    "Helse- og omsorgsdepartementet",
    "Arbeids- og inkluderingsdepartementet",
    "Kommunal- og distriktsdepartementet",
)
TOPICS = (
    "krisesentre",
    "kommuner",
    "barn",
    "politi",
    "kontaktforbud",
    "samtykke",
    "negativ sosial kontroll",
    "voldsutøvere",
)
WORDS = [
    "krisesenteret",
    "kommunen",
    "barna",
    "politiet",
    "tilbudet",
    "volden",
    "hjelpen",
    "beskyttelsen",
    "loven",
    "forslaget",
    "departementet",
    "utvalget",
    "ressursene",
    "kompetansen",
    "samarbeidet",
    "oppfølgingen",
    "tiltaket",
    "ansvaret",
    "rettighetene",
    "tryggheten",
    "erfaringene",
    "kunnskapen",
    "planen",
]
VERBS = ["styrker", "sikrer", "krever", "trenger", "mangler", "gir", "skal", "bør", "må", "kan"]
ENDINGS = (
    "i hele landet",
    "for alle som trenger det",
    "uten unødig venting",
    "når det er fare for ny vold",
    "også for barna",
    "med tydelig ansvar",
)


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS), rng.choice(VERBS), rng.choice(WORDS), rng.choice(ENDINGS)]
    words += rng.sample(WORDS, rng.randint(2, 5))
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, sentences: int) -> str:
    return " ".join(_sentence(rng) for _ in range(sentences))


def response_text(index: int, fact_ids: list[str]) -> str:
    """One sent response: front matter and about 600 words of body."""
    rng = random.Random(SEED + index)
    sent = date(2020, 1, 6) + timedelta(days=index * 2 % 2400)
    fact_id = fact_ids[index % len(fact_ids)]
    meta = {
        "title": f"Høringssvar nr. {index + 1} – {_sentence(rng).rstrip('.').lower()}",
        "date": sent,
        "department": rng.choice(DEPARTMENTS),
        "consultation": (
            f"https://www.regjeringen.no/no/dokumenter/horing-{index}/id{3000000 + index}/"
        ),
        "reference": f"{sent.year % 100}/{1000 + index}",
        "deadline": sent + timedelta(days=3),
        "status": "sendt",
        "sent": sent,
        "summary": _sentence(rng),
        "topics": sorted(rng.sample(TOPICS, 2)),
        "facts": [fact_id],
    }
    body = [_paragraph(rng, 6), "## Sammendrag", _paragraph(rng, 5)]
    body += ["\n".join(f"- {_sentence(rng)}" for _ in range(5))]
    body += ["## Våre merknader", f"[[fakta:{fact_id}]]"]
    for number in range(1, 5):
        body += [f"### {number}. {_sentence(rng).rstrip('.')}", _paragraph(rng, 7)]
    body += ["## Avslutning", _paragraph(rng, 3)]
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n" + "\n\n".join(body) + "\n"


def extra_facts(count: int) -> list[dict]:
    """``count`` more facts in the shape of content/fakta.yaml."""
    rng = random.Random(SEED)
    return [
        {
            "id": f"referansefakta-{n + 1}",
            "figure": f"{rng.randint(1, 9)} av 10",
            "statement": _sentence(rng).lower().rstrip(".") + ".",
            "source": {
                "name": f"Referansekilde {n + 1}",
                "url": f"https://www.example.org/kilde/{n + 1}/",
                "year": 2024,
            },
        }
        for n in range(count)
    ]


def write_corpus(dest: Path, *, responses: int, facts: int) -> Path:
    """The example project plus the corpus in ``dest`` (created); returns ``dest``."""
    paths = copy_project(dest)
    existing = yaml.safe_load(paths.facts.read_text(encoding="utf-8"))
    added = extra_facts(max(0, facts - len(existing)))
    if added:  # (an empty list would append «[]» to the file)
        with paths.facts.open("a", encoding="utf-8") as out:
            out.write("\n" + yaml.safe_dump(added, allow_unicode=True, sort_keys=False))
    ids = [f["id"] for f in existing + added]
    for index in range(responses):
        path = paths.responses / f"2020-01-01-referansesvar-{index + 1:05d}.md"
        path.write_text(response_text(index, ids), encoding="utf-8")
    return dest
