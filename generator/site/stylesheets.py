"""Colours from stemme.toml and campaign.yaml as generated stylesheets, never inline.

The pages' Content-Security-Policy has no ``'unsafe-inline'`` for styles, so brand and
campaign colours can't sit in a ``<style>`` element or a ``style`` attribute. Instead:

- ``theme/css/farger.css``: the organisation's brand colours as custom properties on
  ``:root`` (from ``[brand]``), linked from every page (``base.html``);
- ``theme/css/kampanjefarger.css``: one rule per campaign with its own colours, selected by
  ``data-kampanje="<slug>"`` (``partials/campaign_colours.html``), linked with the
  campaign stylesheet.

Every value is a validated ``#RRGGBB`` colour and every slug a validated slug, so nothing
from the input can break out of the declaration.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

BRAND_CSS = "theme/css/farger.css"
CAMPAIGN_CSS = "theme/css/kampanjefarger.css"
_BRAND_PROPERTIES = {
    "primary": "--primary",
    "on_primary": "--on-primary",
    "accent": "--accent",
    "text": "--text",
    "background": "--background",
    "muted": "--muted",
}


def brand_css(brand: Any) -> str:
    """``:root`` custom properties for the brand colours of ``[brand]``."""
    lines = [f"  {prop}: {getattr(brand, key)};" for key, prop in _BRAND_PROPERTIES.items()]
    return ":root {\n" + "\n".join(lines) + "\n}\n"


def campaign_css(campaigns: Iterable[Any]) -> str:
    """One rule per campaign that has its own colours."""
    rules = []
    for campaign in campaigns:
        colours = campaign.colours
        if colours is None:
            continue
        rules.append(
            f'[data-kampanje="{campaign.slug}"] {{\n'
            f"  --c-primary: {colours.primary};\n"
            f"  --c-on-primary: {colours.on_primary};\n"
            f"  --c-accent: {colours.accent};\n}}\n"
        )
    return "\n".join(rules) or "/* Ingen kampanje har egne farger. */\n"


def write_stylesheet(output: Path, name: str, css: str) -> None:
    path = output / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("/* Laget av Stemme ved hvert bygg. */\n" + css, encoding="utf-8")
