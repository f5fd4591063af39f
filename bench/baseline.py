"""The fair baseline's letters: what a user would assemble instead of Stemme's letters.

For every *sent* response: python-markdown (``extra``) → a plain string template with
the same stylesheet (``baseline_letter.css``, the letter sheet Stemme used with
WeasyPrint) and the same logo → ``weasyprint.HTML(string=…).write_pdf(pdf_variant=
"pdf/ua-1")``, on every core (one ``FontConfiguration`` per worker, the one-line
optimisation a careful user makes), nothing cached. Used by ``bench/site.py``.

WeasyPrint is a dev dependency only for this (it needs Pango and HarfBuzz at run time);
without them :func:`bare_letters` returns None and the bench says so.
"""

from __future__ import annotations

import html
import os
import re
import time
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import markdown
import yaml

SHEET = Path(__file__).with_name("baseline_letter.css")
FONT_FACES = {
    (400, "normal"): "Lato-Regular.ttf",
    (400, "italic"): "Lato-Italic.ttf",
    (700, "normal"): "Lato-Bold.ttf",
    (900, "normal"): "Lato-Black.ttf",
}
PAGE = """<!doctype html>
<html lang="nb"><head><meta charset="utf-8"><title>{title}</title>
<meta name="author" content="{org}"><style>{css}</style></head>
<body><header class="letterhead"><div class="letterhead__logo"></div>
<p class="letterhead__name">{org}</p></header>
<section class="addressing"><p class="recipient">{recipient}</p>
<dl class="refs"><div class="refs__item"><dt>Deres ref.</dt><dd>{ref}</dd></div>
<div class="refs__item"><dt>Dato</dt><dd>{date}</dd></div></dl></section>
<main class="letter"><h1>{title}</h1>{body}</main></body></html>"""
_FRONT = re.compile(r"^---\n(.*?)\n---\n(.*)$", re.S)
_STATE: dict[str, Any] = {}


def _init(css: str) -> None:
    """In each worker: WeasyPrint loaded, one font configuration for all its letters."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    _STATE.update(weasyprint=weasyprint, fonts=FontConfiguration(), css=css)


def _letter(job: tuple[Path, Path]) -> int:
    source, out = job
    weasyprint, fonts = _STATE["weasyprint"], _STATE["fonts"]
    meta_text, body = _FRONT.match(source.read_text(encoding="utf-8")).groups()  # type: ignore[union-attr]
    meta = yaml.safe_load(meta_text)
    page = PAGE.format(
        title=html.escape(str(meta["title"])),
        org="Krisesentersekretariatet",
        recipient=html.escape(str(meta.get("department", ""))),
        ref=html.escape(str(meta.get("reference", ""))),
        date=html.escape(str(meta.get("sent") or meta.get("date"))),
        css=_STATE["css"],
        body=markdown.markdown(body, extensions=["extra"]),
    )
    document = weasyprint.HTML(string=page, base_url=str(source.parent))
    out.write_bytes(document.write_pdf(pdf_variant="pdf/ua-1", font_config=fonts))
    return 1


def _sent(root: Path) -> list[Path]:
    found = []
    for path in sorted((root / "content" / "hoeringssvar").glob("*.md")):
        head = path.read_text(encoding="utf-8").split("\n---\n", 1)[0]
        if re.search(r"(?m)^status: sendt\s*$", head):
            found.append(path)
    return found


def _sheet(root: Path) -> str:
    from generator.core.fonts import lato_file

    faces = "\n".join(
        f'@font-face {{ font-family: "Lato"; font-weight: {w}; font-style: {s}; '
        f'src: url("{lato_file(f).as_uri()}"); }}'
        for (w, s), f in FONT_FACES.items()
    )
    logo = (root / "theme" / "static" / "img" / "logo.svg").resolve().as_uri()
    brand = ":root { --brand: #5B2A86; --logo: url(" + f'"{logo}"' + "); }"
    return "\n".join([faces, SHEET.read_text(encoding="utf-8"), brand])


def bare_letters(root: Path, out: Path) -> tuple[float, int] | None:
    """(seconds, letters) for every sent response of ``root`` as a bare WeasyPrint letter
    into ``out``; None when WeasyPrint cannot load (no Pango/HarfBuzz)."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return None
    out.mkdir(parents=True, exist_ok=True)
    jobs = [(path, out / f"{path.stem}.pdf") for path in _sent(root)]
    start = time.perf_counter()
    with Pool(len(os.sched_getaffinity(0)), initializer=_init, initargs=(_sheet(root),)) as pool:
        pool.map(_letter, jobs, chunksize=4)
    return time.perf_counter() - start, len(jobs)
