"""click's own messages (usage errors, help headings) in bokmål, through gettext.

click marks every message it prints with ``gettext`` in the default domain
(``messages``). Stemme ships a Norwegian catalogue for it,
``generator/locale/nb/LC_MESSAGES/messages.po``, compiled to ``messages.mo`` beside it,
and :func:`use_norwegian` points gettext there and selects ``nb``. No click internals
are touched, so a click upgrade at worst leaves a new message in English — and
``tests/site/test_cli.py`` names any message the catalogue lacks.

After editing the .po file, compile it: ``.venv/bin/python -m generator.cli_messages``.
"""

from __future__ import annotations

import gettext
import io
import os
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"  # click calls gettext.gettext, i.e. the default domain
LANGUAGE = "nb"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
CATALOGUE = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{DOMAIN}.po"


def use_norwegian() -> None:
    """Make click speak bokmål in this process (gettext's own language selection)."""
    gettext.bindtextdomain(DOMAIN, str(LOCALE_DIR))
    os.environ["LANGUAGE"] = LANGUAGE


def compiled(po: Path = CATALOGUE) -> bytes:
    """The .mo bytes for a .po catalogue."""
    with po.open("rb") as source:
        catalogue = read_po(source, locale=LANGUAGE, domain=DOMAIN)
    out = io.BytesIO()
    write_mo(out, catalogue)
    return out.getvalue()


if __name__ == "__main__":  # pragma: no cover
    CATALOGUE.with_suffix(".mo").write_bytes(compiled())
    print(f"Skrev {CATALOGUE.with_suffix('.mo')}")
