"""Nothing from outside reaches a letter (issue 22), tried with the real engine (Typst).

Each hostile body is put into a sent response and made into a letter twice: by
``stemme letter`` (which runs ``stemme check``'s content check for the file first) and,
as defence in depth, straight through ``load_letter`` + the letter cache, which the
check does not guard. Every refused case must be a Norwegian error naming the file and
a line, with nothing written; every case made harmless gives a PDF with no embedded
file, no attachment, no image and none of the outside file's bytes (read with pypdf).
"""

from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

from generator.core.errors import ContentErrors
from generator.pdf.cache import ensure_letter
from tests.pdf.conftest import DRAFT, SENT, example_letter, run

SECRET = "HEMMELIG-7f3a9c"  # in a file outside the project: must never reach a letter
NAME = "2026-06-05-fiendtlig"


def _outside(paths) -> Path:
    folder = paths.root.parent / "utenfor"
    folder.mkdir(exist_ok=True)
    (folder / "hemmelig.txt").write_text(SECRET, encoding="utf-8")
    out = BytesIO()
    Image.new("RGB", (30, 30), (200, 0, 0)).save(out, "PNG")
    (folder / "hemmelig.png").write_bytes(out.getvalue())
    return folder


def _response(paths, snippet: str, stem: str = SENT) -> Path:
    head, body = (paths.responses / f"{stem}.md").read_text(encoding="utf-8").split("\n---\n", 1)
    path = paths.responses / f"{NAME}.md"
    path.write_text(f"{head}\n---\n{snippet}\n\n{body}", encoding="utf-8")
    return path


@pytest.fixture
def hostile(letters_project):
    outside = _outside(letters_project)
    made: list[Path] = []

    def write(snippet: str, stem: str = SENT) -> Path:
        path = _response(letters_project, snippet.replace("{outside}", str(outside)), stem)
        made.append(path)
        return path

    yield write
    for path in made:
        path.unlink(missing_ok=True)
    for extra in ("null.jpg", "ut.png", "figur.svg", "bombe.png", "kuttet.jpg", "side.jpg"):
        (letters_project.content / "bilder" / extra).unlink(missing_ok=True)


def _leaks(pdf: bytes) -> list[str]:
    """What in the PDF could carry something from outside: embedded files, attachments,
    images, launch actions, non-web links, and the outside file's bytes in any stream."""
    reader = PdfReader(BytesIO(pdf))
    root = reader.trailer["/Root"]
    found = []
    if "/EmbeddedFiles" in root.get("/Names", {}) or "/AF" in root:
        found.append("innebygde filer")
    for page in reader.pages:
        for annot in page.get("/Annots", []):
            annot = annot.get_object()
            if annot.get("/Subtype") == "/FileAttachment":
                found.append("vedlegg")
            uri = str(annot.get("/A", {}).get("/URI", ""))
            if annot.get("/A", {}).get("/S") not in (None, "/URI") or (
                uri and not uri.startswith(("https://", "http://", "mailto:"))
            ):
                found.append(f"lenke {uri}")
        xobjects = page["/Resources"].get("/XObject", {})
        if any(x.get_object()["/Subtype"] == "/Image" for x in xobjects.values()):
            found.append("bilde")
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(IndirectObject(number, 0, reader))
        if isinstance(obj, StreamObject) and SECRET.encode() in obj.get_data():
            found.append(f"hemmelig innhold i objekt {number}")
    return found


REFUSED = {
    "absolutt-sti": '<img src="{outside}/hemmelig.png" alt="Hemmelig">',
    "opp-og-ut": "![Hemmelig](../../../utenfor/hemmelig.png)",
    "bilder-og-ut": "![Hemmelig](../bilder/../../../utenfor/hemmelig.png)",
    "file-bilde": '<img src="file://{outside}/hemmelig.png" alt="Hemmelig">',
    "file-lenke": "[Se fila](file://{outside}/hemmelig.txt)",
    "vedlegg-a": '<a rel="attachment" href="../../stemme.toml">Vedlegg</a>',
    "vedlegg-link": '<link rel="attachment" href="../../stemme.toml">',
    "style-import": '<style>@import url("file://{outside}/hemmelig.txt");</style>',
    "object": '<object data="../../stemme.toml"></object>',
    "embed": '<embed src="../../stemme.toml">',
    "svg-image": '<svg><image href="file://{outside}/hemmelig.png"/></svg>',
    "style-attributt": '<p style="background: url(../../stemme.toml)">Tekst</p>',
    "dev-zero-bilde": '<img src="/dev/zero" alt="Null">',
    "nettbilde": "![Et bilde fra et annet nettsted](https://example.org/bilde.png)",
    "http-bilde": '<img src="http://example.org/bilde.png" alt="Bilde">',
    "data-bilde": '<img src="data:image/png;base64,iVBORw0KGgo=" alt="Bilde">',
}


def _assert_refused(code: int, out: str, err: str, written: Path) -> None:
    assert code == 1, out
    assert out == ""
    assert f"content/hoeringssvar/{NAME}.md, linje " in err
    assert "Slik retter du det:" in err
    assert not written.exists()


