"""The ``stemme`` command: parse arguments, call the library, map errors. Nothing else.

Each area keeps its commands beside its code (``generator/<area>/commands.py``) and
exposes ``register(group)``; this module only assembles them, so it stays small while the
areas grow. click's own messages come in bokmål from a gettext catalogue
(:mod:`generator.cli_messages`). Exit codes: 0 ok, 1 a failure the user can fix (the
message says how), 2 a usage error.
"""

from __future__ import annotations

import sys

import click

from generator import __version__
from generator.campaigns import commands as campaign_commands
from generator.cli_messages import use_norwegian
from generator.core import StemmeError
from generator.deploy import commands as deploy_commands
from generator.hosted import commands as state_commands
from generator.images import commands as image_commands
from generator.site import commands as site_commands
from generator.site import letter_command as letter_commands
from generator.social import commands as social_commands
from generator.status import commands as status_commands
from generator.watch import commands as watch_commands

# Every area's commands, in the order `stemme --help` lists them.
AREAS = (
    status_commands,
    site_commands,
    image_commands,
    campaign_commands,
    watch_commands,
    social_commands,
    deploy_commands,
    letter_commands,
    state_commands,
)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


@click.group(context_settings=CONTEXT, options_metavar="[VALG]")
@click.version_option(
    __version__,
    "--versjon",
    "--version",
    message="stemme %(version)s",
    help="Vis versjonen og avslutt.",
)
def stemme() -> None:
    """Stemme — nettsted, faktakort, høringsvarsling og kampanjeposting.

    Kjør en kommando med --help for å se hva den gjør. Vanlige oppgaver:
    «make publish» bygger nettstedet, «stemme check» sjekker innholdet,
    «stemme watch» ser etter nye høringer.
    """


stemme.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."


def build_cli() -> click.Group:
    """The ``stemme`` group with every area's commands (assembled once)."""
    if not stemme.commands:
        for area in AREAS:
            area.register(stemme)
        _norwegian_metavars(stemme)
    return stemme


def _norwegian_metavars(command: click.Command) -> None:
    """«[VALG]» and «KOMMANDO [ARGUMENTER]...» in every usage line (click's are English)."""
    command.options_metavar = "[VALG]"
    if isinstance(command, click.Group):
        command.subcommand_metavar = "KOMMANDO [ARGUMENTER]..."
        for sub in command.commands.values():
            _norwegian_metavars(sub)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    use_norwegian()
    cli = build_cli()
    try:
        result = cli.main(args=argv, prog_name="stemme", standalone_mode=False)
    except KeyboardInterrupt:
        return _interrupted(argv)
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 1
    except click.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):
            return _interrupted(argv)
        click.echo("Avbrutt.", err=True)
        return 1
    except click.UsageError as exc:
        if exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
        click.echo(f"Feil: {exc.format_message()}", err=True)
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


INTERRUPTED = 130  # the shell's code for a command stopped by Ctrl+C (128 + SIGINT)
# What is true after Ctrl+C, by command (the rest get the first sentence alone).
AFTER_INTERRUPT = {
    "build": "Ingenting er halvveis skrevet: forrige versjon av nettstedet står urørt.",
    "images": "Ingenting er halvveis skrevet; kortene som ble ferdige, gjenbrukes neste gang.",
    "deploy": "Nettstedet på nett er fortsatt helt; kjør «stemme deploy» igjen for resten.",
    "post": "Se «stemme post status» før du kjører igjen.",
}


def _interrupted(argv: list[str] | None) -> int:
    """Ctrl+C: one Norwegian line, no traceback, exit code 130."""
    words = [w for w in (sys.argv[1:] if argv is None else argv) if not w.startswith("-")]
    after = AFTER_INTERRUPT.get(words[0] if words else "", "")
    click.echo(f"Avbrutt (Ctrl+C). {after}".rstrip(), err=True)
    return INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
