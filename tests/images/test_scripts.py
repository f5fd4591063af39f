"""Cards in other scripts: real Pillow output with Raqm, right-to-left, merged Noto faces."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from generator.core import fonts as core_fonts
from generator.core.errors import FontError, ImageError
from generator.images import ensure_cards
from generator.images import scripts as card_scripts
from generator.images.cards import fact_specs
from generator.images.fonts import face_bytes, font
from generator.images.layout import FACT_LAYOUTS, mirrored
from generator.images.render import fit_all
from generator.images.scripts import card_script

pytestmark = pytest.mark.skipif(
    not card_scripts.raqm_available(), reason="Pillow uten Raqm (libraqm0, libfribidi0)"
)

ARABIC = "جرائم قتل في النرويج"


def _ink(png: bytes, box) -> tuple[int, int, int, int] | None:
    """Bounding box of everything not background inside ``box`` of a card."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    crop = image.crop((box.x, box.y, box.right, box.bottom))
    background = Image.new("RGB", crop.size, image.getpixel((0, 0)))
    return ImageChops.difference(crop, background).getbbox()


def test_arabic_is_shaped_by_raqm_not_drawn_letter_by_letter() -> None:
    """Joined Arabic is narrower than the same letters drawn in their isolated forms, and
    Raqm's glyphs differ from BASIC's: the card's engine really shapes."""
    script = card_script("ar")
    raqm = font("bold", 80, script)
    basic = ImageFont.truetype(
        io.BytesIO(face_bytes(script, "bold")), 80, layout_engine=ImageFont.Layout.BASIC
    )
    shaped = raqm.getlength(ARABIC, direction="rtl")
    isolated = basic.getlength(ARABIC)
    assert shaped < isolated * 0.95

    def drawn(face, **kw) -> bytes:
        image = Image.new("L", (1200, 140), 0)
        ImageDraw.Draw(image).text((1180, 100), ARABIC, font=face, fill=255, anchor="rs", **kw)
        return image.tobytes()

    assert drawn(raqm, direction="rtl") != drawn(basic)


def test_an_arabic_card_is_mirrored_and_its_lines_end_on_the_right(book, style) -> None:
    fact = book["partnerdrap-andel"]
    spec = next(s for s in fact_specs([fact], style, ["kvadrat"], ["ar"]) if s.lang == "ar")
    from generator.images.cards import render_card

    png = render_card(spec)
    layout = spec.layout
    assert layout == mirrored(FACT_LAYOUTS["kvadrat"])
    statement = layout.slots["statement"].box
    ink = _ink(png, statement)
    assert ink is not None
    left, _, right, _ = ink
    # Flush right (within a few pixels of slack), ragged left.
    assert statement.w - right <= 12
    assert left > 20
    # The accent bar sits in the top right corner.
    bar = layout.rules[0]
    assert bar.right == layout.width - 90
    fitted = fit_all(layout, dict(spec.texts), "ar")["statement"]
    assert all(box.right == statement.right for box in fitted.ink)


def test_a_hashtag_on_an_arabic_card_keeps_its_own_order() -> None:
    """«#TaushetTarLiv» is drawn left to right (its first strong letter is Latin)."""
    from generator.images.fonts import direction

    script = card_script("ar")
    assert direction(script, "#TaushetTarLiv") == "ltr"
    assert direction(script, "المصدر: NOU 2020: 17") == "rtl"
    assert direction(card_script("nb"), "x") is None


def test_tigrinya_figures_have_digits_from_the_fallback_face() -> None:
    """Noto Sans Ethiopic has no ASCII digits; the merged face draws them."""
    from fontTools.ttLib import TTFont

    with TTFont(core_fonts.noto_file("NotoSansEthiopic-Bold.ttf")) as plain:
        assert ord("4") not in plain.getBestCmap()
    with TTFont(io.BytesIO(face_bytes(card_script("ti"), "black"))) as face:
        merged = face.getBestCmap()
    assert ord("4") in merged and 0x1200 in merged
    face = font("black", 120, card_script("ti"))
    x0, y0, x1, y1 = face.getbbox("4", anchor="ls")
    assert x1 - x0 > 30 and y1 - y0 > 60  # a real digit, not an empty box


