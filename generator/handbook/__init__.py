"""The internal handbook (mkdocs-material), built offline into build/handbook/.

``handbook/hooks.py`` is the thin mkdocs glue; this package does the work:

    markup      escape and sanitise untrusted text (feeds) before it becomes HTML; the
                autoescaped Jinja environment of templates/fragments.html
    templates/fragments.html  the HTML of the generated pages (tables, figures, lists)
    tracker     tracked consultations from the state DB (watcher's read API) + drafts
    tracker_pages  «Frister», «Høringer» and one page per consultation (Markdown + HTML)
    tracker_matters  «Våre saker»: each followed response's timeline (watch's follow store)
    campaign    the campaign's posting plan and the ledger status
    gallery     every fact card with its alt text and source
    fonts       Lato from the installed font package, converted to WOFF2 (never downloaded)
    pages       collects every generated page and asset for one build

Nothing here writes to the project: generated pages live only in the built site.
"""
