"""``stemme images``: render every fact card of the site (only what changed)."""

from __future__ import annotations

import json

import click

from generator.core.config import Paths, load_config
from generator.images.site_cards import render_site_cards


@click.command("images")
@click.option(
    "--json", "as_json", is_flag=True, help="Skriv kortene som JSON (fil, størrelse, alt-tekst)."
)
def images(as_json: bool) -> None:
    """Lag faktakort i alle formater fra content/fakta.yaml.

    Bare kort som er nye eller endret, tegnes på nytt; resten hentes fra hurtiglageret.
    Kortene havner i .cache/stemme/kort/ og kopieres inn i nettstedet ved neste bygg.
    """
    paths = Paths.discover()
    manifest = render_site_cards(paths, load_config(paths.config), progress=not as_json)
    if as_json:
        cards = [
            {
                "fil": str(c.path),
                "bredde": c.width,
                "høyde": c.height,
                "alt": c.alt,
                "sha256": c.sha256,
            }
            for c in manifest.cards()
        ]
        payload = {"laget": manifest.rendered, "fra_lager": manifest.cached, "kort": cards}
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    total = manifest.rendered + manifest.cached
    click.echo(
        f"{total} faktakort: {manifest.rendered} laget, {manifest.cached} uendret "
        f"(i {paths.cards})."
    )


def register(group: click.Group) -> None:
    group.add_command(images)
