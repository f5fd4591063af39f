"""``stemme images``: render every fact card of the site (only what changed)."""

from __future__ import annotations

import click

from generator.core import echo_json, json_option, project
from generator.images.site_cards import render_site_cards


@click.command("images")
@json_option("Skriv kortene som JSON (fil, størrelse, alt-tekst).")
def images(as_json: bool) -> None:
    """Lag faktakort i alle formater fra content/fakta.yaml.

    Bare kort som er nye eller endret, tegnes på nytt; resten hentes fra hurtiglageret.
    Kortene havner i .cache/stemme/kort/ og kopieres inn i nettstedet ved neste bygg.
    """
    paths = project().paths
    manifest = render_site_cards(paths, project().config, progress=not as_json)
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
        echo_json(payload)
        return
    total = manifest.rendered + manifest.cached
    click.echo(
        f"{total} faktakort: {manifest.rendered} laget, {manifest.cached} uendret "
        f"(i {paths.cards})."
    )


def register(group: click.Group) -> None:
    group.add_command(images)
