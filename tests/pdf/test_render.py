"""The letter engine itself (Typst): PDF/UA-1 checked while compiling, and a compiler
that reads nothing outside the letter's own folder."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from PIL import Image
from pypdf import PdfReader

from generator.core.errors import LetterError
from generator.pdf.render import PdfJob, render_pdf

HEAD = '#set document(title: "Prøve")\n#set text(font: "Lato", lang: "nb")\n'


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 20), (91, 42, 134)).save(out, "PNG")
    return out.getvalue()


def _job(body: str, files: tuple[tuple[str, bytes], ...] = ()) -> PdfJob:
    return PdfJob(HEAD + body, files, date(2026, 12, 5), "prøve.md")


def test_a_letter_is_tagged_pdf_ua_1_in_norwegian():
    made = render_pdf(_job('= Tittel\nTekst.\n#image("bilde.png", alt: "Et lilla felt")',
                           (("bilde.png", _png()),)))  # fmt: skip
    reader = PdfReader(BytesIO(made.data))
    root = reader.trailer["/Root"]
    assert made.pages == len(reader.pages) == 1
    assert root["/Lang"] == "nb"
    assert root["/MarkInfo"]["/Marked"].value is True
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp


def test_an_image_without_alt_text_stops_the_letter():
    with pytest.raises(LetterError) as caught:
        render_pdf(_job('= Tittel\n#image("bilde.png")', (("bilde.png", _png()),)))
    assert "PDF/UA-1" in str(caught.value)
    assert "alt" in str(caught.value)
    assert str(caught.value).startswith("Brevet fra prøve.md kan ikke lages:")


@pytest.mark.parametrize(
    "code",
    ['#read("/etc/passwd")', '#read("../../../../etc/passwd")', '#image("/etc/hostname.png")'],
    ids=["absolutt", "opp-og-ut", "bilde-utenfor"],
)
def test_the_compiler_reads_nothing_outside_the_letters_folder(code):
    with pytest.raises(LetterError):
        render_pdf(_job(f"= Tittel\n{code}\n"))


def test_the_same_letter_gives_the_same_bytes():
    job = _job("= Tittel\nTekst.\n")
    assert render_pdf(job).data == render_pdf(job).data
