"""The public site: Pelican with Stemme's content model, plugins and an atomic build.

    content_model       front matter models per folder; every problem of every .md file
                        (fields, fact ids, broken fact markers, risky HTML, file names) at once
    checks              ``stemme check``: the content model plus each area's check,
                        sorted by file and line
    build               validate everything, run Pelican into a temp folder, swap it in:
                        output/ (publish) or build/preview/ (preview, drafts shown);
                        says what it made and reused
    fingerprint         the no-change shortcut: every input, the code version and the
                        campaign day hashed; unchanged → nothing is built
    pelican_log         Pelican's log in Norwegian; nothing of it reaches the terminal
    preview             ``stemme serve``: rebuild on change, local server, error page
    commands            ``stemme build``, ``stemme check``, ``stemme serve``
    letter_command      ``stemme letter``: one høringssvar as a PDF letter, drafts included
    context             the build context: made once per build (project, config, «today»,
                        preview or public), read and written by every plugin
    plugins/            the Pelican plugins (entry points, see its map): reader, site
                        files, languages, facts, campaigns, topics, photos, search,
                        letters, followup
    i18n                the interface in every language: gettext catalogues
                        (theme/locale/), Babel extract/update, direction and own names
    translations        om-oss.en.md beside om-oss.md: file names, the original's version,
                        stale translations (``stemme check``, ``stemme status``)
    sitemap             sitemap.xml (with each page's hreflang alternates) and robots.txt
                        from the pages in the output
    feeds               the section feeds' titles and language in Norwegian
    stylesheets         brand and campaign colours as generated CSS (no inline style)
    reader              Markdown reader that validates front matter with the content model
    conversion          Markdown → HTML: one converter per build; missing texts converted
                        ahead on every core
    markdown_cache      converted texts kept between builds (key: body, facts, settings,
                        code version; photos checked)
    fonts               Lato as WOFF2 for the theme (made in another process when missing)
    fact_boxes          ``[[fakta:ID]]`` → the one fact box markup (also a Jinja global)
    card_links          what a template gets for a card; cards linked into output/kort/
    topics              every ``topics:`` value: slugs, labels, the index /tema/ is made
                        from, the near-identical topics check
    photos              content/bilder/ photos: check, <picture> (a Markdown extension)
    search              the Pagefind index of a built site; reused when no page changed
    letters             a høringssvar file → its letter (content model, Markdown, facts)

Flow: fingerprint (unchanged → done) → content/*.md + fakta.yaml + campaigns/ → checks
→ Pelican (reader, plugins, generators; each sent høringssvar also → a generator.pdf
letter) → temp folder (+ search index) → world-readable → swapped in (core.swap) as output/
(``make publish``; then ``generator.deploy`` sends it) or build/preview/ (``make serve``).
Texts, cards, letters, photos, fonts, the kit and the search index come from
``.cache/stemme/`` when nothing they depend on changed, and are hard-linked into the site.
The site reads content, never the network or the state DB.
"""

from generator.core import Public, lazy_entrance

# The public entrance (what other areas import), each loaded from its module on first use.
_PUBLIC: Public = {
    "PHOTOS_URL": ("generator.site.photos", "PHOTOS_URL"),
    "PageMeta": ("generator.site.content_model", "PageMeta"),
    "PositionMeta": ("generator.site.content_model", "PositionMeta"),
    "Record": ("generator.site.fingerprint", "Record"),
    "TRANSLATED_KINDS": ("generator.site.translations", "TRANSLATED_KINDS"),
    "ResponseMeta": ("generator.site.content_model", "ResponseMeta"),
    "content_files": ("generator.site.content_model", "content_files"),
    "load_record": ("generator.site.fingerprint", "load_record"),
    "read_markdown": ("generator.site.content_model", "read_markdown"),
    "translation_status": ("generator.site.translations", "translation_status"),
}
__getattr__ = lazy_entrance(__name__, _PUBLIC)

__all__ = [
    "PHOTOS_URL",
    "TRANSLATED_KINDS",
    "PageMeta",
    "PositionMeta",
    "Record",
    "ResponseMeta",
    "content_files",
    "load_record",
    "read_markdown",
    "translation_status",
]
