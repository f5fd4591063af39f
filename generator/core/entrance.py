"""A package's public entrance, loaded on first use (PEP 562).

Each package's ``__init__`` names what other areas may import from it in ``__all__`` and
maps each name to the inner module that defines it. ``from generator.site import
build_site`` then imports ``generator.site.build`` only at that moment: the entrance adds
no import-time cost and no import cycle (a test holds both the entrance and the rule that
other areas import only through it).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib import import_module
from typing import Any

# public name → (module, attribute in it; None: the module itself)
Public = dict[str, tuple[str, str | None]]


def lazy_entrance(package: str, public: Public) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: each public name from its module, once."""

    def __getattr__(name: str) -> Any:
        try:
            module, attribute = public[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = import_module(module)
        if attribute is not None:
            value = getattr(value, attribute)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
