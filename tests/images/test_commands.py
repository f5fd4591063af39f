"""`stemme images`: renders the site's cards into the cache, then only what changed."""

from __future__ import annotations

import json

from generator.cli import main


def test_images_renders_then_reuses(project, capsys) -> None:
    assert main(["images"]) == 0
    first = capsys.readouterr().out
    assert "laget" in first and "0 uendret" in first
    assert main(["images", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["laget"] == 0 and data["fra_lager"] == len(data["kort"]) > 0
    assert all(card["alt"] for card in data["kort"])
    assert (project.cards / "manifest.json").is_file()


def test_images_reports_a_broken_fakta_file(project, capsys) -> None:
    project.facts.write_text("- id: x\n  figure: ''\n", "utf-8")
    assert main(["images"]) == 1
    err = capsys.readouterr().err
    assert "fakta.yaml, linje 2: feltet «x.figure»: kan ikke være tom." in err
    assert "Traceback" not in err
