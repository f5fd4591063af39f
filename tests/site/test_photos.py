"""Photos from content/bilder/: published resized, as WebP + JPEG, never with EXIF or GPS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import ExifTags, Image

from generator.core.config import Paths, load_config
from generator.site.build import build_site
from generator.site.photos import check
from tests.project import copy_project, project_env

GPS = {
    ExifTags.GPS.GPSLatitudeRef: "N",
    ExifTags.GPS.GPSLatitude: (59.0, 54.0, 36.5),
    ExifTags.GPS.GPSLongitudeRef: "E",
    ExifTags.GPS.GPSLongitude: (10.0, 45.0, 12.0),
}
PAGE = """---
title: Et hus med lys i vinduene
slug: huset
summary: En side med et bilde.
---
Teksten før bildet.

![Et hus med lys i vinduene en vinterkveld.](../bilder/huset.jpg)
"""


def gps_photo(path: Path) -> None:
    """A 1000×600 JPEG whose EXIF says where it was taken and that it is turned (6)."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Kamera AS"
    exif[ExifTags.Base.Orientation] = 6  # rotate 90° clockwise when shown
    exif.get_ifd(ExifTags.IFD.GPSInfo).update(GPS)
    Image.new("RGB", (1000, 600), "#5B2A86").save(path, "JPEG", exif=exif.tobytes())
    with Image.open(path) as written:  # the test's premise: the file says where
        assert written.getexif().get_ifd(ExifTags.IFD.GPSInfo)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Paths:
    paths = copy_project(tmp_path_factory.mktemp("bilder") / "prosjekt", reuse_cards=True)
    gps_photo(paths.content / "bilder" / "huset.jpg")
    (paths.pages / "huset.md").write_text(PAGE, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in project_env(paths).items():
            mp.setenv(name, value)
        build_site(paths, publish=True)
    return paths


def published(paths: Paths) -> list[Path]:
    return sorted((paths.output / "bilder").glob("huset-*"))


def test_the_photo_is_published_without_exif_or_gps(built: Paths):
    files = published(built)
    assert {f.suffix for f in files} == {".webp", ".jpg"}
    for file in files:
        with Image.open(file) as image:
            exif = image.getexif()
            assert not exif, (file.name, dict(exif))
            assert not exif.get_ifd(ExifTags.IFD.GPSInfo)
            assert "exif" not in image.info and "xmp" not in image.info
            assert image.height > image.width  # the orientation went into the pixels
        assert b"Kamera AS" not in file.read_bytes()
    assert not (built.output / "bilder" / "huset.jpg").exists()  # the original never


def test_the_page_gets_a_picture_with_webp_sizes_and_dimensions(built: Paths):
    html = (built.output / "huset" / "index.html").read_text(encoding="utf-8")
    picture = re.search(r"<picture>(.*?)</picture>", html, re.S)
    assert picture, html
    source = re.search(r'<source[^>]*type="image/webp"[^>]*>', picture[1])
    assert source and re.search(r'srcset="/bilder/huset-\w+-480\.webp 480w, ', source[0])
    img = re.search(r"<img [^>]*>", picture[1])[0]
    assert 'alt="Et hus med lys i vinduene en vinterkveld."' in img
    width, height = (int(re.search(rf'{a}="(\d+)"', img)[1]) for a in ("width", "height"))
    assert (width, height) == (600, 1000)  # turned by the EXIF orientation
    src = re.search(r'src="/bilder/([^"]+)"', img)[1]
    with Image.open(built.output / "bilder" / src) as image:
        assert image.size == (width, height)
    assert 'loading="lazy"' in img and "480w" in img


def test_an_unchanged_photo_is_not_encoded_again(built: Paths, monkeypatch: pytest.MonkeyPatch):
    cache = sorted((built.cache / "bilder").glob("huset-*"))
    before = {p.name: p.stat().st_mtime_ns for p in cache}
    for name, value in project_env(built).items():
        monkeypatch.setenv(name, value)
    build_site(built, output=built.root / "igjen")
    after = {p.name: p.stat().st_mtime_ns for p in (built.cache / "bilder").glob("huset-*")}
    assert after == before
    assert len(before) == 4  # 480 and 600 (the turned width) × (WebP + JPEG)


def test_an_image_without_alt_text_fails_check_with_file_and_line(project: Paths):
    page = project.pages / "om-oss.md"
    lines = page.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines, 1) if "bilder/fellesskap.jpg" in line)
    lines[number - 1] = "![](../bilder/fellesskap.jpg)"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    errors, _ = check(project, load_config(project.config))
    assert [str(e) for e in errors] == [
        f"content/sider/om-oss.md, linje {number}: bildet «../bilder/fellesskap.jpg» mangler "
        "alt-tekst. Slik retter du det: skriv hva bildet viser mellom klammene, f.eks. "
        "«![To hender holder en kopp kaffe](bilder/kaffe.jpg)». Beskriv det en som ikke ser "
        "bildet, trenger å vite."
    ]


def test_a_missing_photo_fails_check(project: Paths):
    page = project.pages / "om-oss.md"
    text = page.read_text(encoding="utf-8").replace("bilder/fellesskap.jpg", "bilder/borte.jpg")
    page.write_text(text, encoding="utf-8")
    errors, _ = check(project, load_config(project.config))
    assert len(errors) == 1
    assert str(errors[0]).endswith(
        "fant ikke bildet «../bilder/borte.jpg». Slik retter du det: legg bildet i "
        "content/bilder/, eller rett navnet."
    )


def test_the_example_photo_passes_check(project: Paths):
    assert check(project, load_config(project.config)) == ([], [])
