"""The Pelican plugins of the site: the entry points ``pelicanconf.py`` lists in
``PLUGINS``, each a module with ``register()`` and module-level receivers (Pelican's
signals hold weak references). They read and write this build's
:class:`generator.site.context.BuildContext`; what they do lives in the library modules
of :mod:`generator.site`.

    reader      our Markdown reader for .md; missing texts converted ahead on every core
    site_files  self-served fonts, robots.txt, sitemap.xml, brand colours stylesheet,
                _headers and .htaccess, admin/ (the browser editor); feeds in Norwegian
    languages   the site in every language of [languages]: gettext for the templates,
                the language switcher, hreflang, lists/feeds/search page per published
                language, «not translated» pages, dates per locale
    facts       /fakta/ pages, fact boxes in the Markdown, title cards, og:image for
                every page, the cards copied into output/kort/
    campaigns   campaign landing, day and archive pages, and the campaign kit's zip
                (a generator)
    topics      /tema/<slug>/ and /tema/ from every ``topics:`` value (a generator)
    photos      content/bilder/ photos → <picture> (Markdown), variants → output/bilder/
    search      the Pagefind index of the finished build (``SEARCH_INDEX``); the last
                one reused when no page changed
    letters     every sent høringssvar's PDF, linked from its page
    followup    «Hva skjedde videre?» on a sent response's page, from the watcher's
                ``<slug>.videre.yaml`` beside it (read through an allow-list)

The order in ``PLUGINS`` is the order their receivers run in (the site files are written
before the search index is made).
"""
