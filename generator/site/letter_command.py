"""``stemme letter FILE|SLUG [--out PATH]``: one høringssvar as a PDF letter, drafts included.

A draft's letter says «UTKAST» on every page, so the board can approve it; it is written
to ``build/brev/`` (or ``--out``), never into ``output/``. The file is checked first as
``stemme check`` checks it (content model, risky HTML, facts, images). The letter comes from the
same cache the site build uses, so an unchanged letter is not rendered again.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import click

from generator.core import (
    Config,
    ContentError,
    ContentErrors,
    LetterError,
    Paths,
    StemmeError,
    inside,
    output_path,
    project,
    write_atomic,
)
from generator.facts import load_facts
from generator.pdf import Letter, LetterFile, ensure_letter
from generator.site.content_model import load_document
from generator.site.letters import letter_check, load_letter

LETTERS = "brev"  # build/brev/: where `stemme letter` writes by default
_DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")  # file names start with the date


def pelican_settings(paths: Paths) -> dict[str, Any]:
    """The site's Pelican settings (its Markdown and slug rules), as the build reads them."""
    from pelican.settings import read_settings

    return read_settings(str(paths.root / "pelicanconf.py"))


def site_slug(path: Path, settings: dict[str, Any]) -> str:
    """The slug Pelican gives the response's page (from the file name)."""
    from pelican.utils import slugify

    return slugify(
        path.stem,
        regex_subs=settings.get("SLUG_REGEX_SUBSTITUTIONS", []),
        preserve_case=settings.get("SLUGIFY_PRESERVE_CASE", False),
        use_unicode=settings.get("SLUGIFY_USE_UNICODE", False),
    )


def letter_problems(paths: Paths, config: Config, skip: set[Path]) -> list[ContentError]:
    """What only a letter refuses, for every sent response not in ``skip`` (the files the
    page check already faulted): the letter's allow-list is narrower than a page's (no
    video, no image from outside content/bilder/, …), and ``stemme check`` should say so
    before the build's letter stage does. The letters are converted, never compiled."""
    responses = sorted(p for p in paths.responses.glob("*.md") if p.resolve() not in skip)
    sent = []
    for path in responses:
        try:
            if getattr(load_document(path, "hoeringssvar").meta, "status", None) == "sendt":
                sent.append(path)
        except StemmeError:
            continue  # reported by the page check
    if not sent:
        return []
    settings = pelican_settings(paths)
    try:
        book = load_facts(paths.facts)
    except StemmeError:
        return []  # reported by the facts check
    errors: list[ContentError] = []
    for path in sent:
        try:
            load_letter(
                path,
                slug=site_slug(path, settings),
                config=config,
                root=paths.root,
                book=book,
                markdown=settings["MARKDOWN"],
            )
        except ContentErrors as exc:
            errors += exc.errors
        except ContentError as exc:
            errors.append(exc)
    return errors


def find_response(paths: Paths, name: str) -> Path:
    """A path to a Markdown file, or a slug (with or without the date in front)."""
    given = Path(name)
    if given.suffix == ".md" or len(given.parts) > 1:
        if not given.is_file():
            raise LetterError(
                f"Fant ikke filen {name}. Sjekk stien, eller skriv bare navnet (slug)."
            )
        if not inside(given, paths.responses):  # symlinks resolved: never outside
            raise LetterError(
                f"{name} ligger ikke i {paths.responses.relative_to(paths.root)}/. Et brev "
                "lages bare fra et høringssvar i prosjektet: skriv navnet (slug) eller stien "
                "til filen der."
            )
        return given.resolve()
    files = sorted(paths.responses.glob("*.md"))
    exact = [p for p in files if p.stem == name]
    matches = exact or [p for p in files if _DATE_PREFIX.sub("", p.stem) == name]
    if len(matches) == 1:
        return matches[0]
    known = ", ".join(p.stem for p in files) or "ingen"
    if matches:
        raise LetterError(
            f"«{name}» passer på flere høringssvar: {', '.join(p.stem for p in matches)}. "
            "Skriv hele navnet, med datoen."
        )
    raise LetterError(
        f"Fant ikke høringssvaret «{name}» i {paths.responses.relative_to(paths.root)}/. "
        f"Disse finnes: {known}."
    )


def destination(paths: Paths, letter: Letter, out: str | None) -> Path:
    """Where the letter goes: ``--out`` (a file, or a folder: existing or ending in «/»),
    else build/brev/."""
    name = f"{letter.slug}-utkast.pdf" if letter.draft else letter.file_name
    if out is None:
        dest = paths.build / LETTERS / name
    elif Path(out).is_dir() or out.endswith(("/", os.sep)):
        dest = Path(out) / name
    else:
        dest = Path(out)
    example = f"build/brev/{name}"
    dest = output_path(dest, paths.root, suffix=".pdf", kind="brevet", example=example).resolve()
    if letter.draft and dest.is_relative_to(paths.output.resolve()):
        raise LetterError(
            f"Et utkast skrives aldri til {paths.output.name}/ (det som publiseres). "
            "Velg en annen mappe med --out, eller la være å bruke --out (build/brev/)."
        )
    return dest


def write_letter(file: LetterFile, dest: Path) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(dest, file.path.read_bytes())


def _shown(path: Path, root: Path) -> str:
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


@click.command()
@click.argument("response", metavar="FIL|SLUG")
@click.option(
    "--out",
    type=click.Path(dir_okay=True),
    metavar="STI",
    help="Hvor PDF-en skal skrives (en fil eller en mappe). Standard: build/brev/.",
)
def letter(response: str, out: str | None) -> None:
    """Lag høringssvaret som brev (PDF) – også et utkast.

    FIL|SLUG er filen i content/hoeringssvar/ eller navnet på den, med eller uten
    datoen foran, f.eks. «omvendt-voldsalarm-og-kontaktforbud». Et utkast er merket
    «UTKAST» på hver side, så styret kan godkjenne det før det sendes.
    """
    proj = project()
    paths, config = proj.paths, proj.config
    source = find_response(paths, response)
    settings = pelican_settings(paths)
    book = load_facts(paths.facts)
    letter_check(source, config=config, root=paths.root, book=book)  # as `stemme check` does
    made = load_letter(
        source,
        slug=site_slug(source, settings),
        config=config,
        root=paths.root,
        book=book,
        markdown=settings["MARKDOWN"],
    )
    dest = destination(paths, made, out)
    file = ensure_letter(made, paths.letters_cache)
    write_letter(file, dest)
    how = "laget" if file.rendered else "uendret siden sist"
    click.echo(f"Brevet: {_shown(dest, paths.root)} ({file.pages_text}, {file.size_text}, {how})")
    if made.draft:
        click.echo("Dette er et utkast: hver side er merket «UTKAST». Det publiseres ikke.")


def register(group: click.Group) -> None:
    group.add_command(letter)
