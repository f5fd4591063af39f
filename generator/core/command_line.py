"""What every area's commands share: the project they run in and their JSON output.

:func:`project` finds the project (``Paths.discover()``) once per ``stemme`` run and keeps
it on the click context; its :attr:`Project.config` reads ``stemme.toml`` the first time
a command asks. :func:`json_option` is the ``--json`` flag and :func:`echo_json` the one
way a command prints JSON (UTF-8 as it is, indented); :func:`now_option` is ``--now``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import click

from generator.core.arguments import MOMENT
from generator.core.config import Config, Paths, load_config

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Project:
    """The project a command runs in: its folders, and its configuration when asked."""

    paths: Paths
    _config: Config | None = field(default=None, repr=False)

    @property
    def config(self) -> Config:
        """``stemme.toml``, read (and validated) the first time it is needed."""
        if self._config is None:
            self._config = load_config(self.paths.config)
        return self._config


def project() -> Project:
    """The project of the running command, found once and kept on the click context."""
    root = click.get_current_context().find_root()
    found = root.meta.get("stemme.project")
    if found is None:
        found = root.meta["stemme.project"] = Project(Paths.discover())
    return found  # type: ignore[no-any-return]


def json_option(help: str = "Skriv resultatet som JSON.") -> Callable[[F], F]:
    """The ``--json`` flag (parameter ``as_json``)."""
    return click.option("--json", "as_json", is_flag=True, help=help)


def now_option(help: str) -> Callable[[F], F]:
    """The ``--now TIDSPUNKT`` option (parameter ``now_at``: a datetime, or None for now)."""
    return click.option("--now", "now_at", type=MOMENT, metavar="TIDSPUNKT", help=help)


def echo_json(data: Any, *, default: Callable[[Any], Any] | None = None) -> None:
    """``data`` as indented JSON on standard output, non-ASCII letters as they are."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=default))
