"""A fact marker that would not become a box is refused by `stemme check` with its line and
the fix: escaped by an editor (``\\[[fakta:id]]``, the way Decap CMS saves it), without
an id, inside a paragraph, or miswritten. A code block may show the syntax."""

from __future__ import annotations

from generator.cli import main
from generator.facts import broken_markers

TEXT = """Avsnitt.

\\[[fakta:partnerdrap-andel]]

\\[\\[fakta:partnerdrap-andel\\]\\]

[[fakta:]]

Som [[fakta:voldtekt-kvinner]] viser.

[[Fakta: voldtekt-kvinner]]

[[fakta:partnerdrap-andel]]

```
\\[[fakta:vises-som-kode]]
```
"""


def test_every_broken_marker_is_found_with_its_line_and_fix():
    found = broken_markers(TEXT)
    assert [(m.line, m.column) for m in found] == [(3, 1), (5, 1), (7, 1), (9, 5), (11, 1)]
    assert found[0].text == (
        "faktaboksen «\\[[fakta:partnerdrap-andel]]» har \\ foran og vises som vanlig tekst, "
        "ikke som en faktaboks."
    )
    assert found[0].fix == "fjern \\ foran, så linjen blir «[[fakta:partnerdrap-andel]]» alene."
    assert "fjern \\ foran" in found[1].fix
    assert "mangler id-en" in found[2].text
    assert "står inne i en setning" in found[3].text
    assert found[4].text == (
        "«[[Fakta: voldtekt-kvinner]]» blir stående som tekst på siden. "
        "Mente du «[[fakta:voldtekt-kvinner]]»?"
    )
    assert (
        found[4].fix
        == "skriv «[[fakta:voldtekt-kvinner]]» (små bokstaver, som i content/fakta.yaml)."
    )


def test_check_refuses_an_escaped_marker_in_content_and_campaigns(project, capsys):
    page = project.content / "standpunkter" / "familievoldskoordinator-i-hver-kommune.md"
    text = page.read_text("utf-8")
    assert "\n[[fakta:handlingsplaner-kommuner]]\n" in text
    page.write_text(text.replace("\n[[fakta:", "\n\\[[fakta:", 1), "utf-8")
    line = page.read_text("utf-8").splitlines().index("\\[[fakta:handlingsplaner-kommuner]]") + 1
    section = project.campaigns / "taushet-tar-liv-2026" / "hvorfor.md"
    section.write_text(section.read_text("utf-8") + "\nSe [[fakta:partnerdrap-andel]] her.\n")

    assert main(["check"]) == 1

    err = capsys.readouterr().err
    assert (
        f"content/standpunkter/familievoldskoordinator-i-hver-kommune.md, linje {line}, "
        "kolonne 1: faktaboksen «\\[[fakta:handlingsplaner-kommuner]]» har \\ foran"
    ) in err
    assert "hvorfor.md" in err and "står inne i en setning" in err
