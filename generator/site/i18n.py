"""The site's interface in every language: gettext catalogues and what Babel knows.

Templates mark what a visitor reads around the text with ``{{ _('…') }}``; the msgid IS
the bokmål text, so the default language needs no catalogue. The other languages have
``theme/locale/<lang>/LC_MESSAGES/messages.po``, read and compiled in memory at build
time (no ``.mo`` files in git). ``theme/locale/messages.pot`` is the template, extracted
from the templates with Babel's Jinja extractor.

    .venv/bin/python -m generator.site.i18n extract   # templates → messages.pot
    .venv/bin/python -m generator.site.i18n update    # pot → every language's .po
    .venv/bin/python -m generator.site.i18n missing   # what is left untranslated

Direction (``rtl`` for Arabic and Urdu) and each language's own name («English»,
«العربية») come from Babel's locale data, never from a list of ours.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel import Locale
from babel.core import get_global
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"
JINJA_EXTENSIONS = ["jinja2.ext.i18n"]
# og:locale wants language_TERRITORY; these are the territories the site is written for.
_TERRITORY = {"nb": "NO", "nn": "NO", "en": "GB", "se": "NO"}


# What search-ui.js shows, by the name of its data-text-* attribute ({n} and {query} are
# filled in by the script). In the catalogues like the templates' strings.
SCRIPT_TEXTS = {
    "hits": "{n} treff for «{query}»",
    "none": "Ingen treff for «{query}». Prøv et annet ord, eller se alle temaer.",
    "topics": "Alle temaer",
    "unavailable": "Søket er ikke tilgjengelig akkurat nå. "
    "Finn fram med Temaer, Standpunkter og Fakta i stedet.",
    "more-one": "Vis det siste treffet",
    "more-last": "Vis de siste {n} treffene",
    "more": "Vis {page} treff til ({n} igjen)",
}
SCRIPT = "static/js/search-ui.js"
# The fact box's own words (generator.site.fact_boxes), in the catalogues the same way.
FACT_BOX_TEXTS = {
    "label": "Fakta: %(figure)s",
    "card": "Last ned og del faktakortet",
}
FACT_BOX = "generator/site/fact_boxes.py"


# What marks a string in the templates: _('…'), and pgettext('context', '…') where the same
# bokmål word needs two translations (the menu's «Fakta» vs. a page's heading «Fakta»).
KEYWORDS = {"_": None, "pgettext": ((1, "c"), 2)}


def locale_dir(theme: Path) -> Path:
    return theme / "locale"


def catalogue_path(theme: Path, lang: str) -> Path:
    return locale_dir(theme) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def template_path(theme: Path) -> Path:
    return locale_dir(theme) / f"{DOMAIN}.pot"


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str  # the language named in itself, capitalised: «English», «Polski»
    direction: str  # "ltr" or "rtl"
    og_locale: str
    date_locale: str  # what Babel formats dates with: «en_GB» writes «20 November 2025»


@cache
def language_info(code: str) -> LanguageInfo:
    locale = Locale.parse(code)
    name = locale.get_display_name(code) or code
    name = name[:1].upper() + name[1:]
    rtl = locale.character_order == "right-to-left"
    territory = _TERRITORY.get(code) or locale.territory
    if territory is None:
        likely = str(get_global("likely_subtags").get(code, ""))
        territory = likely.rsplit("_", 1)[-1] if "_" in likely else code.upper()
    dates = f"{code}_{_TERRITORY[code]}" if code in _TERRITORY else code
    return LanguageInfo(code, name, "rtl" if rtl else "ltr", f"{code}_{territory}", dates)


def _read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def translations(theme: Path, lang: str) -> NullTranslations:
    """The compiled catalogue of ``lang`` (an empty one where there is no file)."""
    path = catalogue_path(theme, lang)
    if not path.is_file():
        return NullTranslations()
    buffer = io.BytesIO()
    write_mo(buffer, _read(path, lang))
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def extract(theme: Path, *, write: bool = True) -> Catalog:
    """Every marked string of the templates, as a catalogue (written to the pot unless
    ``write`` is false)."""
    catalog = Catalog(project="Stemme", domain=DOMAIN, charset="utf-8")
    method_map = [("**.html", "jinja2")]
    options = {"**.html": {"extensions": ",".join(JINJA_EXTENSIONS)}}
    for filename, lineno, message, comments, _context in extract_from_dir(
        theme / "templates", method_map, options_map=options, keywords=KEYWORDS
    ):
        location = [(f"templates/{filename}", lineno)]
        catalog.add(message, None, location, auto_comments=comments, context=_context)
    for text in SCRIPT_TEXTS.values():
        catalog.add(text, None, [(SCRIPT, 0)])
    for text in FACT_BOX_TEXTS.values():
        catalog.add(text, None, [(FACT_BOX, 0)])
    if not write:
        return catalog
    out = template_path(theme)
    out.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, omit_header=False, sort_output=True, no_location=False)
    out.write_bytes(buffer.getvalue())
    return catalog


def update(theme: Path, languages: list[str]) -> list[Path]:
    """Bring every language's catalogue up to the pot: new msgids added (empty),
    removed ones dropped, existing translations kept."""
    with template_path(theme).open("rb") as handle:
        template = read_po(handle, domain=DOMAIN)
    written = []
    for lang in languages:
        path = catalogue_path(theme, lang)
        if path.is_file():
            catalog = _read(path, lang)
            catalog.update(template, no_fuzzy_matching=True)
            catalog.obsolete.clear()
        else:
            catalog = Catalog(locale=lang, domain=DOMAIN, project="Stemme", charset="utf-8")
            catalog.update(template, no_fuzzy_matching=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        write_po(buffer, catalog, sort_output=True, width=100)
        path.write_bytes(buffer.getvalue())
        written.append(path)
    return written


def template_ids(theme: Path) -> list[str]:
    """The msgids of the pot (what the templates mark), in order."""
    path = template_path(theme)
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        return [str(m.id) for m in read_po(handle, domain=DOMAIN) if m.id]


def missing(theme: Path, lang: str) -> list[str]:
    """msgids of the pot with no translation (or a fuzzy one) in ``lang``'s catalogue
    (a msgid with a context as «context | msgid»)."""
    path = template_path(theme)
    if not path.is_file():
        return []
    with path.open("rb") as handle:
        wanted = [(m.context, str(m.id)) for m in read_po(handle, domain=DOMAIN) if m.id]
    done: set[tuple[str | None, str]] = set()
    if catalogue_path(theme, lang).is_file():
        catalog = _read(catalogue_path(theme, lang), lang)
        done = {(m.context, str(m.id)) for m in catalog if m.id and m.string and not m.fuzzy}
    return [f"{c} | {i}" if c else i for c, i in wanted if (c, i) not in done]


def main(argv: list[str]) -> int:
    from generator.core import Paths, load_config

    paths = Paths.discover()
    config = load_config(paths.config)
    command = argv[0] if argv else "missing"
    if command == "extract":
        catalog = extract(paths.theme)
        print(f"{len(catalog)} tekster i {template_path(paths.theme).relative_to(paths.root)}")
    elif command == "update":
        for path in update(paths.theme, config.languages.others):
            print(f"oppdatert {path.relative_to(paths.root)}")
    elif command == "missing":
        for lang in config.languages.others:
            left = missing(paths.theme, lang)
            print(f"{lang}: {len(left)} uoversatt")
            for msgid in left:
                print(f"    {msgid}")
    else:
        print("Bruk: python -m generator.site.i18n extract|update|missing", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
