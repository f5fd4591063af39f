"""Pelican plugin: the files every site has beside its pages — self-served fonts,
robots.txt and sitemap.xml (:mod:`generator.site.sitemap`), the brand colours stylesheet,
the host header files (``_headers``, ``.htaccess``), the browser editor in ``admin/``
(:mod:`generator.admin`; never in the sitemap) — and the section feeds in Norwegian
(:mod:`generator.site.feeds`).

The web fonts are started in another process when the build starts (a cold cache) and
installed when it ends; everything else is written once all pages are.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pelican import signals

from generator.admin import write_admin
from generator.core import write_header_files
from generator.site.context import build_context
from generator.site.feeds import norwegian_feed
from generator.site.fonts import fonts_ahead, install_fonts
from generator.site.sitemap import write_robots, write_sitemap
from generator.site.stylesheets import BRAND_CSS, brand_css, write_stylesheet


def start_fonts(pelican: Any) -> None:
    context = build_context(pelican.settings)
    # The languages' scripts decide which web fonts the site needs.
    context.fonts_ahead = fonts_ahead(context.paths.web_fonts, context.config.languages.all)


def finish_site(pelican: Any) -> None:
    output = Path(pelican.settings["OUTPUT_PATH"])
    base = pelican.settings["CANONICAL_BASE"]
    context = build_context(pelican.settings)
    if ahead := context.fonts_ahead:
        context.fonts_ahead = None
        ahead.join()  # if it failed, install_fonts makes them (and says why it can't)
    install_fonts(output / "theme" / "fonts", context.paths.web_fonts, context.config.languages.all)
    write_robots(output, base)
    write_sitemap(output, base)
    write_stylesheet(output, BRAND_CSS, brand_css(context.config.brand))
    write_header_files(output)
    write_editor(pelican.settings, output)


def write_editor(settings: dict[str, Any], output: Path) -> None:
    """/admin/ (generator.admin): in the preview always (the local-repository mode of
    `make serve`), on the public site only when [admin] names the git host."""
    context = build_context(settings)
    if context.preview or context.config.admin is not None:
        write_admin(output, context.config, context.paths)


def register() -> None:
    signals.initialized.connect(start_fonts)
    signals.feed_generated.connect(norwegian_feed)
    signals.finalized.connect(finish_site)
