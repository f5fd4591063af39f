"""The letter engine itself (Typst): PDF/UA-1 checked while compiling, and a compiler
that reads nothing outside the letter's own folder."""

from __future__ import annotations

import subprocess
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


def test_the_page_shows_the_text_in_lato_and_the_image(tmp_path):
    """What Typst renders, seen the way a reader sees it: the text is on the page (set in
    the embedded Lato), and the image's purple is painted where the letter puts it."""
    made = render_pdf(_job('= Tittel\nTekst med æøå.\n#image("bilde.png", width: 6cm, alt: "Felt")',
                           (("bilde.png", _png()),)))  # fmt: skip
    page = PdfReader(BytesIO(made.data)).pages[0]
    assert "Tekst med æøå." in page.extract_text()
    fonts = {f["/BaseFont"] for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("Lato" in str(name) for name in fonts)
    pdf = tmp_path / "brev.pdf"
    pdf.write_bytes(made.data)
    out = tmp_path / "side"
    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf), str(out)],
                   check=True, timeout=60)  # fmt: skip
    image = Image.open(tmp_path / "side.png").convert("RGB")
    colours = dict((colour, n) for n, colour in image.getcolors(image.width * image.height))
    assert colours.get((91, 42, 134), 0) > 20_000  # the 6 cm × 3 cm image, at 100 dpi
    assert sum(n for c, n in colours.items() if max(c) < 90) > 200  # dark text ink
