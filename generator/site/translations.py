"""Translations of content files: ``om-oss.en.md`` beside ``om-oss.md``.

- :func:`split_name`: a file's base name and language (``None`` for the default
  language's plain ``om-oss.md``).
- :func:`version_of`: the digest a translation records in ``translation_of_version`` —
  the first 12 hex characters of SHA-256 over the original's text (UTF-8, line endings
  made ``\\n``, front matter included). Print it with
  ``.venv/bin/python -m generator.site.translations content/sider/om-oss.md``.
- :func:`check`: the ``stemme check`` area «oversettelser»: a language the site does not
  have or a translated høringssvar is an error; a translation whose original changed since
  (or that does not say which version it was made from) is a warning naming the file; an
  interface string left untranslated is an error for a published language and a warning
  for a help-only one.
- :func:`translation_status`: every translation with its state, for ``stemme status``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from generator.core import Config, ContentError, Paths, StemmeError
from generator.site import i18n

# «om-oss.en.md»: the part before .md is the language when it looks like a language code.
_LANG_SUFFIX = re.compile(r"^(?P<base>.+)\.(?P<lang>[a-z]{2,3})$")
DIGEST_LENGTH = 12
TRANSLATED_KINDS = ("standpunkter", "sider")


def split_name(path: Path) -> tuple[str, str | None]:
    """(«om-oss», «en») for om-oss.en.md; («om-oss», None) for om-oss.md."""
    found = _LANG_SUFFIX.match(path.stem)
    if found is None:
        return path.stem, None
    return found.group("base"), found.group("lang")


def original_of(path: Path) -> Path:
    base, _lang = split_name(path)
    return path.with_name(base + path.suffix)


def version_of(path: Path) -> str:
    text = path.read_bytes().decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]


@dataclass(frozen=True)
class TranslationState:
    path: Path  # the translation
    lang: str
    original: Path | None  # None: the text exists only in this language
    recorded: str | None  # translation_of_version
    current: str | None  # the original's version now
    reviewed: bool

    @property
    def stale(self) -> bool:
        return self.original is not None and self.recorded != self.current


def _front_matter(path: Path) -> dict:
    from generator.site.content_model import read_markdown

    try:
        meta, _body, _line = read_markdown(path)
    except StemmeError:
        return {}  # the content check explains a broken file
    return meta


def translation_files(paths: Paths) -> list[tuple[Path, str, str]]:
    """(file, kind, language) of every translated content file."""
    found = []
    for kind in ("standpunkter", "hoeringssvar", "sider"):
        folder = paths.content / kind
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            _base, lang = split_name(path)
            if lang is not None:
                found.append((path, kind, lang))
    return found


def translation_status(paths: Paths) -> list[TranslationState]:
    states = []
    for path, _kind, lang in translation_files(paths):
        meta = _front_matter(path)
        original = original_of(path)
        recorded = meta.get("translation_of_version")
        states.append(
            TranslationState(
                path=path,
                lang=lang,
                original=original if original.is_file() else None,
                recorded=str(recorded) if recorded is not None else None,
                current=version_of(original) if original.is_file() else None,
                reviewed=meta.get("reviewed") is True,
            )
        )
    return states


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def check(paths: Paths, config: Config) -> tuple[list[ContentError], list[str]]:
    errors: list[ContentError] = []
    warnings: list[str] = []
    known = set(config.languages.others)
    for path, kind, lang in translation_files(paths):
        rel = Path(_rel(path, paths.root))
        if lang == config.languages.default or lang not in known:
            listed = ", ".join(f"«{code}»" for code in config.languages.others) or "ingen"
            errors.append(
                ContentError(
                    f"filnavnet sier at teksten er på «{lang}», men det språket står ikke "
                    f"blant de andre språkene i [languages] i stemme.toml ({listed}).",
                    file=rel,
                    fix="rett språkkoden i filnavnet (f.eks. om-oss.en.md), eller legg "
                    "språket til i [languages] i stemme.toml.",
                )
            )
        elif kind not in TRANSLATED_KINDS:
            errors.append(
                ContentError(
                    "høringssvar oversettes ikke: svaret er sendt på norsk, og brevet er det "
                    "som ble sendt.",
                    file=rel,
                    fix="slett filen, eller skriv en side om saken i content/sider/.",
                )
            )
    warnings += _config_problems(config)
    for state in translation_status(paths):
        if state.lang not in known or state.original is None:
            continue
        rel = _rel(state.path, paths.root)
        original = _rel(state.original, paths.root)
        if state.recorded is None:
            warnings.append(
                f"{rel}: oversettelsen sier ikke hvilken versjon av {original} den er laget "
                f'fra. Skriv «translation_of_version: "{state.current}"» når du har sjekket '
                "at den stemmer med originalen."
            )
        elif state.stale:
            warnings.append(
                f"{rel}: oversettelsen er utdatert — {original} er endret siden den ble "
                f"laget (versjon {state.recorded}, nå {state.current}). Oppdater teksten og "
                f'skriv «translation_of_version: "{state.current}"».'
            )
    pot = i18n.template_path(paths.theme)
    fix = (
        "fyll inn msgstr for dem i filen (kjør først «.venv/bin/python -m "
        f"generator.site.i18n update» hvis {pot.name} er nyere)."
    )
    marked = {str(m.id) for m in i18n.extract(paths.theme, write=False) if m.id}
    listed = set(i18n.template_ids(paths.theme))
    if config.languages.others and marked != listed:
        new, gone = sorted(marked - listed), sorted(listed - marked)
        said = "; ".join(f"«{m}»" for m in (new or gone)[:3])
        errors.append(
            ContentError(
                f"{pot.name} stemmer ikke med malene ({len(new)} nye tekster, {len(gone)} "
                f"fjernet: {said}).",
                file=Path(_rel(pot, paths.root)),
                fix="kjør «.venv/bin/python -m generator.site.i18n extract» og «… update», "
                "og oversett de nye tekstene.",
            )
        )
    help_only = []
    for lang in config.languages.others:
        left = i18n.missing(paths.theme, lang)
        if not left:
            continue
        po = Path(_rel(i18n.catalogue_path(paths.theme, lang), paths.root))
        if lang in config.languages.published:
            shown = "; ".join(f"«{m}»" for m in left[:3]) + (" …" if len(left) > 3 else "")
            errors.append(
                ContentError(
                    f"{len(left)} tekster i malene er ikke oversatt til «{lang}» ({shown}); "
                    "de ville blitt vist på bokmål.",
                    file=po,
                    fix=fix,
                )
            )
        else:
            help_only.append(f"{po} ({len(left)})")
    if help_only:
        warnings.append(
            "Tekster i malene er ikke oversatt, og vises på bokmål på hjelpesidene: "
            + ", ".join(help_only)
            + f". Slik retter du det: {fix}"
        )
    return errors, warnings


def _config_problems(config: Config) -> list[str]:
    """Texts in stemme.toml given for a language the site does not have (a warning: they
    are kept for when the language is switched on again)."""
    known = set(config.languages.others)
    tables = [("site.translations", config.site.translations)]
    tables.append(("emergency.translations", config.emergency.translations))
    for number in config.emergency.numbers:
        tables.append(("emergency.numbers.translations", number.translations))
    unused = sorted(
        {f"[{table}.{lang}]" for table, texts in tables for lang in texts if lang not in known}
    )
    if not unused:
        return []
    return [
        f"stemme.toml: {', '.join(unused)}: språket står ikke i [languages], så teksten "
        "vises ikke. Slik retter du det: rett språkkoden, eller legg språket til i [languages]."
    ]


def main(argv: list[str]) -> int:
    if not argv:
        print(
            "Bruk: python -m generator.site.translations content/sider/om-oss.md", file=sys.stderr
        )
        return 2
    for name in argv:
        print(version_of(Path(name)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
