"""Web fonts for other scripts: real WOFF2 subsets from fonts-noto-core, declared in CSS."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.core import fonts as core_fonts
from generator.core.errors import FontError
from generator.site.fonts import SCRIPT_FACES, install_fonts

ROOT = Path(__file__).resolve().parents[2]


def test_the_stylesheet_declares_every_script_face_with_its_range() -> None:
    css = (ROOT / "theme" / "static" / "css" / "skrifter.css").read_text("utf-8")
    for name, (_, unicodes) in SCRIPT_FACES.items():
        rule = re.search(rf'url\("\.\./fonts/{name}\.woff2"\)[^}}]*unicode-range: ([^;]+);', css)
        assert rule, name
        assert rule.group(1) == unicodes


def test_arabic_and_ethiopic_faces_are_real_shaping_subsets(tmp_path) -> None:
    pytest.importorskip("brotli")
    written = install_fonts(tmp_path / "out", tmp_path / "cache", ["ar", "ti"])
    names = {p.name for p in written}
    assert {"lato-400.woff2", "noto-arabic-700.woff2", "noto-ethiopic-400.woff2"} <= names
    assert "noto-nastaliq-400.woff2" not in names  # Urdu not asked for
    with TTFont(tmp_path / "out" / "noto-arabic-400.woff2") as arabic:
        cmap = arabic.getBestCmap()
        assert 0x0627 in cmap and ord("A") not in cmap  # alef, no Latin
        features = {r.FeatureTag for r in arabic["GSUB"].table.FeatureList.FeatureRecord}
        assert {"init", "medi", "fina"} <= features  # joining forms kept
    with TTFont(tmp_path / "out" / "noto-ethiopic-400.woff2") as ethiopic:
        cmap = ethiopic.getBestCmap()
        assert 0x1275 in cmap and ord("4") not in cmap  # figures come from Lato
    assert (tmp_path / "out" / "OFL-noto.txt").is_file()


def test_missing_noto_is_an_error_only_when_a_language_needs_it(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(core_fonts, "NOTO_DIRS", (tmp_path / "ingen",))
    with pytest.raises(FontError) as err:
        install_fonts(tmp_path / "a", tmp_path / "cache", ["ar"])
    assert "fonts-noto-core" in str(err.value)
    written = {p.name for p in install_fonts(tmp_path / "b", tmp_path / "cache")}
    assert "lato-400.woff2" in written and "lato-ext-400.woff2" in written
    assert not any(name.startswith("noto-") for name in written)
    latin = {p.name for p in install_fonts(tmp_path / "c", tmp_path / "cache", ["nb", "en"])}
    assert latin == {"lato-400.woff2", "lato-700.woff2", "lato-900.woff2"}
