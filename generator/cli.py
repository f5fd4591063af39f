"""The ``stemme`` command: parse arguments, call the library, map errors. Nothing else.

Each area keeps its commands beside its code (``generator/<area>/commands.py``) and
exposes ``register(group)``; this module only assembles them, so it stays small while the
areas grow. Exit codes: 0 ok, 1 a failure the user can fix (the message says how),
2 a usage error.
"""

from __future__ import annotations

import importlib
import re
import sys
from typing import Any

import click

from generator import __version__
from generator.core.errors import StemmeError

# Areas that contribute commands; a missing module simply contributes none.
AREAS = (
    "generator.site.commands",
    "generator.images.commands",
    "generator.campaigns.commands",
    "generator.watch.commands",
    "generator.social.commands",
)

_HEADINGS = {
    "Options": "Valg",
    "Commands": "Kommandoer",
    "Arguments": "Argumenter",
}

# click's own usage messages, in Norwegian (pattern → replacement).
_USAGE_MESSAGES = [
    (r"^No such option: (.+?)(?: \(Possible options: (.+)\))?$", r"Ukjent valg: \1"),
    (r"^No such command '(.+)'\.$", r"Ukjent kommando «\1»"),
    (r"^Missing argument '(.+)'\.$", r"Mangler argumentet \1"),
    (r"^Missing option '(.+)'\.$", r"Mangler valget \1"),
    (r"^Option '(.+)' requires an argument\.$", r"Valget \1 trenger en verdi"),
    (r"^Got unexpected extra arguments? \((.+)\)$", r"Uventede ekstra argumenter: \1"),
    (r"^Invalid value for '(.+)': (.+)$", r"Ugyldig verdi for \1: \2"),
]


class NorwegianFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Bruk: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(_HEADINGS.get(heading, heading))


class NorwegianContext(click.Context):
    formatter_class = NorwegianFormatter


click.Command.context_class = NorwegianContext
click.Group.context_class = NorwegianContext

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _help_option(f: Any) -> Any:
    return click.help_option("-h", "--help", help="Vis denne hjelpen og avslutt.")(f)


@click.group(context_settings=CONTEXT)
@click.version_option(
    __version__,
    "--versjon",
    "--version",
    message="stemme %(version)s",
    help="Vis versjonen og avslutt.",
)
@_help_option
def stemme() -> None:
    """Stemme — nettsted, faktakort, høringsvarsling og kampanjeposting.

    Kjør en kommando med --help for å se hva den gjør. Vanlige oppgaver:
    «make publish» bygger nettstedet, «stemme check» sjekker innholdet,
    «stemme watch» ser etter nye høringer.
    """


def _register_areas() -> None:
    for module_name in AREAS:
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        module.register(stemme)
    _norwegian_help(stemme)


def _norwegian_help(command: click.Command) -> None:
    """Norwegian usage line for every command (click's help option text is patched below)."""
    command.options_metavar = "[VALG]"
    if isinstance(command, click.Group):
        if command.subcommand_metavar == "COMMAND [ARGS]...":  # click's default
            command.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."
        for sub in command.commands.values():
            _norwegian_help(sub)


_click_help_option = click.Command.get_help_option


def _get_help_option(self: click.Command, ctx: click.Context) -> click.Option | None:
    option = _click_help_option(self, ctx)
    if option is not None:
        option.help = "Vis denne hjelpen og avslutt."
    return option


click.Command.get_help_option = _get_help_option  # type: ignore[method-assign]


def _translate_usage(message: str) -> str:
    for pattern, replacement in _USAGE_MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    _register_areas()
    try:
        result = stemme.main(args=argv, prog_name="stemme", standalone_mode=False)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.Abort:
        click.echo("Avbrutt.", err=True)
        return 1
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Feil: {_translate_usage(exc.format_message())}", err=True)
        click.echo("Se «stemme --help» for hjelp.", err=True)
        return 2
    except click.ClickException as exc:
        click.echo(f"Feil: {exc.format_message()}", err=True)
        return exc.exit_code
    except StemmeError as exc:
        click.echo(f"Feil: {exc}", err=True)
        return 1
    # Without standalone mode click returns ctx.exit()'s code instead of raising it.
    return result if isinstance(result, int) else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
