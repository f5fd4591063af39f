"""Writing systems on cards: which faces draw a language, which way it runs, where it breaks.

A card in bokmål is drawn exactly as before: Lato, Pillow's BASIC layout, nb hyphenation.
Every other language is looked up here::

    card_script("ar")  → CardScript("arab", rtl=True, shaped=True, faces …)
    check_shaping("ar") → raises ImageError (Norwegian) when Raqm is missing

The direction comes from Babel (``ar`` and ``ur`` run right to left); the script from
Babel's likely subtags (``ti`` → Ethi). Arabic, Urdu and Ethiopic text must be shaped
(joining forms, bidi order), which Pillow does only with Raqm — without it Arabic would
be drawn as unjoined letters in the wrong order, so such a card is refused instead.

Non-Latin faces are Noto from fonts-noto-core. None of them has every character a card
needs (Noto Sans Ethiopic has no ASCII digits, Noto Sans Arabic no Latin letters for a
source such as «NOU 2020: 17»), so each is merged with a Latin subset of Noto Sans into
one face (:mod:`generator.images.fonts`): Raqm then shapes and orders one line in one go,
and the width measured is the width drawn.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.core import BASE_LANGUAGE, ImageError

DEFAULT_LANGUAGE = BASE_LANGUAGE

# Faces per script and card weight: (main face, fallback face or ""). Noto has no Black
# in fonts-noto-core, so the figure uses Bold there.
_NOTO = {
    "arab": "NotoSansArabic",
    "urdu": "NotoNastaliqUrdu",
    "ethi": "NotoSansEthiopic",
}
LATIN_FILES = {"black": "Lato-Black.ttf", "bold": "Lato-Bold.ttf", "regular": "Lato-Regular.ttf"}
NOTO_WEIGHTS = {"black": "Bold", "bold": "Bold", "regular": "Regular"}
# The Latin part merged into a script face: basic Latin, Latin-1, Latin Extended-A,
# punctuation, €. Enough for sources («NOU 2020: 17», «Bufdir»), figures and «%».
FALLBACK_UNICODES = "U+0020-007E,U+00A0-00FF,U+0100-017F,U+2010-2027,U+2030-203A,U+20AC,U+2212"


@dataclass(frozen=True)
class CardScript:
    """How cards in one language are drawn."""

    name: str  # "latn", "cyrl", "arab", "urdu", "ethi"
    rtl: bool
    shaped: bool  # drawn and measured with Raqm (else Pillow's BASIC layout)
    line_height: float = 1.0  # multiplied into every slot's line height (Nastaliq is tall)

    def files(self, weight: str) -> tuple[str, str]:
        """(main face, fallback face merged under it, or "") for a card weight."""
        if self.name == "latn":
            return LATIN_FILES[weight], ""
        style = NOTO_WEIGHTS[weight]
        if self.name == "cyrl":
            return f"NotoSans-{style}.ttf", ""
        return f"{_NOTO[self.name]}-{style}.ttf", f"NotoSans-{style}.ttf"


LATIN = CardScript("latn", rtl=False, shaped=False)


@lru_cache(maxsize=64)
def card_script(lang: str) -> CardScript:
    """The script a card in ``lang`` is drawn in; ImageError for one we have no face for."""
    if not lang or lang == DEFAULT_LANGUAGE:
        return LATIN
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        raise ImageError(
            f"Ukjent språkkode «{lang}» for faktakort. Slik retter du det: bruk en kode "
            "på to bokstaver fra ISO 639-1, f.eks. «en», «ar» eller «ti»."
        ) from None
    rtl = locale.character_order == "right-to-left"
    subtags = get_global("likely_subtags").get(lang, "")
    script = subtags.split("_")[1].lower() if subtags.count("_") >= 1 else "latn"
    if lang == "ur":
        return CardScript("urdu", rtl=True, shaped=True, line_height=1.6)
    if script == "latn":
        return CardScript("latn", rtl=rtl, shaped=False)
    if script == "cyrl":
        return CardScript("cyrl", rtl=rtl, shaped=False)
    if script in ("arab", "ethi"):
        return CardScript(script, rtl=rtl, shaped=True, line_height=1.15 if rtl else 1.0)
    raise ImageError(
        f"Faktakort på «{lang}» ({locale.get_display_name('nb')}) kan ikke lages ennå: "
        f"skriften {script.title()} har ingen skrifttype i Stemme. Slik retter du det: "
        f"ta bort oversettelsen til «{lang}» fra content/fakta.yaml, eller meld fra til "
        "den som drifter Stemme."
    )


def raqm_available() -> bool:
    from PIL import features

    return bool(features.check("raqm"))


def check_shaping(lang: str) -> None:
    """Refuse to draw a script that needs shaping when Pillow has no Raqm."""
    script = card_script(lang)
    if script.shaped and not raqm_available():
        raise ImageError(
            f"Faktakort på «{lang}» må formes med Raqm (bokstaver som henger sammen, "
            "riktig rekkefølge fra høyre mot venstre), men Pillow finner ikke libraqm. "
            "Uten den ville arabisk blitt tegnet som løse bokstaver i feil rekkefølge. "
            "Slik retter du det: installer systempakkene libraqm0 og libfribidi0 "
            "(«sudo apt-get install libraqm0 libfribidi0»; «bash .ci/run» gjør det også)."
        )