@pytest.mark.parametrize("snippet", REFUSED.values(), ids=REFUSED.keys())
def test_stemme_letter_refuses_what_reaches_outside(letters_project, hostile, capsys, snippet):
    hostile(snippet)
    written = letters_project.root / "brev-test" / "fiendtlig.pdf"
    code, out, err = run(capsys, "letter", NAME, "--out", str(written))
    _assert_refused(code, out, err, written)


@pytest.mark.parametrize("snippet", REFUSED.values(), ids=REFUSED.keys())
def test_the_letter_itself_refuses_it_without_the_check(letters_project, hostile, snippet):
    hostile(snippet)
    with pytest.raises(ContentErrors) as caught:
        example_letter(letters_project, NAME)
    assert f"content/hoeringssvar/{NAME}.md, linje " in str(caught.value)


def _photo_cases(paths, outside: Path) -> dict[str, str]:
    """Files put into content/bilder/ that must not go into a letter."""
    bilder = paths.content / "bilder"
    (bilder / "null.jpg").symlink_to("/dev/zero")
    (bilder / "ut.png").symlink_to(outside / "hemmelig.png")
    (bilder / "figur.svg").write_text(
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="file://{outside}/hemmelig.png"'
        ' width="10" height="10"/></svg>',
        encoding="utf-8",
    )
    bomb = BytesIO()
    Image.new("1", (12_000, 12_000)).save(bomb, "PNG")
    (bilder / "bombe.png").write_bytes(bomb.getvalue())
    whole = (bilder / "fellesskap.jpg").read_bytes()
    (bilder / "kuttet.jpg").write_bytes(whole[: len(whole) // 2])
    (bilder / "side.jpg").write_text("<html><body>Ikke et bilde</body></html>", encoding="utf-8")
    return {
        "symlenke-til-dev-zero": "![Null](../bilder/null.jpg)",
        "symlenke-ut-av-prosjektet": "![Hemmelig](../bilder/ut.png)",
        "svg-i-bilder": "![Figur](../bilder/figur.svg)",
        "dekompresjonsbombe": "![Bombe](../bilder/bombe.png)",
        "avkuttet-jpeg": "![Kuttet](../bilder/kuttet.jpg)",
        "html-som-jpg": "![Side](../bilder/side.jpg)",
    }


def test_photos_that_are_no_proper_images_are_refused_by_name(letters_project, hostile, capsys):
    cases = _photo_cases(letters_project, letters_project.root.parent / "utenfor")
    for label, snippet in cases.items():
        hostile(snippet)
        written = letters_project.root / "brev-test" / f"{label}.pdf"
        code, out, err = run(capsys, "letter", NAME, "--out", str(written))
        _assert_refused(code, out, err, written)
        src = snippet.split("(")[1].rstrip(")")
        assert f"bildet «{src}»" in err, (label, err)


CODE = 'Tekst #read("/etc/passwd") #import "@preview/x:1.0.0": * #image("/etc/passwd")'
MARKUP = r"Tegn: \# $x$ @ref &lt;lab&gt; `#eval(x)` \\ // kommentar /* blokk */ = - + 1. ~ ---"
# snippet → the text the letter must show for it (Markdown's smart quotes: «»)
HARMLESS = {
    "typst-kode": (
        CODE,
        "Tekst #read(«/etc/passwd») #import «@preview/x:1.0.0»: * #image(«/etc/passwd»)",
    ),
    "typst-tegn": (
        MARKUP,
        r"Tegn: # $x$ @ref <lab> #eval(x) \ // kommentar /* blokk */ = - + 1. ~",
    ),
    "lenke-dev-zero": ("[Null](/dev/zero)", "Null"),
    "lenke-opp-og-ut": ("[Innstillinger](../../stemme.toml)", "Innstillinger"),
}


@pytest.mark.parametrize(("snippet", "shown"), HARMLESS.values(), ids=HARMLESS.keys())
def test_harmless_text_gives_a_letter_with_nothing_from_outside(
    letters_project, hostile, snippet, shown
):
    hostile(snippet)
    letter = example_letter(letters_project, NAME)
    pdf = ensure_letter(letter, letters_project.cache / "letters").path.read_bytes()
    assert _leaks(pdf) == []
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert shown in text
    assert "root:" not in text


def test_html_comments_never_reach_the_letter(letters_project, hostile):
    hostile(f"Før.\n\n<!-- {SECRET} -->\n\nEtter <!-- {SECRET} --> teksten.", stem=DRAFT)
    letter = example_letter(letters_project, NAME)
    pdf = ensure_letter(letter, letters_project.cache / "letters").path.read_bytes()
    assert _leaks(pdf) == []
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(BytesIO(pdf)).pages)
    assert "Før. Etter teksten." in text
    assert SECRET not in text


def test_the_site_address_replaces_a_relative_link(letters_project, hostile):
    hostile("[Null](/dev/zero)")
    letter = example_letter(letters_project, NAME)
    reader = PdfReader(ensure_letter(letter, letters_project.cache / "letters").path)
    uris = [
        str(a.get_object()["/A"]["/URI"])
        for page in reader.pages
        for a in page.get("/Annots", [])
        if "/A" in a.get_object()
    ]
    assert "https://krisesentersekretariatet.example/dev/zero" in uris
    assert os.path.exists("/dev/zero")  # the link was never followed (nothing hung)
