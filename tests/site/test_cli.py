"""The CLI speaks Norwegian and uses the documented exit codes."""

from __future__ import annotations

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
