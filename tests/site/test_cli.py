"""The CLI speaks Norwegian and uses the documented exit codes."""

from __future__ import annotations

from pathlib import Path

from generator.cli import main


def test_help_is_norwegian(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "Bruk: stemme" in out and "Kommandoer:" in out and "Valg:" in out
    assert "Vis denne hjelpen og avslutt." in out
    assert "Usage:" not in out and "Show this message" not in out


def test_every_command_help_is_norwegian(capsys):
    for command in (["build"], ["check"], ["serve"]):
        assert main([*command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Bruk: stemme" in out and "Vis denne hjelpen" in out, command


def test_usage_error_exits_2_in_norwegian(capsys):
    assert main(["finnes-ikke"]) == 2
    assert "Ukjent kommando «finnes-ikke»" in capsys.readouterr().err
    assert main(["build", "--dato", "i-morgen"]) == 2
    assert "2026-11-25" in capsys.readouterr().err


def test_click_catalogue_is_compiled_and_covers_every_click_message():
    """A click upgrade that adds a message fails here, naming it, instead of going English."""
    import click
    from babel.messages.extract import extract_from_dir
    from babel.messages.pofile import read_po

    from generator.cli_messages import CATALOGUE, compiled

    assert CATALOGUE.with_suffix(".mo").read_bytes() == compiled(), (
        "messages.mo er ikke kompilert fra messages.po: kjør «.venv/bin/python -m "
        "generator.cli_messages»"
    )
    with CATALOGUE.open("rb") as source:
        translated = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(source) if m.id}
    wanted = {
        message if isinstance(message, str) else message[0]
        for _, _, message, *_ in extract_from_dir(Path(click.__file__).parent)
    }
    assert not wanted - translated, sorted(wanted - translated)


def test_click_messages_are_norwegian(capsys):
    assert main(["check", "--finnes-ikke"]) == 2
    err = capsys.readouterr().err
    assert "Feil: Ukjent valg «--finnes-ikke»." in err and "Bruk: stemme check [VALG]" in err
    assert main(["consultations", "--due-within", "snart"]) == 2
    assert "Ugyldig verdi for '--due-within': «snart» er ikke et gyldig tall." in (
        capsys.readouterr().err
    )
