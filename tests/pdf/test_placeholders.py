"""The placeholder guard: a sent høringssvar that still has the skeleton `stemme respond`
wrote — its [placeholders] and its <!-- guidance --> — fails `stemme check`, the build and
`stemme letter`, naming the file, the line and the fix."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from generator.core.config import OSLO, Paths, load_config
from generator.core.errors import ContentErrors
from generator.placeholders import GUIDANCE_OPEN, PLACEHOLDER_OPEN, leftovers
from generator.site.build import build_site
from generator.watch.drafts import create_draft
from generator.watch.model import Consultation
from tests.pdf.conftest import run

TODAY = date(2026, 12, 1)
PLACEHOLDER_FIX = (
    "Slik retter du det: skriv inn teksten som skal stå der, eller slett plassholderen. "
    "Skal det virkelig stå hakeparenteser i teksten, skriv \\[ og \\]."
)


def _consultation(reference: str | None = None) -> Consultation:
    seen = datetime(2026, 11, 30, 9, 0, tzinfo=OSLO)
    return Consultation(
        id="3181402",
        source="regjeringen",
        title="Høring – endringer i krisesenterloven",
        url="https://www.regjeringen.no/no/dokumenter/horing-krisesenterloven/id3181402/",
        department="Barne- og familiedepartementet",
        published=seen,
        deadline=datetime(2027, 2, 15, 23, 59, 59, tzinfo=OSLO),
        summary="Departementet foreslår endringer i krisesenterloven.",
        reference=reference,
        source_status=None,
        relevance=6.0,
        relevant=True,
        terms=["krisesent"],
        status="svarer",
        owner=None,
        note=None,
        first_seen=seen,
        last_seen=seen,
        updated_at=None,
        revision=1,
        extra={},
    )


def _sent(path: Path) -> None:
    """What a hurried staff member does: mark the untouched draft as sent."""
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("status: utkast\n", "status: sendt\nsent: 2026-12-01\n"))


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


@pytest.fixture
def skeleton(project: Paths) -> Path:
    config = load_config(project.config)
    path = create_draft(project.responses, _consultation(), config, TODAY)
    _sent(path)
    return path


def test_check_names_every_leftover_with_file_line_and_fix(project, skeleton, capsys):
    code, _, err = run(capsys, "check")
    assert code == 1
    rel = f"content/hoeringssvar/{skeleton.name}"
    lines = err.splitlines()
    assert lines[0] == "Feil: Fant 9 feil i 1 fil:"  # all of them, in line order
    assert lines[1:3] == [
        f"  • {rel}, linje {_line(skeleton, 'Utkast laget med')}: svaret har «status: sendt», "
        "men inneholder fortsatt en veiledningskommentar (<!-- … -->) fra utkastet. "
        "Kommentarer vises aldri på siden, i feeden eller i brevet, men en kommentar i et "
        "sendt svar er noe som ikke er avklart.",
        "    Slik retter du det: slett kommentaren, fra <!-- til og med -->.",
    ]
    placeholder = lines.index(
        f"  • {rel}, linje {_line(skeleton, '[Det neste.]')}: svaret har «status: sendt», "
        "men inneholder fortsatt plassholderen «[Det neste.]» fra utkastet."
    )
    assert lines[placeholder + 1] == f"    {PLACEHOLDER_FIX}"
    assert (
        f"  • {rel}, linje {_line(skeleton, 'Hva foreslås')}: svaret har «status: sendt», "
        "men inneholder fortsatt plassholderen «[Hva foreslås, hva mener vi, og hvorfor. Vis "
        "til fakta og …]» fra utkastet."
    ) in lines
    # The letter-header note is a third comment; 6 placeholders and 3 comments in all.
    assert f"linje {_line(skeleton, 'Mottaker («department»)')}: " in err
    assert len(lines) == 1 + 9 * 2


def test_every_marker_of_the_skeleton_is_caught(project, skeleton):
    """The skeleton is built from the same markers the guard looks for."""
    text = skeleton.read_text(encoding="utf-8")
    found = leftovers(text)
    kinds = [item.kind for item in found]
    assert kinds.count("guidance") == text.count(GUIDANCE_OPEN) == 3
    assert kinds.count("placeholder") == text.count(PLACEHOLDER_OPEN) == 6


def test_a_finished_response_passes(project, skeleton, capsys):
    text = skeleton.read_text(encoding="utf-8")
    for item in leftovers(text):
        if item.kind == "placeholder":
            text = text.replace(item.text, "Vi mener at krisesentrene må styrkes.")
    while GUIDANCE_OPEN in text:
        start = text.index(GUIDANCE_OPEN)
        text = text[:start] + text[text.index("-->", start) + 3 :]
    skeleton.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert err == ""
    assert code == 0
    assert out.splitlines()[-1] == (
        "Alt i orden (innhold, fakta, faktakort, kampanjer, innlegg, bilder, temaer, brev, "
        "oversettelser)."
    )


def test_the_build_and_the_letter_refuse_it_too(project, skeleton, capsys):
    before = project.output / "behold.txt"
    before.parent.mkdir(parents=True, exist_ok=True)
    before.write_text("forrige versjon")
    with pytest.raises(ContentErrors) as caught:
        build_site(project, publish=True)
    assert len(caught.value.errors) == 9
    assert before.read_text() == "forrige versjon"  # the previous output is untouched
    code, out, err = run(capsys, "letter", skeleton.stem)
    assert (code, out) == (1, "")
    assert err.startswith("Feil: Fant 9 feil i 1 fil:\n  • content/hoeringssvar/")
    assert not (project.build / "brev").exists()


@pytest.mark.parametrize(
    "line",
    [
        "Se [rapporten](https://example.org) og ![figur](bilde.png).",
        "Se [NOU 2020: 17][nou] og [NOU 2020: 17].",
        "Et sitat «[…] og mer [...]» og en fotnote[^1].",
        "Skriv \\[sic\\] når det er riktig, og `[kode]` i kode.",
        "[[fakta:partnerdrap-andel]]",
    ],
)
def test_markdown_brackets_are_not_placeholders(line):
    body = f"{line}\n\n[nou]: https://example.org\n[NOU 2020: 17]: https://example.org\n"
    assert leftovers(body) == []
