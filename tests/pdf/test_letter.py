"""A sent høringssvar as a letter: A4, reading order, fonts, tags, language and metadata.

The letter is made by the real ``stemme letter`` command from the example content and
read back with pypdf (and, where installed, poppler's pdffonts/pdftoppm as a second,
independent reader).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf.generic import IndirectObject

from generator.site.content_model import load_document
from tests.pdf.conftest import SENT, LetterPdf, example_letter, make_letter, read_letter

A4 = (595.28, 841.89)  # points
TITLE = "Høringssvar – forslag om endringer i reglene om kontaktforbud og omvendt voldsalarm"


@pytest.fixture(scope="module")
def letter(letters_project) -> LetterPdf:
    return read_letter(make_letter(letters_project, SENT), TITLE, letters_project)


def _paragraphs(markdown: str) -> list[str]:
    """The body's paragraphs and list items as plain text (no headings or fact lines)."""
    found = []
    for block in re.split(r"\n\s*\n", markdown):
        for item in re.split(r"\n(?=- )", block.strip()):
            text = " ".join(item.removeprefix("- ").split())
            if text and not text.startswith(("#", "[[")):
                found.append(text)
    return found


def test_every_page_is_a4(letter):
    assert len(letter.pages) >= 2
    for page in letter.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == A4


def test_letterhead_recipient_refs_date_title_body_and_signatures_in_order(letter, letters_project):
    text = letter.body_text()
    doc = load_document(letters_project.responses / f"{SENT}.md", "hoeringssvar")
    expected = [
        "Krisesentersekretariatet",
        "Justis- og beredskapsdepartementet",
        "Deres ref. 26/1234",
        "Vår ref. 2026/12",
        "Dato 2. juni 2026",
        TITLE,
        *_paragraphs(doc.body)[:-2],  # the closing («Med vennlig hilsen» …) is set apart
        "Med vennlig hilsen Krisesentersekretariatet",
        "Tone Haugland daglig leder",
        "Ingrid Solberg fagansvarlig, juss",
        "Brevet er godkjent elektronisk og har derfor ingen håndskrevne signaturer.",
    ]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"fant ikke (i rekkefølge): {piece!r}"
        position = found + len(piece)


def test_headings_and_the_fact_box_are_text(letter):
    text = letter.body_text()
    assert "Sammendrag Krisesentersekretariatet støtter hovedlinjene" in text
    assert "1. Det haster å beskytte" in text
    assert (
        "7 av 10 partnerdrap hadde registrert vold i forkant. Volden er det tydeligste "
        "varselet. Kilde: NOU 2020: 17 Varslede drap? (2020)"
    ) in text


def test_page_numbers_and_footer_on_every_page(letter):
    total = len(letter.pages)
    for number in range(total):
        lines = [line.strip() for line in letter.page_text(number).splitlines()]
        assert f"Side {number + 1} av {total}" in lines
        assert "Krisesentersekretariatet · Postboks 1234 Sentrum, 0106 Oslo" in lines
        assert (
            "E-post post@krisesentersekretariatet.example · Telefon +47 22 00 00 00 · "
            "krisesentersekretariatet.example"
        ) in lines
    assert "UTKAST" not in " ".join(letter.page_text(n) for n in range(total))


def _fonts(letter: LetterPdf) -> list:
    fonts = []
    for page in letter.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts += [d.get_object() for d in font.get("/DescendantFonts", [])] or [font]
    return fonts


def test_every_font_is_embedded_lato_as_a_subset(letter):
    fonts = _fonts(letter)
    assert fonts
    for font in fonts:
        descriptor = font["/FontDescriptor"].get_object()
        assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
        assert re.fullmatch(r"/[A-Z]{6}\+Lato(-\w+)?", font["/BaseFont"]), font["/BaseFont"]


def _structure_types(node, seen: set[str]) -> None:
    node = node.get_object() if isinstance(node, IndirectObject) else node
    if isinstance(node, list):
        for kid in node:
            _structure_types(kid, seen)
        return
    if hasattr(node, "get") and node.get("/Type") == "/StructElem":
        seen.add(node["/S"])
        _structure_types(node.get("/K", []), seen)


def test_tagged_pdf_with_marked_content(letter):
    root = letter.reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"].value is True
    tree = root["/StructTreeRoot"].get_object()
    seen: set[str] = set()
    _structure_types(tree["/K"], seen)
    assert {"/Document", "/H1", "/H2", "/H3", "/P", "/L", "/LI"} <= seen
    stream = letter.pages[0].get_contents().get_data()
    assert b"/MCID" in stream and b"BDC" in stream


