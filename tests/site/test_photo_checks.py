"""`stemme check` opens every photo a text shows: a decompression bomb, a truncated JPEG,
HTML named .jpg, an SVG and a photo linked out of content/bilder/ are each refused with
the file, the line and the fix; the build says the same in Norwegian, never in English.
Every bad file is made here, for real, with Pillow (or as the text it pretends not to be)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from generator.cli import main
from generator.core.errors import ImageError
from generator.images.photos import photo_set

PAGE = "content/sider/bilde.md"
TEXT = "---\ntitle: Bilde\n---\nTekst.\n\n![Et hus om natten.](../bilder/{name})\n"
FIX_FORMAT = (
    "Slik retter du det: åpne bildet i et bildeprogram og lagre det som JPEG (foto) eller "
    "PNG (grafikk)."
)
FIX_SMALLER = (
    "Slik retter du det: gjør bildet mindre enn 40 megapiksler (f.eks. 6000 × 4000 px) i et "
    "bildeprogram, og lagre det som JPEG."
)


def bomb(path: Path) -> None:
    """A PNG of a few kilobytes that asks for 20000 × 20000 pixels (400 megapixels)."""
    Image.new("1", (20000, 20000)).save(path, "PNG", optimize=True)
    assert path.stat().st_size < 100_000


def truncated(path: Path) -> None:
    out = BytesIO()
    Image.effect_noise((200, 150), 60).convert("RGB").save(out, "JPEG", quality=90)
    path.write_bytes(out.getvalue()[: len(out.getvalue()) // 2])


def html_named_jpg(path: Path) -> None:
    path.write_text("<!doctype html><title>x</title><script>alert(1)</script>", "utf-8")


def svg(path: Path) -> None:
    path.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="file:///etc/passwd"/></svg>',
        "utf-8",
    )


CASES = [
    (bomb, "bombe.png", "bildet er 20000 × 20000 px (400 megapiksler); så store bilder kan "
     "lamme byggingen.", FIX_SMALLER),
    (truncated, "avkuttet.jpg", "bildefilen er ødelagt eller ufullstendig (avkuttet).",
     FIX_FORMAT),
    (html_named_jpg, "side.jpg", "filen er ikke et bilde Stemme kan lese (JPEG, PNG eller "
     "WebP), selv om navnet sier det.", FIX_FORMAT),
    (svg, "figur.svg", "filen er SVG, ikke et JPEG-, PNG- eller WebP-bilde.", FIX_FORMAT),
]  # fmt: skip


@pytest.mark.parametrize(("make", "name", "why", "fix"), CASES, ids=[c[1] for c in CASES])
def test_a_bad_photo_is_refused_by_check_with_file_line_and_fix(
    project, capsys, make, name, why, fix
):
    make(project.content / "bilder" / name)
    (project.root / PAGE).write_text(TEXT.format(name=name), encoding="utf-8")
    assert main(["check"]) == 1
    err = capsys.readouterr().err
    assert [line.strip() for line in err.splitlines()] == [
        "Feil: Fant 1 feil i 1 fil:",
        f"• {PAGE}, linje 6: bildet «../bilder/{name}»: {why}",
        fix,
    ]


@pytest.mark.parametrize(("make", "name", "why", "fix"), CASES, ids=[c[1] for c in CASES])
def test_the_build_reads_no_bad_photo_and_says_why_in_norwegian(tmp_path, make, name, why, fix):
    photo = tmp_path / name
    make(photo)
    with pytest.raises(ImageError) as info:
        photo_set(photo, tmp_path / "cache")
    assert str(info.value) == f"{photo}: {why} {fix}"


def test_a_photo_linked_out_of_the_photo_folder_is_refused(project, capsys, tmp_path):
    outside = tmp_path / "privat.jpg"
    Image.new("RGB", (40, 30), "#5B2A86").save(outside, "JPEG")
    (project.content / "bilder" / "lenke.jpg").symlink_to(outside)
    (project.root / PAGE).write_text(TEXT.format(name="lenke.jpg"), encoding="utf-8")
    assert main(["check"]) == 1
    err = [line.strip() for line in capsys.readouterr().err.splitlines()]
    assert err[1:] == [
        f"• {PAGE}, linje 6: bildet «../bilder/lenke.jpg» er en lenke til en fil utenfor "
        "content/bilder/; det ville ikke blitt vist.",
        "Slik retter du det: kopier selve bildet inn i content/bilder/ og slett lenken.",
    ]


def test_a_truncated_photo_is_found_even_when_a_library_let_pillow_load_truncated_files(
    tmp_path, monkeypatch
):
    """Some libraries (WeasyPrint, for one) set Pillow's LOAD_TRUNCATED_IMAGES for the whole
    process; the check must not depend on who else was imported."""
    from PIL import ImageFile

    from generator.images.photos import photo_problem

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    truncated(tmp_path / "avkuttet.jpg")
    assert photo_problem(tmp_path / "avkuttet.jpg") == (
        "bildefilen er ødelagt eller ufullstendig (avkuttet)",
        FIX_FORMAT.removeprefix("Slik retter du det: "),
    )
    assert ImageFile.LOAD_TRUNCATED_IMAGES  # left as it was


def test_a_good_small_photo_passes(project, capsys):
    Image.new("RGB", (40, 30), "#5B2A86").save(project.content / "bilder" / "lite.webp", "WEBP")
    (project.root / PAGE).write_text(TEXT.format(name="lite.webp"), encoding="utf-8")
    assert main(["check"]) == 0, capsys.readouterr().err