def test_translated_cards_sit_beside_the_bokmal_ones(tmp_path, book, style) -> None:
    fact = book["krisesenter-voksne"]
    manifest = ensure_cards([fact], style, tmp_path, formats=["og"], languages=["en", "ar"])
    assert {p.name for p in tmp_path.glob("*.png")} == {
        "krisesenter-voksne-og.png",
        "krisesenter-voksne-og.en.png",
        "krisesenter-voksne-og.ar.png",
    }
    assert manifest.ids() == ["krisesenter-voksne"]
    assert manifest.languages("krisesenter-voksne") == ["en", "ar"]
    card = manifest.card("krisesenter-voksne", "og", "ar")
    assert card.alt.startswith("1 600–2 000 شخص بالغ")
    assert card.alt.endswith("المصدر: Bufdir: Krisesenterstatistikken (2022).")
    assert manifest.card("krisesenter-voksne", "og", "en").alt.startswith("1,600–2,000 adults")


def test_translations_leave_the_bokmal_card_as_it_was(tmp_path, book, style) -> None:
    fact = book["partnerdrap-andel"]
    plain = fact.model_copy(update={"translations": {}})
    with_translations = ensure_cards(
        [fact], style, tmp_path / "a", formats=["bred"], languages=["en"]
    )
    without = ensure_cards([plain], style, tmp_path / "b", formats=["bred"])
    a = with_translations.card("partnerdrap-andel", "bred")
    b = without.card("partnerdrap-andel", "bred")
    assert a.sha256 == b.sha256


def test_no_raqm_means_a_norwegian_error_not_unjoined_arabic(
    tmp_path, book, style, monkeypatch
) -> None:
    monkeypatch.setattr(card_scripts, "raqm_available", lambda: False)
    fact = book["partnerdrap-andel"]
    with pytest.raises(ImageError) as err:
        ensure_cards([fact], style, tmp_path, formats=["og"], languages=["ar"])
    assert "libraqm0" in str(err.value) and "libfribidi0" in str(err.value)
    assert "løse bokstaver" in str(err.value)
    assert not list(tmp_path.glob("*.png"))
    # Latin-script translations need no Raqm.
    ensure_cards([fact], style, tmp_path, formats=["og"], languages=["en"])
    assert (tmp_path / "partnerdrap-andel-og.en.png").is_file()


def test_a_missing_noto_package_is_named(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(core_fonts, "NOTO_DIRS", (tmp_path,))
    with pytest.raises(FontError) as err:
        core_fonts.noto_file("NotoSansArabic-Bold.ttf")
    assert "fonts-noto-core" in str(err.value)
    assert "apt-get install fonts-noto-core" in str(err.value)


def test_a_language_without_a_face_is_refused_in_norwegian() -> None:
    with pytest.raises(ImageError) as err:
        card_script("zh")
    assert "kan ikke lages ennå" in str(err.value)
    assert card_script("ur").rtl and card_script("ur").name == "urdu"
    assert card_script("uk").name == "cyrl" and not card_script("uk").rtl
    assert card_script("so").name == "latn"


def test_a_translation_too_long_for_the_card_names_its_language(book) -> None:
    from generator.facts import FactBook, FactText
    from generator.images.checks import fit_errors

    fact = book["krisesenter-voksne"]
    long = FactText(figure="1 600–2 000", statement="كلمة طويلة جدا " * 60)
    changed = fact.model_copy(update={"translations": {**fact.translations, "ar": long}})
    errors = fit_errors(FactBook([changed]))
    assert [e.field for e in errors] == ["krisesenter-voksne.translations.ar.statement"]
    assert "språket «ar»" in str(errors[0])