def test_language_title_author_and_pdfua_identification(letter):
    root = letter.reader.trailer["/Root"]
    assert root["/Lang"] == "nb"
    assert letter.reader.metadata.title == TITLE
    assert letter.reader.metadata.author == "Krisesentersekretariatet"
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert re.search(r'pdfuaid:part(="1"|>1</pdfuaid:part>)', xmp)  # attribute or element
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_a_four_page_letter_is_well_under_200_kb(letters_project):
    source = letters_project.responses / f"{SENT}.md"
    text = source.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    long = letters_project.responses / "2026-06-03-langt-svar.md"
    long.write_text(f"{head}\n---\n{body}\n{body}", encoding="utf-8")
    try:
        made = read_letter(make_letter(letters_project, long.stem), TITLE, letters_project)
    finally:
        long.unlink()
    assert len(made.pages) >= 4
    assert made.path.stat().st_size < 100_000


@pytest.fixture
def poppler() -> None:
    """poppler-utils (pdffonts, pdftoppm): skip on a developer's machine, fail in CI."""
    if shutil.which("pdffonts") is None or shutil.which("pdftoppm") is None:
        message = "poppler-utils (pdffonts, pdftoppm) mangler: sudo apt-get install poppler-utils"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(f"CI=true: {message}", pytrace=False)
        pytest.skip(message)


def test_poppler_sees_every_font_embedded(letter, poppler):
    out = subprocess.run(
        ["pdffonts", str(letter.path)], capture_output=True, text=True, check=True
    ).stdout
    rows = out.splitlines()[2:]
    assert rows
    for row in rows:
        emb, sub = row.split()[-5:-3]
        assert (emb, sub) == ("yes", "yes"), row


def test_poppler_renders_every_page(letter, poppler, tmp_path: Path):
    subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(letter.path), str(tmp_path / "side")], check=True
    )
    images = sorted(tmp_path.glob("side-*.png"))
    assert len(images) == len(letter.pages)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Tekst.\n\nMed vennlig hilsen\n\nKrisesentersekretariatet\n",
            ("Tekst.\n", "Med vennlig hilsen", ()),
        ),
        (
            "Tekst.\n\nMed vennlig hilsen  \n**Krisesentersekretariatet**  \nKari Nordmann\n",
            ("Tekst.\n", "Med vennlig hilsen", ("Kari Nordmann",)),
        ),
        ("Tekst uten hilsen.\n", ("Tekst uten hilsen.\n", "Med vennlig hilsen", ())),
        (
            "Hilsen fra krisesentrene:\n\n- første\n- andre\n",
            ("Hilsen fra krisesentrene:\n\n- første\n- andre\n", "Med vennlig hilsen", ()),
        ),
    ],
    ids=["hilsen-og-navn", "hard-linjeskift-og-ekstra-linje", "uten-hilsen", "hilsen-i-teksten"],
)
def test_the_closing_is_taken_from_the_end_of_the_text(body, expected):
    from generator.pdf.letter import split_closing

    assert split_closing(body, {"krisesentersekretariatet"}) == expected


def test_rendering_logs_no_warnings(letters_project, caplog, tmp_path):
    from generator.pdf.cache import ensure_letter

    with caplog.at_level("WARNING"):
        ensure_letter(example_letter(letters_project), tmp_path)
    assert [r.getMessage() for r in caplog.records] == []


def _images(letter: LetterPdf) -> list:
    """Every image in the PDF once (pages may share one resource dictionary)."""
    found = {}
    for page in letter.pages:
        for ref in page["/Resources"].get("/XObject", {}).values():
            if ref.get_object()["/Subtype"] == "/Image":
                found[ref.idnum] = ref.get_object()
    return list(found.values())


def test_a_content_photo_is_embedded_made_anew_without_its_metadata(letters_project):
    from PIL import Image

    photo = Image.new("RGB", (2400, 1600), (120, 60, 140))
    exif = Image.Exif()
    exif[0x010E] = "SKJULT-STED-59.91N"  # ImageDescription: must never reach the letter
    photo.save(letters_project.content / "bilder" / "stor.jpg", exif=exif.tobytes())
    source = letters_project.responses / f"{SENT}.md"
    text = source.read_text(encoding="utf-8")
    head, body = text.split("\n---\n", 1)
    photos = (
        "![Folk samlet til markering foran Stortinget](bilder/fellesskap.jpg)\n\n"
        "![En stor flate i lilla](../bilder/stor.jpg)\n\n"
    )
    with_photos = letters_project.responses / "2026-06-04-med-bilder.md"
    with_photos.write_text(f"{head}\n---\n{photos}{body}", encoding="utf-8")
    try:
        made = read_letter(make_letter(letters_project, with_photos.stem), TITLE, letters_project)
    finally:
        with_photos.unlink()
    images = _images(made)
    assert len(images) == 2
    assert all(int(image["/Width"]) <= 1000 for image in images)  # 150 dpi across the text
    assert all(b"SKJULT-STED" not in image.get_data() for image in images)
    assert b"SKJULT-STED" not in made.path.read_bytes()
    assert made.path.stat().st_size < 400_000
