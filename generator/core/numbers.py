"""Numbers as Norwegian readers write them: decimal comma («0,7 s», «1,2 MB»)."""

from __future__ import annotations


def decimal(value: float, digits: int = 1) -> str:
    """``0.74`` → ``"0,7"`` (bokmål uses a decimal comma)."""
    return f"{value:.{digits}f}".replace(".", ",")


def seconds_text(seconds: float) -> str:
    """A duration for the terminal: ``0.74`` → ``"0,7 s"``."""
    return f"{decimal(seconds)} s"
